import { Ledger, MONTHS, getEntry } from '../core/ledger';
import { UndoRecord } from '../core/merge';
import { PaceConfig } from '../core/pace';
import { CONFIG_KEYS, CONFIG_ROWS, FIRST_UNIT_ROW, README_CELLS, SHEET, UNDO_FIRST_ROW, ledgerColumn, ledgerSheets, shapeOf, unitRow } from './layout';
import { masterSpec } from './masterSpec';
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
  /**
   * The new cached results of formula cells (the formulas stay): so that programs that do not calculate show the
   * figures after a merge. The file adapter writes them into cells that hold a formula and skips others; Excel
   * (the Office.js adapter) calculates and ignores them.
   */
  results?: CellPatch[];
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

/**
 * The cached result of every formula cell of the master of `model`, by sheet, as the core computes them (the
 * spec's results): written with every change of the figures, so that a master read without recalculation shows
 * what it would after it.
 */
export function formulaResults(model: MasterModel): SheetPatch[] {
  const out: SheetPatch[] = [];
  for (const sheet of masterSpec(model).sheets) {
    const results: CellPatch[] = [];
    for (let r = 1; r <= sheet.rowCount; r++) {
      sheet.row(r).forEach((cell, k) => {
        if (cell?.formula !== undefined) results.push({ row: r, col: k + 1, value: cell.result ?? null });
      });
    }
    if (results.length > 0) out.push({ sheet: sheet.name, cells: [], results });
  }
  return out;
}

/** The patches of a write, then the results of the master after it. */
function withResults(patches: SheetPatch[], after: MasterModel): SheetPatch[] {
  return [...patches, ...formulaResults(after)];
}

/** What a merge writes: the changed units' month, 截至月份, the log, an undo record, and the new results. */
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
  return withResults(p.done(), { ...model, ledger: write.ledger, month: write.month });
}

/** What an undo writes: the units' month restored, 截至月份 restored, a log row, the record removed, the new results. */
export function undoPatches(model: MasterModel, ledger: Ledger, record: UndoRecord, month: number, log: CellValue[][]): SheetPatch[] {
  const p = new PatchSet();
  ledgerCells(
    p,
    model,
    ledger,
    record.units.map((u) => u.unitId),
    record.month,
  );
  p.set(SHEET.readme, README_CELLS.month.row, README_CELLS.month.col, month);
  logRows(p, model, log);
  const n = model.undoStack.length - 1;
  const last = undoRowValues(n + 1, model.undoStack[n].time, model.undoStack[n].record);
  p.row(SHEET.undo, UNDO_FIRST_ROW + n, [], last.length);
  return withResults(p.done(), { ...model, ledger, month });
}

/** 截至月份 changed by hand (the task pane's setting) and the results it gives. */
export function monthPatches(model: MasterModel, month: number): SheetPatch[] {
  const p = new PatchSet();
  p.set(SHEET.readme, README_CELLS.month.row, README_CELLS.month.col, month);
  return withResults(p.done(), { ...model, month });
}

/** The pace (配置: band and the 12 months' expected fractions) and the results it gives. */
export function pacePatches(model: MasterModel, pace: PaceConfig): SheetPatch[] {
  const p = new PatchSet();
  p.set(SHEET.config, CONFIG_ROWS.band, 2, pace.band);
  pace.curve.forEach((v, i) => p.set(SHEET.config, CONFIG_ROWS.paceFirst + i, 2, v));
  return withResults(p.done(), { ...model, pace });
}

/** The circular's 下一步工作要求 in 配置 (key in A, text in B); null clears it (the default text again). No formula depends on it. */
export function requirementsPatches(text: string | null): SheetPatch[] {
  const p = new PatchSet();
  p.set(SHEET.config, CONFIG_ROWS.requirements, 1, CONFIG_KEYS.requirements);
  p.set(SHEET.config, CONFIG_ROWS.requirements, 2, text);
  return p.done();
}

/** Every ledger cell of the master for a ledger, and the results: used to write a ledger wholesale (tests, repair). */
export function fullLedgerPatches(model: MasterModel, ledger: Ledger): SheetPatch[] {
  const p = new PatchSet();
  for (const m of MONTHS)
    ledgerCells(
      p,
      model,
      ledger,
      model.table.units.map((u) => u.id),
      m,
    );
  return withResults(p.done(), { ...model, ledger });
}
