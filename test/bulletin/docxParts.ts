import { strFromU8, unzipSync } from 'fflate';

/** Reads a .docx back the plain way: its XML parts, paragraphs' text and tables' cells, with no docx library. */

export interface DocxParts {
  files: Record<string, Uint8Array>;
  xml: (path: string) => string;
}

export function openDocx(bytes: Uint8Array): DocxParts {
  const files = unzipSync(bytes);
  return {
    files,
    xml: (path) => {
      const f = files[path];
      if (!f) throw new Error(`${path} is not in the docx (has ${Object.keys(files).join(', ')})`);
      return strFromU8(f);
    },
  };
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The text of an XML fragment: its <w:t> runs joined, a line break as "\n". */
export function textOf(fragment: string): string {
  let out = '';
  for (const m of fragment.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>|<w:br\s[^>]*\/>/g)) out += m[1] !== undefined ? decode(m[1]) : '\n';
  return out;
}

/** Every paragraph's text in document order, table cells included. */
export function paragraphs(documentXml: string): string[] {
  return [...documentXml.matchAll(/<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g)].map((m) => textOf(m[1]));
}

/** The paragraphs of the body outside tables, in order. */
export function bodyParagraphs(documentXml: string): string[] {
  return paragraphs(documentXml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, ''));
}

export interface TableRowText {
  cells: string[];
  header: boolean;
  spans: number[];
}

/** Each table's rows: the text of each cell, whether the row repeats as a header, each cell's gridSpan. */
export function tables(documentXml: string): TableRowText[][] {
  return [...documentXml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...t[1].matchAll(/<w:tr(?:\s[^>]*)?>([\s\S]*?)<\/w:tr>/g)].map((r) => {
      const cells = [...r[1].matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)];
      return {
        header: /<w:tblHeader\/>/.test(r[1]),
        cells: cells.map((c) => textOf(c[1])),
        spans: cells.map((c) => Number(/<w:gridSpan w:val="(\d+)"\/>/.exec(c[1])?.[1] ?? 1)),
      };
    }),
  );
}

/** Attributes of the first element named `tag` in an XML fragment. */
export function attrs(fragment: string, tag: string): Record<string, string> {
  const m = new RegExp(`<${tag}((?:\\s[^>]*)?)/?>`).exec(fragment);
  if (!m) throw new Error(`no <${tag}> in ${fragment.slice(0, 200)}`);
  return Object.fromEntries([...m[1].matchAll(/([\w:]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
}

/** The section properties in order: those ending a section inside a paragraph, then the body's last one. */
export function sections(documentXml: string): string[] {
  return [...documentXml.matchAll(/<w:sectPr(?:\s[^>]*)?>([\s\S]*?)<\/w:sectPr>/g)].map((m) => m[1]);
}

/** Width and height of a PNG from its IHDR chunk. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!sig.every((b, i) => png[i] === b)) throw new Error('not a PNG');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
