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
