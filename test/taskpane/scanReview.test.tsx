/** @jest-environment ./test/taskpane/jsdomEnvironment.js */
/*
 * Scans in the import list (a bar per file, cancel, read again) and 核对扫描件: the doubtful numbers focused first,
 * Enter accepts and moves on, typing corrects, Escape leaves; the confirmed figures merge as 手工录入 and
 * 合并日志 records the scan's file and SHA-256. jsdom, with the page's parser replaced by one that answers as the
 * worker does (scan results made by the project's own scanReports/scanPageViews from plain reader data).
 */
import '@testing-library/jest-dom';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { act, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';

import { getEntry } from '../../src/core/ledger';
import type { Unit } from '../../src/core/units';
import { FileHost } from '../../src/host/fileHost';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { sha256Hex } from '../../src/reports/readReports';
import { App } from '../../src/taskpane/App';
import type { ReportParser } from '../../src/taskpane/reportParser';
import { readWorkbook } from '../../src/workbook/adapters/xlsxRead';
import { readMaster } from '../../src/workbook/readMaster';
import { INDICATORS } from '../helpers/table2023';
import { ScanForm, fakeScanParser, parsedScan, scanBytes } from './scanFixture';

jest.setTimeout(120_000);
configure({ defaultHidden: true, asyncUtilTimeout: 20_000 });

const table = embeddedQuota2023();
let newMaster: Uint8Array;
const created: string[] = [];

beforeAll(async () => {
  const h = new FileHost();
  await h.create(table);
  newMaster = (await h.download()).bytes;
  // jsdom has no blob: URLs; the view draws crops from one.
  URL.createObjectURL = (b: Blob) => {
    created.push(`blob:page-${created.length}`);
    expect(b.type).toBe('image/png');
    return created[created.length - 1];
  };
  URL.revokeObjectURL = () => undefined;
});

/** A unit with all four quotas, and its January form: 10 % of each quota done. */
const unit = table.units.find((u) => INDICATORS.every((i) => (u.quota[i.key] ?? 0) > 100)) as Unit;
const truth = Object.fromEntries(INDICATORS.map((i) => [i.key, { annual: unit.quota[i.key], cumulative: Math.round((unit.quota[i.key] as number) / 10) }]));
const [training, certified] = INDICATORS;
const trainingCum = truth[training.key].cumulative as number;
/** 培训 累计 misread (a digit off by 5), 取证 当月 read with low confidence. */
const uncertain: ScanForm = {
  unit,
  truth,
  misread: {
    [`${training.key}.cumulative`]: { text: String(trainingCum + 500), confidence: 0.95 },
    [`${certified.key}.monthly`]: { text: String(truth[certified.key].cumulative), confidence: 0.6 },
  },
};

async function openHost(): Promise<FileHost> {
  const h = new FileHost();
  await h.openMaster({ name: '持证进度主表-2023.xlsx', bytes: newMaster });
  return h;
}

async function renderImport(host: FileHost, parser: ReportParser) {
  render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} parser={parser} />
    </FluentProvider>,
  );
  fireEvent.click(await screen.findByRole('tab', { name: '导入与合并' }));
  return screen.getByRole('tabpanel', { name: '导入与合并' });
}

async function pick(files: File[]) {
  await act(async () => {
    fireEvent.change(screen.getByLabelText('选择报表文件'), { target: { files } });
  });
}

const input = (pane: HTMLElement, indicator: string, field: string) =>
  within(pane).getByRole('textbox', { name: `${indicator}（${INDICATORS.find((i) => i.label === indicator)!.unit}） ${field}` });

function keyEnter(el: Element) {
  fireEvent.keyDown(el, { key: 'Enter', code: 'Enter' });
}

