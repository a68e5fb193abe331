import { IndicatorKey, labelWithUnit } from '../core/indicators';
import { Ledger, getEntry, MONTHS } from '../core/ledger';
import { EQUAL_MARGIN, STATUS_LABELS, Status, StatusReport, statusReport, worstStatus } from '../core/status';
import { Unit } from '../core/units';
import { GroupSummary, ProvinceSummary, provinceSummary } from '../summary/provinceSummary';
import { cellAddress, columnLetter, rangeAddress, sheetRef } from './address';
import {
  ALIAS_HEADERS,
  CONFIG_KEYS,
  CONFIG_ROWS,
  CONFIG_TABLE,
  FIRST_UNIT_ROW,
  LOG_HEADERS,
  MasterShape,
  OVERVIEW_FIELDS,
  OVERVIEW_OVERALL_COL,
  OverviewField,
  QUOTA_COL,
  README_CELLS,
  REF,
  REPORTS_COUNT_COL,
  SCHEMA_VERSION,
  SHEET,
  UNDO_FIRST_ROW,
  UNDO_HEADERS,
  ledgerColumn,
  ledgerSheet,
  masterSheets,
  overviewColumn,
  overviewLastColumn,
  provinceBlockRow,
  provinceChartColumn,
  provinceChartRows,
  provinceColumn,
  provinceCountColumn,
  provinceCountRow,
  provinceFormRow,
  provinceRows,
  quotaColumn,
  reportsMonthColumn,
  shapeOf,
  summarySheetName,
  totalRow,
  unitRow,
} from './layout';
import { MasterModel } from './model';
import { DEFAULT_ROW_PT, blockRowBreaks, printColumns, printableHeight, scaleToWidth } from './printLayout';
import { CellSpec, CellValue, SheetSpec, StyleName, WorkbookSpec } from './spec';
import { undoRowValues } from './undoStore';

const NUM = '#,##0';
const PCT = '0.0%';
const POINTS = '+0.0;-0.0;0.0';
const MONTH_FMT = '0"月"';
/** Formulas compare with the core's margin: a rate equal to the pace at 1e-9 is on pace in every program. */
const MARGIN = String(EQUAL_MARGIN).toUpperCase();
/** 应达进度 of 截至月份 (0 before the first month). */
const EXPECTED_F = `IF(${REF.month}<1,0,INDEX(${REF.pace},MIN(12,${REF.month})))`;
/** 正常 / 预警 / 滞后 / — of a rate cell against an expected cell, as core/status.ts statusOf. */
function statusFormula(rate: string, expected: string): string {
  const L = STATUS_LABELS;
  return `IF(ISNUMBER(${rate}),IF(${rate}>=${expected}-${MARGIN},"${L.ok}",IF(${rate}>=${expected}-${REF.band}-${MARGIN},"${L.amber}","${L.red}")),"${L.none}")`;
}
/** 累计完成率 of an annual and a cumulative cell: blank without a positive quota or a number. */
const rateFormula = (a: string, c: string) => `IF(AND(ISNUMBER(${a}),ISNUMBER(${c})),IF(${a}>0,${c}/${a},""),"")`;
const gapFormula = (r: string, e: string) => `IF(ISNUMBER(${r}),(${r}-${e})*100,"")`;
/** The worst status among the status cells of a range (the other cells of the range hold no status text). */
function worstFormula(range: string): string {
  const L = STATUS_LABELS;
  const any = (label: string) => `COUNTIF(${range},"${label}")>0`;
  return `IF(${any(L.red)},"${L.red}",IF(${any(L.amber)},"${L.amber}",IF(${any(L.ok)},"${L.ok}","${L.none}")))`;
}

/** A row number beyond Excel's 1,048,576 rows: it appears in no formula but where a builder put the row. */
const ROW_MARK = 987654321;

/**
 * A formula that is the same in every unit row but for its row numbers (filled down, as the writer's shared
 * formulas assume): built once with ROW_MARK, then each row's number put in. Absolute rows ($3) stay.
 */
function fillDown(build: (row: number) => string): (row: number) => string {
  const parts = build(ROW_MARK).split(String(ROW_MARK));
  return (row) => parts.join(String(row));
}

/** A sparse grid of the rows a sheet holds whole (headers, totals, small sheets). */
class Grid {
  private rows: Array<Array<CellSpec | null>> = [];
  set(row: number, col: number, cell: CellSpec): void {
    while (this.rows.length < row) this.rows.push([]);
    const r = this.rows[row - 1];
    while (r.length < col) r.push(null);
    r[col - 1] = cell;
  }
  get count(): number {
    return this.rows.length;
  }
  get width(): number {
    return this.rows.reduce((m, r) => Math.max(m, r.length), 0);
  }
  row(r: number): Array<CellSpec | null> {
    return this.rows[r - 1] ?? [];
  }
  /** The grid as the sheet's rows. */
  into(sheet: SheetSpec): void {
    sheet.rowCount = this.rows.length;
    sheet.columnCount = this.width;
    sheet.row = (r) => this.row(r);
  }
}

/**
 * Rows FIRST_UNIT_ROW… of the units built on demand by `unitCells` (the unit's index), the other rows from the grid:
 * a master of 10,000 units is never held whole as cells.
 */
function unitRowsInto(sheet: SheetSpec, grid: Grid, unitCount: number, width: number, unitCells: (index: number) => Array<CellSpec | null>): void {
  const first = FIRST_UNIT_ROW;
  sheet.rowCount = Math.max(grid.count, first + unitCount - 1);
  sheet.columnCount = Math.max(grid.width, unitCount > 0 ? width : 0);
  sheet.row = (r) => (r >= first && r < first + unitCount ? unitCells(r - first) : grid.row(r));
}

/** Cells of a row as an array from column A. */
function rowOf(width: number): Array<CellSpec | null> {
  return new Array<CellSpec | null>(width).fill(null);
}

const text = (value: string, style: StyleName = 'text'): CellSpec => ({ value, style });
const num = (value: number | null, style: StyleName = 'number', numFmt = NUM): CellSpec => ({ value, style, numFmt });
const formula = (f: string, result: CellValue, style: StyleName = 'number', numFmt?: string): CellSpec => ({ formula: f, result, style, numFmt });
/** A number result, or "" (what the formulas give for nothing). */
const orBlank = (v: number | null): CellValue => v ?? '';

/** What the master's formulas compute, from the core: the cached results of every formula cell. */
interface Figures {
  report: StatusReport;
  summary: ProvinceSummary;
  expected: number;
}

function figuresOf(model: MasterModel): Figures {
  const report = statusReport(model.table, model.ledger, model.month, model.pace);
  return { report, summary: provinceSummary(model.table, model.ledger, model.month, model.pace), expected: report.expectedRate };
}

