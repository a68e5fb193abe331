/** @jest-environment ./test/taskpane/jsdomEnvironment.js */
/*
 * The page's flows across tabs (issue #11): files of the same name, every tab following 截至月份, and what a
 * screen reader is told. jsdom; the same flows run in Chromium in test/browser/standalone.test.ts.
 */
import '@testing-library/jest-dom';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { act, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';

import { hasReported } from '../../src/core/ledger';
import { FileHost } from '../../src/host/fileHost';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { sampleSet } from '../../src/samples/sampleReports';
import { App } from '../../src/taskpane/App';

jest.setTimeout(120_000);
configure({ defaultHidden: true, asyncUtilTimeout: 20_000 });

const set = sampleSet({ months: [1] });
const table = embeddedQuota2023();
const regular = set.files.filter((f) => f.traits.includes('standard') && f.traits.includes('xlsx') && f.forms.length === 1 && f.unitId !== null);
let newMaster: Uint8Array;

beforeAll(async () => {
  const h = new FileHost();
  await h.create(table);
  newMaster = (await h.download()).bytes;
});

/** Fluent announces through document.ariaNotify when the browser has it (Chromium does): record what is said. */
let announced: string[];
beforeEach(() => {
  announced = [];
  (document as unknown as { ariaNotify: (m: string) => void }).ariaNotify = (m: string) => announced.push(m);
});
afterEach(() => {
  delete (document as unknown as { ariaNotify?: unknown }).ariaNotify;
});

async function openHost(): Promise<FileHost> {
  const h = new FileHost();
  await h.openMaster({ name: '持证进度主表-2023.xlsx', bytes: newMaster });
  return h;
}

function renderApp(host: FileHost) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} />
    </FluentProvider>,
  );
}

const panel = (name: string) => screen.getByRole('tabpanel', { name });

