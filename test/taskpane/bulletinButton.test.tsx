/** @jest-environment ./test/taskpane/jsdomEnvironment.js */
import '@testing-library/jest-dom';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';

import { defaultRequirements } from '../../src/bulletin/defaultText';
import { PROGRAMME } from '../../src/bulletin/fromMaster';
import { statusReport } from '../../src/core/status';
import { FileHost } from '../../src/host/fileHost';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { sampleSet } from '../../src/samples/sampleReports';
import { App, AppProps } from '../../src/taskpane/App';
import { readWorkbook } from '../../src/workbook/adapters/xlsxRead';
import { readMaster } from '../../src/workbook/readMaster';
import { bodyParagraphs, openDocx, tables } from '../bulletin/docxParts';
import { count, pct } from '../bulletin/expected';

/*
 * 生成通报（Word） in the pane (file host, as the standalone page): the button builds the circular of the open master
 * in the page and hands the .docx to the same save path as 下载主表; its text is read back with fflate and checked
 * against statusReport. jsdom has no canvas: the chart is drawn with the CLI's renderer (resvg) in its place, and one
 * test lets it fail to see the circular still come, with a warning.
 */
jest.mock('../../src/bulletin/canvasPng', () => {
  const { resvgPng } = jest.requireActual('../../src/bulletin/resvgPng');
  return { canvasPng: jest.fn(resvgPng) };
});
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { canvasPng } = require('../../src/bulletin/canvasPng') as { canvasPng: jest.Mock };

jest.setTimeout(180_000);
configure({ defaultHidden: true, asyncUtilTimeout: 60_000 });

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
let mergedMaster: Uint8Array;

beforeAll(async () => {
  const h = new FileHost();
  await h.create(embeddedQuota2023());
  await h.master.merge({ month: 1, files: sampleSet({ months: [1] }).files, includeSheets: false });
  mergedMaster = (await h.download()).bytes;
});

async function openHost(bytes: Uint8Array): Promise<FileHost> {
  const h = new FileHost();
  await h.openMaster({ name: '持证进度主表-2023.xlsx', bytes });
  return h;
}

function renderApp(props: AppProps) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App {...props} />
    </FluentProvider>,
  );
}

