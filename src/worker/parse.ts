/*
 * Web Worker of the standalone page and the task pane: reads report files off the UI thread, one message per
 * file so the page can show progress. Built by webpack from `new Worker(new URL('../worker/parse.ts', …))`.
 * Scans (PDF, PNG, JPEG) are read here too, with OCR: the scan reader is loaded with the first scan and its
 * engine kept for the worker's life.
 */
import type { ParseResponse, WorkerRequest } from './protocol';
import { requestQueue } from './queue';
import { readOneFileAsync } from './readOne';
import { viewBuffers } from '../scan/viewPages';

// The DOM lib is in scope for the whole project; a worker needs only these members of its global.
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: ParseResponse, transfer?: Transferable[]): void;
};

const queue = requestQueue(readOneFileAsync, (m) => {
  scope.postMessage(m, m.type === 'file' && m.scanPages ? viewBuffers(m.scanPages) : []);
});

scope.onmessage = (e) => queue.receive(e.data);
