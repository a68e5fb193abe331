import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/** Small hand-made .xlsx packages and zip helpers for test/workbook/xlsxPatch.test.ts. */

export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** A worksheet part: `inner` is everything inside <worksheet> (sheetData and friends). */
export function worksheet(inner: string): string {
  return `${XML_DECL}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${inner}</worksheet>`;
}

export interface FixtureSheet {
  name: string;
  xml: string;
  /** Relationship target; default worksheets/sheetN.xml (relative to xl/). */
  target?: string;
}

export interface FixtureOptions {
  /** XML after </sheets> inside <workbook> (definedNames, calcPr, extLst …). */
  workbookTail?: string;
  /** Extra parts: path → text. */
  parts?: Record<string, string>;
  /** Extra workbook relationships (XML elements). */
  rels?: string;
  /** Extra content-type elements. */
  contentTypes?: string;
}

/** A minimal .xlsx with the given sheets (SheetJS, Excel and LibreOffice open it). */
export function fixtureXlsx(sheets: FixtureSheet[], options: FixtureOptions = {}): Uint8Array {
  const targets = sheets.map((s, i) => s.target ?? `worksheets/sheet${i + 1}.xml`);
  const partOf = (t: string) => {
    const out: string[] = [];
    for (const seg of (t.startsWith('/') ? t : `xl/${t}`).split('/')) {
      if (seg === '..') out.pop();
      else if (seg !== '' && seg !== '.') out.push(seg);
    }
    return out.join('/');
  };
  const files: Record<string, string> = {
    '[Content_Types].xml':
      `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      targets
        .map((t) => `<Override PartName="/${partOf(t)}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
        .join('') +
      (options.contentTypes ?? '') +
      '</Types>',
    '_rels/.rels': `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_TYPE}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml':
      `${XML_DECL}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets>` +
      sheets.map((s, i) => `<sheet name="${escapeAttr(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
      `</sheets>${options.workbookTail ?? ''}</workbook>`,
    'xl/_rels/workbook.xml.rels':
      `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}">` +
      targets.map((t, i) => `<Relationship Id="rId${i + 1}" Type="${REL_TYPE}/worksheet" Target="${escapeAttr(t)}"/>`).join('') +
      (options.rels ?? '') +
      '</Relationships>',
    ...options.parts,
  };
  sheets.forEach((s, i) => (files[partOf(targets[i])] = s.xml));
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
}

/** The zip entries, in order. */
export function entries(bytes: Uint8Array): Array<[string, Uint8Array]> {
  return Object.entries(unzipSync(bytes));
}

export function partText(bytes: Uint8Array, path: string): string {
  const data = unzipSync(bytes, { filter: (f) => f.name === path })[path];
  if (!data) throw new Error(`no part ${path}`);
  return strFromU8(data);
}

/** Replaces (or adds, or with null removes) parts of a zip; other entries keep their content and order. */
export function withParts(bytes: Uint8Array, parts: Record<string, string | null>): Uint8Array {
  const files = unzipSync(bytes);
  for (const [k, v] of Object.entries(parts)) {
    if (v === null) delete files[k];
    else files[k] = strToU8(v);
  }
  return zipSync(files);
}

/**
 * Rewrites an XML part to use a namespace prefix for the SpreadsheetML main namespace (as WPS and some
 * .NET writers do): <worksheet xmlns="main"> becomes <x:worksheet xmlns:x="main">, <row> becomes <x:row>.
 */
export function prefixMainNamespace(xml: string, prefix = 'x'): string {
  return xml.replace(`xmlns="${MAIN_NS}"`, `xmlns:${prefix}="${MAIN_NS}"`).replace(/<(\/?)([A-Za-z_][\w.-]*)(?=[\s/>])/g, `<$1${prefix}:$2`);
}

/** Each `<row …>…</row>` (or `<row …/>`) of an unprefixed worksheet, by row number. */
export function rowElements(xml: string): Map<number, string> {
  const rows = new Map<number, string>();
  for (const m of xml.matchAll(/<row r="(\d+)"[^>]*?(?:\/>|>[\s\S]*?<\/row>)/g)) rows.set(Number(m[1]), m[0]);
  return rows;
}

/** The zip path of a sheet, found by name through workbook.xml and its relationships (test-grade parsing). */
export function sheetPath(bytes: Uint8Array, name: string): string {
  const wb = partText(bytes, 'xl/workbook.xml');
  const rels = partText(bytes, 'xl/_rels/workbook.xml.rels');
  const unescape = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  for (const m of wb.matchAll(/<(?:\w+:)?sheet\s[^>]*>/g)) {
    if (unescape(/\sname="([^"]*)"/.exec(m[0])?.[1] ?? '') !== name) continue;
    const id = /\sr:id="([^"]*)"/.exec(m[0])?.[1];
    for (const r of rels.matchAll(/<Relationship\s[^>]*>/g)) {
      if (/\sId="([^"]*)"/.exec(r[0])?.[1] !== id) continue;
      const target = /\sTarget="([^"]*)"/.exec(r[0])?.[1] ?? '';
      return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    }
  }
  throw new Error(`no sheet ${name}`);
}

/** Each entry's compressed data, CRC and method as stored in the zip (from the central directory). */
export function storedEntries(bytes: Uint8Array): Map<string, { method: number; crc: number; data: Buffer }> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, { method: number; crc: number; data: Buffer }>();
  for (let k = 0; k < count; k++) {
    const nameLen = buf.readUInt16LE(p + 28);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const local = buf.readUInt32LE(p + 42);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    out.set(name, { method: buf.readUInt16LE(p + 10), crc: buf.readUInt32LE(p + 16), data: buf.subarray(start, start + buf.readUInt32LE(p + 20)) });
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return out;
}
