import { Indicator, PerIndicator } from '../core/indicators';
import { Quota } from '../core/units';
import { GridValue, TableGrid, labelOf } from './grid';
import { HeaderRows, headerColumns, headerRowsAt, isNumberish, tableColumns } from './header';
import { TitleFacts, readTitle } from './title';

/**
 * One task table read from a grid (a worksheet, or text copied from a notice): the indicators its header
 * defines, its units with 序号, name, quotas and (when the table says) category, its 合计 row, and what its
 * title says. Nothing is compared with another table here.
 */

export interface SourceRow {
  id: number;
  name: string;
  quota: Quota;
  /** From a 类别 column or the section heading above the row; null when the table does not say. */
  category: string | null;
  /** Where the row is, for messages. */
  where: string;
}

export interface ReadTable {
  /** The sheet the table was read from (workbooks). */
  sheet: string | null;
  indicators: Indicator[];
  rows: SourceRow[];
  /** The 合计 row; an indicator is null there when its cell holds a formula without a saved result. */
  total: PerIndicator<number | null> | null;
  totalWhere: string | null;
  /** Categories the table states, in order of first appearance: from a 类别 column or section headings. */
  categories: string[];
  categorySource: 'column' | 'sections' | null;
  title: TitleFacts;
  /** Header labels of columns that are no indicator (备注, 联系人…), for the coordinator to see. */
  ignoredColumns: string[];
  problems: string[];
}

/** More rows than any task table has: refused with a message, never cut short. */
export const MAX_TABLE_ROWS = 100_000;
/** Columns looked at on a row; a header wider than this is refused. */
export const MAX_TABLE_COLUMNS = 256;
/** The 序号 header must stand in the first rows (the title and a notice's text may come before it). */
const HEADER_SEARCH_ROWS = 400;

const TOTAL = /^(全(省|市|县|区|校))?(合计|总计)/;
const SUBTOTAL = /小计$/;
const ID = /^\d{1,6}$/;

export function integerId(v: GridValue): number | null {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 1 ? v : null;
  if (typeof v === 'string') {
    const t = labelOf(v);
    return ID.test(t) && Number(t) >= 1 ? Number(t) : null;
  }
  return null;
}

/** Clean a unit name: the PDF breaks names with stray spaces and mixes half- and full-width parentheses. */
export function cleanUnitName(raw: string): string {
  return raw
    .replace(/[\s\u3000]+/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）');
}

/** A section heading as the category it starts: "一、省辖市" → 省辖市, "（二）本科高校（45所）" → 本科高校. */
export function sectionLabel(text: string): string | null {
  const t = cleanUnitName(text.normalize('NFKC'))
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/^(第[一二三四五六七八九十]+(部分|类)|[一二三四五六七八九十]+|（[一二三四五六七八九十\d]+）|\d+)[、.．:：]?/, '')
    .replace(/[:：]$/, '')
    .replace(/（(共)?\d+(个|所|家)?(单位)?）$/, '');
  if (!t || t.length > 30 || !/\p{Script=Han}/u.test(t)) return null;
  if (/^(注|说明|备注|填表|制表|附件|来源|资料来源)|任务(分配|分解)?表|人人持证|技能河南|单位[:：]/.test(t)) return null;
  return t;
}

const NO_QUOTA = /^[—–\-－―/／]+$|^无$/;

function quotaCell(g: TableGrid, r: number, c: number, problems: string[]): number | null {
  const v = g.value(r, c);
  if (v === null) return null;
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 0) return v;
    problems.push(`${g.at(r, c)}的“${v}”不是非负整数：任务数应为整数，无此项任务填“—”。`);
    return null;
  }
  const t = labelOf(v).replace(/[,，]/g, '');
  if (t === '' || NO_QUOTA.test(t)) return null;
  if (/^\d+$/.test(t)) return Number(t);
  problems.push(`${g.at(r, c)}的“${String(v).trim()}”不是整数，也不是“—”：请改为整数（无此项任务填“—”）。`);
  return null;
}

/** The first row with "序号", and its column. */
function findHeader(g: TableGrid): { row: number; col: number } | null {
  for (let r = 0; r < Math.min(g.rowCount, HEADER_SEARCH_ROWS); r++) {
    for (let c = 0; c < Math.min(g.width(r), MAX_TABLE_COLUMNS); c++) if (labelOf(g.value(r, c)) === '序号') return { row: r, col: c };
  }
  return null;
}

