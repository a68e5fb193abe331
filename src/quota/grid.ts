import * as XLSX from 'xlsx';

/**
 * A task table as rows and columns, whatever it came from: a worksheet (with its merged cells) or text copied
 * out of a notice (cells split by tabs). The table reader sees only this.
 */
export type GridValue = string | number | null;

export interface TableGrid {
  readonly rowCount: number;
  /** Columns in use on row r. */
  width(r: number): number;
  value(r: number, c: number): GridValue;
  /** A formula whose result was never saved (a file written by a program that does not calculate). */
  formulaWithoutValue(r: number, c: number): boolean;
  /** The last column of a merged area whose top-left cell is (r, c); c when (r, c) is no merged area's corner. */
  mergedTo(r: number, c: number): number;
  /** The last row of a merged area whose top-left cell is (r, c). */
  mergedDown(r: number, c: number): number;
  /** Where a row or cell is, for messages: 第 5 行 / 工作表“附件1”第 5 行 C5. */
  at(r: number, c?: number): string;
  /** Text lines: a row with fewer cells than the header was cut short (in a sheet, blank cells are just blank). */
  readonly isText: boolean;
}

/** Text of a value for matching labels: NFKC, no white space. */
export function labelOf(v: GridValue): string {
  if (v === null) return '';
  return String(v)
    .normalize('NFKC')
    .replace(/[\s\u3000\u200b-\u200d\ufeff]+/g, '');
}

/** A worksheet read by SheetJS (dense), with its merges. */
export function sheetGrid(ws: XLSX.WorkSheet, sheet: string): TableGrid {
  const rows = (ws['!data'] ?? []) as Array<Array<XLSX.CellObject | undefined> | undefined>;
  const across = new Map<string, number>();
  const down = new Map<string, number>();
  for (const m of ws['!merges'] ?? []) {
    across.set(`${m.s.r},${m.s.c}`, m.e.c);
    down.set(`${m.s.r},${m.s.c}`, m.e.r);
  }
  const cell = (r: number, c: number) => rows[r]?.[c];
  return {
    rowCount: rows.length,
    width: (r) => rows[r]?.length ?? 0,
    value(r, c) {
      const x = cell(r, c);
      if (!x || x.t === 'z' || x.v === undefined || x.v === null) return null;
      if (x.t === 'e') return x.w ?? '#ERROR';
      if (x.v instanceof Date) return x.v.toISOString();
      if (typeof x.v === 'boolean') return String(x.v);
      return x.v as string | number;
    },
    formulaWithoutValue(r, c) {
      const x = cell(r, c);
      return !!x?.f && (x.t === 'z' || x.v === undefined || x.v === null);
    },
    mergedTo: (r, c) => across.get(`${r},${c}`) ?? c,
    mergedDown: (r, c) => down.get(`${r},${c}`) ?? r,
    at: (r, c) => (c === undefined ? `工作表“${sheet}”第 ${r + 1} 行` : `工作表“${sheet}” ${XLSX.utils.encode_cell({ r, c })} 单元格`),
    isText: false,
  };
}

/**
 * Text copied from a notice (PDF, Word, WPS) or a spreadsheet: one line per row, cells split by tabs. Lines
 * without a tab (copied from a viewer that drops them) are split at runs of two or more spaces; `spaced` tells
 * which lines were, so the reader can refuse what cannot be lined up.
 */
export function textGrid(text: string): TableGrid & { spaced: ReadonlySet<number> } {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  const spaced = new Set<number>();
  const rows = lines.map((line, i) => {
    if (line.includes('\t')) return line.split('\t').map((f) => f.trim());
    const t = line.trim();
    if (!t) return [];
    spaced.add(i);
    return t.split(/\s{2,}|\u3000+/).map((f) => f.trim());
  });
  return {
    rowCount: rows.length,
    width: (r) => rows[r]?.length ?? 0,
    value: (r, c) => {
      const v = rows[r]?.[c];
      return v === undefined || v === '' ? null : v;
    },
    formulaWithoutValue: () => false,
    mergedTo: (_r, c) => c,
    mergedDown: (r) => r,
    at: (r, c) => (c === undefined ? `第 ${r + 1} 行` : `第 ${r + 1} 行第 ${c + 1} 列`),
    isText: true,
    spaced,
  };
}
