import { perIndicator } from '../../src/core/indicators';
import { mergeMonth } from '../../src/core/merge';
import { ParsedReport } from '../../src/core/report';
import { QuotaTable, Unit } from '../../src/core/units';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { patchWorkbook } from '../../src/workbook/adapters/xlsxPatch';
import { readWorkbook } from '../../src/workbook/adapters/xlsxRead';
import { renderWorkbook } from '../../src/workbook/adapters/xlsxRender';
import { masterSpec } from '../../src/workbook/masterSpec';
import { newMasterModel } from '../../src/workbook/model';
import { mergePatches } from '../../src/workbook/patches';
import { readMaster } from '../../src/workbook/readMaster';
import { INDICATORS, TABLE_2023_SHAPE } from '../helpers/table2023';

/**
 * Synthetic provinces: counts and growth only (CI times nothing absolute). Time must grow about
 * linearly: the ratio between two sizes in one run, far below the quadratic ratio.
 */
function province(n: number): QuotaTable {
  const base = embeddedQuota2023().units;
  return {
    ...TABLE_2023_SHAPE,
    year: 2023,
    source: 'synthetic',
    units: Array.from({ length: n }, (_, i): Unit => ({ ...base[i % base.length], id: i + 1, name: `合成单位${i + 1}` })),
  };
}

function report(u: Unit): ParsedReport {
  const v = (value: number | null) => ({ raw: value, value, cell: 'C4' });
  return {
    file: `${u.id}.xlsx`,
    sheet: 'Sheet1',
    sha256: String(u.id),
    unitName: u.name,
    unitNameCell: 'A2',
    code: null,
    figures: perIndicator(INDICATORS, (k) => {
      const q = u.quota[k];
      const c = q === null ? null : Math.round(q / 12);
      return { annual: v(q), monthly: v(c), cumulative: v(c), rate: { ...v(null), readings: [] } };
    }),
    filler: '',
    phone: '',
    date: { text: '', cell: null, date: null },
    findings: [],
  };
}

function best(fn: () => void, runs = 3): number {
  let ms = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    ms = Math.min(ms, Number(process.hrtime.bigint() - t) / 1e6);
  }
  return ms;
}

test('the core merge of 10,000 units merges every report and grows about linearly', () => {
  const run = (n: number) => {
    const table = province(n);
    const reports = table.units.map((u) => ({ report: report(u), unitId: u.id, unitFindings: [] }));
    let merged = 0;
    const ms = best(() => {
      const r = mergeMonth({ table, ledger: new Map(), currentMonth: 0, month: 1, reports, failures: [] });
      merged = r.merged.length;
      expect(r.missing).toEqual([]);
    });
    return { merged, ms };
  };
  const small = run(2000);
  const large = run(10000);
  expect(small.merged).toBe(2000);
  expect(large.merged).toBe(10000);
  // 5× the units: linear is ~5×, quadratic 25×.
  expect(large.ms / small.ms).toBeLessThan(12);
}, 120_000);

test('the file adapter writes a 10,000-unit merge into the master and reads it back; patch time grows about linearly', async () => {
  const run = async (n: number) => {
    const model = newMasterModel(province(n));
    const bytes = await renderWorkbook(masterSpec(model));
    const result = mergeMonth({
      table: model.table,
      ledger: model.ledger,
      currentMonth: 0,
      month: 1,
      reports: model.table.units.map((u) => ({ report: report(u), unitId: u.id, unitFindings: [] })),
      failures: [],
    });
    const patches = mergePatches(model, { ledger: result.ledger, month: 1, changedUnits: result.changedUnits, logRows: [], undo: null });
    let out = bytes;
    const ms = best(() => {
      out = patchWorkbook(bytes, patches);
    }, 2);
    const back = readMaster(readWorkbook(out)).model;
    expect(back.ledger).toEqual(result.ledger);
    expect(back.month).toBe(1);
    return ms;
  };
  const small = await run(2000);
  const large = await run(10000);
  // 5× the units: linear is ~5×, quadratic 25×.
  expect(large / small).toBeLessThan(12);
}, 600_000);
