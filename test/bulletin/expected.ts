import { BulletinInput, BulletinStatus, BulletinUnit } from '../../src/bulletin/input';

/**
 * The test's own reading of how figures must be written (Intl for thousands, toFixed for rates) and of which units
 * must be named: computed from the input independently of src/bulletin, to check the document against.
 */

// ICU rounds the shortest decimal form of the double, half away from zero (0.31925 → 31.93%), as Excel shows it.
const HALF_UP = { roundingMode: 'halfExpand' } as Intl.NumberFormatOptions;
const thousands = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, ...HALF_UP });
const percent = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2, ...HALF_UP });
const points = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false, ...HALF_UP });
export const count = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : thousands.format(n));
export const pct = (r: number | null | undefined): string => (r === null || r === undefined ? '—' : percent.format(r));
/** Percentage points without sign: 2.155 → "2.16". */
export const pts = (p: number): string => points.format(Math.abs(p));
export const STATUS: Record<BulletinStatus, string> = { ok: '正常', amber: '预警', red: '滞后', none: '—' };
export const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export function expectedTop(input: BulletinInput, key: string, n: number): BulletinUnit[] {
  return input.units
    .filter((u) => (u.indicators[key].annual ?? 0) > 0 && u.indicators[key].rate !== null)
    .sort((a, b) => b.indicators[key].rate! - a.indicators[key].rate! || b.indicators[key].cumulative! - a.indicators[key].cumulative! || a.id - b.id)
    .slice(0, n);
}

/** Units of a list by category, in the input's category order ('' once when there are no categories). */
export function byCategory(input: BulletinInput, units: readonly BulletinUnit[]): Array<[string, BulletinUnit[]]> {
  const cats = input.categories.length ? input.categories : [''];
  return cats
    .map((c): [string, BulletinUnit[]] => [c, units.filter((u) => (input.categories.length ? u.category === c : true))])
    .filter(([, us]) => us.length > 0);
}

/** The annex row of a unit: 序号, 名称, then per indicator 年度任务, 累计完成, 完成率, 状态. */
export function annexRow(input: BulletinInput, unit: BulletinUnit, keys: readonly string[]): string[] {
  return [
    String(unit.id),
    unit.name,
    ...keys.flatMap((k) => {
      const f = unit.indicators[k];
      return [count(f.annual), count(f.cumulative), f.annual === null ? '—' : pct(f.rate), STATUS[f.status]];
    }),
  ];
}
