/** A1-style addresses; rows and columns are 1-based as in the spreadsheet UI. */

export function columnLetter(col: number): string {
  let n = col;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnNumber(letters: string): number {
  return letters
    .toUpperCase()
    .split('')
    .reduce((acc, ch) => acc * 26 + (ch.charCodeAt(0) - 64), 0);
}

export function cellAddress(row: number, col: number, absolute = false): string {
  return absolute ? `$${columnLetter(col)}$${row}` : `${columnLetter(col)}${row}`;
}

export function rangeAddress(r1: number, c1: number, r2: number, c2: number): string {
  return `${cellAddress(r1, c1)}:${cellAddress(r2, c2)}`;
}

/** A sheet reference as it must appear in a formula: always quoted, quotes doubled. */
export function sheetRef(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

export function parseAddress(a1: string): { row: number; col: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(a1.toUpperCase());
  if (!m) throw new Error(`not an A1 address: ${a1}`);
  return { row: Number(m[2]), col: columnNumber(m[1]) };
}
