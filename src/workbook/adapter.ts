import type { WorkSheet } from 'xlsx';
import { WorkbookGrids } from './grids';
import { SheetPatch } from './patches';
import { WorkbookSpec } from './spec';

/**
 * The one small interface every master-workbook adapter implements: the .xlsx file adapter (CLI,
 * browser page, tests) and the Office.js adapter (the Excel add-in). The workflows in src/workflow
 * speak only to this.
 */
export interface MasterWorkbook {
  /** Create the master's sheets from the layout description (a new master). */
  render(spec: WorkbookSpec): Promise<void>;
  /** Cell values of the named sheets (all sheets when omitted); formula cells give their results. */
  readGrids(sheets?: readonly string[]): Promise<WorkbookGrids>;
  /** Set cells to values (never formulas): what merges and undo write. */
  applyPatches(patches: readonly SheetPatch[]): Promise<void>;
  /**
   * Sheets that are not the master's own, as SheetJS worksheets (values, formulas, number formats),
   * so the same report reader finds forms pasted into the workbook.
   */
  readForeignSheets(ownSheets: readonly string[]): Promise<Array<{ name: string; sheet: WorkSheet }>>;
}
