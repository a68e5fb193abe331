import { Indicator } from '../core/indicators';
import { isError } from '../core/findings';
import { getEntry } from '../core/ledger';
import { MergeResult, ResolvedReport, mergeMonth } from '../core/merge';
import { ReadReportsResult, ReportFailure } from '../core/report';
import { judgeScan } from '../core/scanTrust';
import { sourceOf } from '../core/validate';
import { resolveReports } from '../reports/resolve';
import { LIMITS, sniffFile } from '../reports/fileKind';
import { oversized, readReportFile, sha256Hex } from '../reports/readReports';
import { scanFailed, scanReports } from '../scan/toReport';
import type { ScanResult } from '../scan/types';
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
  const why =
    code === 'ENOENT'
      ? '文件已不存在'
      : code === 'EACCES' || code === 'EPERM'
        ? '没有读取权限'
        : code === 'EBUSY'
          ? '文件正被其他程序占用'
          : (e as Error).message;
  return {
    reports: [],
    failures: [{ file, sheet: null, sha256: '', finding: makeFinding('UNREADABLE', { file, reason: 'readError', detail: why }, null, null) }],
  };
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

/** Reads a scan (PDF, PNG, JPEG) for the given indicators: the CLI passes NodeScanner's; the reader is async. */
export type ScanReader = (name: string, bytes: Uint8Array, indicators: readonly Indicator[]) => Promise<ScanResult>;

const SCAN_TYPES: readonly string[] = ['pdf', 'png', 'jpeg'];

/**
 * One report file, scans included: a PDF, PNG or JPEG goes to `scan` (text layer first, OCR when there is none),
 * anything else to the spreadsheet reader. Like readReportFiles, never throws for bad input, except when the
 * read is aborted.
 */
export async function readReportFileAsync(f: ReportFile | LazyReportFile, indicators: readonly Indicator[], scan: ScanReader): Promise<ReadReportsResult> {
  if (f.size !== undefined && f.size > LIMITS.maxBytes) return oversized(f.name, f.size);
  let bytes: Uint8Array;
  if ('bytes' in f) bytes = f.bytes;
  else {
    try {
      bytes = f.read();
    } catch (e) {
      return unopened(f.name, e);
    }
  }
  const kind = sniffFile(bytes);
  if (kind.kind !== 'notSpreadsheet' || !SCAN_TYPES.includes(kind.type)) return readReportFile(f.name, bytes, indicators);
  const sha = sha256Hex(bytes);
  let result: ScanResult;
  try {
    result = await scan(f.name, bytes, indicators);
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    if ((e as Error).name === 'PasswordException') {
      return { reports: [], failures: [{ file: f.name, sheet: null, sha256: sha, finding: makeFinding('ENCRYPTED', { file: f.name }, null, null) }] };
    }
    return scanFailed(f.name, sha);
  }
  return scanReports({ ...result, name: f.name }, sha, indicators);
}

/** readReportFiles with scans: one file at a time, in order. */
export async function readReportFilesAsync(
  files: readonly (ReportFile | LazyReportFile)[],
  indicators: readonly Indicator[],
  scan: ScanReader,
): Promise<ReadReportsResult> {
  const all: ReadReportsResult = { reports: [], failures: [] };
  for (const f of files) {
    const r = await readReportFileAsync(f, indicators, scan);
    all.reports.push(...r.reports);
    all.failures.push(...r.failures);
  }
  return all;
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
      failures.push({ file: report.file, sheet: report.sheet, sha256: report.sha256, finding });
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
