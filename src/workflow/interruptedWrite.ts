import { WorkbookGrids, cellAt } from '../workbook/grids';
import { FIRST_UNIT_ROW, LOG_HEADERS, SHEET } from '../workbook/layout';
import { CellPatch, SheetPatch } from '../workbook/patches';
import { CellValue } from '../workbook/spec';

/**
 * A write to the master that stopped midway (Excel: a sync failed after earlier chunks were applied).
 * `restored`: every cell the write touched was set back to its value before, so the master is as it was
 * (plus one 合并日志 row saying so). Otherwise the master may hold part of the write: the message says what to do.
 */
export class WriteInterruptedError extends Error {
  constructor(
    message: string,
    readonly restored: boolean,
    readonly cause: unknown,
  ) {
    super(message);
    this.name = 'WriteInterruptedError';
  }
}

/** An adapter error raised before anything was written (a missing sheet, an invalid cell): nothing to restore. */
export function refusedBeforeWriting(e: unknown): boolean {
  return (e as { nothingWritten?: unknown } | null)?.nothingWritten === true;
}

/**
 * The same cells as `patches`, set to their values in `before` (the grids the same operation read just
 * before writing). Patches only ever target value cells of the master, never formulas, so values restore them.
 * 撤销记录 comes last: should the restore stop too, a merge's own undo record is the last thing it takes away.
 */
export function restorePatches(patches: readonly SheetPatch[], before: WorkbookGrids): SheetPatch[] {
  const restored = patches.map((p) => {
    const grid = before.sheets.get(p.sheet) ?? [];
    return { sheet: p.sheet, cells: p.cells.map((c): CellPatch => ({ row: c.row, col: c.col, value: cellAt(grid, c.row, c.col) })) };
  });
  return [...restored.filter((p) => p.sheet !== SHEET.undo), ...restored.filter((p) => p.sheet === SHEET.undo)];
}

export function cellCount(patches: readonly SheetPatch[]): number {
  return patches.reduce((n, p) => n + p.cells.length, 0);
}

/** The host error in one short line: its code and message. */
export function hostErrorText(e: unknown): string {
  const err = e as { code?: unknown; message?: unknown } | null;
  const code = err && typeof err.code === 'string' ? err.code : '';
  let message = err && typeof err.message === 'string' ? err.message : String(e);
  if (code && message.startsWith(`${code}: `)) message = message.slice(code.length + 2);
  return code ? `${code}：${message}` : message;
}

export type InterruptedAction = '合并' | '撤销';

/** The 合并日志 row of a write that stopped and was restored (columns of LOG_HEADERS). */
export function interruptedLogRow(time: string, action: InterruptedAction, month: number, cells: number, e: unknown): CellValue[] {
  const row: CellValue[] = [
    time,
    action,
    month,
    null,
    null,
    null,
    null,
    null,
    '中断，已恢复',
    `写入主表时 Excel 出错（${hostErrorText(e)}）。已把本次写入的 ${cells} 个单元格恢复为${action}前的值：本次${action}未生效，主表与${action}前相同。请重试。`,
  ];
  return row.slice(0, LOG_HEADERS.length);
}

export function logRowPatch(logLength: number, row: readonly CellValue[]): SheetPatch {
  return { sheet: SHEET.log, cells: row.map((value, i) => ({ row: FIRST_UNIT_ROW + logLength, col: i + 1, value })) };
}

export function restoredMessage(action: InterruptedAction, month: number, e: unknown): string {
  return `${month} 月${action}未完成：写入主表时 Excel 出错（${hostErrorText(e)}）。已把主表恢复到${action}前的状态，并在“${SHEET.log}”中记录了这次中断；没有任何数据丢失。请退出单元格编辑状态、确认网络正常后重试。`;
}

export function unrestoredMessage(action: InterruptedAction, month: number, time: string | undefined, e: unknown, again: unknown): string {
  const revert = '关闭工作簿并选择“不保存”，回到上次保存的状态（Excel 网页版：文件 → 信息 → 版本历史记录）';
  const advice =
    action === '合并' && time
      ? `请先不要再合并。可以${revert}；或在 Excel 恢复正常后点“撤销合并”：只有撤销记录中最后一条正是这次 ${time} 的合并时才会撤销（它最先写入），否则助手拒绝撤销并说明。`
      : `请${revert}，再重新${action}。`;
  return `${month} 月${action}未完成：写入主表时 Excel 出错（${hostErrorText(e)}），恢复时再次出错（${hostErrorText(again)}）。主表可能只写入了一部分。${advice}`;
}
