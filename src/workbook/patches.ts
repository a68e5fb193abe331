import { Ledger, MONTHS, getEntry } from '../core/ledger';
import { UndoRecord } from '../core/merge';
import { FIRST_UNIT_ROW, README_CELLS, SHEET, UNDO_FIRST_ROW, ledgerColumn, ledgerSheets, shapeOf, unitRow } from './layout';
import { MasterModel } from './model';
import { CellValue } from './spec';
import { undoRowValues } from './undoStore';

/** Cells to set in the master, by sheet: what a merge or undo writes, for any adapter to apply. */
export interface CellPatch {
  row: number;
  col: number;
  value: CellValue;
}
export interface SheetPatch {
  sheet: string;
  cells: CellPatch[];
}

class PatchSet {
  private readonly bySheet = new Map<string, CellPatch[]>();
  set(sheet: string, row: number, col: number, value: CellValue): void {
    const cells = this.bySheet.get(sheet) ?? [];
    cells.push({ row, col, value });
    this.bySheet.set(sheet, cells);
  }
  row(sheet: string, row: number, values: readonly CellValue[], clearTo = values.length): void {
    for (let c = 0; c < Math.max(values.length, clearTo); c++) this.set(sheet, row, c + 1, values[c] ?? null);
  }
  done(): SheetPatch[] {
    return [...this.bySheet].map(([sheet, cells]) => ({ sheet, cells }));
  }
}

/** The ledger cells of the given units for one month (every indicator sheet), as in `ledger`. */
function ledgerCells(p: PatchSet, model: MasterModel, ledger: Ledger, unitIds: readonly number[], month: number): void {
  const index = new Map(model.table.units.map((u, i) => [u.id, i]));
  const sheets = ledgerSheets(shapeOf(model.table));
  for (const id of unitIds) {
    const row = unitRow(index.get(id)!);
    for (const ind of model.table.indicators) {
      const e = getEntry(ledger, id, ind.key, month);
      p.set(sheets[ind.key], row, ledgerColumn(month, 'monthly'), e?.monthly ?? null);
      p.set(sheets[ind.key], row, ledgerColumn(month, 'cumulative'), e?.cumulative ?? null);
    }
  }
}

function logRows(p: PatchSet, model: MasterModel, rows: readonly CellValue[][]): void {
  rows.forEach((r, i) => p.row(SHEET.log, FIRST_UNIT_ROW + model.log.length + i, r));
}

export interface MergeWrite {
  ledger: Ledger;
  month: number;
  changedUnits: readonly number[];
  logRows: CellValue[][];
  undo: { time: string; record: UndoRecord } | null;
}

/** What a merge writes: the changed units' month, 截至月份, the log, and an undo record. */
export function mergePatches(model: MasterModel, write: MergeWrite): SheetPatch[] {
  const p = new PatchSet();
  // The undo record goes first: if a write stops midway, what was written can still be undone.
  if (write.undo) {
    const n = model.undoStack.length;
    p.row(SHEET.undo, UNDO_FIRST_ROW + n, undoRowValues(n + 1, write.undo.time, write.undo.record));
  }
  ledgerCells(p, model, write.ledger, write.changedUnits, write.month);
  p.set(SHEET.readme, README_CELLS.month.row, README_CELLS.month.col, write.month);
  logRows(p, model, write.logRows);
  return p.done();
}

/** What an undo writes: the units' month restored, 截至月份 restored, a log row, the record removed. */
export function undoPatches(model: MasterModel, ledger: Ledger, record: UndoRecord, month: number, log: CellValue[][]): SheetPatch[] {
  const p = new PatchSet();
  ledgerCells(p, model, ledger, record.units.map((u) => u.unitId), record.month);
  p.set(SHEET.readme, README_CELLS.month.row, README_CELLS.month.col, month);
  logRows(p, model, log);
  const n = model.undoStack.length - 1;
  const last = undoRowValues(n + 1, model.undoStack[n].time, model.undoStack[n].record);
  p.row(SHEET.undo, UNDO_FIRST_ROW + n, [], last.length);
  return p.done();
}

/** Every ledger cell of the master for a ledger: used to write a ledger wholesale (tests, repair). */
export function fullLedgerPatches(model: MasterModel, ledger: Ledger): SheetPatch[] {
  const p = new PatchSet();
  for (const m of MONTHS) ledgerCells(p, model, ledger, model.table.units.map((u) => u.id), m);
  return p.done();
}