async function openTab(name: string) {
  fireEvent.click(screen.getByRole('tab', { name }));
  await waitFor(() => expect(screen.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true'));
  return panel(name);
}

/** A file as a unit sends it back: the notice's template name, whatever the unit. */
const asSent = (f: { bytes: Uint8Array }, name = '附件2.xlsx') => new File([f.bytes.slice()], name);

async function pick(files: File[]) {
  const input = screen.getByLabelText('选择报表文件');
  await act(async () => {
    fireEvent.change(input, { target: { files } });
  });
}

const rows = (pane: HTMLElement) => within(within(pane).getByRole('list', { name: /待合并的文件/ })).getAllByRole('listitem');

test('files of the same name: each pick is its own entry, removing one removes that one, the merge merges every unit', async () => {
  const host = await openHost();
  const [a, b, c] = regular;
  renderApp(host);
  const pane = await openTab('导入与合并');
  await pick([asSent(a)]);
  await within(pane).findByRole('heading', { name: '待合并的文件（1 个）' });
  await pick([asSent(b)]);
  await within(pane).findByRole('heading', { name: '待合并的文件（2 个）' });
  // Two entries, each with its own unit (before: each card listed both, "可合并 4 份" for 2 files).
  expect(within(pane).getByTestId('plan-summary')).toHaveTextContent('可合并 2 份');
  const names = () => rows(pane).map((r) => r.querySelector('span')!.textContent);
  expect(names()).toEqual(['附件2.xlsx', '附件2.xlsx（第 2 次选择）']);
  const unitsOf = (row: HTMLElement) =>
    within(row)
      .queryAllByText(/^\d+ /)
      .map((e) => e.textContent);
  expect(rows(pane).map(unitsOf)).toEqual([[`${a.unitId} ${table.units[a.unitId! - 1].name}`], [`${b.unitId} ${table.units[b.unitId! - 1].name}`]]);
  expect(within(rows(pane)[1]).getByText(/与列表中另一个文件同名（“附件2.xlsx”）/)).toBeInTheDocument();

  // The very same file again: one entry, and a note saying so.
  await pick([asSent(a)]);
  expect(await within(pane).findByText('“附件2.xlsx”已在列表中（文件名、大小和内容都相同），没有重复添加。')).toBeInTheDocument();
  expect(rows(pane)).toHaveLength(2);

  // The trash icon of the first removes exactly the first.
  fireEvent.click(within(rows(pane)[0]).getByRole('button', { name: '移除 附件2.xlsx' }));
  await within(pane).findByRole('heading', { name: '待合并的文件（1 个）' });
  expect(rows(pane).map(unitsOf)).toEqual([[`${b.unitId} ${table.units[b.unitId! - 1].name}`]]);

  // Re-added (and a third unit's 附件2.xlsx): three entries, three units merged.
  await pick([asSent(a), asSent(c, '附件2.xlsx')]);
  await within(pane).findByRole('heading', { name: '待合并的文件（3 个）' });
  expect(new Set(names()).size).toBe(3);
  expect(within(pane).getByTestId('plan-summary')).toHaveTextContent('可合并 3 份');
  // The pre-check was announced.
  expect(announced).toContain('已检查 3 个文件：可合并 3 份，有警告 0 份，不能合并 0 份。');

  fireEvent.click(within(pane).getByRole('button', { name: '本月合并（1月）' }));
  const result = await within(pane).findByTestId('merge-result');
  expect(within(result).getByText('已合并').nextSibling).toHaveTextContent('3');
  for (const f of [a, b, c]) expect(hasReported(host.master.state().model!.ledger, f.unitId!, 1)).toBe(true);
  // 合并日志 tells the three files apart.
  const logged = host.master
    .state()
    .model!.log.filter((r) => r[1] === '合并')
    .map((r) => r[3]);
  expect(new Set(logged).size).toBe(3);
  await waitFor(() => expect(announced.some((m) => m.includes('1 月合并结果'))).toBe(true));
});

test('every tab follows 截至月份 after a merge, an undo, a manual entry and a change of 截至月份', async () => {
  const host = await openHost();
  renderApp(host);
  // Hidden panels have no accessible name: found by id (App: panel-<tab>).
  const byId = (key: string) => document.getElementById(`panel-${key}`)!;
  const remindMonth = () => within(byId('remind')).getByRole('combobox', { name: '月份' });
  const templateMonth = () => within(byId('remind')).getByRole('combobox', { name: '模板月份' });
  const manualMonth = () => within(byId('manual')).getByRole('combobox', { name: '月份' });
  const mergeMonth = () => within(byId('import')).getByRole('combobox', { name: '合并月份' });
  const missing = () => within(byId('remind')).getByText(/个单位未报送$/).textContent;
  const expectMonths = (view: number) => {
    expect(remindMonth()).toHaveValue(String(view || 1));
    expect(manualMonth()).toHaveValue(String(view || 1));
    expect(templateMonth()).toHaveValue(String(Math.min(12, view + 1)));
    expect(mergeMonth()).toHaveValue(String(Math.min(12, view + 1)));
  };
  expectMonths(0);
  expect(missing()).toBe('179 个单位未报送');

  // Merge three reports as month 3 (the case of the issue: 催报 stayed on 1月 with 179 missing).
  const pane = await openTab('导入与合并');
  fireEvent.change(mergeMonth(), { target: { value: '3' } });
  await pick(regular.slice(0, 3).map((f) => asSent(f, f.name)));
  await within(pane).findByRole('heading', { name: '待合并的文件（3 个）' });
  fireEvent.click(within(pane).getByRole('button', { name: '本月合并（3月）' }));
  await within(pane).findByTestId('merge-result');
  expect(host.master.state().model!.month).toBe(3);
  expectMonths(3);
  expect(missing()).toBe('176 个单位未报送');

  // The coordinator looks at another month in 催报; the next change of 截至月份 brings it back.
  fireEvent.change(remindMonth(), { target: { value: '2' } });
  expect(missing()).toBe('179 个单位未报送');

  // 撤销合并
  fireEvent.click(within(pane).getByRole('button', { name: '撤销合并' }));
  fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: '撤销这次合并' }));
  await within(pane).findByText(/^已撤销 /);
  expect(host.master.state().model!.month).toBe(0);
  expectMonths(0);

  // 概览: 截至月份 set by hand
  fireEvent.change(within(byId('overview')).getByRole('combobox', { name: '截至月份' }), { target: { value: '4' } });
  await waitFor(() => expect(host.master.state().model!.month).toBe(4));
  expectMonths(4);

  // 手工录入 of month 5 moves 截至月份 to 5: the other tabs follow
  const manual = await openTab('手工录入');
  const unit = regular[0].unitId!;
  const combo = within(manual).getByRole('combobox', { name: '单位' });
  fireEvent.change(combo, { target: { value: table.units[unit - 1].name } });
  fireEvent.click(combo);
  fireEvent.click(await screen.findByRole('option', { name: `${unit} ${table.units[unit - 1].name}` }));
  fireEvent.change(manualMonth(), { target: { value: '5' } });
  fireEvent.change(within(manual).getByRole('textbox', { name: '培训任务（人次） 累计已完成' }), { target: { value: '500' } });
  fireEvent.click(within(manual).getByRole('button', { name: '检查并合并' }));
  await within(manual).findByText(/已合并.* 5 月数据（来源：手工录入）/);
  expect(host.master.state().model!.month).toBe(5);
  expectMonths(5);
  expect(missing()).toBe('178 个单位未报送');
});