/** Display width of text in default-font characters (a CJK character counts two). */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e7f ? 2 : 1;
  return w;
}

/** Height in points of a row whose wrapped text spans `chars` columns: programs do not fit merged cells' rows. */
function wrappedHeight(s: string, chars: number): number {
  return DEFAULT_ROW_PT * Math.max(1, Math.ceil(textWidth(s) / (chars - 2)));
}

/** 进度总览's name column at most: 13 Chinese characters on a line. */
const OVERVIEW_NAME_WIDTH = 28;

function nameWidth(units: readonly Unit[]): number {
  // CJK characters are about two default-font characters wide.
  const longest = units.reduce((m, u) => Math.max(m, u.name.length), 4);
  return Math.min(64, longest * 2 + 2);
}

function baseSheet(name: string, columnWidths: number[], freezeColumns: number): SheetSpec {
  return {
    name,
    visibility: 'visible',
    columnWidths,
    // Two lines of wrapped Chinese column labels.
    rowHeights: { 3: 30 },
    rowCount: 0,
    columnCount: 0,
    row: () => [],
    filledDown: [],
    merges: [],
    freeze: { rows: 3, columns: freezeColumns },
    conditionalFormats: [],
    validations: [],
    print: { orientation: 'landscape', paper: 'A4', fitToWidth: true, titleRows: '1:3' },
    charts: [],
  };
}

/** 序号, 单位名称 (and optionally 类别) of a unit into a row array. */
function unitCells(cells: Array<CellSpec | null>, u: Unit, withCategory: boolean): void {
  cells[QUOTA_COL.id - 1] = num(u.id, 'text', '0');
  cells[QUOTA_COL.name - 1] = text(u.name);
  if (withCategory) cells[QUOTA_COL.category - 1] = text(u.category);
}

function statusFormats(sheet: SheetSpec, range: string, statusCell: string): void {
  sheet.conditionalFormats.push(
    { range, formula: `${statusCell}="${STATUS_LABELS.red}"`, color: 'red' },
    { range, formula: `${statusCell}="${STATUS_LABELS.amber}"`, color: 'amber' },
    { range, formula: `${statusCell}="${STATUS_LABELS.ok}"`, color: 'ok' },
  );
}

function readmeSheet(model: MasterModel, shape: MasterShape, fig: Figures): SheetSpec {
  const { table } = model;
  const widths = [16, 28, 60];
  const sheet = baseSheet(SHEET.readme, widths, 0);
  sheet.freeze = { rows: 0, columns: 0 };
  sheet.rowHeights = {};
  sheet.print = { orientation: 'portrait', paper: 'A4', fitToWidth: true };
  const g = new Grid();
  g.set(1, 1, text(`${table.keeper} ${table.year}年度“人人持证、技能河南”建设工作任务进度汇总（主表）`, 'title'));
  sheet.merges.push('A1:C1');
  const c = README_CELLS;
  g.set(c.year.row, 1, text('年度', 'label'));
  g.set(c.year.row, 2, num(table.year, 'text', '0'));
  g.set(c.source.row, 1, text('任务依据', 'label'));
  g.set(c.source.row, 2, text(table.source, 'text'));
  g.set(c.unitCount.row, 1, text('单位数', 'label'));
  g.set(c.unitCount.row, 2, num(table.units.length, 'text', '0'));
  g.set(c.month.row, 1, text('截至月份', 'label'));
  g.set(c.month.row, 2, num(model.month, 'input', '0"月"'));
  g.set(c.month.row, 3, text('← 所有公式按此月份计算；合并某月报表后自动改为该月，也可手工改为 1–12 查看历史进度。', 'noteWrap'));
  g.set(c.expected.row, 1, text('应达进度', 'label'));
  g.set(c.expected.row, 2, formula(EXPECTED_F, fig.expected, 'text', PCT));
  g.set(c.band.row, 1, text('预警带宽', 'label'));
  g.set(c.band.row, 2, formula(REF.band, model.pace.band, 'text', PCT));
  g.set(c.band.row, 3, text('完成率低于应达进度但差距不超过此带宽为“预警”，超过为“滞后”。', 'noteWrap'));
  sheet.validations.push({
    range: cellAddress(c.month.row, c.month.col),
    type: 'whole',
    min: 0,
    max: 12,
    prompt: '填写 0–12 的整数月份（0 表示尚未合并任何月份）。',
    error: '截至月份须为 0–12 的整数。',
  });
  let r = 10;
  g.set(r++, 1, text('状态图例', 'label'));
  const legend: Array<[StyleName, string, string]> = [
    ['legendOk', STATUS_LABELS.ok, '累计完成率 ≥ 应达进度'],
    ['legendAmber', STATUS_LABELS.amber, '应达进度 − 带宽 ≤ 累计完成率 < 应达进度'],
    ['legendRed', STATUS_LABELS.red, '累计完成率 < 应达进度 − 带宽'],
    ['legendNone', STATUS_LABELS.none, '无此项任务（任务表中为“—”），或尚无数据'],
    ['legendInvalid', '非数字', '台账（各指标工作表）中填的不是数字，如“17000人”“约100”：公式不计入此格，请改为纯数字或清空。'],
  ];
  const merged = widths[1] + widths[2];
  for (const [style, label, meaning] of legend) {
    g.set(r, 1, text(label, style));
    g.set(r, 2, text(meaning, 'wrapText'));
    g.set(r, 3, text('', 'wrapText'));
    sheet.merges.push(`B${r}:C${r}`);
    sheet.rowHeights[r++] = wrappedHeight(meaning, merged);
  }
  r++;
  g.set(r++, 1, text('工作表', 'label'));
  const guide: Array<[string, string]> = [
    [SHEET.overview, '每个单位每项指标的年度任务、累计已完成、完成率、应达进度、差距（百分点）和状态（公式自动计算）。'],
    [
      summarySheetName(shape),
      `${shape.total}合计（附件2口径）、各类别的报送与预警单位数和完成进度（公式自动计算），可直接用于上报；末尾为各类别累计完成率与应达进度的图表及其数据。`,
    ],
    [SHEET.quota, `${table.year}年度任务分配表（“—”表示无此项任务，不等于 0）。`],
    ...table.indicators.map((i): [string, string] => [
      ledgerSheet(shape, i.key),
      `${i.label}：各单位 1–12 月的当月完成与累计已完成（可手工录入数字；当月完成可填负数表示更正）。`,
    ]),
    [SHEET.reports, '各单位各月是否已报送（由台账自动判断）。'],
    [SHEET.log, '每次合并、撤销的记录。'],
    [SHEET.aliases, '报表上单位名称的其他写法及其对应序号，可自行增加。'],
  ];
  for (const [name, meaning] of guide) {
    g.set(r, 1, text(name, 'text'));
    g.set(r, 2, text(meaning, 'noteWrap'));
    sheet.merges.push(`B${r}:C${r}`);
    sheet.rowHeights[r++] = wrappedHeight(meaning, merged);
  }
  sheet.print = { orientation: 'portrait', paper: 'A4', fitToWidth: false, scale: scaleToWidth('portrait', widths) };
  g.into(sheet);
  return sheet;
}

