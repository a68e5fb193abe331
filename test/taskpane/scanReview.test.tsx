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
import type { ScanDoubt } from '../../src/core/scanTrust';
import { doubtCells, doubtReasons, noTaskRow, proposalFor } from '../../src/taskpane/components/scanReviewModel';
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

  // The misread 累计 breaks the month's arithmetic and the printed rate: the whole row is in doubt, its cells
  // come first, from 年度任务 on; the cells no check named say the row failed.
  const annual = input(view, training.label, '年度任务');
  await waitFor(() => expect(annual).toHaveFocus());
  expect(annual.closest('[data-cell]')).toHaveAttribute('data-state', 'doubt');
  expect(annual.closest('[data-cell]')).toHaveTextContent('待核对：本行未通过核对，请逐一对照');
  const monthly = input(view, training.label, '当月完成');
  expect(monthly.closest('[data-cell]')).toHaveAttribute('data-state', 'doubt');
  const cumulative = input(view, training.label, '累计已完成');
  expect(cumulative).toHaveValue(String(trainingCum + 500));
  expect(cumulative.closest('[data-cell]')).toHaveTextContent('完成率与“累计 ÷ 年度任务”不符');
  expect(cumulative.closest('[data-cell]')).not.toHaveTextContent('本行未通过核对');
  // The printed rate points to a 累计, but 当月 and the rate are in doubt too: a hint to compare, no one-click button.
  expect(within(cumulative.closest('[data-cell]') as HTMLElement).getByText(new RegExp(`按算术可能是 ${trainingCum}，请对照扫描件`))).toBeInTheDocument();
  expect(within(view).queryByRole('button', { name: /采用建议/ })).not.toBeInTheDocument();
  expect(within(view).getByTestId('review-remaining')).toHaveTextContent('还有 5 个待核对的数字。');

  // Merging before everything is confirmed merges nothing and says why.
  fireEvent.click(within(view).getByRole('button', { name: '确认并合并' }));
  expect(await within(view).findByText(/还有 5 个待核对的数字：请逐个核对/)).toBeInTheDocument();
  expect(annual).toHaveFocus();

  keyEnter(annual); // 年度任务 is right
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
  expect(view.querySelectorAll('[data-state="confirmed"]')).toHaveLength(5);
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
  await waitFor(() => expect(input(view, training.label, '年度任务')).toHaveFocus());
  const monthly = input(view, training.label, '当月完成');
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

/** Opens 核对扫描件 for one scan file read as `form`. */
async function openReview(form: ScanForm, name: string) {
  const fake = fakeScanParser((f, inds) => parsedScan(f, inds, form));
  const host = await openHost();
  const pane = await renderImport(host, fake.parser);
  await pick([new File([scanBytes(name).slice()], name)]);
  const row = await within(pane).findByRole('listitem', { name: new RegExp(`^${name.replace('.', '\\.')}：`) });
  fireEvent.click(within(row).getByRole('button', { name: `核对扫描件 ${name} 第1页` }));
  const view = await within(pane).findByRole('region', { name: new RegExp(`核对扫描件：${name.replace('.', '\\.')}`) });
  return { host, pane, view };
}

const rateOf = (cum: number, annual: number) => `${((cum / annual) * 100).toFixed(2)}%`;

