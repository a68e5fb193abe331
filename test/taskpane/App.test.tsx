/** @jest-environment ./test/taskpane/jsdomEnvironment.js */
// @slow (test:fast leaves it out): the whole pane in jsdom, every screen and flow, about a minute on 2 cores.
import '@testing-library/jest-dom';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { act, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';

import { hasReported } from '../../src/core/ledger';
import { statusReport } from '../../src/core/status';
import { FileHost } from '../../src/host/fileHost';
import { AssistantHost } from '../../src/host/host';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { sampleSet } from '../../src/samples/sampleReports';
import { App, AppProps } from '../../src/taskpane/App';
import { mergeMonthCommand, undoMergeCommand } from '../../src/commands/commands';
import { reportFormCells } from '../../src/samples/reportForm';
import { pasteIntoFake } from '../fakes/pasteSheet';
import { masterInFake, pasteReports, reportSheet } from '../host/helpers';
import { statusCounts } from '../../src/taskpane/overviewData';

jest.setTimeout(60_000);
// Role queries check visibility with getComputedStyle, which is slow in jsdom with Fluent's many style rules:
// skip it (queries are scoped to the shown panel instead) and give merges in jsdom time.
configure({ defaultHidden: true, asyncUtilTimeout: 15_000 });

const set = sampleSet({ months: [1] });
const units = embeddedQuota2023().units;
const nameOf = (id: number) => units.find((u) => u.id === id)!.name;
let newMaster: Uint8Array;
let mergedMaster: Uint8Array;

beforeAll(async () => {
  const h = new FileHost();
  await h.create(embeddedQuota2023());
  newMaster = (await h.download()).bytes;
  await h.master.merge({ month: 1, files: set.files, includeSheets: false });
  mergedMaster = (await h.download()).bytes;
});

async function openHost(bytes: Uint8Array): Promise<FileHost> {
  const h = new FileHost();
  await h.openMaster({ name: '持证进度主表-2023.xlsx', bytes });
  return h;
}

/** The Excel host's shape over an in-memory master: what the App sees in Excel. */
function excelLike(file: FileHost, missing: string[] = []): AssistantHost & { selectUnit: jest.Mock } {
  return {
    kind: 'excel',
    master: file.master,
    masterLabel: () => '当前工作簿',
    create: (table) => file.create(table),
    missingFeatures: () => missing,
    selectUnit: jest.fn().mockResolvedValue(undefined),
  };
}

function renderApp(props: AppProps) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App {...props} />
    </FluentProvider>,
  );
}

/** The term → definition pairs of a <dl> inside a container, as text. */
function pairs(container: HTMLElement): Array<[string, string]> {
  const terms = within(container).getAllByRole('term');
  const definitions = within(container).getAllByRole('definition');
  return terms.map((t, i) => [t.textContent ?? '', definitions[i].textContent ?? '']);
}

const panel = (name: string) => screen.getByRole('tabpanel', { name });

