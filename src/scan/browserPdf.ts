import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';
import { PdfPage, PdfTextRun } from './pdfPages';
import { encodePng } from './png';

/**
 * pdf.js inside the pages' report-parsing Web Worker: the same PdfPage shape as the Node reader (nodePdf.ts), read
 * on this worker's thread (pdf.js's own "worker" runs in-thread: we are off the UI thread already, and a nested
 * worker would only add a copy). A text-layer page can be drawn to PNG with OffscreenCanvas for the 核对扫描件 view.
 * pdf.js and its data (cmaps for Chinese fonts that are not embedded, standard fonts, its wasm decoders) are fetched
 * from dist/pdfjs/ of the page's own site, only when the first PDF is read.
 */

/** Where in dist/ webpack copies pdf.js's data files. */
export const PDFJS_DIR = 'pdfjs/';

type Matrix = number[];

const EPS = 1e-6;

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** A decoded PDF image as pdf.js gives it (isOffscreenCanvasSupported: false): kind 1 = 1 bit, 2 = RGB, 3 = RGBA. */
interface PdfImage {
  width: number;
  height: number;
  kind: number;
  data: Uint8Array | Uint8ClampedArray;
}

function toRgba(img: PdfImage): Uint8Array {
  const n = img.width * img.height;
  const out = new Uint8Array(n * 4);
  const d = img.data;
  if (img.kind === 3) out.set(d.subarray(0, n * 4));
  else if (img.kind === 2) {
    for (let i = 0; i < n; i++) {
      out[i * 4] = d[i * 3];
      out[i * 4 + 1] = d[i * 3 + 1];
      out[i * 4 + 2] = d[i * 3 + 2];
      out[i * 4 + 3] = 255;
    }
  } else {
    const rowBytes = (img.width + 7) >> 3;
    for (let y = 0; y < img.height; y++) {
      for (let x = 0; x < img.width; x++) {
        const v = (d[y * rowBytes + (x >> 3)] >> (7 - (x & 7))) & 1 ? 255 : 0;
        const o = (y * img.width + x) * 4;
        out[o] = out[o + 1] = out[o + 2] = v;
        out[o + 3] = 255;
      }
    }
  }
  return out;
}

/** The image resampled upright: the device box of the unit square under m, each output pixel mapped back. */
export function uprightImage(img: PdfImage, m: Matrix): PdfPage['image'] {
  const corners = [
    [0, 0],
    [1, 0],
    [0, 1],
    [1, 1],
  ].map(([u, v]) => apply(m, u, v));
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const y0 = Math.min(...ys);
  const y1 = Math.max(...ys);
  const quarter = Math.abs(m[1]) > Math.abs(m[0]);
  const W = quarter ? img.height : img.width;
  const H = quarter ? img.width : img.height;
  const det = m[0] * m[3] - m[1] * m[2];
  if (Math.abs(det) < EPS) return null;
  const rgba = toRgba(img);
  const inv = [m[3] / det, -m[1] / det, -m[2] / det, m[0] / det];
  // the usual case: drawn unturned, rows top to bottom (PDF's y axis points up, the image's down)
  const plain = !quarter && m[0] > 0 && m[3] < 0;
  const out = plain ? rgba : new Uint8Array(W * H * 4);
  if (!plain) {
    for (let Y = 0; Y < H; Y++) {
      for (let X = 0; X < W; X++) {
        const px = x0 + ((X + 0.5) / W) * (x1 - x0) - m[4];
        const py = y0 + ((Y + 0.5) / H) * (y1 - y0) - m[5];
        const u = inv[0] * px + inv[2] * py;
        const v = inv[1] * px + inv[3] * py;
        const sx = Math.min(img.width - 1, Math.max(0, Math.floor(u * img.width)));
        const sy = Math.min(img.height - 1, Math.max(0, Math.floor((1 - v) * img.height)));
        const from = (sy * img.width + sx) * 4;
        out.set(rgba.subarray(from, from + 4), (Y * W + X) * 4);
      }
    }
  }
  return { pixels: { width: W, height: H, data: out }, x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** pdf.js's scratch canvases as OffscreenCanvas (its default makes <canvas> elements: there is no document here). */
class OffscreenCanvasFactory {
  create(width: number, height: number) {
    const canvas = new OffscreenCanvas(width, height);
    return { canvas, context: canvas.getContext('2d', { willReadFrequently: true }) };
  }
  reset(cc: { canvas: OffscreenCanvas }, width: number, height: number) {
    cc.canvas.width = width;
    cc.canvas.height = height;
  }
  destroy(cc: { canvas: OffscreenCanvas | null; context: unknown }) {
    if (cc.canvas) cc.canvas.width = cc.canvas.height = 0;
    cc.canvas = null;
    cc.context = null;
  }
}

/** No SVG filters without a document: transfer maps and soft-mask luminosity are drawn without them. */
class NoFilterFactory {
  addFilter() {
    return 'none';
  }
  addHCMFilter() {
    return 'none';
  }
  addAlphaFilter() {
    return 'none';
  }
  addLuminosityFilter() {
    return 'none';
  }
  addHighlightHCMFilter() {
    return 'none';
  }
  destroy() {}
}

type PdfJs = typeof import('pdfjs-dist');

let pdfjs: Promise<PdfJs> | null = null;

/** pdf.js, with its worker half set up in this thread (pdf.js uses globalThis.pdfjsWorker when it is there). */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= (async () => {
    await import(/* webpackChunkName: "pdfjs-worker" */ 'pdfjs-dist/build/pdf.worker.mjs');
    return import(/* webpackChunkName: "pdfjs" */ 'pdfjs-dist');
  })();
  return pdfjs;
}

function abortError(): Error {
  return Object.assign(new Error('aborted'), { name: 'AbortError' });
}

async function textRuns(page: PDFPageProxy, vpTransform: Matrix): Promise<PdfTextRun[]> {
  const content = await page.getTextContent();
  const runs: PdfTextRun[] = [];
  for (const it of content.items) {
    if (!('str' in it) || !it.str || !it.str.trim()) continue;
    const t = multiply(vpTransform, it.transform as Matrix);
    const size = Math.hypot(t[2], t[3]);
    const scale = Math.hypot(t[0], t[1]) / Math.max(EPS, Math.hypot(it.transform[0], it.transform[1]));
    runs.push({ text: it.str, x: t[4], y: t[5] - size, w: it.width * scale, h: size });
  }
  return runs;
}

/** The largest image drawn on the page: the graphics state is followed to know where it sits. */
async function largestImage(lib: PdfJs, page: PDFPageProxy, vpTransform: Matrix): Promise<PdfPage['image']> {
  const ops = await page.getOperatorList();
  let ctm = vpTransform.slice();
  const stack: Matrix[] = [];
  let best: { img: PdfImage; m: Matrix; area: number } | null = null;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[];
    if (fn === lib.OPS.save) stack.push(ctm);
    else if (fn === lib.OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === lib.OPS.transform) ctm = multiply(ctm, args as Matrix);
    else if (fn === lib.OPS.paintImageXObject || fn === lib.OPS.paintInlineImageXObject) {
      const img = (
        fn === lib.OPS.paintInlineImageXObject
          ? args[0]
          : await new Promise((resolve) => {
              const id = args[0] as string;
              (id.startsWith('g_') ? page.commonObjs : page.objs).get(id, resolve);
            })
      ) as PdfImage | null;
      if (!img || !img.data || !img.width) continue;
      const area = Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]);
      if (!best || area > best.area) best = { img, m: ctm.slice(), area };
    }
  }
  return best ? uprightImage(best.img, best.m) : null;
}