/** Texts of the rows above the header, for the title. */
function linesAbove(g: TableGrid, row: number): string[] {
  const lines: string[] = [];
  for (let r = 0; r < row; r++) {
    const cells: string[] = [];
    for (let c = 0; c < Math.min(g.width(r), MAX_TABLE_COLUMNS); c++) {
      const v = g.value(r, c);
      if (v !== null && String(v).trim()) cells.push(String(v).trim());
    }
    if (cells.length) lines.push(cells.join(' '));
  }
  return lines;
}

/** A unit for the whole table stated above it: "单位：人次". */
function tableUnit(lines: readonly string[]): string {
  for (const l of lines) {
    const m = labelOf(l).match(/单位[:：](万人次|万人|人次|人|个|项)(?![\p{Script=Han}])/u);
    if (m) return m[1];
  }
  return '';
}

export type TableSearch = { found: ReadTable } | { notFound: string };

/**
 * Read the task table of a grid. `known` are the indicators of the previous table, used only for text that has
 * no header at all (rows pasted without the lines above them) and as many numbers per row.
 */
export function readTableGrid(g: TableGrid, sheet: string | null, known: readonly Indicator[] = []): TableSearch {
  if (g.rowCount > MAX_TABLE_ROWS) {
    return {
      notFound: `${sheet ? `工作表“${sheet}”` : '任务表'}有 ${g.rowCount.toLocaleString('en-US')} 行，超过上限 ${MAX_TABLE_ROWS.toLocaleString('en-US')} 行，未导入（不会只读前面一部分）。请删去表格以外的内容，或把任务表放在单独的工作表中。`,
    };
  }
  const head = findHeader(g);
  if (!head) {
    const found = headerless(g, sheet, known);
    return 'notFound' in found ? { notFound: `${sheet ? `工作表“${sheet}”` : ''}${found.notFound}` } : found;
  }
  const rows = headerRowsAt(g, head.row, head.col);
  const header = headerColumns(g, rows, head.col);
  const wide = header.columns.find((h) => h.col >= MAX_TABLE_COLUMNS);
  if (wide) return { notFound: `${g.at(rows.first, wide.col)}：表头超过 ${MAX_TABLE_COLUMNS} 列，未导入。请删去多余的列。` };
  const above = linesAbove(g, head.row);
  return { found: readBody(g, sheet, header, above) };
}

/** Rows pasted without their header: usable only when they hold exactly the previous table's indicators. */
function headerless(g: TableGrid, sheet: string | null, known: readonly Indicator[]): TableSearch {
  const first = Array.from({ length: Math.min(g.rowCount, HEADER_SEARCH_ROWS) }, (_, r) => r).find((r) => integerId(g.value(r, 0)) !== null && g.width(r) >= 3);
  if (first === undefined || known.length === 0)
    return { notFound: '没有找到表头（含“序号”的一行）：请连同表头（序号、单位名称和各项指标名称所在的行）一起复制或保存。' };
  const n = g.width(first) - 2;
  if (n !== known.length) {
    return {
      notFound: `没有找到表头（含“序号”的一行），${g.at(first)}有 ${n} 个任务数，与上一年度任务表的 ${known.length} 项指标对不上。请连同表头一起复制。`,
    };
  }
  const header: HeaderRows = {
    first: first - 1,
    last: first - 1,
    idCol: 0,
    columns: [
      { col: 1, text: '单位名称', spanParent: null, groupUnit: '' },
      ...known.map((ind, i) => ({ col: i + 2, text: ind.label, spanParent: null, groupUnit: '' })),
    ],
  };
  const table = readBody(g, sheet, header, linesAbove(g, first));
  // The header's labels are the previous table's: keep its indicators as they were (keys, units, parents).
  table.indicators = known.map((i) => ({ ...i }));
  return { found: table };
}

