import { INDICATORS_2023, Indicator, MAX_INDICATORS, indicatorKeyFor } from '../core/indicators';
import { TableGrid, labelOf } from './grid';

/**
 * The header of a task table: which column holds 序号, the unit name, the category, and which are indicators —
 * each with its label as printed, its counting unit and, for a "其中…" column, the indicator it is part of.
 * Labels may be split over several header rows (text copied from a PDF breaks them), sit in merged cells
 * ("取证人数（人）" over "小计" and "其中：高级工及以上"), or under a group heading that spans the indicators.
 */

/** Counting units as tables print them in brackets after a label; "单位：人" inside the bracket too. */
const UNIT_IN_BRACKETS = /[（(](?:单位[:：])?(万人次|万人|人次|人|个|项|本|家|场|期|次|所|门|套|册|学时|课时)[)）]/;
/** A column that only totals the ones beside it under a spanning label ("取证人数" over 小计 | 其中…). */
const SUBTOTAL = /^(小计|合计|计|总计|总数|人数|数量|任务数|合计数)$/;
const PART = /^其中[:：、,，]?/;
/** Columns that are no indicator even when they hold numbers. */
const NOT_INDICATOR = /备注|说明|电话|联系人|负责人|代码|编码|毕业生|在校生|学生数|基数|比例|占比|完成率|%/;
const CATEGORY = /类别|类型|分类/;
const NAME = /单位|名称|学校|院校|高校|省辖市|县|市|区|地区|名单/;

export interface HeaderColumn {
  col: number;
  /** The label as read (spaces out, NFKC), the unit still in it. */
  text: string;
  /** The column this one is part of by the header's own structure (under the same spanning label as a 小计). */
  spanParent: number | null;
  /** The unit printed over a group of columns ("任务数（人）" spanning them), for columns that print none. */
  groupUnit: string;
}

export interface HeaderRows {
  /** The row with 序号 and the rows below it that continue the header. */
  first: number;
  last: number;
  idCol: number;
  columns: HeaderColumn[];
}

const compact = (s: string) => s.normalize('NFKC').replace(/[\s\u3000]+/g, '');

/** Label and unit of a header text: "培训任务（人次）" → 培训任务, 人次; "1+X证书取证人数" → itself, ''. */
export function splitUnit(text: string): { label: string; unit: string } {
  const t = compact(text);
  const m = t.match(UNIT_IN_BRACKETS);
  if (!m) return { label: t.replace(/[（(][)）]$/, ''), unit: '' };
  return { label: (t.slice(0, m.index) + t.slice(m.index! + m[0].length)).replace(/[:：]$/, ''), unit: m[1] };
}

/**
 * The header's rows: the 序号 row and the rows under it that still carry labels right of the name column
 * (a label broken over lines, "其中" columns under their parent). Stops at the first row of data, a 合计 row,
 * or a row whose text stands only in the first columns (a section heading such as "一、省辖市").
 */
export function headerRowsAt(g: TableGrid, first: number, idCol: number): { first: number; last: number } {
  let last = first;
  for (let r = first + 1; r < Math.min(g.rowCount, first + 4); r++) {
    const id = labelOf(g.value(r, idCol));
    if (/^\d+$/.test(id) || /合计|总计/.test(id)) break;
    let beyondName = false;
    let numbers = false;
    for (let c = 0; c < g.width(r); c++) {
      const v = g.value(r, c);
      if (v === null || labelOf(v) === '') continue;
      if (typeof v === 'number' || /^[\d,，.]+$/.test(labelOf(v))) numbers = true;
      if (c > idCol + 1) beyondName = true;
    }
    if (numbers) break;
    if (beyondName) last = r;
    else if (labelOf(g.value(r, idCol + 1)) === '' && labelOf(g.value(r, idCol)) === '')
      continue; // blank line
    else break;
  }
  return { first, last };
}

