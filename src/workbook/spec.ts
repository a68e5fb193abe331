/**
 * A workbook described as plain data. The master layout produces one; each adapter (files via
 * ExcelJS, Excel via Office.js) renders the same description.
 */
export type CellValue = string | number | boolean | null;

export type StyleName =
  | 'title'
  | 'header'
  | 'groupHeader'
  | 'label'
  | 'text'
  | 'number'
  | 'total'
  | 'input'
  | 'note'
  | 'noteWrap'
  | 'wrapText'
  | 'legendOk'
  | 'legendAmber'
  | 'legendRed'
  | 'legendNone'
  | 'legendInvalid';

export interface CellSpec {
  /** A literal value; text is always written as text, never parsed as a formula. */
  value?: CellValue;
  /** A formula without the leading "=", English function names, comma separators. */
  formula?: string;
  /**
   * The formula's result as the core computes it, written as the cell's cached value so that programs that do not
   * calculate (Excel's Protected View, previews, pandas) show it; null or absent: none. "" is an empty text result.
   */
  result?: CellValue;
  style?: StyleName;
  numFmt?: string;
}

export type StatusColor = 'ok' | 'amber' | 'red';
/** Colours of conditional formats: the statuses, and the mark of a typed ledger cell that is not a number. */
export type MarkColor = StatusColor | 'invalid';

export interface ConditionalFormatSpec {
  /** A1 range on the sheet. */
  range: string;
  /** Formula relative to the top-left cell of the range, without "=". */
  formula: string;
  color: MarkColor;
}

export interface ValidationSpec {
  /** A1 range, or several separated by spaces (as OOXML's sqref). */
  range: string;
  type: 'whole' | 'decimal';
  min: number;
  max: number;
  /** Shown when the cell is selected; none when absent (cells a coordinator types in by the hundred). */
  prompt?: string;
  error: string;
}

export interface PrintSpec {
  orientation: 'landscape' | 'portrait';
  paper: 'A4';
  /**
   * Fit the printed columns to one page wide (the rows run on over as many pages as they need). Programs ignore
   * manual page breaks when fitting: sheets with breaks print at `scale` instead.
   */
  fitToWidth: boolean;
  /** Percent of the normal size, when not fitting to width. */
  scale?: number;
  /** Rows repeated on every printed page, e.g. "1:3". */
  titleRows?: string;
  /** Columns repeated on every printed page, e.g. "A:D". */
  titleColumns?: string;
  /** A new page starts at each of these rows (1-based). */
  rowBreaks?: number[];
  /** A new page starts at each of these columns (1-based). */
  columnBreaks?: number[];
}

/**
 * A native chart over a range of its own sheet, as data. The Office.js adapter creates it (Excel's chart
 * object, ExcelApi 1.1); the file adapter cannot write charts (ExcelJS) and writes only the source cells.
 */
export interface ChartSpec {
  /** The chart object's name (for finding it later), unique on its sheet. */
  name: string;
  /** Clustered horizontal bars, or clustered vertical columns. */
  type: 'barClustered' | 'columnClustered';
  title: string;
  /**
   * A1 range on the same sheet: the first row names the series, the first column labels the categories, and
   * the top-left cell is left empty so every spreadsheet application reads them so.
   */
  source: string;
  /** Whether each column (after the first) or each row (after the first) of the source is a series. */
  seriesBy: 'columns' | 'rows';
  /** The cells the chart covers: its top-left and bottom-right cells (A1, same sheet). */
  position: { from: string; to: string };
}

export interface SheetSpec {
  name: string;
  visibility: 'visible' | 'hidden';
  tabColor?: string;
  /** Column widths in characters of the default font, from column A. */
  columnWidths: number[];
  /** Row heights in points, by 1-based row; rows not listed keep the default. */
  rowHeights: Record<number, number>;
  /** The number of rows from row 1 (rows after it are empty). */
  rowCount: number;
  /** The number of columns from A (no row has a cell further right). */
  columnCount: number;
  /**
   * The cells of row r (1-based), dense from column A (null = empty), built when asked: adapters write a sheet row
   * by row, so a large master is never held whole as cells. Each call builds the row again.
   */
  row(r: number): ReadonlyArray<CellSpec | null>;
  /**
   * Ranges whose every column holds one formula filled down (relative references move with the row, as when a
   * formula is copied down): the file adapter writes each column of them as one shared formula.
   */
  filledDown: string[];
  merges: string[];
  freeze: { rows: number; columns: number };
  conditionalFormats: ConditionalFormatSpec[];
  validations: ValidationSpec[];
  print: PrintSpec;
  /** Charts drawn after the sheet's cells exist; [] for most sheets. */
  charts: ChartSpec[];
}

