import { INDICATOR_KEYS, IndicatorKey, PerIndicator, perIndicator } from './indicators';
import { Ledger, cumulativeAsOf, hasReported, reportedMonths } from './ledger';
import { PaceConfig, expectedRate } from './pace';
import { Unit } from './units';

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

export function statusOf(rate: number | null, expected: number, band: number): Status {
  if (rate === null) return 'none';
  if (rate >= expected) return 'ok';
  if (rate >= expected - band) return 'amber';
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

/** The JSON of `status --json` (CONTRACT.md). */
export interface StatusReport {
  year: number;
  month: number;
  expectedRate: number;
  band: number;
  units: UnitProgress[];
  missing: number[];
}

export function indicatorProgress(
  unit: Unit,
  key: IndicatorKey,
  ledger: Ledger,
  month: number,
  pace: PaceConfig,
): IndicatorProgress {
  const annual = unit.quota[key];
  const cumulative = cumulativeAsOf(ledger, unit.id, key, month);
  const rate = completionRate(annual, cumulative);
  const expected = expectedRate(pace, month);
  return { annual, cumulative, rate, behind: rate !== null && rate < expected, status: statusOf(rate, expected, pace.band) };
}

export function unitProgress(unit: Unit, ledger: Ledger, month: number, pace: PaceConfig): UnitProgress {
  const indicators = perIndicator((key) => indicatorProgress(unit, key, ledger, month, pace));
  const withQuota = INDICATOR_KEYS.filter((k) => unit.quota[k] !== null).map((k) => indicators[k].status);
  return {
    id: unit.id,
    name: unit.name,
    category: unit.category,
    status: worstStatus(withQuota),
    reported: reportedMonths(ledger, unit.id),
    indicators,
  };
}

export function statusReport(
  year: number,
  units: readonly Unit[],
  ledger: Ledger,
  month: number,
  pace: PaceConfig,
): StatusReport {
  return {
    year,
    month,
    expectedRate: expectedRate(pace, month),
    band: pace.band,
    units: units.map((u) => unitProgress(u, ledger, month, pace)),
    // Month 0 (a new master) is no reporting month, so nobody is missing yet.
    missing: month >= 1 ? units.filter((u) => !hasReported(ledger, u.id, month)).map((u) => u.id) : [],
  };
}

/** Rate minus expected, in percentage points (差距). */
export function gapPoints(rate: number | null, expected: number): number | null {
  return rate === null ? null : (rate - expected) * 100;
}