test('a scan is read with its own bar, can be cancelled and read again; the list says 已取消 meanwhile', async () => {
  const fake = fakeScanParser((f, inds) => parsedScan(f, inds, { unit, truth }));
  fake.hold('郑州来件.png');
  const host = await openHost();
  const pane = await renderImport(host, fake.parser);
  await pick([new File([scanBytes('a').slice()], '郑州来件.png')]);

  const row = await within(pane).findByRole('listitem', { name: /郑州来件\.png：第 1\/1 页：识别/ });
  expect(within(row).getByRole('progressbar')).toBeInTheDocument();
  expect(within(pane).getByText('扫描件读完（或取消读取）后才能合并。')).toBeInTheDocument();
  expect(within(pane).getByRole('button', { name: /本月合并/ })).toHaveAttribute('aria-disabled', 'true');

  fireEvent.click(within(row).getByRole('button', { name: '取消读取 郑州来件.png' }));
  const cancelled = await within(pane).findByRole('listitem', { name: '郑州来件.png：已取消' });
  expect(within(cancelled).getByText(/已取消读取：这个文件不会合并/)).toBeInTheDocument();
  await waitFor(() => expect(within(cancelled).getByRole('button', { name: '重新读取 郑州来件.png' })).toHaveFocus());

  // Read again, this time to the end: the scan becomes an ordinary entry of the dry run (it passes its checks).
  fake.release('郑州来件.png');
  fireEvent.click(within(cancelled).getByRole('button', { name: '重新读取 郑州来件.png' }));
  const done = await within(pane).findByRole('listitem', { name: '郑州来件.png：可合并（有警告）' });
  expect(within(done).getByText('数字读自扫描件')).toBeInTheDocument();
  // A scan that passed can be looked at too.
  expect(within(done).getByRole('button', { name: '核对扫描件 郑州来件.png 第1页' })).toBeInTheDocument();
  expect(fake.calls).toEqual(['郑州来件.png', '郑州来件.png']);
  expect(within(pane).getByRole('button', { name: /本月合并/ })).not.toHaveAttribute('aria-disabled', 'true');
});

test('核对扫描件: doubtful cells first, Enter accepts, typing corrects, then it merges as 手工录入 with the scan’s SHA-256 in 合并日志', async () => {
  const bytes = scanBytes('uncertain');
  const second = table.units.find((u) => u.id !== unit.id && INDICATORS.every((i) => (u.quota[i.key] ?? 0) > 100)) as Unit;
  const secondForm: ScanForm = {
    unit: second,
    truth: Object.fromEntries(INDICATORS.map((i) => [i.key, { annual: second.quota[i.key], cumulative: Math.round((second.quota[i.key] as number) / 5) }])),
  };
  const fake = fakeScanParser((f, inds) => parsedScan(f, inds, f.name === '来件-1月.png' ? uncertain : secondForm));
  const host = await openHost();
  const pane = await renderImport(host, fake.parser);
  await pick([new File([bytes.slice()], '来件-1月.png'), new File([scanBytes('second').slice()], '另一单位.png')]);
  await within(pane).findByRole('listitem', { name: '另一单位.png：可合并（有警告）' });

  const row = await within(pane).findByRole('listitem', { name: '来件-1月.png：不能合并' });
  expect(within(row).getByText('扫描件有待核对的数字')).toBeInTheDocument();
  fireEvent.click(within(row).getByRole('button', { name: '核对扫描件 来件-1月.png 第1页' }));

  const view = await within(pane).findByRole('region', { name: '核对扫描件：来件-1月.png（第1页）' });
  // The unit the list recognised, the month to merge, and what the scan wrote.
  expect(within(view).getByRole('combobox', { name: '单位' })).toHaveValue(`${unit.id} ${unit.name}`);
  expect(within(view).getByText(`扫描件上写的：${unit.name}`)).toBeInTheDocument();
  expect(within(view).getByRole('combobox', { name: '月份' })).toHaveValue('1');
  // Crops are cut from the page image by its boxes.
  const crop = within(view).getByRole('img', { name: `扫描件上的“${training.label} 累计已完成”` });
  expect(crop.style.backgroundImage).toContain('blob:page-');
  expect(crop).toHaveAttribute('data-crop', '380,120,70,30');
  expect(within(view).getByRole('img', { name: '扫描件第1页' })).toBeInTheDocument();

  // The misread 累计 breaks the month's arithmetic and the printed rate: its row's cells come first, focused.
  const monthly = input(view, training.label, '当月完成');
  await waitFor(() => expect(monthly).toHaveFocus());
  expect(monthly.closest('[data-cell]')).toHaveAttribute('data-state', 'doubt');
  const cumulative = input(view, training.label, '累计已完成');
  expect(cumulative).toHaveValue(String(trainingCum + 500));
  // The printed rate points to the right 累计: proposed, not applied.
  expect(within(view).getByText(new RegExp(`建议改为 ${trainingCum}（按表格自身的算术推出`))).toBeInTheDocument();
  expect(within(view).getByTestId('review-remaining')).toHaveTextContent('还有 4 个待核对的数字。');

  // Merging before everything is confirmed merges nothing and says why.
  fireEvent.click(within(view).getByRole('button', { name: '确认并合并' }));
  expect(await within(view).findByText(/还有 4 个待核对的数字：请逐个核对/)).toBeInTheDocument();
  expect(monthly).toHaveFocus();

  keyEnter(monthly); // 当月完成 is right
  expect(cumulative).toHaveFocus();
  fireEvent.change(cumulative, { target: { value: String(trainingCum) } }); // typed over the misreading
  keyEnter(cumulative);
  const rate = input(view, training.label, '累计完成率（%）');
  expect(rate).toHaveFocus();
  keyEnter(rate);
  const lowConfidence = input(view, certified.label, '当月完成');
  expect(lowConfidence).toHaveFocus();
  expect(lowConfidence.closest('[data-cell]')).toHaveAttribute('data-state', 'doubt');
  keyEnter(lowConfidence);
  const merge = within(view).getByRole('button', { name: '确认并合并' });
  expect(merge).toHaveFocus();
  expect(within(view).getByTestId('review-remaining')).toHaveTextContent('待核对的数字都已确认，可以合并。');
  expect(view.querySelectorAll('[data-state="confirmed"]')).toHaveLength(4);
  expect(view.querySelectorAll('[data-state="doubt"]')).toHaveLength(0);

  fireEvent.click(merge);
  const notice = await within(pane).findByText(`已合并${unit.name} 1 月数据（来源：核对扫描件“来件-1月.png”，合并日志记有其 SHA-256）。`);
  expect(notice).toBeInTheDocument();
  // The page left the list (its file had nothing else); the rest of the list is still January's.
  expect(within(pane).queryByRole('listitem', { name: /来件-1月\.png/ })).not.toBeInTheDocument();
  expect(within(pane).getByRole('listitem', { name: '另一单位.png：可合并（有警告）' })).toBeInTheDocument();
  expect(within(pane).getByRole('combobox', { name: '合并月份' })).toHaveValue('1');
  fireEvent.click(within(pane).getByRole('button', { name: '本月合并（1月）' }));
  await within(pane).findByTestId('merge-result');

  const back = readMaster(readWorkbook((await host.download()).bytes)).model;
  for (const ind of INDICATORS) {
    const c = truth[ind.key].cumulative as number;
    expect(getEntry(back.ledger, unit.id, ind.key, 1)).toEqual({ monthly: c, cumulative: c });
    const d = secondForm.truth[ind.key].cumulative as number;
    expect(getEntry(back.ledger, second.id, ind.key, 1)).toEqual({ monthly: d, cumulative: d });
  }
  const log = back.log.find((row) => row[4] === '手工录入（核对扫描件第1页）')!;
  expect(log.slice(3, 9)).toEqual(['来件-1月.png', '手工录入（核对扫描件第1页）', sha256Hex(bytes), unit.id, unit.name, '已合并']);
});

