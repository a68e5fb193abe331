import { IndicatorKey, PerIndicator } from './indicators';

/** One cell pair of the ledger: 当月完成 and 累计已完成 as reported (or typed by hand). */
export interface LedgerEntry {
  monthly: number | null;
  cumulative: number | null;
}

/** Months 1–12 of one indicator, index = month − 1; null = nothing recorded. */
export type MonthRow = ReadonlyArray<LedgerEntry | null>;

/** A unit's rows by indicator key; an indicator without a row has nothing recorded. */
export type UnitLedger = Readonly<PerIndicator<MonthRow>>;

/** The whole ledger: unit id → indicator → month. Immutable: updates return a new ledger. */
export type Ledger = ReadonlyMap<number, UnitLedger>;

export const MONTHS: readonly number[] = Array.from({ length: 12 }, (_, i) => i + 1);

export function emptyLedger(): Ledger {
  return new Map();
}

const emptyRow = (): Array<LedgerEntry | null> => Array.from({ length: 12 }, () => null);

/*
 * One shape for one content: a row exists only while it holds an entry, a unit only while it has a row, so a
 * ledger built by merges and undos equals (deeply) the same ledger read back from a master.
 */
function setMonth(rows: PerIndicator<MonthRow>, key: IndicatorKey, month: number, entry: LedgerEntry | null | undefined): void {
  if (isEmptyEntry(entry) && !rows[key]) return;
  const row = rows[key]?.slice() ?? emptyRow();
  row[month - 1] = isEmptyEntry(entry) ? null : { ...(entry as LedgerEntry) };
  if (row.every((e) => e === null)) delete rows[key];
  else rows[key] = row;
}

function putUnit(ledger: Map<number, UnitLedger>, unitId: number, rows: PerIndicator<MonthRow>): void {
  if (Object.keys(rows).length) ledger.set(unitId, rows);
  else ledger.delete(unitId);
}

function assertMonth(month: number): void {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`month ${month} is not 1–12`);
}

function isEmptyEntry(e: LedgerEntry | null | undefined): boolean {
  return !e || (e.monthly === null && e.cumulative === null);
}

export function getEntry(ledger: Ledger, unitId: number, key: IndicatorKey, month: number): LedgerEntry | null {
  assertMonth(month);
  const entry = ledger.get(unitId)?.[key]?.[month - 1] ?? null;
  return isEmptyEntry(entry) ? null : entry;
}

/** A new ledger with one entry set (null or an all-null entry clears it). */
export function withEntry(ledger: Ledger, unitId: number, key: IndicatorKey, month: number, entry: LedgerEntry | null): Ledger {
  assertMonth(month);
  const next = new Map(ledger);
  const rows: PerIndicator<MonthRow> = { ...(next.get(unitId) ?? {}) };
  setMonth(rows, key, month, entry);
  putUnit(next, unitId, rows);
  return next;
}

export interface UnitMonthUpdate {
  unitId: number;
  month: number;
  entries: PerIndicator<LedgerEntry | null>;
}

/**
 * A new ledger with whole months of units replaced: every indicator of `entries` (an update names them all, null
 * for nothing) gets the month set; one copy for the batch.
 */
export function withUnitMonths(ledger: Ledger, updates: readonly UnitMonthUpdate[]): Ledger {
  const next = new Map(ledger);
  for (const { unitId, month, entries } of updates) {
    assertMonth(month);
    const rows: PerIndicator<MonthRow> = { ...(next.get(unitId) ?? {}) };
    for (const [key, e] of Object.entries(entries)) setMonth(rows, key, month, e);
    putUnit(next, unitId, rows);
  }
  return next;
}

/** A new ledger with the given month of one unit replaced by `entries` (every indicator it names). */
export function withUnitMonth(ledger: Ledger, unitId: number, month: number, entries: PerIndicator<LedgerEntry | null>): Ledger {
  return withUnitMonths(ledger, [{ unitId, month, entries }]);
}

/** A ledger built from entries in one pass (reading a master): linear in the number of entries. */
export function ledgerFromEntries(entries: Iterable<{ unitId: number; key: IndicatorKey; month: number; entry: LedgerEntry }>): Ledger {
  const next = new Map<number, PerIndicator<Array<LedgerEntry | null>>>();
  for (const { unitId, key, month, entry } of entries) {
    assertMonth(month);
    if (isEmptyEntry(entry)) continue;
    let unit = next.get(unitId);
    if (!unit) {
      unit = {};
      next.set(unitId, unit);
    }
    (unit[key] ??= emptyRow())[month - 1] = { ...entry };
  }
  return next;
}

/** Months (ascending) for which the ledger holds any value of the unit. */
export function reportedMonths(ledger: Ledger, unitId: number): number[] {
  const unit = ledger.get(unitId);
  if (!unit) return [];
  const rows = Object.values(unit);
  return MONTHS.filter((m) => rows.some((row) => !isEmptyEntry(row[m - 1])));
}

export function hasReported(ledger: Ledger, unitId: number, month: number): boolean {
  return reportedMonths(ledger, unitId).includes(month);
}

/**
 * 累计已完成 as of month M: the cumulative of the latest month ≤ M that has one.
 * Carried forward, never summed: units report a running total.
 */
export function cumulativeAsOf(ledger: Ledger, unitId: number, key: IndicatorKey, month: number): number | null {
  const row = ledger.get(unitId)?.[key];
  if (!row) return null;
  for (let m = Math.min(12, Math.floor(month)); m >= 1; m--) {
    const c = row[m - 1]?.cumulative;
    if (c !== null && c !== undefined) return c;
  }
  return null;
}

/** Every non-empty entry, in unit, indicator (key order), month order: handy for comparisons and writing. */
export function ledgerEntries(ledger: Ledger): Array<{ unitId: number; key: IndicatorKey; month: number; entry: LedgerEntry }> {
  const out: Array<{ unitId: number; key: IndicatorKey; month: number; entry: LedgerEntry }> = [];
  for (const unitId of [...ledger.keys()].sort((a, b) => a - b)) {
    for (const key of Object.keys(ledger.get(unitId)!).sort()) {
      for (const month of MONTHS) {
        const entry = getEntry(ledger, unitId, key, month);
        if (entry) out.push({ unitId, key, month, entry });
      }
    }
  }
  return out;
}

export function ledgersEqual(a: Ledger, b: Ledger): boolean {
  return JSON.stringify(ledgerEntries(a)) === JSON.stringify(ledgerEntries(b));
}
