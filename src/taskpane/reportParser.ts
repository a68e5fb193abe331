import { Indicator } from '../core/indicators';
import { ReadReportsResult } from '../core/report';
import { readOneReportFile } from '../worker/readOne';
import { makeFinding } from '../messages/findingText';
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

export function readSafely(file: ReportFile, indicators: readonly Indicator[]): ReadReportsResult {
  try {
    return readOneReportFile(file, indicators);
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
      for (let i = 0; i < files.length; i++) {
        await yieldToPage();
        results.push(readSafely(files[i], indicators));
        onProgress?.({ done: i + 1, total: files.length });
      }
      return results;
    },
  };
}
