import { Indicator } from '../core/indicators';
import { ReadReportsResult } from '../core/report';
import { makeFinding } from '../core/messages/findingText';
import type { ScanStage } from '../scan/types';
import type { ScanPageView } from '../scan/view';
import type { ReportFile } from '../workflow/merge';

/** Reads report files for the import list; the worker parser keeps the page responsive, this one is the fallback. */

/** Where the reading of one file stands (scans take seconds a page: the pane draws a bar per scan file). */
export interface FileProgress {
  /** The file's position in the files given to parse. */
  index: number;
  name: string;
  /** 1-based page being read, of `pages` (a PDF's pages; 1 of 1 for a photo). */
  page?: number;
  pages?: number;
  stage?: ScanStage;
}

export interface ParseProgress {
  /** Files read so far, of `total`. */
  done: number;
  total: number;
  /** Set while a scan file is being read: which one, its page and stage. */
  file?: FileProgress;
}

/** One file's result; a scan's also carries what the 核对扫描件 view shows (page images and where each number sits). */
export type ParsedFile = ReadReportsResult & { scanPages?: ScanPageView[] };

/** The Error a parse rejects with when its signal is aborted. */
export function abortError(): Error {
  return Object.assign(new Error('读取已取消'), { name: 'AbortError' });
}

export type ParserMode = 'worker' | 'main';

export interface ReportParser {
  /**
   * One result per file, in the order given; never rejects for a bad file (that is a failure in its result).
   * Aborting `signal` stops the reading: the promise rejects with an Error named 'AbortError'.
   */
  parse(files: readonly ReportFile[], indicators: readonly Indicator[], onProgress?: (p: ParseProgress) => void, signal?: AbortSignal): Promise<ParsedFile[]>;
  /** Where the last parse ran (shown to tests as data-report-parser on <html>). */
  mode(): ParserMode;
}

/** A result for a file the reader itself crashed on: listed like any unreadable file, nothing else affected. */
export function crashResult(file: ReportFile, message: string): ReadReportsResult {
  return {
    reports: [],
    failures: [
      {
        file: file.name,
        sheet: null,
        sha256: '',
        finding: makeFinding('UNREADABLE', { file: file.name, reason: 'readError', detail: message }, null, null),
      },
    ],
  };
}

/** Reads one file as the merge does (src/worker/readOne.ts). */
export type ReadOne = (file: ReportFile, indicators: readonly Indicator[]) => ReadReportsResult;

let reader: Promise<ReadOne> | null = null;

/**
 * The report reader (SheetJS, ~350 KB) loaded when the first file is read, not with the page: the first screen
 * does not need it. The Web Worker has its own copy.
 */
export function loadReader(): Promise<ReadOne> {
  reader ??= import(/* webpackChunkName: "report-reader" */ '../worker/readOne').then((m) => m.readOneReportFile);
  return reader;
}

export function readSafely(read: ReadOne, file: ReportFile, indicators: readonly Indicator[]): ReadReportsResult {
  try {
    return read(file, indicators);
  } catch (e) {
    return crashResult(file, e instanceof Error ? e.message : String(e));
  }
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * On the page's own thread, one file per task (a setTimeout between files) so the page can repaint and respond.
 * It does not read scans (OCR would freeze the page for many seconds a page): a PDF, PNG or JPEG gets the
 * spreadsheet reader's NOT_SPREADSHEET, whose text tells the person to type the figures in 手工录入 or ask for
 * the spreadsheet. Only pages whose worker cannot start use it.
 */
export function mainThreadParser(yieldToPage: () => Promise<void> = nextTask): ReportParser {
  return {
    mode: () => 'main',
    async parse(files, indicators, onProgress, signal) {
      const results: ReadReportsResult[] = [];
      if (signal?.aborted) throw abortError();
      if (files.length === 0) return results;
      const read = await loadReader();
      for (let i = 0; i < files.length; i++) {
        await yieldToPage();
        if (signal?.aborted) throw abortError();
        results.push(readSafely(read, files[i], indicators));
        onProgress?.({ done: i + 1, total: files.length });
      }
      return results;
    },
  };
}
