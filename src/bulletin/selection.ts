import { BulletinInput, BulletinUnit } from './input';

/** Which units the circular names, and in what order: pure, so the tests and the builder agree. */

export const DEFAULT_TOP_N = 3;

export interface RankedUnit {
  unit: BulletinUnit;
  annual: number;
  cumulative: number;
  rate: number;
}

/**
 * The top N units by rate on one indicator, among those with a quota and a rate (no quota, "—", is never ranked).
 * Ties: larger cumulative first, then the task table's order.
 */
export function topUnits(input: BulletinInput, indicatorKey: string, n: number): RankedUnit[] {
  const ranked: RankedUnit[] = [];
  for (const unit of input.units) {
    const f = unit.indicators[indicatorKey];
    if (!f || f.annual === null || f.annual <= 0 || f.rate === null || f.cumulative === null) continue;
    ranked.push({ unit, annual: f.annual, cumulative: f.cumulative, rate: f.rate });
  }
  ranked.sort((a, b) => b.rate - a.rate || b.cumulative - a.cumulative || a.unit.id - b.unit.id);
  return ranked.slice(0, Math.max(0, n));
}

export interface UnitGroup {
  /** The category's label, or '' for the one group of a table without categories. */
  category: string;
  units: BulletinUnit[];
}

/** Units grouped by the input's categories, in their order (one unlabelled group without categories); empty groups dropped. */
export function groupByCategory(input: BulletinInput, units: readonly BulletinUnit[]): UnitGroup[] {
  if (input.categories.length === 0) return units.length > 0 ? [{ category: '', units: [...units] }] : [];
  return input.categories.map((category) => ({ category, units: units.filter((u) => u.category === category) })).filter((g) => g.units.length > 0);
}

/** Units whose overall status is 滞后 (red). */
export function laggingUnits(input: BulletinInput): BulletinUnit[] {
  return input.units.filter((u) => u.status === 'red');
}

/** Units whose overall status is 预警 (amber). */
export function warningUnits(input: BulletinInput): BulletinUnit[] {
  return input.units.filter((u) => u.status === 'amber');
}

/** Units with no data at all as of the month (nothing reported yet): their progress cannot be judged. */
export function unitsWithoutData(input: BulletinInput): BulletinUnit[] {
  return input.units.filter((u) => input.indicators.every((ind) => (u.indicators[ind.key]?.cumulative ?? null) === null));
}

/** Units that did not report month M, in the task table's order. */
export function missingUnits(input: BulletinInput): BulletinUnit[] {
  const ids = new Set(input.missing);
  return input.units.filter((u) => ids.has(u.id));
}

/** The late list joined with the units (unknown ids are dropped). */
export function lateUnits(input: BulletinInput): Array<{ unit: BulletinUnit; note?: string }> {
  const byId = new Map(input.units.map((u) => [u.id, u]));
  return input.late.flatMap((l) => {
    const unit = byId.get(l.id);
    return unit ? [{ unit, note: l.note }] : [];
  });
}