/** Header cells with merged areas spread over the columns they cover (top row only for a vertical merge). */
function headerCells(g: TableGrid, first: number, last: number): Array<Array<{ text: string; from: number; to: number } | null>> {
  const width = Math.max(...Array.from({ length: last - first + 1 }, (_, i) => g.width(first + i)));
  const cells: Array<Array<{ text: string; from: number; to: number } | null>> = [];
  for (let r = first; r <= last; r++) {
    const row: Array<{ text: string; from: number; to: number } | null> = new Array(width).fill(null);
    for (let c = 0; c < width; c++) {
      const text = labelOf(g.value(r, c));
      if (!text) continue;
      const to = Math.min(g.mergedTo(r, c), width - 1);
      for (let k = c; k <= to; k++) row[k] = { text, from: c, to };
    }
    cells.push(row);
  }
  return cells;
}

/** The header's columns, each labelled by the texts over it, group headings and 小计 sorted out. */
export function headerColumns(g: TableGrid, rows: { first: number; last: number }, idCol: number): HeaderRows {
  const cells = headerCells(g, rows.first, rows.last);
  const width = cells[0]?.length ?? 0;
  const parts: string[][] = Array.from({ length: width }, () => []);
  const spanParent: Array<number | null> = new Array(width).fill(null);
  const groupUnit: string[] = new Array(width).fill('');
  // In text (no merged cells) a heading over the indicators ("2022年度任务") is a row with one label, the next
  // row labelling several columns under and after it: a group heading, not part of the first label.
  const groupRow = (h: number) => {
    if (h === cells.length - 1) return false;
    const own = cells[h].map((x, c) => (x && c > idCol + 1 ? c : -1)).filter((c) => c >= 0);
    if (own.length !== 1 || cells[h][own[0]]!.from !== cells[h][own[0]]!.to) return false;
    const under = cells[h + 1].filter((x, c) => x && c >= own[0]).length;
    const below = cells[h + 1][own[0]]?.text ?? '';
    return under >= 2 && !SUBTOTAL.test(below) && splitUnit(cells[h][own[0]]!.text).unit === '' && !PART.test(cells[h][own[0]]!.text);
  };
  cells.forEach((row, h) => {
    const grouped = groupRow(h);
    row.forEach((cell, c) => {
      if (!cell || (grouped && c > idCol + 1)) return;
      if (cell.from === cell.to) {
        parts[c].push(cell.text);
        return;
      }
      // A label spanning columns: the label of the column that has nothing of its own under it (or 小计),
      // whose siblings are its parts; over columns that all have labels of their own, a group heading.
      const below = (k: number) =>
        cells
          .slice(h + 1)
          .map((r) => (r[k] && r[k]!.from === r[k]!.to ? r[k]!.text : ''))
          .join('');
      if (c !== cell.from) return;
      const covered = Array.from({ length: cell.to - cell.from + 1 }, (_, i) => cell.from + i);
      const whole = covered.find((k) => below(k) === '' || SUBTOTAL.test(below(k)));
      if (whole === undefined) {
        const unit = splitUnit(cell.text).unit;
        for (const k of covered) groupUnit[k] = groupUnit[k] || unit;
        return;
      }
      parts[whole].push(cell.text);
      for (const k of covered) if (k !== whole) spanParent[k] = whole;
    });
  });
  const columns: HeaderColumn[] = [];
  for (let c = 0; c < width; c++) {
    // Matched as NFKC, shown as Chinese text prints it (full-width brackets).
    const text = parts[c]
      .filter((p) => !SUBTOTAL.test(p))
      .join('')
      .replace(/\(/g, '（')
      .replace(/\)/g, '）');
    if (c === idCol || !text) continue;
    columns.push({ col: c, text, spanParent: spanParent[c], groupUnit: groupUnit[c] });
  }
  return { first: rows.first, last: rows.last, idCol, columns };
}

/** How the data under a column looks: mostly numbers ("—" and blanks count as numbers), or text. */
export interface ColumnData {
  numbers: number;
  texts: number;
}

const NUMBERISH = /^([\d,，]+(\.\d+)?|[—–\-－―/／]+|无)$/;

