import { CellValue } from './spec';

/** What an adapter reads back: each sheet's cell values (formula cells give their cached result). */
export interface WorkbookGrids {
  sheetNames: string[];
  sheets: Map<string, CellValue[][]>;
}

/** The value at a 1-based row and column, null when empty or out of range. */
export function cellAt(grid: CellValue[][] | undefined, row: number, col: number): CellValue {
  return grid?.[row - 1]?.[col - 1] ?? null;
}

/** A row without its empty tail, "" as null: how rows compare whichever adapter read them. */
export function trimRow(row: readonly CellValue[]): CellValue[] {
  const blank = (v: CellValue) => v === null || v === '';
  let end = row.length;
  while (end > 0 && blank(row[end - 1])) end--;
  return row.slice(0, end).map((v) => (blank(v) ? null : v));
}
