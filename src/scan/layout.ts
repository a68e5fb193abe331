import { SCAN_TRUST_DEFAULTS } from '../core/scanTrust';
import { decodeTemplateCode } from '../core/templateCode';
import { parseCount, parseRate, parseReportDate } from '../reports/values';
import { bareLabel, findApprox, squash, tolerance } from './match';
import { Box } from './raster';
import { ReadLine } from './recognize';
import { ScanFigures, ScanHow, ScanIndicator, ScanPage, ScanText, ScanValue } from './types';

/**
 * From text lines (OCR or a PDF text layer) to the form's content: the header words give the columns,
 * the indicator labels the rows, characters fall into cells by their position. Cells with nothing read
 * are handed to `fallback` (a cut-out of the cell on image pages).
 */

export type Field = 'annual' | 'monthly' | 'cumulative' | 'rate';
export const FIELDS: Field[] = ['annual', 'monthly', 'cumulative', 'rate'];

const HEADER_WORDS: Record<Field, string[]> = {
  annual: ['年度任务'],
  monthly: ['当月完成'],
  cumulative: ['累计已完成'],
  rate: ['累计完成率', '累计完成', '完成率'],
};

/** A cell's rectangle and the text height around it, for the fallback reading of an empty cell. */
export interface CellProbe {
  box: Box;
  textHeight: number;
  /** What was read there already (low confidence), if anything. */
  read: ScanText | null;
}

export type CellFallback = (probe: CellProbe) => Promise<{ text: string; confidence: number; box: Box; how: ScanHow } | null>;

interface Glyph {
  ch: string;
  x: number;
  confidence: number;
  line: ReadLine;
  index: number;
}

/** One character per entry, squashed (NFKC, no spaces), with positions kept. */
function glyphs(line: ReadLine): Glyph[] {
  const out: Glyph[] = [];
  for (const c of line.chars) {
    const s = squash(c.ch);
    for (const ch of s) out.push({ ch, x: c.x, confidence: c.confidence, line, index: out.length });
  }
  return out;
}

interface Token {
  field: Field;
  x0: number;
  x1: number;
  y: number;
  h: number;
  line: ReadLine;
}

const cy = (b: Box) => b.y + b.h / 2;
const median = (xs: number[]) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function charWidth(line: ReadLine, g: Glyph[]): number {
  return g.length > 1 ? Math.min(line.box.h, (g[g.length - 1].x - g[0].x) / (g.length - 1)) : line.box.h * 0.9;
}

/**
 * A column beside the form's four that repeats an earlier figure (our templates' 截至上月已完成（参考）). Its
 * header is close to 累计已完成 (two characters apart), so it is not a header word: it is where the rate column ends.
 */
const REFERENCE_COLUMN = /上月|参考/;
const isReferenceHeader = (text: string) => REFERENCE_COLUMN.test(text) || findApprox(text, '截至上月').distance <= 1;

function headerTokens(lines: ReadLine[], used: Map<ReadLine, Array<[number, number]>>, stops: number[]): Token[] {
  const out: Token[] = [];
  for (const line of lines) {
    const g = glyphs(line);
    const text = g.map((x) => x.ch).join('');
    if (g.length && isReferenceHeader(text)) {
      stops.push(g[0].x - charWidth(line, g) / 2);
      used.set(line, [[0, g.length]]);
      continue;
    }
    const cands: Array<{ field: Field; d: number; len: number; start: number; end: number }> = [];
    for (const field of FIELDS) {
      for (const word of HEADER_WORDS[field]) {
        const m = findApprox(text, word);
        // five-character header words survive two misread characters (blurred photos): a row needs two of them anyway
        const allowed = word.length >= 5 ? 2 : tolerance(word.length);
        if (m.end > m.start && m.distance <= allowed) cands.push({ field, d: m.distance, len: word.length, start: m.start, end: m.end });
      }
    }
    cands.sort((a, b) => a.d - b.d || b.len - a.len);
    const taken: Array<[number, number]> = [];
    const fields = new Set<Field>();
    for (const c of cands) {
      if (fields.has(c.field) || taken.some(([s, e]) => c.start < e && s < c.end)) continue;
      taken.push([c.start, c.end]);
      fields.add(c.field);
      const cw = charWidth(line, g);
      out.push({ field: c.field, x0: g[c.start].x - cw / 2, x1: g[c.end - 1].x + cw / 2, y: cy(line.box), h: line.box.h, line });
    }
    if (taken.length) used.set(line, taken);
  }
  return out;
}

