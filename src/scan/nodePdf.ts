import { dirname, join } from 'path';
import { pathToFileURL } from 'url';
import { Worker } from 'worker_threads';
import { PdfPage, PdfReader } from './pdfPages';

/**
 * pdf.js (an ES module) in a worker thread: it loads natively there (also under jest, whose module system
 * cannot import it), an untrusted PDF is parsed off the main thread with its own memory limit, and a
 * stuck parse is ended by terminating the thread.
 */

const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('worker_threads');
// pdf.js in Node loads @napi-rs/canvas (a 25 MiB native module) when it is imported, for rendering and for
// DOMMatrix/ImageData/Path2D. This reader never renders: it answers that require with an empty module and gives
// pdf.js the little it touches without rendering: a 2-D DOMMatrix (built at load, scaled and translated when a
// Type3 glyph is compiled). ImageData and Path2D refuse to be built, so a render path would fail loudly.
const Module = require('module');
const load = Module._load;
Module._load = function (request, ...rest) { return request === '@napi-rs/canvas' ? {} : load.call(this, request, ...rest); };
class DOMMatrix {
  constructor(init) { [this.a, this.b, this.c, this.d, this.e, this.f] = init && init.length === 6 ? init : [1, 0, 0, 1, 0, 0]; }
  scaleSelf(sx = 1, sy = sx) { this.a *= sx; this.b *= sx; this.c *= sy; this.d *= sy; return this; }
  translateSelf(tx = 0, ty = 0) { this.e += this.a * tx + this.c * ty; this.f += this.b * tx + this.d * ty; return this; }
  multiplySelf(m) {
    const { a, b, c, d, e, f } = this;
    [this.a, this.b, this.c, this.d, this.e, this.f] = [a * m.a + c * m.b, b * m.a + d * m.b, a * m.c + c * m.d, b * m.c + d * m.d,
      a * m.e + c * m.f + e, b * m.e + d * m.f + f];
    return this;
  }
}
class NoRendering { constructor() { throw new Error('the PDF reader does not render'); } }
if (!globalThis.DOMMatrix) globalThis.DOMMatrix = DOMMatrix;
if (!globalThis.ImageData) globalThis.ImageData = class ImageData extends NoRendering {};
if (!globalThis.Path2D) globalThis.Path2D = class Path2D extends NoRendering {};
const EPS = 1e-6;
function multiply(m, n) {
  return [m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1], m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5]];
}
function apply(m, x, y) { return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]]; }
function toRgba(img) {
  const n = img.width * img.height;
  const out = new Uint8Array(n * 4);
  const d = img.data;
  if (img.kind === 3) out.set(d.subarray(0, n * 4));
  else if (img.kind === 2) for (let i = 0; i < n; i++) { out[i * 4] = d[i * 3]; out[i * 4 + 1] = d[i * 3 + 1]; out[i * 4 + 2] = d[i * 3 + 2]; out[i * 4 + 3] = 255; }
  else {
    const rowBytes = (img.width + 7) >> 3;
    for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) {
      const v = (d[y * rowBytes + (x >> 3)] >> (7 - (x & 7))) & 1 ? 255 : 0;
      const o = (y * img.width + x) * 4; out[o] = out[o + 1] = out[o + 2] = v; out[o + 3] = 255;
    }
  }
  return out;
}
/** The image resampled upright: device box of the unit square under m, each output pixel mapped back. */
function upright(img, m) {
  const corners = [[0, 0], [1, 0], [0, 1], [1, 1]].map(([u, v]) => apply(m, u, v));
  const xs = corners.map((c) => c[0]); const ys = corners.map((c) => c[1]);
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  const quarter = Math.abs(m[1]) > Math.abs(m[0]);
  const W = quarter ? img.height : img.width;
  const H = quarter ? img.width : img.height;
  const rgba = toRgba(img);
  const det = m[0] * m[3] - m[1] * m[2];
  if (Math.abs(det) < EPS) return null;
  const inv = [m[3] / det, -m[1] / det, -m[2] / det, m[0] / det];
  const plain = !quarter && m[0] > 0 && m[3] < 0;
  const out = plain ? rgba : new Uint8Array(W * H * 4);
  if (!plain) for (let Y = 0; Y < H; Y++) for (let X = 0; X < W; X++) {
    const px = x0 + ((X + 0.5) / W) * (x1 - x0) - m[4];
    const py = y0 + ((Y + 0.5) / H) * (y1 - y0) - m[5];
    const u = inv[0] * px + inv[2] * py; const v = inv[1] * px + inv[3] * py;
    const sx = Math.min(img.width - 1, Math.max(0, Math.floor(u * img.width)));
    const sy = Math.min(img.height - 1, Math.max(0, Math.floor((1 - v) * img.height)));
    out.set(rgba.subarray((sy * img.width + sx) * 4, (sy * img.width + sx) * 4 + 4), (Y * W + X) * 4);
  }
  return { pixels: { width: W, height: H, data: out }, x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}
(async () => {
  const pdfjs = await import(workerData.moduleUrl);
  const doc = await pdfjs.getDocument({
    data: workerData.bytes, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0,
    cMapUrl: workerData.assets + '/cmaps/', cMapPacked: true, standardFontDataUrl: workerData.assets + '/standard_fonts/',
    wasmUrl: workerData.assets + '/wasm/', isOffscreenCanvasSupported: false, isImageDecoderSupported: false,
  }).promise;
  for (let number = 1; number <= doc.numPages; number++) {
    const page = await doc.getPage(number);
    const vp = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const runs = [];
    for (const it of content.items) {
      if (!it.str || !it.str.trim()) continue;
      const t = multiply(vp.transform, it.transform);
      const size = Math.hypot(t[2], t[3]);
      const [x, y] = [t[4], t[5]];
      runs.push({ text: it.str, x, y: y - size, w: it.width * (Math.hypot(t[0], t[1]) / Math.max(EPS, Math.hypot(it.transform[0], it.transform[1]))), h: size });
    }
    // the largest image: follow the graphics state to know where it is drawn
    const ops = await page.getOperatorList();
    let ctm = vp.transform.slice();
    const stack = [];
    let best = null;
    for (let i = 0; i < ops.fnArray.length; i++) {
      const fn = ops.fnArray[i]; const args = ops.argsArray[i];
      if (fn === pdfjs.OPS.save) stack.push(ctm);
      else if (fn === pdfjs.OPS.restore) ctm = stack.pop() || ctm;
      else if (fn === pdfjs.OPS.transform) ctm = multiply(ctm, args);
      else if (fn === pdfjs.OPS.paintImageXObject || fn === pdfjs.OPS.paintInlineImageXObject) {
        const img = fn === pdfjs.OPS.paintInlineImageXObject ? args[0]
          : await new Promise((resolve) => (args[0].startsWith('g_') ? page.commonObjs : page.objs).get(args[0], resolve));
        if (!img || !img.data || !img.width) continue;
        const area = Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]);
        if (!best || area > best.area) best = { img, m: ctm.slice(), area };
      }
    }
    const image = best ? upright(best.img, best.m) : null;
    parentPort.postMessage({ page: { number, widthPt: vp.width, heightPt: vp.height, runs, image } }, image ? [image.pixels.data.buffer] : []);
    page.cleanup();
  }
  await doc.destroy();
  parentPort.postMessage({ done: true });
})().catch((e) => parentPort.postMessage({ error: String((e && e.message) || e), name: e && e.name }));
`;

function pdfjsPaths(): { moduleUrl: string; assets: string } {
  const main = require.resolve('pdfjs-dist/legacy/build/pdf.mjs');
  const root = join(dirname(main), '..', '..');
  return { moduleUrl: pathToFileURL(main).href, assets: root };
}

export interface NodePdfOptions {
  /** Heap limit of the parsing thread. */
  maxMemoryMb?: number;
  timeoutMs?: number;
}

export function nodePdfReader(options: NodePdfOptions = {}): PdfReader {
  return (bytes, signal) =>
    new Promise<PdfPage[]>((resolve, reject) => {
      const { moduleUrl, assets } = pdfjsPaths();
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { bytes: bytes.slice(), moduleUrl, assets },
        resourceLimits: { maxOldGenerationSizeMb: options.maxMemoryMb ?? 768 },
      });
      const pages: PdfPage[] = [];
      let settled = false;
      const finish = (error: Error | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        void worker.terminate();
        if (error) reject(error);
        else resolve(pages);
      };
      const onAbort = () => finish(Object.assign(new Error('aborted'), { name: 'AbortError' }));
      const timer = setTimeout(() => finish(new Error('PDF parsing took too long')), options.timeoutMs ?? 120_000);
      signal?.addEventListener('abort', onAbort);
      worker.on('message', (m: { page?: PdfPage; done?: boolean; error?: string; name?: string }) => {
        if (m.page) pages.push(m.page);
        else if (m.done) finish(null);
        else if (m.error) finish(Object.assign(new Error(m.error), { name: m.name === 'PasswordException' ? 'PasswordException' : 'PdfError' }));
      });
      worker.on('error', (e) => finish(e));
      worker.on('exit', (code) => finish(code === 0 ? null : new Error(`PDF reader stopped (${code})`)));
    });
}
