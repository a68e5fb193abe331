import { Indicator } from '../core/indicators';
import type { ParseResponse, WorkerRequest } from '../worker/protocol';
import type { ReportFile } from '../workflow/merge';
import { ParseProgress, ParsedFile, ParserMode, ReportParser, abortError, crashResult, mainThreadParser } from './reportParser';

/** The part of Worker this module uses (a fake in tests). */
export interface WorkerLike {
  postMessage(message: WorkerRequest, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<ParseResponse>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

export interface WorkerParserOptions {
  /**
   * How long a cancelled request may take to stop by itself (the reader checks between files, pages and OCR
   * stages) before the worker is terminated and a new one started (its OCR engine is then loaded again).
   */
  cancelGraceMs?: number;
}

interface Pending {
  files: readonly ReportFile[];
  indicators: readonly Indicator[];
  results: Array<ParsedFile | undefined>;
  done: number;
  onProgress?: (p: ParseProgress) => void;
  signal?: AbortSignal;
  resolve: (r: ParsedFile[]) => void;
  reject: (e: Error) => void;
  /** Removes the abort listener. */
  release: () => void;
}

/**
 * Reads report files in a Web Worker, scans included (OCR runs there). When the worker cannot start (a file://
 * page, a strict CSP, an old webview) or dies, the files it has not answered for are read on the page's thread in
 * slices instead (scans are then refused with advice, see mainThreadParser): nothing is lost.
 */
export function workerParser(createWorker: () => WorkerLike, fallback: ReportParser = mainThreadParser(), options: WorkerParserOptions = {}): ReportParser {
  const grace = options.cancelGraceMs ?? 1500;
  let worker: WorkerLike | null = null;
  let broken = false;
  let lastMode: ParserMode = 'worker';
  let nextId = 1;
  const pending = new Map<number, Pending>();
  /** Cancelled requests the worker has not yet confirmed stopping, with the timer that will end the worker. */
  const stopping = new Map<number, ReturnType<typeof setTimeout>>();

  function finish(id: number) {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    p.release();
    p.resolve(p.results as ParsedFile[]);
  }

  function fail(id: number, e: Error) {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    p.release();
    p.reject(e);
  }

  async function rescue(id: number) {
    // Whatever the worker did not answer is read here.
    const p = pending.get(id);
    if (!p) return;
    const rest = p.files.map((f, i) => ({ f, i })).filter(({ i }) => p.results[i] === undefined);
    const done = p.done;
    try {
      const read = await fallback.parse(
        rest.map((r) => r.f),
        p.indicators,
        (q) => p.onProgress?.({ done: done + q.done, total: p.files.length }),
        p.signal,
      );
      rest.forEach(({ i }, k) => (p.results[i] = read[k]));
      finish(id);
    } catch (e) {
      fail(id, e instanceof Error ? e : new Error(String(e)));
    }
  }

  function endWorker() {
    try {
      worker?.terminate();
    } catch {
      /* already gone */
    }
    worker = null;
    for (const t of stopping.values()) clearTimeout(t);
    stopping.clear();
  }

  function breakDown() {
    broken = true;
    lastMode = 'main';
    endWorker();
    for (const id of [...pending.keys()]) void rescue(id);
  }

  /** A cancelled request did not stop in time: a new worker takes over what the others still wait for. */
  function restart() {
    endWorker();
    const w = start();
    if (!w) return;
    for (const [id, p] of pending) send(w, id, p);
  }

  function onMessage(m: ParseResponse) {
    if (m.type === 'cancelled') {
      clearTimeout(stopping.get(m.id));
      stopping.delete(m.id);
      return;
    }
    const p = pending.get(m.id);
    if (!p) return;
    if (m.type === 'progress') {
      if (p.results[m.index] === undefined) {
        p.onProgress?.({ done: p.done, total: p.files.length, file: { index: m.index, name: m.name, page: m.page, pages: m.pages, stage: m.stage } });
      }
      return;
    }
    if (p.results[m.index] !== undefined) return;
    p.results[m.index] = m.type === 'file' ? (m.scanPages ? { ...m.result, scanPages: m.scanPages } : m.result) : crashResult(p.files[m.index], m.message);
    p.done++;
    p.onProgress?.({ done: p.done, total: p.files.length });
    if (p.done === p.files.length) finish(m.id);
  }

  function start(): WorkerLike | null {
    if (worker) return worker;
    try {
      const w = createWorker();
      w.onmessage = (e) => {
        if (w === worker) onMessage(e.data);
      };
      w.onerror = (e) => {
        e.preventDefault?.();
        if (w === worker) breakDown();
      };
      worker = w;
      return w;
    } catch {
      breakDown();
      return null;
    }
  }

  function send(w: WorkerLike, id: number, p: Pending) {
    // Files already answered (before a restart) are not sent again: the worker reads the rest.
    const files = p.files.map((f, i) => (p.results[i] === undefined ? f : { name: f.name, bytes: new Uint8Array(0) }));
    try {
      w.postMessage({ id, files, indicators: p.indicators.map((i) => ({ ...i })) });
    } catch {
      breakDown();
    }
  }

  function cancel(id: number) {
    if (!pending.has(id)) return;
    fail(id, abortError());
    if (!worker) return;
    try {
      worker.postMessage({ id, type: 'cancel' });
    } catch {
      /* the timer below ends it */
    }
    stopping.set(
      id,
      setTimeout(() => {
        stopping.delete(id);
        restart();
      }, grace),
    );
  }

  return {
    mode: () => lastMode,
    parse(files, indicators, onProgress, signal) {
      if (signal?.aborted) return Promise.reject(abortError());
      if (files.length === 0) return Promise.resolve([]);
      const w = broken ? null : start();
      if (!w) {
        lastMode = 'main';
        return fallback.parse(files, indicators, onProgress, signal);
      }
      lastMode = 'worker';
      const id = nextId++;
      return new Promise<ParsedFile[]>((resolve, reject) => {
        const onAbort = () => cancel(id);
        signal?.addEventListener('abort', onAbort);
        const p: Pending = {
          files,
          indicators,
          results: files.map(() => undefined),
          done: 0,
          onProgress,
          signal,
          resolve,
          reject,
          release: () => signal?.removeEventListener('abort', onAbort),
        };
        pending.set(id, p);
        send(w, id, p);
      });
    },
  };
}

/**
 * The pages' parser: spreadsheets and scans in two workers, so a minute of OCR never holds up the spreadsheets
 * picked with it (one worker reads its requests in turn). A request of scans only goes to the scan worker, which
 * starts (and loads OCR) only when the first scan comes; anything else to the spreadsheet worker.
 */
export function routedParser(sheets: ReportParser, scans: ReportParser, isScan: (bytes: Uint8Array) => boolean): ReportParser {
  let last: ReportParser = sheets;
  return {
    mode: () => last.mode(),
    parse(files, indicators, onProgress, signal) {
      last = files.length > 0 && files.every((f) => isScan(f.bytes)) ? scans : sheets;
      return last.parse(files, indicators, onProgress, signal);
    },
  };
}
