import { isError } from '../core/findings';
import { getEntry } from '../core/ledger';
import { MergeResult, ResolvedReport, mergeMonth } from '../core/merge';
import { ReadReportsResult, ReportFailure } from '../core/report';
import { judgeScan } from '../core/scanTrust';
import { sourceOf } from '../core/validate';
import { resolveReports } from '../reports/resolve';
import { UnitMatcher } from '../reports/unitNames';
import { makeFinding } from '../core/messages/findingText';
import { mergeLogRows } from '../workbook/logRows';
import { MasterModel } from '../workbook/model';
import { SheetPatch, mergePatches } from '../workbook/patches';

/*
 * The merge's planning and its types, without the report readers: what the pages load at start (the session,
 * the hosts) must not bring SheetJS (~350 KB). The readers are in merge.ts, loaded when a file is read.
 */

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

/**
 * Scans are merged only when the core's trust rule passes every row against the unit's quota and last month's
 * 累计 (issue 14): those carry FROM_SCAN; the others are SCAN_UNCERTAIN and wait for a person. A scan whose unit
 * is not recognised goes on to mergeMonth, which rejects it for that.
 */
function trustScans(model: MasterModel, month: number, resolved: ResolvedReport[]): { reports: ResolvedReport[]; failures: ReportFailure[] } {
  const { table, ledger } = model;
  const reports: ResolvedReport[] = [];
  const failures: ReportFailure[] = [];
  for (const r of resolved) {
    const { report } = r;
    const unit = r.unitId === null ? undefined : table.units.find((u) => u.id === r.unitId);
    if (!report.scan || !unit || r.unitFindings.some((f) => isError(f.code))) {
      reports.push(r);
      continue;
    }
    const previous = (key: string) => (month === 1 ? 0 : (getEntry(ledger, unit.id, key, month - 1)?.cumulative ?? null));
    const verdict = judgeScan(table.indicators, report.scan, unit.quota, previous);
    const source = sourceOf(report);
    if (verdict.trusted) {
      const fromScan = makeFinding('FROM_SCAN', { ...source, source: report.scan.source }, report.sheet, null);
      reports.push({ ...r, report: { ...report, findings: [...report.findings, fromScan] } });
    } else {
      const cells = verdict.doubts.flatMap((d) => d.fields.map((f) => `${d.indicator}·${FIELD_NAMES[f]}`));
      const finding = makeFinding('SCAN_UNCERTAIN', { ...source, cells: [...new Set(cells)], doubts: verdict.doubts }, report.sheet, null);
      failures.push({ file: report.file, sheet: report.sheet, sha256: report.sha256, finding, unitId: unit.id });
    }
  }
  return { reports, failures };
}

const FIELD_NAMES = { annual: '年度任务', monthly: '当月完成', cumulative: '累计已完成', rate: '累计完成率' } as const;

/**
 * Plan a merge of month M into a master: read, recognise, check and merge, then the cell patches that
 * write it. Pure (no I/O): the CLI, the browser page and the Excel add-in run the same plan.
 */
export function planMerge(model: MasterModel, month: number, read: ReadReportsResult, time: string): MergePlan {
  const matcher = new UnitMatcher(model.table.units, model.aliases);
  const trusted = trustScans(model, month, resolveReports(read.reports, matcher));
  const result = mergeMonth({
    table: model.table,
    ledger: model.ledger,
    currentMonth: model.month,
    month,
    reports: trusted.reports,
    failures: [...read.failures, ...trusted.failures],
  });
  const nameOf = (id: number) => model.table.units.find((u) => u.id === id)?.name ?? null;
  const patches = mergePatches(model, {
    ledger: result.ledger,
    month,
    changedUnits: result.changedUnits,
    logRows: mergeLogRows(result, time, nameOf),
    undo: { time, record: result.undo },
  });
  const json: MergeJson = { month, merged: result.merged, rejected: result.rejected, missing: result.missing };
  const next: MasterModel = {
    ...model,
    ledger: result.ledger,
    month,
    log: [...model.log, ...mergeLogRows(result, time, nameOf)],
    undoStack: [...model.undoStack, { time, record: result.undo }],
  };
  return { result, json, patches, model: next };
}
