import * as XLSX from 'xlsx';
import { Indicator, PerIndicator } from '../core/indicators';
import { Quota } from '../core/units';
import { categoryMatcher, indicatorLabelMatcher } from '../reports/indicatorLabels';
import { SheetGrid, address } from '../reports/sheetGrid';
import { cleanUnitName } from './noticeText';

/**
 * Reading a task table from a workbook (.xlsx, .xls, WPS .et, .ods, or CSV text): a sheet with 序号, 单位名称,
 * optionally 类别, and the four indicator columns, each found by its header label (one or two header rows,
 * at any position). "—" is no quota (null). A 合计 row is read when present. Section rows such as
 * "一、省辖市" give the category of the rows below them.
 */

export interface WorkbookQuotaRow {
  id: number;
  name: string;
  quota: Quota;
  /** From a 类别 column or a section row; null when the sheet does not say. */
  category: string | null;
  /** Where the row is, for messages: 工作表“…”第 N 行. */
  where: string;
}

export interface ParsedQuotaWorkbook {
  /** The sheet the table was read from; null when no sheet has one. */
  sheet: string | null;
  rows: WorkbookQuotaRow[];
  /** The 合计 row; an indicator is null there when its cell is blank or a formula without a saved result. */
  total: PerIndicator<number | null> | null;
  hasCategoryColumn: boolean;
  problems: string[];
}

const NO_QUOTA = /^[—–\-－―/／无]+$/;
const TOTAL = /^(合计|总计|全省合计)$/;
const MAX_ROWS = 2000;

/** A category as people write it: one of the table's labels, or a short form of one (本科 for 本科高校). */
export function categoryOfText(text: string, categories: readonly string[]): string | null {
  return categoryMatcher(categories)(text);
}

interface Columns {
  id: number;
  name: number;
  category: number | null;
  indicators: PerIndicator<number>;
  /** First row after the header. */
  dataFrom: number;
}

function integerId(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isInteger(raw) && raw >= 1 ? raw : null;
  if (typeof raw === 'string') {
    const t = raw.normalize('NFKC').trim();
    return /^\d{1,5}$/.test(t) && Number(t) >= 1 ? Number(t) : null;
  }
  return null;
}

/** The header at row r (序号 in column idCol), with a second header row when the next row is not data. */
function columnsAt(g: SheetGrid, r: number, idCol: number, indicators: readonly Indicator[]): Columns | string {
  const indicatorOfLabel = indicatorLabelMatcher(indicators);
  const twoRows = r + 1 < g.rowCount && integerId(g.raw(r + 1, idCol)) === null && !TOTAL.test(g.label(r + 1, idCol));
  const width = Math.max(g.width(r), twoRows ? g.width(r + 1) : 0);
  const labels: string[] = [];
  for (let c = 0; c < width; c++) labels.push(g.label(r, c) + (twoRows ? g.label(r + 1, c) : ''));
  if (labels.some((l) => /累计|完成率|当月/.test(l))) return '这是进度表，不是任务分配表';
  const found: Partial<PerIndicator<number>> = {};
  let name: number | null = null;
  let category: number | null = null;
  labels.forEach((l, c) => {
    if (c === idCol || !l) return;
    const key = indicatorOfLabel(l);
    if (key) {
      if (found[key] === undefined) found[key] = c;
      return;
    }
    if (/类别|类型/.test(l)) category ??= c;
    else if (/单位|名称|学校|院校|省辖市/.test(l)) name ??= c;
  });
  const missing = indicators.filter((i) => found[i.key] === undefined).map((i) => `“${i.label}”`);
  if (name === null) missing.unshift('“单位名称”');
  if (missing.length) return `第 ${r + 1} 行有“序号”，但找不到${missing.join('、')}列`;
  return { id: idCol, name: name!, category, indicators: found as PerIndicator<number>, dataFrom: r + (twoRows ? 2 : 1) };
}

function quotaCell(g: SheetGrid, r: number, c: number, where: string, problems: string[]): number | null {
  const raw = g.raw(r, c);
  if (raw === null || raw === '') return null;
  if (typeof raw === 'number') {
    if (Number.isInteger(raw) && raw >= 0) return raw;
    problems.push(`${where} ${address(r, c)}：“${raw}”不是非负整数。`);
    return null;
  }
  const t = String(raw).normalize('NFKC').replace(/[\s,，]/g, '');
  if (t === '' || NO_QUOTA.test(t)) return null;
  if (/^\d+$/.test(t)) return Number(t);
  problems.push(`${where} ${address(r, c)}：“${raw}”不是整数，也不是“—”。`);
  return null;
}