/** An open PDF: its pages as the reader takes them, and a way to draw a page for the confirmation view. */
export interface BrowserPdf {
  pages: PdfPage[];
  /** The page drawn at exactly width×height pixels as PNG; null when it cannot be drawn here. */
  renderPng(page: number, width: number, height: number): Promise<Uint8Array | null>;
  close(): Promise<void>;
}

/** `base`: the URL of dist/. Rejects with an Error named 'PasswordException' for an encrypted PDF. */
export async function openBrowserPdf(bytes: Uint8Array, base: string, signal?: AbortSignal): Promise<BrowserPdf> {
  const lib = await loadPdfJs();
  if (signal?.aborted) throw abortError();
  const assets = new URL(PDFJS_DIR, base).href;
  // (a local name: the Office lint rules take any `.getX()` result for an Excel proxy object)
  const openDocument = lib.getDocument;
  const task = openDocument({
    data: bytes.slice(),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    useWorkerFetch: true,
    cMapUrl: `${assets}cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${assets}standard_fonts/`,
    wasmUrl: `${assets}wasm/`,
    // raw pixels for the image reader, not ImageBitmaps
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    CanvasFactory: OffscreenCanvasFactory,
    FilterFactory: NoFilterFactory,
  });
  const opened: Promise<PDFDocumentProxy> = task.promise;
  const onAbort = () => void task.destroy();
  signal?.addEventListener('abort', onAbort);
  let doc: PDFDocumentProxy;
  try {
    doc = await opened;
  } catch (e) {
    if (signal?.aborted) throw abortError();
    const name = (e as Error).name === 'PasswordException' ? 'PasswordException' : 'PdfError';
    throw Object.assign(new Error((e as Error).message), { name });
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  try {
    const pages: PdfPage[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      if (signal?.aborted) throw abortError();
      const page = await doc.getPage(number);
      const vp = page.getViewport({ scale: 1 });
      const t = vp.transform as Matrix;
      pages.push({ number, widthPt: vp.width, heightPt: vp.height, runs: await textRuns(page, t), image: await largestImage(lib, page, t) });
      page.cleanup();
    }
    return {
      pages,
      renderPng: async (number, width, height) => {
        if (typeof OffscreenCanvas === 'undefined') return null;
        try {
          const page = await doc.getPage(number);
          const vp = page.getViewport({ scale: width / page.getViewport({ scale: 1 }).width });
          const canvas = new OffscreenCanvas(width, height);
          const ctx = canvas.getContext('2d');
          if (!ctx) return null;
          ctx.fillStyle = '#fff';
          ctx.fillRect(0, 0, width, height);
          await page.render({ canvasContext: ctx as unknown as CanvasRenderingContext2D, canvas: canvas as unknown as HTMLCanvasElement, viewport: vp })
            .promise;
          const data = new Uint8Array(ctx.getImageData(0, 0, width, height).data.buffer);
          page.cleanup();
          return encodePng({ width, height, data });
        } catch {
          return null;
        }
      },
      close: () => doc.destroy(),
    };
  } catch (e) {
    await doc.destroy();
    throw e;
  }
}