export interface WorkbookSpec {
  sheets: SheetSpec[];
}

/**
 * The master's font, named in every style: a style without a font name falls back to a serif font when printed.
 * 等线 (DengXian) is the default font of Chinese Excel since 2016 and is bundled with WPS; programs without it
 * substitute their own CJK sans-serif font.
 */
export const FONT = { name: '等线', size: 11, family: 2, charset: 134 } as const;

/** Every printed page's footer: its number and the count (Excel's header/footer codes). */
export const PAGE_FOOTER = '第 &P 页，共 &N 页';

export interface StyleDef {
  bold?: boolean;
  size?: number;
  color?: string;
  fill?: string;
  hAlign?: 'left' | 'center' | 'right';
  wrap?: boolean;
  border?: boolean;
}

/** RGB hex colours (no '#'). Status pairs meet WCAG AA contrast (test/taskpane/contrast.test.ts). */
export const STATUS_COLORS: Record<StatusColor, { fill: string; font: string }> = {
  ok: { fill: 'C6EFCE', font: '006100' },
  amber: { fill: 'FFEB9C', font: '7A4500' },
  red: { fill: 'FFC7CE', font: '9C0006' },
};

/** Every conditional format's colours: the statuses, and purple for "not a number" (no status uses it). */
export const MARK_COLORS: Record<MarkColor, { fill: string; font: string }> = {
  ...STATUS_COLORS,
  invalid: { fill: 'E4D4F4', font: '5B2A86' },
};

export const STYLES: Record<StyleName, StyleDef> = {
  title: { bold: true, size: 14 },
  header: { bold: true, fill: 'DDEBF7', hAlign: 'center', wrap: true, border: true },
  groupHeader: { bold: true, fill: 'BDD7EE', hAlign: 'center', border: true },
  label: { bold: true },
  text: { border: true },
  number: { border: true, hAlign: 'right' },
  total: { bold: true, fill: 'F2F2F2', border: true },
  input: { fill: 'FFF2CC', border: true, bold: true },
  note: { color: '595959', wrap: false },
  noteWrap: { color: '595959', wrap: true },
  wrapText: { border: true, wrap: true },
  legendOk: { fill: STATUS_COLORS.ok.fill, color: STATUS_COLORS.ok.font, border: true },
  legendAmber: { fill: STATUS_COLORS.amber.fill, color: STATUS_COLORS.amber.font, border: true },
  legendRed: { fill: STATUS_COLORS.red.fill, color: STATUS_COLORS.red.font, border: true },
  legendNone: { border: true },
  legendInvalid: { fill: MARK_COLORS.invalid.fill, color: MARK_COLORS.invalid.font, border: true },
};

/** Every row of a sheet, built at once (tests, small sheets): adapters that can go row by row use sheet.row(r). */
export function sheetRows(sheet: SheetSpec): Array<ReadonlyArray<CellSpec | null>> {
  return Array.from({ length: sheet.rowCount }, (_, i) => sheet.row(i + 1));
}

/** The cell at a 1-based row and column of a sheet, null when empty. */
export function specCell(sheet: SheetSpec, row: number, col: number): CellSpec | null {
  return row >= 1 && row <= sheet.rowCount ? (sheet.row(row)[col - 1] ?? null) : null;
}

/** Every formula a spec writes, with where it is: for the portability whitelist. */
export function specFormulas(spec: WorkbookSpec): Array<{ sheet: string; formula: string }> {
  const out: Array<{ sheet: string; formula: string }> = [];
  for (const sheet of spec.sheets) {
    for (let r = 1; r <= sheet.rowCount; r++) for (const cell of sheet.row(r)) if (cell?.formula) out.push({ sheet: sheet.name, formula: cell.formula });
    for (const cf of sheet.conditionalFormats) out.push({ sheet: sheet.name, formula: cf.formula });
  }
  return out;
}
