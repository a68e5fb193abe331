import { Zip, ZipDeflate } from 'fflate';

import { cellAddress, columnLetter, parseAddress, sheetRef } from '../address';
import { CellSpec, FONT, MARK_COLORS, MarkColor, PAGE_FOOTER, STYLES, SheetSpec, StyleDef, StyleName, WorkbookSpec } from '../spec';

/**
 * The file adapter's writer: a WorkbookSpec as .xlsx bytes, written row by row into a streaming zip (fflate, Node
 * and browser), so that a master of 10,000 units is never held whole as cells or as XML. Every formula cell gets
 * its cached result (CellSpec.result), the columns the spec fills down are written as shared formulas, every
 * font is named, and calcPr fullCalcOnLoad asks Excel and WPS to recalculate anyway.
 */

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** Uncompressed XML handed to the deflater at a time. */
const CHUNK_CHARS = 1 << 18;
/** Zip entries carry this time, so the same spec gives the same bytes. */
const ENTRY_TIME = new Date(1980, 0, 1);

/** Characters XML 1.0 does not allow (C0 controls except tab, LF, CR; U+FFFE/U+FFFF; lone surrogates). */
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const escapeText = (s: string) => s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');
/** Cell text: invalid characters removed, "_xHHHH_" protected (readers decode it as an escaped character). */
const cellText = (s: string) => escapeText(s.replace(INVALID_XML_CHARS, '').replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')).replace(/\r/g, '&#13;');
/** A number as OOXML writes it (xsd:double). */
const numberText = (n: number) => String(n).replace('e', 'E');

/** One zip entry being written: text in, deflated chunks out. */
class Entry {
  private parts: string[] = [];
  private size = 0;
  constructor(
    private readonly file: ZipDeflate,
    private readonly encoder: TextEncoder,
  ) {}
  write(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= CHUNK_CHARS) this.flush(false);
  }
  end(): void {
    this.flush(true);
  }
  private flush(final: boolean): void {
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    this.file.push(this.encoder.encode(text), final);
  }
}

class ZipWriter {
  private readonly chunks: Uint8Array[] = [];
  private readonly zip: Zip;
  private readonly encoder = new TextEncoder();
  private done = false;
  constructor() {
    this.zip = new Zip((err, data, final) => {
      if (err) throw err;
      this.chunks.push(data);
      if (final) this.done = true;
    });
  }
  entry(name: string): Entry {
    const file = new ZipDeflate(name, { level: 6 });
    file.mtime = ENTRY_TIME;
    this.zip.add(file);
    return new Entry(file, this.encoder);
  }
  text(name: string, xml: string): void {
    const e = this.entry(name);
    e.write(xml);
    e.end();
  }
  finish(): Uint8Array {
    this.zip.end();
    if (!this.done) throw new Error('zip not finished');
    let total = 0;
    for (const c of this.chunks) total += c.length;
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Shared strings and styles, collected while the sheets are written

class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly list: string[] = [];
  count = 0;
  of(s: string): number {
    this.count++;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.index.set(s, i);
      this.list.push(s);
    }
    return i;
  }
  xml(): string {
    const items = this.list.map((s) => `<si><t xml:space="preserve">${cellText(s)}</t></si>`);
    return `${XML_HEAD}<sst xmlns="${MAIN_NS}" count="${this.count}" uniqueCount="${this.list.length}">${items.join('')}</sst>`;
  }
}

/** Excel's built-in number formats that the master uses; others get ids from 164. */
const BUILTIN_FORMATS: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10, '@': 49 };

const argb = (rgb: string) => `FF${rgb.toUpperCase()}`;

function fontXml(def: StyleDef): string {
  const parts: string[] = [];
  if (def.bold) parts.push('<b/>');
  parts.push(`<sz val="${def.size ?? FONT.size}"/>`);
  if (def.color) parts.push(`<color rgb="${argb(def.color)}"/>`);
  parts.push(`<name val="${FONT.name}"/><family val="${FONT.family}"/><charset val="${FONT.charset}"/>`);
  return `<font>${parts.join('')}</font>`;
}

const THIN_BORDER = (() => {
  const side = (n: string) => `<${n} style="thin"><color rgb="${argb('BFBFBF')}"/></${n}>`;
  return `<border>${side('left')}${side('right')}${side('top')}${side('bottom')}<diagonal/></border>`;
})();

class Styles {
  private readonly numFmts = new Map<string, number>();
  private readonly fonts = [fontXml({})];
  private readonly fills = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
  private readonly xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly byKey = new Map<string, number>();
  private readonly dxfs: MarkColor[] = [];

