/** @jest-environment ./test/taskpane/jsdomEnvironment.js */
/*
 * One number, one place (issue #11.5): what the page shows — 概览's category table and counts, the units behind
 * pace, the 催报 list — is what the master's own cells say, read back from the workbook the page downloads and
 * recalculated by LibreOffice (forced full recalculation), for a month with the edge cases: a category without an
 * indicator ("—", 济源示范区 and the 省辖市 have no 高级工 task), units with a figure but no task for it, units that
 * never reported.
 */
import '@testing-library/jest-dom';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';

import { cumulativeAsOf, hasReported } from '../../src/core/ledger';
import { STATUS_LABELS, Status } from '../../src/core/status';
import { FileHost } from '../../src/host/fileHost';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { App } from '../../src/taskpane/App';
import { getStrings } from '../../src/taskpane/strings';
import { readWorkbook } from '../../src/workbook/adapters/xlsxRead';
import { renderWorkbook } from '../../src/workbook/adapters/xlsxRender';
import { cellAt } from '../../src/workbook/grids';
import {
  FIRST_UNIT_ROW,
  OVERVIEW_OVERALL_COL,
  SHEET,
  overviewColumn,
  provinceBlockRow,
  provinceColumn,
  provinceCountColumn,
  provinceCountRow,
  reportsMonthColumn,
} from '../../src/workbook/layout';
import { masterSpec } from '../../src/workbook/masterSpec';
import { newMasterModel } from '../../src/workbook/model';
import { convertWithLibreOffice } from '../helpers/libreoffice';
import { sampleLedger } from '../helpers/sampleLedger';
import { INDICATORS, PROVINCE_SHEET, SHAPE_2023 } from '../helpers/table2023';

jest.setTimeout(600_000);
configure({ defaultHidden: true, asyncUtilTimeout: 30_000 });

const t = getStrings('zh-CN');
const table = embeddedQuota2023();
const MONTH = 3;
// Written with 截至月份 2; the page moves it to 3 (a page action the downloaded workbook must carry).
const model = { ...newMasterModel(table), ledger: sampleLedger(table.units, MONTH), month: 2 };
const JIYUAN = table.units.find((u) => u.category === '济源示范区')!;

type Grid = unknown[][] | undefined;
let grids: ReturnType<typeof readWorkbook>['sheets'];
let pane: {
  tables: Record<string, string[][]>;
  counts: Record<string, number>;
  behind: Array<{ id: number; status: string; detail: string }>;
  remind: Record<string, string[]>;
};

beforeAll(async () => {
  // The edge cases are in the data (or the test would prove nothing).
  expect(JIYUAN.quota.advanced).toBeNull();
  expect(hasReported(model.ledger, JIYUAN.id, MONTH)).toBe(false); // 济源示范区 never reported
  const withoutQuota = table.units.filter((u) => u.quota.advanced === null && (cumulativeAsOf(model.ledger, u.id, 'advanced', MONTH) ?? 0) > 0);
  expect(withoutQuota.length).toBeGreaterThan(10); // figures without a task

  const host = new FileHost();
  await host.openMaster({ name: '持证进度主表-2023.xlsx', bytes: await renderWorkbook(masterSpec(model)) });
  let downloaded: Uint8Array | null = null;
  render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} save={(bytes) => (downloaded = bytes)} />
    </FluentProvider>,
  );
  const overview = document.getElementById('panel-overview')!;
  fireEvent.change(within(overview).getByRole('combobox', { name: '截至月份' }), { target: { value: String(MONTH) } });
  await within(overview).findByText(`25.0%（${MONTH}月底）`);

  const tables: Record<string, string[][]> = {};
  for (const ind of INDICATORS) {
    fireEvent.change(within(overview).getByRole('combobox', { name: '图表指标' }), { target: { value: ind.key } });
    const tableEl = await within(overview).findByRole('table', { name: t.tableCaption(ind.label) });
    tables[ind.key] = [...tableEl.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent ?? ''));
  }
  const counts: Record<string, number> = {};
  for (const dd of overview.querySelectorAll('[data-count]'))
    counts[dd.getAttribute('data-count')!] = Number.parseInt(dd.querySelector('dd')!.textContent!, 10);
  const behind = [...overview.querySelectorAll('li[data-unit-id]')].map((li) => ({
    id: Number(li.getAttribute('data-unit-id')),
    status: li.querySelector('[data-status]')!.textContent ?? '',
    detail: li.querySelector('.fui-Caption1')!.textContent ?? '',
  }));
  const remindPanel = document.getElementById('panel-remind')!;
  expect(within(remindPanel).getByRole('combobox', { name: '月份' })).toHaveValue(String(MONTH));
  const remind: Record<string, string[]> = {};
  for (const section of remindPanel.querySelectorAll('section[aria-label]')) {
    remind[section.querySelector('h3')!.textContent!.replace(/（\d+）$/, '')] = [...section.querySelectorAll('li')].map((li) => li.textContent ?? '');
  }
  pane = { tables, counts, behind, remind };

  fireEvent.click(screen.getByRole('button', { name: '下载主表' }));
  await waitFor(() => expect(downloaded).not.toBeNull());
  const [recalculated] = convertWithLibreOffice([{ name: 'downloaded.xlsx', bytes: downloaded! }], 'xlsx');
  grids = readWorkbook(recalculated).sheets;
});

