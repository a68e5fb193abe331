import { Indicator } from '../core/indicators';
import { MergeResult, mergeMonth } from '../core/merge';
import { ReadReportsResult } from '../core/report';
import { resolveReports } from '../reports/resolve';
import { LIMITS } from '../reports/fileKind';
import { oversized, readReportFile } from '../reports/readReports';
import { UnitMatcher } from '../reports/unitNames';
import { makeFinding } from '../core/messages/findingText';
import { mergeLogRows } from '../workbook/logRows';
import { MasterModel } from '../workbook/model';
import { SheetPatch, mergePatches } from '../workbook/patches';

export interface ReportFile {
  /** The path or name as found; reported back as `file`. */
  name: string;
  bytes: Uint8Array;
  /** The file's size when its bytes were not read because it is over the limit. */
  size?: number;
}

/**
 * A report file on disk, read only when its turn comes (the CLI): one file's bytes in memory at a time, however
 * many files a merge takes. `read` may throw (the file vanished or is locked): the file is then UNREADABLE.
 */
export interface LazyReportFile {
  name: string;
  /** As found when listed; over the limit, the file is refused without reading it. */
  size: number;
  read(): Uint8Array;
}

/** The JSON of `merge --json` (CONTRACT.md). */
export interface MergeJson {
  month: number;
  merged: MergeResult['merged'];
  rejected: MergeResult['rejected'];
  missing: number[];
}

export interface MergePlan {
  result: MergeResult;
  json: MergeJson;
  /** What to write into the master; empty for a dry run's caller to ignore. */
  patches: SheetPatch[];
  model: MasterModel;
}

/** A listed file that could not be opened when its turn came (deleted, locked by another program, no permission). */
function unopened(file: string, e: unknown): ReadReportsResult {
  const code = (e as { code?: string }).code;
  const why = code === 'ENOENT' ? '文件已不存在' : code === 'EACCES' || code === 'EPERM' ? '没有读取权限' : code === 'EBUSY' ? '文件正被其他程序占用' : (e as Error).message;
  return { reports: [], failures: [{ file, sheet: null, sha256: '', finding: makeFinding('UNREADABLE', { file, reason: 'readError', detail: why }, null, null) }] };
}

function readOne(f: ReportFile | LazyReportFile, indicators: readonly Indicator[]): ReadReportsResult {
  if (f.size !== undefined && f.size > LIMITS.maxBytes) return oversized(f.name, f.size);
  if ('bytes' in f) return readReportFile(f.name, f.bytes, indicators);
  let bytes: Uint8Array;
  try {
    bytes = f.read();
  } catch (e) {
    return unopened(f.name, e);
  }
  return readReportFile(f.name, bytes, indicators);
}

export function readReportFiles(files: readonly (ReportFile | LazyReportFile)[], indicators: readonly Indicator[]): ReadReportsResult {
  const all: ReadReportsResult = { reports: [], failures: [] };
  for (const f of files) {
    const r = readOne(f, indicators);
    all.reports.push(...r.reports);
    all.failures.push(...r.failures);
  }
  return all;
}

/**
 * Plan a merge of month M into a master: read, recognise, check and merge, then the cell patches that
 * write it. Pure (no I/O): the CLI, the browser page and the Excel add-in run the same plan.
 */
export function planMerge(model: MasterModel, month: number, read: ReadReportsResult, time: string): MergePlan {
  const matcher = new UnitMatcher(model.table.units, model.aliases);
  const result = mergeMonth({
    table: model.table,
    ledger: model.ledger,
    currentMonth: model.month,
    month,
    reports: resolveReports(read.reports, matcher),
    failures: read.failures,
  });
  const patches = mergePatches(model, {
    ledger: result.ledger,
    month,
    changedUnits: result.changedUnits,
    logRows: mergeLogRows(result, time),
    undo: { time, record: result.undo },
  });
  const json: MergeJson = { month, merged: result.merged, rejected: result.rejected, missing: result.missing };
  const next: MasterModel = {
    ...model,
    ledger: result.ledger,
    month,
    log: [...model.log, ...mergeLogRows(result, time)],
    undoStack: [...model.undoStack, { time, record: result.undo }],
  };
  return { result, json, patches, model: next };
}