test('a row holding another indicator’s numbers: all its cells are in doubt, Enter stops on its 当月; figures that still fail ask again before merging', async () => {
  const certifiedTruth = truth[certified.key].cumulative as number;
  // OCR put the 培训 row's numbers into the 取证 row: 当月 = 累计 as in January, read with confidence; only the rate fails.
  const swapped: ScanForm = {
    unit,
    truth,
    misread: {
      [`${certified.key}.monthly`]: { text: String(trainingCum) },
      [`${certified.key}.cumulative`]: { text: String(trainingCum) },
      [`${certified.key}.rate`]: { text: rateOf(trainingCum, truth[training.key].annual as number) },
    },
  };
  const { host, pane, view } = await openReview(swapped, '串行.png');
  const annual = input(view, certified.label, '年度任务');
  await waitFor(() => expect(annual).toHaveFocus());
  expect(within(view).getByTestId('review-remaining')).toHaveTextContent('还有 4 个待核对的数字。');
  // The 培训 row passed: its cells are not in doubt.
  expect(input(view, training.label, '当月完成').closest('[data-cell]')).toHaveAttribute('data-state', 'read');

  keyEnter(annual);
  const monthly = input(view, certified.label, '当月完成');
  expect(monthly).toHaveFocus(); // the tester's cell: "read" before, merged by Enter without a stop
  expect(monthly).toHaveValue(String(trainingCum));
  expect(monthly.closest('[data-cell]')).toHaveAttribute('data-state', 'doubt');
  expect(monthly.closest('[data-cell]')).toHaveTextContent('本行未通过核对，请逐一对照');
  keyEnter(monthly); // accepted as it stands (wrong)
  const cumulative = input(view, certified.label, '累计已完成');
  expect(cumulative).toHaveFocus();
  fireEvent.change(cumulative, { target: { value: String(certifiedTruth) } });
  keyEnter(cumulative);
  keyEnter(input(view, certified.label, '累计完成率（%）'));
  const merge = within(view).getByRole('button', { name: '确认并合并' });
  expect(merge).toHaveFocus();

  // 当月 no longer fits the corrected 累计: a second confirmation, nothing merged yet.
  fireEvent.click(merge);
  const anyway = await within(view).findByRole('button', { name: '仍要合并' });
  await waitFor(() => expect(anyway).toHaveFocus());
  expect(within(view).getByText('这些数字仍未通过核对：')).toBeInTheDocument();
  expect(within(view).getByTestId('still-doubt')).toHaveTextContent(
    `${certified.label}（当月完成 ${trainingCum}、累计已完成 ${certifiedTruth}）：当月完成与累计（减上月累计）不符`,
  );
  expect(within(view).getByText('已对照扫描件原件确认无误吗？仍要合并吗？')).toBeInTheDocument();
  expect(host.master.state().model!.ledger.has(unit.id)).toBe(false);

  // 返回修改: back on the cell, corrected, and the merge goes through without asking.
  fireEvent.click(within(view).getByRole('button', { name: '返回修改' }));
  expect(monthly).toHaveFocus();
  expect(within(view).queryByRole('button', { name: '仍要合并' })).not.toBeInTheDocument();
  fireEvent.change(monthly, { target: { value: String(certifiedTruth) } });
  keyEnter(monthly);
  expect(within(view).queryByTestId('still-doubt')).not.toBeInTheDocument();
  fireEvent.click(within(view).getByRole('button', { name: '确认并合并' }));
  await within(pane).findByText(`已合并${unit.name} 1 月数据（来源：核对扫描件“串行.png”，合并日志记有其 SHA-256）。`);
  for (const ind of INDICATORS) {
    const c = truth[ind.key].cumulative as number;
    expect(getEntry(host.master.state().model!.ledger, unit.id, ind.key, 1)).toEqual({ monthly: c, cumulative: c });
  }
});

test('merged anyway: the merge’s warnings are on screen, with their Chinese titles and messages', async () => {
  const { host, pane, view } = await openReview(uncertain, '照样合并.png');
  await waitFor(() => expect(input(view, training.label, '年度任务')).toHaveFocus());
  // Enter through all five without correcting the misread 累计.
  for (let i = 0; i < 5; i++) keyEnter(document.activeElement as Element);
  const merge = within(view).getByRole('button', { name: '确认并合并' });
  expect(merge).toHaveFocus();
  fireEvent.click(merge);
  fireEvent.click(await within(view).findByRole('button', { name: '仍要合并' }));

  const list = await within(pane).findByRole('list', { name: '合并后仍有以下提示，请对照扫描件核对：' });
  expect(within(pane).getByText('合并后仍有以下提示，请对照扫描件核对：', { selector: 'p' })).toBeInTheDocument();
  const codes = Array.from(list.querySelectorAll('li')).map((li) => li.getAttribute('data-code'));
  expect(codes).toContain('RATE_MISMATCH');
  const rate = list.querySelector('[data-code="RATE_MISMATCH"]')!;
  expect(rate).toHaveTextContent('完成率与计算值不符：');
  expect(rate).toHaveTextContent(training.label);
  expect(rate.textContent).toMatch(/[\u4e00-\u9fff]/);
  expect(rate.textContent).not.toMatch(/RATE_MISMATCH/);
  expect(getEntry(host.master.state().model!.ledger, unit.id, training.key, 1)).toEqual({ monthly: trainingCum, cumulative: trainingCum + 500 });
});

