import { Indicator, IndicatorKey } from '../core/indicators';
import { QuotaTable, totalLabel } from '../core/units';

export { totalLabel } from '../core/units';
import { cellAddress, sheetRef } from './address';

/**
 * Where things live in the master workbook. Every adapter and the reader use these positions;
 * nothing else in the code knows a row or column number of the master. Positions that depend on the task table
 * (its indicators and categories) take the master's shape.
 */
export const SCHEMA_VERSION = 2;
/** Masters made before the task table defined the indicators (the four of 2023, six categories): still read. */
export const SCHEMA_VERSION_2023 = 1;

/** Sheets whose names never change. The summary and ledger sheets are named from the table (see MasterShape). */
export const SHEET = {
  readme: '说明',
  quota: '任务分配',
  overview: '进度总览',
  reports: '报送情况',
  log: '合并日志',
  aliases: '别名表',
  config: '配置',
  undo: '撤销记录',
} as const;

/** What of the task table decides the master's positions and names. */
export interface MasterShape {
  indicators: readonly Indicator[];
  categories: readonly string[];
  unitCount: number;
  /** The keeper's own total: 全省, 全市, 全县, 全区, 全校 or 合计 (rows and the summary sheet are named by it). */
  total: string;
}

export function shapeOf(table: QuotaTable): MasterShape {
  return { indicators: table.indicators, categories: table.categories, unitCount: table.units.length, total: totalLabel(table.reportsAs) };
}

/** 全省汇总 / 全市汇总 / …: the keeper's own report and the rollups by category. */
export function summarySheetName(shape: Pick<MasterShape, 'total'>): string {
  return shape.total === '合计' ? '汇总' : `${shape.total}汇总`;
}

const FIXED_NAMES: readonly string[] = Object.values(SHEET);

/** A sheet name Excel accepts: no []:*?/\, at most 31 characters, not blank. */
function sheetSafe(name: string): string {
  const t = name
    .replace(/[[\]:*?/\\]/g, '')
    .replace(/^'+|'+$/g, '')
    .trim()
    .slice(0, 31);
  return t || '指标';
}

/**
 * The ledger sheet of each indicator: its short label made sheet-safe, unique (case-insensitively, as Excel
 * compares) among the indicators and the master's other sheets. Deterministic from the indicators alone.
 */
export function ledgerSheets(shape: Pick<MasterShape, 'indicators' | 'total'>): Record<IndicatorKey, string> {
  // Asked for every formula of a large master: computed once per indicator list and total.
  const cached = ledgerSheetCache.get(shape.indicators)?.get(shape.total);
  if (cached) return cached;
  const names = computeLedgerSheets(shape);
  const byTotal = ledgerSheetCache.get(shape.indicators) ?? new Map<string, Record<IndicatorKey, string>>();
  byTotal.set(shape.total, names);
  ledgerSheetCache.set(shape.indicators, byTotal);
  return names;
}

const ledgerSheetCache = new WeakMap<readonly Indicator[], Map<string, Record<IndicatorKey, string>>>();