function quotaSheet(model: MasterModel, shape: MasterShape): SheetSpec {
  const { units, indicators } = model.table;
  const widths = [6, nameWidth(units), 14, ...indicators.map(() => 16)];
  const sheet = baseSheet(SHEET.quota, widths, 2);
  const g = new Grid();
  g.set(1, 1, text(`${model.table.year}年度任务分配表（${model.table.source}）`, 'title'));
  const headers = ['序号', '单位名称', '类别', ...indicators.map(labelWithUnit)];
  headers.forEach((h, i) => g.set(3, i + 1, text(h, 'header')));
  const t = totalRow(units.length);
  g.set(t, 1, text('合计', 'total'));
  g.set(t, 2, text('', 'total'));
  g.set(t, 3, text('', 'total'));
  for (const ind of indicators) {
    const col = columnLetter(quotaColumn(shape, ind.key));
    const sum = units.reduce((s, u) => s + (u.quota[ind.key] ?? 0), 0);
    g.set(t, quotaColumn(shape, ind.key), formula(`SUM(${col}${FIRST_UNIT_ROW}:${col}${t - 1})`, sum, 'total', NUM));
  }
  unitRowsInto(sheet, g, units.length, headers.length, (i) => {
    const u = units[i];
    const cells = rowOf(headers.length);
    unitCells(cells, u, true);
    for (const ind of indicators) {
      const q = u.quota[ind.key] ?? null;
      // "—" is kept as the notice prints it: no quota, which formulas must not read as 0.
      cells[quotaColumn(shape, ind.key) - 1] = q === null ? text('—', 'number') : num(q);
    }
    return cells;
  });
  sheet.print = printColumns('landscape', { widths, titleColumns: QUOTA_COL.category, groupStarts: indicators.map((i) => quotaColumn(shape, i.key)) }, '1:3');
  return sheet;
}

/**
 * The latest 累计已完成 of months ≤ 截至月份 (the month cell `month`), as a nested IF: carrying forward "the latest
 * month that has one" needs a test per month without array formulas or LOOKUP tricks (not portable), and the
 * ledger's 累计 columns alternate with 当月 ones, so no MATCH or INDEX finds it in one range.
 */
function cumulativeAsOfFormula(shape: MasterShape, key: IndicatorKey, row: number, month: string): string {
  const s = sheetRef(ledgerSheet(shape, key));
  let f = '""';
  for (const m of MONTHS) {
    const cell = `${s}!${cellAddress(row, ledgerColumn(m, 'cumulative'))}`;
    f = `IF(AND(${month}>=${m},ISNUMBER(${cell})),${cell},${f})`;
  }
  return f;
}

/** 进度总览's own 截至月份 and 应达进度 cells (row 1), which its formulas read. */
const OVERVIEW_MONTH = '$E$1';
const OVERVIEW_EXPECTED = '$G$1';

interface Progress {
  annual: number | '—';
  cumulative: number | null;
  rate: number | null;
  gap: number | null;
  status: Status;
}

type ProgressFormulas = Record<OverviewField, string>;

/** The six formulas of an indicator in a row of 进度总览, from its 年度任务 and 累计已完成 formulas. */
function progressFormulaTexts(shape: MasterShape, key: IndicatorKey, row: number, f: { annual: string; cumulative: string }): ProgressFormulas {
  const at = (field: OverviewField) => cellAddress(row, overviewColumn(shape, key, field));
  const [a, c, r, e] = [at('annual'), at('cumulative'), at('rate'), at('expected')];
  return { ...f, rate: rateFormula(a, c), expected: OVERVIEW_EXPECTED, gap: gapFormula(r, e), status: statusFormula(r, e) };
}

function progressCells(
  cells: Array<CellSpec | null>,
  shape: MasterShape,
  key: IndicatorKey,
  f: ProgressFormulas,
  p: Progress,
  expected: number,
  style: StyleName,
): void {
  const at = (field: OverviewField) => overviewColumn(shape, key, field) - 1;
  const numStyle: StyleName = style === 'total' ? 'total' : 'number';
  cells[at('annual')] = formula(f.annual, p.annual, numStyle, NUM);
  cells[at('cumulative')] = formula(f.cumulative, orBlank(p.cumulative), numStyle, NUM);
  cells[at('rate')] = formula(f.rate, orBlank(p.rate), numStyle, PCT);
  cells[at('expected')] = formula(f.expected, expected, numStyle, PCT);
  cells[at('gap')] = formula(f.gap, orBlank(p.gap), numStyle, POINTS);
  cells[at('status')] = formula(f.status, STATUS_LABELS[p.status], style === 'total' ? 'total' : 'text');
}