async function openTab(name: string) {
  fireEvent.click(screen.getByRole('tab', { name }));
  await waitFor(() => expect(screen.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true'));
  return panel(name);
}

async function pickUnit(combobox: HTMLElement, unitId: number) {
  // Type first, then open: the list comes up filtered (all 179 units would be slow to draw in jsdom).
  fireEvent.change(combobox, { target: { value: nameOf(unitId) } });
  fireEvent.click(combobox);
  fireEvent.click(await screen.findByRole('option', { name: `${unitId} ${nameOf(unitId)}` }));
}

function fileOf(name: string): File {
  const f = set.files.find((x) => x.name === name)!;
  return new File([f.bytes.slice()], f.name);
}

describe('no master yet', () => {
  test('the standalone page shows the 2023 quota card and offers 新建主表 / 打开主表, no tabs', async () => {
    renderApp({ host: new FileHost() });
    expect(await screen.findByRole('heading', { level: 1, name: '持证进度助手' })).toBeInTheDocument();
    const card = await screen.findByRole('region', { name: '2023 年度任务' });
    expect(pairs(within(card).getByRole('group', { name: '全省合计' }))).toEqual([
      ['培训任务', '1,050,000人次'],
      ['取证人数', '800,000人'],
      ['其中高级工及以上', '300,000人'],
      ['1+X证书取证人数', '150,000人'],
    ]);
    const cities = within(card).getAllByRole('listitem')[0];
    expect(pairs(cities)[2]).toEqual(['其中高级工及以上', '—无此项任务']); // "—" is no quota, not 0
    await waitFor(() => expect(screen.getByRole('button', { name: '新建主表' })).toBeEnabled());
    expect(screen.getByRole('button', { name: '打开主表…' })).toBeEnabled();
    expect(screen.queryByRole('button', { name: '下载主表' })).not.toBeInTheDocument();
    expect(screen.queryByRole('tablist')).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /index\.html/ })).not.toBeInTheDocument();
  });

  test('新建主表 failing shows what went wrong and keeps the page as it was; trying again works', async () => {
    const host = new FileHost();
    const create = jest.spyOn(host, 'create').mockRejectedValueOnce(new Error('内存不足'));
    renderApp({ host });
    const button = screen.getByRole('button', { name: '新建主表' });
    await waitFor(() => expect(button).toBeEnabled()); // after the (empty) master was looked for
    fireEvent.click(button);
    expect(await screen.findByText('新建主表失败')).toBeInTheDocument();
    // no master yet: nothing about keeping or backing one up
    expect(screen.getByText('内存不足 请重试；如仍失败，请刷新页面。')).toBeInTheDocument();
    expect(screen.queryByRole('tablist')).not.toBeInTheDocument();

    create.mockRestore();
    fireEvent.click(screen.getByRole('button', { name: '新建主表' }));
    expect(await screen.findByRole('tablist', { name: '功能' }, { timeout: 20_000 })).toBeInTheDocument();
    expect(screen.getAllByRole('tab')).toEqual(['概览', '导入与合并', '手工录入', '催报', '设置'].map((name) => screen.getByRole('tab', { name })));
    expect(screen.getByText('已新建主表“持证进度主表-2023.xlsx”。下一步：在“导入与合并”中导入各单位的月报表。')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: '截至月份' })).toHaveValue('0');
    expect(screen.getByText('尚未合并任何月份：先在“导入与合并”中合并 1 月报表。')).toBeInTheDocument();
  });

  test('code that cannot be fetched from the site (webpack ChunkLoadError) is told in Chinese, not in webpack’s words', async () => {
    const host = new FileHost();
    const chunk = Object.assign(new Error('Loading chunk 872 failed.\n(error: http://127.0.0.1:8090/872.2b6a13e6.js)'), { name: 'ChunkLoadError' });
    jest.spyOn(host, 'create').mockRejectedValueOnce(chunk);
    renderApp({ host });
    const button = screen.getByRole('button', { name: '新建主表' });
    await waitFor(() => expect(button).toBeEnabled());
    fireEvent.click(button);
    expect(await screen.findByText('新建主表失败')).toBeInTheDocument();
    expect(
      screen.getByText('无法从网站加载本工具的程序文件（网络中断，或网站刚刚更新）。主表没有改变。请检查网络连接后重试；如仍失败，请刷新页面。'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Loading chunk/)).not.toBeInTheDocument();
  });

  test.each(['officeMissing', 'officeTimeout', 'notExcel'] as const)(
    'task pane outside Excel (%s) points to index.html and still works',
    async (hostStatus) => {
      renderApp({ host: new FileHost(), hostStatus });
      expect(await screen.findByRole('link', { name: '独立网页（index.html）' })).toHaveAttribute('href', 'index.html');
      await waitFor(() => expect(screen.getByRole('button', { name: '新建主表' })).toBeEnabled());
    },
  );
});

