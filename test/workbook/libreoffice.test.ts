import { ledgerEntries } from '../../src/core/ledger';
import { PaceConfig, expectedRate, linearCurve } from '../../src/core/pace';
import { STATUS_LABELS, gapPoints, statusReport } from '../../src/core/status';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { readWorkbook } from '../../src/workbook/adapters/xlsxRead';
import { renderWorkbook } from '../../src/workbook/adapters/xlsxRender';
import { cellAt } from '../../src/workbook/grids';
import { OVERVIEW_OVERALL_COL, SHEET, overviewColumn, reportsMonthColumn, totalRow, unitRow } from '../../src/workbook/layout';
import { masterSpec } from '../../src/workbook/masterSpec';
import { MasterModel, newMasterModel } from '../../src/workbook/model';
import { readMaster } from '../../src/workbook/readMaster';
import { convertWithLibreOffice } from '../helpers/libreoffice';
import { sampleLedger } from '../helpers/sampleLedger';
import { INDICATORS, SHAPE_2023 } from '../helpers/table2023';

/**
 * The master's own formulas, recalculated by a real spreadsheet application (LibreOffice Calc,
 * headless, forced full recalculation), must give the same figures as the domain core.
 */
const table = embeddedQuota2023();
const frontLoaded: PaceConfig = { curve: [0.05, 0.12, 0.2, 0.3, 0.4, 0.5, 0.58, 0.66, 0.75, 0.84, 0.92, 1], band: 0.08 };
const cases: Array<{ name: string; model: MasterModel }> = [
  { name: 'linear-m4.xlsx', model: { ...newMasterModel(table), ledger: sampleLedger(table.units, 4), month: 4 } },
  { name: 'curve-m7.xlsx', model: { ...newMasterModel(table), ledger: sampleLedger(table.units, 7), month: 7, pace: frontLoaded } },
  { name: 'new.xlsx', model: newMasterModel(table) },
];

let recalculated: Array<ReturnType<typeof readWorkbook>>;

beforeAll(async () => {
  const inputs = await Promise.all(cases.map(async (c) => ({ name: c.name, bytes: await renderWorkbook(masterSpec(c.model)) })));
  recalculated = convertWithLibreOffice(inputs, 'xlsx').map((bytes) => readWorkbook(bytes));
}, 300_000);

const close = (a: unknown, b: number | null) => {
  if (b === null) expect(a === null || a === '' || a === STATUS_LABELS.none).toBe(true);
  // LibreOffice stores 15 significant digits in the file it saves.
  else expect(Math.abs((a as number) - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));
};

describe.each(cases.map((c, i) => [c.name, i] as const))('LibreOffice recalculation of %s', (_name, index) => {
  const { model } = cases[index];
  const core = statusReport(model.table, model.ledger, model.month, model.pace);

  test('进度总览: annual, cumulative, rate, expected, gap and status of every unit equal the core', () => {
    const grid = recalculated[index].sheets.get(SHEET.overview);
    let compared = 0;
    core.units.forEach((u, i) => {
      const row = unitRow(i);
      expect(cellAt(grid, row, 1)).toBe(u.id);
      expect(cellAt(grid, row, OVERVIEW_OVERALL_COL)).toBe(STATUS_LABELS[u.status]);
      for (const ind of INDICATORS) {
        const p = u.indicators[ind.key];
        const at = (f: Parameters<typeof overviewColumn>[2]) => cellAt(grid, row, overviewColumn(SHAPE_2023, ind.key, f));
        expect(at('annual')).toBe(p.annual ?? '—');
        close(at('cumulative'), p.cumulative);
        close(at('rate'), p.rate);
        close(at('expected'), core.expectedRate);
        close(at('gap'), gapPoints(p.rate, core.expectedRate));
        expect(at('status')).toBe(STATUS_LABELS[p.status]);
        compared++;
      }
    });
    expect(compared).toBe(179 * 4);
  });

  test('the statuses cover every case where there is data', () => {
    const seen = new Set(core.units.map((u) => u.status));
    if (model.month > 0) expect([...seen].sort()).toEqual(['amber', 'none', 'ok', 'red']);
    else expect([...seen]).toEqual(['none']);
  });

  test('province totals row: sums of annual and cumulative, and their rate', () => {
    const grid = recalculated[index].sheets.get(SHEET.overview);
    const row = totalRow(179);
    for (const ind of INDICATORS) {
      const annual = core.units.reduce((s, u) => s + (u.indicators[ind.key].annual ?? 0), 0);
      const cumulative = core.units.reduce((s, u) => s + (u.indicators[ind.key].cumulative ?? 0), 0);
      close(cellAt(grid, row, overviewColumn(SHAPE_2023, ind.key, 'annual')), annual);
      close(cellAt(grid, row, overviewColumn(SHAPE_2023, ind.key, 'cumulative')), cumulative);
      close(cellAt(grid, row, overviewColumn(SHAPE_2023, ind.key, 'rate')), cumulative / annual);
    }
  });

  test('报送情况 and 说明 agree with the core: who reported, who is missing, expected pace', () => {
    const reports = recalculated[index].sheets.get(SHEET.reports);
    core.units.forEach((u, i) => {
      for (let m = 1; m <= 12; m++) {
        const cell = cellAt(reports, unitRow(i), reportsMonthColumn(m));
        const want = u.reported.includes(m) ? '已报' : m <= model.month ? '未报' : null;
        expect(cell || null).toBe(want); // "" from the formula is an empty cell to a reader
      }
    });
    const missingInSheet = core.units.filter((_, i) => cellAt(reports, unitRow(i), reportsMonthColumn(Math.max(1, model.month))) === '未报');
    expect(missingInSheet.map((u) => u.id)).toEqual(core.missing);
    close(cellAt(recalculated[index].sheets.get(SHEET.readme), 7, 2), expectedRate(model.pace, model.month));
  });

  test('the master LibreOffice saved back still reads as the same model', () => {
    const { model: back, problems } = readMaster(recalculated[index]);
    expect(problems).toEqual([]);
    expect(ledgerEntries(back.ledger)).toEqual(ledgerEntries(model.ledger));
    expect(back.month).toBe(model.month);
    expect(back.table).toEqual(model.table);
    back.pace.curve.forEach((v, i) => close(v, model.pace.curve[i]));
  });
});

test('the linear curve is the default', () => {
  expect(cases[0].model.pace.curve).toEqual(linearCurve());
});