function overviewSheet(model: MasterModel, shape: MasterShape, fig: Figures): SheetSpec {
  const { units, indicators } = model.table;
  // The name column is capped (a long name wraps onto a second line) so that two indicators print beside 序号…总体状态.
  const nameCol = Math.min(OVERVIEW_NAME_WIDTH, nameWidth(units));
  const widths = [6, nameCol, 14, 10, ...indicators.flatMap(() => [11, 11, 9, 9, 9, 8])];
  const sheet = baseSheet(SHEET.overview, widths, 2);
  sheet.tabColor = '2F75B5';
  const last = overviewLastColumn(shape);
  const g = new Grid();
  g.set(1, 1, text(`${model.table.year}年度任务进度总览`, 'title'));
  g.set(1, 4, text('截至月份', 'label'));
  g.set(1, 5, formula(REF.month, model.month, 'label', MONTH_FMT));
  g.set(1, 6, text('应达进度', 'label'));
  g.set(1, 7, formula(EXPECTED_F, fig.expected, 'label', PCT));
  ['序号', '单位名称', '类别', '总体状态'].forEach((h, i) => {
    g.set(2, i + 1, text(h, 'header'));
    g.set(3, i + 1, text('', 'header'));
    sheet.merges.push(rangeAddress(2, i + 1, 3, i + 1));
  });
  const fieldLabels = ['年度任务', '累计已完成', '完成率', '应达进度', '差距（百分点）', '状态'];
  for (const ind of indicators) {
    const first = overviewColumn(shape, ind.key, 'annual');
    g.set(2, first, text(labelWithUnit(ind), 'groupHeader'));
    for (let k = 1; k < 6; k++) g.set(2, first + k, text('', 'groupHeader'));
    sheet.merges.push(rangeAddress(2, first, 2, first + 5));
    fieldLabels.forEach((h, k) => g.set(3, first + k, text(h, 'header')));
  }
  const quota = sheetRef(SHEET.quota);
  const statusRange = (row: number) => rangeAddress(row, overviewColumn(shape, indicators[0].key, 'annual'), row, last);

  const t = totalRow(units.length);
  const totals = rowOf(last);
  totals[0] = text(shape.total, 'total');
  totals[1] = text('合计', 'total');
  totals[2] = text('', 'total');
  const province = fig.summary.province;
  for (const ind of indicators) {
    const column = (field: 'annual' | 'cumulative') => {
      const col = columnLetter(overviewColumn(shape, ind.key, field));
      return `${col}${FIRST_UNIT_ROW}:${col}${t - 1}`;
    };
    const p = province.indicators[ind.key];
    progressCells(
      totals,
      shape,
      ind.key,
      // Blank when no unit has a figure, as the province summary (a sum of nothing is no figure).
      progressFormulaTexts(shape, ind.key, t, {
        annual: `SUM(${column('annual')})`,
        cumulative: `IF(COUNT(${column('cumulative')})=0,"",SUM(${column('cumulative')}))`,
      }),
      { annual: p.annual, cumulative: p.cumulative, rate: p.rate, gap: p.gap, status: p.status },
      fig.expected,
      'total',
    );
  }
  const provinceStatuses = indicators.map((i) => province.indicators[i.key].status);
  totals[OVERVIEW_OVERALL_COL - 1] = formula(worstFormula(statusRange(t)), STATUS_LABELS[worstStatus(provinceStatuses)], 'total');
  totals.forEach((c, k) => c && g.set(t, k + 1, c));

  // Each unit row holds the same formulas but for its row number (filled down): built once, the row put in.
  const rowFormulas = indicators.map((ind) => {
    const texts = (row: number) => {
      const q = `${quota}!${cellAddress(row, quotaColumn(shape, ind.key))}`;
      return progressFormulaTexts(shape, ind.key, row, {
        annual: `IF(ISNUMBER(${q}),${q},"—")`,
        cumulative: cumulativeAsOfFormula(shape, ind.key, row, OVERVIEW_MONTH),
      });
    };
    const byField = Object.fromEntries(OVERVIEW_FIELDS.map((field) => [field, fillDown((row) => texts(row)[field])]));
    return { key: ind.key, at: (row: number) => Object.fromEntries(OVERVIEW_FIELDS.map((field) => [field, byField[field](row)])) as ProgressFormulas };
  });
  const overallFormula = fillDown((row) => worstFormula(statusRange(row)));
  unitRowsInto(sheet, g, units.length, last, (i) => {
    const u = units[i];
    const progress = fig.report.units[i];
    const row = unitRow(i);
    const cells = rowOf(last);
    unitCells(cells, u, true);
    if (nameCol < nameWidth(units)) cells[QUOTA_COL.name - 1] = text(u.name, 'wrapText');
    for (const { key, at } of rowFormulas) {
      const p = progress.indicators[key];
      const gap = p.rate === null ? null : (p.rate - fig.expected) * 100;
      progressCells(
        cells,
        shape,
        key,
        at(row),
        { annual: p.annual ?? '—', cumulative: p.cumulative, rate: p.rate, gap, status: p.status },
        fig.expected,
        'text',
      );
    }
    cells[OVERVIEW_OVERALL_COL - 1] = formula(overallFormula(row), STATUS_LABELS[progress.status], 'text');
    return cells;
  });
  if (units.length > 0) sheet.filledDown.push(rangeAddress(FIRST_UNIT_ROW, OVERVIEW_OVERALL_COL, t - 1, last));

  for (const ind of indicators) {
    const from = overviewColumn(shape, ind.key, 'rate');
    const statusCol = overviewColumn(shape, ind.key, 'status');
    statusFormats(sheet, rangeAddress(FIRST_UNIT_ROW, from, t, statusCol), `$${columnLetter(statusCol)}${FIRST_UNIT_ROW}`);
  }
  const overall = cellAddress(FIRST_UNIT_ROW, OVERVIEW_OVERALL_COL);
  statusFormats(sheet, rangeAddress(FIRST_UNIT_ROW, OVERVIEW_OVERALL_COL, t, OVERVIEW_OVERALL_COL), overall);
  // As many whole indicators per page as fit at a legible size (MIN_PRINT_PT), 序号…总体状态 and the title rows
  // repeated on every page; with the capped name column two indicators fit beside them (was one a page).
  sheet.print = printColumns(
    'landscape',
    { widths, titleColumns: OVERVIEW_OVERALL_COL, groupStarts: indicators.map((i) => overviewColumn(shape, i.key, OVERVIEW_FIELDS[0])) },
    '1:3',
  );
  return sheet;
}

/** Columns of the unit rows of a master sheet, absolute, e.g. '任务分配'!$C$4:$C$182. */
function unitColumnRange(sheet: string, col: number, unitCount: number, toCol = col): string {
  const row = (r: number, c: number) => `$${columnLetter(c)}$${r}`;
  return `${sheetRef(sheet)}!${row(FIRST_UNIT_ROW, col)}:${row(totalRow(unitCount) - 1, toCol)}`;
}

/** The 当月完成 column of the indicator sheet for 截至月份 (use only when 截至月份 ≥ 1). */
function monthlyColumnOfMonth(shape: MasterShape, key: IndicatorKey, unitCount: number, month: string): string {
  const all = unitColumnRange(ledgerSheet(shape, key), ledgerColumn(1, 'monthly'), unitCount, ledgerColumn(12, 'cumulative'));
  return `INDEX(${all},0,2*${month}-1)`;
}

/** The summary sheet's own 截至月份 and 应达进度 cells (row 2), which its formulas read. */
const SUMMARY_MONTH = '$B$2';
const SUMMARY_EXPECTED = '$D$2';

/**
 * 全省汇总: the province's own figures, all formulas (SUMIFS/COUNTIFS by the 类别 of 任务分配, whose rows are the
 * rows of every unit sheet). Sums of a group are blank when no unit of the group has a value, as in the core.
 */