async function openTab(name: string) {
  fireEvent.click(screen.getByRole('tab', { name }));
  await waitFor(() => expect(screen.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true'));
  return screen.getByRole('tabpanel', { name });
}

/** Clicks 生成通报（Word） and returns what was saved. */
async function buildCircular(save: jest.Mock): Promise<{ bytes: Uint8Array; name: string; section: HTMLElement }> {
  const panel = await openTab('概览');
  const section = within(panel).getByRole('region', { name: '进度通报（Word）' });
  const button = within(section).getByRole('button', { name: '生成通报（Word）' });
  fireEvent.click(button);
  // While it builds: the button refuses a second click and the spinner says so (in a polite live region).
  expect(button).toHaveAttribute('aria-disabled', 'true');
  expect(within(section).getByText('正在生成通报，需要几秒钟…')).toBeInTheDocument();
  await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
  await waitFor(() => expect(button).not.toHaveAttribute('aria-disabled', 'true'));
  const [bytes, name, mime] = save.mock.calls[0] as [Uint8Array, string, string];
  expect(mime).toBe(DOCX_MIME);
  return { bytes, name, section };
}

test("the circular of 截至月份: title, every indicator's figures, the units who did not report, the chart, the annex", async () => {
  const host = await openHost(mergedMaster);
  const model = host.master.state().model!;
  const save = jest.fn();
  renderApp({ host, save });
  await screen.findByRole('tab', { name: '概览' });
  const { bytes, name, section } = await buildCircular(save);

  expect(name).toBe('2023年1月进度通报（草稿）.docx');
  const docx = openDocx(bytes);
  const xml = docx.xml('word/document.xml');
  const body = bodyParagraphs(xml);
  expect(body[0].replace(/\n/g, '')).toBe(`${model.table.keeper}关于2023年1月“${PROGRAMME}”建设工作任务进度情况的通报`);

  // Every figure of 一、总体进度 against the core's status of the same master and month.
  const status = statusReport(model.table, model.ledger, 1, model.pace);
  const text = body.join('\n');
  for (const ind of model.table.indicators) {
    const figures = status.units.map((u) => u.indicators[ind.key]);
    const annual = figures.reduce((s, f) => s + (f.annual ?? 0), 0);
    const cumulative = figures.reduce((s, f) => s + (f.cumulative ?? 0), 0);
    const line = body.find((p) => p.includes(ind.label) && p.includes(count(annual)));
    expect([ind.key, line]).toEqual([ind.key, expect.stringContaining(count(cumulative))]);
    expect(line).toContain(pct(cumulative / annual));
  }
  // 四、报送情况: the units without a month-1 report, by name.
  expect(status.missing.length).toBeGreaterThan(0);
  for (const id of status.missing) expect(text).toContain(model.table.units.find((u) => u.id === id)!.name);
  // 五、下一步工作要求: the default text (nothing saved yet).
  expect(text).toContain(defaultRequirements(PROGRAMME)[1]);
  // The annex lists every unit once (first column: 序号).
  const ids = new Set(
    tables(xml)
      .flat()
      .filter((r) => !r.header && /^\d+$/.test(r.cells[0] ?? ''))
      .map((r) => Number(r.cells[0])),
  );
  expect(ids).toEqual(new Set(model.table.units.map((u) => u.id)));
  // The chart, drawn by the renderer the pane passes.
  expect(canvasPng).toHaveBeenCalledTimes(1);
  expect(Object.keys(docx.files).filter((f) => f.startsWith('word/media/'))).toHaveLength(1);

  expect(within(section).getByText(`已生成进度通报草稿，已下载“${name}”，请到浏览器的下载列表中查看，在 Word 或 WPS 中修改后印发。`)).toBeInTheDocument();
  // Read only: the master has nothing new to download.
  expect(screen.queryByText(/尚未下载|未下载/)).toBeNull();
});

test('下一步工作要求 edited in 设置 is saved in the master as text, used by the circular; 恢复默认 brings the default back', async () => {
  const host = await openHost(mergedMaster);
  const save = jest.fn();
  renderApp({ host, save });
  const settings = await openTab('设置');
  const region = within(settings).getByRole('region', { name: '通报的“下一步工作要求”' });
  const field = within(region).getByRole('textbox', { name: /下一步工作要求（每行一段）/ });
  expect(field).toHaveValue(defaultRequirements(PROGRAMME).join('\n'));
  expect(within(region).getByText('目前使用默认文字。')).toBeInTheDocument();

  const mine = '（一）本月重点。全力补齐培训缺口。\n=IF(A1>0,"公式","文字") 仍是文字';
  fireEvent.change(field, { target: { value: mine } });
  fireEvent.click(within(region).getByRole('button', { name: '保存' }));
  await within(region).findByText('已保存“下一步工作要求”，生成通报时使用。');
  expect(within(region).getByText('目前使用主表中保存的文字。')).toBeInTheDocument();
  // In the master's bytes (what 下载主表 saves), read back as the same text.
  const saved = readMaster(readWorkbook((await host.download()).bytes)).model;
  expect(saved.requirements).toBe(mine);
  expect(host.master.state().last).toMatchObject({ operation: 'setRequirements', ok: true });

  const { bytes } = await buildCircular(save);
  const body = bodyParagraphs(openDocx(bytes).xml('word/document.xml'));
  const fifth = body.findIndex((p) => p.startsWith('五、'));
  expect(body.slice(fifth + 1, fifth + 3)).toEqual(['（一）本月重点。全力补齐培训缺口。', '=IF(A1>0,"公式","文字") 仍是文字']);

  const again = await openTab('设置');
  const region2 = within(again).getByRole('region', { name: '通报的“下一步工作要求”' });
  fireEvent.click(within(region2).getByRole('button', { name: '恢复默认' }));
  await within(region2).findByText('已恢复默认文字，生成通报时使用。');
  expect(within(region2).getByRole('textbox', { name: /下一步工作要求/ })).toHaveValue(defaultRequirements(PROGRAMME).join('\n'));
  expect(readMaster(readWorkbook((await host.download()).bytes)).model.requirements).toBeUndefined();
});

test('a chart the browser cannot draw: the circular still comes, and the pane says why it has no chart', async () => {
  const host = await openHost(mergedMaster);
  const save = jest.fn();
  canvasPng.mockRejectedValueOnce(new Error('浏览器未能绘制通报中的图表：请确认页面的内容安全策略（CSP）允许 img-src blob:。'));
  renderApp({ host, save });
  await screen.findByRole('tab', { name: '概览' });
  const { bytes, section } = await buildCircular(save);
  expect(Object.keys(openDocx(bytes).files).some((f) => f.startsWith('word/media/'))).toBe(false);
  expect(
    within(section).getByText(/通报中没有图表，其余内容完整。原因：浏览器未能绘制通报中的图表：请确认页面的内容安全策略（CSP）允许 img-src blob:。/),
  ).toBeInTheDocument();
});

test('a failure is explained with what to do, and the button works again', async () => {
  const host = await openHost(mergedMaster);
  const save = jest.fn().mockImplementationOnce(() => {
    throw new Error('磁盘已满。');
  });
  renderApp({ host, save });
  await screen.findByRole('tab', { name: '概览' });
  const panel = await openTab('概览');
  const section = within(panel).getByRole('region', { name: '进度通报（Word）' });
  const button = within(section).getByRole('button', { name: '生成通报（Word）' });
  fireEvent.click(button);
  await within(section).findByText('未能生成通报');
  expect(within(section).getByText(/磁盘已满。 主表没有改变。请重试；如仍失败，可在电脑上用命令行的 bulletin 命令生成/)).toBeInTheDocument();
  fireEvent.click(button);
  await waitFor(() => expect(save).toHaveBeenCalledTimes(2));
  await within(section).findByText(/已生成进度通报草稿/);
});
