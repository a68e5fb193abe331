import { INDICATORS, IndicatorKey } from '../core/indicators';
import { cellAddress, sheetRef } from './address';

/**
 * Where things live in the master workbook. Every adapter and the reader use these positions;
 * nothing else in the code knows a row or column number of the master.
 */
export const SCHEMA_VERSION = 1;

export const SHEET = {
  readme: '说明',
  quota: '任务分配',
  overview: '进度总览',
  province: '全省汇总',
  reports: '报送情况',
  log: '合并日志',
  aliases: '别名表',
  config: '配置',
  undo: '撤销记录',
} as const;

export const INDICATOR_SHEET: Record<IndicatorKey, string> = {
  training: '培训任务',
  certified: '取证人数',
  advanced: '高级工及以上',
  onePlusX: '1+X证书',
};

/** The master's own sheets, in tab order. */
export const MASTER_SHEETS: readonly string[] = [
  SHEET.readme,
  SHEET.overview,
  SHEET.province,
  SHEET.quota,
  ...INDICATORS.map((i) => INDICATOR_SHEET[i.key]),
  SHEET.reports,
  SHEET.log,
  SHEET.aliases,
  SHEET.config,
  SHEET.undo,
];

/** Unit sheets (任务分配, 进度总览, indicator sheets, 报送情况): title row 1, headers rows 2–3, units from row 4. */
export const HEADER_ROWS = 3;
export const FIRST_UNIT_ROW = 4;

export function unitRow(unitIndex: number): number {
  return FIRST_UNIT_ROW + unitIndex;
}

export function totalRow(unitCount: number): number {
  return FIRST_UNIT_ROW + unitCount;
}

/** 任务分配: A 序号, B 单位名称, C 类别, D–G the four quotas. */
export const QUOTA_COL = { id: 1, name: 2, category: 3 } as const;
export function quotaColumn(key: IndicatorKey): number {
  return 4 + INDICATORS.findIndex((i) => i.key === key);
}

/** Indicator sheets: A 序号, B 单位名称, then per month 当月完成 and 累计已完成. */
export function ledgerColumn(month: number, field: 'monthly' | 'cumulative'): number {
  return 3 + 2 * (month - 1) + (field === 'cumulative' ? 1 : 0);
}

/** 进度总览: A 序号, B 单位名称, C 类别, D 总体状态, then six columns per indicator. */
export const OVERVIEW_FIELDS = ['annual', 'cumulative', 'rate', 'expected', 'gap', 'status'] as const;
export type OverviewField = (typeof OVERVIEW_FIELDS)[number];
export const OVERVIEW_OVERALL_COL = 4;
export function overviewColumn(key: IndicatorKey, field: OverviewField): number {
  return 5 + 6 * INDICATORS.findIndex((i) => i.key === key) + OVERVIEW_FIELDS.indexOf(field);
}

/** 报送情况: A 序号, B 单位名称, C 类别, D–O months 1–12, P 已报月数. */
export function reportsMonthColumn(month: number): number {
  return 3 + month;
}
export const REPORTS_COUNT_COL = 16;

/**
 * 全省汇总: the province's own report. Rows 6–9: the 附件2 form of the province (one row per indicator);
 * rows 13–19: units, reports and alerts per category (全省 last); from row 22, one block per indicator with
 * the categories' progress (a label row, a header row, the categories, 全省). Columns from B as below.
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
export const PROVINCE_ROWS = { formHeader: 5, formFirst: 6, countsHeader: 12, countsFirst: 13, blocksFirst: 22 } as const;
/** The province's row of an indicator in the 附件2 part. */
export function provinceFormRow(key: IndicatorKey): number {
  return PROVINCE_ROWS.formFirst + INDICATORS.findIndex((i) => i.key === key);
}
/** Row of category i (0-based, CATEGORIES order) in the counts part; i = number of categories for 全省. */
export function provinceCountRow(categoryIndex: number): number {
  return PROVINCE_ROWS.countsFirst + categoryIndex;
}
/** Row of category i (i = number of categories for 全省) in an indicator's block; the block's label is 2 rows up. */
export function provinceBlockRow(key: IndicatorKey, categoryIndex: number, categoryCount: number): number {
  const height = categoryCount + 4; // label, header, categories, 全省, a blank row
  return PROVINCE_ROWS.blocksFirst + INDICATORS.findIndex((i) => i.key === key) * height + 2 + categoryIndex;
}

/**
 * 全省汇总 四、the data of the chart of completion by category, below the last indicator block (nothing above it
 * moves): a label row, a header row (A empty, then the indicators and 应达进度), one row per category, 全省.
 * Columns: A the category, B–E the 累计完成率 of each indicator, F 应达进度. The chart itself covers columns
 * A–H of the rows below (the sheet's printed width), `PROVINCE_CHART_HEIGHT` rows from `chartTop`.
 */
export const PROVINCE_CHART_HEIGHT = 20;
export function provinceChartRows(categoryCount: number): { label: number; header: number; first: number; last: number; chartTop: number; chartBottom: number } {
  const label = PROVINCE_ROWS.blocksFirst + INDICATORS.length * (categoryCount + 4);
  const last = label + 2 + categoryCount; // the 全省 row
  return { label, header: label + 1, first: label + 2, last, chartTop: last + 2, chartBottom: last + 1 + PROVINCE_CHART_HEIGHT };
}
/** Column of an indicator's 累计完成率, or of 应达进度, in the chart data (A holds the category). */
export function provinceChartColumn(field: IndicatorKey | 'expected'): number {
  return field === 'expected' ? 2 + INDICATORS.length : 2 + INDICATORS.findIndex((i) => i.key === field);
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
  ownedSheetsFirst: 19,
} as const;

export const CONFIG_KEYS = {
  schema: '结构版本',
  year: '年度',
  band: '预警带宽',
  pace: '应达进度',
  source: '任务来源',
  ownedSheet: '主表工作表',
} as const;

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
 * then MERGED_SHEET_HEADERS. Well below the 主表工作表 rows (CONFIG_ROWS.ownedSheetsFirst + MASTER_SHEETS).
 */
export const MERGED_SHEET_ROWS = { first: 41, key: '已合并工作表' } as const;
/** What a record holds after its key: the sheet's name, the SHA-256 of its values, the month, the merge's 撤销记录 序号, the time. */
export const MERGED_SHEET_HEADERS = ['工作表', 'SHA-256', '月份', '合并序号', '时间'] as const;
