/** The languages of the message catalogue; zh-CN is the reference (the contract's messages are Chinese). */
export type Locale = 'zh-CN' | 'en-US';

export const LOCALES: readonly Locale[] = ['zh-CN', 'en-US'];

/** 1 234 567 as "1,234,567"; decimals as they are (a unit that typed 12.5 sees 12.5). */
export function formatCount(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : String(n);
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "March" for 3; a number out of range stays a number. */
export function monthName(month: number): string {
  return MONTHS_EN[month - 1] ?? String(month);
}
