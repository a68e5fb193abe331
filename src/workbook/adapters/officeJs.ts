import type { CellObject, WorkSheet } from 'xlsx';

import type { ApplyPatchesOptions, MasterAndForeign, MasterWorkbook } from '../adapter';
import { cellAddress, columnLetter, rangeAddress } from '../address';
import type { WorkbookGrids } from '../grids';
import type { SheetPatch } from '../patches';
import { CellSpec, CellValue, ChartSpec, FONT, MARK_COLORS, PAGE_FOOTER, STYLES, SheetSpec, StyleDef, StyleName, WorkbookSpec } from '../spec';

/**
 * The Office.js adapter: the master workbook inside Excel (the add-in), through the Excel JavaScript API.
 * It renders the same WorkbookSpec as the file adapter (xlsxRender.ts) and mirrors its choices: styles from
 * STYLES (thin BFBFBF borders, vertical centre with alignment or wrap, the named font), A4 fitted to the width or at
 * the spec's scale with its page breaks and print titles, frozen headers, custom-formula conditional formats with
 * MARK_COLORS, number validation. Cached results (CellSpec.result) are not written: Excel calculates.
 *
 * Batching (Excel on the web caps a request at 5 MB, and every sync is a round trip):
 * - render: one sync to list the sheets, then the work in chunks of at most `chunkBytes` (1 MB by default)
 *   of estimated request JSON, one sync per chunk, calculation suspended for each. Values and formulas go as
 *   one 2-D write per band of rows (a band is split only by the chunk size); styles as one RangeAreas per
 *   style (getRanges with many rectangles); merges, widths, conditional formats one command each; a sheet's
 *   charts (SheetSpec.charts) one command each, after that sheet's cells, in the same chunks (no sync of their own).
 * - readGrids: one sync to list the sheets, one for every sheet's size and first OWN_HEAD_ROWS rows (a
 *   province's master whole); larger sheets' further rows in bands of bounded response size, one sync per band group.
 * - applyPatches: one sync to check that the sheets exist, then one sync per chunk; cells are grouped into
 *   rectangles (runs of a row, stacked when consecutive rows span the same columns), one `values` write each.
 *   Given `knownSheets` (a read of the same operation listed them), no check sync: the first chunk starts by
 *   loading each patched sheet's name, so a sheet deleted in between fails that sync before anything is written.
 * - readForeignSheets: one sync to list, one to load values, formulas, number formats and value types of all
 *   the other sheets (each bounded to the report reader's 400 rows × 60 columns).
 * - readMasterAndForeign (a merge): one sync to list the sheets, one to load the master's values together with
 *   the size of each other sheet, then the other sheets' contents in chunks of at most `readChunkBytes`
 *   (2 MB by default) of estimated response: one sync for up to ~450 report forms.
 *
 * Text stays text: Excel reads "=…", "+…", "-…" and "@…" as formulas, and converts text that looks like a
 * number, date, time, percentage or boolean. Such text cells get number format "@" (Text) before the value
 * is written. A cell that has been given "@" keeps it: a number written there later would be stored as text
 * (the master never writes a number where it wrote such text).
 *
 * Requirement sets of what is used:
 * - ExcelApi 1.1: worksheets add/delete/position/visibility, getItem, getRange, values, formulas,
 *   numberFormat, valueTypes, format fill/font/alignment/wrapText/borders, getUsedRange; charts.add(type,
 *   sourceData, seriesBy), chart.name, chart.title.text, chart.setPosition(startCell, endCell).
 * - ExcelApi 1.2: format.columnWidth/rowHeight, range.merge, getUsedRange(valuesOnly), getBoundingRect,
 *   getIntersection.
 * - ExcelApi 1.6: conditional formats (custom rule.formula, format.fill/font), application
 *   .suspendApiCalculationUntilNextSync.
 * - ExcelApi 1.7: worksheet.tabColor, freezePanes (freezeRows/freezeColumns/freezeAt), getRangeByIndexes.
 * - ExcelApi 1.8: range.dataValidation.
 * - ExcelApi 1.9: worksheet.getRanges (RangeAreas), pageLayout (orientation, paperSize, zoom,
 *   setPrintTitleRows).
 * Reading (readGrids, readForeignSheets, readMasterAndForeign) needs only 1.2; render needs 1.9; applyPatches
 * needs 1.7; select 1.1. The one list of these, by operation:
 */
export const EXCEL_API_BY_OPERATION = { read: '1.2', applyPatches: '1.7', render: '1.9', select: '1.1' } as const;
/** The highest set used (render). The host checks each operation's set at run time (src/host/excelHost.ts). */
export const REQUIRED_API = `ExcelApi ${EXCEL_API_BY_OPERATION.render}`;

/** Estimated request bytes per sync: far below Excel on the web's 5 MB. */
export const DEFAULT_CHUNK_BYTES = 1_000_000;

/** Estimated response bytes per sync when reading other sheets' contents. */
export const DEFAULT_READ_CHUNK_BYTES = 2_000_000;

/**
 * Estimated response bytes per cell of a foreign sheet (values, formulas, number format and value type). A
 * 附件2 form measures ~56 bytes a cell in the fake's JSON (its long Chinese labels and note included).
 */
export const FOREIGN_CELL_BYTES = 64;

/** The part of a foreign sheet that is read: the report reader's bounds (src/reports/fileKind.ts LIMITS). */
export const FOREIGN_SHEET_LIMITS = { rows: 400, columns: 60 } as const;

/**
 * The master's own sheets are read in row bands so that no response nears 5 MB, whatever the number of units
 * or log rows: the first OWN_HEAD_ROWS rows and OWN_SHEET_MAX_COLUMNS columns of every sheet come with the first
 * read (a province's master fits whole), further rows in bands of at most the read budget. A wider sheet (the
 * undo record of a very large merge, or a stray cell far right) is read whole, in bands of its full width.
 */