export function isNumberish(v: string | number | null): boolean {
  if (v === null || typeof v === 'number') return true;
  const t = labelOf(v);
  return t === '' || NUMBERISH.test(t);
}

export interface TableColumns {
  name: number | null;
  category: number | null;
  /** Indicator columns in order, with their indicator. */
  indicators: Array<{ col: number; indicator: Indicator }>;
  /** Header labels of columns left out, for the coordinator to see. */
  ignored: string[];
  problems: string[];
}

/**
 * The roles of the header's columns, judged by label and by the data under them. Indicators get their keys from
 * `indicatorKeyFor` (the 2023 four keep theirs); a "其中" column is part of the indicator its header puts it under,
 * else of the nearest indicator before it. `defaultUnit` is a unit the title states for the whole table.
 */
export function tableColumns(header: HeaderRows, data: (col: number) => ColumnData, defaultUnit: string, at: (col: number) => string): TableColumns {
  const problems: string[] = [];
  const ignored: string[] = [];
  const textual = (h: HeaderColumn) => {
    const d = data(h.col);
    return d.texts > 0 && d.texts >= d.numbers;
  };
  const category = header.columns.find((h) => CATEGORY.test(h.text) && h.text.length <= 8)?.col ?? null;
  // Before any row is read (text whose rows are still to be split), the header alone tells the name column.
  const empty = (h: HeaderColumn) => data(h.col).numbers + data(h.col).texts === 0;
  const nameLike = (h: HeaderColumn) => textual(h) || (empty(h) && NAME.test(h.text) && !UNIT_IN_BRACKETS.test(h.text));
  const candidates = header.columns.filter((h) => h.col !== category && nameLike(h) && !NOT_INDICATOR.test(h.text));
  const name = (candidates.find((h) => /名称|单位/.test(h.text)) ?? candidates.find((h) => NAME.test(h.text)) ?? candidates[0])?.col ?? null;
  const indicatorCols: HeaderColumn[] = [];
  for (const h of header.columns) {
    if (h.col === category || h.col === name) continue;
    if (NOT_INDICATOR.test(h.text) || (textual(h) && !UNIT_IN_BRACKETS.test(h.text))) ignored.push(h.text);
    else indicatorCols.push(h);
  }
  const read = indicatorCols.map((h, i) => {
    const { label: raw, unit } = splitUnit(h.text);
    const part = PART.test(raw) || h.spanParent !== null;
    return { h, position: i + 1, label: raw.replace(PART, '其中'), unit, part };
  });
  const indicators = read.map((x, i) => {
    let parentCol: number | null = null;
    if (x.part) {
      parentCol =
        x.h.spanParent ??
        read
          .slice(0, i)
          .reverse()
          .find((p) => !p.part)?.h.col ??
        null;
      if (parentCol === null) problems.push(`${at(x.h.col)}的“${x.label}”是“其中”项，但它前面没有它所属的指标列。请把它放在所属指标列的右边。`);
    }
    const parent = read.find((p) => p.h.col === parentCol) ?? null;
    const key = indicatorKeyFor(x.part && !x.label.startsWith('其中') ? `其中${x.label}` : x.label, x.position);
    const known = INDICATORS_2023.find((k) => k.key === key);
    return {
      col: x.h.col,
      parentCol,
      indicator: {
        key,
        label: x.label,
        unit: x.unit || x.h.groupUnit || parent?.unit || defaultUnit,
        parent: null as string | null,
        shortLabel: known?.shortLabel ?? (x.label.replace(/^其中/, '') || x.label),
      },
    };
  });
  for (const x of indicators) x.indicator.parent = indicators.find((p) => p.col === x.parentCol)?.indicator.key ?? null;
  if (indicators.length > MAX_INDICATORS) {
    problems.push(
      `任务表有 ${indicators.length} 项指标（${indicators.map((x) => `${at(x.col)}“${x.indicator.label}”`).join('、')}），最多 ${MAX_INDICATORS} 项。请删去不属于本年度任务的列后再导入。`,
    );
  }
  return { name, category, indicators: indicators.map(({ col, indicator }) => ({ col, indicator })), ignored, problems };
}