  /** The cellXfs index of a style with a number format; 0 for none. */
  of(style: StyleName | undefined, numFmt: string | undefined): number {
    if (!style && (!numFmt || numFmt === 'General')) return 0;
    const key = `${style ?? ''}\u0000${numFmt ?? ''}`;
    let i = this.byKey.get(key);
    if (i === undefined) {
      i = this.xfs.length;
      this.xfs.push(this.xf(style ? STYLES[style] : {}, numFmt));
      this.byKey.set(key, i);
    }
    return i;
  }

  dxf(color: MarkColor): number {
    let i = this.dxfs.indexOf(color);
    if (i < 0) {
      i = this.dxfs.length;
      this.dxfs.push(color);
    }
    return i;
  }

  private numFmtId(code: string | undefined): number {
    if (!code) return 0;
    if (code in BUILTIN_FORMATS) return BUILTIN_FORMATS[code];
    let id = this.numFmts.get(code);
    if (id === undefined) {
      id = 164 + this.numFmts.size;
      this.numFmts.set(code, id);
    }
    return id;
  }

  private indexOf(list: string[], xml: string): number {
    let i = list.indexOf(xml);
    if (i < 0) {
      i = list.length;
      list.push(xml);
    }
    return i;
  }

  private xf(def: StyleDef, numFmt: string | undefined): string {
    const numFmtId = this.numFmtId(numFmt);
    const fontId = this.indexOf(this.fonts, fontXml(def));
    const fillId = def.fill
      ? this.indexOf(this.fills, `<fill><patternFill patternType="solid"><fgColor rgb="${argb(def.fill)}"/><bgColor indexed="64"/></patternFill></fill>`)
      : 0;
    const borderId = def.border ? 1 : 0;
    let attrs = `numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"`;
    if (numFmtId) attrs += ' applyNumberFormat="1"';
    if (fontId) attrs += ' applyFont="1"';
    if (fillId) attrs += ' applyFill="1"';
    if (borderId) attrs += ' applyBorder="1"';
    if (!def.hAlign && !def.wrap) return `<xf ${attrs}/>`;
    const align = `${def.hAlign ? ` horizontal="${def.hAlign}"` : ''} vertical="center"${def.wrap ? ' wrapText="1"' : ''}`;
    return `<xf ${attrs} applyAlignment="1"><alignment${align}/></xf>`;
  }

