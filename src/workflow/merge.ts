import { Indicator } from '../core/indicators';
import { ReadReportsResult } from '../core/report';
import { LIMITS, sniffFile } from '../reports/fileKind';
import { oversized, readReportFile, sha256Hex } from '../reports/readReports';
import { scanFailed, scanReports } from '../scan/toReport';
import type { ScanResult } from '../scan/types';
import { makeFinding } from '../core/messages/findingText';
import type { LazyReportFile, ReportFile } from './mergePlan';

/*
 * Reading report files for a merge (SheetJS, through src/reports): the CLI imports it directly; the pages' session
 * loads it when files are read (session.ts), so SheetJS stays out of what the pages load at start.
 * The planning and the types are in mergePlan.ts, re-exported here for the callers that want both.
 */
export * from './mergePlan';

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
