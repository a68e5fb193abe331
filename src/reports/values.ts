import { RateValue, ReportDate, ReportValue } from '../core/report';

export type RawCell = string | number | boolean | null;

const NOTHING = /^([—–\-－―_~〜/／\\]+|无|空|暂无|N\/?A|null)$/i;

/** Full-width digits and signs to ASCII, spaces and thousands separators out: "１，２３４ 人" → "1234人". */
export function normalizeNumberText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u200b-\u200d\ufeff]+/g, '')
    .replace(/,/g, '');
}

/** A count as a person may type it: 1234, "1,234", "１２３４", "1234人", "1234人次"; blank, "—", "无" are nothing. */
export function parseCount(raw: RawCell, cell: string | null): ReportValue {
  if (raw === null || raw === '') return { raw, value: null, cell };
  if (typeof raw === 'number') {
    return Number.isFinite(raw) ? { raw, value: raw, cell } : { raw, value: null, cell, problem: 'NOT_A_NUMBER' };
  }
  if (typeof raw === 'boolean') return { raw, value: null, cell, problem: 'NOT_A_NUMBER' };
  const t = normalizeNumberText(raw).replace(/(人次|人|次)$/, '');
  if (t === '' || NOTHING.test(t)) return { raw, value: null, cell };
  if (/^[-+]?\d+(\.\d+)?$/.test(t)) return { raw, value: Number(t), cell };
  return { raw, value: null, cell, problem: 'NOT_A_NUMBER' };
}

/**
 * A 累计完成率 cell: 0.25, "25%", "25.3", 25.3. A bare number is ambiguous (fraction or percent), so
 * every plausible reading is kept; `value` is the likelier one on its own.
 */
export function parseRate(raw: RawCell, cell: string | null, percentFormat: boolean): RateValue {
  if (raw === null || raw === '') return { raw, value: null, cell, readings: [] };
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { raw, value: null, cell, readings: [] };
    if (percentFormat) return { raw, value: raw, cell, readings: [raw] };
    const readings = raw > 1.5 ? [raw / 100] : [raw, raw / 100];
    return { raw, value: readings[0], cell, readings };
  }
  if (typeof raw !== 'string') return { raw, value: null, cell, readings: [] };
  const t = normalizeNumberText(raw);
  const pct = /^([-+]?\d+(\.\d+)?)%$/.exec(t);
  if (pct) return { raw, value: Number(pct[1]) / 100, cell, readings: [Number(pct[1]) / 100] };
  if (/^[-+]?\d+(\.\d+)?$/.test(t)) return parseRate(Number(t), cell, false);
  return { raw, value: null, cell, readings: [] };
}

/** Days since 1899-12-30 (Excel's 1900 system) to a calendar date. */
function serialToDate(serial: number): { year: number; month: number; day: number } | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null;
  const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86400000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function validDate(year: number, month: number, day: number): { year: number; month: number; day: number } | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? { year, month, day } : null;
}

/** 填报时间 as text ("2023年3月28日", "2023-03-28", "2023/3/28", "2023.3.28") or a date serial. */
export function parseReportDate(raw: RawCell, cell: string | null): ReportDate {
  if (raw === null || raw === '') return { text: '', cell, date: null };
  if (typeof raw === 'number') return { text: String(raw), cell, date: serialToDate(raw) };
  const text = String(raw).trim();
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  const m = /(\d{4})年(\d{1,2})月(\d{1,2})日?/.exec(t) ?? /(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(t);
  if (m) return { text, cell, date: validDate(Number(m[1]), Number(m[2]), Number(m[3])) };
  if (/^\d{5}(\.\d+)?$/.test(t)) return { text, cell, date: serialToDate(Number(t)) };
  return { text, cell, date: null };
}
