import type { Indicator } from '../core/indicators';
import type { ReadReportsResult } from '../core/report';
import type { ScanStage } from '../scan/types';
import type { ScanPageView } from '../scan/view';
import type { ReportFile } from '../workflow/merge';

/** Messages between the page and the report-parsing worker (src/worker/parse.ts). All plain, cloneable data. */
/** Read these files (requests are read one after another, in the order sent). */
export interface ParseRequest {
  id: number;
  files: ReportFile[];
  /** The open master's indicators: forms are read for these. */
  indicators: Indicator[];
}

/** Stop request `id` (answered with 'cancelled' once the worker has stopped reading it). */
export interface CancelRequest {
  id: number;
  type: 'cancel';
}

/** What the page sends the worker. */
export type WorkerRequest = ParseRequest | CancelRequest;

export type ParseResponse =
  /** One file read; `index` is its position in the request. A scan's result carries its pages for the 核对扫描件 view. */
  | { id: number; type: 'file'; index: number; result: ReadReportsResult; scanPages?: ScanPageView[]; /** Reading time in the worker. */ ms?: number }
  /** The worker could not read a file at all (a bug, not a bad file: bad files come back as failures). */
  | { id: number; type: 'error'; index: number; message: string }
  /** A scan file is being read: its page and stage. */
  | { id: number; type: 'progress'; index: number; name: string; page: number; pages: number; stage: ScanStage }
  /** Request `id` was stopped as asked; no more messages come for it. */
  | { id: number; type: 'cancelled' };
