import type { Indicator } from '../core/indicators';
import type { ReadReportsResult } from '../core/report';
import type { ReportFile } from '../workflow/merge';

/** Messages between the page and the report-parsing worker (src/worker/parse.ts). All plain, cloneable data. */
export interface ParseRequest {
  id: number;
  files: ReportFile[];
  /** The open master's indicators: forms are read for these. */
  indicators: Indicator[];
}

export type ParseResponse =
  /** One file read; `index` is its position in the request. */
  | { id: number; type: 'file'; index: number; result: ReadReportsResult }
  /** The worker could not read a file at all (a bug, not a bad file: bad files come back as failures). */
  | { id: number; type: 'error'; index: number; message: string };
