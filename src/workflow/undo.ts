import { undoMerge } from '../core/merge';
import { undoLogRow } from '../workbook/logRows';
import { MasterModel } from '../workbook/model';
import { SheetPatch, undoPatches } from '../workbook/patches';

export class NothingToUndo extends Error {
  constructor() {
    super('没有可撤销的合并（撤销记录为空）。');
    this.name = 'NothingToUndo';
  }
}

/** 截至月份 as an undo reports it: 0 is a master with no month merged, not an empty cell. */
export function restoredMonthText(month: number): string {
  return month === 0 ? '0（尚未合并任何月份）' : `${month} 月`;
}

/** Undo the last merge: restores the ledger of the units it changed and 截至月份, logs it, drops the record. */
export function planUndo(model: MasterModel, time: string): { patches: SheetPatch[]; model: MasterModel; message: string } {
  const last = model.undoStack[model.undoStack.length - 1];
  if (!last) throw new NothingToUndo();
  const { ledger, month } = undoMerge(model.ledger, last.record);
  const log = [undoLogRow(time, last.record.month, last.record.units.length, month)];
  const patches = undoPatches(model, ledger, last.record, month, log);
  return {
    patches,
    model: { ...model, ledger, month, log: [...model.log, ...log], undoStack: model.undoStack.slice(0, -1) },
    message: `已撤销 ${last.time} 的 ${last.record.month} 月合并：恢复 ${last.record.units.length} 个单位的数据，截至月份恢复为 ${restoredMonthText(month)}。`,
  };
}
