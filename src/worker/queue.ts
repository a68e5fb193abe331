import type { Indicator } from '../core/indicators';
import type { ReportFile } from '../workflow/merge';
import type { ParseRequest, ParseResponse, WorkerRequest } from './protocol';
import type { ReadOneResult, ScanHooks } from './readOne';

export type ReadFile = (file: ReportFile, indicators: readonly Indicator[], hooks: ScanHooks) => Promise<ReadOneResult>;

/**
 * The worker's order of work: requests are read one after another, their files in order; a cancel stops the
 * request being read at its next step (between files, pages and OCR stages) or drops a waiting one. Every
 * request ends with its last 'file'/'error' message, or with 'cancelled'.
 */
export function requestQueue(read: ReadFile, post: (m: ParseResponse) => void): { receive(m: WorkerRequest): void } {
  const waiting: ParseRequest[] = [];
  let current: { id: number; controller: AbortController } | null = null;

  async function readRequest(req: ParseRequest, controller: AbortController): Promise<void> {
    const { id, files, indicators } = req;
    for (let index = 0; index < files.length; index++) {
      if (controller.signal.aborted) break;
      const file = files[index];
      const started = performance.now();
      try {
        const r = await read(file, indicators, {
          signal: controller.signal,
          onProgress: (p) => post({ id, type: 'progress', index, name: file.name, page: p.page, pages: p.pages, stage: p.stage }),
        });
        if (controller.signal.aborted) break;
        const ms = Math.round(performance.now() - started);
        post({ id, type: 'file', index, result: r.result, ...(r.scanPages ? { scanPages: r.scanPages } : {}), ms });
      } catch (err) {
        if (controller.signal.aborted) break;
        post({ id, type: 'error', index, message: err instanceof Error ? err.message : String(err) });
      }
    }
    if (controller.signal.aborted) post({ id, type: 'cancelled' });
  }

  async function pump(): Promise<void> {
    while (!current && waiting.length) {
      const req = waiting.shift() as ParseRequest;
      current = { id: req.id, controller: new AbortController() };
      try {
        await readRequest(req, current.controller);
      } finally {
        current = null;
      }
    }
  }

  return {
    receive(m) {
      if ('type' in m && m.type === 'cancel') {
        const reading = current as { id: number; controller: AbortController } | null;
        if (reading && reading.id === m.id) reading.controller.abort();
        else {
          const at = waiting.findIndex((w) => w.id === m.id);
          if (at >= 0) {
            waiting.splice(at, 1);
            post({ id: m.id, type: 'cancelled' });
          }
        }
        return;
      }
      waiting.push(m as ParseRequest);
      void pump();
    },
  };
}
