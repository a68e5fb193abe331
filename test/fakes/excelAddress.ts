/** A1 addresses for the Excel fake: rectangles, whole columns ("C:E"), whole rows ("1:3"), sheet prefixes. */

import { columnLetter, columnNumber } from '../../src/workbook/address';

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

/** 1-based, inclusive. */
export interface Rect {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

export class AddressError extends Error {}

/** Column letters of the workbook's own address helpers: the fake and the adapters spell columns one way. */
export const colLetters = columnLetter;

const colNumber = columnNumber;

/** Strips "Sheet!" or "'My sheet'!" from an address; returns the sheet name (unquoted) and the rest. */
export function splitSheet(address: string): { sheet: string | null; local: string } {
  const t = address.trim();
  const quoted = /^'((?:[^']|'')+)'!(.*)$/.exec(t);
  if (quoted) return { sheet: quoted[1].replace(/''/g, "'"), local: quoted[2] };
  const bang = t.lastIndexOf('!');
  if (bang > 0) return { sheet: t.slice(0, bang), local: t.slice(bang + 1) };
  return { sheet: null, local: t };
}

type Part = { kind: 'cell'; row: number; col: number } | { kind: 'col'; col: number } | { kind: 'row'; row: number };

function parsePart(p: string): Part {
  const s = p.trim().toUpperCase();
  let m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(s);
  if (m) return { kind: 'cell', row: Number(m[2]), col: colNumber(m[1]) };
  m = /^\$?([A-Z]{1,3})$/.exec(s);
  if (m) return { kind: 'col', col: colNumber(m[1]) };
  m = /^\$?(\d{1,7})$/.exec(s);
  if (m) return { kind: 'row', row: Number(m[1]) };
  throw new AddressError(`not an A1 address: ${p}`);
}

/** One rectangular A1 address (no sheet prefix) as a rectangle. */
export function parseRect(local: string): Rect {
  const parts = local.split(':');
  if (parts.length < 1 || parts.length > 2) throw new AddressError(`not an A1 address: ${local}`);
  const a = parsePart(parts[0]);
  const b = parts.length === 2 ? parsePart(parts[1]) : a;
  let rect: Rect;
  if (a.kind === 'cell' && b.kind === 'cell') rect = { r1: a.row, c1: a.col, r2: b.row, c2: b.col };
  else if (a.kind === 'col' && b.kind === 'col') rect = { r1: 1, c1: a.col, r2: MAX_ROWS, c2: b.col };
  else if (a.kind === 'row' && b.kind === 'row') rect = { r1: a.row, c1: 1, r2: b.row, c2: MAX_COLS };
  else throw new AddressError(`not an A1 address: ${local}`);
  const n = {
    r1: Math.min(rect.r1, rect.r2),
    r2: Math.max(rect.r1, rect.r2),
    c1: Math.min(rect.c1, rect.c2),
    c2: Math.max(rect.c1, rect.c2),
  };
  if (n.r1 < 1 || n.r2 > MAX_ROWS || n.c1 < 1 || n.c2 > MAX_COLS) throw new AddressError(`address out of the sheet: ${local}`);
  return n;
}

export function rectAddress(r: Rect): string {
  if (r.r1 === 1 && r.r2 === MAX_ROWS) return `${colLetters(r.c1)}:${colLetters(r.c2)}`;
  if (r.c1 === 1 && r.c2 === MAX_COLS) return `${r.r1}:${r.r2}`;
  const a = `${colLetters(r.c1)}${r.r1}`;
  const b = `${colLetters(r.c2)}${r.r2}`;
  return a === b ? a : `${a}:${b}`;
}

/** How Excel prints a sheet name in an address: quoted when it is not a plain identifier. */
export function sheetPrefix(name: string): string {
  return /^[A-Za-z_\u3400-\u9fff][A-Za-z0-9_.\u3400-\u9fff]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? `${name}!` : `'${name.replace(/'/g, "''")}'!`;
}

export function rows(r: Rect): number {
  return r.r2 - r.r1 + 1;
}

export function cols(r: Rect): number {
  return r.c2 - r.c1 + 1;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
}

export function boundingRect(a: Rect, b: Rect): Rect {
  return { r1: Math.min(a.r1, b.r1), c1: Math.min(a.c1, b.c1), r2: Math.max(a.r2, b.r2), c2: Math.max(a.c2, b.c2) };
}

export function intersection(a: Rect, b: Rect): Rect | null {
  if (!intersects(a, b)) return null;
  return { r1: Math.max(a.r1, b.r1), c1: Math.max(a.c1, b.c1), r2: Math.min(a.r2, b.r2), c2: Math.min(a.c2, b.c2) };
}

/** UTF-8 byte length of a string (what a request's JSON costs on the wire); Node's own count, not the adapter's. */
export function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}
