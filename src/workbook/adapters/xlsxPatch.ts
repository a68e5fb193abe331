import { platform } from '../../platform';
import { ZipEntry, ZipFormatError, ZipPackage, deflatedEntry, writeZip } from '../../platform/zip';
import { CellValue } from '../spec';

/**
 * Patches cell values of an existing .xlsx at the OOXML level and keeps everything else: the
 * coordinator's own sheets, comments, formatting, charts, pictures and pivot tables. Neither ExcelJS nor
 * SheetJS CE keeps charts when they write, so the monthly merge writes through this module.
 *
 * Only xl/workbook.xml (calcPr fullCalcOnLoad), the patched sheets' XML and, when a formula cell was
 * replaced, the calculation chain (plus its content-type override and relationship) change; every other zip
 * entry keeps its exact bytes, compressed data included (it is copied, not inflated and deflated again).
 * Runs in Node and in the browser (src/platform: node:zlib or fflate; TextEncoder/TextDecoder).
 */

// The patch types are the master's (patches.ts): one shape for every adapter.
import type { CellPatch, SheetPatch } from '../patches';
export type { CellPatch, SheetPatch };

export interface PatchOptions {
  /**
   * Also drop the cached result of every formula cell in every worksheet that the patches give no result for
   * (SheetPatch.results; the formulas stay). Excel and WPS honour calcPr fullCalcOnLoad and recalculate anyway;
   * LibreOffice (7.4) ignores it and shows the cached results of a file it saved itself until the user
   * recalculates by hand, but it does compute formula cells that have no cached result. With results for every
   * formula cell of the master, only formulas the tool does not know (the coordinator's own) lose theirs, so
   * that LibreOffice computes them from the new figures. Costs: every worksheet with formulas is read and those
   * with results to drop rewritten, and readers that take cached results (SheetJS) see no value for those cells.
   */
  clearCachedResults?: boolean;
}

export class WorkbookPatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkbookPatchError';
  }
}

const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;
/** Excel's limit for the text of one cell. */
const MAX_TEXT = 32_767;

// ---------------------------------------------------------------------------------------------------------
// A small XML tag scanner. It reports start, end and empty-element tags with their positions and skips
// comments, processing instructions and CDATA sections; text is never interpreted. Attribute values may
// contain '>' (quotes are respected).

class XmlSyntaxError extends Error {}

interface Tag {
  kind: 'open' | 'close' | 'empty';
  /** Index of '<'. */
  start: number;
  /** Index after '>'. */
  end: number;
  /** Qualified name, e.g. "x:row". */
  name: string;
  prefix: string;
  local: string;
  /** Index after the name (where attributes start). */
  nameEnd: number;
}

interface Attr {
  name: string;
  /** The value as written (still escaped), without its quotes. */
  raw: string;
  quote: '"' | "'";
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

class XmlScanner {
  pos: number;
  constructor(
    readonly xml: string,
    start = 0,
  ) {
    this.pos = start;
  }

  next(): Tag | null {
    const xml = this.xml;
    const n = xml.length;
    for (;;) {
      const lt = xml.indexOf('<', this.pos);
      if (lt < 0) {
        this.pos = n;
        return null;
      }
      const c1 = xml.charCodeAt(lt + 1);
      if (c1 === 0x21 /* ! */) {
        if (xml.startsWith('<!--', lt)) this.pos = this.skipTo('-->', lt + 4);
        else if (xml.startsWith('<![CDATA[', lt)) this.pos = this.skipTo(']]>', lt + 9);
        else throw new XmlSyntaxError(`不支持的 XML 声明（位置 ${lt}）`);
        continue;
      }
      if (c1 === 0x3f /* ? */) {
        this.pos = this.skipTo('?>', lt + 2);
        continue;
      }
      if (c1 === 0x2f /* / */) {
        const gt = xml.indexOf('>', lt);
        if (gt < 0) throw new XmlSyntaxError(`结束标记不完整（位置 ${lt}）`);
        const name = xml.slice(lt + 2, gt).trim();
        this.pos = gt + 1;
        return makeTag('close', lt, gt + 1, name, lt + 2 + name.length);
      }
      let i = lt + 1;
      while (i < n) {
        const c = xml.charCodeAt(i);
        if (isSpace(c) || c === 0x2f || c === 0x3e) break;
        i++;
      }
      const name = xml.slice(lt + 1, i);
      if (!name) throw new XmlSyntaxError(`标记缺少名称（位置 ${lt}）`);
      const nameEnd = i;
      let quote = 0;
      for (; i < n; i++) {
        const c = xml.charCodeAt(i);
        if (quote) {
          if (c === quote) quote = 0;
        } else if (c === 0x22 || c === 0x27) quote = c;
        else if (c === 0x3e) break;
      }
      if (i >= n) throw new XmlSyntaxError(`标记“${name}”不完整（位置 ${lt}）`);
      this.pos = i + 1;
      return makeTag(xml.charCodeAt(i - 1) === 0x2f ? 'empty' : 'open', lt, i + 1, name, nameEnd);
    }
  }

  /** Skips the rest of the element whose start tag is `tag`; returns the index after its end. */
  skipElement(tag: Tag): number {
    if (tag.kind !== 'open') return tag.end;
    let depth = 1;
    for (;;) {
      const t = this.next();
      if (!t) throw new XmlSyntaxError(`元素“${tag.name}”没有结束标记`);
      if (t.kind === 'open') depth++;
      else if (t.kind === 'close' && --depth === 0) return t.end;
    }
  }

