import { Finding } from '../core/findings';
import { MergeResult } from '../core/merge';
import { trimRow } from './grids';
import { CellValue } from './spec';

const findingsText = (fs: readonly Finding[]) => fs.map((f) => `[${f.code}] ${f.message}`).join('\n');

/** 合并日志 rows for a merge: one per report, merged or not (columns of LOG_HEADERS). */
export function mergeLogRows(result: MergeResult, time: string): CellValue[][] {
  const hash = (file: string, sheet: string | null) => result.hashes.get(`${file}\u0000${sheet ?? ''}`) ?? '';
  const rows: CellValue[][] = [];
  for (const m of result.merged) {
    rows.push([time, '合并', result.month, m.file, m.sheet, hash(m.file, m.sheet), m.unitId, m.unitName, '已合并', findingsText(m.warnings) || null]);
  }
  for (const r of result.rejected) {
    rows.push([time, '合并', result.month, r.file, r.sheet, hash(r.file, r.sheet), r.unitId, null, `未合并：${r.code}`, findingsText(r.findings)]);
  }
  if (rows.length === 0) rows.push([time, '合并', result.month, null, null, null, null, null, '无报表', '本次没有可合并的报表。']);
  return rows.map(trimRow);
}

export function undoLogRow(time: string, month: number, units: number, restoredMonth: number): CellValue[] {
  return [time, '撤销', month, null, null, null, null, null, '已撤销', `撤销 ${month} 月的合并：恢复 ${units} 个单位的数据，截至月份恢复为 ${restoredMonth || '空'}。`];
}