describe('概览', () => {
  test('counts, expected pace, chart with its table, units behind pace; 截至月份 can be changed', async () => {
    const host = await openHost(mergedMaster);
    const model = host.master.state().model!;
    renderApp({ host });
    const overview = panel('概览');
    const counts = statusCounts(statusReport(model.table, model.ledger, 1, model.pace));
    const dl = within(overview).getByTestId('status-counts');
    expect(pairs(dl)).toEqual([
      ['正常', `${counts.ok} 个`],
      ['预警', `${counts.amber} 个`],
      ['滞后', `${counts.red} 个`],
      ['无数据', `${counts.none} 个`],
      ['1月未报送', `${counts.missing} 个`],
    ]);
    expect(within(overview).getByText('8.3%（1月底）')).toBeInTheDocument();
    expect(within(overview).getByRole('img', { name: /各类别培训任务完成率与应达进度/ })).toBeInTheDocument();
    const table = within(overview).getByRole('table', { name: '培训任务：各类别合计' });
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 6);
    // status is text, never colour alone
    expect(within(table).getAllByText(/^(正常|预警|滞后)$/).length).toBe(6);
    const behind = within(overview).getByRole('list', { name: '进度落后的单位（按差距排序）' });
    expect(within(behind).getAllByRole('listitem')).toHaveLength(counts.amber + counts.red);

    fireEvent.change(within(overview).getByRole('combobox', { name: '图表指标' }), { target: { value: 'advanced' } });
    expect(within(overview).getByRole('table', { name: '其中高级工及以上：各类别合计' })).toBeInTheDocument();

    fireEvent.change(within(overview).getByRole('combobox', { name: '截至月份' }), { target: { value: '2' } });
    expect(await within(overview).findByText('16.7%（2月底）')).toBeInTheDocument();
    expect(host.master.state().model!.month).toBe(2);
    expect(screen.getByText('主表有尚未下载的修改：完成后请点“下载主表”保存。')).toBeInTheDocument();
  });

  test('in Excel: a unit behind pace is a button that selects its row; no open/download; missing features are listed', async () => {
    const host = excelLike(await openHost(mergedMaster), ['新建主表需要 ExcelApi 1.9。']);
    renderApp({ host, hostStatus: 'excel' });
    const overview = panel('概览');
    expect(screen.getByText('新建主表需要 ExcelApi 1.9。')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '下载主表' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '打开主表…' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '新建主表' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: '重新读取主表' })).toBeEnabled();
    expect(screen.getByText('主表：当前工作簿')).toBeInTheDocument();
    const first = within(within(overview).getByRole('list', { name: /进度落后的单位/ })).getAllByRole('listitem')[0];
    const id = Number(first.getAttribute('data-unit-id'));
    fireEvent.click(within(first).getByRole('button', { name: `在进度总览中定位${nameOf(id)}` }));
    await waitFor(() => expect(host.selectUnit).toHaveBeenCalledWith(id));
  });
});

