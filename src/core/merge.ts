import { Finding } from './findings';
import { Indicator, PerIndicator, perIndicator } from './indicators';
import { Ledger, LedgerEntry, MONTHS, UnitMonthUpdate, getEntry, hasReported, withUnitMonths } from './ledger';
import { ParsedReport, ReportFailure } from './report';
import { QuotaTable, Unit } from './units';
import { checkReport, where } from './validate';

/** A parsed report after unit recognition (done by src/reports, with the master's 别名表). */
export interface ResolvedReport {
  report: ParsedReport;
  unitId: number | null;
  /** UNKNOWN_UNIT / CODE_NAME_MISMATCH errors or a NAME_FROM_FILENAME warning. */
  unitFindings: Finding[];
}

export interface MergedReport {
  file: string;
  sheet: string;
  unitId: number;
  unitName: string;
  warnings: Finding[];
}

export interface RejectedReport {
  file: string;
  sheet: string | null;
  unitId: number | null;
  code: Finding['code'];
  message: string;
  findings: Finding[];
}

/** What a merge changed, so that undo can restore the ledger and 截至月份 exactly. */
export interface UndoRecord {
  month: number;
  previousMonth: number;
  units: Array<{ unitId: number; before: PerIndicator<LedgerEntry | null> }>;
}

export interface MergeResult {
  month: number;
  ledger: Ledger;
  merged: MergedReport[];
  rejected: RejectedReport[];
  missing: number[];
  undo: UndoRecord;
  /** Units whose month changed in the ledger (the cells an adapter must write). */
  changedUnits: number[];
  /** sha256 per merged/rejected entry, for the log. */
  hashes: Map<string, string>;
}

export interface MergeBatch {
  table: QuotaTable;
  ledger: Ledger;
  /** 截至月份 before the merge. */
  currentMonth: number;
  month: number;
  reports: ResolvedReport[];
  failures: ReportFailure[];
}

type Entries = PerIndicator<LedgerEntry | null>;

const sameEntry = (a: LedgerEntry | null, b: LedgerEntry | null) =>
  (a === null && b === null) || (a !== null && b !== null && a.monthly === b.monthly && a.cumulative === b.cumulative);
const sameEntries = (indicators: readonly Indicator[], a: Entries, b: Entries) =>
  indicators.every((i) => sameEntry(a[i.key] ?? null, b[i.key] ?? null));
const ledgerMonth = (indicators: readonly Indicator[], ledger: Ledger, unitId: number, month: number): Entries =>
  perIndicator(indicators, (k) => getEntry(ledger, unitId, k, month));

const entryText = (e: LedgerEntry | null) => (e ? `当月 ${e.monthly ?? '空'}、累计 ${e.cumulative ?? '空'}` : '空');

function key(file: string, sheet: string | null): string {
  return `${file}\u0000${sheet ?? ''}`;
}

/**
 * Merge month M (CONTRACT.md): each unit with an accepted report in this batch gets its month M replaced;
 * other units keep what they had. Two different reports for one unit: CONFLICT, neither merged; identical
 * ones: the first is merged, the rest are DUPLICATE. Pure: the result says what to write.
 */