test('Escape leaves 核对扫描件 without merging, back on its button; another unit can be chosen', async () => {
  const fake = fakeScanParser((f, inds) => parsedScan(f, inds, uncertain));
  const host = await openHost();
  const pane = await renderImport(host, fake.parser);
  await pick([new File([scanBytes('esc').slice()], '来件.png')]);
  const row = await within(pane).findByRole('listitem', { name: '来件.png：不能合并' });
  fireEvent.click(within(row).getByRole('button', { name: '核对扫描件 来件.png 第1页' }));
  const view = await within(pane).findByRole('region', { name: /核对扫描件：来件\.png/ });
  const monthly = input(view, training.label, '当月完成');
  await waitFor(() => expect(monthly).toHaveFocus());
  fireEvent.change(monthly, { target: { value: '1' } });
  fireEvent.keyDown(monthly, { key: 'Escape', code: 'Escape' });

  expect(within(pane).queryByRole('region', { name: /核对扫描件/ })).not.toBeInTheDocument();
  const button = await within(pane).findByRole('button', { name: '核对扫描件 来件.png 第1页' });
  await waitFor(() => expect(button).toHaveFocus());
  expect(host.master.state().model!.ledger.has(unit.id)).toBe(false);

  // Opened again: what was read, not what was typed before leaving.
  fireEvent.click(button);
  const again = await within(pane).findByRole('region', { name: /核对扫描件：来件\.png/ });
  expect(input(again, training.label, '当月完成')).toHaveValue(String(truth[training.key].cumulative));
  // A unit picked by hand: the list's unit is only the default.
  const other = table.units.find((u) => u.id !== unit.id && INDICATORS.every((i) => u.quota[i.key] !== null))!;
  const combo = within(again).getByRole('combobox', { name: '单位' });
  fireEvent.change(combo, { target: { value: other.name } });
  fireEvent.click(combo);
  fireEvent.click(await screen.findByRole('option', { name: `${other.id} ${other.name}` }));
  expect(within(again).getByRole('combobox', { name: '单位' })).toHaveValue(`${other.id} ${other.name}`);
});
