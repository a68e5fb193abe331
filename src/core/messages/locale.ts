/** The languages of the message catalogue; zh-CN is the reference (the contract's messages are Chinese). */
export type Locale = 'zh-CN' | 'en-US';

export const LOCALES: readonly Locale[] = ['zh-CN', 'en-US'];

/** 1 234 567 as "1,234,567"; decimals as they are (a unit that typed 12.5 sees 12.5). */
export function formatCount(n: number): string {
  if (!Number.isInteger(n)) return String(n);
  // toLocaleString's text, grouped here for safe integers: the first call starts ICU (tens of ms in a CLI merge).
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ',');
  return n < 0 ? `-${digits}` : digits;
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "March" for 3; a number out of range stays a number. */
export function monthName(month: number): string {
  return MONTHS_EN[month - 1] ?? String(month);
}
