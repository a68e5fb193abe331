import { CategoryGroup, unitsByCategory } from '../core/groups';
import { Indicator, IndicatorKey } from '../core/indicators';
import { hasReported } from '../core/ledger';
import { Status, StatusReport, worstIndicator } from '../core/status';
import { dueDay } from '../core/validate';
import { provinceSummary } from '../summary/provinceSummary';
import { MasterModel } from '../workbook/model';
import { nextMonth } from './followMonth';

/** What the screens show, computed from the master model with the core rules (pure, tested without a DOM). */

export interface StatusCounts {
  ok: number;
  amber: number;
  red: number;
  /** No quota or no data at all. */
  none: number;
  /** Units without a report for the month in view (0 before the first merge). */
  missing: number;
  total: number;
}

export function statusCounts(report: StatusReport): StatusCounts {
  const counts: StatusCounts = { ok: 0, amber: 0, red: 0, none: 0, missing: report.missing.length, total: report.units.length };
  for (const u of report.units) counts[u.status]++;
  return counts;
}

export interface CategoryProgress {
  category: string;
  /** Sum of the quotas; null when no unit of the category has this indicator ("—"), as the master shows. */
  annual: number | null;
  /** Sum of the units' 累计 as of the month; null when none has one. */
  cumulative: number | null;
  rate: number | null;
  status: Status;
}

/**
 * Completion of one indicator per category at the month in view: exactly the master's 全省汇总 (the core's
 * province summary, which its formulas compute too), the categories in the table's order.
 */
export function categoryProgress(model: MasterModel, key: IndicatorKey): CategoryProgress[] {
  const summary = provinceSummary(model.table, model.ledger, model.month, model.pace);
  return summary.categories
    .filter((c) => c.unitCount > 0)
    .map((c) => {
      const p = c.indicators[key];
      const noQuota = model.table.units.every((u) => u.category !== c.category || u.quota[key] === null);
      return { category: c.category, annual: noQuota ? null : p.annual, cumulative: p.cumulative, rate: p.rate, status: p.status };
    });
}

export interface BehindUnit {
  id: number;
  name: string;
  category: string;
  status: Status;
  /** The indicator furthest behind. */
  indicator: IndicatorKey;
  rate: number;
  /** 差距 in percentage points (negative). */
  gap: number;
}

/** Units in amber or red, by their worst indicator's gap (largest gap first, then 序号). */
export function behindUnits(report: StatusReport, indicators: readonly Indicator[]): BehindUnit[] {
  const out: BehindUnit[] = [];
  for (const u of report.units) {
    if (u.status !== 'amber' && u.status !== 'red') continue;
    const worst = worstIndicator(u, indicators, report.expectedRate);
    if (worst) out.push({ id: u.id, name: u.name, category: u.category, status: u.status, indicator: worst.indicator.key, rate: worst.rate, gap: worst.gap });
  }
  return out.sort((a, b) => a.gap - b.gap || a.id - b.id);
}

export type MissingGroup = CategoryGroup;

/** Units with no report for the month, grouped by category in the table's order. */
export function missingByCategory(model: MasterModel, month: number): MissingGroup[] {
  const ids = model.table.units.filter((u) => !hasReported(model.ledger, u.id, month)).map((u) => u.id);
  return unitsByCategory(model.table, ids);
}

export interface ReminderText {
  heading: (year: number, month: number, due: number) => string;
  group: (category: string, n: number, names: string) => string;
  total: (n: number) => string;
  separator: string;
}

/** The reminder list as plain text for a chat message or e-mail. */
export function reminderText(t: ReminderText, year: number, month: number, groups: readonly MissingGroup[]): string {
  const n = groups.reduce((s, g) => s + g.units.length, 0);
  return [
    t.heading(year, month, dueDay(year, month)),
    ...groups.map((g) => t.group(g.category, g.units.length, g.units.map((u) => u.name).join(t.separator))),
    t.total(n),
  ].join('\n');
}

/** The month a new merge defaults to: 截至月份 + 1 (1 in a new master), at most 12. */
export function defaultMergeMonth(model: Pick<MasterModel, 'month'>): number {
  return nextMonth(model.month);
}
