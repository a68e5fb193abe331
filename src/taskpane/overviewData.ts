import { INDICATOR_KEYS, IndicatorKey } from '../core/indicators';
import { cumulativeAsOf, hasReported } from '../core/ledger';
import { expectedRate } from '../core/pace';
import { Status, StatusReport, gapPoints, statusOf } from '../core/status';
import { CATEGORIES, Category } from '../core/units';
import { dueDay } from '../core/validate';
import { MasterModel } from '../workbook/model';

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
  category: Category;
  /** Units of the category that have a quota for the indicator. */
  units: number;
  annual: number;
  /** Sum of the units' 累计 as of the month (a unit without data counts 0). */
  cumulative: number;
  rate: number | null;
  status: Status;
}

/** Completion of one indicator per category at the month in view, against the expected pace. */
export function categoryProgress(model: MasterModel, key: IndicatorKey): CategoryProgress[] {
  const expected = expectedRate(model.pace, model.month);
  const out: CategoryProgress[] = [];
  for (const category of CATEGORIES) {
    const units = model.table.units.filter((u) => u.category === category && u.quota[key] !== null);
    if (units.length === 0) continue;
    const annual = units.reduce((s, u) => s + (u.quota[key] ?? 0), 0);
    const cumulative = units.reduce((s, u) => s + (cumulativeAsOf(model.ledger, u.id, key, model.month) ?? 0), 0);
    const rate = annual > 0 ? cumulative / annual : null;
    const status: Status = model.month >= 1 ? statusOf(rate, expected, model.pace.band) : 'none';
    out.push({ category, units: units.length, annual, cumulative, rate, status });
  }
  return out;
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
export function behindUnits(report: StatusReport): BehindUnit[] {
  const out: BehindUnit[] = [];
  for (const u of report.units) {
    if (u.status !== 'amber' && u.status !== 'red') continue;
    let worst: { key: IndicatorKey; rate: number; gap: number } | null = null;
    for (const key of INDICATOR_KEYS) {
      const p = u.indicators[key];
      if (p.annual === null || p.rate === null) continue;
      const gap = gapPoints(p.rate, report.expectedRate)!;
      if (!worst || gap < worst.gap) worst = { key, rate: p.rate, gap };
    }
    if (worst) out.push({ id: u.id, name: u.name, category: u.category, status: u.status, indicator: worst.key, rate: worst.rate, gap: worst.gap });
  }
  return out.sort((a, b) => a.gap - b.gap || a.id - b.id);
}

export interface MissingGroup {
  category: Category;
  units: Array<{ id: number; name: string }>;
}

/** Units with no report for the month, grouped by category in the notice's order. */
export function missingByCategory(model: MasterModel, month: number): MissingGroup[] {
  const groups: MissingGroup[] = [];
  for (const category of CATEGORIES) {
    const units = model.table.units
      .filter((u) => u.category === category && !hasReported(model.ledger, u.id, month))
      .map((u) => ({ id: u.id, name: u.name }));
    if (units.length) groups.push({ category, units });
  }
  return groups;
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
export function defaultMergeMonth(model: MasterModel): number {
  return Math.min(12, model.month + 1);
}
