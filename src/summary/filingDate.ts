import { dateFitsMonth } from '../core/validate';

/**
 * The 填报时间 of the keeper's own monthly report: today, written as people write it, when today fits the
 * month's reporting window; otherwise none (left blank for the keeper to fill in). Stamping today on a past
 * month's report made the level above flag it DATE_OUTSIDE_MONTH.
 */
export function filingDate(year: number, month: number, today: Date): string | null {
  const d = { year: today.getFullYear(), month: today.getMonth() + 1, day: today.getDate() };
  return dateFitsMonth(d, year, month) ? `${d.year}年${d.month}月${d.day}日` : null;
}