test('every message bar is named by an element that exists; the master actions are all Tab stops', async () => {
  const host = await openHost();
  const { container } = renderApp(host);
  const pane = await openTab('设置');
  fireEvent.change(within(pane).getByRole('textbox', { name: '预警带宽（百分点）' }), { target: { value: 'x' } });
  fireEvent.click(within(pane).getByRole('button', { name: '保存进度设置' }));
  await within(pane).findByText('进度设置有误，未保存');
  fireEvent.click(within(pane).getByRole('button', { name: '添加别名' }));
  await within(pane).findByText('请填写别名并选择对应单位。');
  const bars = container.querySelectorAll('.fui-MessageBar');
  expect(bars.length).toBeGreaterThanOrEqual(3);
  for (const bar of bars) {
    for (const attr of ['aria-labelledby', 'aria-describedby']) {
      for (const id of (bar.getAttribute(attr) ?? '').split(/\s+/).filter(Boolean)) expect(document.getElementById(id)).not.toBeNull();
    }
    expect(bar.getAttribute('aria-labelledby')).toBeTruthy();
  }
  // Both notices were announced when they appeared.
  await waitFor(() => expect(announced).toEqual(expect.arrayContaining([expect.stringContaining('进度设置有误，未保存'), '请填写别名并选择对应单位。'])));

  const actions = screen.getByRole('group', { name: '主表' });
  const buttons = within(actions).getAllByRole('button');
  expect(buttons.map((b) => b.textContent)).toEqual(['新建主表', '导入新年度任务表…', '打开主表…', '下载主表']);
  for (const b of buttons) expect(b).not.toHaveAttribute('tabindex', '-1');
});

test('新建主表 moves the focus to what happened, and it is announced', async () => {
  const host = new FileHost();
  renderApp(host);
  const create = screen.getByRole('button', { name: '新建主表' });
  await waitFor(() => expect(create).toBeEnabled());
  create.focus();
  fireEvent.click(create);
  const created = await screen.findByText(/^已新建主表“持证进度主表-2023.xlsx”/, {}, { timeout: 60_000 });
  await waitFor(() => expect(created.closest('[role="group"]')).toHaveFocus());
  await waitFor(() => expect(announced.some((m) => m.startsWith('已新建主表'))).toBe(true));
});
