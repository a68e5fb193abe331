import { Indicator, IndicatorKey, PerIndicator, perIndicator } from '../core/indicators';
import { Ledger, cumulativeAsOf, getEntry, hasReported } from '../core/ledger';
import { PaceConfig, expectedRate } from '../core/pace';
import { Status, completionRate, gapPoints, statusOf, unitProgress } from '../core/status';
import { QuotaTable, Unit, totalLabel } from '../core/units';

/**
 * The province's own figures: the sums of the units, in the 附件2 form (年度任务, 当月完成, 累计已完成,
 * 累计完成率) for the province and for each category, each against the expected pace. Pure: the master's
 * 全省汇总 sheet computes the same figures with formulas, and the CLI's `summary` prints them.
 */

/** One indicator of a group of units. */
export interface GroupIndicator {
  /** Sum of the units' yearly quotas ("—" counts as nothing); 0 when no unit has one. */
  annual: number;
  /** Sum of the 当月完成 the units reported for the month; null when none reported one. */
  monthly: number | null;
  /** Sum of the units' 累计已完成 as of the month (carried forward); null when no unit has one. */
  cumulative: number | null;
  /** cumulative / annual, unrounded; null without a quota or without data. */
  rate: number | null;
  expected: number;
  /** rate − expected in percentage points; null when rate is null. */
  gap: number | null;
  status: Status;
}

export interface GroupSummary {
  /** 全省, or the category's label. */
  label: string;
  unitCount: number;
  /** Units that reported the month (any value in the ledger for it). */
  reported: number;
  /** Units that did not (0 before the first month). */
  missing: number;
  /** Units whose overall status is 滞后 / 预警. */
  red: number;
  amber: number;
  indicators: PerIndicator<GroupIndicator>;
}

export interface CategorySummary extends GroupSummary {
  category: string;
}

export interface ProvinceSummary {
  year: number;
  month: number;
  expectedRate: number;
  band: number;
  /** The keeper's total (全省, 全市, …). */
  province: GroupSummary;
  /** Every category of the table, in order (a category without units has zeros); none for a table without categories. */
  categories: CategorySummary[];
  /** Ids of units that did not report the month (empty before the first month). */
  missingIds: number[];
}

function sumOrNull(values: ReadonlyArray<number | null>): number | null {
  let any = false;
  let sum = 0;
  for (const v of values) {
    if (v === null) continue;
    any = true;
    sum += v;
  }
  return any ? sum : null;
}

function groupIndicator(units: readonly Unit[], key: IndicatorKey, ledger: Ledger, month: number, pace: PaceConfig): GroupIndicator {
  const annual = units.reduce((s, u) => s + (u.quota[key] ?? 0), 0);
  const monthly = month >= 1 ? sumOrNull(units.map((u) => getEntry(ledger, u.id, key, month)?.monthly ?? null)) : null;
  const cumulative = sumOrNull(units.map((u) => cumulativeAsOf(ledger, u.id, key, month)));
  const rate = completionRate(annual, cumulative);
  const expected = expectedRate(pace, month);
  return { annual, monthly, cumulative, rate, expected, gap: gapPoints(rate, expected), status: statusOf(rate, expected, pace.band) };
}

function group(label: string, units: readonly Unit[], indicators: readonly Indicator[], ledger: Ledger, month: number, pace: PaceConfig): GroupSummary {
  const reported = month >= 1 ? units.filter((u) => hasReported(ledger, u.id, month)).length : 0;
  const overall = units.map((u) => unitProgress(u, indicators, ledger, month, pace).status);
  return {
    label,
    unitCount: units.length,
    reported,
    missing: month >= 1 ? units.length - reported : 0,
    red: overall.filter((s) => s === 'red').length,
    amber: overall.filter((s) => s === 'amber').length,
    indicators: perIndicator(indicators, (key) => groupIndicator(units, key, ledger, month, pace)),
  };
}

/** The province's totals and the rollups by category for month M (0–12), against the pace. */
export function provinceSummary(table: QuotaTable, ledger: Ledger, month: number, pace: PaceConfig): ProvinceSummary {
  const { units, indicators } = table;
  return {
    year: table.year,
    month,
    expectedRate: expectedRate(pace, month),
    band: pace.band,
    province: group(totalLabel(table.reportsAs), units, indicators, ledger, month, pace),
    categories: table.categories.map((category) => ({
      category,
      ...group(
        category,
        units.filter((u) => u.category === category),
        indicators,
        ledger,
        month,
        pace,
      ),
    })),
    missingIds: month >= 1 ? units.filter((u) => !hasReported(ledger, u.id, month)).map((u) => u.id) : [],
  };
}
