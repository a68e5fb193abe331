import { withEntry, Ledger, emptyLedger } from '../../src/core/ledger';
import { STATUS_LABELS, Status, statusReport } from '../../src/core/status';
import { QuotaTable, Unit } from '../../src/core/units';
import { readWorkbook } from '../../src/workbook/adapters/xlsxRead';
import { renderWorkbook } from '../../src/workbook/adapters/xlsxRender';
import { cellAt } from '../../src/workbook/grids';
import { CONFIG_ROWS, OVERVIEW_OVERALL_COL, SHEET, overviewColumn, shapeOf, unitRow } from '../../src/workbook/layout';
import { masterSpec } from '../../src/workbook/masterSpec';
import { MasterModel, newMasterModel } from '../../src/workbook/model';
import { readMaster } from '../../src/workbook/readMaster';
import { convertWithLibreOffice } from '../helpers/libreoffice';
import { INDICATORS, TABLE_2023_SHAPE } from '../helpers/table2023';

/**
 * #11.3: LibreOffice stores the pace with 15 significant digits (0.166666666666667 for 2/12). A unit exactly on
 * pace, or exactly at the pace minus the band, keeps its status after LibreOffice re-saved the master: in
 * `status` (the core reading the re-saved file) and in the sheet's own recalculated 状态 cells.
 */
const ANNUAL = 1200;
const units: Unit[] = [1, 2, 3].map((id) => ({
  id,
  name: `单位${id}`,
  category: TABLE_2023_SHAPE.categories[0],
  quota: Object.fromEntries(INDICATORS.map((i) => [i.key, ANNUAL])),
}));
const table: QuotaTable = { ...TABLE_2023_SHAPE, year: 2023, source: '测试', units };
const shape = shapeOf(table);
const MONTHS = [2, 5, 8, 11];

/** Unit 1 exactly on pace, unit 2 exactly at pace − band, unit 3 just below that, in every indicator. */
function ledgerAt(month: number): Ledger {
  let ledger = emptyLedger();
  const cumulative = [(ANNUAL * month) / 12, ANNUAL * (month / 12 - 0.05), ANNUAL * (month / 12 - 0.05) - 1];
  units.forEach((u, i) => {
    for (const ind of INDICATORS) ledger = withEntry(ledger, u.id, ind.key, month, { monthly: null, cumulative: cumulative[i] });
  });
  return ledger;
}

const cases: Array<{ month: number; model: MasterModel }> = MONTHS.map((month) => ({
  month,
  model: { ...newMasterModel(table), ledger: ledgerAt(month), month },
}));
let saved: Uint8Array[];
let resaved: Array<ReturnType<typeof readWorkbook>>;
/** The re-saved files opened in LibreOffice again, every formula recalculated from the 15-digit pace. */
let recalculated: Array<ReturnType<typeof readWorkbook>>;

beforeAll(async () => {
  saved = await Promise.all(cases.map((c) => renderWorkbook(masterSpec(c.model))));
  const once = convertWithLibreOffice(
    cases.map((c, i) => ({ name: `on-pace-${c.month}.xlsx`, bytes: saved[i] })),
    'xlsx',
  );
  resaved = once.map((b) => readWorkbook(b));
  recalculated = convertWithLibreOffice(
    cases.map((c, i) => ({ name: `again-${c.month}.xlsx`, bytes: once[i] })),
    'xlsx',
  ).map((b) => readWorkbook(b));
}, 300_000);

const statuses = (model: MasterModel) =>
  statusReport(model.table, model.ledger, model.month, model.pace).units.map((u) => [u.status, ...INDICATORS.map((i) => u.indicators[i.key].status)]);
const WANT: Status[] = ['ok', 'amber', 'red'];

describe.each(cases.map((c, i) => [c.month, i] as const))('month %i', (month, i) => {
  test('the units are exactly on pace and exactly at pace − band (in doubles, as the core computes)', () => {
    const report = statusReport(table, cases[i].model.ledger, month, cases[i].model.pace);
    expect(report.units.map((u) => u.indicators.training.rate)).toEqual([
      (ANNUAL * month) / 12 / ANNUAL,
      (ANNUAL * (month / 12 - 0.05)) / ANNUAL,
      expect.any(Number),
    ]);
    expect(report.units[0].indicators.training.rate).toBe(report.expectedRate);
  });

  test('LibreOffice stored the pace with 15 digits, and `status` is the same before and after', () => {
    const before = readMaster(readWorkbook(saved[i])).model;
    const after = readMaster(resaved[i]).model;
    const pace = cellAt(resaved[i].sheets.get(SHEET.config), CONFIG_ROWS.paceFirst + month - 1, 2) as number;
    expect(pace).toBeCloseTo(month / 12, 12);
    // 2/12, 5/12, 8/12 and 11/12 are not exact in 15 digits: the stored pace differs from the core's.
    expect(pace).not.toBe(month / 12);
    expect(statuses(after)).toEqual(statuses(before));
    expect(statuses(after)).toEqual(WANT.map((s) => [s, ...INDICATORS.map(() => s)]));
  });

  test("the re-saved sheet, recalculated by LibreOffice from its 15-digit pace, shows the core's 状态 in every status cell", () => {
    const grid = recalculated[i].sheets.get(SHEET.overview);
    const core = statusReport(table, cases[i].model.ledger, month, readMaster(resaved[i]).model.pace);
    core.units.forEach((u, k) => {
      expect(cellAt(grid, unitRow(k), OVERVIEW_OVERALL_COL)).toBe(STATUS_LABELS[u.status]);
      for (const ind of INDICATORS)
        expect(cellAt(grid, unitRow(k), overviewColumn(shape, ind.key, 'status'))).toBe(STATUS_LABELS[u.indicators[ind.key].status]);
    });
  });
});
