import { Indicator } from '../core/indicators';
import { labelOf, textGrid } from './grid';
import { isNumberish, splitUnit } from './header';
import { ReadTable, integerId, readTableGrid } from './readTable';

export { cleanUnitName } from './readTable';

/**
 * A task table from text copied out of the notice (附件1) or a spreadsheet: cells split by tabs, the header over
 * one or more lines ("培训 任务 （人次）", "其中高级工及 以上（人）" on the next line), page headers repeated,
 * section headings ("一、省辖市"), "—" for no quota, a 合计 row.
 *
 * Text without tabs (some PDF viewers drop them) is read when its header fits on one line: the header's cells
 * split at two or more spaces, each row as 序号, the name (spaces inside it dropped) and as many numbers as the
 * header has indicators. A header over several lines without tabs cannot be lined up with its columns and is
 * refused with the fix.
 */
export function readNoticeText(text: string, known: readonly Indicator[] = []): { table: ReadTable | null; problems: string[] } {
  const g = textGrid(text);
  const first = readTableGrid(g, null, known);
  if ('notFound' in first) return { table: null, problems: [first.notFound] };
  if (g.spaced.size === 0) return { table: first.found, problems: [] };
  const retyped = retokenized(text, first.found.indicators.length);
  if (typeof retyped !== 'string') return { table: null, problems: [retyped.problem] };
  const second = readTableGrid(textGrid(retyped), null, known);
  if ('notFound' in second) return { table: null, problems: [second.notFound] };
  return { table: second.found, problems: [] };
}

const isUnitLabel = (cell: string) => splitUnit(cell).unit !== '' || /^其中/.test(labelOf(cell));

/**
 * Lines without tabs rewritten with tabs: the header line's cells (split at two or more spaces) and each data row
 * as 序号, name, then `n` numbers taken from the end of the line. Refused when the header goes on over more lines.
 */
function retokenized(text: string, n: number): string | { problem: string } {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  let headerLine = -1;
  const out = lines.map((line, i) => {
    if (line.includes('\t') || !line.trim()) return line;
    const cells = line.trim().split(/\s{2,}|\u3000+/);
    if (cells.some((c) => labelOf(c) === '序号')) {
      headerLine = i;
      return cells.join('\t');
    }
    const tokens = line.trim().split(/\s+/);
    const values = tokens.slice(-n);
    const head = tokens.slice(0, tokens.length - n);
    if (head.length >= 1 && values.length === n && values.every((v) => isNumberish(v))) {
      if (integerId(head[0]) !== null && head.length >= 2) return [head[0], head.slice(1).join(''), ...values].join('\t');
      if (/^(全(省|市|县|区))?(合计|总计)$/.test(labelOf(head.join('')))) return ['合计', '', ...values].join('\t');
    }
    return cells.join('\t');
  });
  if (headerLine >= 0) {
    // The line under the header carrying labels again ("以上（人）", "其中…"): the header goes on, columns unknown.
    for (let i = headerLine + 1; i < Math.min(lines.length, headerLine + 4); i++) {
      const l = lines[i].trim();
      if (!l) continue;
      if (integerId(l.split(/\s+/)[0]) !== null) break;
      if (!lines[i].includes('\t') && l.split(/\s{2,}/).some(isUnitLabel)) {
        return {
          problem: `第 ${headerLine + 1}–${i + 1} 行：表头分在几行上，各列之间又没有制表符，无法确定每个数属于哪一列。请把表头整理成一行（各列之间用 Tab 或两个以上空格分开），或改为导入 Excel/WPS 表格文件。`,
        };
      }
    }
  }
  return out.join('\n');
}
