/**
 * One process of `npm run bench`: a table of N units and K indicators (one a "其中" part of another, three
 * categories) — create the master, read it back, merge a month for every unit, write the patch — and the process's
 * peak memory. Run alone so that its peak RSS is its own: `node largeMaster.js 10000 8` prints one JSON line.
 */
import { Indicator } from '../core/indicators';
import { mergeMonth } from '../core/merge';
import { ParsedReport } from '../core/report';
import { QuotaTable, Unit } from '../core/units';
import { readWorkbook } from '../workbook/adapters/xlsxRead';
import { renderWorkbook } from '../workbook/adapters/xlsxRender';
import { patchWorkbook } from '../workbook/adapters/xlsxPatch';
import { masterSpec } from '../workbook/masterSpec';
import { newMasterModel } from '../workbook/model';
import { mergePatches } from '../workbook/patches';
import { readMaster } from '../workbook/readMaster';

export interface LargeMasterFigures {
  units: number;
  indicators: number;
  megabytes: number;
  createMs: number;
  readMs: number;
  mergeWriteMs: number;
  /** Peak RSS of the process when the master was created, then read back, then at the end (after the merge write). */
  createPeakMiB: number;
  readPeakMiB: number;
  peakRssMiB: number;
}

const CATEGORIES = ['县（市、区）', '市直学校', '民办学校'];

function table(n: number, k: number): QuotaTable {
  const indicators: Indicator[] = Array.from({ length: k }, (_, i) => ({
    key: `i${i + 3}`,
    label: i === 2 ? `其中指标${i + 1}` : `指标${i + 1}`,
    unit: i === 0 ? '人次' : '人',
    parent: i === 2 ? 'i4' : null,
    shortLabel: `指标${i + 1}`,
  }));
  const units: Unit[] = Array.from({ length: n }, (_, u) => ({
    id: u + 1,
    name: `单位${u + 1}`,
    category: CATEGORIES[u % CATEGORIES.length],
    quota: Object.fromEntries(indicators.map((ind, i) => [ind.key, (u + i) % 7 === 0 ? null : 100 + ((u * 7 + i * 13) % 900)])),
  }));
  return { year: 2026, source: 'synthetic', keeper: '某市教育局', reportsAs: '某市', indicators, categories: CATEGORIES, units };
}

function report(t: QuotaTable, u: Unit): ParsedReport {
  const v = (value: number | null, cell: string) => ({ raw: value, value, cell });
  const figures = Object.fromEntries(
    t.indicators.map((ind, i) => {
      const q = u.quota[ind.key];
      const done = q === null ? null : Math.round(q / 12);
      return [
        ind.key,
        { annual: v(q, `B${4 + i}`), monthly: v(done, `C${4 + i}`), cumulative: v(done, `D${4 + i}`), rate: { ...v(null, `E${4 + i}`), readings: [] } },
      ];
    }),
  );
  return {
    file: `${u.id}.xlsx`,
    sheet: 'Sheet1',
    sha256: String(u.id),
    unitName: u.name,
    unitNameCell: 'A2',
    code: null,
    figures,
    filler: '',
    phone: '',
    date: { text: '', cell: null, date: null },
    findings: [],
  };
}

const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;
const peak = () => process.resourceUsage().maxRSS / 1024;

export async function largeMaster(n: number, k: number): Promise<LargeMasterFigures> {
  const t = table(n, k);
  let start = process.hrtime.bigint();
  const bytes = await renderWorkbook(masterSpec(newMasterModel(t)));
  const createMs = ms(start);
  const createPeakMiB = peak();
  start = process.hrtime.bigint();
  const model = readMaster(readWorkbook(bytes)).model;
  const readMs = ms(start);
  const readPeakMiB = peak();
  start = process.hrtime.bigint();
  const reports = t.units.map((u) => ({ report: report(t, u), unitId: u.id, unitFindings: [] }));
  const result = mergeMonth({ table: model.table, ledger: new Map(), currentMonth: 0, month: 1, reports, failures: [] });
  const patched = patchWorkbook(bytes, mergePatches(model, { ledger: result.ledger, month: 1, changedUnits: result.changedUnits, logRows: [], undo: null }));
  const mergeWriteMs = ms(start);
  if (patched.length === 0) throw new Error('empty patch result');
  return { units: n, indicators: k, megabytes: bytes.length / 1024 / 1024, createMs, readMs, mergeWriteMs, createPeakMiB, readPeakMiB, peakRssMiB: peak() };
}

if (require.main === module) {
  const [n, k] = process.argv.slice(2).map(Number);
  largeMaster(n || 10000, k || 8).then(
    (f) => process.stdout.write(`${JSON.stringify(f)}\n`),
    (e) => {
      process.stderr.write(`${(e as Error).stack}\n`);
      process.exitCode = 1;
    },
  );
}
