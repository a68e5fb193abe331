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
const TOTAL = /^(全(省|市|县|区))?(合计|总计)$/;

/**
 * Lines without tabs rewritten with tabs: the header line's cells (split at two or more spaces) and each data row
 * as 序号, name, the category when the header has a 类别 column, then `n` numbers from the end of the line.
 * Refused when the header goes on over more lines: its labels cannot be lined up with the numbers.
 */
function retokenized(text: string, n: number): string | { problem: string } {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  const headerLine = lines.findIndex(
    (l) =>
      !l.includes('\t') &&
      l
        .trim()
        .split(/\s{2,}|\u3000+/)
        .some((c) => labelOf(c) === '序号'),
  );
  if (headerLine < 0) return lines.join('\n');
  const header = lines[headerLine].trim().split(/\s{2,}|\u3000+/);
  const withCategory = header.some((c) => /^(单位)?(类别|类型|分类)$/.test(labelOf(c)));
  for (const i of [headerLine - 1, headerLine + 1, headerLine + 2, headerLine + 3]) {
    const l = lines[i]?.trim();
    if (!l || lines[i].includes('\t') || integerId(l.split(/\s+/)[0]) !== null) continue;
    const cells = l.split(/\s{2,}/);
    if ((i > headerLine || cells.length >= 2) && cells.some(isUnitLabel)) {
      return {
        problem: `第 ${Math.min(i, headerLine) + 1}–${Math.max(i, headerLine) + 1} 行：表头分在几行上，各列之间又没有制表符，无法确定每个数属于哪一列。请把表头整理成一行（各列之间用 Tab 或两个以上空格分开），或改为导入 Excel/WPS 表格文件。`,
      };
    }
    if (i > headerLine) break;
  }
  const out = lines.map((line, i) => {
    if (i === headerLine) return header.join('\t');
    if (line.includes('\t') || !line.trim()) return line;
    const cells = line.trim().split(/\s{2,}|\u3000+/);
    if (cells.length === header.length && integerId(cells[0]) !== null) return cells.join('\t');
    const tokens = line.trim().split(/\s+/);
    const values = tokens.slice(-n);
    const head = tokens.slice(0, tokens.length - n);
    if (values.length !== n || !values.every((v) => isNumberish(v))) return cells.join('\t');
    if (TOTAL.test(labelOf(head.join('')))) return ['合计', '', ...(withCategory ? [''] : []), ...values].join('\t');
    if (integerId(head[0]) === null || head.length < (withCategory ? 3 : 2)) return cells.join('\t');
    const name = withCategory ? head.slice(1, -1) : head.slice(1);
    return [head[0], name.join(''), ...(withCategory ? [head[head.length - 1]] : []), ...values].join('\t');
  });
  return out.join('\n');
}
