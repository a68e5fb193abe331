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
  /**
   * Set cells to values (never formulas): what merges and undo write. `options.knownSheets`: the sheets a read
   * of this same operation found, so an adapter may skip checking again that the patched sheets exist.
   */
  applyPatches(patches: readonly SheetPatch[], options?: ApplyPatchesOptions): Promise<void>;
  /**
   * Sheets that are not the master's own, as SheetJS worksheets (values, formulas, number formats),
   * so the same report reader finds forms pasted into the workbook.
   */
  readForeignSheets(ownSheets: readonly string[]): Promise<Array<{ name: string; sheet: WorkSheet }>>;
  /**
   * Optional: readGrids(ownSheets) and readForeignSheets(ownSheets) in one pass (the Office.js adapter: fewer
   * round trips). `foreign: false` reads the master only. Used by MasterSession when present.
   */
  readMasterAndForeign?(ownSheets: readonly string[], options?: { foreign?: boolean }): Promise<MasterAndForeign>;
}

export interface ApplyPatchesOptions {
  /** Every sheet of the workbook as a read moments ago listed it. */
  knownSheets?: readonly string[];
}

export interface MasterAndForeign {
  /** The master's own sheets that exist, as readGrids(ownSheets) gives them. */
  grids: WorkbookGrids;
  /** As readForeignSheets(ownSheets) gives them (empty with `foreign: false`). */
  foreign: Array<{ name: string; sheet: WorkSheet }>;
  /** Every sheet of the workbook, in tab order. */
  sheetNames: string[];
}
