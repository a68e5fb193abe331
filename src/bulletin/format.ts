/** How the circular writes figures: counts in full with thousands separators, rates and gaps with two decimals. */

export const DASH = '—';

/** Rounds to 2 decimals, half away from zero, after cleaning binary noise (36.525 stored as 36.52499… → 36.53). */
export function round2(x: number): number {
  const scaled = Number((x * 100).toPrecision(12));
  return (Math.sign(scaled) * Math.round(Math.abs(scaled))) / 100;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 1050000 → "1,050,000"; fractions keep up to 2 decimals; null → "—". */
export function formatCount(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return DASH;
  const r = round2(n);
  const [whole, frac] = Math.abs(r).toFixed(2).split('.');
  const trimmed = frac.replace(/0+$/, '');
  return `${r < 0 ? '-' : ''}${groupThousands(whole)}${trimmed ? `.${trimmed}` : ''}`;
}

/** 0.36523 → "36.52%"; null → "—". */
export function formatRate(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return DASH;
  return `${round2(rate * 100).toFixed(2)}%`;
}

/** Percentage points with two decimals and no sign: 3.1949 → "3.19". */
export function formatPoints(points: number): string {
  return Math.abs(round2(points)).toFixed(2);
}

/** The gap as a phrase: 高于/低于应达进度 X 个百分点, or 与应达进度持平. */
export function gapPhrase(points: number | null): string {
  if (points === null) return '尚无数据，无法与应达进度比较';
  const r = round2(points);
  if (r === 0) return '与应达进度持平';
  return `${r > 0 ? '高于' : '低于'}应达进度${formatPoints(r)}个百分点`;
}

/** "1–4月", or "1月" for January. */
export function monthRange(month: number): string {
  return month <= 1 ? '1月' : `1–${month}月`;
}

/** Chinese counting numerals for headings: 1 → 一, 12 → 十二 (headings never go past 99). */
export function chineseNumeral(n: number): string {
  const digits = '零一二三四五六七八九';
  if (n < 10) return digits[n];
  if (n < 20) return `十${n % 10 ? digits[n % 10] : ''}`;
  return `${digits[Math.floor(n / 10)]}十${n % 10 ? digits[n % 10] : ''}`;
}

/** Joins names with the enumeration comma 、. */
export function enumerate(items: readonly string[]): string {
  return items.join('、');
}
