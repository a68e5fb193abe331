/**
 * A strict in-memory fake of the subset of the Excel JavaScript API the Office.js adapter uses.
 *
 * It follows the real request model rather than plain objects (which is what office-addin-mock gives):
 * - every proxy call and property write is queued and takes effect at `context.sync()`, in order;
 * - scalar properties throw PropertyNotLoaded unless `load()` was queued AND a sync has completed since;
 * - `*OrNullObject` proxies know `isNullObject` only after a sync;
 * - errors (unknown sheet, bad address, array size mismatch, malformed formula, a request over 5 MB)
 *   reject the sync that runs the faulty command, like RichApi errors; commands before it stay applied;
 * - syncs are counted, and each sync's request and response sizes are measured (JSON, UTF-8);
 * - a failure can be injected on the Nth sync;
 * - `run` refuses to finish with commands that were queued but never synced.
 *
 * The data model is deliberately small: an ordered list of sheets, each with sparse maps of cells
 * (value / formula / numberFormat) and cell formats. Formulas are stored, never evaluated: a formula cell
 * reads back as null unless a test gives it a cached value with `setCell`.
 */
import {
  AddressError,
  MAX_COLS,
  MAX_ROWS,
  Rect,
  boundingRect,
  cols,
  intersection,
  intersects,
  parseRect,
  rectAddress,
  rows,
  sheetPrefix,
  splitSheet,
  utf8Length,
} from './excelAddress';

export const EXCEL_WEB_PAYLOAD_LIMIT = 5 * 1024 * 1024;

export class FakeExcelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'RichApi.Error';
  }
}

export type CellInput = string | number | boolean;

export interface FakeCell {
  /** Constant, or a formula's cached result (undefined: none). Error cells hold their text ("#DIV/0!"). */
  value?: CellInput;
  /** With the leading "=". */
  formula?: string;
  numberFormat?: string;
  error?: boolean;
}

export interface BorderDef {
  style?: string;
  color?: string;
  weight?: string;
}

export interface CellFormat {
  fill?: string;
  bold?: boolean;
  fontColor?: string;
  fontSize?: number;
  fontName?: string;
  hAlign?: string;
  vAlign?: string;
  wrap?: boolean;
  borders?: { top?: BorderDef; bottom?: BorderDef; left?: BorderDef; right?: BorderDef };
}

export interface FakeConditionalFormat {
  rect: Rect;
  range: string;
  type: string;
  formula: string | null;
  fill: string | null;
  fontColor: string | null;
}

export interface FakeValidation {
  rect: Rect;
  range: string;
  rule: Excel.DataValidationRule | null;
  prompt: Excel.DataValidationPrompt | null;
  errorAlert: Excel.DataValidationErrorAlert | null;
  ignoreBlanks: boolean;
}

export interface FakeChart {
  /** 1-based over the fake's life. */
  id: number;
  name: string;
  /** Excel.ChartType as given to `charts.add`, e.g. "BarClustered". */
  type: string;
  /** The source data: its sheet and A1 address, as given to `charts.add`. */
  sourceSheet: string;
  source: string;
  seriesBy: 'Auto' | 'Columns' | 'Rows';
  /** Cells of the source holding a value or formula when the chart was added (Excel reads headers from them then). */
  sourceFilledAtAdd: number;
  /** chart.title.text; null while never set. */
  title: string | null;
  titleVisible: boolean;
  /** From `setPosition(startCell, endCell)`: the A1 addresses; null while never positioned (Excel's default place). */
  position: { start: string; end: string | null } | null;
}

export interface FakeSheet {
  id: number;
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  tabColor: string;
  cells: Map<number, FakeCell>;
  formats: Map<number, CellFormat>;
  merges: Rect[];
  columnWidths: Map<number, number>;
  rowHeights: Map<number, number>;
  freeze: { rows: number; columns: number };
  pageLayout: {
    orientation: string;
    paperSize: string;
    printTitleRows: string | null;
    printTitleColumns: string | null;
    zoom: Excel.PageLayoutZoomOptions;
    /** headersFooters.defaultForAllPages.centerFooter; '' when never set. */
    centerFooter: string;
  };
  /** Manual page breaks: the rows and columns (1-based) a new page starts at, in the order they were added. */
  rowBreaks: number[];
  columnBreaks: number[];
  /** Highest priority first (Excel's `add` inserts at the top). */
  conditionalFormats: FakeConditionalFormat[];
  validations: FakeValidation[];
  /** Charts on the sheet, in the order they were added. */
  charts: FakeChart[];
}

export interface SyncRecord {
  /** 1-based over the fake's life. */
  index: number;
  /** Bytes of the queued commands (JSON, UTF-8). */
  requestBytes: number;
  /** Bytes of the loaded data sent back. */
  responseBytes: number;
  commands: number;
  calculationSuspended: boolean;
  failed: boolean;
}

const DEFAULT_COLUMN_WIDTH = 48;
const DEFAULT_ROW_HEIGHT = 15;
const KEY_BASE = 20_000;
const key = (r: number, c: number) => r * KEY_BASE + c;
const unkey = (k: number) => ({ r: Math.floor(k / KEY_BASE), c: k % KEY_BASE });
/** The fake stores formats per cell: refuse whole-column formatting of cells (the adapter has no reason to). */
const MAX_CELLS_PER_WRITE = 4_000_000;

// ---------------------------------------------------------------------------------------------------------
// What Excel does to typed input

const ERROR_TEXTS = ['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA', '#SPILL!', '#CALC!'];

/**
 * A formula as Excel accepts it from the API: "=" first, quotes and parentheses balanced, and function
 * names in English (ASCII) — a localized name like 求和( would be rejected.
 */
export function checkFormula(f: string): string | null {
  if (!f.startsWith('=') || f.length < 2) return 'a formula must start with "=" and have a body';
  let depth = 0;
  let inString = false;
  let inSheet = false;
  let ident = '';
  for (let i = 1; i < f.length; i++) {
    const ch = f[i];
    if (inString) {
      if (ch === '"') {
        if (f[i + 1] === '"') i++;
        else inString = false;
      }
      continue;
    }
    if (inSheet) {
      if (ch === "'") {
        if (f[i + 1] === "'") i++;
        else inSheet = false;
      }
      continue;
    }
    if (ch === '"') {
      inString = true;
      ident = '';
    } else if (ch === "'") {
      inSheet = true;
      ident = '';
    } else if (ch === '(') {
      if (ident && !/^[A-Za-z_][A-Za-z0-9_.]*$/.test(ident)) return `function name "${ident}" is not an English function name`;
      depth++;
      ident = '';
    } else if (ch === ')') {
      depth--;
      if (depth < 0) return 'unbalanced parentheses';
      ident = '';
    } else if (/[\s,;:+\-*/^&=<>!%${}]/.test(ch)) ident = '';
    else ident += ch;
  }
  if (inString) return 'unterminated string';
  if (inSheet) return 'unterminated sheet name';
  if (depth !== 0) return 'unbalanced parentheses';
  return null;
}