function provinceSheet(model: MasterModel, shape: MasterShape, fig: Figures): SheetSpec {
  const n = model.table.units.length;
  const { indicators, categories } = model.table;
  const rows = provinceRows(shape);
  const widths = [22, 12, 12, 12, 11, 10, 11, 8];
  const sheet = baseSheet(summarySheetName(shape), widths, 0);
  sheet.freeze = { rows: 0, columns: 0 };
  sheet.rowHeights = {};
  const g = new Grid();
  const M = SUMMARY_MONTH;
  g.set(1, 1, text(`${model.table.year}年度“人人持证、技能河南”建设工作任务进度 ${summarySheetName(shape)}（${model.table.keeper}）`, 'title'));
  sheet.merges.push('A1:H1');
  g.set(2, 1, text('截至月份', 'label'));
  g.set(2, 2, formula(REF.month, model.month, 'label', MONTH_FMT));
  g.set(2, 3, text('应达进度', 'label'));
  g.set(2, 4, formula(EXPECTED_F, fig.expected, 'label', PCT));
  g.set(2, 5, text('预警带宽', 'label'));
  g.set(2, 6, formula(REF.band, model.pace.band, 'label', PCT));
  g.set(3, 1, text(`各项为${shape.total}各单位之和（“—”不计入年度任务）；当月完成为各单位报送的当月完成之和。随“说明”中的截至月份变化。`, 'note'));

  const cat = unitColumnRange(SHEET.quota, QUOTA_COL.category, n);
  const ids = unitColumnRange(SHEET.quota, QUOTA_COL.id, n);
  const groups: Array<{ label: string; isProvince: boolean; figures: GroupSummary }> = [
    ...categories.map((c, i) => ({ label: c, isProvince: false, figures: fig.summary.categories[i] })),
    { label: shape.total, isProvince: true, figures: fig.summary.province },
  ];
  /** Sum of a column over a group, blank when the group has no number in it. */
  const groupSum = (range: string, isProvince: boolean, labelCell: string) => {
    if (isProvince) return `IF(COUNT(${range})=0,"",SUM(${range}))`;
    const count = `COUNTIFS(${cat},${labelCell},${range},">=0")+COUNTIFS(${cat},${labelCell},${range},"<0")`;
    return `IF(${count}=0,"",SUMIFS(${range},${cat},${labelCell}))`;
  };
  const L = STATUS_LABELS;
  /** One group's progress in an indicator; `dashWithout`: "—" as 年度任务 when the group has neither a quota nor a figure. */
  const progressRow = (row: number, key: IndicatorKey, group: (typeof groups)[number], style: StyleName, dashWithout: boolean) => {
    const { isProvince } = group;
    const label = `$A${row}`;
    const at = (f: Parameters<typeof provinceColumn>[0]) => cellAddress(row, provinceColumn(f));
    const annualRange = unitColumnRange(SHEET.quota, quotaColumn(shape, key), n);
    const cumRange = unitColumnRange(SHEET.overview, overviewColumn(shape, key, 'cumulative'), n);
    const numStyle: StyleName = style === 'total' ? 'total' : 'number';
    const p = group.figures.indicators[key];
    const sum = isProvince ? `SUM(${annualRange})` : `SUMIFS(${annualRange},${cat},${label})`;
    const dash = dashWithout && p.annual === 0 && p.cumulative === null;
    g.set(
      row,
      provinceColumn('annual'),
      formula(dashWithout ? `IF(AND(${sum}=0,NOT(ISNUMBER(${at('cumulative')}))),"—",${sum})` : sum, dash ? '—' : p.annual, numStyle, NUM),
    );
    g.set(
      row,
      provinceColumn('monthly'),
      formula(`IF(${M}<1,"",${groupSum(monthlyColumnOfMonth(shape, key, n, M), isProvince, label)})`, model.month < 1 ? '' : orBlank(p.monthly), numStyle, NUM),
    );
    g.set(row, provinceColumn('cumulative'), formula(groupSum(cumRange, isProvince, label), orBlank(p.cumulative), numStyle, NUM));
    const a = at('annual');
    const c = at('cumulative');
    const r = at('rate');
    const e = at('expected');
    g.set(row, provinceColumn('rate'), formula(rateFormula(a, c), orBlank(p.rate), numStyle, PCT));
    g.set(row, provinceColumn('expected'), formula(SUMMARY_EXPECTED, fig.expected, numStyle, PCT));
    g.set(row, provinceColumn('gap'), formula(gapFormula(r, e), orBlank(p.gap), numStyle, POINTS));
    g.set(row, provinceColumn('status'), formula(statusFormula(r, e), L[p.status], style === 'total' ? 'total' : 'text'));
  };
  const progressHeaders = (row: number, first: string) => {
    sheet.rowHeights[row] = 30;
    [first, '年度任务', '当月完成', '累计已完成', '累计完成率', '应达进度', '差距（百分点）', '状态'].forEach((h, i) => g.set(row, i + 1, text(h, 'header')));
  };
  const statusColumn = columnLetter(provinceColumn('status'));
  const colorRows = (from: number, to: number) =>
    statusFormats(sheet, rangeAddress(from, provinceColumn('rate'), to, provinceColumn('status')), `$${statusColumn}${from}`);

  // 一、the keeper's own figures in the 附件2 form.
  g.set(rows.formHeader - 1, 1, text(`一、${shape.total}（附件2口径）`, 'label'));
  progressHeaders(rows.formHeader, '指标');
  const provinceGroup = groups[groups.length - 1];
  for (const ind of indicators) {
    const row = provinceFormRow(shape, ind.key);
    g.set(row, 1, text(labelWithUnit(ind), 'text'));
    progressRow(row, ind.key, provinceGroup, 'text', false);
  }
  colorRows(provinceFormRow(shape, indicators[0].key), provinceFormRow(shape, indicators[indicators.length - 1].key));

  // 二、units, reports and alerts by category.
  g.set(rows.countsHeader - 1, 1, text('二、报送与预警（按类别）', 'label'));
  ['单位类别', '单位数', '当月已报', '当月未报', '总体滞后', '总体预警'].forEach((h, i) => g.set(rows.countsHeader, i + 1, text(h, 'header')));
  const reportsOfMonth = `INDEX(${unitColumnRange(SHEET.reports, reportsMonthColumn(1), n, reportsMonthColumn(12))},0,${M})`;
  const overall = unitColumnRange(SHEET.overview, OVERVIEW_OVERALL_COL, n);
  groups.forEach(({ label, isProvince, figures }, i) => {
    const row = provinceCountRow(shape, i);
    const style: StyleName = isProvince ? 'total' : 'number';
    const l = `$A${row}`;
    const at = (f: Parameters<typeof provinceCountColumn>[0]) => cellAddress(row, provinceCountColumn(f));
    g.set(row, 1, text(label, isProvince ? 'total' : 'text'));
    const countBy = (range: string, value: string) => (isProvince ? `COUNTIF(${range},${value})` : `COUNTIFS(${cat},${l},${range},${value})`);
    g.set(row, provinceCountColumn('unitCount'), formula(isProvince ? `COUNT(${ids})` : `COUNTIF(${cat},${l})`, figures.unitCount, style, '0'));
    g.set(row, provinceCountColumn('reported'), formula(`IF(${M}<1,0,${countBy(reportsOfMonth, '"已报"')})`, figures.reported, style, '0'));
    g.set(row, provinceCountColumn('missing'), formula(`IF(${M}<1,0,${at('unitCount')}-${at('reported')})`, figures.missing, style, '0'));
    g.set(row, provinceCountColumn('red'), formula(countBy(overall, `"${L.red}"`), figures.red, style, '0'));
    g.set(row, provinceCountColumn('amber'), formula(countBy(overall, `"${L.amber}"`), figures.amber, style, '0'));
  });

  // 三、each indicator by category.
  g.set(rows.blocksFirst - 1, 1, text('三、分类进度', 'label'));
  const blocks: Array<{ first: number; last: number }> = [
    { first: 1, last: provinceFormRow(shape, indicators[indicators.length - 1].key) },
    { first: rows.countsHeader - 1, last: provinceCountRow(shape, categories.length) },
  ];
  for (const ind of indicators) {
    const first = provinceBlockRow(shape, ind.key, 0);
    g.set(first - 2, 1, text(labelWithUnit(ind), 'groupHeader'));
    for (let c = 2; c <= provinceColumn('status'); c++) g.set(first - 2, c, text('', 'groupHeader'));
    sheet.merges.push(rangeAddress(first - 2, 1, first - 2, provinceColumn('status')));
    progressHeaders(first - 1, '单位类别');
    groups.forEach((group, i) => {
      const row = provinceBlockRow(shape, ind.key, i);
      g.set(row, 1, text(group.label, group.isProvince ? 'total' : 'text'));
      progressRow(row, ind.key, group, group.isProvince ? 'total' : 'text', true);
    });
    colorRows(first, provinceBlockRow(shape, ind.key, categories.length));
    // The section's title goes with its first block.
    blocks.push({ first: ind === indicators[0] ? first - 3 : first - 2, last: provinceBlockRow(shape, ind.key, categories.length) });
  }

  // 四、the chart of completion by category: its data (references to 三, blank where 三 is blank), then the chart.
  const chart = provinceChartRows(shape);
  g.set(chart.label, 1, text('四、各类别累计完成率与应达进度（图表数据，取自三）', 'label'));
  sheet.rowHeights[chart.header] = 30;
  g.set(chart.header, 1, { style: 'header' }); // empty top-left: the first row names the series, column A the categories
  for (const ind of indicators) g.set(chart.header, provinceChartColumn(shape, ind.key), text(ind.shortLabel, 'header'));
  g.set(chart.header, provinceChartColumn(shape, 'expected'), text('应达进度', 'header'));
  const ifNumber = (cell: string) => `IF(ISNUMBER(${cell}),${cell},"")`;
  groups.forEach(({ label, isProvince, figures }, i) => {
    const row = chart.first + i;
    const style: StyleName = isProvince ? 'total' : 'number';
    g.set(row, 1, text(label, isProvince ? 'total' : 'text'));
    for (const ind of indicators) {
      const rate = cellAddress(provinceBlockRow(shape, ind.key, i), provinceColumn('rate'));
      g.set(row, provinceChartColumn(shape, ind.key), formula(ifNumber(rate), orBlank(figures.indicators[ind.key].rate), style, PCT));
    }
    const expected = cellAddress(provinceBlockRow(shape, indicators[0].key, i), provinceColumn('expected'));
    g.set(row, provinceChartColumn(shape, 'expected'), formula(ifNumber(expected), fig.expected, style, PCT));
  });
  const source = rangeAddress(chart.header, 1, chart.last, provinceChartColumn(shape, 'expected'));
  // Under the chart (visible where no chart could be written: files made by the CLI or the standalone page).
  g.set(chart.chartTop, 1, text(`选中 ${source} 插入“簇状条形图”即得各类别完成率图（Excel 加载项新建的主表已在此放好图表）。`, 'note'));
  sheet.charts.push({
    name: '各类别累计完成率',
    type: 'barClustered',
    title: '各类别累计完成率与应达进度',
    source,
    seriesBy: 'columns',
    position: { from: cellAddress(chart.chartTop, 1), to: cellAddress(chart.chartBottom, provinceColumn('status')) },
  });
  // The chart's heading, its data and the chart print on one page.
  blocks.push({ first: chart.label, last: chart.chartBottom });
  // Landscape: the columns take about four fifths of the width at full size, so 差距 and 状态 stay on the page in
  // every program (each measures characters a little differently); a fixed scale, as page breaks keep blocks whole.
  const scale = scaleToWidth('landscape', widths);
  sheet.print = {
    orientation: 'landscape',
    paper: 'A4',
    fitToWidth: false,
    scale,
    rowBreaks: blockRowBreaks(blocks, sheet.rowHeights, printableHeight('landscape') / (scale / 100), DEFAULT_ROW_PT),
  };
  g.into(sheet);
  return sheet;
}