export const OWN_HEAD_ROWS = 1200;
export const OWN_SHEET_MAX_COLUMNS = 100;
/**
 * Estimated response bytes per cell of the master's own sheets (values only): ledger cells measure ~5 bytes,
 * log cells ~10 in the fake's JSON; denser rows (undo records) are caught by halving on a too-large response.
 */
export const OWN_CELL_BYTES = 8;

/** Excel.run, or a test double with the same shape. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface OfficeJsWorkbookOptions {
  /** Estimated request JSON bytes per sync (default 1 MB). */
  chunkBytes?: number;
  /** Estimated response JSON bytes per sync when reading other sheets (default 2 MB). */
  readChunkBytes?: number;
}

export class OfficeJsWorkbookError extends Error {
  /** `nothingWritten`: refused before any write (a missing sheet, an invalid patch), so there is nothing to restore. */
  constructor(
    message: string,
    readonly nothingWritten = false,
  ) {
    super(message);
    this.name = 'OfficeJsWorkbookError';
  }
}

// ---------------------------------------------------------------------------------------------------------
// Small helpers

/** UTF-8 length of a string, as it travels in a request. */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const jsonBytes = (x: unknown) => utf8Length(JSON.stringify(x) ?? '');

/** A command's overhead in the request besides its data (object paths, ids, property names). */
const COMMAND_BYTES = 120;

/**
 * Whether Excel would not keep this text as it is when it is written to a General cell: a formula start
 * (= + - @), a quote prefix ('), an error literal (#…), TRUE/FALSE, or anything built from digits and the
 * characters of numbers, dates, times, percentages and currencies (half- or full-width).
 */
