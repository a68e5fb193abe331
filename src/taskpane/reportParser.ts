import { Indicator } from '../core/indicators';
import { ReadReportsResult } from '../core/report';
import { makeFinding } from '../core/messages/findingText';
import type { ReportFile } from '../workflow/merge';

/** Reads report files for the import list; the worker parser keeps the page responsive, this one is the fallback. */

export interface ParseProgress {
  done: number;
  total: number;
}

export type ParserMode = 'worker' | 'main';

export interface ReportParser {
  /** One result per file, in the order given; never rejects for a bad file (that is a failure in its result). */
  parse(files: readonly ReportFile[], indicators: readonly Indicator[], onProgress?: (p: ParseProgress) => void): Promise<ReadReportsResult[]>;
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

/** On the page's own thread, one file per task (a setTimeout between files) so the page can repaint and respond. */
export function mainThreadParser(yieldToPage: () => Promise<void> = nextTask): ReportParser {
  return {
    mode: () => 'main',
    async parse(files, indicators, onProgress) {
      const results: ReadReportsResult[] = [];
      if (files.length === 0) return results;
      const read = await loadReader();
      for (let i = 0; i < files.length; i++) {
        await yieldToPage();
        results.push(readSafely(read, files[i], indicators));
        onProgress?.({ done: i + 1, total: files.length });
      }
      return results;
    },
  };
}