function readTable(g: SheetGrid, sheet: string, cols: Columns, categories: readonly string[], problems: string[]): Omit<ParsedQuotaWorkbook, 'sheet' | 'problems'> {
  const rows: WorkbookQuotaRow[] = [];
  let total: PerIndicator<number | null> | null = null;
  let section: string | null = null;
  const keys = Object.keys(cols.indicators);
  for (let r = cols.dataFrom; r < Math.min(g.rowCount, MAX_ROWS); r++) {
    const where = `工作表“${sheet}”第 ${r + 1} 行`;
    const idLabel = g.label(r, cols.id);
    const nameLabel = g.label(r, cols.name);
    if (TOTAL.test(idLabel) || TOTAL.test(nameLabel)) {
      const t: PerIndicator<number | null> = {};
      for (const key of keys) {
        const c = cols.indicators[key];
        t[key] = g.hasFormulaWithoutValue(r, c) ? null : quotaCell(g, r, c, where, problems) ?? 0;
      }
      total = t;
      continue;
    }
    const id = integerId(g.raw(r, cols.id));
    if (id === null) {
      if (idLabel === '序号') continue; // a header repeated on a new page
      const cells: string[] = [];
      for (let c = 0; c < g.width(r); c++) if (g.label(r, c)) cells.push(g.label(r, c));
      const numbers = keys.some((k) => typeof g.raw(r, cols.indicators[k]) === 'number');
      if (!numbers && cells.length > 0 && cells.length <= 2) {
        const heading = categoryOfText(cells.join(''), categories);
        if (heading) section = heading;
      } else if (numbers) {
        problems.push(`${where}有任务数但没有序号（“${g.text(r, cols.id)}”），请补上序号。`);
      }
      continue;
    }
    const name = cleanUnitName(g.text(r, cols.name));
    if (!name) {
      problems.push(`${where}（序号 ${id}）没有单位名称。`);
      continue;
    }
    const quota: Quota = {};
    for (const key of keys) quota[key] = quotaCell(g, r, cols.indicators[key], where, problems);
    let category: string | null = section;
    if (cols.category !== null) {
      const text = g.text(r, cols.category);
      if (text) {
        category = categoryOfText(text, categories);
        if (!category) problems.push(`${where}（${name}）的类别“${text}”无法识别；可填：${categories.join('、')}。`);
      }
    }
    rows.push({ id, name, quota, category, where });
  }
  return { rows, total, hasCategoryColumn: cols.category !== null };
}

/** Sheets in the order to look at them: one named like a task table first. */
function sheetOrder(names: readonly string[]): string[] {
  const score = (n: string) => (/任务分配|任务表|附件\s*1/.test(n) ? 0 : 1);
  return [...names].sort((a, b) => score(a) - score(b));
}

/** The task table of a parsed workbook: the first sheet that has one. */
export function parseQuotaSheets(wb: XLSX.WorkBook, indicators: readonly Indicator[], categories: readonly string[]): ParsedQuotaWorkbook {
  const notes: string[] = [];
  for (const sheet of sheetOrder(wb.SheetNames)) {
    const ws = wb.Sheets[sheet];
    if (!ws) continue;
    const g = SheetGrid.of(ws, 60);
    for (let r = 0; r < Math.min(g.rowCount, 40); r++) {
      let idCol = -1;
      for (let c = 0; c < g.width(r); c++) if (g.label(r, c) === '序号') { idCol = c; break; }
      if (idCol < 0) continue;
      const cols = columnsAt(g, r, idCol, indicators);
      if (typeof cols === 'string') {
        notes.push(`工作表“${sheet}”${cols}。`);
        continue;
      }
      const problems: string[] = [];
      const table = readTable(g, sheet, cols, categories, problems);
      if (table.rows.length === 0) {
        notes.push(`工作表“${sheet}”第 ${r + 1} 行的表头下没有任务行。`);
        continue;
      }
      return { sheet, ...table, problems };
    }
  }
  return {
    sheet: null,
    rows: [],
    total: null,
    hasCategoryColumn: false,
    problems: [
      `没有找到任务分配表：需要一个工作表，表头有“序号”“单位名称”和${indicators.map((i) => `“${i.label}”`).join('')}${indicators.length}列（可另有“类别”列）。`,
      ...notes,
    ],
  };
}

/** Workbook bytes (.xlsx/.xlsm/.xls/.et/.ods) or CSV text: read with SheetJS, never throws. */
export function parseQuotaWorkbook(input: Uint8Array | string, indicators: readonly Indicator[], categories: readonly string[]): ParsedQuotaWorkbook {
  let wb: XLSX.WorkBook;
  try {
    const options: XLSX.ParsingOptions = { dense: true, cellFormula: true, cellNF: false, cellDates: false, sheetStubs: true };
    wb = typeof input === 'string' ? XLSX.read(input, { ...options, type: 'string', raw: true }) : XLSX.read(input, { ...options, type: 'array' });
  } catch (e) {
    const msg = (e as Error).message ?? '';
    const why = /password|encrypt/i.test(msg) ? '文件设置了密码，请取消密码后再导入' : '文件已损坏或不是电子表格';
    return { sheet: null, rows: [], total: null, hasCategoryColumn: false, problems: [`任务表无法读取：${why}。`] };
  }
  return parseQuotaSheets(wb, indicators, categories);
}