describe('导入与合并', () => {
  const regular = set.files.find((f) => f.traits.includes('standard') && f.forms.length === 1 && f.traits.includes('xlsx') && f.unitId !== null)!;
  const scan = set.files.find((f) => f.traits.includes('scan-pdf'))!;
  const unknown = set.files.find((f) => f.traits.includes('unknown-unit'))!;

  async function upload(names: string[]) {
    const input = screen.getByLabelText('选择报表文件');
    await act(async () => {
      fireEvent.change(input, { target: { files: names.map(fileOf) } });
    });
    const heading = await screen.findByRole('heading', { name: `待合并的文件（${names.length} 个）` }, { timeout: 20_000 });
    // Scans are listed at once and read one by one (each with its own bar): the dry run counts them once read.
    await waitFor(() => expect(document.querySelector('li[data-state="reading"]')).toBeNull(), { timeout: 20_000 });
    return heading;
  }

  test('files are checked before merging; an unknown unit is assigned; merge, result, undo', async () => {
    const host = await openHost(newMaster);
    renderApp({ host });
    const pane = await openTab('导入与合并');
    expect(within(pane).getByRole('combobox', { name: '合并月份' })).toHaveValue('1');
    await upload([regular.name, scan.name, unknown.name]);
    expect(within(pane).getByTestId('plan-summary')).toHaveTextContent('可合并 1 份，有警告 0 份，不能合并 2 份');
    const scanRow = within(pane).getByRole('listitem', { name: `${scan.name}：不能合并` });
    expect(within(scanRow).getByText(/是PDF 文件，不是电子表格/)).toBeInTheDocument();
    const unknownRow = within(pane).getByRole('listitem', { name: `${unknown.name}：不能合并` });
    // the cell is named once: the message names it, so no chip repeats it
    const unknownFinding = unknownRow.querySelector('[data-code="UNKNOWN_UNIT"]')!;
    expect(unknownFinding.textContent).toMatch(/A\d+ 单元格/);
    expect(unknownFinding.textContent!.match(/A\d+/g)).toHaveLength(1);
    expect(host.master.state().model!.ledger.size).toBe(0); // a dry run

    const target = set.missing[1][0];
    await pickUnit(within(unknownRow).getByRole('combobox', { name: '为“豫西职业技能培训中心”指定单位' }), target);
    expect(await within(pane).findByText(`已在别名表中登记：“豫西职业技能培训中心”即${nameOf(target)}。列表已重新检查。`)).toBeInTheDocument();
    expect(host.master.state().model!.aliases).toEqual([{ alias: '豫西职业技能培训中心', unitId: target, note: '在导入列表中指定' }]);
    await waitFor(() =>
      expect(within(pane).getByRole('listitem', { name: new RegExp(`^${unknown.name.replace(/[.()]/g, '\\$&')}：可合并`) })).toBeInTheDocument(),
    );

    fireEvent.click(within(pane).getByRole('button', { name: '本月合并（1月）' }));
    const result = await within(pane).findByTestId('merge-result', {}, { timeout: 20_000 });
    expect(pairs(result)).toEqual([
      ['已合并', '2'],
      ['其中有警告', expect.any(String)],
      ['未合并', '1'],
      ['仍未报送', String(179 - 2)],
    ]);
    expect(hasReported(host.master.state().model!.ledger, target, 1)).toBe(true);
    expect(within(pane).queryByRole('heading', { name: /待合并的文件/ })).not.toBeInTheDocument();
    // 截至月份 is now 1: the next merge defaults to 2
    expect(within(pane).getByRole('combobox', { name: '合并月份' })).toHaveValue('2');

    // The result is a heading and takes the focus (the merge button was busy).
    expect(within(pane).getByRole('heading', { level: 2, name: '1 月合并结果' })).toBeInTheDocument();
    await waitFor(() => expect(within(pane).getByRole('group', { name: '1 月合并结果' })).toHaveFocus());

    // 撤销合并 asks first, naming the month and how many units' data it restores.
    fireEvent.click(within(pane).getByRole('button', { name: '撤销合并' }));
    const dialog = await screen.findByRole('dialog', { name: '撤销 1 月的合并？' });
    expect(within(dialog).getByText(/的 1 月合并：恢复 2 个单位合并前的数据，截至月份恢复为“未设置”。/)).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole('button', { name: '取消' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(hasReported(host.master.state().model!.ledger, target, 1)).toBe(true);
    fireEvent.click(within(pane).getByRole('button', { name: '撤销合并' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: '撤销这次合并' }));
    const undone = await within(pane).findByText(/^已撤销 .* 的 1 月合并，恢复了 2 个单位合并前的数据；截至月份现为“未设置”。$/);
    expect(within(pane).queryByText(/已撤销 已撤销|恢复为 空/)).not.toBeInTheDocument();
    await waitFor(() => expect(undone.closest('[role="group"]')).toHaveFocus());
    expect(hasReported(host.master.state().model!.ledger, target, 1)).toBe(false);
    expect(host.master.state().model!.month).toBe(0);
    expect(within(pane).getByRole('button', { name: '撤销合并' })).toBeDisabled();
  });

  test('a merge that fails keeps the list and the master as they were, and says so', async () => {
    const host = await openHost(newMaster);
    jest.spyOn(host.master, 'merge').mockRejectedValueOnce(new Error('写入失败'));
    renderApp({ host });
    const pane = await openTab('导入与合并');
    await upload([regular.name]);
    fireEvent.click(within(pane).getByRole('button', { name: '本月合并（1月）' }));
    expect(await screen.findByText('操作失败')).toBeInTheDocument();
    expect(screen.getByText(/写入失败 主表没有改变/)).toBeInTheDocument();
    expect(within(pane).getByRole('heading', { name: '待合并的文件（1 个）' })).toBeInTheDocument();
    expect(host.master.state().model!.ledger.size).toBe(0);
  });
  test('本月合并 merges the results the list was built from: files are not read a second time', async () => {
    const host = await openHost(newMaster);
    const merge = jest.spyOn(host.master, 'merge');
    renderApp({ host });
    const pane = await openTab('导入与合并');
    await upload([regular.name, scan.name]);
    fireEvent.click(within(pane).getByRole('button', { name: '本月合并（1月）' }));
    await within(pane).findByTestId('merge-result', {}, { timeout: 20_000 });
    const request = merge.mock.calls[0][0];
    expect(request.files.map((f) => f.name)).toEqual([regular.name, scan.name]);
    expect(request.read).toHaveLength(2);
    expect(request.read![0].reports.map((r) => r.unitName)).toEqual([expect.any(String)]);
    expect(request.read![1].failures.map((f) => f.finding.code)).toEqual(['NOT_SPREADSHEET']);
    expect(hasReported(host.master.state().model!.ledger, regular.unitId!, 1)).toBe(true);
  });
});

describe('手工录入', () => {
  test('16 figures with 年度任务 prefilled; a rejection lists the finding and changes nothing; then it merges', async () => {
    const host = await openHost(mergedMaster);
    renderApp({ host });
    const pane = await openTab('手工录入');
    const unitId = set.missing[1][1];
    const quota = units.find((u) => u.id === unitId)!.quota;
    await pickUnit(within(pane).getByRole('combobox', { name: '单位' }), unitId);
    expect(within(pane).getAllByRole('textbox', { name: /^(培训任务|取证人数|其中高级工及以上|1\+X证书取证人数)（人次?） / })).toHaveLength(16);
    expect(within(pane).getByRole('textbox', { name: '培训任务（人次） 年度任务' })).toHaveValue(String(quota.training));

    const mergeManual = jest.spyOn(host.master, 'mergeManual');
    fireEvent.change(within(pane).getByRole('textbox', { name: '培训任务（人次） 当月完成' }), { target: { value: '约100' } });
    fireEvent.change(within(pane).getByRole('textbox', { name: '培训任务（人次） 累计已完成' }), { target: { value: '100' } });
    fireEvent.click(within(pane).getByRole('button', { name: '检查并合并' }));
    // Said for this form (which field, what to type), not with the file import's "请该单位改为数字".
    expect(await within(pane).findByText('请先改正下面的数字，还没有合并')).toBeInTheDocument();
    expect(within(pane).getByText('培训任务 当月完成“约100”不是数字：请只输入数字，如 1234 或 1,234（没有的项留空）。')).toBeInTheDocument();
    expect(within(pane).queryByText(/该单位/)).not.toBeInTheDocument();
    expect(within(pane).getByRole('textbox', { name: '培训任务（人次） 当月完成' })).toHaveAttribute('aria-invalid', 'true');
    expect(mergeManual).not.toHaveBeenCalled();
    expect(hasReported(host.master.state().model!.ledger, unitId, 1)).toBe(false);

    // A refusal of the merge itself is said for the form too.
    fireEvent.change(within(pane).getByRole('textbox', { name: '培训任务（人次） 当月完成' }), { target: { value: '' } });
    fireEvent.change(within(pane).getByRole('textbox', { name: '培训任务（人次） 累计已完成' }), { target: { value: '-5' } });
    fireEvent.click(within(pane).getByRole('button', { name: '检查并合并' }));
    expect(await within(pane).findByText(`未合并：${nameOf(unitId)}的数据有错误，请改正后再试。主表没有改变。`)).toBeInTheDocument();
    expect(within(pane).getByText(/^：培训任务的“累计已完成”是负数：请填写 0 或正数。$/)).toBeInTheDocument();
    expect(hasReported(host.master.state().model!.ledger, unitId, 1)).toBe(false);

    fireEvent.change(within(pane).getByRole('textbox', { name: '培训任务（人次） 当月完成' }), { target: { value: '1,200' } });
    fireEvent.change(within(pane).getByRole('textbox', { name: '培训任务（人次） 累计已完成' }), { target: { value: '1200' } });
    expect(within(pane).getByRole('textbox', { name: '培训任务（人次） 累计完成率（%）' })).toHaveAttribute(
      'placeholder',
      ((1200 / quota.training!) * 100).toFixed(1),
    );
    fireEvent.click(within(pane).getByRole('button', { name: '检查并合并' }));
    expect(await within(pane).findByText(`已合并${nameOf(unitId)} 1 月数据（来源：手工录入）。`)).toBeInTheDocument();
    expect(hasReported(host.master.state().model!.ledger, unitId, 1)).toBe(true);
    // What was just saved is not announced as something a merge would overwrite…
    expect(within(pane).queryByText('该单位已有 1 月数据：合并后会覆盖，结果中会提示“覆盖了已合并的数据”。')).not.toBeInTheDocument();
    // …but a new entry for the same unit and month would be.
    fireEvent.click(within(pane).getByRole('button', { name: '清空' }));
    expect(within(pane).getByText('该单位已有 1 月数据：合并后会覆盖，结果中会提示“覆盖了已合并的数据”。')).toBeInTheDocument();
  });
});

describe('催报', () => {
  test('missing units by category with the due date; the list is copied as text, or shown selected when copying fails', async () => {
    const host = await openHost(mergedMaster);
    renderApp({ host });
    const pane = await openTab('催报');
    const missing = host.master.state().model!.table.units.filter((u) => !hasReported(host.master.state().model!.ledger, u.id, 1));
    expect(within(pane).getByText('报送截止：2023年1月30日')).toBeInTheDocument();
    expect(within(pane).getByText(`${missing.length} 个单位未报送`)).toBeInTheDocument();
    for (const u of missing) expect(within(pane).getByText(u.name)).toBeInTheDocument();

    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    fireEvent.click(within(pane).getByRole('button', { name: '复制催报名单' }));
    expect(await within(pane).findByText('已复制到剪贴板。')).toBeInTheDocument();
    expect(writeText.mock.calls[0][0]).toMatch(/^2023年1月“人人持证、技能河南”进度月报尚未报送的单位（报送截止：1月30日）：\n/);

    writeText.mockRejectedValue(new Error('denied'));
    document.execCommand = jest.fn(() => false);
    fireEvent.click(within(pane).getByRole('button', { name: '复制催报名单' }));
    const area = await within(pane).findByRole('textbox', { name: '催报名单（文本）' });
    expect((area as HTMLTextAreaElement).value).toBe(writeText.mock.calls[0][0]);
    await waitFor(() => expect(area).toHaveFocus());
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });

    fireEvent.change(within(pane).getByRole('combobox', { name: '月份' }), { target: { value: '2' } });
    expect(within(pane).getByText('报送截止：2023年2月28日')).toBeInTheDocument();
    expect(within(pane).getByText('179 个单位未报送')).toBeInTheDocument();
  });
});