/** Typed ledger cells: any number in 当月完成 (negative = a correction), at least 0 in 累计已完成. */
const LEDGER_LIMIT = 999_999_999;

function indicatorSheet(model: MasterModel, shape: MasterShape, key: IndicatorKey): SheetSpec {
  const { units } = model.table;
  const ind = model.table.indicators.find((i) => i.key === key)!;
  const widths = [6, nameWidth(units), ...MONTHS.flatMap(() => [9, 10])];
  const sheet = baseSheet(ledgerSheet(shape, key), widths, 2);
  const g = new Grid();
  g.set(1, 1, text(`${model.table.year}年度 ${labelWithUnit(ind)}月度台账`, 'title'));
  g.set(2, 1, text('序号', 'header'));
  g.set(2, 2, text('单位名称', 'header'));
  g.set(3, 1, text('', 'header'));
  g.set(3, 2, text('', 'header'));
  sheet.merges.push('A2:A3', 'B2:B3');
  for (const m of MONTHS) {
    const c = ledgerColumn(m, 'monthly');
    g.set(2, c, { value: m, style: 'groupHeader', numFmt: MONTH_FMT });
    g.set(2, c + 1, text('', 'groupHeader'));
    sheet.merges.push(rangeAddress(2, c, 2, c + 1));
    g.set(3, c, text('当月完成', 'header'));
    g.set(3, c + 1, text('累计已完成', 'header'));
  }
  const first = ledgerColumn(1, 'monthly');
  const lastCol = ledgerColumn(12, 'cumulative');
  const t = totalRow(units.length);
  g.set(t, 1, text('合计', 'total'));
  g.set(t, 2, text('（已报单位之和）', 'total'));
  const sums = ledgerSums(model.ledger, units, key);
  for (let c = first; c <= lastCol; c++) {
    const col = columnLetter(c);
    g.set(t, c, formula(`SUM(${col}${FIRST_UNIT_ROW}:${col}${t - 1})`, sums[c - first], 'total', NUM));
  }
  unitRowsInto(sheet, g, units.length, lastCol, (i) => {
    const u = units[i];
    const cells = rowOf(lastCol);
    unitCells(cells, u, false);
    for (const m of MONTHS) {
      const e = getEntry(model.ledger, u.id, key, m);
      cells[ledgerColumn(m, 'monthly') - 1] = num(e?.monthly ?? null);
      cells[ledgerColumn(m, 'cumulative') - 1] = num(e?.cumulative ?? null);
    }
    return cells;
  });
  if (units.length > 0) {
    const lastUnit = t - 1;
    const columns = (field: 'monthly' | 'cumulative') =>
      MONTHS.map((m) => rangeAddress(FIRST_UNIT_ROW, ledgerColumn(m, field), lastUnit, ledgerColumn(m, field))).join(' ');
    sheet.validations.push(
      {
        range: columns('monthly'),
        type: 'decimal',
        min: -LEDGER_LIMIT,
        max: LEDGER_LIMIT,
        error: '当月完成须为数字（更正以前月份多报的数可填负数），不要填写文字或单位（如“人”）。',
      },
      { range: columns('cumulative'), type: 'decimal', min: 0, max: LEDGER_LIMIT, error: '累计已完成须为不小于 0 的数字，不要填写文字或单位（如“人”）。' },
    );
    // Typed text ("17000人") is not counted by any formula: marked so nobody takes it for a figure.
    const topLeft = cellAddress(FIRST_UNIT_ROW, first);
    sheet.conditionalFormats.push({
      range: rangeAddress(FIRST_UNIT_ROW, first, lastUnit, lastCol),
      formula: `AND(NOT(ISBLANK(${topLeft})),NOT(ISNUMBER(${topLeft})))`,
      color: 'invalid',
    });
  }
  sheet.print = printColumns('landscape', { widths, titleColumns: 2, groupStarts: MONTHS.map((m) => ledgerColumn(m, 'monthly')) }, '1:3');
  return sheet;
}

