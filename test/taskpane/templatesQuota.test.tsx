/** @jest-environment ./test/taskpane/jsdomEnvironment.js */
import '@testing-library/jest-dom';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { act, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { unzipSync } from 'fflate';
import * as iconv from 'iconv-lite';
import * as XLSX from 'xlsx';

import { encodeTemplateCode } from '../../src/core/templateCode';
import { FileHost } from '../../src/host/fileHost';
import { AssistantHost } from '../../src/host/host';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { sampleSet } from '../../src/samples/sampleReports';
import { templateCells, TEMPLATE_SHEET, templateFileName } from '../../src/templates/reportTemplate';
import { App, AppProps } from '../../src/taskpane/App';
import * as templatesDownload from '../../src/taskpane/templatesDownload';
import { NEW_UNIT, RENAMED, nextYearText, nextYearUnits, noticeText, noticeWithWrongTotal } from './quotaTexts';
import { INDICATORS } from '../helpers/table2023';

jest.setTimeout(120_000);
// As in App.test.tsx: skip the slow visibility check of role queries in jsdom.
configure({ defaultHidden: true, asyncUtilTimeout: 20_000 });

const embedded = embeddedQuota2023();
let newMaster: Uint8Array;
let mergedMaster: Uint8Array;

beforeAll(async () => {
  const h = new FileHost();
  await h.create(embedded);
  newMaster = (await h.download()).bytes;
  await h.master.merge({ month: 1, files: sampleSet({ months: [1] }).files, includeSheets: false });
  mergedMaster = (await h.download()).bytes;
});

async function openHost(bytes: Uint8Array): Promise<FileHost> {
  const h = new FileHost();
  await h.openMaster({ name: '持证进度主表-2023.xlsx', bytes });
  return h;
}

function excelLike(file: FileHost): AssistantHost {
  return {
    kind: 'excel',
    master: file.master,
    masterLabel: () => '当前工作簿',
    create: (table) => file.create(table),
    missingFeatures: () => [],
  };
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

/** Central directory of a zip: each entry's general-purpose flags and raw name bytes. */
function centralDirectory(zip: Uint8Array): Array<{ flags: number; name: Uint8Array }> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('no end of central directory');
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const entries: Array<{ flags: number; name: Uint8Array }> = [];
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const nameLength = view.getUint16(at + 28, true);
    entries.push({ flags: view.getUint16(at + 8, true), name: zip.subarray(at + 46, at + 46 + nameLength) });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

describe('下载报表模板（.zip） in 催报', () => {
  const BUTTON = '下载报表模板（.zip）';

  test('month 2 (截至月份 1 + 1): one .xlsx per unit with UTF-8 names, flagged as UTF-8, saved as a zip', async () => {
    const host = await openHost(mergedMaster);
    const save = jest.fn();
    renderApp({ host, save });
    const pane = await openTab('催报');
    expect(within(pane).getByRole('combobox', { name: '模板月份' })).toHaveValue('2');
    fireEvent.click(within(pane).getByRole('button', { name: BUTTON }));
    expect(within(pane).getByRole('button', { name: BUTTON })).toBeDisabled();
    expect(within(pane).getByText('正在生成 179 份报表模板，需要几秒钟…')).toBeInTheDocument();
    const zipName = '2023年2月进度月报模板（179个单位）.zip';
    expect(
      await within(pane).findByText(`已生成 179 份报表模板，已下载“${zipName}”，请到浏览器的下载列表中查看。`, {}, { timeout: 90_000 }),
    ).toBeInTheDocument();
    expect(within(pane).getByRole('button', { name: BUTTON })).toBeEnabled();

    expect(save).toHaveBeenCalledTimes(1);
    const [bytes, name, mime] = save.mock.calls[0] as [Uint8Array, string, string];
    expect(name).toBe(zipName);
    expect(mime).toBe('application/zip');
    const expected = embedded.units.map((u) => templateFileName(u, 2023, 2));
    const entries = centralDirectory(bytes);
    expect(entries).toHaveLength(179);
    for (const e of entries) expect(e.flags & 0x800).toBe(0x800); // bit 11: the name is UTF-8
    expect(entries.map((e) => new TextDecoder('utf-8', { fatal: true }).decode(e.name))).toEqual(expected);

    const files = unzipSync(bytes);
    expect(Object.keys(files)).toEqual(expected);
    // Each file is that unit's February template (its hidden code says so).
    for (const id of [1, 100, 179]) {
      const ws = XLSX.read(files[templateFileName(embedded.units[id - 1], 2023, 2)], { type: 'array' }).Sheets[TEMPLATE_SHEET];
      expect(ws[templateCells(INDICATORS).code].v).toBe(encodeTemplateCode({ year: 2023, month: 2, unitId: id }));
    }
  });

  test('a failure is explained in the section and the button works again; Excel saves the same way', async () => {
    const spy = jest.spyOn(templatesDownload, 'buildTemplatesDownload').mockRejectedValueOnce(new Error('内存不足'));
    const save = jest.fn();
    renderApp({ host: excelLike(await openHost(newMaster)), hostStatus: 'excel', save });
    const pane = await openTab('催报');
    expect(within(pane).getByRole('combobox', { name: '模板月份' })).toHaveValue('1'); // nothing merged yet
    fireEvent.change(within(pane).getByRole('combobox', { name: '模板月份' }), { target: { value: '12' } });
    fireEvent.click(within(pane).getByRole('button', { name: BUTTON }));
    expect(await within(pane).findByText('未能生成报表模板')).toBeInTheDocument();
    expect(within(pane).getByText(/内存不足 主表没有改变。请重试/)).toBeInTheDocument();
    expect(save).not.toHaveBeenCalled();
    expect(spy).toHaveBeenCalledWith(expect.anything(), 12);

    spy.mockResolvedValueOnce({ name: 'x.zip', bytes: new Uint8Array([1]), count: 179 });
    fireEvent.click(within(pane).getByRole('button', { name: BUTTON }));
    expect(await within(pane).findByText(/已生成 179 份报表模板，已下载“x\.zip”/)).toBeInTheDocument();
    expect(save).toHaveBeenCalledWith(new Uint8Array([1]), 'x.zip', 'application/zip');
    spy.mockRestore();
  });

  test('without a master there is no templates button', async () => {
    renderApp({ host: new FileHost() });
    await waitFor(() => expect(screen.getByRole('button', { name: '新建主表' })).toBeEnabled());
    expect(screen.queryByRole('button', { name: BUTTON })).not.toBeInTheDocument();
  });
});

describe('导入新年度任务表 (新建主表 from a pasted or chosen table)', () => {
  const OPEN = '导入新年度任务表…';
  const CREATE = '用此任务表新建主表';

  async function openImport() {
    await waitFor(() => expect(screen.getByRole('button', { name: OPEN })).toBeEnabled());
    fireEvent.click(screen.getByRole('button', { name: OPEN }));
    const region = await screen.findByRole('region', { name: '导入新年度任务表' });
    await waitFor(() => expect(region).toHaveFocus());
    return region;
  }

  function paste(region: HTMLElement, text: string) {
    fireEvent.change(within(region).getByRole('textbox', { name: '任务表文本（从通知 PDF 复制）' }), { target: { value: text } });
    fireEvent.click(within(region).getByRole('button', { name: '检查' }));
  }

  test("the notice's own text reproduces the embedded 2023 table and creates a master of 179 units", async () => {
    const host = new FileHost();
    renderApp({ host });
    const region = await openImport();
    const year = within(region).getByRole('textbox', { name: '年度' });
    expect(year).toHaveValue('2024'); // the previous table's year + 1
    fireEvent.change(year, { target: { value: '2023' } });
    fireEvent.change(within(region).getByRole('textbox', { name: '任务依据' }), { target: { value: embedded.source } });
    paste(region, noticeText);
    expect(await within(region).findByText('任务表可以使用：2023 年度，179 个单位。请对照通知核对下面的合计。')).toBeInTheDocument();
    expect(within(region).getByText('单位名单与 2023 年度相同。')).toBeInTheDocument();
    expect(within(within(region).getByRole('region', { name: '2023 年度任务' })).getByText(`依据：${embedded.source}`, { exact: false })).toBeInTheDocument();

    fireEvent.click(within(region).getByRole('button', { name: CREATE }));
    expect(await screen.findByRole('tablist', { name: '功能' }, { timeout: 30_000 })).toBeInTheDocument();
    expect(screen.getByText('已新建主表“持证进度主表-2023.xlsx”。下一步：在“导入与合并”中导入各单位的月报表。')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: '导入新年度任务表' })).not.toBeInTheDocument();
    expect(host.master.state().model!.table).toEqual(embedded);
    expect(host.master.state().model!.table.units).toHaveLength(179);
  });

  test('a 合计 that disagrees with the rows is refused with the importer’s message, and nothing can be created', async () => {
    const host = new FileHost();
    const create = jest.spyOn(host, 'create');
    renderApp({ host });
    const region = await openImport();
    paste(region, noticeWithWrongTotal(7));
    expect(await within(region).findByText('任务表不能使用')).toBeInTheDocument();
    expect(
      within(region).getByText('合计行与各行之和不符（培训任务：合计 1050007，各行之和 1050000；合计行在第 253 行）。请核对任务表是否完整、数字是否有误。'),
    ).toBeInTheDocument();
    expect(within(region).queryByRole('button', { name: CREATE })).not.toBeInTheDocument();
    expect(create).not.toHaveBeenCalled();

    // Editing the text drops the old result: it never describes text other than the one shown.
    fireEvent.change(within(region).getByRole('textbox', { name: '任务表文本（从通知 PDF 复制）' }), { target: { value: noticeText } });
    expect(within(region).queryByText('任务表不能使用')).not.toBeInTheDocument();
  });

  test('renamed, new and dropped units are listed; a new unit of unclear type must get a category before creating', async () => {
    const host = new FileHost();
    renderApp({ host });
    const region = await openImport();
    paste(region, nextYearText());
    const select = await within(region).findByRole('combobox', { name: `“179 ${NEW_UNIT}”的类别` });
    expect(within(region).getByRole('heading', { name: '请为 1 个新单位选择类别' })).toBeInTheDocument();
    expect(within(within(region).getByRole('list', { name: '改名的单位（1）' })).getByText(`30：${embedded.units[29].name} → ${RENAMED}`)).toBeInTheDocument();
    expect(within(within(region).getByRole('list', { name: '新增的单位（1）' })).getByText(`179 ${NEW_UNIT}`)).toBeInTheDocument();
    expect(within(within(region).getByRole('list', { name: '不再列入的单位（1）' })).getByText(`100 ${embedded.units[99].name}`)).toBeInTheDocument();
    expect(within(region).queryByText('任务表不能使用')).not.toBeInTheDocument();
    const create = within(region).getByRole('button', { name: CREATE });
    expect(create).toHaveAttribute('aria-disabled', 'true');
    fireEvent.click(create);
    expect(screen.queryByRole('tablist')).not.toBeInTheDocument();

    fireEvent.change(select, { target: { value: '本科高校' } });
    expect(await within(region).findByText('任务表可以使用：2024 年度，179 个单位。请对照通知核对下面的合计。')).toBeInTheDocument();
    // 检查 again: the category chosen stays chosen and the table stays usable.
    fireEvent.click(within(region).getByRole('button', { name: '检查' }));
    expect(await within(region).findByText('任务表可以使用：2024 年度，179 个单位。请对照通知核对下面的合计。')).toBeInTheDocument();
    expect(within(region).getByRole('combobox', { name: `“179 ${NEW_UNIT}”的类别` })).toHaveValue('本科高校');
    await waitFor(() => expect(within(region).getByRole('button', { name: CREATE })).not.toHaveAttribute('aria-disabled', 'true'));
    fireEvent.click(within(region).getByRole('button', { name: CREATE }));
    expect(await screen.findByRole('tablist', { name: '功能' }, { timeout: 30_000 })).toBeInTheDocument();
    const table = host.master.state().model!.table;
    expect(table.year).toBe(2024);
    expect(table.source).toBe('2024年度任务分配表');
    expect(table.units).toEqual(nextYearUnits());
    expect(host.masterLabel()).toBe('持证进度主表-2024.xlsx');
  });

  test('a text file saved in ANSI (GB18030) on Chinese Windows is read through the file picker', async () => {
    renderApp({ host: new FileHost() });
    const region = await openImport();
    const file = new File([new Uint8Array(iconv.encode(noticeText, 'gb18030'))], '2024任务表.txt', { type: 'text/plain' });
    await act(async () => {
      fireEvent.change(within(region).getByLabelText('选择任务表文件'), { target: { files: [file] } });
    });
    expect(await within(region).findByText('检查的是文件“2024任务表.txt”。')).toBeInTheDocument();
    expect(await within(region).findByText('任务表可以使用：2024 年度，179 个单位。请对照通知核对下面的合计。')).toBeInTheDocument();
  });

  test('over a master with unsaved changes, creating asks first (as 新建主表 does); cancel keeps the master', async () => {
    const host = await openHost(mergedMaster);
    const create = jest.spyOn(host, 'create');
    renderApp({ host });
    fireEvent.change(within(screen.getByRole('tabpanel', { name: '概览' })).getByRole('combobox', { name: '截至月份' }), { target: { value: '2' } });
    await screen.findByText('主表有尚未下载的修改：完成后请点“下载主表”保存。');
    const region = await openImport();
    paste(region, noticeText);
    fireEvent.click(await within(region).findByRole('button', { name: CREATE }));
    const dialog = await screen.findByRole('dialog', { name: '替换当前主表？' });
    fireEvent.click(within(dialog).getByRole('button', { name: '取消' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(create).not.toHaveBeenCalled();
    expect(host.master.state().model!.month).toBe(2);
  });

  test('in Excel: offered in a workbook that is not a master yet, not over an open master; the year field is checked', async () => {
    const empty = renderApp({ host: excelLike(new FileHost()), hostStatus: 'excel' });
    const region = await openImport();
    const year = within(region).getByRole('textbox', { name: '年度' });
    fireEvent.change(year, { target: { value: '24' } });
    expect(within(region).getByText('请填写 2000–2100 之间的年份。')).toBeInTheDocument();
    fireEvent.click(within(region).getByRole('button', { name: '关闭' }));
    expect(screen.queryByRole('region', { name: '导入新年度任务表' })).not.toBeInTheDocument();
    empty.unmount();

    renderApp({ host: excelLike(await openHost(newMaster)), hostStatus: 'excel' });
    await screen.findByRole('tablist', { name: '功能' });
    expect(screen.queryByRole('button', { name: OPEN })).not.toBeInTheDocument();
  });
});
