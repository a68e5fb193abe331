import { FINDING_TITLES, Finding } from '../core/findings';
import { MergeResult } from '../core/merge';
import { trimRow } from './grids';
import { CellValue } from './spec';

const findingsText = (fs: readonly Finding[]) => fs.map((f) => `[${f.code}] ${f.message}`).join('\n');

/**
 * The files of one merge as the log shows them: relative to the folder they all lie in (the folder merged, or the
 * one the folders merged share), so a printed log shows the file names rather than the same long path cut short.
 * Files are reported (merge --json) by the path as found; the SHA-256 beside each identifies it exactly.
 */
export function logFileNames(files: readonly string[]): (file: string) => string {
  const split = (f: string) => f.split(/[\\/]/);
  const dirs = files.map((f) => split(f).slice(0, -1));
  if (dirs.length === 0 || dirs.some((d) => d.length === 0)) return (f) => f;
  let common = dirs[0].length;
  for (const d of dirs) {
    let k = 0;
    while (k < common && k < d.length && d[k] === dirs[0][k]) k++;
    common = k;
  }
  if (common === 0) return (f) => f;
  return (f) => split(f).slice(common).join('/');
}

/** 合并日志 rows for a merge: one per report, merged or not (columns of LOG_HEADERS). */
export function mergeLogRows(result: MergeResult, time: string, unitName: (id: number) => string | null = () => null): CellValue[][] {
  const hash = (file: string, sheet: string | null) => result.hashes.get(`${file}\u0000${sheet ?? ''}`) ?? '';
  const name = logFileNames([...result.merged.map((m) => m.file), ...result.rejected.map((r) => r.file)]);
  const rows: CellValue[][] = [];
  for (const m of result.merged) {
    rows.push([time, '合并', result.month, name(m.file), m.sheet, hash(m.file, m.sheet), m.unitId, m.unitName, '已合并', findingsText(m.warnings) || null]);
  }
  for (const r of result.rejected) {
    // the unit when it is known (a held scan, a duplicate or a conflict); the reason in words, its code for searching
    const unit = r.unitId === null ? null : unitName(r.unitId);
    rows.push([
      time,
      '合并',
      result.month,
      name(r.file),
      r.sheet,
      hash(r.file, r.sheet),
      r.unitId,
      unit,
      `未合并：${FINDING_TITLES[r.code]}（${r.code}）`,
      findingsText(r.findings),
    ]);
  }
  if (rows.length === 0) rows.push([time, '合并', result.month, null, null, null, null, null, '无报表', '本次没有可合并的报表。']);
  return rows.map(trimRow);
}

export function undoLogRow(time: string, month: number, units: number, restoredMonth: number): CellValue[] {
  return [
    time,
    '撤销',
    month,
    null,
    null,
    null,
    null,
    null,
    '已撤销',
    `撤销 ${month} 月的合并：恢复 ${units} 个单位的数据，截至月份恢复为 ${restoredMonth || '空'}。`,
  ];
}
