import { UndoRecord } from '../core/merge';
import { CellValue } from './spec';
import { UNDO_CHUNK_CHARS } from './layout';

/** An undo record as the cells of one row of 撤销记录: 序号, 时间, 月份, 块数, then JSON in chunks. */
export function undoRowValues(index: number, time: string, record: UndoRecord): CellValue[] {
  const json = JSON.stringify(record);
  const chunks: string[] = [];
  for (let i = 0; i < json.length; i += UNDO_CHUNK_CHARS) chunks.push(json.slice(i, i + UNDO_CHUNK_CHARS));
  return [index, time, record.month, chunks.length, ...chunks];
}

/** The record back from a row; null when the row is not a complete record. */
export function undoFromRow(row: readonly CellValue[]): { time: string; record: UndoRecord } | null {
  const count = row[3];
  if (typeof count !== 'number' || count < 1) return null;
  const chunks = row.slice(4, 4 + count);
  if (chunks.length !== count || chunks.some((c) => typeof c !== 'string')) return null;
  try {
    const record = JSON.parse(chunks.join('')) as UndoRecord;
    if (typeof record.month !== 'number' || !Array.isArray(record.units)) return null;
    return { time: String(row[1] ?? ''), record };
  } catch {
    return null;
  }
}
