import { Finding } from './findings';
import { Indicator, PerIndicator, perIndicator } from './indicators';
import { Ledger, LedgerEntry, MONTHS, UnitMonthUpdate, cumulativeAsOf, getEntry, hasReported, withUnitMonths } from './ledger';
import { ParsedReport, ReportFailure } from './report';
import { QuotaTable, Unit } from './units';
import { NO_FIGURES, checkReport, reportFinding, sourceOf } from './validate';
import { asNotMerged } from './messages/findingText';
import { ConflictCell, OtherReport } from './messages/findingParams';

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
const sameEntries = (indicators: readonly Indicator[], a: Entries, b: Entries) => indicators.every((i) => sameEntry(a[i.key] ?? null, b[i.key] ?? null));
const ledgerMonth = (indicators: readonly Indicator[], ledger: Ledger, unitId: number, month: number): Entries =>
  perIndicator(indicators, (k) => getEntry(ledger, unitId, k, month));

/** What the unit typed for each indicator: 当月 and 累计 as written, blanks included (nothing derived). */
function typedEntries(indicators: readonly Indicator[], report: ParsedReport): Entries {
  return perIndicator(indicators, (k) => {
    const f = report.figures[k] ?? NO_FIGURES;
    return f.monthly.value === null && f.cumulative.value === null ? null : { monthly: f.monthly.value, cumulative: f.cumulative.value };
  });
}

/**
 * Could the unit have typed exactly `typed` for month K? The ledger holds 累计 as merged, and a blank 累计 was
 * merged as 累计(K−1) + 当月(K): so a blank 累计 matches K's when K's 累计 is that sum (typed or derived, the
 * master cannot tell them apart).
 */
function typedAsMonth(indicators: readonly Indicator[], ledger: Ledger, unitId: number, typed: Entries, k: number): boolean {
  return indicators.every((ind) => {
    const t = typed[ind.key] ?? null;
    const e = getEntry(ledger, unitId, ind.key, k);
    if (t === null || e === null) return t === null && e === null;
    if (t.monthly !== e.monthly) return false;
    if (t.cumulative === e.cumulative) return true;
    if (t.cumulative !== null || e.monthly === null || e.cumulative === null) return false;
    const previous = k === 1 ? 0 : cumulativeAsOf(ledger, unitId, ind.key, k - 1);
    return previous !== null && previous + e.monthly === e.cumulative;
  });
}

/** The cells where two reports of one unit differ (a spreadsheet and its scan, two versions), for CONFLICT. */
function differingCells(indicators: readonly Indicator[], mine: Entries, other: Entries | undefined): ConflictCell[] {
  if (!other) return [];
  return indicators.flatMap((ind) =>
    (['monthly', 'cumulative'] as const)
      .filter((f) => (mine[ind.key]?.[f] ?? null) !== (other[ind.key]?.[f] ?? null))
      .map((field) => ({ indicator: ind.label, field, mine: mine[ind.key]?.[field] ?? null, other: other[ind.key]?.[field] ?? null })),
  );
}

const otherReport = (r: ParsedReport): OtherReport => ({ ...sourceOf(r), sheet: r.sheet });

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
  // Warnings of a report that is not merged must not say how it was merged.
  const reject = (file: string, sheet: string | null, unitId: number | null, errors: Finding[], warnings: Finding[]) =>
    rejected.push({ file, sheet, unitId, code: errors[0].code, message: errors[0].message, findings: [...errors, ...warnings.map(asNotMerged)] });

  for (const f of batch.failures) {
    hashes.set(key(f.file, f.sheet), f.sha256);
    reject(f.file, f.sheet, f.unitId ?? null, [f.finding], []);
  }

  // Sorted so the outcome does not depend on the order files were found in; spreadsheets before scans, so that of
  // identical copies the spreadsheet is merged and the stamped scan is its DUPLICATE.
  const ordered = [...batch.reports].sort(
    (a, b) =>
      Number(!!a.report.scan) - Number(!!b.report.scan) ||
      (a.report.file === b.report.file
        ? a.report.sheet < b.report.sheet
          ? -1
          : a.report.sheet > b.report.sheet
            ? 1
            : 0
        : a.report.file < b.report.file
          ? -1
          : 1),
  );
  const accepted = new Map<number, Array<{ r: ResolvedReport; entries: Entries; warnings: Finding[] }>>();
  for (const r of ordered) {
    const { report } = r;
    hashes.set(key(report.file, report.sheet), report.sha256);
    const unitErrors = r.unitFindings.filter((f) => ['UNKNOWN_UNIT', 'CODE_NAME_MISMATCH'].includes(f.code));
    const unitWarnings = r.unitFindings.filter((f) => !unitErrors.includes(f));
    const unit = r.unitId === null ? undefined : units.get(r.unitId);
    if (!unit || unitErrors.length) {
      reject(
        report.file,
        report.sheet,
        unit?.id ?? null,
        unitErrors.length ? unitErrors : [reportFinding('UNKNOWN_UNIT', report, report.unitNameCell, { reason: 'unrecognised' })],
        unitWarnings,
      );
      continue;
    }
    const check = checkReport(report, unit, indicators, batch.ledger, table.year, month);
    const warnings = [...unitWarnings, ...check.warnings];
    if (check.errors.length) {
      reject(report.file, report.sheet, unit.id, check.errors, warnings);
      continue;
    }
    // STALE compares what the unit typed, not the derived values: a month re-sent with 累计 blank would
    // otherwise be derived anew and counted twice.
    const typed = typedEntries(indicators, report);
    const stale = report.enteredByHand ? undefined : MONTHS.find((m) => m !== month && typedAsMonth(indicators, batch.ledger, unit.id, typed, m));
    if (stale !== undefined) {
      reject(
        report.file,
        report.sheet,
        unit.id,
        [reportFinding('STALE', report, null, { reason: 'sameAsMonth', unitName: unit.name, month, staleMonth: stale })],
        warnings,
      );
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
      // Each file's entry names the others once: one conflict reads as one fact per file, not the same text twice.
      for (const c of candidates) {
        const others = candidates.filter((o) => o !== c);
        const rest = others.map((o) => otherReport(o.r.report));
        const differences = differingCells(indicators, c.entries, others.find((o) => !sameEntries(indicators, o.entries, c.entries))?.entries);
        reject(
          c.r.report.file,
          c.r.report.sheet,
          unitId,
          [reportFinding('CONFLICT', c.r.report, null, { unitName: unit.name, month, others: rest, differences })],
          c.warnings,
        );
      }
      continue;
    }
    for (const o of others) {
      reject(
        o.r.report.file,
        o.r.report.sheet,
        unitId,
        [reportFinding('DUPLICATE', o.r.report, null, { unitName: unit.name, month, same: otherReport(first.r.report) })],
        o.warnings,
      );
    }
    const before = ledgerMonth(indicators, batch.ledger, unitId, month);
    const warnings = [...first.warnings];
    for (const ind of indicators) {
      const old = before[ind.key];
      const now = first.entries[ind.key];
      if (old !== null && !sameEntry(old, now)) {
        warnings.push(reportFinding('REPLACED', first.r.report, null, { unitName: unit.name, month, indicator: ind.label, before: old, after: now }));
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
  const next = withUnitMonths(
    ledger,
    record.units.map((u) => ({ unitId: u.unitId, month: record.month, entries: u.before })),
  );
  return { ledger: next, month: record.previousMonth, changedUnits: record.units.map((u) => u.unitId) };
}
