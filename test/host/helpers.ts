import * as XLSX from 'xlsx';

import { perIndicator } from '../../src/core/indicators';
import { QuotaTable, Unit } from '../../src/core/units';
import { ExcelHost } from '../../src/host/excelHost';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { writeReportForm } from '../../src/samples/reportForm';
import { OfficeJsWorkbook } from '../../src/workbook/adapters/officeJs';

import { masterSpec } from '../../src/workbook/masterSpec';
import { newMasterModel } from '../../src/workbook/model';
import { ReportFile } from '../../src/workflow/merge';
import { FakeExcel, SyncRecord } from '../fakes/excelFake';
import { pasteIntoFake } from '../fakes/pasteSheet';
import { MASTER_SHEETS } from '../helpers/table2023';
import { INDICATORS } from '../helpers/table2023';

export const table2023 = embeddedQuota2023();

/** The 2023 table, cut to n units or grown to n with made-up schools (unique names). */
export function syntheticTable(n: number): QuotaTable {
  const t = table2023;
  if (n <= t.units.length) return { ...t, units: t.units.slice(0, n) };
  const units: Unit[] = Array.from({ length: n }, (_, i) => {
    const base = t.units[i % t.units.length];
    return { ...base, id: i + 1, name: `测试学校${i + 1}号`, category: '本科高校' };
  });
  return { ...t, units };
}

/** Monthly figure of unit i: a month's own number, so each month differs from the others. */
export const monthly = (i: number, month: number) => 10 + (i % 7) + 100 * month;
export const cumulativeTo = (i: number, month: number) => Array.from({ length: month }, (_, m) => monthly(i, m + 1)).reduce((a, b) => a + b, 0);

/** Unit i's clean 附件2 form for a month (no finding: annual = quota, 累计 = sum, date in the month). */
export function reportSheet(unit: Unit, i: number, month: number, year = 2023): XLSX.WorkSheet {
  return writeReportForm({
    unitName: unit.name,
    year,
    month,
    values: perIndicator(INDICATORS, (k) =>
      unit.quota[k] === null
        ? { annual: '—', monthly: null, cumulative: null, rate: null }
        : { annual: unit.quota[k], monthly: monthly(i, month), cumulative: cumulativeTo(i, month), rate: null },
    ),
    date: `${year}年${month}月2${month === 2 ? 7 : 8}日`,
  });
}

export function reportFile(unit: Unit, i: number, month: number): ReportFile {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, reportSheet(unit, i, month), 'Sheet1');
  return {
    name: `${String(i + 1).padStart(4, '0')} ${unit.name}.xlsx`,
    bytes: new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer),
  };
}

export const sheetName = (unit: Unit, month: number) => `${unit.id}-${month}月`;

/** Pastes units' forms for a month, one sheet each (named "<id>-<month>月"). */
export function pasteReports(fake: FakeExcel, units: readonly Unit[], month: number, table: QuotaTable): void {
  for (const u of units) pasteIntoFake(fake, sheetName(u, month), reportSheet(u, table.units.indexOf(u), month));
}

export const allSupported = () => true;

let tick = 0;
/** A clock that moves one second per call, so log rows and records have distinct times. */
export function testClock(): () => string {
  const start = Date.UTC(2023, 1, 1, 9, 0, 0) + 1000 * 3600 * tick++;
  let n = 0;
  return () => new Date(start + 1000 * n++).toISOString().replace('T', ' ').slice(0, 19);
}

/** A fake Excel holding a new master of `table`, and a host on it. */
export async function masterInFake(
  table: QuotaTable,
  options: { chunkBytes?: number; readChunkBytes?: number } = {},
): Promise<{ fake: FakeExcel; host: ExcelHost }> {
  const fake = new FakeExcel();
  await new OfficeJsWorkbook(fake.run).render(masterSpec(newMasterModel(table)));
  fake.resetCounters();
  const host = new ExcelHost(fake.run, { isSetSupported: allSupported, clock: testClock(), ...options });
  return { fake, host };
}

/** Syncs since `from`, split by what they did: write chunks are the ones that suspended calculation. */
export function syncProfile(
  fake: FakeExcel,
  from: number,
): { all: SyncRecord[]; reads: SyncRecord[]; writes: SyncRecord[]; maxRequest: number; maxResponse: number } {
  const all = fake.syncsSince(from);
  return {
    all,
    reads: all.filter((s) => !s.calculationSuspended),
    writes: all.filter((s) => s.calculationSuspended),
    maxRequest: Math.max(0, ...all.map((s) => s.requestBytes)),
    maxResponse: Math.max(0, ...all.map((s) => s.responseBytes)),
  };
}

/** The cells of the sheets a merge may change, for before/after comparisons. */
export function snapshot(fake: FakeExcel, sheets: readonly string[] = MASTER_SHEETS.filter((s) => s !== '合并日志')): string {
  return JSON.stringify(
    sheets.map((s) => [
      s,
      fake
        .cells(s)
        .filter((c) => c.cell.value !== undefined || c.cell.formula !== undefined)
        .sort((a, b) => a.row - b.row || a.col - b.col)
        .map((c) => [c.address, c.cell.value ?? null, c.cell.formula ?? null]),
    ]),
  );
}
