import { WorkbookGrids, cellAt } from './grids';
import { MERGED_SHEET_HEADERS, MERGED_SHEET_ROWS, SHEET } from './layout';
import { CellPatch, SheetPatch } from './patches';
import { CellValue } from './spec';

/**
 * Report sheets merged from the master workbook itself (sheets a coordinator pasted in), recorded in 配置
 * (rows from MERGED_SHEET_ROWS.first): a sheet recorded for month K and offered again for another month is
 * rejected (STALE); offered again for month K it is merged again, which changes nothing.
 */
export interface MergedSheetRecord {
  /** The worksheet's name when it was merged (a later rename does not matter: the hash identifies it). */
  sheet: string;
  /** readReportSheet's SHA-256 of the sheet's cell values. */
  sha256: string;
  month: number;
  /** 序号 of the merge in 撤销记录 (1 = the first merge that can be undone): undoing that merge drops the record. */
  mergeIndex: number;
  time: string;
  /** Row in 配置. */
  row: number;
}

const COLUMNS = MERGED_SHEET_HEADERS.length + 1;

/** The records in 配置; rows that are not complete records are ignored. */
export function readMergedSheets(grids: WorkbookGrids): MergedSheetRecord[] {
  const grid = grids.sheets.get(SHEET.config) ?? [];
  const records: MergedSheetRecord[] = [];
  for (let row = MERGED_SHEET_ROWS.first; row <= grid.length; row++) {
    if (cellAt(grid, row, 1) !== MERGED_SHEET_ROWS.key) continue;
    const sheet = cellAt(grid, row, 2);
    const sha256 = cellAt(grid, row, 3);
    const month = cellAt(grid, row, 4);
    const mergeIndex = cellAt(grid, row, 5);
    if (typeof sheet !== 'string' || typeof sha256 !== 'string' || typeof month !== 'number' || typeof mergeIndex !== 'number') continue;
    records.push({ sheet, sha256, month, mergeIndex, time: String(cellAt(grid, row, 6) ?? ''), row });
  }
  return records;
}

function rowValues(r: Omit<MergedSheetRecord, 'row'>): CellValue[] {
  return [MERGED_SHEET_ROWS.key, r.sheet, r.sha256, r.month, r.mergeIndex, r.time];
}

/** New records appended after the last one (nothing when `added` is empty). */
export function appendMergedSheets(
  existing: readonly MergedSheetRecord[],
  added: ReadonlyArray<Omit<MergedSheetRecord, 'row'>>,
): { records: MergedSheetRecord[]; patches: SheetPatch[] } {
  let next = existing.reduce<number>((m, r) => Math.max(m, r.row + 1), MERGED_SHEET_ROWS.first);
  const fresh = added.map((a) => ({ ...a, row: next++ }));
  if (fresh.length === 0) return { records: [...existing], patches: [] };
  const cells = fresh.flatMap((r) => rowValues(r).map((value, i) => ({ row: r.row, col: i + 1, value })));
  return { records: [...existing, ...fresh], patches: [{ sheet: SHEET.config, cells }] };
}

/** The records of one merge removed (its undo): the rest are written again from the first row, the tail cleared. */
export function dropMergedSheets(existing: readonly MergedSheetRecord[], mergeIndex: number): { records: MergedSheetRecord[]; patches: SheetPatch[] } {
  if (!existing.some((r) => r.mergeIndex === mergeIndex)) return { records: [...existing], patches: [] };
  const kept = existing.filter((r) => r.mergeIndex !== mergeIndex).map((r, i) => ({ ...r, row: MERGED_SHEET_ROWS.first + i }));
  const last = existing.reduce<number>((m, r) => Math.max(m, r.row), MERGED_SHEET_ROWS.first);
  const cells: CellPatch[] = [];
  for (let row = MERGED_SHEET_ROWS.first; row <= last; row++) {
    const record = kept[row - MERGED_SHEET_ROWS.first];
    const values: CellValue[] = record ? rowValues(record) : Array<CellValue>(COLUMNS).fill(null);
    values.forEach((value, i) => cells.push({ row, col: i + 1, value }));
  }
  return { records: kept, patches: [{ sheet: SHEET.config, cells }] };
}