describe('设置', () => {
  test('the pace curve is validated before saving; a valid one is saved; 别名表 lists and adds', async () => {
    const host = await openHost(newMaster);
    renderApp({ host });
    const pane = await openTab('设置');
    const month = (m: number) => within(pane).getByRole('textbox', { name: `${m}月应达（%）` });
    expect(month(1)).toHaveValue('8.33');
    expect(month(12)).toHaveValue('100');
    fireEvent.change(month(2), { target: { value: '5' } });
    fireEvent.change(month(3), { target: { value: 'x' } });
    fireEvent.click(within(pane).getByRole('button', { name: '保存进度设置' }));
    expect(await within(pane).findByText('进度设置有误，未保存')).toBeInTheDocument();
    expect(within(pane).getByText('3月应达（%）“x”不是数字。')).toBeInTheDocument();
    fireEvent.change(month(3), { target: { value: '20' } });
    fireEvent.click(within(pane).getByRole('button', { name: '保存进度设置' }));
    expect(await within(pane).findByText('2月的应达进度低于1月：累计进度不能减少。')).toBeInTheDocument();
    expect(host.master.state().model!.pace.curve[1]).toBeCloseTo(2 / 12, 12);

    fireEvent.change(month(2), { target: { value: '10' } });
    // The band is asked in 百分点: its error speaks in 百分点 (not "1.5 须在 0 与 1 之间").
    fireEvent.change(within(pane).getByRole('textbox', { name: '预警带宽（百分点）' }), { target: { value: '150' } });
    fireEvent.click(within(pane).getByRole('button', { name: '保存进度设置' }));
    expect(await within(pane).findByText(/^预警带宽“150”须不小于 0 且小于 100 个百分点/)).toBeInTheDocument();
    expect(within(pane).queryByText(/1\.5/)).not.toBeInTheDocument();
    fireEvent.change(within(pane).getByRole('textbox', { name: '预警带宽（百分点）' }), { target: { value: '8' } });
    fireEvent.click(within(pane).getByRole('button', { name: '保存进度设置' }));
    expect(await within(pane).findByText('已保存应达进度和预警带宽。')).toBeInTheDocument();
    const pace = host.master.state().model!.pace;
    expect(pace.curve[0]).toBe(1 / 12); // untouched fields keep their exact value
    expect(pace.curve[1]).toBeCloseTo(0.1, 12);
    expect(pace.curve[2]).toBeCloseTo(0.2, 12);
    expect(pace.band).toBeCloseTo(0.08, 12);

    expect(within(pane).getByText('别名表为空。')).toBeInTheDocument();
    fireEvent.click(within(pane).getByRole('button', { name: '添加别名' }));
    expect(await within(pane).findByText('请填写别名并选择对应单位。')).toBeInTheDocument();
    fireEvent.change(within(pane).getByRole('textbox', { name: '别名（报表上的写法）' }), { target: { value: '郑州教育局' } });
    await pickUnit(within(pane).getByRole('combobox', { name: '对应单位' }), 1);
    fireEvent.click(within(pane).getByRole('button', { name: '添加别名' }));
    expect(await within(pane).findByText('已添加别名“郑州教育局” → 郑州市。')).toBeInTheDocument();
    expect(within(within(pane).getByRole('table', { name: '别名表' })).getByRole('cell', { name: '郑州教育局' })).toBeInTheDocument();
  });
});

