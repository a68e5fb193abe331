import { PaceConfig } from '../../src/core/pace';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { readWorkbook } from '../../src/workbook/adapters/xlsxRead';
import { renderWorkbook } from '../../src/workbook/adapters/xlsxRender';
import { masterSpec } from '../../src/workbook/masterSpec';
import { MasterModel, newMasterModel } from '../../src/workbook/model';
import { readMaster } from '../../src/workbook/readMaster';
import { anyLedger, cachedResultDifferences, formulaCellDifferences, statusCellDifferences } from '../helpers/cachedResults';
import { convertWithLibreOffice } from '../helpers/libreoffice';
import { scaleTable } from '../helpers/scaleTable';

/**
 * #11.4: a master shows its numbers in programs that do not calculate. Every formula cell a new master holds has
 * its cached result: read without recalculation (SheetJS), the status and rate cells equal `status --json` and the
 * province summary, and LibreOffice, recalculating every formula, gets the same value in every formula cell.
 */
const table = embeddedQuota2023();
const frontLoaded: PaceConfig = { curve: [0.05, 0.12, 0.2, 0.3, 0.4, 0.5, 0.58, 0.66, 0.75, 0.84, 0.92, 1], band: 0.08 };
const eight = scaleTable(60, 8, { missingIn: '本科高校' });
const cases: Array<{ name: string; model: MasterModel }> = [
  { name: 'new.xlsx', model: newMasterModel(table) },
  { name: 'linear-m4.xlsx', model: { ...newMasterModel(table), ledger: anyLedger(table, 4), month: 4 } },
  { name: 'curve-m7.xlsx', model: { ...newMasterModel(table), ledger: anyLedger(table, 7), month: 7, pace: frontLoaded } },
  { name: 'eight-m3.xlsx', model: { ...newMasterModel(eight), ledger: anyLedger(eight, 3), month: 3 } },
];

let files: Uint8Array[];
let recalculated: Array<ReturnType<typeof readWorkbook>>;

beforeAll(async () => {
  files = await Promise.all(cases.map((c) => renderWorkbook(masterSpec(c.model))));
  recalculated = convertWithLibreOffice(
    cases.map((c, i) => ({ name: c.name, bytes: files[i] })),
    'xlsx',
  ).map((bytes) => readWorkbook(bytes));
}, 300_000);

describe.each(cases.map((c, i) => [c.name, i] as const))('a new master, %s', (_name, i) => {
  const { model } = cases[i];

  test('read without recalculation: every status and rate cell equals status --json and the province summary', () => {
    const cached = readWorkbook(files[i]);
    // `status --json` is the report of the model read back from the file.
    const back = readMaster(cached).model;
    expect(back.month).toBe(model.month);
    const { compared, differences } = statusCellDifferences(back, cached);
    expect(differences).toEqual([]);
    expect(compared).toBeGreaterThan(model.table.units.length * model.table.indicators.length * 4);
  });

  test('every formula cell holds its result', () => {
    const { compared, differences } = cachedResultDifferences(model, readWorkbook(files[i]));
    expect(differences).toEqual([]);
    expect(compared).toBeGreaterThan(1000);
  });

  test('LibreOffice, recalculating every formula, gets the cached value in every formula cell', () => {
    const { compared, differences } = formulaCellDifferences(model, readWorkbook(files[i]), recalculated[i]);
    expect(differences).toEqual([]);
    expect(compared).toBeGreaterThan(1000);
  });
});