interface HeaderRow {
  y: number;
  tokens: Partial<Record<Field, Token>>;
}

function headerRows(tokens: Token[]): HeaderRow[] {
  const h = median(tokens.map((t) => t.h));
  const rows: HeaderRow[] = [];
  for (const t of [...tokens].sort((a, b) => a.y - b.y)) {
    const row = rows.find((r) => Math.abs(r.y - t.y) < 0.6 * h && !r.tokens[t.field]);
    if (row) row.tokens[t.field] = t;
    else rows.push({ y: t.y, tokens: { [t.field]: t } });
  }
  for (const r of rows) r.y = median(Object.values(r.tokens).map((t) => (t as Token).y));
  // a header row has at least two of the four words
  return rows.filter((r) => Object.keys(r.tokens).length >= 2).sort((a, b) => a.y - b.y);
}

interface LabelHit {
  key: string;
  line: ReadLine;
  start: number;
  end: number;
  x: number;
  y: number;
  text: string;
  confidence: number;
}

function findLabels(indicators: readonly ScanIndicator[], lines: ReadLine[], used: Map<ReadLine, Array<[number, number]>>, leftOf: number): LabelHit[] {
  const cands: Array<LabelHit & { d: number; len: number; cover: number }> = [];
  for (const line of lines) {
    const g = glyphs(line);
    const text = g.map((x) => x.ch).join('');
    for (const ind of indicators) {
      const label = bareLabel(ind.label);
      if (!label) continue;
      const m = findApprox(text, label);
      if (m.end <= m.start || m.distance > tolerance(label.length)) continue;
      if ((used.get(line) ?? []).some(([s, e]) => m.start < e && s < m.end)) continue;
      const x = g[m.start].x;
      if (x > leftOf) continue;
      const part = g.slice(m.start, m.end);
      cands.push({
        key: ind.key,
        line,
        start: m.start,
        end: m.end,
        x,
        y: cy(line.box),
        text: part.map((p) => p.ch).join(''),
        confidence: part.reduce((s, p) => s + p.confidence, 0) / part.length,
        d: m.distance,
        len: label.length,
        cover: (m.end - m.start) / text.length,
      });
    }
  }
  cands.sort((a, b) => a.d - b.d || b.len - a.len || b.cover - a.cover);
  const byKey = new Map<string, LabelHit>();
  const usedLines = new Set<ReadLine>();
  for (const c of cands) {
    if (byKey.has(c.key) || usedLines.has(c.line)) continue;
    byKey.set(c.key, c);
    usedLines.add(c.line);
  }
  return indicators.map((i) => byKey.get(i.key)).filter((x): x is LabelHit => !!x);
}

/** OCR's usual slips in a number cell ("l23", "1O5", a lone "一" for "—") put right before parsing. */
export function tidyNumberText(text: string): string {
  let t = squash(text).replace(/[，]/g, ',').replace(/[。]/g, '.');
  if (/^[一—–\-_~～－]+$/.test(t)) return '—';
  if (/^[\dOoIl|.,%]+$/.test(t) && /\d/.test(t)) t = t.replace(/[Oo]/g, '0').replace(/[Il|]/g, '1');
  return t.replace(/^[.,]+|[.,]+$/g, '');
}

function valueOf(field: Field, text: string, confidence: number, box: Box, how: ScanHow): ScanValue {
  const t = tidyNumberText(text);
  if (field === 'rate') {
    const r = parseRate(t === '' ? null : t, null, false);
    const notNumber = t !== '' && t !== '—' && r.value === null && parseCount(t, null).value === null && !/^(无|空|\/)$/.test(t);
    return { text, confidence, box, how, value: r.value, readings: r.readings, ...(notNumber ? { problem: 'NOT_A_NUMBER' as const } : {}) };
  }
  // a count is whole persons: "1.050" is "1,050" with the comma misread
  const count = /^\d{1,3}(\.\d{3})+$/.test(t) ? t.replace(/\./g, ',') : t;
  const c = parseCount(count === '' ? null : count, null);
  return { text, confidence, box, how, value: c.value, ...(c.problem === 'NOT_A_NUMBER' ? { problem: 'NOT_A_NUMBER' as const } : {}) };
}