function excelSerial(y: number, m: number, d: number): number | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 9999) return null;
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCMonth() !== m - 1) return null;
  return (t - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/**
 * How Excel (en-US or zh-CN) converts a typed string into a number, date, time, boolean or error; null when it
 * stays text. Generous on purpose: an adapter that keeps text as text must not rely on a narrow fake.
 */
export function excelConversion(input: string): { value: CellInput; numberFormat?: string; error?: boolean } | null {
  const s = input.trim();
  if (s === '') return null;
  const upper = s.toUpperCase();
  if (upper === 'TRUE' || upper === 'FALSE') return { value: upper === 'TRUE' };
  if (ERROR_TEXTS.includes(upper)) return { value: upper, error: true };
  let m = /^([+-]?)[$¥￥]?\s*((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?(%?)$/.exec(s);
  if (m) {
    let v = Number(m[2].replace(/,/g, '')) * (m[3] ? 10 ** Number(m[3]) : 1);
    if (m[1] === '-') v = -v;
    if (m[4]) return { value: v / 100, numberFormat: '0%' };
    return { value: v, numberFormat: m[2].includes(',') ? '#,##0' : undefined };
  }
  m = /^\((\d+(?:\.\d+)?)\)$/.exec(s);
  if (m) return { value: -Number(m[1]) };
  const time = (h: string, mi: string, se?: string) => (Number(h) * 3600 + Number(mi) * 60 + Number(se ?? 0)) / 86_400;
  m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (m && Number(m[1]) < 24 && Number(m[2]) < 60) return { value: time(m[1], m[2], m[3]), numberFormat: 'h:mm:ss' };
  m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (m) {
    const d = excelSerial(Number(m[1]), Number(m[2]), Number(m[3]));
    if (d !== null) return { value: d + (m[4] ? time(m[4], m[5], m[6]) : 0), numberFormat: m[4] ? 'yyyy-mm-dd h:mm' : 'yyyy-mm-dd' };
  }
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/.exec(s);
  if (m) {
    const y = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    const d = excelSerial(y, Number(m[1]), Number(m[2]));
    if (d !== null) return { value: d, numberFormat: 'm/d/yyyy' };
  }
  m = /^(\d{1,2})[/月-](\d{1,2})日?$/.exec(s);
  if (m) {
    const d = excelSerial(2023, Number(m[1]), Number(m[2]));
    if (d !== null) return { value: d, numberFormat: 'm/d' };
  }
  m = /^(\d{4})年(\d{1,2})月$/.exec(s);
  if (m) {
    const d = excelSerial(Number(m[1]), Number(m[2]), 1);
    if (d !== null) return { value: d, numberFormat: 'yyyy"年"m"月"' };
  }
  return null;
}

function valueType(cell: FakeCell | undefined): Excel.RangeValueType {
  if (!cell || cell.value === undefined) return 'Empty' as Excel.RangeValueType;
  if (cell.error) return 'Error' as Excel.RangeValueType;
  if (typeof cell.value === 'number') return 'Double' as Excel.RangeValueType;
  if (typeof cell.value === 'boolean') return 'Boolean' as Excel.RangeValueType;
  return 'String' as Excel.RangeValueType;
}

// ---------------------------------------------------------------------------------------------------------
// Request context

interface Response {
  bytes: number;
  commits: Array<() => void>;
}

interface Command {
  bytes: number;
  run: (response: Response) => void;
}

class Context {
  queue: Command[] = [];
  open = true;
  calculationSuspended = false;
  readonly workbook: FakeWorkbook;
  constructor(readonly host: FakeExcel) {
    this.workbook = new FakeWorkbook(this);
  }

  checkOpen(): void {
    if (!this.open) {
      throw new FakeExcelError('InvalidObjectPath', 'the request context of this object has ended (used outside its Excel.run)');
    }
  }

  enqueue(path: string, name: string, payload: unknown, run: (r: Response) => void): void {
    this.checkOpen();
    const json = payload === undefined ? '' : (JSON.stringify(payload) ?? '');
    this.queue.push({ bytes: utf8Length(path) + utf8Length(name) + utf8Length(json) + 24, run });
  }

  async sync(): Promise<void> {
    this.checkOpen();
    const host = this.host;
    const commands = this.queue;
    this.queue = [];
    const record: SyncRecord = {
      index: ++host.syncCount,
      requestBytes: commands.reduce((n, c) => n + c.bytes, 0),
      responseBytes: 0,
      commands: commands.length,
      calculationSuspended: this.calculationSuspended,
      failed: true,
    };
    this.calculationSuspended = false;
    host.syncs.push(record);
    await Promise.resolve();
    const injected = host.takeFailure(record.index);
    if (injected) {
      const partial: Response = { bytes: 0, commits: [] };
      for (const c of commands.slice(0, injected.applied)) c.run(partial);
      for (const commit of partial.commits) commit();
      throw injected.error;
    }
    if (record.requestBytes > host.maxRequestBytes) {
      throw new FakeExcelError(
        'RequestPayloadSizeLimitExceeded',
        `the request is ${record.requestBytes} bytes, over the ${host.maxRequestBytes}-byte limit of Excel on the web`,
      );
    }
    const response: Response = { bytes: 0, commits: [] };
    for (const c of commands) {
      try {
        c.run(response);
      } catch (e) {
        if (e instanceof FakeExcelError) throw e;
        if (e instanceof AddressError) throw new FakeExcelError('InvalidArgument', e.message);
        throw e;
      }
    }
    record.responseBytes = response.bytes;
    if (response.bytes > host.maxResponseBytes) {
      throw new FakeExcelError('ResponsePayloadSizeLimitExceeded', `the response is ${response.bytes} bytes, over the limit`);
    }
    for (const commit of response.commits) commit();
    record.failed = false;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Proxy objects

type LoadArg = string | string[] | { select?: string; expand?: string } | undefined;

function loadNames(arg: LoadArg): string[] | null {
  if (arg === undefined) return null;
  const text = typeof arg === 'string' ? arg : Array.isArray(arg) ? arg.join(',') : [arg.select, arg.expand].filter(Boolean).join(',');
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

abstract class FakeObject {
  private readonly loadedProps = new Map<string, unknown>();
  protected isNull: boolean | undefined;

  constructor(
    protected readonly ctx: Context,
    readonly path: string,
    /** Whether this proxy was made by an *OrNullObject method. */
    private readonly nullable = false,
  ) {
    if (!nullable) this.isNull = false;
  }

  get context(): Excel.RequestContext {
    return this.ctx as unknown as Excel.RequestContext;
  }

  /** Scalar properties `load()` with no argument loads. */
  protected abstract scalarNames(): string[];
  protected abstract snapshot(name: string): unknown;
  /** Navigation properties, for "format/fill/color" style load paths. */
  protected child(_name: string): FakeObject | null {
    return null;
  }

  get isNullObject(): boolean {
    this.ctx.checkOpen();
    if (this.isNull === undefined) {
      throw new FakeExcelError('PropertyNotLoaded', `isNullObject of ${this.path} is known only after context.sync()`);
    }
    return this.isNull;
  }

  protected setNull(value: boolean): void {
    this.isNull = value;
  }

  /** A scalar property's loaded value; throws like Excel when it was not loaded and synced. */
  protected prop<T>(name: string): T {
    this.ctx.checkOpen();
    if (!this.loadedProps.has(name)) {
      throw new FakeExcelError(
        'PropertyNotLoaded',
        `The property '${name}' of ${this.path} is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    }
    if (this.isNull) throw new FakeExcelError('InvalidOperation', `${this.path} is a null object`);
    return this.loadedProps.get(name) as T;
  }

  /** Marks a property as loaded (for collection items, which arrive loaded). */
  protected preload(name: string, value: unknown): void {
    this.loadedProps.set(name, value);
  }

  protected write(name: string, value: unknown, apply: () => void): void {
    this.ctx.enqueue(this.path, name, value, () => apply());
  }

  protected call(name: string, args: unknown[], apply: () => void): void {
    this.ctx.enqueue(this.path, name, args, () => apply());
  }

  load(arg?: LoadArg): this {
    this.ctx.checkOpen();
    const names = loadNames(arg) ?? this.scalarNames();
    const own: string[] = [];
    for (const n of names) {
      const slash = n.indexOf('/');
      if (slash > 0) {
        const child = this.child(n.slice(0, slash));
        if (!child) throw new FakeExcelError('InvalidArgument', `${this.path} has no navigation property ${n.slice(0, slash)}`);
        child.load(n.slice(slash + 1));
        continue;
      }
      if (!this.scalarNames().includes(n)) {
        const child = this.child(n);
        if (child) {
          child.load();
          continue;
        }
        throw new FakeExcelError('InvalidArgument', `${this.path} has no property "${n}" (or the fake does not model it)`);
      }
      own.push(n);
    }
    if (own.length === 0) return this;
    this.ctx.enqueue(this.path, 'load', own, (response) => {
      if (this.isNull) return; // loading a null object loads nothing
      const values = own.map((n) => [n, this.snapshot(n)] as const);
      response.bytes += utf8Length(JSON.stringify(Object.fromEntries(values)) ?? '');
      response.commits.push(() => values.forEach(([n, v]) => this.loadedProps.set(n, v)));
    });
    return this;
  }

  /** Registers the creation of this proxy as a command (it counts in the request and resolves in order). */
  protected created(resolve: () => void): void {
    this.ctx.enqueue(this.path, 'create', undefined, (response) => {
      resolve();
      if (this.nullable) {
        const isNull = this.resolvedNull();
        response.commits.push(() => this.setNull(isNull));
      }
    });
  }

  protected resolvedNull(): boolean {
    return false;
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loadedProps);
  }
}

function validColor(v: unknown): string {
  if (typeof v !== 'string' || !/^#[0-9A-Fa-f]{6}$/.test(v)) {
    throw new FakeExcelError('InvalidArgument', `colour "${String(v)}" is not #RRGGBB`);
  }
  return v.toUpperCase();
}

// ---- workbook, application, worksheets ----------------------------------------------------------------------

class FakeApplication extends FakeObject {
  protected scalarNames(): string[] {
    return ['calculationMode'];
  }
  protected snapshot(): unknown {
    return 'Automatic';
  }
  suspendApiCalculationUntilNextSync(): void {
    this.call('suspendApiCalculationUntilNextSync', [], () => undefined);
    this.ctx.calculationSuspended = true;
  }
}

class FakeWorkbook extends FakeObject {
  readonly worksheets: FakeWorksheetCollection;
  readonly application: FakeApplication;
  constructor(ctx: Context) {
    super(ctx, 'wb');
    this.worksheets = new FakeWorksheetCollection(ctx, 'wb.ws');
    this.application = new FakeApplication(ctx, 'wb.app');
  }
  protected scalarNames(): string[] {
    return ['name'];
  }
  protected snapshot(): unknown {
    return 'Book1';
  }
}

class FakeWorksheetCollection extends FakeObject {
  private loadedItems: FakeWorksheet[] | null = null;

  protected scalarNames(): string[] {
    return [];
  }
  protected snapshot(): unknown {
    return undefined;
  }

  get items(): FakeWorksheet[] {
    this.ctx.checkOpen();
    if (!this.loadedItems) {
      throw new FakeExcelError('PropertyNotLoaded', `The property 'items' of ${this.path} is not available: load('items/name') and sync first.`);
    }
    return this.loadedItems;
  }

  override load(arg?: LoadArg): this {
    this.ctx.checkOpen();
    const names = loadNames(arg) ?? ['items'];
    const itemProps: string[] = [];
    for (const n of names) {
      if (n === 'items') itemProps.push(...['name', 'position', 'visibility', 'id']);
      else if (n.startsWith('items/')) itemProps.push(n.slice(6));
      else throw new FakeExcelError('InvalidArgument', `worksheets has no property "${n}"`);
    }
    for (const p of itemProps) {
      if (!['name', 'position', 'visibility', 'id', 'tabColor'].includes(p)) {
        throw new FakeExcelError('InvalidArgument', `worksheet items: the fake does not load "${p}"`);
      }
    }
    this.ctx.enqueue(this.path, 'load', names, (response) => {
      const sheets = [...this.ctx.host.sheets];
      const items = sheets.map((s) => {
        const w = new FakeWorksheet(this.ctx, `ws#${s.id}`, () => s, false, true);
        for (const p of itemProps) w.preloadProp(p);
        return w;
      });
      response.bytes += utf8Length(JSON.stringify(items.map((w) => w.toJSON())));
      response.commits.push(() => (this.loadedItems = items));
    });
    return this;
  }

  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, `ws[${key}]`, () => {
      const s = this.ctx.host.findSheet(key);
      if (!s) throw new FakeExcelError('ItemNotFound', `The requested resource doesn't exist: worksheet "${key}"`);
      return s;
    });
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, `ws?[${key}]`, () => this.ctx.host.findSheet(key), true);
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, 'ws.active', () => {
      const s = this.ctx.host.sheets.find((x) => x.id === this.ctx.host.activeSheetId) ?? this.ctx.host.sheets[0];
      return s;
    });
  }

  add(name?: string): FakeWorksheet {
    let sheet: FakeSheet | null = null;
    this.call('add', [name ?? null], () => {
      sheet = this.ctx.host.createSheet(name);
    });
    return new FakeWorksheet(this.ctx, `ws+[${name ?? ''}]`, () => sheet!);
  }
}

class FakeWorksheet extends FakeObject {
  private sheet: FakeSheet | null = null;
  private freezePanesProxy: FakeFreezePanes | null = null;
  private pageLayoutProxy: FakePageLayout | null = null;
  private chartsProxy: FakeChartCollection | null = null;
  private rowBreaksProxy: FakePageBreakCollection | null = null;
  private columnBreaksProxy: FakePageBreakCollection | null = null;

  constructor(
    ctx: Context,
    path: string,
    private readonly resolve: () => FakeSheet | null,
    nullable = false,
    /** Collection items are resolved already. */
    resolvedNow = false,
  ) {
    super(ctx, path, nullable);
    if (resolvedNow) this.sheet = resolve();
    else this.created(() => (this.sheet = this.resolve()));
  }

  /** The sheet at command time. */
  target(): FakeSheet {
    if (!this.sheet) throw new FakeExcelError('ItemNotFound', `${this.path}: the worksheet does not exist (a null object)`);
    if (!this.ctx.host.sheets.includes(this.sheet)) throw new FakeExcelError('ItemNotFound', `${this.path}: the worksheet was deleted`);
    return this.sheet;
  }

  protected override resolvedNull(): boolean {
    return this.sheet === null;
  }

  preloadProp(name: string): void {
    this.preload(name, this.snapshot(name));
  }

  protected scalarNames(): string[] {
    return ['name', 'position', 'visibility', 'tabColor', 'id', 'showGridlines'];
  }

  protected snapshot(name: string): unknown {
    const s = this.target();
    switch (name) {
      case 'name':
        return s.name;
      case 'position':
        return this.ctx.host.sheets.indexOf(s);
      case 'visibility':
        return s.visibility;
      case 'tabColor':
        return s.tabColor;
      case 'id':
        return `{${s.id}}`;
      default:
        return true;
    }
  }

  protected override child(name: string): FakeObject | null {
    if (name === 'freezePanes') return this.freezePanes;
    if (name === 'pageLayout') return this.pageLayout;
    return null;
  }

  get name(): string {
    return this.prop('name');
  }
  set name(v: string) {
    this.write('name', v, () => this.ctx.host.renameSheet(this.target(), v));
  }
  get position(): number {
    return this.prop('position');
  }
  set position(v: number) {
    this.write('position', v, () => this.ctx.host.moveSheet(this.target(), v));
  }
  get visibility(): string {
    return this.prop('visibility');
  }
  set visibility(v: string) {
    this.write('visibility', v, () => this.ctx.host.setVisibility(this.target(), v));
  }
  get tabColor(): string {
    return this.prop('tabColor');
  }
  set tabColor(v: string) {
    this.write('tabColor', v, () => (this.target().tabColor = v === '' ? '' : validColor(v)));
  }
  get id(): string {
    return this.prop('id');
  }

  get freezePanes(): FakeFreezePanes {
    return (this.freezePanesProxy ??= new FakeFreezePanes(this.ctx, `${this.path}.freezePanes`, this));
  }
  get pageLayout(): FakePageLayout {
    return (this.pageLayoutProxy ??= new FakePageLayout(this.ctx, `${this.path}.pageLayout`, this));
  }
  get charts(): FakeChartCollection {
    return (this.chartsProxy ??= new FakeChartCollection(this.ctx, `${this.path}.charts`, this));
  }
  get horizontalPageBreaks(): FakePageBreakCollection {
    return (this.rowBreaksProxy ??= new FakePageBreakCollection(this.ctx, `${this.path}.horizontalPageBreaks`, this, 'rows'));
  }
  get verticalPageBreaks(): FakePageBreakCollection {
    return (this.columnBreaksProxy ??= new FakePageBreakCollection(this.ctx, `${this.path}.verticalPageBreaks`, this, 'columns'));
  }

  delete(): void {
    this.call('delete', [], () => this.ctx.host.deleteSheet(this.target()));
  }

  activate(): void {
    this.call('activate', [], () => {
      const s = this.target();
      if (s.visibility !== 'Visible') throw new FakeExcelError('InvalidOperation', 'a hidden worksheet cannot be activated');
      this.ctx.host.activeSheetId = s.id;
    });
  }

  getRange(address?: string): FakeRange {
    return new FakeRange(this.ctx, `${this.path}.range(${address ?? ''})`, () => ({
      sheet: this.target(),
      rect: address === undefined ? { r1: 1, c1: 1, r2: MAX_ROWS, c2: MAX_COLS } : localRect(this.target(), address),
    }));
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return new FakeRange(this.ctx, `${this.path}.rangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`, () => {
      const ok =
        [startRow, startColumn, rowCount, columnCount].every((n) => Number.isInteger(n)) &&
        startRow >= 0 &&
        startColumn >= 0 &&
        rowCount >= 1 &&
        columnCount >= 1;
      if (!ok || startRow + rowCount > MAX_ROWS || startColumn + columnCount > MAX_COLS) {
        throw new FakeExcelError('InvalidArgument', `getRangeByIndexes(${startRow}, ${startColumn}, ${rowCount}, ${columnCount})`);
      }
      return { sheet: this.target(), rect: { r1: startRow + 1, c1: startColumn + 1, r2: startRow + rowCount, c2: startColumn + columnCount } };
    });
  }

  getRanges(address: string): FakeRangeAreas {
    return new FakeRangeAreas(this.ctx, `${this.path}.ranges(${address.length > 60 ? `${address.slice(0, 60)}…` : address})`, () => {
      const sheet = this.target();
      const parts = address.split(/[,;]/).map((p) => p.trim());
      if (parts.some((p) => p === '')) throw new FakeExcelError('InvalidArgument', `getRanges: empty area in "${address}"`);
      return { sheet, rects: parts.map((p) => localRect(sheet, p)) };
    });
  }

  getUsedRange(valuesOnly = false): FakeRange {
    return new FakeRange(this.ctx, `${this.path}.usedRange(${valuesOnly})`, () => {
      const sheet = this.target();
      return { sheet, rect: usedRect(sheet, valuesOnly) ?? { r1: 1, c1: 1, r2: 1, c2: 1 } };
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(
      this.ctx,
      `${this.path}.usedRange?(${valuesOnly})`,
      () => {
        const sheet = this.target();
        const rect = usedRect(sheet, valuesOnly);
        return rect ? { sheet, rect } : null;
      },
      true,
    );
  }
}

function localRect(sheet: FakeSheet, address: string): Rect {
  const { sheet: named, local } = splitSheet(address);
  if (named !== null && named.toLowerCase() !== sheet.name.toLowerCase()) {
    throw new FakeExcelError('InvalidArgument', `address "${address}" is on another sheet than ${sheet.name}`);
  }
  return parseRect(local);
}

export function usedRect(sheet: FakeSheet, valuesOnly: boolean): Rect | null {
  let r1 = Infinity;
  let c1 = Infinity;
  let r2 = 0;
  let c2 = 0;
  const see = (k: number) => {
    const { r, c } = unkey(k);
    if (r < r1) r1 = r;
    if (r > r2) r2 = r;
    if (c < c1) c1 = c;
    if (c > c2) c2 = c;
  };
  for (const [k, cell] of sheet.cells) {
    if (cell.value !== undefined || cell.formula !== undefined || (!valuesOnly && cell.numberFormat && cell.numberFormat !== 'General')) see(k);
  }
  if (!valuesOnly) for (const k of sheet.formats.keys()) see(k);
  return r2 === 0 ? null : { r1, c1, r2, c2 };
}

class FakeFreezePanes extends FakeObject {
  constructor(
    ctx: Context,
    path: string,
    private readonly ws: FakeWorksheet,
  ) {
    super(ctx, path);
  }
  protected scalarNames(): string[] {
    return [];
  }
  protected snapshot(): unknown {
    return undefined;
  }
  freezeRows(count = 1): void {
    this.call('freezeRows', [count], () => (this.ws.target().freeze = { rows: count, columns: 0 }));
  }
  freezeColumns(count = 1): void {
    this.call('freezeColumns', [count], () => (this.ws.target().freeze = { rows: 0, columns: count }));
  }
  freezeAt(frozenRange: FakeRange | string): void {
    const arg = typeof frozenRange === 'string' ? frozenRange : frozenRange.path;
    this.call('freezeAt', [arg], () => {
      const s = this.ws.target();
      const rect = typeof frozenRange === 'string' ? localRect(s, frozenRange) : frozenRange.target().rect;
      if (rect.r1 !== 1 || rect.c1 !== 1) throw new FakeExcelError('InvalidArgument', 'freezeAt: the frozen range must start at A1');
      s.freeze = { rows: rect.r2 === MAX_ROWS ? 0 : rect.r2, columns: rect.c2 === MAX_COLS ? 0 : rect.c2 };
    });
  }
  unfreeze(): void {
    this.call('unfreeze', [], () => (this.ws.target().freeze = { rows: 0, columns: 0 }));
  }
}

const PAPER_SIZES = ['Letter', 'Legal', 'A3', 'A4', 'A5', 'B4', 'B5', 'Executive', 'Tabloid'];

class FakePageLayout extends FakeObject {
  constructor(
    ctx: Context,
    path: string,
    private readonly ws: FakeWorksheet,
  ) {
    super(ctx, path);
  }
  protected scalarNames(): string[] {
    return ['orientation', 'paperSize', 'zoom'];
  }
  protected snapshot(name: string): unknown {
    const p = this.ws.target().pageLayout;
    return name === 'orientation' ? p.orientation : name === 'paperSize' ? p.paperSize : { ...p.zoom };
  }
  get orientation(): string {
    return this.prop('orientation');
  }
  set orientation(v: string) {
    this.write('orientation', v, () => {
      if (v !== 'Portrait' && v !== 'Landscape') throw new FakeExcelError('InvalidArgument', `orientation "${v}"`);
      this.ws.target().pageLayout.orientation = v;
    });
  }
  get paperSize(): string {
    return this.prop('paperSize');
  }
  set paperSize(v: string) {
    this.write('paperSize', v, () => {
      if (!PAPER_SIZES.includes(v)) throw new FakeExcelError('InvalidArgument', `paperSize "${v}"`);
      this.ws.target().pageLayout.paperSize = v;
    });
  }
  get zoom(): Excel.PageLayoutZoomOptions {
    return this.prop('zoom');
  }
  set zoom(v: Excel.PageLayoutZoomOptions) {
    this.write('zoom', v, () => {
      const keys = Object.keys(v ?? {});
      if (!v || keys.some((k) => !['horizontalFitToPages', 'verticalFitToPages', 'scale'].includes(k))) {
        throw new FakeExcelError('InvalidArgument', `zoom ${JSON.stringify(v)}`);
      }
      if (v.scale !== undefined && (v.horizontalFitToPages !== undefined || v.verticalFitToPages !== undefined)) {
        throw new FakeExcelError('InvalidArgument', 'zoom: scale and fit-to-pages exclude each other');
      }
      this.ws.target().pageLayout.zoom = { ...v };
    });
  }
  setPrintTitleRows(printTitleRows: FakeRange | string): void {
    const arg = typeof printTitleRows === 'string' ? printTitleRows : printTitleRows.path;
    this.call('setPrintTitleRows', [arg], () => {
      const s = this.ws.target();
      const rect = typeof printTitleRows === 'string' ? localRect(s, printTitleRows) : printTitleRows.target().rect;
      if (rect.c1 !== 1 || rect.c2 !== MAX_COLS) throw new FakeExcelError('InvalidArgument', 'print title rows must span entire rows');
      s.pageLayout.printTitleRows = `$${rect.r1}:$${rect.r2}`;
    });
  }
  setPrintTitleColumns(printTitleColumns: FakeRange | string): void {
    const arg = typeof printTitleColumns === 'string' ? printTitleColumns : printTitleColumns.path;
    this.call('setPrintTitleColumns', [arg], () => {
      const s = this.ws.target();
      const rect = typeof printTitleColumns === 'string' ? localRect(s, printTitleColumns) : printTitleColumns.target().rect;
      if (rect.r1 !== 1 || rect.r2 !== MAX_ROWS) throw new FakeExcelError('InvalidArgument', 'print title columns must span entire columns');
      const [a, b] = rectAddress(rect).split(':');
      s.pageLayout.printTitleColumns = `$${a}:$${b}`;
    });
  }
  get headersFooters(): { defaultForAllPages: { centerFooter: string } } {
    const ws = this.ws;
    const ctx = this.ctx;
    const path = `${this.path}.headersFooters.defaultForAllPages`;
    return {
      defaultForAllPages: {
        get centerFooter(): string {
          throw new FakeExcelError('PropertyNotLoaded', `${path}.centerFooter: the fake does not load headers and footers`);
        },
        set centerFooter(v: string) {
          ctx.enqueue(path, 'centerFooter', v, () => {
            if (typeof v !== 'string' || v.length > 255) throw new FakeExcelError('InvalidArgument', `centerFooter ${String(v)}`);
            ws.target().pageLayout.centerFooter = v;
          });
        },
      },
    };
  }
}

/** worksheet.horizontalPageBreaks / verticalPageBreaks (ExcelApi 1.9): add() puts a break before the range's top-left cell. */
class FakePageBreakCollection extends FakeObject {
  constructor(
    ctx: Context,
    path: string,
    private readonly ws: FakeWorksheet,
    private readonly kind: 'rows' | 'columns',
  ) {
    super(ctx, path);
  }
  protected scalarNames(): string[] {
    return [];
  }
  protected snapshot(): unknown {
    return undefined;
  }
  add(pageBreakRange: FakeRange | string): void {
    const arg = typeof pageBreakRange === 'string' ? pageBreakRange : pageBreakRange.path;
    this.call('add', [arg], () => {
      const s = this.ws.target();
      const rect = typeof pageBreakRange === 'string' ? localRect(s, pageBreakRange) : pageBreakRange.target().rect;
      const at = this.kind === 'rows' ? rect.r1 : rect.c1;
      if (at < 2) throw new FakeExcelError('InvalidArgument', 'a page break cannot go before the first row or column');
      const list = this.kind === 'rows' ? s.rowBreaks : s.columnBreaks;
      if (!list.includes(at)) list.push(at);
    });
  }
}

// ---- ranges ---------------------------------------------------------------------------------------------------

interface RangeTarget {
  sheet: FakeSheet;
  rect: Rect;
}

class FakeRange extends FakeObject {
  private resolved: RangeTarget | null = null;
  private formatProxy: FakeRangeFormat | null = null;
  private cfProxy: FakeConditionalFormatCollection | null = null;
  private dvProxy: FakeDataValidation | null = null;

  constructor(
    ctx: Context,
    path: string,
    private readonly resolve: () => RangeTarget | null,
    nullable = false,
  ) {
    super(ctx, path, nullable);
    this.created(() => (this.resolved = this.resolve()));
  }

  target(): RangeTarget {
    if (!this.resolved) throw new FakeExcelError('ItemNotFound', `${this.path} is a null object`);
    return this.resolved;
  }

  protected override resolvedNull(): boolean {
    return this.resolved === null;
  }

  protected scalarNames(): string[] {
    return ['values', 'formulas', 'numberFormat', 'valueTypes', 'text', 'address', 'rowCount', 'columnCount', 'rowIndex', 'columnIndex', 'cellCount'];
  }

  protected snapshot(name: string): unknown {
    const { sheet, rect } = this.target();
    const grid = (f: (cell: FakeCell | undefined) => unknown) => {
      if (rows(rect) * cols(rect) > MAX_CELLS_PER_WRITE) throw new FakeExcelError('ResponsePayloadSizeLimitExceeded', `${this.path} is too large to load`);
      const out: unknown[][] = [];
      for (let r = rect.r1; r <= rect.r2; r++) {
        const row: unknown[] = [];
        for (let c = rect.c1; c <= rect.c2; c++) row.push(f(sheet.cells.get(key(r, c))));
        out.push(row);
      }
      return out;
    };
    switch (name) {
      case 'values':
        return grid((cell) => (cell?.formula !== undefined ? (cell.value ?? null) : (cell?.value ?? '')));
      case 'formulas':
        return grid((cell) => cell?.formula ?? cell?.value ?? '');
      case 'numberFormat':
        return grid((cell) => cell?.numberFormat ?? 'General');
      case 'valueTypes':
        return grid((cell) => valueType(cell));
      case 'text':
        return grid((cell) => (cell?.value === undefined ? '' : typeof cell.value === 'boolean' ? String(cell.value).toUpperCase() : String(cell.value)));
      case 'address':
        return `${sheetPrefix(sheet.name)}${rectAddress(rect)}`;
      case 'rowCount':
        return rows(rect);
      case 'columnCount':
        return cols(rect);
      case 'rowIndex':
        return rect.r1 - 1;
      case 'columnIndex':
        return rect.c1 - 1;
      case 'cellCount':
        return rows(rect) * cols(rect);
      default:
        return undefined;
    }
  }

  protected override child(name: string): FakeObject | null {
    if (name === 'format') return this.format;
    return null;
  }

  get values(): unknown[][] {
    return this.prop('values');
  }
  set values(v: unknown[][]) {
    this.write('values', v, () => writeGrid(this.target(), v, 'values'));
  }
  get formulas(): unknown[][] {
    return this.prop('formulas');
  }
  set formulas(v: unknown[][]) {
    this.write('formulas', v, () => writeGrid(this.target(), v, 'formulas'));
  }
  get numberFormat(): unknown[][] {
    return this.prop('numberFormat');
  }
  set numberFormat(v: unknown[][]) {
    this.write('numberFormat', v, () => writeGrid(this.target(), v, 'numberFormat'));
  }
  get valueTypes(): Excel.RangeValueType[][] {
    return this.prop('valueTypes');
  }
  get text(): string[][] {
    return this.prop('text');
  }
  get address(): string {
    return this.prop('address');
  }
  get rowCount(): number {
    return this.prop('rowCount');
  }
  get columnCount(): number {
    return this.prop('columnCount');
  }
  get rowIndex(): number {
    return this.prop('rowIndex');
  }
  get columnIndex(): number {
    return this.prop('columnIndex');
  }
  get cellCount(): number {
    return this.prop('cellCount');
  }

  get format(): FakeRangeFormat {
    return (this.formatProxy ??= new FakeRangeFormat(this.ctx, `${this.path}.format`, () => {
      const t = this.target();
      return { sheet: t.sheet, rects: [t.rect] };
    }));
  }

  get conditionalFormats(): FakeConditionalFormatCollection {
    return (this.cfProxy ??= new FakeConditionalFormatCollection(this.ctx, `${this.path}.cf`, () => this.target()));
  }

  get dataValidation(): FakeDataValidation {
    return (this.dvProxy ??= new FakeDataValidation(this.ctx, `${this.path}.dv`, () => this.target()));
  }

  merge(across = false): void {
    this.call('merge', [across], () => {
      const { sheet, rect } = this.target();
      const areas = across ? Array.from({ length: rows(rect) }, (_, i) => ({ ...rect, r1: rect.r1 + i, r2: rect.r1 + i })) : [rect];
      for (const a of areas) {
        if (rows(a) * cols(a) === 1) continue;
        if (sheet.merges.some((m) => intersects(m, a))) {
          throw new FakeExcelError('InvalidOperation', `merge ${rectAddress(a)}: overlaps an existing merged area`);
        }
        for (let r = a.r1; r <= a.r2; r++) {
          for (let c = a.c1; c <= a.c2; c++) {
            if (r === a.r1 && c === a.c1) continue;
            const cell = sheet.cells.get(key(r, c));
            if (cell) {
              delete cell.value;
              delete cell.formula;
              delete cell.error;
            }
          }
        }
        sheet.merges.push(a);
      }
    });
  }

  /** Selects the range in the UI: its sheet becomes the active one (it must be visible). */
  select(): void {
    this.call('select', [], () => {
      const { sheet, rect } = this.target();
      if (sheet.visibility !== 'Visible') throw new FakeExcelError('InvalidOperation', 'a range on a hidden worksheet cannot be selected');
      this.ctx.host.activeSheetId = sheet.id;
      this.ctx.host.selection = { sheet: sheet.name, address: rectAddress(rect) };
    });
  }

  unmerge(): void {
    this.call('unmerge', [], () => {
      const { sheet, rect } = this.target();
      sheet.merges = sheet.merges.filter((m) => !intersects(m, rect));
    });
  }

  clear(applyTo: string = 'All'): void {
    this.call('clear', [applyTo], () => {
      const { sheet, rect } = this.target();
      for (const k of [...sheet.cells.keys()]) {
        const { r, c } = unkey(k);
        if (r < rect.r1 || r > rect.r2 || c < rect.c1 || c > rect.c2) continue;
        const cell = sheet.cells.get(k)!;
        if (applyTo === 'All' || applyTo === 'Contents') {
          delete cell.value;
          delete cell.formula;
          delete cell.error;
        }
        if (applyTo === 'All' || applyTo === 'Formats') delete cell.numberFormat;
      }
      if (applyTo === 'All' || applyTo === 'Formats') {
        for (const k of [...sheet.formats.keys()]) {
          const { r, c } = unkey(k);
          if (r >= rect.r1 && r <= rect.r2 && c >= rect.c1 && c <= rect.c2) sheet.formats.delete(k);
        }
      }
    });
  }

  getBoundingRect(another: FakeRange | string): FakeRange {
    return new FakeRange(this.ctx, `${this.path}.bounding`, () => {
      const a = this.target();
      const b = typeof another === 'string' ? localRect(a.sheet, another) : another.target().rect;
      if (typeof another !== 'string' && another.target().sheet !== a.sheet) throw new FakeExcelError('InvalidArgument', 'ranges on different sheets');
      return { sheet: a.sheet, rect: boundingRect(a.rect, b) };
    });
  }

  getIntersection(another: FakeRange | string): FakeRange {
    return new FakeRange(this.ctx, `${this.path}.intersection`, () => {
      const a = this.target();
      const b = typeof another === 'string' ? localRect(a.sheet, another) : another.target().rect;
      const i = intersection(a.rect, b);
      if (!i) throw new FakeExcelError('ItemNotFound', 'the ranges do not intersect');
      return { sheet: a.sheet, rect: i };
    });
  }

  getIntersectionOrNullObject(another: FakeRange | string): FakeRange {
    return new FakeRange(
      this.ctx,
      `${this.path}.intersection?`,
      () => {
        const a = this.target();
        const b = typeof another === 'string' ? localRect(a.sheet, another) : another.target().rect;
        const i = intersection(a.rect, b);
        return i ? { sheet: a.sheet, rect: i } : null;
      },
      true,
    );
  }
}

class FakeRangeAreas extends FakeObject {
  private resolved: { sheet: FakeSheet; rects: Rect[] } | null = null;
  private formatProxy: FakeRangeFormat | null = null;
  constructor(
    ctx: Context,
    path: string,
    private readonly resolve: () => { sheet: FakeSheet; rects: Rect[] },
  ) {
    super(ctx, path);
    this.created(() => (this.resolved = this.resolve()));
  }
  protected scalarNames(): string[] {
    return ['address', 'areaCount', 'cellCount'];
  }
  protected snapshot(name: string): unknown {
    const { sheet, rects } = this.resolved!;
    if (name === 'address') return rects.map((r) => `${sheetPrefix(sheet.name)}${rectAddress(r)}`).join(',');
    if (name === 'areaCount') return rects.length;
    return rects.reduce((n, r) => n + rows(r) * cols(r), 0);
  }
  protected override child(name: string): FakeObject | null {
    return name === 'format' ? this.format : null;
  }
  get address(): string {
    return this.prop('address');
  }
  get areaCount(): number {
    return this.prop('areaCount');
  }
  get format(): FakeRangeFormat {
    return (this.formatProxy ??= new FakeRangeFormat(this.ctx, `${this.path}.format`, () => this.resolved!));
  }
}

// ---- cell writes ---------------------------------------------------------------------------------------------------

function cellOf(sheet: FakeSheet, r: number, c: number): FakeCell {
  const k = key(r, c);
  let cell = sheet.cells.get(k);
  if (!cell) {
    cell = {};
    sheet.cells.set(k, cell);
  }
  return cell;
}

function setInput(sheet: FakeSheet, r: number, c: number, v: CellInput, asFormulas: boolean): void {
  const cell = cellOf(sheet, r, c);
  const text = cell.numberFormat === '@';
  const constant = (value: CellInput, numberFormat?: string, error?: boolean) => {
    cell.value = value;
    delete cell.formula;
    if (error) cell.error = true;
    else delete cell.error;
    if (numberFormat && (cell.numberFormat === undefined || cell.numberFormat === 'General')) cell.numberFormat = numberFormat;
  };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new FakeExcelError('InvalidArgument', `cannot write ${v}`);
    constant(text ? String(v) : v);
    return;
  }
  if (typeof v === 'boolean') {
    constant(text ? String(v).toUpperCase() : v);
    return;
  }
  if (v === '') {
    delete cell.value;
    delete cell.formula;
    delete cell.error;
    return;
  }
  if (v.length > 32_767) throw new FakeExcelError('InvalidArgument', 'a cell holds at most 32,767 characters');
  if (text) {
    constant(v);
    return;
  }
  // Excel interprets =, + and - (and @) as the start of a formula, in `values` as in `formulas`.
  const formulaText = v.startsWith('=') ? v : /^[+\-@]/.test(v) && excelConversion(v) === null ? `=${v.replace(/^@/, '')}` : null;
  if (formulaText !== null) {
    const problem = checkFormula(formulaText);
    if (problem) throw new FakeExcelError('InvalidArgument', `${rectAddress({ r1: r, c1: c, r2: r, c2: c })}: ${problem}: ${v}`);
    delete cell.value;
    delete cell.error;
    cell.formula = formulaText;
    return;
  }
  void asFormulas;
  if (v.startsWith("'")) {
    constant(v.slice(1));
    return;
  }
  const converted = excelConversion(v);
  if (converted) constant(converted.value, converted.numberFormat, converted.error);
  else constant(v);
}

function writeGrid(target: RangeTarget, input: unknown, kind: 'values' | 'formulas' | 'numberFormat'): void {
  const { sheet, rect } = target;
  const R = rows(rect);
  const C = cols(rect);
  let at: (i: number, j: number) => unknown;
  if (Array.isArray(input)) {
    if (input.length !== R || input.some((row) => !Array.isArray(row) || row.length !== C)) {
      const got = `${input.length}×${Array.isArray(input[0]) ? (input[0] as unknown[]).length : '?'}`;
      throw new FakeExcelError(
        'InvalidArgument',
        `${kind} of ${rectAddress(rect)}: the number of rows or columns in the input array (${got}) doesn't match the size or dimensions of the range (${R}×${C}).`,
      );
    }
    at = (i, j) => (input[i] as unknown[])[j];
  } else {
    if (typeof input !== 'string' && typeof input !== 'number' && typeof input !== 'boolean') {
      throw new FakeExcelError('InvalidArgument', `${kind}: not a 2-D array or a single value`);
    }
    at = () => input;
  }
  if (R * C > MAX_CELLS_PER_WRITE) throw new FakeExcelError('FakeUnsupported', `${kind} write of ${R * C} cells`);
  for (let i = 0; i < R; i++) {
    for (let j = 0; j < C; j++) {
      const v = at(i, j);
      if (v === null || v === undefined) continue; // null leaves the cell as it is
      if (kind === 'numberFormat') {
        if (typeof v !== 'string') throw new FakeExcelError('InvalidArgument', `numberFormat must be text, got ${JSON.stringify(v)}`);
        cellOf(sheet, rect.r1 + i, rect.c1 + j).numberFormat = v;
        continue;
      }
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
        throw new FakeExcelError('InvalidArgument', `${kind}: unsupported value ${JSON.stringify(v)}`);
      }
      setInput(sheet, rect.r1 + i, rect.c1 + j, v, kind === 'formulas');
    }
  }
}

// ---- formats ---------------------------------------------------------------------------------------------------------

interface FormatTarget {
  sheet: FakeSheet;
  rects: Rect[];
}

function eachCell(t: FormatTarget, f: (fmt: CellFormat, r: number, c: number, rect: Rect) => void): void {
  for (const rect of t.rects) {
    if (rows(rect) * cols(rect) > MAX_CELLS_PER_WRITE) {
      throw new FakeExcelError('FakeUnsupported', `cell formats on ${rectAddress(rect)} (whole rows or columns) are not modelled`);
    }
    for (let r = rect.r1; r <= rect.r2; r++) {
      for (let c = rect.c1; c <= rect.c2; c++) {
        const k = key(r, c);
        let fmt = t.sheet.formats.get(k);
        if (!fmt) {
          fmt = {};
          t.sheet.formats.set(k, fmt);
        }
        f(fmt, r, c, rect);
      }
    }
  }
}

/** One value when every cell agrees, else null (as Excel reports mixed formats). */
function common<T>(t: FormatTarget, f: (fmt: CellFormat | undefined) => T): T | null {
  let first: { v: T } | null = null;
  for (const rect of t.rects) {
    for (let r = rect.r1; r <= Math.min(rect.r2, rect.r1 + 2000); r++) {
      for (let c = rect.c1; c <= Math.min(rect.c2, rect.c1 + 200); c++) {
        const v = f(t.sheet.formats.get(key(r, c)));
        if (!first) first = { v };
        else if (first.v !== v) return null;
      }
    }
  }
  return first ? first.v : null;
}

const H_ALIGN = ['General', 'Left', 'Center', 'Right', 'Fill', 'Justify', 'CenterAcrossSelection', 'Distributed'];
const V_ALIGN = ['Top', 'Center', 'Bottom', 'Justify', 'Distributed'];

class FakeRangeFormat extends FakeObject {
  readonly fill: FakeRangeFill;
  readonly font: FakeRangeFont;
  readonly borders: FakeBorderCollection;
  constructor(
    ctx: Context,
    path: string,
    readonly targets: () => FormatTarget,
  ) {
    super(ctx, path);
    this.fill = new FakeRangeFill(ctx, `${path}.fill`, targets);
    this.font = new FakeRangeFont(ctx, `${path}.font`, targets);
    this.borders = new FakeBorderCollection(ctx, `${path}.borders`, targets);
  }
  protected scalarNames(): string[] {
    return ['columnWidth', 'rowHeight', 'horizontalAlignment', 'verticalAlignment', 'wrapText'];
  }
  protected snapshot(name: string): unknown {
    const t = this.targets();
    switch (name) {
      case 'columnWidth': {
        const ws = t.rects.flatMap((r) => Array.from({ length: Math.min(cols(r), 500) }, (_, i) => t.sheet.columnWidths.get(r.c1 + i) ?? DEFAULT_COLUMN_WIDTH));
        return ws.every((w) => w === ws[0]) ? ws[0] : null;
      }
      case 'rowHeight': {
        const hs = t.rects.flatMap((r) => Array.from({ length: Math.min(rows(r), 2000) }, (_, i) => t.sheet.rowHeights.get(r.r1 + i) ?? DEFAULT_ROW_HEIGHT));
        return hs.every((h) => h === hs[0]) ? hs[0] : null;
      }
      case 'horizontalAlignment':
        return common(t, (f) => f?.hAlign ?? 'General');
      case 'verticalAlignment':
        return common(t, (f) => f?.vAlign ?? 'Bottom');
      default:
        return common(t, (f) => f?.wrap ?? false);
    }
  }
  protected override child(name: string): FakeObject | null {
    return name === 'fill' ? this.fill : name === 'font' ? this.font : null;
  }
  get columnWidth(): number {
    return this.prop('columnWidth');
  }
  set columnWidth(v: number) {
    this.write('columnWidth', v, () => {
      if (typeof v !== 'number' || !(v >= 0) || v > 1800) throw new FakeExcelError('InvalidArgument', `columnWidth ${v}`);
      for (const r of this.targets().rects) for (let c = r.c1; c <= r.c2; c++) this.targets().sheet.columnWidths.set(c, v);
    });
  }
  get rowHeight(): number {
    return this.prop('rowHeight');
  }
  set rowHeight(v: number) {
    this.write('rowHeight', v, () => {
      if (typeof v !== 'number' || !(v >= 0) || v > 409) throw new FakeExcelError('InvalidArgument', `rowHeight ${v}`);
      for (const r of this.targets().rects) for (let i = r.r1; i <= r.r2; i++) this.targets().sheet.rowHeights.set(i, v);
    });
  }
  get horizontalAlignment(): string {
    return this.prop('horizontalAlignment');
  }
  set horizontalAlignment(v: string) {
    this.write('horizontalAlignment', v, () => {
      if (!H_ALIGN.includes(v)) throw new FakeExcelError('InvalidArgument', `horizontalAlignment "${v}"`);
      eachCell(this.targets(), (f) => (f.hAlign = v));
    });
  }
  get verticalAlignment(): string {
    return this.prop('verticalAlignment');
  }
  set verticalAlignment(v: string) {
    this.write('verticalAlignment', v, () => {
      if (!V_ALIGN.includes(v)) throw new FakeExcelError('InvalidArgument', `verticalAlignment "${v}"`);
      eachCell(this.targets(), (f) => (f.vAlign = v));
    });
  }
  get wrapText(): boolean {
    return this.prop('wrapText');
  }
  set wrapText(v: boolean) {
    this.write('wrapText', v, () => {
      if (typeof v !== 'boolean') throw new FakeExcelError('InvalidArgument', `wrapText ${String(v)}`);
      eachCell(this.targets(), (f) => (f.wrap = v));
    });
  }
}

class FakeRangeFill extends FakeObject {
  constructor(
    ctx: Context,
    path: string,
    private readonly targets: () => FormatTarget,
  ) {
    super(ctx, path);
  }
  protected scalarNames(): string[] {
    return ['color'];
  }
  protected snapshot(): unknown {
    return common(this.targets(), (f) => f?.fill ?? '#FFFFFF');
  }
  get color(): string {
    return this.prop('color');
  }
  set color(v: string) {
    this.write('color', v, () => {
      const c = validColor(v);
      eachCell(this.targets(), (f) => (f.fill = c));
    });
  }
}

class FakeRangeFont extends FakeObject {
  constructor(
    ctx: Context,
    path: string,
    private readonly targets: () => FormatTarget,
  ) {
    super(ctx, path);
  }
  protected scalarNames(): string[] {
    return ['bold', 'color', 'size', 'name'];
  }
  protected snapshot(name: string): unknown {
    const t = this.targets();
    if (name === 'bold') return common(t, (f) => f?.bold ?? false);
    if (name === 'color') return common(t, (f) => f?.fontColor ?? '#000000');
    if (name === 'name') return common(t, (f) => f?.fontName ?? 'Calibri');
    return common(t, (f) => f?.fontSize ?? 11);
  }
  get name(): string {
    return this.prop('name');
  }
  set name(v: string) {
    this.write('name', v, () => {
      if (typeof v !== 'string' || v === '' || v.length > 31) throw new FakeExcelError('InvalidArgument', `font name ${String(v)}`);
      eachCell(this.targets(), (f) => (f.fontName = v));
    });
  }
  get bold(): boolean {
    return this.prop('bold');
  }
  set bold(v: boolean) {
    this.write('bold', v, () => {
      if (typeof v !== 'boolean') throw new FakeExcelError('InvalidArgument', `bold ${String(v)}`);
      eachCell(this.targets(), (f) => (f.bold = v));
    });
  }
  get color(): string {
    return this.prop('color');
  }
  set color(v: string) {
    this.write('color', v, () => {
      const c = validColor(v);
      eachCell(this.targets(), (f) => (f.fontColor = c));
    });
  }
  get size(): number {
    return this.prop('size');
  }
  set size(v: number) {
    this.write('size', v, () => {
      if (typeof v !== 'number' || v < 1 || v > 409) throw new FakeExcelError('InvalidArgument', `font size ${v}`);
      eachCell(this.targets(), (f) => (f.fontSize = v));
    });
  }
}

const BORDER_INDEXES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal', 'DiagonalDown', 'DiagonalUp'];
const BORDER_STYLES = ['None', 'Continuous', 'Dash', 'DashDot', 'DashDotDot', 'Dot', 'Double', 'SlantDashDot'];

class FakeBorderCollection extends FakeObject {
  constructor(
    ctx: Context,
    path: string,
    private readonly targets: () => FormatTarget,
  ) {
    super(ctx, path);
  }
  protected scalarNames(): string[] {
    return [];
  }
  protected snapshot(): unknown {
    return undefined;
  }
  getItem(index: string): FakeRangeBorder {
    if (!BORDER_INDEXES.includes(index)) throw new FakeExcelError('InvalidArgument', `border index "${index}"`);
    return new FakeRangeBorder(this.ctx, `${this.path}[${index}]`, this.targets, index);
  }
}

class FakeRangeBorder extends FakeObject {
  constructor(
    ctx: Context,
    path: string,
    private readonly targets: () => FormatTarget,
    private readonly index: string,
  ) {
    super(ctx, path);
  }
  protected scalarNames(): string[] {
    return [];
  }
  protected snapshot(): unknown {
    return undefined;
  }
  /** The cell edges this border index covers, for one area. */
  private apply(set: (b: BorderDef) => void): void {
    eachCell(this.targets(), (f, r, c, rect) => {
      f.borders ??= {};
      const edge = (e: 'top' | 'bottom' | 'left' | 'right') => set((f.borders![e] ??= {}));
      switch (this.index) {
        case 'EdgeTop':
          if (r === rect.r1) edge('top');
          break;
        case 'EdgeBottom':
          if (r === rect.r2) edge('bottom');
          break;
        case 'EdgeLeft':
          if (c === rect.c1) edge('left');
          break;
        case 'EdgeRight':
          if (c === rect.c2) edge('right');
          break;
        case 'InsideHorizontal':
          if (r > rect.r1) edge('top');
          if (r < rect.r2) edge('bottom');
          break;
        case 'InsideVertical':
          if (c > rect.c1) edge('left');
          if (c < rect.c2) edge('right');
          break;
        default:
          break;
      }
    });
  }
  set style(v: string) {
    this.write('style', v, () => {
      if (!BORDER_STYLES.includes(v)) throw new FakeExcelError('InvalidArgument', `border style "${v}"`);
      this.apply((b) => (b.style = v));
    });
  }
  set color(v: string) {
    this.write('color', v, () => {
      const c = validColor(v);
      this.apply((b) => (b.color = c));
    });
  }
  set weight(v: string) {
    this.write('weight', v, () => {
      if (!['Hairline', 'Thin', 'Medium', 'Thick'].includes(v)) throw new FakeExcelError('InvalidArgument', `border weight "${v}"`);
      this.apply((b) => (b.weight = v));
    });
  }
}

// ---- conditional formats and data validation ------------------------------------------------------------------

class FakeConditionalFormatCollection extends FakeObject {
  constructor(
    ctx: Context,
    path: string,
    private readonly target: () => RangeTarget,
  ) {
    super(ctx, path);
  }
  protected scalarNames(): string[] {
    return [];
  }
  protected snapshot(): unknown {
    return undefined;
  }
  add(type: string): FakeConditionalFormatProxy {
    const holder: { record: FakeConditionalFormat | null } = { record: null };
    this.call('add', [type], () => {
      if (type !== 'Custom') throw new FakeExcelError('FakeUnsupported', `conditional format type "${type}" is not modelled`);
      const { sheet, rect } = this.target();
      holder.record = { rect, range: rectAddress(rect), type, formula: null, fill: null, fontColor: null };
      sheet.conditionalFormats.unshift(holder.record);
    });
    return new FakeConditionalFormatProxy(this.ctx, `${this.path}.add`, holder);
  }
  clearAll(): void {
    this.call('clearAll', [], () => {
      const { sheet, rect } = this.target();
      sheet.conditionalFormats = sheet.conditionalFormats.filter((cf) => !intersects(cf.rect, rect));
    });
  }
}

type CfHolder = { record: FakeConditionalFormat | null };

class FakeConditionalFormatProxy extends FakeObject {
  readonly custom: FakeCustomConditionalFormat;
  constructor(
    ctx: Context,
    path: string,
    private readonly holder: CfHolder,
  ) {
    super(ctx, path);
    this.custom = new FakeCustomConditionalFormat(ctx, `${path}.custom`, holder);
  }
  protected scalarNames(): string[] {
    return ['type'];
  }
  protected snapshot(): unknown {
    return this.holder.record?.type;
  }
  get type(): string {
    return this.prop('type');
  }
}

function cfRecord(holder: CfHolder): FakeConditionalFormat {
  if (!holder.record) throw new FakeExcelError('ItemNotFound', 'the conditional format was not created');
  if (holder.record.type !== 'Custom') throw new FakeExcelError('InvalidOperation', 'custom is only valid on a Custom conditional format');
  return holder.record;
}

class FakeCustomConditionalFormat extends FakeObject {
  readonly rule: FakeConditionalFormatRule;
  readonly format: FakeConditionalRangeFormat;
  constructor(ctx: Context, path: string, holder: CfHolder) {
    super(ctx, path);
    this.rule = new FakeConditionalFormatRule(ctx, `${path}.rule`, holder);
    this.format = new FakeConditionalRangeFormat(ctx, `${path}.format`, holder);
  }
  protected scalarNames(): string[] {
    return [];
  }
  protected snapshot(): unknown {
    return undefined;
  }
}

class FakeConditionalFormatRule extends FakeObject {
  constructor(
    ctx: Context,
    path: string,
    private readonly holder: CfHolder,
  ) {
    super(ctx, path);
  }
  protected scalarNames(): string[] {
    return ['formula'];
  }
  protected snapshot(): unknown {
    return cfRecord(this.holder).formula;
  }
  get formula(): string {
    return this.prop('formula');
  }
  set formula(v: string) {
    this.write('formula', v, () => {
      const problem = typeof v === 'string' ? checkFormula(v) : 'not text';
      if (problem) throw new FakeExcelError('InvalidArgument', `conditional format formula ${JSON.stringify(v)}: ${problem}`);
      cfRecord(this.holder).formula = v;
    });
  }
}

class FakeConditionalRangeFormat extends FakeObject {
  readonly fill: { color: string };
  readonly font: { color: string };
  constructor(ctx: Context, path: string, holder: CfHolder) {
    super(ctx, path);
    const setter = (prop: string, apply: (c: string) => void) => ({
      set color(v: string) {
        ctx.enqueue(`${path}.${prop}`, 'color', v, () => apply(validColor(v)));
      },
      get color(): string {
        throw new FakeExcelError('PropertyNotLoaded', `${path}.${prop}.color is write-only in the fake`);
      },
    });
    this.fill = setter('fill', (c) => (cfRecord(holder).fill = c));
    this.font = setter('font', (c) => (cfRecord(holder).fontColor = c));
  }
  protected scalarNames(): string[] {
    return [];
  }
  protected snapshot(): unknown {
    return undefined;
  }
}

class FakeDataValidation extends FakeObject {
  constructor(
    ctx: Context,
    path: string,
    private readonly target: () => RangeTarget,
  ) {
    super(ctx, path);
  }
  protected scalarNames(): string[] {
    return ['ignoreBlanks', 'rule', 'prompt', 'errorAlert'];
  }
  private record(): FakeValidation {
    const { sheet, rect } = this.target();
    let v = sheet.validations.find((x) => rectAddress(x.rect) === rectAddress(rect));
    if (!v) {
      if (sheet.validations.some((x) => intersects(x.rect, rect))) {
        throw new FakeExcelError('InvalidOperation', `data validation on ${rectAddress(rect)} overlaps another validation`);
      }
      v = { rect, range: rectAddress(rect), rule: null, prompt: null, errorAlert: null, ignoreBlanks: true };
      sheet.validations.push(v);
    }
    return v;
  }
  protected snapshot(name: string): unknown {
    const r = this.record();
    return (r as unknown as Record<string, unknown>)[name];
  }
  set rule(v: Excel.DataValidationRule) {
    this.write('rule', v, () => {
      const kinds = Object.keys(v ?? {});
      if (kinds.length !== 1) throw new FakeExcelError('InvalidArgument', 'a data validation rule has exactly one kind');
      const basic = (v as Record<string, Excel.BasicDataValidation>)[kinds[0]];
      if ((kinds[0] === 'wholeNumber' || kinds[0] === 'decimal') && (basic.formula1 === undefined || !basic.operator)) {
        throw new FakeExcelError('InvalidArgument', `${kinds[0]} needs formula1 and operator`);
      }
      if (basic.operator === 'Between' && basic.formula2 === undefined) throw new FakeExcelError('InvalidArgument', 'Between needs formula2');
      this.record().rule = JSON.parse(JSON.stringify(v)) as Excel.DataValidationRule;
    });
  }
  get rule(): Excel.DataValidationRule {
    return this.prop('rule');
  }
  set prompt(v: Excel.DataValidationPrompt) {
    this.write('prompt', v, () => {
      if ((v.message ?? '').length > 255 || (v.title ?? '').length > 32) {
        throw new FakeExcelError('InvalidArgument', 'prompt: message ≤ 255 and title ≤ 32 characters');
      }
      this.record().prompt = { ...v };
    });
  }
  get prompt(): Excel.DataValidationPrompt {
    return this.prop('prompt');
  }
  set errorAlert(v: Excel.DataValidationErrorAlert) {
    this.write('errorAlert', v, () => {
      if ((v.message ?? '').length > 255 || (v.title ?? '').length > 32) {
        throw new FakeExcelError('InvalidArgument', 'errorAlert: message ≤ 255 and title ≤ 32 characters');
      }
      if (!['Stop', 'Warning', 'Information'].includes(v.style)) throw new FakeExcelError('InvalidArgument', `errorAlert style ${v.style}`);
      this.record().errorAlert = { ...v };
    });
  }
  get errorAlert(): Excel.DataValidationErrorAlert {
    return this.prop('errorAlert');
  }
  set ignoreBlanks(v: boolean) {
    this.write('ignoreBlanks', v, () => (this.record().ignoreBlanks = v));
  }
  get ignoreBlanks(): boolean {
    return this.prop('ignoreBlanks');
  }
  clear(): void {
    this.call('clear', [], () => {
      const { sheet, rect } = this.target();
      sheet.validations = sheet.validations.filter((x) => !intersects(x.rect, rect));
    });
  }
}

// ---- charts (ExcelApi 1.1: charts.add, items, count, getItem; chart.name, title.text/visible, setPosition, delete) ----

/** The chart types the fake accepts (2-D ones); other Excel.ChartType values are not modelled. */
const CHART_TYPES = [
  'ColumnClustered',
  'ColumnStacked',
  'ColumnStacked100',
  'BarClustered',
  'BarStacked',
  'BarStacked100',
  'Line',
  'LineStacked',
  'LineStacked100',
  'LineMarkers',
  'LineMarkersStacked',
  'LineMarkersStacked100',
  'Pie',
  'PieExploded',
  'Doughnut',
  'DoughnutExploded',
  'Area',
  'AreaStacked',
  'AreaStacked100',
  'XYScatter',
  'XYScatterLines',
  'XYScatterLinesNoMarkers',
  'XYScatterSmooth',
  'XYScatterSmoothNoMarkers',
  'Radar',
  'RadarMarkers',
  'RadarFilled',
  'Bubble',
];
const SERIES_BY = ['Auto', 'Columns', 'Rows'];
/** Excel refuses longer chart titles. */
const MAX_CHART_TITLE = 255;

type ChartHolder = { sheet: FakeSheet | null; record: FakeChart | null };

class FakeChartCollection extends FakeObject {
  private loadedItems: FakeChartProxy[] | null = null;

  constructor(
    ctx: Context,
    path: string,
    private readonly ws: FakeWorksheet,
  ) {
    super(ctx, path);
  }
  protected scalarNames(): string[] {
    return ['count'];
  }
  protected snapshot(): unknown {
    return this.ws.target().charts.length;
  }
  get count(): number {
    return this.prop('count');
  }
  get items(): FakeChartProxy[] {
    this.ctx.checkOpen();
    if (!this.loadedItems) {
      throw new FakeExcelError('PropertyNotLoaded', `The property 'items' of ${this.path} is not available: load('items') and sync first.`);
    }
    return this.loadedItems;
  }

  override load(arg?: LoadArg): this {
    this.ctx.checkOpen();
    const names = loadNames(arg) ?? ['items'];
    const own = names.filter((n) => n === 'count');
    const itemProps: string[] = [];
    let wantItems = false;
    for (const n of names) {
      if (n === 'count') continue;
      if (n === 'items') {
        wantItems = true;
        itemProps.push('name', 'chartType');
      } else if (n.startsWith('items/')) {
        wantItems = true;
        itemProps.push(n.slice(6));
      } else throw new FakeExcelError('InvalidArgument', `charts has no property "${n}" (or the fake does not model it)`);
    }
    for (const p of itemProps) {
      if (!['name', 'chartType', 'title/text', 'title/visible'].includes(p))
        throw new FakeExcelError('InvalidArgument', `chart items: the fake does not load "${p}"`);
    }
    if (own.length > 0) super.load(own);
    if (!wantItems) return this;
    this.ctx.enqueue(this.path, 'load', names, (response) => {
      const sheet = this.ws.target();
      const items = sheet.charts.map((record, i) => {
        const chart = new FakeChartProxy(this.ctx, `${this.path}[${i}]`, { sheet, record }, true);
        for (const p of itemProps) chart.preloadProp(p);
        return chart;
      });
      response.bytes += utf8Length(JSON.stringify(items.map((c) => c.toJSON())));
      response.commits.push(() => (this.loadedItems = items));
    });
    return this;
  }

  add(type: string, sourceData: FakeRange, seriesBy: string = 'Auto'): FakeChartProxy {
    const holder: ChartHolder = { sheet: null, record: null };
    const arg = sourceData instanceof FakeRange ? sourceData.path : String(sourceData);
    this.call('add', [type, arg, seriesBy], () => {
      if (!CHART_TYPES.includes(type)) {
        throw new FakeExcelError(type === 'Invalid' || typeof type !== 'string' ? 'InvalidArgument' : 'FakeUnsupported', `chart type "${String(type)}"`);
      }
      if (!SERIES_BY.includes(seriesBy)) throw new FakeExcelError('InvalidArgument', `seriesBy "${String(seriesBy)}"`);
      if (!(sourceData instanceof FakeRange)) throw new FakeExcelError('InvalidArgument', 'charts.add: sourceData must be a Range object');
      const sheet = this.ws.target();
      const source = sourceData.target();
      const id = this.ctx.host.nextChartId++;
      holder.sheet = sheet;
      holder.record = {
        id,
        name: `Chart ${id}`,
        type,
        sourceSheet: source.sheet.name,
        source: rectAddress(source.rect),
        seriesBy: seriesBy as FakeChart['seriesBy'],
        sourceFilledAtAdd: [...source.sheet.cells].filter(([k, cell]) => {
          const { r, c } = unkey(k);
          const inside = r >= source.rect.r1 && r <= source.rect.r2 && c >= source.rect.c1 && c <= source.rect.c2;
          return inside && (cell.value !== undefined || cell.formula !== undefined);
        }).length,
        title: null,
        titleVisible: true,
        position: null,
      };
      sheet.charts.push(holder.record);
    });
    return new FakeChartProxy(this.ctx, `${this.path}.add`, holder);
  }

  getItem(name: string): FakeChartProxy {
    const holder: ChartHolder = { sheet: null, record: null };
    const chart = new FakeChartProxy(this.ctx, `${this.path}[${name}]`, holder);
    this.ctx.enqueue(chart.path, 'create', undefined, () => {
      const sheet = this.ws.target();
      const record = sheet.charts.find((c) => c.name === name);
      if (!record) throw new FakeExcelError('ItemNotFound', `The requested resource doesn't exist: chart "${name}" on ${sheet.name}`);
      holder.sheet = sheet;
      holder.record = record;
    });
    return chart;
  }
}

class FakeChartProxy extends FakeObject {
  readonly title: FakeChartTitle;
  constructor(
    ctx: Context,
    path: string,
    private readonly holder: ChartHolder,
    /** Collection items arrive with their loaded properties. */
    private readonly asItem = false,
  ) {
    super(ctx, path);
    this.title = new FakeChartTitle(ctx, `${path}.title`, () => this.record());
  }

  /** The chart at command time. */
  record(): FakeChart {
    const { sheet, record } = this.holder;
    if (!sheet || !record) throw new FakeExcelError('ItemNotFound', `${this.path}: the chart was not created`);
    if (!this.ctx.host.sheets.includes(sheet) || !sheet.charts.includes(record)) {
      throw new FakeExcelError('ItemNotFound', `${this.path}: the chart was deleted`);
    }
    return record;
  }

  preloadProp(name: string): void {
    if (!this.asItem) throw new Error('fake: only collection items arrive loaded');
    if (name.startsWith('title/')) this.title.preloadProp(name.slice(6));
    else this.preload(name, this.snapshot(name));
  }

  protected scalarNames(): string[] {
    return ['name', 'chartType'];
  }
  protected snapshot(name: string): unknown {
    const r = this.record();
    return name === 'name' ? r.name : r.type;
  }
  protected override child(name: string): FakeObject | null {
    return name === 'title' ? this.title : null;
  }

  get name(): string {
    return this.prop('name');
  }
  set name(v: string) {
    this.write('name', v, () => {
      if (typeof v !== 'string' || v.trim() === '' || v.length > 255) throw new FakeExcelError('InvalidArgument', `chart name ${JSON.stringify(v)}`);
      this.record().name = v;
    });
  }
  get chartType(): string {
    return this.prop('chartType');
  }

  /** Top-left at startCell; with endCell, the chart covers through that cell (ExcelApi 1.1). */
  setPosition(startCell: FakeRange | string, endCell?: FakeRange | string): void {
    const show = (x: FakeRange | string | undefined) => (x === undefined ? null : typeof x === 'string' ? x : x.path);
    this.call('setPosition', [show(startCell), show(endCell)], () => {
      const record = this.record();
      const sheet = this.holder.sheet!;
      const rectOf = (x: FakeRange | string): Rect => {
        if (typeof x === 'string') return localRect(sheet, x);
        const t = x.target();
        if (t.sheet !== sheet) throw new FakeExcelError('InvalidArgument', 'setPosition: the cell is on another worksheet than the chart');
        return t.rect;
      };
      const start = rectOf(startCell);
      const end = endCell === undefined ? null : rectOf(endCell);
      if (end && (end.r2 < start.r1 || end.c2 < start.c1)) {
        throw new FakeExcelError('InvalidArgument', `setPosition: the end cell ${rectAddress(end)} is above or left of the start cell ${rectAddress(start)}`);
      }
      record.position = { start: rectAddress(start), end: end ? rectAddress(end) : null };
    });
  }

  delete(): void {
    this.call('delete', [], () => {
      const record = this.record();
      const sheet = this.holder.sheet!;
      sheet.charts.splice(sheet.charts.indexOf(record), 1);
    });
  }
}

class FakeChartTitle extends FakeObject {
  constructor(
    ctx: Context,
    path: string,
    private readonly chart: () => FakeChart,
  ) {
    super(ctx, path);
  }
  preloadProp(name: string): void {
    this.preload(name, this.snapshot(name));
  }
  protected scalarNames(): string[] {
    return ['text', 'visible'];
  }
  protected snapshot(name: string): unknown {
    const c = this.chart();
    return name === 'text' ? (c.title ?? '') : c.titleVisible;
  }
  get text(): string {
    return this.prop('text');
  }
  set text(v: string) {
    this.write('text', v, () => {
      if (typeof v !== 'string' || v.length > MAX_CHART_TITLE) throw new FakeExcelError('InvalidArgument', `chart title ${JSON.stringify(v)}`);
      this.chart().title = v;
    });
  }
  get visible(): boolean {
    return this.prop('visible');
  }
  set visible(v: boolean) {
    this.write('visible', v, () => {
      if (typeof v !== 'boolean') throw new FakeExcelError('InvalidArgument', `title visible ${String(v)}`);
      this.chart().titleVisible = v;
    });
  }
}

// ---------------------------------------------------------------------------------------------------------
// The host: workbook state, counters, test helpers

export interface FakeExcelOptions {
  /** Sheets of the workbook at the start (default: one "Sheet1"). */
  sheets?: string[];
  maxRequestBytes?: number;
  maxResponseBytes?: number;
}

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  activeSheetId = 0;
  /** What `range.select()` last selected. */
  selection: { sheet: string; address: string } | null = null;
  syncCount = 0;
  runCount = 0;
  readonly syncs: SyncRecord[] = [];
  maxRequestBytes: number;
  maxResponseBytes: number;
  private nextId = 1;
  /** Chart ids (and default names "Chart N"), over the fake's life. */
  nextChartId = 1;
  private readonly failures = new Map<number, { error: Error; applied: number }>();

  constructor(options: FakeExcelOptions = {}) {
    this.maxRequestBytes = options.maxRequestBytes ?? EXCEL_WEB_PAYLOAD_LIMIT;
    this.maxResponseBytes = options.maxResponseBytes ?? EXCEL_WEB_PAYLOAD_LIMIT;
    for (const name of options.sheets ?? ['Sheet1']) this.addSheet(name);
    this.activeSheetId = this.sheets[0]?.id ?? 0;
  }

  /** Excel.run: a new request context for the batch; queued commands left unsynced at the end are an error. */
  readonly run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const ctx = new Context(this);
    this.runCount++;
    try {
      const result = await batch(ctx as unknown as Excel.RequestContext);
      if (ctx.queue.length > 0) {
        throw new FakeExcelError('FakeUnsyncedCommands', `${ctx.queue.length} queued command(s) were never synced before the batch ended`);
      }
      return result;
    } finally {
      ctx.open = false;
    }
  };

  /**
   * The nth sync from now (1 = the next one) rejects with `error`. It applies nothing, or, with `applied`, the
   * first `applied` queued commands (Excel does not roll back the part of a batch before the failing command).
   */
  failSync(nth: number, error: Error = new FakeExcelError('GeneralException', 'injected failure'), options: { applied?: number } = {}): void {
    this.failures.set(this.syncCount + nth, { error, applied: options.applied ?? 0 });
  }

  takeFailure(index: number): { error: Error; applied: number } | undefined {
    const e = this.failures.get(index);
    this.failures.delete(index);
    return e;
  }

  resetCounters(): void {
    this.syncCount = 0;
    this.runCount = 0;
    this.syncs.length = 0;
    this.failures.clear();
  }

  /** Syncs since index `from` (exclusive), for measuring one operation. */
  syncsSince(from: number): SyncRecord[] {
    return this.syncs.filter((s) => s.index > from);
  }

  // ---- state operations (used by the proxies, and by tests through the helpers below) ----

  findSheet(key: string): FakeSheet | null {
    const k = key.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === k || `{${s.id}}` === key) ?? null;
  }

  createSheet(name?: string): FakeSheet {
    let n = name;
    if (n === undefined) {
      let i = this.sheets.length + 1;
      while (this.findSheet(`Sheet${i}`)) i++;
      n = `Sheet${i}`;
    }
    this.checkName(n, null);
    const sheet: FakeSheet = {
      id: this.nextId++,
      name: n,
      visibility: 'Visible',
      tabColor: '',
      cells: new Map(),
      formats: new Map(),
      merges: [],
      columnWidths: new Map(),
      rowHeights: new Map(),
      freeze: { rows: 0, columns: 0 },
      pageLayout: { orientation: 'Portrait', paperSize: 'Letter', printTitleRows: null, printTitleColumns: null, zoom: { scale: 100 }, centerFooter: '' },
      rowBreaks: [],
      columnBreaks: [],
      conditionalFormats: [],
      validations: [],
      charts: [],
    };
    this.sheets.push(sheet);
    return sheet;
  }

  private checkName(name: string, self: FakeSheet | null): void {
    if (
      typeof name !== 'string' ||
      name.length === 0 ||
      name.length > 31 ||
      /[\\/?*[\]:]/.test(name) ||
      /^'|'$/.test(name) ||
      name.toLowerCase() === 'history'
    ) {
      throw new FakeExcelError('InvalidArgument', `"${name}" is not a valid worksheet name`);
    }
    const other = this.findSheet(name);
    if (other && other !== self) throw new FakeExcelError('ItemAlreadyExists', `a worksheet named "${name}" already exists`);
  }

  renameSheet(sheet: FakeSheet, name: string): void {
    this.checkName(name, sheet);
    sheet.name = name;
  }

  moveSheet(sheet: FakeSheet, position: number): void {
    if (!Number.isInteger(position) || position < 0 || position >= this.sheets.length) {
      throw new FakeExcelError('InvalidArgument', `position ${position}`);
    }
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    this.sheets.splice(position, 0, sheet);
  }

  setVisibility(sheet: FakeSheet, v: string): void {
    if (v !== 'Visible' && v !== 'Hidden' && v !== 'VeryHidden') throw new FakeExcelError('InvalidArgument', `visibility "${v}"`);
    if (v !== 'Visible' && !this.sheets.some((s) => s !== sheet && s.visibility === 'Visible')) {
      throw new FakeExcelError('InvalidOperation', 'a workbook must keep at least one visible worksheet');
    }
    sheet.visibility = v;
    if (v !== 'Visible' && this.activeSheetId === sheet.id) this.activeSheetId = this.sheets.find((s) => s.visibility === 'Visible')!.id;
  }

  deleteSheet(sheet: FakeSheet): void {
    if (!this.sheets.some((s) => s !== sheet && s.visibility === 'Visible')) {
      throw new FakeExcelError('InvalidOperation', 'the last visible worksheet cannot be deleted');
    }
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    if (this.activeSheetId === sheet.id) this.activeSheetId = this.sheets.find((s) => s.visibility === 'Visible')!.id;
  }

  // ---- test helpers: direct access, outside the request model ----

  addSheet(name: string): FakeSheet {
    return this.createSheet(name);
  }

  sheet(name: string): FakeSheet {
    const s = this.findSheet(name);
    if (!s) throw new Error(`fake: no sheet ${name}`);
    return s;
  }

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  activeSheetName(): string | null {
    return this.sheets.find((s) => s.id === this.activeSheetId)?.name ?? null;
  }

  /** Puts a cell as it would be in a saved workbook (formula with its cached value, format), bypassing conversion. */
  setCell(sheet: string, address: string, cell: FakeCell): void {
    const { r1, c1 } = parseRect(address);
    const s = this.sheet(sheet);
    const stored: FakeCell = {};
    if (cell.value !== undefined) stored.value = cell.value;
    if (cell.formula !== undefined) stored.formula = cell.formula.startsWith('=') ? cell.formula : `=${cell.formula}`;
    if (cell.numberFormat !== undefined) stored.numberFormat = cell.numberFormat;
    if (cell.error) stored.error = true;
    s.cells.set(key(r1, c1), stored);
  }

  cell(sheet: string, address: string): FakeCell | undefined {
    const { r1, c1 } = parseRect(address);
    return this.sheet(sheet).cells.get(key(r1, c1));
  }

  cellFormat(sheet: string, address: string): CellFormat | undefined {
    const { r1, c1 } = parseRect(address);
    return this.sheet(sheet).formats.get(key(r1, c1));
  }

  /** Every stored cell of a sheet, by A1 address (for assertions). */
  cells(sheet: string): Array<{ address: string; row: number; col: number; cell: FakeCell }> {
    return [...this.sheet(sheet).cells].map(([k, cell]) => {
      const { r, c } = unkey(k);
      return { address: rectAddress({ r1: r, c1: c, r2: r, c2: c }), row: r, col: c, cell };
    });
  }
}
