import { PaceConfig } from '../../src/core/pace';
import { STATUS_LABELS } from '../../src/core/status';

import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { GroupSummary, provinceSummary } from '../../src/summary/provinceSummary';
import { readWorkbook } from '../../src/workbook/adapters/xlsxRead';
import { renderWorkbook } from '../../src/workbook/adapters/xlsxRender';
import { cellAt } from '../../src/workbook/grids';
import {
  PROVINCE_COUNT_FIELDS,
  PROVINCE_FIELDS,
  provinceBlockRow,
  provinceChartColumn,
  provinceChartRows,
  provinceColumn,
  provinceCountColumn,
  provinceCountRow,
  provinceFormRow,
} from '../../src/workbook/layout';
import { masterSpec } from '../../src/workbook/masterSpec';
import { MasterModel, newMasterModel } from '../../src/workbook/model';
import { convertWithLibreOffice } from '../helpers/libreoffice';
import { sampleLedger } from '../helpers/sampleLedger';
import { CATEGORIES, INDICATORS, PROVINCE_SHEET, SHAPE_2023 } from '../helpers/table2023';

/**
 * The master's 全省汇总 sheet, recalculated by LibreOffice (forced full recalculation), gives the figures of
 * the core's provinceSummary: the province's 附件2 rows, the counts per category, and every category block.
 */
const table = embeddedQuota2023();
const frontLoaded: PaceConfig = { curve: [0.05, 0.12, 0.2, 0.3, 0.4, 0.5, 0.58, 0.66, 0.75, 0.84, 0.92, 1], band: 0.08 };
// Units renumbered out of category order: the rollups must go by 类别, not by position.
const shuffled = { ...table, units: [...table.units.slice(100), ...table.units.slice(0, 100)].map((u, i) => ({ ...u, id: i + 1 })) };
const cases: Array<{ name: string; model: MasterModel }> = [
  { name: 'linear-m4.xlsx', model: { ...newMasterModel(table), ledger: sampleLedger(table.units, 4), month: 4 } },
  { name: 'curve-m7.xlsx', model: { ...newMasterModel(table), ledger: sampleLedger(table.units, 7), month: 7, pace: frontLoaded } },
  { name: 'shuffled-m2.xlsx', model: { ...newMasterModel(shuffled), ledger: sampleLedger(shuffled.units, 2), month: 2 } },
  { name: 'new.xlsx', model: newMasterModel(table) },
];

let recalculated: Array<ReturnType<typeof readWorkbook>>;

beforeAll(async () => {
  const inputs = await Promise.all(cases.map(async (c) => ({ name: c.name, bytes: await renderWorkbook(masterSpec(c.model)) })));
  recalculated = convertWithLibreOffice(inputs, 'xlsx').map((bytes) => readWorkbook(bytes));
}, 300_000);

function expectClose(actual: unknown, want: number | null, where: string): void {
  if (want === null) {
    expect({ where, value: actual === '' ? null : actual }).toEqual({ where, value: null });
    return;
  }
  expect(typeof actual).toBe('number');
  const ok = Math.abs((actual as number) - want) <= 1e-12 * Math.max(1, Math.abs(want));
  expect({ where, ok, actual }).toEqual({ where, ok: true, actual });
}

function expectGroupRow(
  grid: unknown[][] | undefined,
  row: number,
  key: (typeof INDICATORS)[number]['key'],
  g: GroupSummary,
  where: string,
  dash = false,
): void {
  const p = g.indicators[key];
  for (const field of PROVINCE_FIELDS) {
    const cell = cellAt(grid as never, row, provinceColumn(field));
    if (field === 'status') expect({ where, cell }).toEqual({ where, cell: STATUS_LABELS[p.status] });
    // In 三, a group with neither a quota nor a figure shows "—" as 年度任务, as the summary file does.
    else if (field === 'annual' && dash && p.annual === 0 && p.cumulative === null) expect({ where, cell }).toEqual({ where, cell: '—' });
    else expectClose(cell, p[field], `${where} ${field}`);
  }
}

describe.each(cases.map((c, i) => [c.name, i] as const))('全省汇总 of %s recalculated by LibreOffice', (_name, index) => {
  const { model } = cases[index];
  const core = provinceSummary(model.table, model.ledger, model.month, model.pace);
  const grid = () => recalculated[index].sheets.get(PROVINCE_SHEET);

  test('the province rows (附件2: 年度任务, 当月完成, 累计已完成, 累计完成率, against the pace) equal the core', () => {
    for (const ind of INDICATORS) expectGroupRow(grid(), provinceFormRow(SHAPE_2023, ind.key), ind.key, core.province, `全省 ${ind.label}`);
  });

  test('units, reported, missing and alerts per category equal the core', () => {
    const groups = [...core.categories, core.province];
    groups.forEach((g, i) => {
      expect(cellAt(grid(), provinceCountRow(SHAPE_2023, i), 1)).toBe(g.label);
      for (const field of PROVINCE_COUNT_FIELDS) {
        expect({ label: g.label, field, value: cellAt(grid(), provinceCountRow(SHAPE_2023, i), provinceCountColumn(field)) }).toEqual({
          label: g.label,
          field,
          value: g[field],
        });
      }
    });
  });

  test("四、the chart data: each category's 累计完成率 of each indicator and 应达进度 equal the core (blank without a rate)", () => {
    const rows = provinceChartRows(SHAPE_2023);
    expect(cellAt(grid(), rows.header, 1)).toBeNull();
    expect(cellAt(grid(), rows.header, provinceChartColumn(SHAPE_2023, 'expected'))).toBe('应达进度');
    let blanks = 0;
    [...core.categories, core.province].forEach((g, i) => {
      const row = rows.first + i;
      expect(cellAt(grid(), row, 1)).toBe(g.label);
      for (const ind of INDICATORS) {
        const rate = g.indicators[ind.key].rate;
        if (rate === null) blanks++;
        expectClose(cellAt(grid(), row, provinceChartColumn(SHAPE_2023, ind.key)), rate, `图表数据 ${g.label} ${ind.label}`);
      }
      expectClose(cellAt(grid(), row, provinceChartColumn(SHAPE_2023, 'expected')), core.expectedRate, `图表数据 ${g.label} 应达进度`);
    });
    // Both kinds are here: without data every cell is blank; with data most are rates, and the blanks include the
    // categories without a quota (the 2023 notice gives 省辖市 no 高级工及以上 task).
    const total = (CATEGORIES.length + 1) * INDICATORS.length;
    if (model.month === 0) expect(blanks).toBe(total);
    else {
      expect(core.categories[0].indicators.advanced.annual).toBe(0);
      expect(cellAt(grid(), rows.first, provinceChartColumn(SHAPE_2023, 'advanced')) ?? '').toBe('');
      expect(blanks).toBeGreaterThan(0);
      expect(total - blanks).toBeGreaterThan(total / 2);
    }
  });

  test('every category block equals the core', () => {
    for (const ind of INDICATORS) {
      [...core.categories, core.province].forEach((g, i) => {
        const row = provinceBlockRow(SHAPE_2023, ind.key, i);
        expect(cellAt(grid(), row, 1)).toBe(g.label);
        expectGroupRow(grid(), row, ind.key, g, `${g.label} ${ind.label}`, true);
      });
    }
  });
});