function textAfter(line: ReadLine, end: number): ScanText | null {
  const g = glyphs(line).slice(end);
  let i = 0;
  const skip = /[(:)公章盖]/;
  while (i < g.length && skip.test(g[i].ch)) i++;
  const rest = g.slice(i);
  if (!rest.length) return null;
  const cw = charWidth(line, rest);
  const x0 = rest[0].x - cw / 2;
  const x1 = rest[rest.length - 1].x + cw / 2;
  return {
    text: rest.map((r) => r.ch).join(''),
    confidence: rest.reduce((s, r) => s + r.confidence, 0) / rest.length,
    box: { x: x0, y: line.box.y, w: x1 - x0, h: line.box.h },
  };
}

/** The text after a label ("填报单位（公章）：…"), or the nearest text to its right on the same row. */
function labelledText(lines: ReadLine[], word: string, exclude: Set<ReadLine>): { label: ReadLine; value: ScanText | null } | null {
  let best: { line: ReadLine; d: number; end: number } | null = null;
  for (const line of lines) {
    const text = glyphs(line)
      .map((g) => g.ch)
      .join('');
    const m = findApprox(text, word);
    if (m.end > m.start && m.distance <= tolerance(word.length) && (!best || m.distance < best.d)) best = { line, d: m.distance, end: m.end };
  }
  if (!best) return null;
  const label = best.line;
  const inline = textAfter(label, best.end);
  if (inline && inline.text.length >= 2) return { label, value: inline };
  const right = lines
    .filter(
      (l) =>
        l !== label &&
        !exclude.has(l) &&
        l.box.x > label.box.x + label.box.w - 2 &&
        Math.abs(cy(l.box) - cy(label.box)) < 0.5 * label.box.h &&
        squash(l.text).length >= 2 &&
        l.confidence >= 0.5,
    )
    .sort((a, b) => a.box.x - b.box.x)[0];
  if (!right) return { label, value: inline };
  return { label, value: { text: squash(right.text), confidence: right.confidence, box: right.box } };
}

const DATE_RE = /(\d{4})年(\d{1,2})月(\d{1,2})日?|(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/;

function findDate(lines: ReadLine[], exclude: Set<ReadLine>): ScanPage['date'] {
  const labelled = labelledText(lines, '填报时间', exclude);
  let value = labelled?.value ?? null;
  if (!value || !DATE_RE.test(squash(value.text))) {
    const any = lines.find((l) => DATE_RE.test(squash(l.text)));
    if (any) value = { text: squash(any.text), confidence: any.confidence, box: any.box };
  }
  if (!value) return null;
  const m = DATE_RE.exec(squash(value.text));
  const text = m ? m[0] : value.text;
  return { ...value, text, date: parseReportDate(text, null).date };
}

function findCode(lines: ReadLine[]): ScanPage['code'] {
  for (const l of lines) {
    const t = squash(l.text)
      .toUpperCase()
      .replace(/[一—–_~－]/g, '-');
    const at = t.indexOf('CZJD');
    if (at < 0) continue;
    const raw = t.slice(at).replace(/[^0-9A-Z-]/g, '');
    // digits only after the prefix: O→0, I/L→1 (the code has no letters there)
    const fixed = 'CZJD' + raw.slice(4).replace(/O/g, '0').replace(/[IL]/g, '1');
    return { text: raw, confidence: l.confidence, box: l.box, decoded: decodeTemplateCode(fixed) };
  }
  return null;
}

/**
 * The characters of a row's lines per column, each by its position. Cells are told apart at the border
 * just left of each header word (left-aligned headers, right-aligned numbers: "73" ends where "3.32%"
 * of the next cell begins, and the detector often boxes them together). A single edge character that
 * falls just across a border (the recogniser places characters to a few pixels) stays with its line.
 */
function assignColumns(lines: ReadLine[], hit: LabelHit, bounds: ReadonlyArray<readonly [number, number]>): Glyph[][] {
  const out: Glyph[][] = bounds.map(() => []);
  const column = (x: number) => bounds.findIndex(([a, b]) => x >= a && x < b);
  for (const l of lines) {
    const g = glyphs(l).filter((x) => !(l === hit.line && x.index < hit.end));
    if (!g.length) continue;
    const cw = charWidth(l, g);
    const cols = g.map((x) => column(x.x));
    for (const k of [0, g.length - 1]) {
      const inner = k === 0 ? 1 : g.length - 2;
      if (g.length < 3 || cols[k] === cols[inner] || cols[inner] < 0) continue;
      const border = k === 0 ? bounds[cols[inner]][0] : bounds[cols[inner]][1];
      const lonely = k === 0 ? cols[1] === cols[2] : cols[g.length - 2] === cols[g.length - 3];
      if (lonely && Math.abs(g[k].x - border) < 0.5 * cw && Math.abs(g[inner].x - g[k].x) < 1.3 * cw) cols[k] = cols[inner];
    }
    g.forEach((x, k) => cols[k] >= 0 && out[cols[k]].push(x));
  }
  return out.map((gl) => gl.sort((a, b) => a.x - b.x));
}

export interface LayoutResult {
  found: boolean;
  reason?: string;
  unitName: ScanPage['unitName'];
  date: ScanPage['date'];
  code: ScanPage['code'];
  indicators: Record<string, ScanFigures>;
  labels: Record<string, ScanText>;
}

/**
 * Below this a cell's reading is checked again on the cut-out cell: the trust rule's own confidence threshold, so
 * no cell is held for doubt that a second, closer reading could have settled.
 */
export const REREAD_BELOW = SCAN_TRUST_DEFAULTS.minConfidence;

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  return (w * h) / Math.min(a.w * a.h, b.w * b.h);
}

