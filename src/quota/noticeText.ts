import { Indicator, PerIndicator } from '../core/indicators';
import { Quota } from '../core/units';

/** One row of a task table as printed: 序号, name, the four quotas. */
export interface QuotaRow {
  id: number;
  name: string;
  quota: Quota;
}

export interface ParsedQuotaText {
  rows: QuotaRow[];
  /** The 合计 row, when the text has one. */
  total: PerIndicator<number> | null;
  /** Chinese descriptions of lines that look like data but could not be read. */
  problems: string[];
}

const NO_QUOTA = /^[—–\-－―/／无]+$/;

/**
 * Clean a unit name copied from the notice's PDF: the PDF breaks names with stray spaces and mixes
 * half- and full-width parentheses; we keep one spelling (no spaces, full-width parentheses).
 */
export function cleanUnitName(raw: string): string {
  return raw.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
}

function parseQuotaCell(text: string, where: string, problems: string[]): number | null {
  const t = text.replace(/[\s,，]/g, '');
  if (t === '' || NO_QUOTA.test(t)) return null;
  if (/^\d+$/.test(t)) return Number(t);
  problems.push(`${where}：“${text}”不是整数，也不是“—”。`);
  return null;
}

/**
 * Read the task table from text copied out of the notice (附件1): tab-separated rows
 * "序号  名称  <one column per indicator>", page headers repeated, a 合计 row at the end.
 */
export function parseNoticeQuotaText(text: string, indicators: readonly Indicator[]): ParsedQuotaText {
  const n = indicators.length;
  const rows: QuotaRow[] = [];
  const problems: string[] = [];
  let total: PerIndicator<number> | null = null;
  text.split(/\r?\n/).forEach((line, index) => {
    const fields = line.split('\t').map((f) => f.trim());
    const where = `第 ${index + 1} 行`;
    if (/^\d+$/.test(fields[0] ?? '') && fields.length >= 2 + n) {
      const values = fields.slice(2, 2 + n).map((f) => parseQuotaCell(f, where, problems));
      rows.push({
        id: Number(fields[0]),
        name: cleanUnitName(fields[1]),
        quota: Object.fromEntries(indicators.map((ind, i) => [ind.key, values[i]])),
      });
    } else if (/^合\s*计$/.test(fields[0] ?? '') && fields.length >= 2 + n) {
      const values = fields.slice(2, 2 + n).map((f) => parseQuotaCell(f, where, problems) ?? 0);
      total = Object.fromEntries(indicators.map((ind, i) => [ind.key, values[i]]));
    } else if (/^\d+\t/.test(line)) {
      problems.push(`${where}：序号后的列数不足（应为 序号、名称 和 ${n} 项任务数）。`);
    }
  });
  return { rows, total, problems };
}
