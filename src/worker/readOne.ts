import { Indicator } from '../core/indicators';
import { ReadReportsResult } from '../core/report';
import { LIMITS } from '../reports/fileKind';
import { oversized, readReportFile } from '../reports/readReports';
import type { ReportFile } from '../workflow/merge';

/**
 * Read one report file exactly as `readReportFiles([file])` of src/workflow/merge.ts does (the merge itself
 * reads with that): a file over the size limit is refused unread. Imported by the Web Worker, so it keeps the
 * worker bundle free of the merge and workbook code.
 */
export function readOneReportFile(file: ReportFile, indicators: readonly Indicator[]): ReadReportsResult {
  return file.size !== undefined && file.size > LIMITS.maxBytes ? oversized(file.name, file.size) : readReportFile(file.name, file.bytes, indicators);
}