describe('language and structure', () => {
  test('English switch: every screen’s tab and the page language follow', async () => {
    const host = await openHost(mergedMaster);
    renderApp({ host });
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(screen.getAllByRole('tab')).toEqual(
      ['Overview', 'Import & merge', 'Manual entry', 'Reminders', 'Settings'].map((name) => screen.getByRole('tab', { name })),
    );
    expect(document.documentElement.lang).toBe('en-US');
    expect(screen.getByRole('heading', { level: 1, name: 'Certification Progress Assistant' })).toBeInTheDocument();
    expect(within(panel('Overview')).getByRole('combobox', { name: 'Month in view' })).toHaveValue('1');
    fireEvent.click(screen.getByRole('button', { name: '中文' }));
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  test('tabs control labelled panels; only the selected one is shown; state survives switching', async () => {
    const host = await openHost(mergedMaster);
    renderApp({ host });
    for (const tab of screen.getAllByRole('tab')) {
      const controlled = document.getElementById(tab.getAttribute('aria-controls')!)!;
      expect(controlled).toHaveAttribute('role', 'tabpanel');
      expect(controlled).toHaveAttribute('aria-labelledby', tab.id);
    }
    const manual = await openTab('手工录入');
    fireEvent.change(within(manual).getByRole('textbox', { name: '培训任务（人次） 当月完成' }), { target: { value: '12' } });
    await openTab('概览');
    expect(document.querySelectorAll('[role="tabpanel"]:not([hidden])')).toHaveLength(1);
    await openTab('手工录入');
    expect(within(panel('手工录入')).getByRole('textbox', { name: '培训任务（人次） 当月完成' })).toHaveValue('12');
  });

  test('new master over unsaved changes asks first; cancel keeps everything', async () => {
    const host = await openHost(mergedMaster);
    const create = jest.spyOn(host, 'create');
    renderApp({ host });
    fireEvent.change(within(panel('概览')).getByRole('combobox', { name: '截至月份' }), { target: { value: '2' } });
    await screen.findByText('主表有尚未下载的修改：完成后请点“下载主表”保存。');
    fireEvent.click(screen.getByRole('button', { name: '新建主表' }));
    const dialog = await screen.findByRole('dialog', { name: '替换当前主表？' });
    fireEvent.click(within(dialog).getByRole('button', { name: '取消' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(create).not.toHaveBeenCalled();
    expect(host.master.state().model!.month).toBe(2);
  });
});

describe('the ribbon’s outcome in the pane (one ExcelHost, as in the shared runtime)', () => {
  const noPane = { showTaskpane: async () => undefined };
  const ribbonEvent = () => ({ completed: jest.fn() });

  test('本月合并 with a rejected sheet: the pane shows that result and why, at once (no polling); 知道了 hides it', async () => {
    const { fake, host } = await masterInFake(embeddedQuota2023());
    renderApp({ host, hostStatus: 'excel' });
    const overview = await screen.findByRole('tabpanel', { name: '概览' }, { timeout: 20_000 });
    const month = within(overview).getByRole('combobox', { name: '截至月份' });
    expect(month).toHaveValue('0');
    pasteReports(fake, units.slice(0, 2), 1, embeddedQuota2023());
    const bad = reportSheet(units[2], 2, 1);
    bad[reportFormCells().indicators.training.monthly] = { t: 's', v: '约100' };
    pasteIntoFake(fake, '许昌', bad);

    await act(async () => {
      await mergeMonthCommand(host.master.as('ribbon'), ribbonEvent(), noPane);
    });
    // Published by the layer, rendered in the same act(): no timer had to run.
    const notice = screen.getByTestId('ribbon-outcome');
    expect(within(notice).getByText(/^功能区“本月合并”的结果（2023-02-01 \d\d:\d\d:\d\d）$/)).toBeInTheDocument();
    expect(within(notice).getByText(/^1 月合并完成：已合并 2 份，未合并 1 份，尚未报送 177 个单位。/)).toBeInTheDocument();
    expect(within(notice).getByText(/^未合并 工作表“许昌”：.*约100/)).toBeInTheDocument();
    expect(month).toHaveValue('1');

    fireEvent.click(within(notice).getByRole('button', { name: '知道了' }));
    expect(screen.queryByTestId('ribbon-outcome')).not.toBeInTheDocument();

    await act(async () => {
      await undoMergeCommand(host.master.as('ribbon'), ribbonEvent(), noPane);
    });
    expect(
      within(screen.getByTestId('ribbon-outcome')).getByText(/^已撤销 .* 的 1 月合并：恢复 2 个单位的数据，截至月份恢复为 0（尚未合并任何月份）。$/),
    ).toBeInTheDocument();
    expect(month).toHaveValue('0');
  });

  test('a ribbon click while the pane merges is refused, and the pane says so', async () => {
    const { fake, host } = await masterInFake(embeddedQuota2023());
    renderApp({ host, hostStatus: 'excel' });
    await screen.findByRole('tabpanel', { name: '概览' }, { timeout: 20_000 });
    pasteReports(fake, units.slice(0, 2), 1, embeddedQuota2023());
    await act(async () => {
      const pane = host.master.merge({ month: 1, files: [], includeSheets: true });
      const refused = await mergeMonthCommand(host.master.as('ribbon'), ribbonEvent(), noPane);
      expect(refused).toMatchObject({ ok: false, needsAttention: false });
      await pane;
    });
    const notice = screen.getByTestId('ribbon-outcome');
    expect(within(notice).getByText('“合并报表”尚未完成，“本月合并”没有执行：请等“合并报表”完成、看过它的结果后再操作。')).toBeInTheDocument();
    expect(host.master.state().model!.month).toBe(1);
  });
});
