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
  | 'legendOk'
  | 'legendAmber'
  | 'legendRed'
  | 'legendNone';

export interface CellSpec {
  /** A literal value; text is always written as text, never parsed as a formula. */
  value?: CellValue;
  /** A formula without the leading "=", English function names, comma separators. */
  formula?: string;
  style?: StyleName;
  numFmt?: string;
}

export type StatusColor = 'ok' | 'amber' | 'red';

export interface ConditionalFormatSpec {
  /** A1 range on the sheet. */
  range: string;
  /** Formula relative to the top-left cell of the range, without "=". */
  formula: string;
  color: StatusColor;
}

export interface ValidationSpec {
  range: string;
  type: 'whole' | 'decimal';
  min: number;
  max: number;
  prompt: string;
  error: string;
}

export interface PrintSpec {
  orientation: 'landscape' | 'portrait';
  paper: 'A4';
  fitToWidth: boolean;
  /** Rows repeated on every printed page, e.g. "1:3". */
  titleRows?: string;
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
  /** Dense rows from A1; null = empty cell. */
  rows: Array<Array<CellSpec | null>>;
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

export interface StyleDef {
  bold?: boolean;
  size?: number;
  color?: string;
  fill?: string;
  hAlign?: 'left' | 'center' | 'right';
  wrap?: boolean;
  border?: boolean;
}

/** RGB hex colours (no '#'). Status pairs meet WCAG AA contrast (test/workbook/colors.test.ts). */
export const STATUS_COLORS: Record<StatusColor, { fill: string; font: string }> = {
  ok: { fill: 'C6EFCE', font: '006100' },
  amber: { fill: 'FFEB9C', font: '7A4500' },
  red: { fill: 'FFC7CE', font: '9C0006' },
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
  legendOk: { fill: STATUS_COLORS.ok.fill, color: STATUS_COLORS.ok.font, border: true },
  legendAmber: { fill: STATUS_COLORS.amber.fill, color: STATUS_COLORS.amber.font, border: true },
  legendRed: { fill: STATUS_COLORS.red.fill, color: STATUS_COLORS.red.font, border: true },
  legendNone: { border: true },
};

/** Every formula a spec writes, with where it is: for the portability whitelist. */
export function specFormulas(spec: WorkbookSpec): Array<{ sheet: string; formula: string }> {
  const out: Array<{ sheet: string; formula: string }> = [];
  for (const sheet of spec.sheets) {
    for (const row of sheet.rows) for (const cell of row) if (cell?.formula) out.push({ sheet: sheet.name, formula: cell.formula });
    for (const cf of sheet.conditionalFormats) out.push({ sheet: sheet.name, formula: cf.formula });
  }
  return out;
}