/**
 * A printed number belongs to one indicator row. On a tilted or blurred page two rows' bands can take the same
 * text (an outside test saw the 1+X row's numbers given to 取证人数 as well, its label found on a line further
 * down, and a hurried reviewer confirmed them). Which row owns them cannot be told from positions that misled
 * the reader already, so both rows are left unread ('missing'): the trust rule holds the page and a person types
 * those rows from the image.
 */
export function oneRowPerNumber(rows: Record<string, ScanFigures>): void {
  const keys = Object.keys(rows);
  for (const f of FIELDS) {
    const shared = new Set<string>();
    for (let i = 0; i < keys.length; i++) {
      for (let j = i + 1; j < keys.length; j++) {
        const a = rows[keys[i]][f];
        const b = rows[keys[j]][f];
        if (!a?.text || !b?.text || a.how === 'missing' || b.how === 'missing' || overlap(a.box, b.box) < 0.5) continue;
        shared.add(keys[i]).add(keys[j]);
      }
    }
    // no box either: a crop of the other row's number beside this row's input would invite copying it
    for (const k of shared) rows[k][f] = { text: '', confidence: 0, box: { x: 0, y: 0, w: 0, h: 0 }, value: null, how: 'missing' };
  }
}

export async function readLayout(
  lines: ReadLine[],
  indicators: readonly ScanIndicator[],
  how: 'ocr' | 'text-layer',
  fallback: CellFallback | null,
): Promise<LayoutResult> {
  const used = new Map<ReadLine, Array<[number, number]>>();
  const stops: number[] = [];
  const tokens = headerTokens(lines, used, stops);
  const rows = headerRows(tokens);
  const empty = { unitName: null, date: null, code: findCode(lines), indicators: {}, labels: {} };
  const left: Partial<Record<Field, number>> = {};
  for (const f of FIELDS) {
    const xs = rows.map((r) => r.tokens[f]?.x0).filter((x): x is number => x !== undefined);
    if (xs.length) left[f] = median(xs);
  }
  const present = FIELDS.filter((f) => left[f] !== undefined);
  if (present.length < 3) return { ...empty, found: false, reason: '未找到表头（年度任务、当月完成、累计已完成、累计完成率）' };
  const textH = median(tokens.map((t) => t.h));
  // column bounds: each starts a little left of its header word; missing ones are spaced like the others
  const step = median(present.slice(1).map((f, i) => ((left[f] as number) - (left[present[i]] as number)) / (FIELDS.indexOf(f) - FIELDS.indexOf(present[i]))));
  const start = (f: Field): number => {
    if (left[f] !== undefined) return (left[f] as number) - 0.15 * textH;
    const ref = present[0];
    return (left[ref] as number) + (FIELDS.indexOf(f) - FIELDS.indexOf(ref)) * step - 0.15 * textH;
  };
  // the rate column ends at the next column's header when there is one (a reference column), else a column further on
  const rateEnd = Math.min(start('rate') + 1.4 * step, ...stops.filter((x) => x > start('rate') + 0.5 * step));
  const bounds = FIELDS.map((f, i) => [start(f), i < 3 ? start(FIELDS[i + 1]) : rateEnd] as const);

  const labels = findLabels(indicators, lines, used, start('annual'));
  if (!labels.length) return { ...empty, found: false, reason: '未找到任务表中的指标名称' };
  const standard = rows.length >= 2;
  const labelYs = labels.map((l) => l.y).sort((a, b) => a - b);
  const labelPitch = labelYs.length > 1 ? median(labelYs.slice(1).map((y, i) => y - labelYs[i])) : 2 * textH;
  const headerPitch = rows.length > 1 ? median(rows.slice(1).map((r, i) => r.y - rows[i].y)) : NaN;
  const rowH = standard ? headerPitch / 2 : labelPitch;
  const labelLines = new Set(labels.map((l) => l.line));
  const headerLines = new Set(tokens.map((t) => t.line));

  const result: Record<string, ScanFigures> = {};
  const labelTexts: Record<string, ScanText> = {};
  for (const hit of labels) {
    let vy: number;
    if (standard) {
      const own = [...rows].reverse().find((r) => r.y <= hit.y + 0.25 * rowH) ?? rows[0];
      vy = own.y + rowH;
    } else vy = hit.y;
    const inBand = (l: ReadLine) => !headerLines.has(l) && Math.abs(cy(l.box) - vy) < 0.5 * rowH;
    const bandLines = lines.filter((l) => inBand(l) && !(labelLines.has(l) && l !== hit.line));
    const numberYs = bandLines.filter((l) => /\d/.test(l.text)).map((l) => cy(l.box));
    if (numberYs.length) vy = median(numberYs);
    const cells = {} as ScanFigures;
    const perColumn = assignColumns(bandLines, hit, bounds);
    for (const [i, f] of FIELDS.entries()) {
      const [x0, x1] = bounds[i];
      const gl = perColumn[i];
      const cellBox: Box = { x: x0, y: vy - 0.5 * rowH, w: x1 - x0, h: rowH };
      let read: ScanText | null = null;
      if (gl.length) {
        const ln = gl[0].line;
        const cw = charWidth(ln, gl);
        const bx0 = gl[0].x - cw / 2;
        const bx1 = gl[gl.length - 1].x + cw / 2;
        read = {
          text: gl.map((g) => g.ch).join(''),
          confidence: Math.min(...gl.map((g) => g.confidence)),
          box: { x: bx0, y: ln.box.y, w: bx1 - bx0, h: ln.box.h },
        };
      }
      if (read && (read.confidence >= REREAD_BELOW || !fallback)) {
        cells[f] = valueOf(f, read.text, read.confidence, read.box, how);
        continue;
      }
      const second = fallback ? await fallback({ box: cellBox, textHeight: textH, read }) : null;
      if (second && (!read || second.confidence > read.confidence)) cells[f] = valueOf(f, second.text, second.confidence, second.box, second.how);
      else if (read) cells[f] = valueOf(f, read.text, read.confidence, read.box, how);
      else cells[f] = valueOf(f, '', left[f] === undefined ? 0 : 1, cellBox, left[f] === undefined ? 'missing' : 'blank');
    }
    result[hit.key] = cells;
    const cw = charWidth(hit.line, glyphs(hit.line));
    labelTexts[hit.key] = {
      text: hit.text,
      confidence: hit.confidence,
      box: { x: hit.x - cw / 2, y: hit.line.box.y, w: (hit.end - hit.start) * cw, h: hit.line.box.h },
    };
  }
  oneRowPerNumber(result);
  const exclude = new Set([...labelLines, ...headerLines]);
  const unit = labelledText(lines, '填报单位', exclude);
  return {
    found: true,
    unitName: unit?.value ?? null,
    date: findDate(lines, exclude),
    code: findCode(lines),
    indicators: result,
    labels: labelTexts,
  };
}