/** Sums of every ledger column (当月, 累计 of months 1–12) over the units, as the total row's SUMs give them. */
function ledgerSums(ledger: Ledger, units: readonly Unit[], key: IndicatorKey): number[] {
  const sums = new Array<number>(24).fill(0);
  for (const u of units) {
    const row = ledger.get(u.id)?.[key];
    if (!row) continue;
    row.forEach((e, m) => {
      if (!e) return;
      sums[2 * m] += e.monthly ?? 0;
      sums[2 * m + 1] += e.cumulative ?? 0;
    });
  }
  return sums;
}

function reportsSheet(model: MasterModel, shape: MasterShape, fig: Figures): SheetSpec {
  const { units } = model.table;
  const widths = [6, nameWidth(units), 14, ...MONTHS.map(() => 6), 10];
  const sheet = baseSheet(SHEET.reports, widths, 3);
  const g = new Grid();
  g.set(1, 1, text(`${model.table.year}年度 月报报送情况（“已报”：该月台账有数据；“未报”：截至月份内未报）`, 'title'));
  ['序号', '单位名称', '类别'].forEach((h, i) => g.set(3, i + 1, text(h, 'header')));
  for (const m of MONTHS) g.set(3, reportsMonthColumn(m), { value: m, style: 'header', numFmt: MONTH_FMT });
  g.set(3, REPORTS_COUNT_COL, text('已报月数', 'header'));
  const t = totalRow(units.length);
  g.set(t, 1, text('合计', 'total'));
  g.set(t, 2, text('已报单位数', 'total'));
  g.set(t, 3, text('', 'total'));
  for (const m of MONTHS) {
    const col = columnLetter(reportsMonthColumn(m));
    const count = fig.report.units.filter((u) => u.reported.includes(m)).length;
    g.set(t, reportsMonthColumn(m), formula(`COUNTIF(${col}${FIRST_UNIT_ROW}:${col}${t - 1},"已报")`, count, 'total', '0'));
  }
  const ledgerRefs = model.table.indicators.map((ind) => sheetRef(ledgerSheet(shape, ind.key)));
  const monthFormulas = MONTHS.map((m) =>
    fillDown((row) => {
      const pairs = ledgerRefs.map((ref) => `${ref}!${rangeAddress(row, ledgerColumn(m, 'monthly'), row, ledgerColumn(m, 'cumulative'))}`);
      const head = `${columnLetter(reportsMonthColumn(m))}$3`;
      return `IF(COUNT(${pairs.join(',')})>0,"已报",IF(${head}<=${REF.month},"未报",""))`;
    }),
  );
  const countFormula = fillDown((row) => `COUNTIF(${rangeAddress(row, reportsMonthColumn(1), row, reportsMonthColumn(12))},"已报")`);
  unitRowsInto(sheet, g, units.length, REPORTS_COUNT_COL, (i) => {
    const row = unitRow(i);
    const cells = rowOf(REPORTS_COUNT_COL);
    unitCells(cells, units[i], true);
    const reported = fig.report.units[i].reported;
    for (const m of MONTHS) {
      const result = reported.includes(m) ? '已报' : m <= model.month ? '未报' : '';
      cells[reportsMonthColumn(m) - 1] = formula(monthFormulas[m - 1](row), result, 'text');
    }
    cells[REPORTS_COUNT_COL - 1] = formula(countFormula(row), reported.length, 'number', '0');
    return cells;
  });
  if (units.length > 0) sheet.filledDown.push(rangeAddress(FIRST_UNIT_ROW, reportsMonthColumn(1), t - 1, REPORTS_COUNT_COL));
  const range = rangeAddress(FIRST_UNIT_ROW, reportsMonthColumn(1), t - 1, reportsMonthColumn(12));
  const first = cellAddress(FIRST_UNIT_ROW, reportsMonthColumn(1));
  sheet.conditionalFormats.push({ range, formula: `${first}="未报"`, color: 'red' }, { range, formula: `${first}="已报"`, color: 'ok' });
  sheet.print = printColumns('landscape', { widths, titleColumns: 3, groupStarts: [reportsMonthColumn(1), reportsMonthColumn(7)] }, '1:3');
  return sheet;
}

function tableSheet(name: string, title: string, headers: readonly string[], widths: number[], body: Array<Array<CellSpec | null>>): SheetSpec {
  const sheet = baseSheet(name, widths, 0);
  const g = new Grid();
  g.set(1, 1, text(title, 'title'));
  headers.forEach((h, i) => g.set(3, i + 1, text(h, 'header')));
  body.forEach((cells, r) => cells.forEach((c, k) => c && g.set(FIRST_UNIT_ROW + r, k + 1, c)));
  g.into(sheet);
  return sheet;
}

