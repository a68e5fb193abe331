/*
 * Web Worker of the standalone page and the task pane: reads report files off the UI thread, one message per
 * file so the page can show progress. Built by webpack from `new Worker(new URL('../worker/parse.ts', …))`.
 */
import type { ParseRequest, ParseResponse } from './protocol';
import { readOneReportFile } from './readOne';

// The DOM lib is in scope for the whole project; a worker needs only these two members of its global.
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<ParseRequest>) => void) | null;
  postMessage(message: ParseResponse): void;
};

scope.onmessage = (e) => {
  const { id, files, indicators } = e.data;
  files.forEach((file, index) => {
    try {
      scope.postMessage({ id, type: 'file', index, result: readOneReportFile(file, indicators) });
    } catch (err) {
      scope.postMessage({ id, type: 'error', index, message: err instanceof Error ? err.message : String(err) });
    }
  });
};
