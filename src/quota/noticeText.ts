import { IndicatorKey, PerIndicator } from '../core/indicators';
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

const ORDER: IndicatorKey[] = ['training', 'certified', 'advanced', 'onePlusX'];
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
 * "序号  名称  培训  取证  高级工  1+X", page headers repeated, a 合计 row at the end.
 */
export function parseNoticeQuotaText(text: string): ParsedQuotaText {
  const rows: QuotaRow[] = [];
  const problems: string[] = [];
  let total: PerIndicator<number> | null = null;
  text.split(/\r?\n/).forEach((line, index) => {
    const fields = line.split('\t').map((f) => f.trim());
    const where = `第 ${index + 1} 行`;
    if (/^\d+$/.test(fields[0] ?? '') && fields.length >= 6) {
      const values = fields.slice(2, 6).map((f) => parseQuotaCell(f, where, problems));
      rows.push({
        id: Number(fields[0]),
        name: cleanUnitName(fields[1]),
        quota: { training: values[0], certified: values[1], advanced: values[2], onePlusX: values[3] },
      });
    } else if (/^合\s*计$/.test(fields[0] ?? '') && fields.length >= 6) {
      const values = fields.slice(2, 6).map((f) => parseQuotaCell(f, where, problems) ?? 0);
      total = Object.fromEntries(ORDER.map((k, i) => [k, values[i]])) as PerIndicator<number>;
    } else if (/^\d+\t/.test(line)) {
      problems.push(`${where}：序号后的列数不足（应为 序号、名称 和 4 项任务数）。`);
    }
  });
  return { rows, total, problems };
}
