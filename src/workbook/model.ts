import { Ledger, emptyLedger } from '../core/ledger';
import { UndoRecord } from '../core/merge';
import { PaceConfig, defaultPace } from '../core/pace';
import { QuotaTable } from '../core/units';
import { CellValue } from './spec';

/** A row of 别名表: what a report writes for a unit, and which unit that is. */
export interface Alias {
  alias: string;
  unitId: number;
  note: string;
}

/** Everything the master workbook holds that the tool reads or writes. */
export interface MasterModel {
  table: QuotaTable;
  ledger: Ledger;
  /** 截至月份: 0 in a new master, before any merge. */
  month: number;
  pace: PaceConfig;
  aliases: Alias[];
  /** 合并日志 rows, as written (columns of LOG_HEADERS). */
  log: CellValue[][];
  /** Merges that can be undone, oldest first (撤销记录). */
  undoStack: Array<{ time: string; record: UndoRecord }>;
  /** 下一步工作要求 of the circular as the coordinator wrote it (配置); absent: the default text of src/bulletin. */
  requirements?: string;
}

export function newMasterModel(table: QuotaTable): MasterModel {
  return { table, ledger: emptyLedger(), month: 0, pace: defaultPace(), aliases: [], log: [], undoStack: [] };
}