export function needsTextFormat(s: string): boolean {
  if (s === '') return false;
  if (/^[=+\-@'#＝＋－]/.test(s)) return true;
  const t = s.trim();
  if (/^(true|false)$/i.test(t)) return true;
  return /[0-9０-９]/.test(t) && /^[0-9０-９\s.,:/\-+%$¥￥€£()eE年月日时分秒号点AaPpMm．，：／－＋％（）]*$/.test(t);
}

/** Excel column width in points for a width in characters of the default font (7 px per character + 5 px padding). */
export function columnWidthPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

const hex = (rgb: string) => `#${rgb.toUpperCase()}`;
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

interface Rect {
  /** 1-based, inclusive. */
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

const rectA1 = (r: Rect) => (r.r1 === r.r2 && r.c1 === r.c2 ? cellAddress(r.r1, r.c1) : rangeAddress(r.r1, r.c1, r.r2, r.c2));

/**
 * Rectangles covering the cells `at(r, c)` marks with the same key: runs along each row, stacked when the
 * next row has a run over exactly the same columns.
 */
function rectangles<K>(rowCount: number, rowWidth: (r: number) => number, at: (r: number, c: number) => K | null): Array<{ key: K; rect: Rect }> {
  const out: Array<{ key: K; rect: Rect }> = [];
  let open = new Map<string, { key: K; rect: Rect }>();
  for (let r = 1; r <= rowCount; r++) {
    const next = new Map<string, { key: K; rect: Rect }>();
    const width = rowWidth(r);
    let c = 1;
    while (c <= width) {
      const k = at(r, c);
      if (k === null) {
        c++;
        continue;
      }
      let c2 = c;
      while (c2 + 1 <= width && at(r, c2 + 1) === k) c2++;
      const id = `${String(k)}|${c}|${c2}`;
      const prev = open.get(id);
      if (prev && prev.rect.r2 === r - 1) {
        prev.rect.r2 = r;
        next.set(id, prev);
      } else {
        const item = { key: k, rect: { r1: r, c1: c, r2: r, c2 } };
        out.push(item);
        next.set(id, item);
      }
      c = c2 + 1;
    }
    open = next;
  }
  return out;
}

/** A unit of work for one sync: its estimated request bytes and the proxy calls it queues. */
interface Command {
  bytes: number;
  apply: (session: Session) => void;
}

/** Proxies shared by the commands of one Excel.run. */
class Session {
  private readonly sheets = new Map<string, Excel.Worksheet>();
  constructor(readonly context: Excel.RequestContext) {}
  sheet(name: string): Excel.Worksheet {
    let ws = this.sheets.get(name);
    if (!ws) {
      ws = this.context.workbook.worksheets.getItem(name);
      this.sheets.set(name, ws);
    }
    return ws;
  }
  remember(name: string, ws: Excel.Worksheet): void {
    this.sheets.set(name, ws);
  }
}

/** Commands in order, cut into chunks of at most `budget` bytes (a larger single command goes alone). */
function chunk(commands: readonly Command[], budget: number): Command[][] {
  const chunks: Command[][] = [];
  let current: Command[] = [];
  let bytes = 0;
  for (const c of commands) {
    if (current.length > 0 && bytes + c.bytes > budget) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(c);
    bytes += c.bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

async function runChunks(session: Session, chunks: readonly Command[][], suspendCalculation: boolean): Promise<void> {
  for (const commands of chunks) {
    if (suspendCalculation) session.context.workbook.application.suspendApiCalculationUntilNextSync();
    for (const c of commands) c.apply(session);
    await session.context.sync();
  }
}

async function sheetNames(context: Excel.RequestContext): Promise<string[]> {
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name');
  await context.sync();
  return worksheets.items.map((w) => w.name);
}

// ---------------------------------------------------------------------------------------------------------
// render

type Input = string | number | boolean;

function cellInput(cell: CellSpec | null): { input: Input; numberFormat: string } {
  if (!cell) return { input: '', numberFormat: 'General' };
  const numberFormat = cell.numFmt ?? 'General';
  if (cell.formula !== undefined) return { input: `=${cell.formula}`, numberFormat: numberFormat === '@' ? 'General' : numberFormat };
  const v = cell.value;
  if (v === undefined || v === null) return { input: '', numberFormat };
  if (typeof v === 'string') return { input: v, numberFormat: needsTextFormat(v) ? '@' : numberFormat };
  return { input: v, numberFormat: numberFormat === '@' ? 'General' : numberFormat };
}

/** Values and formulas of a sheet: one numberFormat + formulas write per band of whole rows from A1. */
function contentCommands(spec: SheetSpec, budget: number): Command[] {
  const width = spec.columnCount;
  if (width === 0 || spec.rowCount === 0) return [];
  const commands: Command[] = [];
  let first = 0;
  let inputs: Input[][] = [];
  let formats: string[][] = [];
  let bytes = 0;
  const flush = () => {
    if (inputs.length === 0) return;
    const [start, rowsInputs, rowsFormats] = [first, inputs, formats];
    commands.push({
      bytes: bytes + 2 * COMMAND_BYTES,
      apply: (s) => {
        const range = s.sheet(spec.name).getRangeByIndexes(start, 0, rowsInputs.length, width);
        // Formats first: "@" must be in place before text that Excel would otherwise convert arrives.
        range.numberFormat = rowsFormats;
        range.formulas = rowsInputs;
      },
    });
    first += inputs.length;
    inputs = [];
    formats = [];
    bytes = 0;
  };
  for (let r = 1; r <= spec.rowCount; r++) {
    const row = spec.row(r);
    const cells = Array.from({ length: width }, (_, c) => cellInput(row[c] ?? null));
    const rowInputs = cells.map((x) => x.input);
    const rowFormats = cells.map((x) => x.numberFormat);
    const b = jsonBytes(rowInputs) + jsonBytes(rowFormats) + 2;
    if (inputs.length > 0 && bytes + b > budget - 2 * COMMAND_BYTES) flush();
    inputs.push(rowInputs);
    formats.push(rowFormats);
    bytes += b;
  }
  flush();
  return commands;
}

const BORDER_EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideHorizontal', 'InsideVertical'] as const;

function styleSetCount(def: StyleDef): number {
  let n = 1; // the font's name
  if (def.fill) n++;
  if (def.bold !== undefined) n++;
  if (def.size) n++;
  if (def.color) n++;
  if (def.hAlign || def.wrap) n += 3;
  if (def.border) n += 2 * BORDER_EDGES.length;
  return n;
}

function applyStyle(format: Excel.RangeFormat, def: StyleDef): void {
  format.font.name = FONT.name;
  if (def.fill) format.fill.color = hex(def.fill);
  if (def.bold !== undefined) format.font.bold = def.bold;
  if (def.size) format.font.size = def.size;
  if (def.color) format.font.color = hex(def.color);
  if (def.hAlign || def.wrap) {
    if (def.hAlign) format.horizontalAlignment = capitalize(def.hAlign) as Excel.HorizontalAlignment;
    format.verticalAlignment = 'Center' as Excel.VerticalAlignment;
    format.wrapText = def.wrap === true;
  }
  if (def.border) {
    for (const edge of BORDER_EDGES) {
      const b = format.borders.getItem(edge as Excel.BorderIndex);
      b.style = 'Continuous' as Excel.BorderLineStyle;
      b.color = '#BFBFBF';
    }
  }
}

/** Longest address list per getRanges call. */
const MAX_AREAS_ADDRESS = 2000;

/** Styles: one RangeAreas per style (and per ~2000 characters of addresses). */
function styleCommands(spec: SheetSpec): Command[] {
  const styles = Array.from({ length: spec.rowCount }, (_, i) => spec.row(i + 1).map((c) => c?.style ?? null));
  const rects = rectangles<StyleName>(
    styles.length,
    (r) => styles[r - 1].length,
    (r, c) => styles[r - 1][c - 1] ?? null,
  );
  const byStyle = new Map<StyleName, string[]>();
  for (const { key, rect } of rects) {
    const list = byStyle.get(key) ?? [];
    list.push(rectA1(rect));
    byStyle.set(key, list);
  }
  const commands: Command[] = [];
  for (const [style, addresses] of byStyle) {
    const def = STYLES[style];
    const sets = styleSetCount(def);
    if (sets === 0) continue;
    let group: string[] = [];
    let length = 0;
    const flush = () => {
      if (group.length === 0) return;
      const address = group.join(',');
      commands.push({
        bytes: utf8Length(address) + COMMAND_BYTES * (1 + sets),
        apply: (s) => applyStyle(s.sheet(spec.name).getRanges(address).format, def),
      });
      group = [];
      length = 0;
    };
    for (const a of addresses) {
      if (length + a.length + 1 > MAX_AREAS_ADDRESS) flush();
      group.push(a);
      length += a.length + 1;
    }
    flush();
  }
  return commands;
}

function layoutCommands(spec: SheetSpec): Command[] {
  const commands: Command[] = [];
  const name = spec.name;
  // Column widths: one command per run of equal widths.
  let c = 0;
  while (c < spec.columnWidths.length) {
    let end = c;
    while (end + 1 < spec.columnWidths.length && spec.columnWidths[end + 1] === spec.columnWidths[c]) end++;
    const address = `${columnLetter(c + 1)}:${columnLetter(end + 1)}`;
    const points = columnWidthPoints(spec.columnWidths[c]);
    commands.push({ bytes: COMMAND_BYTES * 2, apply: (s) => (s.sheet(name).getRange(address).format.columnWidth = points) });
    c = end + 1;
  }
  for (const [row, height] of Object.entries(spec.rowHeights)) {
    commands.push({ bytes: COMMAND_BYTES * 2, apply: (s) => (s.sheet(name).getRange(`${row}:${row}`).format.rowHeight = height) });
  }
  for (const m of spec.merges) {
    commands.push({ bytes: COMMAND_BYTES * 2, apply: (s) => s.sheet(name).getRange(m).merge(false) });
  }
  // Excel's add() puts a rule at the top: add in reverse so the first rule of the spec ends with the highest
  // priority, as in the file adapter.
  for (const cf of [...spec.conditionalFormats].reverse()) {
    const colors = MARK_COLORS[cf.color];
    commands.push({
      bytes: COMMAND_BYTES * 5 + utf8Length(cf.formula),
      apply: (s) => {
        const format = s.sheet(name).getRange(cf.range).conditionalFormats.add('Custom');
        format.custom.rule.formula = `=${cf.formula}`;
        format.custom.format.fill.color = hex(colors.fill);
        format.custom.format.font.color = hex(colors.font);
      },
    });
  }
  for (const v of spec.validations) {
    // One command per area: a validation's range may list several (as OOXML's sqref).
    for (const area of v.range.split(' ')) {
      commands.push({
        bytes: COMMAND_BYTES * 5 + utf8Length((v.prompt ?? '') + v.error),
        apply: (s) => {
          const dv = s.sheet(name).getRange(area).dataValidation;
          const basic = { formula1: v.min, formula2: v.max, operator: 'Between' as Excel.DataValidationOperator };
          dv.rule = v.type === 'whole' ? { wholeNumber: basic } : { decimal: basic };
          dv.ignoreBlanks = true;
          dv.prompt = v.prompt ? { showPrompt: true, message: v.prompt, title: '' } : { showPrompt: false, message: '', title: '' };
          dv.errorAlert = { showAlert: true, style: 'Stop' as Excel.DataValidationAlertStyle, message: v.error, title: '' };
        },
      });
    }
  }
  // Page breaks (ExcelApi 1.9): a break goes before the top-left cell of the range given.
  for (const row of spec.print.rowBreaks ?? []) {
    commands.push({ bytes: COMMAND_BYTES * 2, apply: (s) => void s.sheet(name).horizontalPageBreaks.add(`A${row}`) });
  }
  for (const col of spec.print.columnBreaks ?? []) {
    commands.push({ bytes: COMMAND_BYTES * 2, apply: (s) => void s.sheet(name).verticalPageBreaks.add(`${columnLetter(col)}1`) });
  }
  return commands;
}

const CHART_TYPES: Record<ChartSpec['type'], Excel.ChartType> = {
  barClustered: 'BarClustered' as Excel.ChartType,
  columnClustered: 'ColumnClustered' as Excel.ChartType,
};
const SERIES_BY: Record<ChartSpec['seriesBy'], Excel.ChartSeriesBy> = {
  columns: 'Columns' as Excel.ChartSeriesBy,
  rows: 'Rows' as Excel.ChartSeriesBy,
};

/** Each chart of a sheet: one command (add over its source range, name, title, position), ExcelApi 1.1 only. */
function chartCommands(spec: SheetSpec): Command[] {
  return spec.charts.map((c) => ({
    bytes: COMMAND_BYTES * 6 + utf8Length(c.name + c.title + c.source + c.position.from + c.position.to),
    apply: (s: Session) => {
      const ws = s.sheet(spec.name);
      const chart = ws.charts.add(CHART_TYPES[c.type], ws.getRange(c.source), SERIES_BY[c.seriesBy]);
      chart.name = c.name;
      chart.title.text = c.title;
      chart.setPosition(c.position.from, c.position.to);
    },
  }));
}

/** Sheet-level settings: tab colour, frozen panes, page setup. */
function sheetSettings(ws: Excel.Worksheet, spec: SheetSpec): void {
  if (spec.tabColor) ws.tabColor = hex(spec.tabColor);
  const { rows, columns } = spec.freeze;
  if (rows > 0 && columns > 0) ws.freezePanes.freezeAt(ws.getRange(rangeAddress(1, 1, rows, columns)));
  else if (rows > 0) ws.freezePanes.freezeRows(rows);
  else if (columns > 0) ws.freezePanes.freezeColumns(columns);
  const layout = ws.pageLayout;
  layout.orientation = (spec.print.orientation === 'landscape' ? 'Landscape' : 'Portrait') as Excel.PageOrientation;
  layout.paperSize = 'A4' as Excel.PaperType;
  if (spec.print.fitToWidth) layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  else if (spec.print.scale) layout.zoom = { scale: spec.print.scale };
  if (spec.print.titleRows) {
    const [a, b] = spec.print.titleRows.split(':');
    layout.setPrintTitleRows(`$${a}:$${b ?? a}`);
  }
  if (spec.print.titleColumns) {
    const [a, b] = spec.print.titleColumns.split(':');
    layout.setPrintTitleColumns(`$${a}:$${b ?? a}`);
  }
  layout.headersFooters.defaultForAllPages.centerFooter = PAGE_FOOTER;
}

// ---------------------------------------------------------------------------------------------------------
// patches

type PatchInput = string | number | boolean;

function checkPatches(patches: readonly SheetPatch[]): void {
  for (const p of patches) {
    if (typeof p.sheet !== 'string' || p.sheet === '') throw new OfficeJsWorkbookError('工作表名称不能为空', true);
    for (const c of p.cells) {
      if (!Number.isInteger(c.row) || c.row < 1 || c.row > 1_048_576 || !Number.isInteger(c.col) || c.col < 1 || c.col > 16_384) {
        throw new OfficeJsWorkbookError(`工作表“${p.sheet}”的单元格位置无效：第 ${c.row} 行第 ${c.col} 列`, true);
      }
      const v = c.value;
      if (typeof v === 'number' && !Number.isFinite(v)) {
        throw new OfficeJsWorkbookError(`工作表“${p.sheet}”单元格 ${cellAddress(c.row, c.col)} 的数值无效：${v}`, true);
      }
      if (v !== null && typeof v !== 'number' && typeof v !== 'string' && typeof v !== 'boolean') {
        throw new OfficeJsWorkbookError(`工作表“${p.sheet}”单元格 ${cellAddress(c.row, c.col)} 的值类型无效：${typeof v}`, true);
      }
    }
  }
}

interface ValueBlock {
  sheet: string;
  rect: Rect;
  values: PatchInput[][];
}

/** A sheet's patched cells as rectangles of values (the last patch of a cell wins; null clears). */
function valueBlocks(sheet: string, cells: Map<number, Map<number, CellValue>>): ValueBlock[] {
  const rowNumbers = [...cells.keys()].sort((a, b) => a - b);
  const blocks: ValueBlock[] = [];
  let open = new Map<string, ValueBlock>();
  for (const r of rowNumbers) {
    const row = cells.get(r)!;
    const colNumbers = [...row.keys()].sort((a, b) => a - b);
    const next = new Map<string, ValueBlock>();
    let i = 0;
    while (i < colNumbers.length) {
      let j = i;
      while (j + 1 < colNumbers.length && colNumbers[j + 1] === colNumbers[j] + 1) j++;
      const c1 = colNumbers[i];
      const c2 = colNumbers[j];
      const values = colNumbers.slice(i, j + 1).map((c) => row.get(c) ?? '');
      const id = `${c1}|${c2}`;
      const prev = open.get(id);
      if (prev && prev.rect.r2 === r - 1) {
        prev.rect.r2 = r;
        prev.values.push(values);
        next.set(id, prev);
      } else {
        const block = { sheet, rect: { r1: r, c1, r2: r, c2 }, values: [values] };
        blocks.push(block);
        next.set(id, block);
      }
      i = j + 1;
    }
    open = next;
  }
  return blocks;
}

/** A block whose rows are wider than `budget` bytes (long texts such as undo records) as bands of columns. */
function columnBands(block: ValueBlock, budget: number): ValueBlock[] {
  const width = block.rect.c2 - block.rect.c1 + 1;
  const colBytes = Array.from({ length: width }, (_, j) => block.values.reduce((m, row) => Math.max(m, jsonBytes(row[j]) + 1), 0));
  if (colBytes.reduce((a, b) => a + b, 0) <= budget - 4 * COMMAND_BYTES) return [block];
  const bands: ValueBlock[] = [];
  let start = 0;
  while (start < width) {
    let end = start;
    let bytes = colBytes[start];
    while (end + 1 < width && bytes + colBytes[end + 1] <= budget - 4 * COMMAND_BYTES) bytes += colBytes[++end];
    bands.push({
      sheet: block.sheet,
      rect: { r1: block.rect.r1, r2: block.rect.r2, c1: block.rect.c1 + start, c2: block.rect.c1 + end },
      values: block.values.map((row) => row.slice(start, end + 1)),
    });
    start = end + 1;
  }
  return bands;
}

/** A block as commands of at most `budget` bytes (split into bands of columns, then rows, when larger). */
function blockCommands(whole: ValueBlock, budget: number): Command[] {
  return columnBands(whole, budget).flatMap((block) => rowBandCommands(block, budget));
}

function rowBandCommands(block: ValueBlock, budget: number): Command[] {
  const commands: Command[] = [];
  const width = block.rect.c2 - block.rect.c1 + 1;
  let start = 0;
  while (start < block.values.length) {
    let end = start;
    let bytes = jsonBytes(block.values[start]);
    while (end + 1 < block.values.length && bytes + jsonBytes(block.values[end + 1]) <= budget - 4 * COMMAND_BYTES) {
      end++;
      bytes += jsonBytes(block.values[end]);
    }
    const values = block.values.slice(start, end + 1);
    const r1 = block.rect.r1 + start;
    // Cells of text Excel would convert or read as a formula: "@" first, as rectangles of their own.
    const text = rectangles<true>(
      values.length,
      () => width,
      (r, c) => {
        const v = values[r - 1][c - 1];
        return typeof v === 'string' && needsTextFormat(v) ? true : null;
      },
    ).map(({ rect }) => ({ r1: rect.r1 + r1 - 1, c1: rect.c1 + block.rect.c1 - 1, r2: rect.r2 + r1 - 1, c2: rect.c2 + block.rect.c1 - 1 }));
    const textBytes = text.reduce((n, t) => n + COMMAND_BYTES + 4 * (t.r2 - t.r1 + 1) * (t.c2 - t.c1 + 1), 0);
    const sheet = block.sheet;
    const c1 = block.rect.c1;
    commands.push({
      bytes: bytes + textBytes + 2 * COMMAND_BYTES,
      apply: (s) => {
        const ws = s.sheet(sheet);
        for (const t of text) {
          const rowsN = t.r2 - t.r1 + 1;
          const colsN = t.c2 - t.c1 + 1;
          ws.getRangeByIndexes(t.r1 - 1, t.c1 - 1, rowsN, colsN).numberFormat = Array.from({ length: rowsN }, () => Array<string>(colsN).fill('@'));
        }
        ws.getRangeByIndexes(r1 - 1, c1 - 1, values.length, width).values = values;
      },
    });
    start = end + 1;
  }
  return commands;
}

// ---------------------------------------------------------------------------------------------------------
// reading

function gridValue(v: unknown): CellValue {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}

const ERROR_CODES: Record<string, number> = {
  '#NULL!': 0x00,
  '#DIV/0!': 0x07,
  '#VALUE!': 0x0f,
  '#REF!': 0x17,
  '#NAME?': 0x1d,
  '#NUM!': 0x24,
  '#N/A': 0x2a,
  '#GETTING_DATA': 0x2b,
};

/** A loaded range (from A1) as a SheetJS dense worksheet, the shape src/reports reads from files. */
export function toSheetJs(values: unknown[][], formulas: unknown[][], numberFormat: unknown[][], valueTypes: string[][]): WorkSheet {
  const data: CellObject[][] = [];
  let lastRow = -1;
  let lastCol = -1;
  values.forEach((row, r) => {
    const out: CellObject[] = [];
    row.forEach((v, c) => {
      const f = formulas[r]?.[c];
      const type = valueTypes[r]?.[c];
      // A text constant "=2+3" reads back with the same text as its "formula": only a formula differs from its value.
      const formula = typeof f === 'string' && f.startsWith('=') && !(type === 'String' && v === f) ? f.slice(1) : undefined;
      let cell: CellObject | undefined;
      if (type === 'Double' || type === 'Integer') cell = { t: 'n', v: Number(v) };
      else if (type === 'Boolean') cell = { t: 'b', v: Boolean(v) };
      else if (type === 'Error') cell = { t: 'e', v: ERROR_CODES[String(v)] ?? 0x0f, w: String(v) };
      else if (type === 'String') cell = v === '' && formula === undefined ? undefined : { t: 's', v: String(v) };
      else if (formula !== undefined)
        cell = { t: 'z' }; // a formula without a result
      else if (v !== '' && v !== null && v !== undefined) cell = { t: 's', v: String(v) };
      if (!cell) return;
      if (formula !== undefined) cell.f = formula;
      const z = numberFormat[r]?.[c];
      if (typeof z === 'string' && z !== '' && z !== 'General') cell.z = z;
      out[c] = cell;
      lastRow = Math.max(lastRow, r);
      lastCol = Math.max(lastCol, c);
    });
    data[r] = out;
  });
  data.length = lastRow + 1;
  const ws: WorkSheet = { '!data': data };
  if (lastRow >= 0) ws['!ref'] = `A1:${cellAddress(lastRow + 1, lastCol + 1)}`;
  return ws;
}

/** A master sheet being read: its size, and its first rows when the first read carries them. */
interface OwnSheetRead {
  name: string;
  rect: Excel.Range;
  head: Excel.Range | null;
}

const tooLarge = (e: unknown) => (e as { code?: string }).code === 'ResponsePayloadSizeLimitExceeded';

/** Queue the first read of the master's own sheets: each sheet's size and (with `heads`) its first OWN_HEAD_ROWS rows. */
function queueOwnSheets(context: Excel.RequestContext, names: readonly string[], heads: boolean): OwnSheetRead[] {
  return names.map((name) => {
    const ws = context.workbook.worksheets.getItem(name);
    // From A1, so rows and columns are the sheet's; the used range of values only (formatting ignored).
    const rect = ws.getRange('A1').getBoundingRect(ws.getUsedRange(true));
    rect.load('rowCount,columnCount');
    if (!heads) return { name, rect, head: null };
    const head = rect.getIntersection(ws.getRange(rangeAddress(1, 1, OWN_HEAD_ROWS, OWN_SHEET_MAX_COLUMNS)));
    head.load('values');
    return { name, rect, head };
  });
}

/**
 * The first read of a master: `queue(true)` with the sheets' first rows; when that response would be too large
 * (a year of undo records for a very large province), again with sizes only, and everything then comes in bands.
 */
async function firstRead<T>(context: Excel.RequestContext, queue: (heads: boolean) => T): Promise<T> {
  const queued = queue(true);
  try {
    await context.sync();
    return queued;
  } catch (e) {
    if (!tooLarge(e)) throw e;
  }
  const sizesOnly = queue(false);
  await context.sync();
  return sizesOnly;
}

/** Something to load, with its estimated response size. */
interface Sized {
  bytes: number;
}

/**
 * Load `items` in syncs of at most `budget` estimated response bytes. `queue` queues an item's loads and returns
 * how to read them after the sync. A sync Excel still finds too large is retried in halves: by items, then a
 * single item by `split`; an item that cannot be split fails with `unsplittable` (or the host's error).
 */
async function loadInChunks<T extends Sized, R>(
  context: Excel.RequestContext,
  items: readonly T[],
  budget: number,
  queue: (item: T) => () => R,
  split: (item: T) => [T, T] | null = () => null,
  unsplittable?: (item: T) => Error,
): Promise<Array<{ item: T; result: R }>> {
  const load = async (group: readonly T[]): Promise<Array<{ item: T; result: R }>> => {
    const readers = group.map(queue);
    try {
      await context.sync();
    } catch (e) {
      if (!tooLarge(e)) throw e;
      const half = Math.ceil(group.length / 2);
      const pair = group.length > 1 ? null : split(group[0]);
      const halves = group.length > 1 ? [group.slice(0, half), group.slice(half)] : pair && [[pair[0]], [pair[1]]];
      if (!halves) throw unsplittable?.(group[0]) ?? e;
      return [...(await load(halves[0])), ...(await load(halves[1]))];
    }
    return group.map((item, i) => ({ item, result: readers[i]() }));
  };
  const out: Array<{ item: T; result: R }> = [];
  let group: T[] = [];
  let bytes = 0;
  for (const item of items) {
    if (group.length > 0 && bytes + item.bytes > budget) {
      out.push(...(await load(group)));
      group = [];
      bytes = 0;
    }
    group.push(item);
    bytes += item.bytes;
  }
  if (group.length > 0) out.push(...(await load(group)));
  return out;
}

interface Band extends Sized {
  sheet: number;
  first: number;
  last: number;
  columns: number;
}

const bandOf = (b: Omit<Band, 'bytes'>): Band => ({ ...b, bytes: (b.last - b.first + 1) * b.columns * OWN_CELL_BYTES });

/** After the first read: the rows not read yet, in bands of at most `budget` estimated bytes a sync; the grids. */
async function finishOwnSheets(context: Excel.RequestContext, reads: readonly OwnSheetRead[], budget: number): Promise<WorkbookGrids> {
  const names = reads.map((r) => r.name);
  const pending: Band[] = [];
  const headOf = (r: OwnSheetRead) => (r.head && r.rect.columnCount <= OWN_SHEET_MAX_COLUMNS ? r.head : null);
  reads.forEach((r, sheet) => {
    const columns = r.rect.columnCount;
    const rowsPerBand = Math.max(1, Math.floor(budget / (columns * OWN_CELL_BYTES)));
    for (let first = headOf(r) ? OWN_HEAD_ROWS + 1 : 1; first <= r.rect.rowCount; first += rowsPerBand) {
      pending.push(bandOf({ sheet, first, last: Math.min(r.rect.rowCount, first + rowsPerBand - 1), columns }));
    }
  });
  const loaded = await loadInChunks(
    context,
    pending,
    budget,
    (b) => {
      const range = context.workbook.worksheets.getItem(names[b.sheet]).getRange(rangeAddress(b.first, 1, b.last, b.columns));
      range.load('values');
      // Read only after loadInChunks has synced the chunk this load belongs to.
      // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read
      return () => range.values;
    },
    // Denser than estimated (long text): by rows, down to one.
    (b) => {
      if (b.first === b.last) return null;
      const mid = Math.floor((b.first + b.last) / 2);
      return [bandOf({ ...b, last: mid }), bandOf({ ...b, first: mid + 1 })];
    },
  );

  const grids: WorkbookGrids = { sheetNames: names, sheets: new Map() };
  reads.forEach((r, sheet) => {
    const rows = (headOf(r)?.values ?? []).map((row) => row.map(gridValue));
    const bands = loaded.filter((x) => x.item.sheet === sheet).sort((x, y) => x.item.first - y.item.first);
    for (const b of bands) rows.push(...b.result.map((row) => row.map(gridValue)));
    grids.sheets.set(r.name, rows.every((row) => row.every((v) => v === null)) ? [] : rows);
  });
  return grids;
}

// ---------------------------------------------------------------------------------------------------------

export class OfficeJsWorkbook implements MasterWorkbook {
  private readonly chunkBytes: number;
  private readonly readChunkBytes: number;

  constructor(
    private readonly run: ExcelRun,
    options: OfficeJsWorkbookOptions = {},
  ) {
    this.chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
    this.readChunkBytes = options.readChunkBytes ?? DEFAULT_READ_CHUNK_BYTES;
  }

  async render(spec: WorkbookSpec): Promise<void> {
    const names = new Set(spec.sheets.map((s) => s.name));
    if (names.size !== spec.sheets.length) throw new OfficeJsWorkbookError('主表的工作表名称重复');
    await this.run(async (context) => {
      const session = new Session(context);
      const existing = await sheetNames(context);
      const lower = new Set(existing.map((n) => n.toLowerCase()));
      const replaced = existing.filter((n) => [...names].some((s) => s.toLowerCase() === n.toLowerCase()));

      const structure: Command = {
        bytes: COMMAND_BYTES * (3 * replaced.length + 12 * spec.sheets.length),
        apply: (s) => {
          const worksheets = context.workbook.worksheets;
          // Sheets of the same name are renamed out of the way, replaced, then deleted (a workbook must
          // always keep a visible sheet, so nothing is deleted before the new sheets exist).
          const old = replaced.map((name, i) => {
            let temp = `~旧${i + 1}`;
            while (lower.has(temp.toLowerCase())) temp = `~${temp}`;
            const ws = worksheets.getItem(name);
            ws.name = temp;
            return ws;
          });
          spec.sheets.forEach((sheet, i) => {
            const ws = worksheets.add(sheet.name);
            s.remember(sheet.name, ws);
            ws.position = i;
            sheetSettings(ws, sheet);
          });
          for (const ws of old) ws.delete();
        },
      };
      const content: Command[] = [];
      for (const sheet of spec.sheets) {
        content.push(...contentCommands(sheet, this.chunkBytes), ...styleCommands(sheet), ...layoutCommands(sheet), ...chartCommands(sheet));
      }
      const finish: Command = {
        bytes: COMMAND_BYTES * (spec.sheets.length + 1),
        apply: (s) => {
          const first = spec.sheets.find((x) => x.visibility === 'visible');
          if (first) s.sheet(first.name).activate();
          for (const sheet of spec.sheets) if (sheet.visibility === 'hidden') s.sheet(sheet.name).visibility = 'Hidden' as Excel.SheetVisibility;
        },
      };
      await runChunks(session, chunk([structure, ...content, finish], this.chunkBytes), true);
    });
  }

  async readGrids(sheets?: readonly string[]): Promise<WorkbookGrids> {
    return this.run(async (context) => {
      const all = await sheetNames(context);
      const wanted = sheets ? sheets.filter((n) => all.includes(n)) : all;
      const reads = await firstRead(context, (heads) => queueOwnSheets(context, wanted, heads));
      return finishOwnSheets(context, reads, this.readChunkBytes);
    });
  }

  async applyPatches(patches: readonly SheetPatch[], options: ApplyPatchesOptions = {}): Promise<void> {
    checkPatches(patches);
    const bySheet = new Map<string, Map<number, Map<number, CellValue>>>();
    for (const p of patches) {
      const rows = bySheet.get(p.sheet) ?? new Map<number, Map<number, CellValue>>();
      bySheet.set(p.sheet, rows);
      for (const c of p.cells) {
        const row = rows.get(c.row) ?? new Map<number, CellValue>();
        rows.set(c.row, row);
        row.set(c.col, c.value);
      }
    }
    const commands: Command[] = [];
    for (const [sheet, cells] of bySheet) {
      for (const block of valueBlocks(sheet, cells)) commands.push(...blockCommands(block, this.chunkBytes));
    }
    if (commands.length === 0) return;
    const missingError = (missing: readonly string[]) =>
      new OfficeJsWorkbookError(`找不到工作表“${missing.join('”“')}”：请勿删除或改名主表自带的工作表。未写入任何内容。`, true);
    const touched = [...bySheet.keys()];
    if (options.knownSheets) {
      const known = new Set(options.knownSheets);
      const missing = touched.filter((n) => !known.has(n));
      if (missing.length > 0) throw missingError(missing);
      // No check sync: the first chunk loads each patched sheet's name before its first write.
      const guard: Command = { bytes: COMMAND_BYTES * touched.length, apply: (s) => touched.forEach((n) => s.sheet(n).load('name')) };
      await this.run(async (context) => {
        const chunks = chunk([guard, ...commands], this.chunkBytes);
        const session = new Session(context);
        try {
          await runChunks(session, chunks.slice(0, 1), true);
        } catch (e) {
          if ((e as { code?: string }).code === 'ItemNotFound') throw missingError(touched);
          throw e;
        }
        await runChunks(session, chunks.slice(1), true);
      });
      return;
    }
    await this.run(async (context) => {
      const existing = new Set(await sheetNames(context));
      const missing = touched.filter((n) => !existing.has(n));
      if (missing.length > 0) throw missingError(missing);
      await runChunks(new Session(context), chunk(commands, this.chunkBytes), true);
    });
  }

  async readMasterAndForeign(ownSheets: readonly string[], options: { foreign?: boolean } = {}): Promise<MasterAndForeign> {
    const wantForeign = options.foreign !== false;
    return this.run(async (context) => {
      const all = await sheetNames(context);
      const bound = rangeAddress(1, 1, FOREIGN_SHEET_LIMITS.rows, FOREIGN_SHEET_LIMITS.columns);
      const { own, foreignRanges } = await firstRead(context, (heads) => ({
        own: queueOwnSheets(
          context,
          ownSheets.filter((n) => all.includes(n)),
          heads,
        ),
        foreignRanges: (wantForeign ? all.filter((n) => !ownSheets.includes(n)) : []).map((name) => {
          const ws = context.workbook.worksheets.getItem(name);
          const range = ws.getRange('A1').getBoundingRect(ws.getUsedRange(true)).getIntersection(bound);
          range.load('rowCount,columnCount');
          return { name, range };
        }),
      }));
      const grids = await finishOwnSheets(context, own, this.readChunkBytes);
      // A sheet of one row or one column (an empty sheet reads as A1) holds no 附件2 form: not loaded.
      const sized = foreignRanges
        .filter((f) => f.range.rowCount > 1 && f.range.columnCount > 1)
        .map((f) => ({ ...f, bytes: 200 + f.range.rowCount * f.range.columnCount * FOREIGN_CELL_BYTES }));
      // Contents in chunks by estimated response size; one sheet Excel still cannot return is not a report form.
      const loaded = await loadInChunks(
        context,
        sized,
        this.readChunkBytes,
        ({ range }) => {
          range.load('values,formulas,numberFormat,valueTypes');
          return () => toSheetJs(range.values, range.formulas, range.numberFormat, range.valueTypes as unknown as string[][]);
        },
        undefined,
        ({ name }) => new OfficeJsWorkbookError(`工作表“${name}”内容过多，无法读取。它不是月报表：请将其移到其他工作簿后重试。`),
      );
      const foreign = new Map(loaded.map(({ item, result }) => [item.name, result]));
      return { grids, foreign: foreignRanges.map(({ name }) => ({ name, sheet: foreign.get(name) ?? {} })), sheetNames: all };
    });
  }

  /** Shows a range to the coordinator: activates its sheet and selects it (one sync; ExcelApi 1.1). */
  async select(sheet: string, address: string): Promise<void> {
    await this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(address).select();
      await context.sync();
    });
  }

  async readForeignSheets(ownSheets: readonly string[]): Promise<Array<{ name: string; sheet: WorkSheet }>> {
    return this.run(async (context) => {
      const all = await sheetNames(context);
      const foreign = all.filter((n) => !ownSheets.includes(n));
      if (foreign.length === 0) return [];
      const bound = rangeAddress(1, 1, FOREIGN_SHEET_LIMITS.rows, FOREIGN_SHEET_LIMITS.columns);
      const ranges = foreign.map((name) => {
        const ws = context.workbook.worksheets.getItem(name);
        const range = ws.getRange('A1').getBoundingRect(ws.getUsedRange(true)).getIntersection(bound);
        range.load('values,formulas,numberFormat,valueTypes');
        return { name, range };
      });
      await context.sync();
      return ranges.map(({ name, range }) => ({
        name,
        sheet: toSheetJs(range.values, range.formulas, range.numberFormat, range.valueTypes as unknown as string[][]),
      }));
    });
  }
}