/** 合并日志's columns: 文件, 工作表, 单位, 结果 and 说明 wrap so that printed messages are whole. */
const LOG_WIDTHS = [17, 6, 5, 30, 12, 10, 5, 16, 12, 50];
const LOG_WRAPPED = new Set([4, 5, 8, 9, 10]);

function logSheet(model: MasterModel): SheetSpec {
  const body = model.log.map((row) =>
    row.map((v, k) => (v === null ? null : { value: v, style: (LOG_WRAPPED.has(k + 1) ? 'wrapText' : 'text') as StyleName })),
  );
  const sheet = tableSheet(SHEET.log, '合并日志（每次合并、撤销追加一行或多行，请勿删改）', LOG_HEADERS, LOG_WIDTHS, body);
  sheet.print = printColumns('landscape', { widths: LOG_WIDTHS, titleColumns: 0, groupStarts: [] }, '1:3');
  return sheet;
}

function aliasSheet(model: MasterModel): SheetSpec {
  const names = new Map(model.table.units.map((u) => [u.id, u.name]));
  const body = model.aliases.map((a) => [text(a.alias), num(a.unitId, 'text', '0'), text(names.get(a.unitId) ?? ''), text(a.note)]);
  const widths = [40, 8, nameWidth(model.table.units), 30];
  const sheet = tableSheet(SHEET.aliases, '别名表：报表上单位名称的其他写法 → 序号（可自行增加行）', ALIAS_HEADERS, widths, body);
  const g = new Grid();
  for (let r = 1; r <= sheet.rowCount; r++) sheet.row(r).forEach((c, k) => c && g.set(r, k + 1, c));
  g.set(2, 1, text('在 A 列填写报表上出现的写法，B 列填写任务分配表中的序号；合并时据此识别单位。', 'note'));
  g.into(sheet);
  return sheet;
}

function configSheet(model: MasterModel, shape: MasterShape): SheetSpec {
  const sheet = baseSheet(SHEET.config, [16, 40, 4, 10, 24, 10, 12, 16, 4, 18, 4, 20, 16], 0);
  sheet.visibility = 'hidden';
  sheet.freeze = { rows: 1, columns: 0 };
  sheet.rowHeights = {};
  sheet.print = { orientation: 'portrait', paper: 'A4', fitToWidth: true };
  const g = new Grid();
  g.set(1, 1, text('项目', 'header'));
  g.set(1, 2, text('值', 'header'));
  g.set(CONFIG_ROWS.schema, 1, text(CONFIG_KEYS.schema));
  g.set(CONFIG_ROWS.schema, 2, num(SCHEMA_VERSION, 'number', '0'));
  g.set(CONFIG_ROWS.year, 1, text(CONFIG_KEYS.year));
  g.set(CONFIG_ROWS.year, 2, num(model.table.year, 'number', '0'));
  g.set(CONFIG_ROWS.band, 1, text(CONFIG_KEYS.band));
  g.set(CONFIG_ROWS.band, 2, num(model.pace.band, 'number', PCT));
  model.pace.curve.forEach((v, i) => {
    g.set(CONFIG_ROWS.paceFirst + i, 1, text(`${CONFIG_KEYS.pace}${i + 1}月`));
    g.set(CONFIG_ROWS.paceFirst + i, 2, num(v, 'number', PCT));
  });
  g.set(CONFIG_ROWS.source, 1, text(CONFIG_KEYS.source));
  g.set(CONFIG_ROWS.source, 2, text(model.table.source));
  masterSheets(shape).forEach((name, i) => {
    g.set(CONFIG_ROWS.ownedSheetsFirst + i, 1, text(CONFIG_KEYS.ownedSheet));
    g.set(CONFIG_ROWS.ownedSheetsFirst + i, 2, text(name));
  });
  const T = CONFIG_TABLE;
  T.indicatorHeaders.forEach((h, k) => g.set(1, T.indicatorCol + k, text(h, 'header')));
  model.table.indicators.forEach((ind, i) =>
    [ind.key, ind.label, ind.unit, ind.parent ?? '', ind.shortLabel].forEach((v, k) => g.set(T.indicatorFirstRow + i, T.indicatorCol + k, text(v))),
  );
  g.set(1, T.categoryCol, text(T.categoryHeader, 'header'));
  model.table.categories.forEach((c, i) => g.set(T.valueRow + i, T.categoryCol, text(c)));
  g.set(1, T.keeperCol, text(T.keeperHeader, 'header'));
  g.set(T.valueRow, T.keeperCol, text(model.table.keeper));
  g.set(1, T.reportsAsCol, text(T.reportsAsHeader, 'header'));
  g.set(T.valueRow, T.reportsAsCol, text(model.table.reportsAs));
  g.into(sheet);
  return sheet;
}

function undoSheet(model: MasterModel): SheetSpec {
  const sheet = baseSheet(SHEET.undo, [6, 20, 6, 6, 60], 0);
  sheet.visibility = 'hidden';
  sheet.freeze = { rows: 1, columns: 0 };
  sheet.rowHeights = {};
  sheet.print = { orientation: 'portrait', paper: 'A4', fitToWidth: true };
  const g = new Grid();
  UNDO_HEADERS.forEach((h, i) => g.set(1, i + 1, text(h, 'header')));
  model.undoStack.forEach((u, i) => undoRowValues(i + 1, u.time, u.record).forEach((v, k) => g.set(UNDO_FIRST_ROW + i, k + 1, { value: v })));
  g.into(sheet);
  return sheet;
}

/** The whole master workbook as data: the single description every adapter renders. */
export function masterSpec(model: MasterModel): WorkbookSpec {
  const shape = shapeOf(model.table);
  const fig = figuresOf(model);
  const byName: Record<string, SheetSpec> = {
    [SHEET.readme]: readmeSheet(model, shape, fig),
    [SHEET.overview]: overviewSheet(model, shape, fig),
    [summarySheetName(shape)]: provinceSheet(model, shape, fig),
    [SHEET.quota]: quotaSheet(model, shape),
    [SHEET.reports]: reportsSheet(model, shape, fig),
    [SHEET.log]: logSheet(model),
    [SHEET.aliases]: aliasSheet(model),
    [SHEET.config]: configSheet(model, shape),
    [SHEET.undo]: undoSheet(model),
  };
  for (const ind of model.table.indicators) byName[ledgerSheet(shape, ind.key)] = indicatorSheet(model, shape, ind.key);
  return { sheets: masterSheets(shape).map((name) => byName[name]) };
}