function readBody(g: TableGrid, sheet: string | null, header: HeaderRows, above: string[]): ReadTable {
  const problems: string[] = [];
  const idCol = header.idCol;
  const start = header.last + 1;
  const isData = (r: number) => integerId(g.value(r, idCol)) !== null;
  const stats = new Map<number, { numbers: number; texts: number }>();
  for (let r = start; r < g.rowCount; r++) {
    if (!isData(r)) continue;
    for (const h of header.columns) {
      const s = stats.get(h.col) ?? { numbers: 0, texts: 0 };
      if (isNumberish(g.value(r, h.col))) s.numbers++;
      else s.texts++;
      stats.set(h.col, s);
    }
  }
  const cols = tableColumns(
    header,
    (c) => stats.get(c) ?? { numbers: 0, texts: 0 },
    tableUnit(above),
    (c) => g.at(header.first, c),
  );
  problems.push(...cols.problems);
  const title = readTitle(above);
  const table: ReadTable = {
    sheet,
    indicators: cols.indicators.map((x) => x.indicator),
    rows: [],
    total: null,
    totalWhere: null,
    categories: [],
    categorySource: cols.category !== null ? 'column' : null,
    title,
    ignoredColumns: cols.ignored,
    problems,
  };
  if (cols.name === null) problems.push(`${g.at(header.first)}有“序号”，但找不到单位名称列（表头如“单位名称”“学校”，其下为各单位的名称）。`);
  if (cols.indicators.length === 0) {
    problems.push(`${g.at(header.first)}有“序号”，但找不到任务数列：每项指标一列，表头写指标名称和计量单位，如“培训任务（人次）”，其下为各单位的任务数。`);
  }
  if (cols.name === null || cols.indicators.length === 0) return table;
  const nameCol = cols.name;
  const lastCol = Math.max(nameCol, ...cols.indicators.map((x) => x.col));
  const seen = new Set<string>();
  const addCategory = (c: string) => {
    if (!seen.has(c)) {
      seen.add(c);
      table.categories.push(c);
    }
  };
  let section: string | null = null;
  const categoryOf = (r: number): string | null => {
    if (cols.category !== null) {
      const t = g.value(r, cols.category);
      const c = t === null ? '' : cleanUnitName(String(t));
      if (c) return c;
    }
    return section;
  };
  for (let r = start; r < g.rowCount; r++) {
    const idText = labelOf(g.value(r, idCol));
    const nameText = labelOf(g.value(r, nameCol));
    if (TOTAL.test(idText) || (idText === '' && TOTAL.test(nameText))) {
      if (table.total) problems.push(`${g.at(r)}又有一个合计行（第一个在${table.totalWhere}）：请只保留一个。`);
      const total: PerIndicator<number | null> = {};
      for (const { col, indicator } of cols.indicators) {
        total[indicator.key] = g.formulaWithoutValue(r, col) ? null : (quotaCell(g, r, col, problems) ?? 0);
      }
      table.total = total;
      table.totalWhere = g.at(r);
      continue;
    }
    const id = integerId(g.value(r, idCol));
    if (id === null) {
      if (idText === '序号' || SUBTOTAL.test(idText) || SUBTOTAL.test(nameText)) continue; // a header repeated on a new page; a subtotal
      const texts: Array<{ c: number; text: string }> = [];
      let numbers = false;
      for (let c = 0; c < Math.min(g.width(r), MAX_TABLE_COLUMNS); c++) {
        const v = g.value(r, c);
        if (v === null || labelOf(v) === '') continue;
        if (cols.indicators.some((x) => x.col === c) && (typeof v === 'number' || /^\d[\d,，]*$/.test(labelOf(v)))) numbers = true;
        texts.push({ c, text: String(v) });
      }
      if (numbers) {
        problems.push(`${g.at(r)}有任务数但没有序号（${g.at(r, idCol)}是“${String(g.value(r, idCol) ?? '').trim()}”）：请补上序号，或删去这一行。`);
        continue;
      }
      // A heading over a group of units: its text stands in the first columns only.
      if (texts.length >= 1 && texts.length <= 2 && texts.every((t) => t.c <= Math.max(nameCol, idCol + 1))) {
        const label = sectionLabel(texts.map((t) => t.text).join(''));
        if (label) section = label;
      }
      continue;
    }
    if (table.total) problems.push(`${g.at(r)}（序号 ${id}）在合计行（${table.totalWhere}）之后：合计行应在最后一行，请检查是否有任务行放错了位置。`);
    const name = cleanUnitName(String(g.value(r, nameCol) ?? ''));
    if (!name) {
      problems.push(`${g.at(r, nameCol)}（序号 ${id}）没有单位名称：请补上。`);
      continue;
    }
    if (g.isText && g.width(r) <= lastCol) {
      problems.push(
        `${g.at(r)}（序号 ${id}）只有 ${g.width(r)} 列，应有 ${lastCol + 1} 列（序号、单位名称和 ${cols.indicators.length} 项任务数，无任务的填“—”）：这一行可能没有复制完整。`,
      );
      continue;
    }
    const quota: Quota = {};
    for (const { col, indicator } of cols.indicators) quota[indicator.key] = quotaCell(g, r, col, problems);
    const category = categoryOf(r);
    if (category) addCategory(category);
    if (section && table.categorySource === null) table.categorySource = 'sections';
    table.rows.push({ id, name, quota, category, where: g.at(r) });
  }
  return table;
}
