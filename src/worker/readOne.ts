import { Indicator } from '../core/indicators';
import { ReadReportsResult } from '../core/report';
import { LIMITS, sniffFile } from '../reports/fileKind';
import { oversized, readReportFile } from '../reports/readReports';
import type { ScanProgress } from '../scan/types';
import type { ScanPageView } from '../scan/view';
import type { ReportFile } from '../workflow/merge';

/**
 * Read one report file exactly as `readReportFiles([file])` of src/workflow/merge.ts does (the merge itself
 * reads with that): a file over the size limit is refused unread. Imported by the Web Worker, so it keeps the
 * worker bundle free of the merge and workbook code.
 */
export function readOneReportFile(file: ReportFile, indicators: readonly Indicator[]): ReadReportsResult {
  return file.size !== undefined && file.size > LIMITS.maxBytes ? oversized(file.name, file.size) : readReportFile(file.name, file.bytes, indicators);
}

/** The file kinds read as scans (as readReportFileAsync decides). */
export function isScanFile(file: ReportFile): boolean {
  if (file.size !== undefined && file.size > LIMITS.maxBytes) return false;
  const kind = sniffFile(file.bytes);
  return kind.kind === 'notSpreadsheet' && ['pdf', 'png', 'jpeg'].includes(kind.type);
}

export interface ScanHooks {
  onProgress?: (p: ScanProgress) => void;
  signal?: AbortSignal;
}

export interface ReadOneResult {
  result: ReadReportsResult;
  scanPages?: ScanPageView[];
}

/**
 * One file as the CLI's merge reads it (readReportFileAsync): spreadsheets at once, scans (PDF, PNG, JPEG) by the
 * browser scan reader, which is loaded, with OCR and pdf.js, only when the first scan comes.
 */
export async function readOneFileAsync(file: ReportFile, indicators: readonly Indicator[], hooks: ScanHooks = {}): Promise<ReadOneResult> {
  if (!isScanFile(file)) return { result: readOneReportFile(file, indicators) };
  const { readScanFile } = await import(/* webpackChunkName: "scan-reader" */ './scanFile');
  return readScanFile(file, indicators, hooks);
}