export function mergeMonth(batch: MergeBatch): MergeResult {
  const { table, month } = batch;
  const { indicators } = table;
  const units = new Map<number, Unit>(table.units.map((u) => [u.id, u]));
  const rejected: RejectedReport[] = [];
  const hashes = new Map<string, string>();
  const reject = (file: string, sheet: string | null, unitId: number | null, errors: Finding[], warnings: Finding[]) =>
    rejected.push({ file, sheet, unitId, code: errors[0].code, message: errors[0].message, findings: [...errors, ...warnings] });

  for (const f of batch.failures) {
    hashes.set(key(f.file, f.sheet), f.sha256);
    reject(f.file, f.sheet, null, [f.finding], []);
  }

  // Sorted so the outcome does not depend on the order files were found in.
  const ordered = [...batch.reports].sort((a, b) =>
    a.report.file === b.report.file ? (a.report.sheet < b.report.sheet ? -1 : a.report.sheet > b.report.sheet ? 1 : 0) : a.report.file < b.report.file ? -1 : 1,
  );
  const accepted = new Map<number, Array<{ r: ResolvedReport; entries: Entries; warnings: Finding[] }>>();
  for (const r of ordered) {
    const { report } = r;
    hashes.set(key(report.file, report.sheet), report.sha256);
    const unitErrors = r.unitFindings.filter((f) => ['UNKNOWN_UNIT', 'CODE_NAME_MISMATCH'].includes(f.code));
    const unitWarnings = r.unitFindings.filter((f) => !unitErrors.includes(f));
    const unit = r.unitId === null ? undefined : units.get(r.unitId);
    if (!unit || unitErrors.length) {
      reject(report.file, report.sheet, unit?.id ?? null, unitErrors.length ? unitErrors : [{ code: 'UNKNOWN_UNIT', message: `${where(report, report.unitNameCell)}的单位无法识别。`, sheet: report.sheet, cell: report.unitNameCell }], unitWarnings);
      continue;
    }
    const check = checkReport(report, unit, indicators, batch.ledger, table.year, month);
    const warnings = [...unitWarnings, ...check.warnings];
    if (check.errors.length) {
      reject(report.file, report.sheet, unit.id, check.errors, warnings);
      continue;
    }
    const stale = MONTHS.find((m) => m !== month && sameEntries(indicators, ledgerMonth(indicators, batch.ledger, unit.id, m), check.entries));
    if (stale !== undefined) {
      reject(report.file, report.sheet, unit.id, [{
        code: 'STALE',
        sheet: report.sheet,
        cell: null,
        message: `${where(report, null)}的数字与${unit.name}已合并的 ${stale} 月数据完全相同，可能是把 ${stale} 月的表当作 ${month} 月报送。请该单位确认后重新发送 ${month} 月的表。`,
      }], warnings);
      continue;
    }
    accepted.set(unit.id, [...(accepted.get(unit.id) ?? []), { r, entries: check.entries, warnings }]);
  }

  const updates: UnitMonthUpdate[] = [];
  const merged: MergedReport[] = [];
  const undo: UndoRecord = { month, previousMonth: batch.currentMonth, units: [] };
  const changedUnits: number[] = [];
  for (const [unitId, candidates] of [...accepted.entries()].sort((a, b) => a[0] - b[0])) {
    const unit = units.get(unitId)!;
    const [first, ...others] = candidates;
    if (others.some((o) => !sameEntries(indicators, o.entries, first.entries))) {
      const files = candidates.map((c) => `“${c.r.report.file}”（${c.r.report.sheet}）`).join('、');
      for (const c of candidates) {
        reject(c.r.report.file, c.r.report.sheet, unitId, [{
          code: 'CONFLICT',
          sheet: c.r.report.sheet,
          cell: null,
          message: `本批有 ${candidates.length} 份${unit.name}的 ${month} 月报表且数字不同：${files}。均未合并；请与该单位确认哪一份正确，只导入那一份。`,
        }], c.warnings);
      }
      continue;
    }
    for (const o of others) {
      reject(o.r.report.file, o.r.report.sheet, unitId, [{
        code: 'DUPLICATE',
        sheet: o.r.report.sheet,
        cell: null,
        message: `${where(o.r.report, null)}与本批的“${first.r.report.file}”（${first.r.report.sheet}）完全相同，后者已合并，此份不再重复计入。`,
      }], o.warnings);
    }
    const before = ledgerMonth(indicators, batch.ledger, unitId, month);
    const warnings = [...first.warnings];
    for (const ind of indicators) {
      const old = before[ind.key];
      const now = first.entries[ind.key];
      if (old !== null && !sameEntry(old, now)) {
        warnings.push({
          code: 'REPLACED',
          sheet: first.r.report.sheet,
          cell: null,
          message: `${unit.name} ${month} 月“${ind.label}”已有数据，已用本次报表替换：${entryText(old)} → ${entryText(now)}。`,
        });
      }
    }
    if (!sameEntries(indicators, before, first.entries)) {
      undo.units.push({ unitId, before });
      changedUnits.push(unitId);
      updates.push({ unitId, month, entries: first.entries });
    }
    merged.push({ file: first.r.report.file, sheet: first.r.report.sheet, unitId, unitName: unit.name, warnings });
  }
  const ledger = withUnitMonths(batch.ledger, updates);
  merged.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.sheet < b.sheet ? -1 : 1));
  const missing = table.units.filter((u) => !hasReported(ledger, u.id, month)).map((u) => u.id);
  return { month, ledger, merged, rejected, missing, undo, changedUnits, hashes };
}

/** Undo a merge: the units it changed get their month back, and 截至月份 its value before. */
export function undoMerge(ledger: Ledger, record: UndoRecord): { ledger: Ledger; month: number; changedUnits: number[] } {
  const next = withUnitMonths(ledger, record.units.map((u) => ({ unitId: u.unitId, month: record.month, entries: u.before })));
  return { ledger: next, month: record.previousMonth, changedUnits: record.units.map((u) => u.unitId) };
}