  private skipTo(marker: string, from: number): number {
    const i = this.xml.indexOf(marker, from);
    if (i < 0) throw new XmlSyntaxError(`注释或处理指令不完整（位置 ${from}）`);
    return i + marker.length;
  }
}

function makeTag(kind: Tag['kind'], start: number, end: number, name: string, nameEnd: number): Tag {
  const colon = name.indexOf(':');
  return {
    kind,
    start,
    end,
    name,
    prefix: colon < 0 ? '' : name.slice(0, colon),
    local: colon < 0 ? name : name.slice(colon + 1),
    nameEnd,
  };
}

function parseAttrs(xml: string, tag: Tag): Attr[] {
  const attrs: Attr[] = [];
  const end = tag.kind === 'empty' ? tag.end - 2 : tag.end - 1;
  let i = tag.nameEnd;
  for (;;) {
    while (i < end && isSpace(xml.charCodeAt(i))) i++;
    if (i >= end) return attrs;
    const nameStart = i;
    while (i < end && !isSpace(xml.charCodeAt(i)) && xml[i] !== '=') i++;
    const name = xml.slice(nameStart, i);
    while (i < end && isSpace(xml.charCodeAt(i))) i++;
    if (xml[i] !== '=') throw new XmlSyntaxError(`属性“${name}”缺少值（位置 ${nameStart}）`);
    i++;
    while (i < end && isSpace(xml.charCodeAt(i))) i++;
    const quote = xml[i];
    if (quote !== '"' && quote !== "'") throw new XmlSyntaxError(`属性“${name}”的值缺少引号（位置 ${i}）`);
    const close = xml.indexOf(quote, i + 1);
    if (close < 0 || close > end) throw new XmlSyntaxError(`属性“${name}”的值不完整（位置 ${i}）`);
    attrs.push({ name, raw: xml.slice(i + 1, close), quote });
    i = close + 1;
  }
}

function attrValue(attrs: Attr[], name: string): string | undefined {
  const a = attrs.find((x) => x.name === name);
  return a === undefined ? undefined : unescapeXml(a.raw);
}

function serializeTag(name: string, attrs: Attr[], empty: boolean): string {
  let s = `<${name}`;
  for (const a of attrs) s += ` ${a.name}=${a.quote}${a.raw}${a.quote}`;
  return s + (empty ? '/>' : '>');
}

/** What clearing or replacing a formula cell's result drops from its start tag (the result's type, its value metadata). */
const CLEARED_ATTRS: readonly string[] = ['t', 'vm'];

/**
 * When the start tag of an element is written exactly as serializeTag would write its attributes (each as
 * ` name="value"` or ` name='value'`, nothing else), the ranges of the attributes named in `cut` (with their
 * leading space) as edits that remove them; null when it is written any other way.
 */
function canonicalAttrCuts(xml: string, tag: Tag, cut: readonly string[]): readonly Edit[] | null {
  const end = tag.kind === 'empty' ? tag.end - 2 : tag.end - 1;
  let cuts: Edit[] | undefined; // most tags have nothing to cut: no array for them
  let i = tag.nameEnd;
  while (i < end) {
    const start = i;
    if (xml.charCodeAt(i) !== 0x20) return null;
    const nameStart = ++i;
    while (i < end && xml.charCodeAt(i) !== 0x3d /* = */ && !isSpace(xml.charCodeAt(i))) i++;
    if (i === nameStart || xml.charCodeAt(i) !== 0x3d) return null;
    const quote = xml[i + 1];
    if (quote !== '"' && quote !== "'") return null;
    const close = xml.indexOf(quote, i + 2);
    if (close < 0 || close >= end) return null;
    if (cut.some((name) => name.length === i - nameStart && xml.startsWith(name, nameStart))) (cuts ??= []).push({ start, end: close + 1, text: '' });
    i = close + 1;
  }
  return cuts ?? NO_EDITS;
}

const NO_EDITS: readonly Edit[] = Object.freeze([]);

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
    if (e[0] !== '#') return ENTITY[e];
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/** Escapes text content (quotes need no escaping there). */
function escapeText(s: string): string {
  return s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;'));
}

/** Characters XML 1.0 does not allow (C0 controls except tab, LF, CR; U+FFFE/U+FFFF; lone surrogates). */
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Cell text for <t>: invalid characters removed; "_xHHHH_" sequences (which Excel and SheetJS decode as
 * escaped characters) protected by escaping their underscore; CR kept as a character reference.
 */
function cellText(s: string): string {
  return escapeXml(s.replace(INVALID_XML_CHARS, '').replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')).replace(/\r/g, '&#13;');
}

// ---------------------------------------------------------------------------------------------------------
// Cell references and formulas

function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) & 0x1f);
  return n;
}

function columnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const cellRef = (row: number, col: number) => `${columnLetters(col)}${row}`;