test('a misread 年度任务 alone gets a one-click proposal; an indicator without a task is shown as “—（无此项任务）”, no inputs', async () => {
  const noQuota = table.units.find((u) => INDICATORS.some((i) => u.quota[i.key] === null) && (u.quota[training.key] ?? 0) > 1000) as Unit;
  const none = INDICATORS.find((i) => noQuota.quota[i.key] === null)!;
  const truthOf = Object.fromEntries(
    INDICATORS.map((i) => {
      const q = noQuota.quota[i.key];
      return [i.key, { annual: q, cumulative: q === null ? null : Math.round(q / 10) }];
    }),
  );
  const quota = noQuota.quota[training.key] as number;
  const form: ScanForm = { unit: noQuota, truth: truthOf, misread: { [`${training.key}.annual`]: { text: String(quota + 1000) } } };
  const { view } = await openReview(form, '年度任务.png');

  // No inputs for the indicator without a task, and nothing of it in the keyboard's path.
  const group = within(view).getByRole('group', { name: `${none.label}（${none.unit}）` });
  expect(group).toHaveTextContent('—（无此项任务）');
  expect(within(group).queryByRole('textbox')).not.toBeInTheDocument();
  expect(within(group).queryByText('无图')).not.toBeInTheDocument();
  expect(view.querySelectorAll(`[data-cell^="${none.key}."]`)).toHaveLength(0);

  const annual = input(view, training.label, '年度任务');
  await waitFor(() => expect(annual).toHaveFocus());
  expect(annual).toHaveValue(String(quota + 1000));
  // Only 年度任务 is named, and the task table says what it is: one click.
  const use = within(view).getByRole('button', { name: new RegExp(`采用建议：${training.label} 年度任务 改为 ${quota}`) });
  fireEvent.click(use);
  expect(annual).toHaveValue(String(quota));
  expect(annual.closest('[data-cell]')).toHaveAttribute('data-state', 'confirmed');
  // The rest of the row is still to compare (the row failed a check), from 当月 on.
  expect(input(view, training.label, '当月完成')).toHaveFocus();
  expect(input(view, training.label, '当月完成').closest('[data-cell]')).toHaveTextContent('本行未通过核对');
});

describe('which cells the view holds in doubt (scanReviewModel)', () => {
  const [a, b] = INDICATORS;
  const doubt = (ind: typeof a, fields: ScanDoubt['fields'], reason: ScanDoubt['reason'], proposal?: ScanDoubt['proposal']): ScanDoubt => ({
    indicator: ind.label,
    fields,
    read: {},
    reason,
    ...(proposal ? { proposal } : {}),
  });

  test('a low confidence stays with its cell; any other doubt takes the whole row but its "—" cells', () => {
    expect(doubtCells(INDICATORS, [doubt(a, ['monthly'], 'lowConfidence')])).toEqual([`${a.key}.monthly`]);
    const texts = { [`${b.key}.annual`]: '—', [`${b.key}.rate`]: '' };
    for (const reason of ['rate', 'monthly', 'annual', 'unread', 'rowMissing', 'rateFormat', 'noQuota'] as const)
      expect({ reason, cells: doubtCells(INDICATORS, [doubt(b, ['cumulative'], reason)], texts) }).toEqual({
        reason,
        cells: [`${b.key}.monthly`, `${b.key}.cumulative`, `${b.key}.rate`],
      });
    const both = [doubt(a, ['rate'], 'lowConfidence'), doubt(b, ['cumulative', 'rate'], 'rate')];
    expect(doubtCells(INDICATORS, both)).toEqual([`${a.key}.rate`, ...['annual', 'monthly', 'cumulative', 'rate'].map((f) => `${b.key}.${f}`)]);
    expect(doubtReasons(INDICATORS, both, `${b.key}.rate`)).toEqual(['rate']);
    expect(doubtReasons(INDICATORS, both, `${b.key}.monthly`)).toEqual(['rowFailed']);
    expect(doubtReasons(INDICATORS, both, `${a.key}.monthly`)).toEqual([]);
  });

  test('a proposal is one click only when the row’s doubts name that cell alone', () => {
    const alone = [doubt(a, ['annual'], 'annual', { field: 'annual', value: 100 })];
    expect(proposalFor(INDICATORS, alone, `${a.key}.annual`)).toEqual({ value: 100, oneClick: true });
    const withOthers = [doubt(a, ['cumulative', 'rate'], 'rate', { field: 'cumulative', value: 7 }), doubt(a, ['monthly', 'cumulative'], 'monthly')];
    expect(proposalFor(INDICATORS, withOthers, `${a.key}.cumulative`)).toEqual({ value: 7, oneClick: false });
    // Another row's doubts do not count against it.
    expect(proposalFor(INDICATORS, [...alone, doubt(b, ['monthly'], 'unread')], `${a.key}.annual`)).toEqual({ value: 100, oneClick: true });
    expect(proposalFor(INDICATORS, alone, `${a.key}.monthly`)).toBeNull();
  });

  test('a row without a task is one with no quota and nothing but "—" or blanks', () => {
    const dashes = { [`${a.key}.annual`]: '—', [`${a.key}.monthly`]: '-', [`${a.key}.cumulative`]: '', [`${a.key}.rate`]: ' — ' };
    expect(noTaskRow(a.key, { [a.key]: null }, dashes)).toBe(true);
    expect(noTaskRow(a.key, { [a.key]: 0 }, dashes)).toBe(true);
    expect(noTaskRow(a.key, { [a.key]: 500 }, dashes)).toBe(false);
    expect(noTaskRow(a.key, null, dashes)).toBe(false); // no unit chosen: shown as read
    expect(noTaskRow(a.key, { [a.key]: null }, { ...dashes, [`${a.key}.monthly`]: '12' })).toBe(false); // numbers to look at
  });
});
