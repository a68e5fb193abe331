import { Indicator } from '../core/indicators';
import { MergeResult, mergeMonth } from '../core/merge';
import { ReadReportsResult } from '../core/report';
import { resolveReports } from '../reports/resolve';
import { LIMITS } from '../reports/fileKind';
import { oversized, readReportFile } from '../reports/readReports';
import { UnitMatcher } from '../reports/unitNames';
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

export function readReportFiles(files: readonly ReportFile[], indicators: readonly Indicator[]): ReadReportsResult {
  const all: ReadReportsResult = { reports: [], failures: [] };
  for (const f of files) {
    const r = f.size !== undefined && f.size > LIMITS.maxBytes ? oversized(f.name, f.size) : readReportFile(f.name, f.bytes, indicators);
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