const CELL_REF = /^(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})$/;
const COL_REF = /^(\$?)([A-Za-z]{1,3})$/;
const ROW_REF = /^(\$?)([0-9]{1,7})$/;
const NOT_WORD = /[\s+\-*/^&=<>(),;:!%{}"'[\]#@~`|]/;

/**
 * Moves the relative references of an A1 formula (without "=") by dRow rows and dCol columns, as Excel
 * does for the cells of a shared formula. Absolute parts ($) stay; references moved off the sheet become
 * #REF!. String literals, quoted sheet names, function names, defined names and structured references are
 * left alone.
 */
export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  const n = formula.length;
  const isWord = (i: number) => i < n && !NOT_WORD.test(formula[i]);
  const col = (abs: string, letters: string): string | null => {
    const c = columnNumber(letters.toUpperCase()) + (abs ? 0 : dCol);
    return c >= 1 && c <= MAX_COL ? abs + columnLetters(c) : null;
  };
  const row = (abs: string, digits: string): string | null => {
    const r = Number(digits) + (abs ? 0 : dRow);
    return r >= 1 && r <= MAX_ROW ? abs + r : null;
  };
  let out = '';
  let i = 0;
  while (i < n) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      // A string literal or a quoted sheet name; a doubled quote is an escaped quote.
      let j = i + 1;
      for (; j < n; j++) {
        if (formula[j] === ch) {
          if (formula[j + 1] === ch) j++;
          else break;
        }
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === '[') {
      // External workbook index or structured reference.
      let depth = 0;
      let j = i;
      for (; j < n; j++) {
        if (formula[j] === '[') depth++;
        else if (formula[j] === ']' && --depth === 0) break;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === '#') {
      const m = /^#[A-Za-z0-9_/]*[!?]?/.exec(formula.slice(i));
      const len = m ? m[0].length : 1;
      out += formula.slice(i, i + len);
      i += len;
      continue;
    }
    if (!isWord(i)) {
      out += ch;
      i++;
      continue;
    }
    let j = i;
    while (isWord(j)) j++;
    const word = formula.slice(i, j);
    const next = formula[j];
    if (next === '!' || next === '(' || next === '[') {
      out += word; // sheet name, function name or table name
      i = j;
      continue;
    }
    const cell = CELL_REF.exec(word);
    if (cell && columnNumber(cell[2].toUpperCase()) <= MAX_COL && Number(cell[4]) >= 1 && Number(cell[4]) <= MAX_ROW) {
      const c = col(cell[1], cell[2]);
      const r = row(cell[3], cell[4]);
      out += c !== null && r !== null ? c + r : '#REF!';
      i = j;
      continue;
    }
    if (next === ':') {
      let k = j + 1;
      while (isWord(k)) k++;
      const word2 = formula.slice(j + 1, k);
      if (formula[k] !== '!' && formula[k] !== '(') {
        const c1 = COL_REF.exec(word);
        const c2 = COL_REF.exec(word2);
        const r1 = ROW_REF.exec(word);
        const r2 = ROW_REF.exec(word2);
        if (c1 && c2 && columnNumber(c1[2].toUpperCase()) <= MAX_COL && columnNumber(c2[2].toUpperCase()) <= MAX_COL) {
          const a = col(c1[1], c1[2]);
          const b = col(c2[1], c2[2]);
          out += a !== null && b !== null ? `${a}:${b}` : '#REF!';
          i = k;
          continue;
        }
        if (r1 && r2) {
          const a = row(r1[1], r1[2]);
          const b = row(r2[1], r2[2]);
          out += a !== null && b !== null ? `${a}:${b}` : '#REF!';
          i = k;
          continue;
        }
      }
    }
    out += word; // a number, a defined name, TRUE/FALSE
    i = j;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Worksheet patching

interface FormulaInfo {
  start: number;
  end: number;
  tag: Tag;
  /** Formula text as written (still escaped). */
  textStart: number;
  textEnd: number;
  /** Whether the start tag has t="shared" (attributes are parsed only then). */
  shared: boolean;
}

interface CellInfo {
  start: number;
  end: number;
  tag: Tag;
  row: number;
  col: number;
  hasR: boolean;
  f?: FormulaInfo;
  /** Children other than f, v and is (extLst), kept when the value is replaced. */
  extras: string;
  /** A formula cell's value elements (v, is): where they are. */
  values?: Array<{ start: number; end: number }>;
  /** A formula cell written compactly: one f first, the other children right after it, a plain end tag. */
  compact?: boolean;
  /** clearedInPlace's answer for the cell, once asked. */
  cuts?: readonly Edit[] | null;
}

interface RowInfo {
  start: number;
  end: number;
  tag: Tag;
  r: number;
  hasR: boolean;
  cells: CellInfo[];
  /** For an open row: between the start tag and the end tag. */
  contentStart: number;
  contentEnd: number;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

function sortEdits(edits: Edit[]): void {
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
}

function applyEdits(xml: string, edits: Edit[]): string {
  sortEdits(edits);
  let out = '';
  let pos = 0;
  for (const e of edits) {
    out += xml.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + xml.slice(pos);
}

/**
 * applyEdits as UTF-8 bytes, written piece by piece into one buffer: a large sheet's new text is never built as
 * a string (nor flattened to encode it). `sourceBytes` is the UTF-8 length of `xml`. Pieces are cut at edit
 * boundaries, which fall on markup, never inside a surrogate pair: the bytes are those of encoding the string.
 */
function applyEditsUtf8(xml: string, edits: Edit[], sourceBytes: number): Uint8Array {
  sortEdits(edits);
  let bound = sourceBytes;
  for (const e of edits) bound += e.text.length * 3;
  const out = platform.bytes(bound);
  let written = 0;
  const put = (s: string) => {
    if (s.length > 0) written += encoder.encodeInto(s, out.subarray(written)).written;
  };
  let pos = 0;
  for (const e of edits) {
    put(xml.slice(pos, e.start));
    put(e.text);
    pos = e.end;
  }
  put(xml.slice(pos));
  return out.subarray(0, written);
}

/** Whether sorted edits leave the text as it was, judged edit by edit (false may still give the same text). */
function editsKeep(xml: string, edits: readonly Edit[]): boolean {
  return edits.every((e) => e.text === xml.slice(e.start, e.end));
}

const pfx = (prefix: string) => (prefix ? `${prefix}:` : '');

function valueXml(value: Exclude<CellValue, null>, prefix: string): { t: string | null; content: string } {
  const p = pfx(prefix);
  if (typeof value === 'number') return { t: null, content: `<${p}v>${String(value)}</${p}v>` };
  if (typeof value === 'boolean') return { t: 'b', content: `<${p}v>${value ? 1 : 0}</${p}v>` };
  return { t: 'inlineStr', content: `<${p}is><${p}t xml:space="preserve">${cellText(value)}</${p}t></${p}is>` };
}

/**
 * The cached result of a formula cell: the t attribute and the <v> element (none for null or a number that is
 * not finite). Text is a formula's string result (t="str"), escaped, never a formula.
 */
function resultXml(value: CellValue, prefix: string): { t: string | null; content: string } {
  const p = pfx(prefix);
  if (value === null || (typeof value === 'number' && !Number.isFinite(value))) return { t: null, content: '' };
  if (typeof value === 'number') return { t: null, content: `<${p}v>${String(value)}</${p}v>` };
  if (typeof value === 'boolean') return { t: 'b', content: `<${p}v>${value ? 1 : 0}</${p}v>` };
  return { t: 'str', content: `<${p}v>${cellText(value)}</${p}v>` };
}

function withT(attrs: Attr[], t: string | null): Attr[] {
  return t === null ? attrs : [...attrs, { name: 't', raw: t, quote: '"' }];
}

function ensureR(attrs: Attr[], ref: string): Attr[] {
  return attrs.some((a) => a.name === 'r') ? attrs : [{ name: 'r', raw: ref, quote: '"' }, ...attrs];
}

interface SheetResult {
  /** What changes the sheet's XML (applyEdits gives the new text). */
  edits: Edit[];
  replacedFormula: boolean;
}

/**
 * A row's start-tag attributes once its cells are `finalCols`: an r added when missing, spans widened to the
 * cells (or dropped when unreadable). The same array when nothing changes.
 */
function rowStartAttrs(row: RowInfo, rowAttrs: Attr[], finalCols: number[]): Attr[] {
  let attrs = ensureR(rowAttrs, String(row.r));
  const spans = attrValue(attrs, 'spans');
  if (spans !== undefined) {
    const bounds = spans
      .trim()
      .split(/\s+/)
      .flatMap((x) => x.split(':').map(Number));
    if (bounds.length > 0 && bounds.every((b) => Number.isInteger(b) && b >= 1)) {
      const next = `${Math.min(...bounds, ...finalCols)}:${Math.max(...bounds, ...finalCols)}`;
      if (next !== spans) attrs = attrs.map((a) => (a.name === 'spans' ? { ...a, raw: next } : a));
    } else attrs = attrs.filter((a) => a.name !== 'spans');
  }
  return attrs;
}

type Grid = Map<number, Map<number, CellValue>>;
const NO_CELLS: Grid = new Map();

/**
 * Patches one worksheet. Formula cells listed in `results` keep their formula and get that cached result (cells
 * without a formula are left alone); with clearResults, every other formula cell loses its cached result, so
 * that applications that trust cached results (LibreOffice) compute it on load.
 */
function patchSheetXml(xml: string, cells: Grid, clearResults: boolean, results: Grid = NO_CELLS): SheetResult {
  const sc = new XmlScanner(xml);
  const root = sc.next();
  if (!root || root.local !== 'worksheet' || root.kind !== 'open') throw new XmlSyntaxError('根元素不是 worksheet');

  let dimension: Tag | null = null;
  const cols: Array<{ min: number; max: number; style: string }> = [];
  let sheetData: Tag | null = null;
  const rows: RowInfo[] = [];

  for (;;) {
    const t = sc.next();
    if (!t || t.kind === 'close') break;
    if (t.local === 'dimension') {
      dimension = t;
      sc.skipElement(t);
    } else if (t.local === 'cols' && t.kind === 'open') {
      for (;;) {
        const c = sc.next();
        if (!c || c.kind === 'close') break;
        if (c.local === 'col') {
          const a = parseAttrs(xml, c);
          const style = attrValue(a, 'style');
          if (style !== undefined && style !== '0') cols.push({ min: Number(attrValue(a, 'min')), max: Number(attrValue(a, 'max')), style });
        }
        sc.skipElement(c);
      }
    } else if (t.local === 'sheetData') {
      sheetData = t;
      if (t.kind === 'open') parseRows(xml, sc, rows);
      break; // nothing after sheetData is read
    } else sc.skipElement(t);
  }
  if (!sheetData) throw new XmlSyntaxError('缺少 sheetData 元素');

  // Shared formulas: a replaced master's remaining cells get their own (moved) formula text.
  const patchedCell = (c: CellInfo) => cells.get(c.row)?.has(c.col) === true;
  const expansions = new Map<CellInfo, string>();
  const shared = new Map<string, { master?: CellInfo; cells: CellInfo[] }>();
  const fAttrs = (c: CellInfo) => parseAttrs(xml, (c.f as FormulaInfo).tag);
  const fText = (f: FormulaInfo) => unescapeXml(xml.slice(f.textStart, f.textEnd));
  for (const row of rows) {
    for (const c of row.cells) {
      if (!c.f?.shared) continue;
      const attrs = fAttrs(c);
      if (attrValue(attrs, 't') !== 'shared') continue;
      const si = attrValue(attrs, 'si') ?? '';
      const group = shared.get(si) ?? { cells: [] };
      if (attrValue(attrs, 'ref') !== undefined && group.master === undefined) group.master = c;
      else group.cells.push(c);
      shared.set(si, group);
    }
  }
  for (const group of shared.values()) {
    const master = group.master;
    if (!master?.f || !patchedCell(master)) continue;
    for (const c of group.cells) {
      if (patchedCell(c) || !c.f) continue;
      const own = fText(c.f);
      const text = own !== '' ? own : shiftFormula(fText(master.f), c.row - master.row, c.col - master.col);
      const attrs = fAttrs(c).filter((a) => a.name !== 't' && a.name !== 'si' && a.name !== 'ref');
      expansions.set(c, `${serializeTag(c.f.tag.name, attrs, false)}${escapeText(text)}</${c.f.tag.name}>`);
    }
  }

  const edits: Edit[] = [];
  let replacedFormula = false;
  let minRow = Infinity;
  let maxRow = 0;
  let minCol = Infinity;
  let maxCol = 0;
  const extend = (r: number, cs: number[]) => {
    if (cs.length === 0) return;
    minRow = Math.min(minRow, r);
    maxRow = Math.max(maxRow, r);
    for (const c of cs) {
      minCol = Math.min(minCol, c);
      maxCol = Math.max(maxCol, c);
    }
  };
  const colStyle = (col: number) => cols.find((c) => c.min <= col && col <= c.max)?.style;

  const startTagWithR = (c: CellInfo) =>
    c.hasR ? xml.slice(c.start, c.tag.end) : serializeTag(c.tag.name, ensureR(parseAttrs(xml, c.tag), cellRef(c.row, c.col)), c.tag.kind === 'empty');

  const newCellXml = (rowPrefix: string, r: number, col: number, value: Exclude<CellValue, null>, rowStyle: string | undefined) => {
    const { t, content } = valueXml(value, rowPrefix);
    const style = rowStyle ?? colStyle(col);
    const attrs: Attr[] = [{ name: 'r', raw: cellRef(r, col), quote: '"' }];
    if (style !== undefined) attrs.push({ name: 's', raw: escapeXml(style), quote: '"' });
    const name = `${pfx(rowPrefix)}c`;
    return `${serializeTag(name, withT(attrs, t), false)}${content}</${name}>`;
  };

  const patchedCellXml = (c: CellInfo, value: CellValue): string => {
    if (c.f) replacedFormula = true;
    const attrs = ensureR(
      parseAttrs(xml, c.tag).filter((a) => a.name !== 't' && a.name !== 'cm' && a.name !== 'vm'),
      cellRef(c.row, c.col),
    );
    if (value === null) {
      if (!attrs.some((a) => a.name === 's')) return '';
      return c.extras ? `${serializeTag(c.tag.name, attrs, false)}${c.extras}</${c.tag.name}>` : serializeTag(c.tag.name, attrs, true);
    }
    const { t, content } = valueXml(value, c.tag.prefix);
    return `${serializeTag(c.tag.name, withT(attrs, t), false)}${content}${c.extras}</${c.tag.name}>`;
  };

  /**
   * Dropping a formula cell's cached result as cuts inside the cell, when that gives exactly what formulaCellXml
   * writes: a compact cell with an r and a start tag written as serializeTag writes it. The t and vm attributes
   * and the value elements are cut, nothing is rebuilt (no cut: the cell has no result already). Null otherwise.
   */
  const clearedInPlace = (c: CellInfo): readonly Edit[] | null => {
    if (c.cuts !== undefined) return c.cuts;
    if (!c.compact || !c.hasR) return (c.cuts = null);
    const cuts = canonicalAttrCuts(xml, c.tag, CLEARED_ATTRS);
    if (!cuts || !c.values) return (c.cuts = cuts);
    return (c.cuts = [...cuts, ...c.values.map((v) => ({ start: v.start, end: v.end, text: '' }))]);
  };

  /**
   * A formula cell's new cached result as edits inside the cell, when that gives exactly what formulaCellXml
   * writes (a compact cell with an r and a start tag as serializeTag writes it): the old t and vm attributes and
   * value elements cut, the new t and <v> inserted. No edit when the cell already holds that result. Null otherwise.
   */
  const resultInPlace = (c: CellInfo, value: CellValue): readonly Edit[] | null => {
    if (!c.compact || !c.hasR) return null;
    const cuts = canonicalAttrCuts(xml, c.tag, CLEARED_ATTRS);
    if (!cuts) return null;
    const f = c.f as FormulaInfo;
    const { t, content } = resultXml(value, c.tag.prefix);
    const tAttr = t === null ? '' : ` t="${t}"`;
    const values = c.values ?? [];
    const sameT = cuts.length === 0 ? tAttr === '' : cuts.length === 1 && xml.slice(cuts[0].start, cuts[0].end) === tAttr;
    const sameV =
      values.length === 0 ? content === '' : values.length === 1 && values[0].start === f.end && xml.slice(values[0].start, values[0].end) === content;
    if (sameT && sameV) return NO_EDITS;
    const edits: Edit[] = [...cuts, ...values.map((v) => ({ start: v.start, end: v.end, text: '' }))];
    if (tAttr) edits.push({ start: c.tag.end - 1, end: c.tag.end - 1, text: tAttr });
    if (content) edits.push({ start: f.end, end: f.end, text: content });
    return edits;
  };

  /**
   * A formula cell that is not patched: its shared formula expanded and/or its cached result dropped or, when
   * `result` is given, replaced.
   */
  const formulaCellXml = (c: CellInfo, fXml: string | undefined, result?: { value: CellValue }): string => {
    const f = c.f as FormulaInfo;
    const fText = fXml ?? xml.slice(f.start, f.end);
    if (!clearResults && !result) return startTagWithR(c) + xml.slice(c.tag.end, f.start) + fText + xml.slice(f.end, c.end);
    const { t, content } = result ? resultXml(result.value, c.tag.prefix) : { t: null, content: '' };
    const attrs = ensureR(
      parseAttrs(xml, c.tag).filter((a) => a.name !== 't' && a.name !== 'vm'),
      cellRef(c.row, c.col),
    );
    return serializeTag(c.tag.name, withT(attrs, t), false) + fText + content + c.extras + `</${c.tag.name}>`;
  };

  /**
   * Edits one row in place: patched, expanded or cleared cells are replaced, new cells inserted before the
   * first cell with a greater column, the start tag rewritten only when its r or spans must change. Returns
   * the columns that hold a cell afterwards.
   */
  const patchRow = (row: RowInfo, patch: Map<number, CellValue> | undefined, rowResults: Map<number, CellValue> | undefined): number[] => {
    const rowAttrs = parseAttrs(xml, row.tag);
    const customFormat = attrValue(rowAttrs, 'customFormat');
    const rowStyle = customFormat === '1' || customFormat === 'true' ? attrValue(rowAttrs, 's') : undefined;
    const existing = new Set<number>();
    const edited = new Set<CellInfo>();
    const finalCols: number[] = [];
    const rowEdits: Edit[] = [];
    for (const c of row.cells) {
      existing.add(c.col);
      let text: string | null = null;
      if (patch?.has(c.col)) text = patchedCellXml(c, patch.get(c.col) as CellValue);
      else if (c.f && rowResults?.has(c.col)) {
        const value = rowResults.get(c.col) as CellValue;
        const edits = expansions.has(c) ? null : resultInPlace(c, value);
        if (edits) rowEdits.push(...edits);
        else text = formulaCellXml(c, expansions.get(c), { value });
      } else if (c.f && (clearResults || expansions.has(c))) {
        const cuts = expansions.has(c) ? null : clearedInPlace(c);
        if (cuts) rowEdits.push(...cuts);
        else text = formulaCellXml(c, expansions.get(c));
      }
      if (text !== null) {
        rowEdits.push({ start: c.start, end: c.end, text });
        edited.add(c);
      }
      if (text !== '') finalCols.push(c.col);
    }

    const news = patch ? [...patch].filter(([col, v]) => v !== null && !existing.has(col)).sort((a, b) => a[0] - b[0]) : [];
    let tail = '';
    if (news.length > 0) {
      const newCell = ([col, v]: [number, CellValue]) => {
        finalCols.push(col);
        return newCellXml(row.tag.prefix, row.r, col, v as Exclude<CellValue, null>, rowStyle);
      };
      let k = 0;
      for (const c of row.cells) {
        // A cell without r takes its column from its position: give it an r before cells are inserted.
        if (!c.hasR && !edited.has(c)) rowEdits.push({ start: c.start, end: c.tag.end, text: startTagWithR(c) });
        let text = '';
        for (; k < news.length && news[k][0] < c.col; k++) text += newCell(news[k]);
        if (text) rowEdits.push({ start: c.start, end: c.start, text });
      }
      for (; k < news.length; k++) tail += newCell(news[k]);
    }

    const attrs = rowStartAttrs(row, rowAttrs, finalCols);
    const startTagChanged = attrs !== rowAttrs && (attrs.length !== rowAttrs.length || attrs.some((a, i) => a !== rowAttrs[i]));

    if (row.tag.kind === 'empty') {
      if (tail || startTagChanged) {
        const text = tail ? `${serializeTag(row.tag.name, attrs, false)}${tail}</${row.tag.name}>` : serializeTag(row.tag.name, attrs, true);
        edits.push({ start: row.start, end: row.end, text });
      }
      return finalCols;
    }
    if (startTagChanged) edits.push({ start: row.start, end: row.tag.end, text: serializeTag(row.tag.name, attrs, false) });
    if (tail) {
      const at = row.cells.length > 0 ? row.cells[row.cells.length - 1].end : row.contentStart;
      rowEdits.push({ start: at, end: at, text: tail });
    }
    edits.push(...rowEdits);
    return finalCols;
  };

  /**
   * A row that clearing cached results leaves as it is (patchRow would change nothing): it has an r, its formula
   * cells hold no result to cut and are written as formulaCellXml writes them, and its spans already cover it.
   */
  const untouched = (row: RowInfo): boolean => {
    if (!row.hasR) return false;
    for (const c of row.cells) if (c.f && (expansions.has(c) || clearedInPlace(c)?.length !== 0)) return false;
    const rowAttrs = parseAttrs(xml, row.tag);
    return (
      rowStartAttrs(
        row,
        rowAttrs,
        row.cells.map((c) => c.col),
      ) === rowAttrs
    );
  };

  const rowsNeedingWork = new Set<number>();
  for (const c of expansions.keys()) rowsNeedingWork.add(c.row);
  if (clearResults) for (const row of rows) if (row.cells.some((c) => c.f)) rowsNeedingWork.add(row.r);
  const existingRows = new Set(rows.map((r) => r.r));
  const newRows = [...cells.keys()]
    .filter((r) => !existingRows.has(r) && [...(cells.get(r) as Map<number, CellValue>).values()].some((v) => v !== null))
    .sort((a, b) => a - b);
  const addMissingR = newRows.length > 0;

  for (const row of rows) {
    const patch = cells.get(row.r);
    const rowResults = results.get(row.r);
    if (patch || (rowResults && row.cells.some((c) => c.f && rowResults.has(c.col))) || (rowsNeedingWork.has(row.r) && !untouched(row))) {
      extend(row.r, patchRow(row, patch, rowResults));
    } else {
      if (addMissingR && !row.hasR) {
        edits.push({
          start: row.start,
          end: row.tag.end,
          text: serializeTag(row.tag.name, ensureR(parseAttrs(xml, row.tag), String(row.r)), row.tag.kind === 'empty'),
        });
      }
      extend(
        row.r,
        row.cells.map((c) => c.col),
      );
    }
  }

  // New rows go before the first existing row with a greater number.
  const rowPrefix = sheetData.prefix;
  const rowName = `${pfx(rowPrefix)}row`;
  const inserts = new Map<number, string>();
  for (const r of newRows) {
    const patch = cells.get(r) as Map<number, CellValue>;
    const entries = [...patch].filter(([, v]) => v !== null).sort((a, b) => a[0] - b[0]);
    const cellsXml = entries.map(([col, v]) => newCellXml(rowPrefix, r, col, v as Exclude<CellValue, null>, undefined)).join('');
    extend(
      r,
      entries.map(([col]) => col),
    );
    const before = rows.find((x) => x.r > r);
    const at = before ? before.start : rows.length > 0 ? rows[rows.length - 1].end : sheetData.kind === 'open' ? sheetData.end : -1;
    inserts.set(at, (inserts.get(at) ?? '') + `<${rowName} r="${r}">${cellsXml}</${rowName}>`);
  }
  for (const [at, text] of inserts) {
    if (at >= 0) edits.push({ start: at, end: at, text });
    else {
      // <sheetData/>: becomes an element with content.
      const name = sheetData.name;
      const attrs = parseAttrs(xml, sheetData);
      edits.push({ start: sheetData.start, end: sheetData.end, text: `${serializeTag(name, attrs, false)}${text}</${name}>` });
    }
  }

  if (dimension && cells.size > 0) {
    const attrs = parseAttrs(xml, dimension);
    const ref =
      maxRow === 0 ? 'A1' : minRow === maxRow && minCol === maxCol ? cellRef(minRow, minCol) : `${cellRef(minRow, minCol)}:${cellRef(maxRow, maxCol)}`;
    if (attrValue(attrs, 'ref') !== ref) {
      const next = attrs.some((a) => a.name === 'ref')
        ? attrs.map((a) => (a.name === 'ref' ? { ...a, raw: ref } : a))
        : [...attrs, { name: 'ref', raw: ref, quote: '"' as const }];
      const tagEnd = dimension.end;
      edits.push({ start: dimension.start, end: tagEnd, text: serializeTag(dimension.name, next, dimension.kind === 'empty') });
    }
  }

  return { edits, replacedFormula };
}

/** Reads the rows of an open <sheetData> up to its end tag. */
function parseRows(xml: string, sc: XmlScanner, rows: RowInfo[]): void {
  let prevRow = 0;
  for (;;) {
    const t = sc.next();
    if (!t) throw new XmlSyntaxError('sheetData 没有结束标记');
    if (t.kind === 'close') return;
    if (t.local !== 'row') {
      sc.skipElement(t);
      continue;
    }
    const rText = leadingR(xml, t) ?? attrValue(parseAttrs(xml, t), 'r');
    const r = rText === undefined ? prevRow + 1 : Number(rText);
    if (!Number.isInteger(r) || r < 1 || r > MAX_ROW) throw new XmlSyntaxError(`行号无效：${rText}`);
    prevRow = r;
    const row: RowInfo = { start: t.start, end: t.end, tag: t, r, hasR: rText !== undefined, cells: [], contentStart: t.end, contentEnd: t.end };
    rows.push(row);
    if (t.kind !== 'open') continue;
    let prevCol = 0;
    for (;;) {
      const u = sc.next();
      if (!u) throw new XmlSyntaxError(`第 ${r} 行没有结束标记`);
      if (u.kind === 'close') {
        row.contentEnd = u.start;
        row.end = u.end;
        break;
      }
      if (u.local !== 'c') {
        sc.skipElement(u);
        continue;
      }
      const cell = parseCell(xml, sc, u, r, prevCol);
      prevCol = cell.col;
      row.cells.push(cell);
    }
  }
}

/** Fast path: the value of an `r` attribute written first (as Excel, LibreOffice, WPS and ExcelJS do). */
function leadingR(xml: string, tag: Tag): string | undefined {
  if (!xml.startsWith(' r="', tag.nameEnd)) return undefined;
  const close = xml.indexOf('"', tag.nameEnd + 4);
  return close > 0 && close < tag.end ? xml.slice(tag.nameEnd + 4, close) : undefined;
}

/** The column of a cell reference such as "C5" or "$C$5"; 0 when it is not one. */
function refColumn(ref: string): number {
  let i = ref.charCodeAt(0) === 0x24 ? 1 : 0;
  let col = 0;
  const start = i;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower case
    if (c < 0x61 || c > 0x7a) break;
    col = col * 26 + (c - 0x60);
  }
  if (i === start || i - start > 3) return 0;
  if (ref.charCodeAt(i) === 0x24) i++;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return 0;
  }
  return col;
}

function parseCell(xml: string, sc: XmlScanner, tag: Tag, row: number, prevCol: number): CellInfo {
  const ref = leadingR(xml, tag) ?? attrValue(parseAttrs(xml, tag), 'r');
  let col = prevCol + 1;
  if (ref !== undefined) {
    col = refColumn(ref);
    if (col === 0) throw new XmlSyntaxError(`单元格地址无效：${ref}`);
  }
  if (col > MAX_COL) throw new XmlSyntaxError(`单元格列号超出范围：${ref ?? col}`);
  const cell: CellInfo = { start: tag.start, end: tag.end, tag, row, col, hasR: ref !== undefined, extras: '' };
  if (tag.kind !== 'open') return cell;

  // Fast path: a cell holding nothing but <v>…</v> (most cells).
  const p = pfx(tag.prefix);
  const close = `</${tag.name}>`;
  const end = xml.indexOf(close, tag.end);
  if (end >= 0) {
    const vOpen = `<${p}v>`;
    const vClose = `</${p}v>`;
    const next = xml.indexOf('<', tag.end);
    if (
      next === end ||
      (xml.startsWith(vOpen, next) && next === tag.end && xml.indexOf('<', next + 1) === end - vClose.length && xml.startsWith(vClose, end - vClose.length))
    ) {
      cell.end = end + close.length;
      sc.pos = cell.end;
      return cell;
    }
  }

  let formulas = 0;
  let gapless = true;
  let prevEnd = tag.end;
  for (;;) {
    const t = sc.next();
    if (!t) throw new XmlSyntaxError(`单元格 ${ref ?? ''} 没有结束标记`);
    if (t.kind === 'close') {
      cell.end = t.end;
      if (cell.f) {
        const plainEnd = t.start === prevEnd && t.name === tag.name && t.end - t.start === tag.name.length + 3;
        cell.compact = gapless && plainEnd && formulas === 1 && cell.f.start === tag.end;
      }
      return cell;
    }
    const end = sc.skipElement(t);
    if (t.start !== prevEnd) gapless = false;
    prevEnd = end;
    if (t.local === 'f') {
      formulas++;
      const textEnd = t.kind === 'open' ? xml.lastIndexOf('<', end - 1) : t.end;
      const tag = xml.slice(t.nameEnd, t.end);
      cell.f = { start: t.start, end, tag: t, textStart: t.end, textEnd, shared: tag.includes('shared') };
    } else if (t.local === 'v' || t.local === 'is') (cell.values ??= []).push({ start: t.start, end });
    else cell.extras += xml.slice(t.start, end);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Package

const encoder = new TextEncoder();

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function decodePart(bytes: Uint8Array, path: string): string {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new WorkbookPatchError(`不支持 UTF-16 编码的部件：${path}`);
  }
  try {
    return platform.decodeUtf8(bytes);
  } catch {
    throw new WorkbookPatchError(`部件 ${path} 不是有效的 UTF-8 文本`);
  }
}

/** The package as read: parts by zip name, read (inflated once and decoded) on demand. */
class Package {
  private readonly byLowerName = new Map<string, ZipEntry>();
  readonly changed = new Map<string, string>();
  /** Parts changed and already deflated (sheets): a large master's new sheet texts are not all held at once. */
  private readonly finished = new Map<string, ZipEntry>();
  readonly removed = new Set<string>();

  constructor(
    readonly zip: ZipPackage,
    /** The package is this patch's own (made from bytes): a part's inflated bytes are let go once it is decoded. */
    private readonly own: boolean,
  ) {
    for (const e of zip.entries) if (!this.byLowerName.has(e.name.toLowerCase())) this.byLowerName.set(e.name.toLowerCase(), e);
  }

  /**
   * A part read as `xml` and read no more, with these edits: its new content deflated now, neither its new text nor
   * its bytes kept. Unchanged (the same bytes) it stays as it was in the file.
   */
  finish(name: string, xml: string, edits: Edit[]): void {
    if (edits.length === 0) return;
    sortEdits(edits);
    if (editsKeep(xml, edits)) return;
    const e = this.byLowerName.get(name.toLowerCase()) as ZipEntry;
    const bytes = applyEditsUtf8(xml, edits, e.size);
    if (bytes.length === e.size) {
      const before = this.zip.content(e);
      if (this.own) this.zip.forget(e);
      if (sameBytes(bytes, before)) return;
    }
    this.finished.set(name, deflatedEntry(e, bytes));
  }

  isChanged(name: string): boolean {
    return this.changed.has(name) || this.finished.has(name);
  }

  /** The zip entry name of a part (OPC part names compare case-insensitively). */
  find(path: string): string | undefined {
    return this.byLowerName.get(path.toLowerCase())?.name;
  }

  text(name: string): string {
    const changed = this.changed.get(name);
    if (changed !== undefined) return changed;
    const done = this.finished.get(name);
    if (done) return decodePart(platform.inflateRaw(done.data, done.size), name);
    const e = this.byLowerName.get(name.toLowerCase()) as ZipEntry;
    let bytes: Uint8Array;
    try {
      bytes = this.zip.content(e);
    } catch (err) {
      throw new WorkbookPatchError(`无法读取部件 ${name}：${(err as Error).message}`);
    }
    const text = decodePart(bytes, name);
    if (this.own) this.zip.forget(e);
    return text;
  }

  write(): Uint8Array {
    const out: ZipEntry[] = [];
    for (const e of this.zip.entries) {
      if (this.removed.has(e.name)) continue;
      const text = this.changed.get(e.name);
      const done = this.finished.get(e.name);
      // As deflatedEntry(e, text) would give it, e's own name, dates and attributes with the deflated text.
      const fromDone = done && {
        ...e,
        flags: e.flags & 0x800,
        method: 8,
        crc: done.crc,
        compressedSize: done.compressedSize,
        size: done.size,
        versionNeeded: 20,
        data: done.data,
      };
      out.push(text !== undefined ? deflatedEntry(e, encoder.encode(text)) : (fromDone ?? e));
    }
    return writeZip(out, this.zip.comment);
  }
}

interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

function parseRels(xml: string): Relationship[] {
  const sc = new XmlScanner(xml);
  const out: Relationship[] = [];
  for (let t = sc.next(); t; t = sc.next()) {
    if (t.kind === 'close' || t.local !== 'Relationship') continue;
    const a = parseAttrs(xml, t);
    sc.skipElement(t);
    out.push({
      id: attrValue(a, 'Id') ?? '',
      type: attrValue(a, 'Type') ?? '',
      target: attrValue(a, 'Target') ?? '',
      external: attrValue(a, 'TargetMode') === 'External',
    });
  }
  return out;
}

function relsPathFor(partPath: string): string {
  const slash = partPath.lastIndexOf('/');
  return `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
}

/** Resolves a relationship target against the part that owns the relationship, giving a part name. */
function resolveTarget(sourcePart: string, target: string): string {
  let t = target;
  try {
    t = decodeURIComponent(target);
  } catch {
    // keep it as written
  }
  const segments = t.startsWith('/') ? [] : sourcePart.split('/').slice(0, -1);
  for (const s of t.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') segments.pop();
    else segments.push(s);
  }
  return segments.join('/');
}

const SCHEMA_AFTER_CALCPR = new Set([
  'oleSize',
  'customWorkbookViews',
  'pivotCaches',
  'smartTagPr',
  'smartTagTypes',
  'webPublishing',
  'fileRecoveryPr',
  'webPublishObjects',
  'extLst',
]);

/** Makes sure workbook.xml asks for a full recalculation on load; returns null when it already does. */
function ensureFullCalcOnLoad(xml: string): string | null {
  const sc = new XmlScanner(xml);
  const root = sc.next();
  if (!root || root.local !== 'workbook' || root.kind !== 'open') throw new XmlSyntaxError('根元素不是 workbook');
  const insertBefore = (at: number) => xml.slice(0, at) + `<${pfx(root.prefix)}calcPr fullCalcOnLoad="1"/>` + xml.slice(at);
  for (;;) {
    const t = sc.next();
    if (!t) throw new XmlSyntaxError('workbook 没有结束标记');
    if (t.kind === 'close') return insertBefore(t.start);
    if (t.local === 'calcPr') {
      const attrs = parseAttrs(xml, t);
      const v = attrValue(attrs, 'fullCalcOnLoad');
      if (v === '1' || v === 'true') return null;
      const next: Attr[] =
        v === undefined
          ? [...attrs, { name: 'fullCalcOnLoad', raw: '1', quote: '"' }]
          : attrs.map((a) => (a.name === 'fullCalcOnLoad' ? { ...a, raw: '1' } : a));
      return xml.slice(0, t.start) + serializeTag(t.name, next, t.kind === 'empty') + xml.slice(t.end);
    }
    if (SCHEMA_AFTER_CALCPR.has(t.local)) return insertBefore(t.start);
    sc.skipElement(t);
  }
}

/** Removes the elements with a given local name whose attributes match. */
function removeElements(xml: string, local: string, match: (attrs: Attr[]) => boolean): string {
  const sc = new XmlScanner(xml);
  const edits: Edit[] = [];
  for (let t = sc.next(); t; t = sc.next()) {
    if (t.kind === 'close' || t.local !== local) continue;
    const attrs = parseAttrs(xml, t);
    const end = sc.skipElement(t);
    if (match(attrs)) edits.push({ start: t.start, end, text: '' });
  }
  return applyEdits(xml, edits);
}

/** Runs f; XML errors become WorkbookPatchError naming the part. */
function guard<T>(where: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof XmlSyntaxError) throw new WorkbookPatchError(`${where}的 XML 无法解析：${e.message}`);
    throw e;
  }
}

/**
 * Opens .xlsx bytes for patching (or, by the CLI, for reading and then patching: the package keeps each part it
 * inflated). Throws WorkbookPatchError for an old .xls or an encrypted workbook, ZipFormatError for a damaged zip.
 */
export function openPackage(bytes: Uint8Array): ZipPackage {
  if (bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new WorkbookPatchError('这是旧版 .xls 文件或加密（设置了打开密码）的工作簿，无法直接写入：请在 Excel 或 WPS 中另存为不加密的 .xlsx 后再试');
  }
  return ZipPackage.read(bytes);
}

/**
 * Writes cell values into an existing .xlsx (its bytes, or the package openPackage gave, whose inflated parts are
 * reused) and returns the new file. Numbers are written exactly
 * (shortest round-trip form), text always as text (inline strings, never formulas), booleans as booleans;
 * null clears a value and keeps the cell's style. SheetPatch.results set the cached results of formula cells
 * (the formula stays; t="str" for text, t="b" for booleans; null: none), written in place where the cell allows.
 * Existing cells keep their style and other attributes;
 * missing rows and cells are inserted in order; everything the patch does not name is kept as it was.
 * workbook.xml gets calcPr fullCalcOnLoad="1" so Excel and WPS recalculate on open (see
 * PatchOptions.clearCachedResults for LibreOffice); replacing a formula cell removes the calculation chain.
 * Throws WorkbookPatchError (with a Chinese message) for a file that is not an .xlsx workbook, an unknown
 * sheet or an invalid patch.
 */
export function patchWorkbook(source: Uint8Array | ZipPackage, patches: SheetPatch[], options: PatchOptions = {}): Uint8Array {
  const clear = options.clearCachedResults === true;
  // Validate and group: sheet → row → col → value (the last patch of a cell wins).
  const bySheet = new Map<string, Grid>();
  const resultsBySheet = new Map<string, Grid>();
  for (const p of patches) {
    if (typeof p.sheet !== 'string' || p.sheet === '') throw new WorkbookPatchError('工作表名称不能为空');
    const rows = bySheet.get(p.sheet) ?? new Map<number, Map<number, CellValue>>();
    if (p.cells.length > 0 || !p.results?.length) bySheet.set(p.sheet, rows);
    if (p.results?.length) {
      const grid = resultsBySheet.get(p.sheet) ?? new Map<number, Map<number, CellValue>>();
      resultsBySheet.set(p.sheet, grid);
      for (const c of p.results) {
        if (!Number.isInteger(c.row) || c.row < 1 || c.row > MAX_ROW || !Number.isInteger(c.col) || c.col < 1 || c.col > MAX_COL) {
          throw new WorkbookPatchError(`工作表“${p.sheet}”的公式结果位置无效：第 ${c.row} 行第 ${c.col} 列`);
        }
        const v = c.value;
        if (v !== null && typeof v !== 'number' && typeof v !== 'string' && typeof v !== 'boolean') {
          throw new WorkbookPatchError(`工作表“${p.sheet}”单元格 ${cellRef(c.row, c.col)} 的公式结果类型无效：${typeof v}`);
        }
        const cols = grid.get(c.row) ?? new Map<number, CellValue>();
        grid.set(c.row, cols);
        // Longer text than a cell may hold is no result to show: none rather than a cut one.
        cols.set(c.col, typeof v === 'string' && v.length > MAX_TEXT ? null : v);
      }
    }
    for (const c of p.cells) {
      if (!Number.isInteger(c.row) || c.row < 1 || c.row > MAX_ROW || !Number.isInteger(c.col) || c.col < 1 || c.col > MAX_COL) {
        throw new WorkbookPatchError(`工作表“${p.sheet}”的单元格位置无效：第 ${c.row} 行第 ${c.col} 列（行须为 1–${MAX_ROW}、列须为 1–${MAX_COL} 的整数）`);
      }
      const v = c.value;
      if (typeof v === 'number' && !Number.isFinite(v)) {
        throw new WorkbookPatchError(`工作表“${p.sheet}”单元格 ${cellRef(c.row, c.col)} 的数值无效：${v}（只能写入有限的数字）`);
      }
      if (typeof v === 'string' && v.length > MAX_TEXT) {
        throw new WorkbookPatchError(`工作表“${p.sheet}”单元格 ${cellRef(c.row, c.col)} 的文字太长：${v.length} 个字符（Excel 单元格最多 ${MAX_TEXT} 个）`);
      }
      if (v !== null && typeof v !== 'number' && typeof v !== 'string' && typeof v !== 'boolean') {
        throw new WorkbookPatchError(`工作表“${p.sheet}”单元格 ${cellRef(c.row, c.col)} 的值类型无效：${typeof v}`);
      }
      const cols = rows.get(c.row) ?? new Map<number, CellValue>();
      rows.set(c.row, cols);
      cols.set(c.col, v);
    }
  }

  let pkg: Package;
  try {
    pkg = source instanceof ZipPackage ? new Package(source, false) : new Package(openPackage(source), true);
  } catch (e) {
    if (!(e instanceof ZipFormatError) && !(e instanceof RangeError)) throw e;
    throw new WorkbookPatchError(`文件不是有效的 .xlsx 工作簿（${e.message}）：文件可能已损坏、已加密，或不是 Excel 2007 及以后的格式`);
  }

  // The workbook part, from the package relationships (normally xl/workbook.xml).
  let workbookPath = 'xl/workbook.xml';
  const rootRels = pkg.find('_rels/.rels');
  if (rootRels) {
    const rel = guard(rootRels, () => parseRels(pkg.text(rootRels)).find((r) => /\/officeDocument$/.test(r.type) && !r.external));
    if (rel) workbookPath = resolveTarget('', rel.target);
  }
  const workbook = pkg.find(workbookPath);
  if (!workbook) throw new WorkbookPatchError(`文件中找不到工作簿部件（${workbookPath}），不是有效的 .xlsx 工作簿`);
  const workbookXml = pkg.text(workbook);
  const workbookRels = pkg.find(relsPathFor(workbook));
  if (!workbookRels) throw new WorkbookPatchError(`文件中找不到工作簿的关系部件（${relsPathFor(workbook)}）`);
  const workbookRelsXml = pkg.text(workbookRels);
  const rels = guard(workbookRels, () => parseRels(workbookRelsXml));

  const sheetIds = guard(workbook, () => {
    const map = new Map<string, string>();
    const sc = new XmlScanner(workbookXml);
    for (let t = sc.next(); t; t = sc.next()) {
      if (t.kind === 'close' || t.local !== 'sheet') continue;
      const a = parseAttrs(workbookXml, t);
      const name = attrValue(a, 'name');
      const id = a.find((x) => x.name.endsWith(':id'));
      if (name !== undefined && id && !map.has(name)) map.set(name, unescapeXml(id.raw));
    }
    return map;
  });

  let replacedFormula = false;
  const bySheetPaths = new Set<string>();
  for (const sheet of new Set([...bySheet.keys(), ...resultsBySheet.keys()])) {
    const cells = bySheet.get(sheet) ?? NO_CELLS;
    const results = resultsBySheet.get(sheet);
    const id = sheetIds.get(sheet);
    // Results only describe the master's own formulas: a sheet that is not there has none to show them.
    if (id === undefined && !bySheet.has(sheet)) continue;
    if (id === undefined) throw new WorkbookPatchError(`找不到工作表“${sheet}”`);
    const rel = rels.find((r) => r.id === id);
    if (!rel || rel.external) throw new WorkbookPatchError(`工作表“${sheet}”在工作簿关系中没有对应的部件`);
    if (!/\/worksheet$/.test(rel.type)) throw new WorkbookPatchError(`“${sheet}”不是普通工作表（可能是图表工作表），不能写入单元格`);
    const target = resolveTarget(workbook, rel.target);
    const path = pkg.find(target);
    if (!path) throw new WorkbookPatchError(`工作表“${sheet}”的部件 ${target} 在文件中不存在`);
    bySheetPaths.add(path);
    const xml = pkg.text(path);
    const result = guard(`工作表“${sheet}”（${path}）`, () => patchSheetXml(xml, cells, clear, results));
    pkg.finish(path, xml, result.edits);
    replacedFormula ||= result.replacedFormula;
  }

  if (clear) {
    for (const rel of rels) {
      if (rel.external || !/\/worksheet$/.test(rel.type)) continue;
      const path = pkg.find(resolveTarget(workbook, rel.target));
      if (!path || pkg.isChanged(path) || bySheetPaths.has(path)) continue;
      const xml = pkg.text(path);
      const result = guard(path, () => patchSheetXml(xml, new Map(), true));
      pkg.finish(path, xml, result.edits);
    }
  }

  const calc = guard(workbook, () => ensureFullCalcOnLoad(workbookXml));
  if (calc !== null) pkg.changed.set(workbook, calc);

  if (replacedFormula) {
    // Excel rebuilds the calculation chain; a stale one that lists replaced formula cells makes it repair the file.
    const chainRels = rels.filter((r) => /\/calcChain$/.test(r.type) && !r.external);
    const contentTypes = pkg.find('[Content_Types].xml');
    for (const r of chainRels) {
      const path = pkg.find(resolveTarget(workbook, r.target));
      if (!path) continue;
      pkg.removed.add(path);
      if (contentTypes) {
        const partName = `/${path}`.toLowerCase();
        const ct = guard(contentTypes, () =>
          removeElements(pkg.text(contentTypes), 'Override', (a) => (attrValue(a, 'PartName') ?? '').toLowerCase() === partName),
        );
        pkg.changed.set(contentTypes, ct);
      }
    }
    if (chainRels.length > 0) {
      const ids = new Set(chainRels.map((r) => r.id));
      pkg.changed.set(
        workbookRels,
        guard(workbookRels, () => removeElements(workbookRelsXml, 'Relationship', (a) => ids.has(attrValue(a, 'Id') ?? ''))),
      );
    }
  }

  return pkg.write();
}