function computeLedgerSheets(shape: Pick<MasterShape, 'indicators' | 'total'>): Record<IndicatorKey, string> {
  const taken = new Set([...FIXED_NAMES, summarySheetName(shape)].map((n) => n.toLowerCase()));
  const out: Record<IndicatorKey, string> = {};
  for (const ind of shape.indicators) {
    const base = sheetSafe(ind.shortLabel || ind.label);
    let name = base;
    for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${base.slice(0, 27)}（${k}）`;
    taken.add(name.toLowerCase());
    out[ind.key] = name;
  }
  return out;
}

export function ledgerSheet(shape: Pick<MasterShape, 'indicators' | 'total'>, key: IndicatorKey): string {
  const name = ledgerSheets(shape)[key];
  if (!name) throw new Error(`unknown indicator ${key}`);
  return name;
}

/** The master's own sheets, in tab order. */
export function masterSheets(shape: Pick<MasterShape, 'indicators' | 'total'>): string[] {
  const ledgers = ledgerSheets(shape);
  return [
    SHEET.readme,
    SHEET.overview,
    summarySheetName(shape),
    SHEET.quota,
    ...shape.indicators.map((i) => ledgers[i.key]),
    SHEET.reports,
    SHEET.log,
    SHEET.aliases,
    SHEET.config,
    SHEET.undo,
  ];
}

function indexOf(shape: Pick<MasterShape, 'indicators'>, key: IndicatorKey): number {
  const i = shape.indicators.findIndex((x) => x.key === key);
  if (i < 0) throw new Error(`unknown indicator ${key}`);
  return i;
}

/** Unit sheets (任务分配, 进度总览, indicator sheets, 报送情况): title row 1, headers rows 2–3, units from row 4. */
export const HEADER_ROWS = 3;
export const FIRST_UNIT_ROW = 4;

export function unitRow(unitIndex: number): number {
  return FIRST_UNIT_ROW + unitIndex;
}

export function totalRow(unitCount: number): number {
  return FIRST_UNIT_ROW + unitCount;
}

/** 任务分配: A 序号, B 单位名称, C 类别 (blank when the table has none), then one column per indicator. */
export const QUOTA_COL = { id: 1, name: 2, category: 3 } as const;
export function quotaColumn(shape: Pick<MasterShape, 'indicators'>, key: IndicatorKey): number {
  return 4 + indexOf(shape, key);
}

/** Indicator sheets: A 序号, B 单位名称, then per month 当月完成 and 累计已完成. */
export function ledgerColumn(month: number, field: 'monthly' | 'cumulative'): number {
  return 3 + 2 * (month - 1) + (field === 'cumulative' ? 1 : 0);
}

/** 进度总览: A 序号, B 单位名称, C 类别, D 总体状态, then six columns per indicator. */
export const OVERVIEW_FIELDS = ['annual', 'cumulative', 'rate', 'expected', 'gap', 'status'] as const;
export type OverviewField = (typeof OVERVIEW_FIELDS)[number];
export const OVERVIEW_OVERALL_COL = 4;
export function overviewColumn(shape: Pick<MasterShape, 'indicators'>, key: IndicatorKey, field: OverviewField): number {
  return 5 + 6 * indexOf(shape, key) + OVERVIEW_FIELDS.indexOf(field);
}
export function overviewLastColumn(shape: Pick<MasterShape, 'indicators'>): number {
  return 4 + 6 * shape.indicators.length;
}

/** 报送情况: A 序号, B 单位名称, C 类别, D–O months 1–12, P 已报月数. */
export function reportsMonthColumn(month: number): number {
  return 3 + month;
}
export const REPORTS_COUNT_COL = 16;

/**
 * The summary sheet (全省汇总): the keeper's own report. From row 6: the 附件2 form of the keeper (one row per
 * indicator); two rows below, units, reports and alerts per category (the total last); two rows below, one block
 * per indicator with the categories' progress (a label row, a header row, the categories, the total, a blank row).
 * Columns from B as below. For 2023 (4 indicators, 6 categories): form rows 6–9, counts 13–19, blocks from 22.
 */
export const PROVINCE_FIELDS = ['annual', 'monthly', 'cumulative', 'rate', 'expected', 'gap', 'status'] as const;
export type ProvinceField = (typeof PROVINCE_FIELDS)[number];
export function provinceColumn(field: ProvinceField): number {
  return 2 + PROVINCE_FIELDS.indexOf(field);
}
export const PROVINCE_COUNT_FIELDS = ['unitCount', 'reported', 'missing', 'red', 'amber'] as const;
export type ProvinceCountField = (typeof PROVINCE_COUNT_FIELDS)[number];
export function provinceCountColumn(field: ProvinceCountField): number {
  return 2 + PROVINCE_COUNT_FIELDS.indexOf(field);
}
type SummaryShape = Pick<MasterShape, 'indicators' | 'categories'>;
export function provinceRows(shape: SummaryShape): { formHeader: number; formFirst: number; countsHeader: number; countsFirst: number; blocksFirst: number } {
  const formFirst = 6;
  const countsHeader = formFirst + shape.indicators.length + 2;
  const countsFirst = countsHeader + 1;
  return { formHeader: formFirst - 1, formFirst, countsHeader, countsFirst, blocksFirst: countsFirst + shape.categories.length + 1 + 2 };
}
/** The keeper's row of an indicator in the 附件2 part. */
export function provinceFormRow(shape: SummaryShape, key: IndicatorKey): number {
  return provinceRows(shape).formFirst + indexOf(shape, key);
}
/** Row of category i (0-based, table order) in the counts part; i = number of categories for the total. */
export function provinceCountRow(shape: SummaryShape, categoryIndex: number): number {
  return provinceRows(shape).countsFirst + categoryIndex;
}
/** Row of category i (i = number of categories for the total) in an indicator's block; the block's label is 2 rows up. */
export function provinceBlockRow(shape: SummaryShape, key: IndicatorKey, categoryIndex: number): number {
  const height = shape.categories.length + 4; // label, header, categories, total, a blank row
  return provinceRows(shape).blocksFirst + indexOf(shape, key) * height + 2 + categoryIndex;
}

/**
 * 四、the data of the chart of completion by category, below the last indicator block (nothing above it moves):
 * a label row, a header row (A empty, then the indicators and 应达进度), one row per category, the total.
 * Columns: A the category, then each indicator's 累计完成率, then 应达进度. The chart itself covers columns A–H of
 * the rows below (the sheet's printed width), `PROVINCE_CHART_HEIGHT` rows from `chartTop`.
 */
export const PROVINCE_CHART_HEIGHT = 20;
export function provinceChartRows(shape: SummaryShape): { label: number; header: number; first: number; last: number; chartTop: number; chartBottom: number } {
  const label = provinceRows(shape).blocksFirst + shape.indicators.length * (shape.categories.length + 4);
  const last = label + 2 + shape.categories.length; // the total's row
  return { label, header: label + 1, first: label + 2, last, chartTop: last + 2, chartBottom: last + 1 + PROVINCE_CHART_HEIGHT };
}
/** Column of an indicator's 累计完成率, or of 应达进度, in the chart data (A holds the category). */
export function provinceChartColumn(shape: Pick<MasterShape, 'indicators'>, field: IndicatorKey | 'expected'): number {
  return field === 'expected' ? 2 + shape.indicators.length : 2 + indexOf(shape, field);
}

/** 说明: the 截至月份 cell drives every formula of the master. */
export const README_CELLS = {
  year: { row: 3, col: 2 },
  source: { row: 4, col: 2 },
  unitCount: { row: 5, col: 2 },
  month: { row: 6, col: 2 },
  expected: { row: 7, col: 2 },
  band: { row: 8, col: 2 },
} as const;

/** 配置: key in A, value in B; fixed rows for what formulas read. */
export const CONFIG_ROWS = {
  schema: 2,
  year: 3,
  band: 4,
  paceFirst: 5, // months 1–12: rows 5–16
  source: 17,
  /** The circular's 下一步工作要求 (text, lines = paragraphs); a master without it uses the default text. */
  requirements: 18,
  ownedSheetsFirst: 19,
} as const;

export const CONFIG_KEYS = {
  schema: '结构版本',
  year: '年度',
  band: '预警带宽',
  pace: '应达进度',
  source: '任务来源',
  requirements: '下一步工作要求',
  ownedSheet: '主表工作表',
} as const;

/**
 * 配置 (schema 2): the task table's own definitions, beside the key/value rows and above the merged-sheet
 * records (columns A–F from row 41), so a schema-1 master differs only in lacking them. D–H rows 2–9: one row per
 * indicator (key, label, unit, parent key, short label); J from row 2: the categories in order; L2 the keeper,
 * M2 the name it reports as.
 */
export const CONFIG_TABLE = {
  indicatorFirstRow: 2,
  indicatorCol: 4,
  indicatorHeaders: ['指标键', '指标名称', '计量单位', '所属指标（键）', '简称'],
  categoryCol: 10,
  categoryHeader: '单位类别',
  keeperCol: 12,
  keeperHeader: '主表保管单位',
  reportsAsCol: 13,
  reportsAsHeader: '上报名称',
  valueRow: 2,
} as const;

/** Excel keeps at most this many characters in a cell: the longest 下一步工作要求 the master stores. */
export const REQUIREMENTS_MAX_CHARS = 32767;

/** References used inside formulas. */
export const REF = {
  month: `${sheetRef(SHEET.readme)}!${cellAddress(README_CELLS.month.row, README_CELLS.month.col, true)}`,
  band: `${sheetRef(SHEET.config)}!${cellAddress(CONFIG_ROWS.band, 2, true)}`,
  pace: `${sheetRef(SHEET.config)}!${cellAddress(CONFIG_ROWS.paceFirst, 2, true)}:${cellAddress(CONFIG_ROWS.paceFirst + 11, 2, true)}`,
};

/** 合并日志 columns, from A. */
export const LOG_HEADERS = ['时间', '操作', '月份', '文件', '工作表', 'SHA-256', '序号', '单位', '结果', '说明'] as const;

/** 别名表 columns, from A: what a report says, the unit's 序号, the unit's name (for the reader's eyes), a note. */
export const ALIAS_HEADERS = ['别名（报表上的写法）', '序号', '单位名称', '备注'] as const;

/** 撤销记录 (hidden): one row per merge that can still be undone, from row 2: 序号, 时间, 月份, 块数, JSON chunks. */
export const UNDO_HEADERS = ['序号', '时间', '月份', '块数', '撤销数据（JSON）'] as const;
export const UNDO_FIRST_ROW = 2;
export const UNDO_CHUNK_COL = 5;
/** Excel holds at most 32,767 characters in a cell. */
export const UNDO_CHUNK_CHARS = 30000;

/**
 * 配置, from row `first`: one row per report sheet merged from the master workbook itself (本月合并 / pasted
 * sheets), so a sheet merged as month K is never merged as another month by mistake. Columns from A: the key,
 * then MERGED_SHEET_HEADERS. Well below the 主表工作表 rows (CONFIG_ROWS.ownedSheetsFirst + at most 17 sheets).
 */
export const MERGED_SHEET_ROWS = { first: 41, key: '已合并工作表' } as const;
/** What a record holds after its key: the sheet's name, the SHA-256 of its values, the month, the merge's 撤销记录 序号, the time. */
export const MERGED_SHEET_HEADERS = ['工作表', 'SHA-256', '月份', '合并序号', '时间'] as const;