/** A cell as the page would print it: numbers formatted like the pane, "—"/blank as no value. */
const isBlank = (v: unknown) => v === null || v === undefined || v === '' || v === '—';
const count = (v: unknown) => (isBlank(v) ? t.noData : (v as number).toLocaleString('en-US'));
const rate = (v: unknown) => (isBlank(v) ? t.noData : t.percent(v as number));
const gap = (v: unknown) => (isBlank(v) ? t.noData : t.gapShort(v as number));
const statusOfLabel = (label: unknown): Status => (Object.keys(STATUS_LABELS) as Status[]).find((s) => STATUS_LABELS[s] === label) ?? 'none';

test('the downloaded master is at the month the page set', () => {
  const reports = grids.get(SHEET.reports) as Grid;
  // 报送情况 says 已报/未报 up to 截至月份 and nothing after it.
  const first = table.units.findIndex((u) => hasReported(model.ledger, u.id, MONTH));
  expect(cellAt(reports as never, FIRST_UNIT_ROW + first, reportsMonthColumn(MONTH))).toBe('已报');
  expect(isBlank(cellAt(reports as never, FIRST_UNIT_ROW + first, reportsMonthColumn(MONTH + 1)))).toBe(true);
});

describe.each(INDICATORS.map((i) => [i.label, i.key] as const))('概览 %s: every category row is the 全省汇总 block', (_label, key) => {
  test('累计已完成, 年度任务, 完成率, 差距 and 状态 as the master computes them', () => {
    const summary = grids.get(PROVINCE_SHEET) as Grid;
    const rows = pane.tables[key];
    const shown = table.categories.filter((_, i) => rows.some((r) => r[0] === t.categoryLabel(table.categories[i])));
    expect(shown).toEqual(table.categories);
    table.categories.forEach((category, i) => {
      const row = provinceBlockRow(SHAPE_2023, key, i);
      const cell = (f: Parameters<typeof provinceColumn>[0]) => cellAt(summary as never, row, provinceColumn(f));
      const noTask = table.units.every((u) => u.category !== category || u.quota[key] === null);
      const master = [
        t.categoryLabel(category),
        count(cell('cumulative')),
        // A category without the task: the master says "—" (or leaves it empty); the page says so in words.
        noTask ? t.noQuota : count(cell('annual')),
        rate(cell('rate')),
        gap(cell('gap')),
        t.statusLabel[statusOfLabel(cell('status'))],
      ];
      if (noTask) expect({ category, annual: isBlank(cell('annual')) || cell('annual') === 0 }).toEqual({ category, annual: true });
      expect({ category, row: rows[i] }).toEqual({ category, row: master });
    });
  });
});

test('the counts are 进度总览’s statuses and 全省汇总’s 未报送', () => {
  const overview = grids.get(SHEET.overview) as Grid;
  const statuses = table.units.map((_, i) => statusOfLabel(cellAt(overview as never, FIRST_UNIT_ROW + i, OVERVIEW_OVERALL_COL)));
  const by = (s: Status) => statuses.filter((x) => x === s).length;
  const summary = grids.get(PROVINCE_SHEET) as Grid;
  const missing = cellAt(summary as never, provinceCountRow(SHAPE_2023, table.categories.length), provinceCountColumn('missing'));
  expect(pane.counts).toEqual({ ok: by('ok'), amber: by('amber'), red: by('red'), none: by('none'), missing });
  expect(by('none')).toBeGreaterThan(0); // units that never reported
});

test('the units behind pace are 进度总览’s 预警 and 滞后, each with its worst indicator’s rate and gap from the sheet', () => {
  const overview = grids.get(SHEET.overview) as Grid;
  const behind = table.units
    .map((u, i) => ({ u, status: statusOfLabel(cellAt(overview as never, FIRST_UNIT_ROW + i, OVERVIEW_OVERALL_COL)) }))
    .filter((x) => x.status === 'amber' || x.status === 'red');
  expect(pane.behind.map((b) => b.id).sort((a, b) => a - b)).toEqual(behind.map((x) => x.u.id));
  for (const b of pane.behind) {
    const i = table.units.findIndex((u) => u.id === b.id);
    expect(b.status).toBe(t.statusLabel[behind.find((x) => x.u.id === b.id)!.status]);
    const ind = INDICATORS.find((x) => b.detail.includes(` · ${x.label} `))!;
    const cell = (f: 'rate' | 'gap') => cellAt(overview as never, FIRST_UNIT_ROW + i, overviewColumn(SHAPE_2023, ind.key, f));
    expect({ id: b.id, detail: b.detail }).toEqual({
      id: b.id,
      detail: `${t.categoryLabel(table.units[i].category)} · ${ind.label} ${rate(cell('rate'))} · ${t.col.gap} ${t.gapPoints(cell('gap') as number)}`,
    });
  }
});

test('催报 lists exactly the units 报送情况 marks 未报 for the month, by category', () => {
  const reports = grids.get(SHEET.reports) as Grid;
  const want: Record<string, string[]> = {};
  table.units.forEach((u, i) => {
    if (cellAt(reports as never, FIRST_UNIT_ROW + i, reportsMonthColumn(MONTH)) === '未报') (want[u.category] ??= []).push(u.name);
  });
  expect(pane.remind).toEqual(want);
  expect(want['济源示范区']).toEqual([JIYUAN.name]);
});
