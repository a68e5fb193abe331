import { Indicator, IndicatorKey, PerIndicator, perIndicator } from './indicators';
import { Ledger, cumulativeAsOf, hasReported, reportedMonths } from './ledger';
import { PaceConfig, expectedRate } from './pace';
import { QuotaTable, Unit } from './units';

export type Status = 'ok' | 'amber' | 'red' | 'none';

/** Chinese text shown for a status, so that status is never colour alone. */
export const STATUS_LABELS: Record<Status, string> = {
  ok: '正常',
  amber: '预警',
  red: '滞后',
  none: '—',
};

const SEVERITY: Record<Status, number> = { none: 0, ok: 1, amber: 2, red: 3 };

/** cumulative / annual, unrounded; null without a quota (or a zero quota) or without data. */
export function completionRate(annual: number | null, cumulative: number | null): number | null {
  if (annual === null || annual <= 0 || cumulative === null) return null;
  return cumulative / annual;
}

/**
 * Equal means equal to 1e-9 (CONTRACT.md): LibreOffice stores the pace with 15 significant digits
 * (0.166666666666667 for 2/12), so a unit exactly on pace must not turn amber after the master was saved there.
 * The master's formulas use the same margin (src/workbook/masterSpec.ts).
 */
export const EQUAL_MARGIN = 1e-9;

/** a ≥ b, with values equal at 1e-9 counted as equal. */
export function atLeast(a: number, b: number): boolean {
  return a >= b - EQUAL_MARGIN;
}

export function statusOf(rate: number | null, expected: number, band: number): Status {
  if (rate === null) return 'none';
  if (atLeast(rate, expected)) return 'ok';
  if (atLeast(rate, expected - band)) return 'amber';
  return 'red';
}

/** Worst status among the indicators that have a quota; `none` only when none of them has a status. */
export function worstStatus(statuses: readonly Status[]): Status {
  return statuses.reduce<Status>((worst, s) => (SEVERITY[s] > SEVERITY[worst] ? s : worst), 'none');
}

export interface IndicatorProgress {
  annual: number | null;
  cumulative: number | null;
  rate: number | null;
  behind: boolean;
  status: Status;
}

export interface UnitProgress {
  id: number;
  name: string;
  category: string;
  status: Status;
  reported: number[];
  indicators: PerIndicator<IndicatorProgress>;
}

/** An indicator as `status --json` lists it. */
export interface IndicatorJson {
  key: IndicatorKey;
  label: string;
  unit: string;
  parent: IndicatorKey | null;
}

/** The JSON of `status --json` (CONTRACT.md). */
export interface StatusReport {
  year: number;
  month: number;
  expectedRate: number;
  band: number;
  indicators: IndicatorJson[];
  units: UnitProgress[];
  missing: number[];
}

export function indicatorProgress(unit: Unit, key: IndicatorKey, ledger: Ledger, month: number, pace: PaceConfig): IndicatorProgress {
  const annual = unit.quota[key];
  const cumulative = cumulativeAsOf(ledger, unit.id, key, month);
  const rate = completionRate(annual, cumulative);
  const expected = expectedRate(pace, month);
  return { annual, cumulative, rate, behind: rate !== null && !atLeast(rate, expected), status: statusOf(rate, expected, pace.band) };
}

export function unitProgress(unit: Unit, indicatorList: readonly Indicator[], ledger: Ledger, month: number, pace: PaceConfig): UnitProgress {
  const indicators = perIndicator(indicatorList, (key) => indicatorProgress(unit, key, ledger, month, pace));
  const withQuota = indicatorList.filter((i) => unit.quota[i.key] !== null).map((i) => indicators[i.key].status);
  return {
    id: unit.id,
    name: unit.name,
    category: unit.category,
    status: worstStatus(withQuota),
    reported: reportedMonths(ledger, unit.id),
    indicators,
  };
}

export function statusReport(table: QuotaTable, ledger: Ledger, month: number, pace: PaceConfig): StatusReport {
  const { units } = table;
  return {
    year: table.year,
    month,
    expectedRate: expectedRate(pace, month),
    band: pace.band,
    indicators: table.indicators.map(({ key, label, unit, parent }) => ({ key, label, unit, parent })),
    units: units.map((u) => unitProgress(u, table.indicators, ledger, month, pace)),
    // Month 0 (a new master) is no reporting month, so nobody is missing yet.
    missing: month >= 1 ? units.filter((u) => !hasReported(ledger, u.id, month)).map((u) => u.id) : [],
  };
}

/** A unit's indicator furthest below the pace (largest negative 差距) among those with a quota and a rate. */
export function worstIndicator(
  unit: UnitProgress,
  indicators: readonly Indicator[],
  expected: number,
): { indicator: Indicator; rate: number; gap: number } | null {
  let worst: { indicator: Indicator; rate: number; gap: number } | null = null;
  for (const indicator of indicators) {
    const p = unit.indicators[indicator.key];
    if (!p || p.annual === null || p.rate === null) continue;
    const gap = (p.rate - expected) * 100;
    if (!worst || gap < worst.gap) worst = { indicator, rate: p.rate, gap };
  }
  return worst;
}

/** Rate minus expected, in percentage points (差距). */
export function gapPoints(rate: number | null, expected: number): number | null {
  return rate === null ? null : (rate - expected) * 100;
}
