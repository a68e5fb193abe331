import { Indicator } from '../core/indicators';
import { ReadReportsResult } from '../core/report';
import type { ParseRequest, ParseResponse } from '../worker/protocol';
import type { ReportFile } from '../workflow/merge';
import { ParseProgress, ParserMode, ReportParser, crashResult, mainThreadParser } from './reportParser';

/** The part of Worker this module uses (a fake in tests). */
export interface WorkerLike {
  postMessage(message: ParseRequest): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<ParseResponse>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

interface Pending {
  files: readonly ReportFile[];
  indicators: readonly Indicator[];
  results: Array<ReadReportsResult | undefined>;
  done: number;
  onProgress?: (p: ParseProgress) => void;
  resolve: (r: ReadReportsResult[]) => void;
}

/**
 * Reads report files in a Web Worker. When the worker cannot start (a file:// page, a strict CSP, an old
 * webview) or dies, the files it has not answered for are read on the page's thread in slices instead:
 * nothing is lost and the caller sees no difference but speed.
 */
export function workerParser(createWorker: () => WorkerLike, fallback: ReportParser = mainThreadParser()): ReportParser {
  let worker: WorkerLike | null = null;
  let broken = false;
  let lastMode: ParserMode = 'worker';
  let nextId = 1;
  const pending = new Map<number, Pending>();

  function finish(id: number) {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    p.resolve(p.results as ReadReportsResult[]);
  }

  async function rescue(id: number) {
    // Whatever the worker did not answer is read here.
    const p = pending.get(id);
    if (!p) return;
    const rest = p.files.map((f, i) => ({ f, i })).filter(({ i }) => p.results[i] === undefined);
    const done = p.done;
    const read = await fallback.parse(
      rest.map((r) => r.f),
      p.indicators,
      (q) => p.onProgress?.({ done: done + q.done, total: p.files.length }),
    );
    rest.forEach(({ i }, k) => (p.results[i] = read[k]));
    finish(id);
  }

  function breakDown() {
    broken = true;
    lastMode = 'main';
    try {
      worker?.terminate();
    } catch {
      /* already gone */
    }
    worker = null;
    for (const id of [...pending.keys()]) void rescue(id);
  }

  function start(): WorkerLike | null {
    if (worker) return worker;
    try {
      const w = createWorker();
      w.onmessage = (e) => {
        const m = e.data;
        const p = pending.get(m.id);
        if (!p || p.results[m.index] !== undefined) return;
        p.results[m.index] = m.type === 'file' ? m.result : crashResult(p.files[m.index], m.message);
        p.done++;
        p.onProgress?.({ done: p.done, total: p.files.length });
        if (p.done === p.files.length) finish(m.id);
      };
      w.onerror = (e) => {
        e.preventDefault?.();
        breakDown();
      };
      worker = w;
      return w;
    } catch {
      breakDown();
      return null;
    }
  }

  return {
    mode: () => lastMode,
    parse(files, indicators, onProgress) {
      if (files.length === 0) return Promise.resolve([]);
      const w = broken ? null : start();
      if (!w) {
        lastMode = 'main';
        return fallback.parse(files, indicators, onProgress);
      }
      lastMode = 'worker';
      const id = nextId++;
      return new Promise<ReadReportsResult[]>((resolve) => {
        pending.set(id, { files, indicators, results: files.map(() => undefined), done: 0, onProgress, resolve });
        try {
          w.postMessage({ id, files: [...files], indicators: indicators.map((i) => ({ ...i })) });
        } catch {
          breakDown();
        }
      });
    },
  };
}