  xml(): string {
    const numFmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
    const dxfs = this.dxfs.map((c) => {
      const { fill, font } = MARK_COLORS[c];
      return `<dxf><font><color rgb="${argb(font)}"/></font><fill><patternFill patternType="solid"><bgColor rgb="${argb(fill)}"/></patternFill></fill></dxf>`;
    });
    const list = (tag: string, items: string[]) => `<${tag} count="${items.length}">${items.join('')}</${tag}>`;
    return (
      `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
      (numFmts.length ? list('numFmts', numFmts) : '') +
      list('fonts', this.fonts) +
      list('fills', this.fills) +
      list('borders', ['<border><left/><right/><top/><bottom/><diagonal/></border>', THIN_BORDER]) +
      list('cellStyleXfs', ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>']) +
      list('cellXfs', this.xfs) +
      list('cellStyles', ['<cellStyle name="Normal" xfId="0" builtinId="0"/>']) +
      list('dxfs', dxfs) +
      '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>'
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// A worksheet

/** Columns of the spec's filled-down ranges: each column one shared formula (si), anchored at its first formula. */
class SharedFormulas {
  private readonly byColumn = new Map<number, Array<{ r1: number; r2: number; si: number; master: boolean }>>();
  constructor(
    ranges: readonly string[],
    private next: { si: number },
  ) {
    for (const range of ranges) {
      const [a, b = a] = range.split(':').map(parseAddress);
      for (let c = a.col; c <= b.col; c++) {
        const list = this.byColumn.get(c) ?? [];
        list.push({ r1: a.row, r2: b.row, si: -1, master: false });
        this.byColumn.set(c, list);
      }
    }
  }
  /** The <f> element of a formula cell. */
  f(row: number, col: number, formula: string): string {
    const group = this.byColumn.get(col)?.find((g) => g.r1 <= row && row <= g.r2);
    if (!group || group.r1 === group.r2) return `<f>${escapeText(formula)}</f>`;
    if (!group.master) {
      group.master = true;
      group.si = this.next.si++;
      return `<f t="shared" ref="${cellAddress(row, col)}:${cellAddress(group.r2, col)}" si="${group.si}">${escapeText(formula)}</f>`;
    }
    return `<f t="shared" si="${group.si}"/>`;
  }
}

function cellXml(ref: string, cell: CellSpec, s: number, strings: SharedStrings, shared: SharedFormulas, row: number, col: number): string {
  const sAttr = s ? ` s="${s}"` : '';
  if (cell.formula !== undefined) {
    const f = shared.f(row, col, cell.formula);
    const v = cell.result;
    if (v === undefined || v === null) return `<c r="${ref}"${sAttr}>${f}</c>`;
    if (typeof v === 'number') return Number.isFinite(v) ? `<c r="${ref}"${sAttr}>${f}<v>${numberText(v)}</v></c>` : `<c r="${ref}"${sAttr}>${f}</c>`;
    if (typeof v === 'boolean') return `<c r="${ref}"${sAttr} t="b">${f}<v>${v ? 1 : 0}</v></c>`;
    return `<c r="${ref}"${sAttr} t="str">${f}<v>${cellText(v)}</v></c>`;
  }
  const v = cell.value;
  if (v === undefined || v === null || v === '') return `<c r="${ref}"${sAttr}/>`;
  if (typeof v === 'number') return Number.isFinite(v) ? `<c r="${ref}"${sAttr}><v>${numberText(v)}</v></c>` : `<c r="${ref}"${sAttr}/>`;
  if (typeof v === 'boolean') return `<c r="${ref}"${sAttr} t="b"><v>${v ? 1 : 0}</v></c>`;
  return `<c r="${ref}"${sAttr} t="s"><v>${strings.of(v)}</v></c>`;
}

function sheetViewXml(spec: SheetSpec, selected: boolean): string {
  const { rows, columns } = spec.freeze;
  const tab = selected ? ' tabSelected="1"' : '';
  if (rows === 0 && columns === 0) return `<sheetViews><sheetView workbookViewId="0"${tab}/></sheetViews>`;
  const pane = rows > 0 && columns > 0 ? 'bottomRight' : rows > 0 ? 'bottomLeft' : 'topRight';
  const split = `${columns > 0 ? ` xSplit="${columns}"` : ''}${rows > 0 ? ` ySplit="${rows}"` : ''}`;
  return (
    `<sheetViews><sheetView workbookViewId="0"${tab}><pane${split} topLeftCell="${cellAddress(rows + 1, columns + 1)}" activePane="${pane}" state="frozen"/>` +
    `<selection pane="${pane}" activeCell="${cellAddress(rows + 1, columns + 1)}" sqref="${cellAddress(rows + 1, columns + 1)}"/></sheetView></sheetViews>`
  );
}

function colsXml(widths: readonly number[]): string {
  const out: string[] = [];
  for (let c = 0; c < widths.length;) {
    let end = c;
    while (end + 1 < widths.length && widths[end + 1] === widths[c]) end++;
    out.push(`<col min="${c + 1}" max="${end + 1}" width="${widths[c]}" customWidth="1"/>`);
    c = end + 1;
  }
  return out.length ? `<cols>${out.join('')}</cols>` : '';
}

function validationsXml(spec: SheetSpec): string {
  if (spec.validations.length === 0) return '';
  const items = spec.validations.map((v) => {
    const prompt = v.prompt ? ` showInputMessage="1" prompt="${escapeAttr(v.prompt)}"` : '';
    return (
      `<dataValidation type="${v.type}" allowBlank="1"${prompt} showErrorMessage="1" error="${escapeAttr(v.error)}" sqref="${v.range}">` +
      `<formula1>${numberText(v.min)}</formula1><formula2>${numberText(v.max)}</formula2></dataValidation>`
    );
  });
  return `<dataValidations count="${items.length}">${items.join('')}</dataValidations>`;
}

function pageXml(spec: SheetSpec): string {
  const p = spec.print;
  const fit = p.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : ` scale="${p.scale ?? 100}"`;
  let xml = `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="${p.orientation}"${fit}/>`;
  // Page numbers: a printed sheet of many pages stays in order.
  xml += `<headerFooter><oddFooter>${escapeText(`&C${PAGE_FOOTER}`)}</oddFooter></headerFooter>`;
  const breaks = (tag: string, at: readonly number[] | undefined, max: number) =>
    at && at.length
      ? `<${tag} count="${at.length}" manualBreakCount="${at.length}">${at.map((b) => `<brk id="${b - 1}" max="${max}" man="1"/>`).join('')}</${tag}>`
      : '';
  xml += breaks('rowBreaks', p.rowBreaks, 16383) + breaks('colBreaks', p.columnBreaks, 1048575);
  return xml;
}

/**
 * The cells a merged area covers besides its top-left one, by row and column, as empty cells with the top-left
 * cell's style (Excel draws a merged area's borders and fill from every cell of it).
 */
function mergedSlaves(spec: SheetSpec): Map<number, Map<number, CellSpec>> {
  const out = new Map<number, Map<number, CellSpec>>();
  for (const m of spec.merges) {
    const [a, b = a] = m.split(':').map(parseAddress);
    const master = a.row <= spec.rowCount ? spec.row(a.row)[a.col - 1] : null;
    if (!master?.style) continue;
    for (let r = a.row; r <= b.row; r++) {
      for (let c = a.col; c <= b.col; c++) {
        if (r === a.row && c === a.col) continue;
        const row = out.get(r) ?? new Map<number, CellSpec>();
        row.set(c, { style: master.style, numFmt: master.numFmt });
        out.set(r, row);
      }
    }
  }
  return out;
}

function writeSheet(out: ZipWriter, path: string, spec: SheetSpec, selected: boolean, strings: SharedStrings, styles: Styles, si: { si: number }): void {
  const e = out.entry(path);
  const fitsWidth = spec.print.fitToWidth;
  const sheetPr =
    spec.tabColor || fitsWidth
      ? `<sheetPr>${spec.tabColor ? `<tabColor rgb="${argb(spec.tabColor)}"/>` : ''}${fitsWidth ? '<pageSetUpPr fitToPage="1"/>' : ''}</sheetPr>`
      : '';
  const dimension = spec.rowCount > 0 && spec.columnCount > 0 ? `A1:${cellAddress(spec.rowCount, spec.columnCount)}` : 'A1';
  e.write(
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${sheetPr}<dimension ref="${dimension}"/>${sheetViewXml(spec, selected)}` +
      `<sheetFormatPr defaultRowHeight="15"/>${colsXml(spec.columnWidths)}<sheetData>`,
  );
  const shared = new SharedFormulas(spec.filledDown, si);
  const slaves = mergedSlaves(spec);
  const heights = new Map(Object.entries(spec.rowHeights).map(([r, h]) => [Number(r), h]));
  const last = Math.max(spec.rowCount, ...heights.keys());
  for (let r = 1; r <= last; r++) {
    const cells = r <= spec.rowCount ? spec.row(r) : [];
    const h = heights.get(r);
    const merged = slaves.get(r);
    const width = merged ? Math.max(cells.length, ...merged.keys()) : cells.length;
    let body = '';
    let first = 0;
    let lastCol = 0;
    for (let c = 0; c < width; c++) {
      // A merged area's other cells take its top-left cell's style, whatever the spec puts there (as ExcelJS did).
      const cell = merged?.get(c + 1) ?? cells[c];
      if (!cell) continue;
      body += cellXml(`${columnLetter(c + 1)}${r}`, cell, styles.of(cell.style, cell.numFmt), strings, shared, r, c + 1);
      first ||= c + 1;
      lastCol = c + 1;
    }
    if (!body && h === undefined) continue;
    const ht = h === undefined ? '' : ` ht="${h}" customHeight="1"`;
    e.write(body ? `<row r="${r}" spans="${first}:${lastCol}"${ht}>${body}</row>` : `<row r="${r}"${ht}/>`);
  }
  e.write('</sheetData>');
  if (spec.merges.length) e.write(`<mergeCells count="${spec.merges.length}">${spec.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`);
  let priority = 1;
  for (const cf of spec.conditionalFormats) {
    e.write(
      `<conditionalFormatting sqref="${cf.range}"><cfRule type="expression" dxfId="${styles.dxf(cf.color)}" priority="${priority++}">` +
        `<formula>${escapeText(cf.formula)}</formula></cfRule></conditionalFormatting>`,
    );
  }
  e.write(validationsXml(spec));
  e.write(pageXml(spec));
  // spec.charts are not drawn here: their source cells are in the sheet, the add-in (officeJs.ts) draws them, and
  // xlsxPatch.ts keeps charts a user adds.
  e.write('</worksheet>');
  e.end();
}

// ---------------------------------------------------------------------------------------------------------
// The package

function definedNamesXml(spec: WorkbookSpec): string {
  const names: string[] = [];
  spec.sheets.forEach((sheet, i) => {
    const { titleRows, titleColumns } = sheet.print;
    if (!titleRows && !titleColumns) return;
    const ref = sheetRef(sheet.name);
    const parts: string[] = [];
    if (titleColumns) {
      const [a, b = a] = titleColumns.split(':');
      parts.push(`${ref}!$${a}:$${b}`);
    }
    if (titleRows) {
      const [a, b = a] = titleRows.split(':');
      parts.push(`${ref}!$${a}:$${b}`);
    }
    names.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeText(parts.join(','))}</definedName>`);
  });
  return names.length ? `<definedNames>${names.join('')}</definedNames>` : '';
}

function workbookXml(spec: WorkbookSpec, active: number): string {
  const sheets = spec.sheets.map(
    (s, i) => `<sheet name="${escapeAttr(s.name)}" sheetId="${i + 1}"${s.visibility === 'hidden' ? ' state="hidden"' : ''} r:id="rId${i + 1}"/>`,
  );
  return (
    `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><workbookPr/><bookViews><workbookView activeTab="${active}"/></bookViews>` +
    `<sheets>${sheets.join('')}</sheets>${definedNamesXml(spec)}<calcPr calcId="171027" fullCalcOnLoad="1"/></workbook>`
  );
}

function workbookRelsXml(count: number): string {
  const rels: string[] = [];
  for (let i = 1; i <= count; i++) rels.push(`<Relationship Id="rId${i}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i}.xml"/>`);
  rels.push(`<Relationship Id="rId${count + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>`);
  rels.push(`<Relationship Id="rId${count + 2}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`);
  return `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">${rels.join('')}</Relationships>`;
}

function contentTypesXml(count: number): string {
  const ct = 'application/vnd.openxmlformats-officedocument';
  const overrides = [
    `<Override PartName="/xl/workbook.xml" ContentType="${ct}.spreadsheetml.sheet.main+xml"/>`,
    ...Array.from({ length: count }, (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${ct}.spreadsheetml.worksheet+xml"/>`),
    `<Override PartName="/xl/styles.xml" ContentType="${ct}.spreadsheetml.styles+xml"/>`,
    `<Override PartName="/xl/sharedStrings.xml" ContentType="${ct}.spreadsheetml.sharedStrings+xml"/>`,
    `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`,
    `<Override PartName="/docProps/app.xml" ContentType="${ct}.extended-properties+xml"/>`,
  ];
  return (
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    `${overrides.join('')}</Types>`
  );
}

const ROOT_RELS =
  `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
  `<Relationship Id="rId2" Type="${PKG_REL_NS}/metadata/core-properties" Target="docProps/core.xml"/>` +
  `<Relationship Id="rId3" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/></Relationships>`;

const CORE_XML =
  `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
  'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
  '<dc:creator>持证进度助手</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">1970-01-01T00:00:00Z</dcterms:created>' +
  '<dcterms:modified xsi:type="dcterms:W3CDTF">1970-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>';

function appXml(spec: WorkbookSpec): string {
  const names = spec.sheets.map((s) => `<vt:lpstr>${escapeText(s.name)}</vt:lpstr>`).join('');
  return (
    `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
    `<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>` +
    `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${spec.sheets.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${spec.sheets.length}" baseType="lpstr">${names}</vt:vector></TitlesOfParts>` +
    '<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>'
  );
}

/** The spec as .xlsx bytes. */
export async function renderWorkbook(spec: WorkbookSpec): Promise<Uint8Array> {
  const names = new Set(spec.sheets.map((s) => s.name.toLowerCase()));
  if (names.size !== spec.sheets.length) throw new Error('duplicate sheet names in the workbook spec');
  const out = new ZipWriter();
  const strings = new SharedStrings();
  const styles = new Styles();
  const si = { si: 0 };
  const active = Math.max(
    0,
    spec.sheets.findIndex((s) => s.visibility === 'visible'),
  );
  out.text('[Content_Types].xml', contentTypesXml(spec.sheets.length));
  out.text('_rels/.rels', ROOT_RELS);
  out.text('docProps/core.xml', CORE_XML);
  out.text('docProps/app.xml', appXml(spec));
  out.text('xl/workbook.xml', workbookXml(spec, active));
  out.text('xl/_rels/workbook.xml.rels', workbookRelsXml(spec.sheets.length));
  for (const [i, sheet] of spec.sheets.entries()) {
    writeSheet(out, `xl/worksheets/sheet${i + 1}.xml`, sheet, i === active, strings, styles, si);
    // Let the page repaint between sheets: a large master must not freeze the UI.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  out.text('xl/styles.xml', styles.xml());
  out.text('xl/sharedStrings.xml', strings.xml());
  return out.finish();
}
