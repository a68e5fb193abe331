import { cellFallback } from './cellFallback';
import { cleanPage, removeRules, skewAngle } from './clean';
import { decodeImage, scanKind } from './decode';
import { detectText } from './detect';
import { OcrEngine } from './engine';
import { LayoutResult, readLayout } from './layout';
import { PdfPage } from './pdfPages';
import { encodePng } from './png';
import { RgbaImage, rotateScaleRgba } from './raster';
import { ReadLine, recognizeBoxes } from './recognize';
import { ScanOptions, ScanPage, ScanResult, ScanStage } from './types';

/**
 * Reads 附件2 forms from a scan, a photo or a PDF: every page; a PDF page's text layer when it has one,
 * OCR otherwise. Pure reading: whether the numbers are trusted is decided later, by the core.
 */

/** Pages are read at most this long on their longest side (a 150–200 dpi A4 page; larger scans are shrunk). */
const WORK_SIDE = 2400;
/** Turns smaller than this are left alone (resampling costs more sharpness than it gains). */
const MIN_SKEW = (0.15 * Math.PI) / 180;

function aborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
}

/**
 * A PDF text layer as lines, in pixels at `dpi`: runs on one baseline that touch are joined (a PDF splits
 * "1+X证书" where the font changes); characters are spread evenly over their run.
 */
export function textLayerLines(page: PdfPage, dpi: number): ReadLine[] {
  const k = dpi / 72;
  const runs = [...page.runs].sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: ReadLine[] = [];
  let last: ReadLine | null = null;
  for (const r of runs) {
    const box = { x: r.x * k, y: r.y * k, w: Math.max(1, r.w * k), h: Math.max(1, r.h * k) };
    const chars = [...r.text].map((ch, i, all) => ({ ch, x: box.x + ((i + 0.5) * box.w) / all.length, confidence: 1 }));
    const gap = last ? box.x - (last.box.x + last.box.w) : Infinity;
    if (last && Math.abs(last.box.y + last.box.h - (box.y + box.h)) < 0.25 * box.h && gap > -0.3 * box.h && gap < 0.6 * box.h) {
      const x1 = Math.max(last.box.x + last.box.w, box.x + box.w);
      const y0 = Math.min(last.box.y, box.y);
      const y1 = Math.max(last.box.y + last.box.h, box.y + box.h);
      last.box = { x: last.box.x, y: y0, w: x1 - last.box.x, h: y1 - y0 };
      last.text += r.text;
      last.chars.push(...chars);
      continue;
    }
    last = { box, text: r.text, confidence: 1, chars };
    lines.push(last);
  }
  return lines;
}

/**
 * Text drawn by the program that made the form. A page covered by an image is a scan even when it has
 * text: scanners add their own OCR as invisible text, which is no more exact than ours.
 */
function hasTextLayer(page: PdfPage): boolean {
  const scanned = !!page.image && page.image.w * page.image.h > 0.5 * page.widthPt * page.heightPt;
  return !scanned && page.runs.filter((r) => /[\u4e00-\u9fff\d]/.test(r.text)).length >= 5;
}

interface Ctx {
  options: ScanOptions;
  engine: () => Promise<OcrEngine>;
  progress: (stage: ScanStage) => void;
}

/**
 * Below this on its longest side an image cannot hold a legible form (an A4 page at about 50 dpi): a logo or an
 * e-mail signature picture. It is answered at once, without starting OCR.
 */
const MIN_FORM_SIDE = 600;

async function readImagePage(ctx: Ctx, number: number, img: RgbaImage): Promise<ScanPage> {
  const { options } = ctx;
  if (Math.max(img.width, img.height) < MIN_FORM_SIDE) {
    return nothing(number, `图像只有 ${img.width}×${img.height} 像素，太小，无法辨认报表`, img.width, img.height);
  }
  ctx.progress('clean');
  const scale = Math.min(1, WORK_SIDE / Math.max(img.width, img.height));
  // dpi as if the page were A4 (photos have no real dpi): sizes the paper-level filter
  const dpi = (Math.max(img.width, img.height) * scale) / 11.7;
  let gray = cleanPage(img, dpi);
  const angle = skewAngle(gray);
  let page = img;
  if (Math.abs(angle) > MIN_SKEW || scale < 1) {
    page = rotateScaleRgba(img, Math.abs(angle) > MIN_SKEW ? -angle : 0, scale);
    gray = cleanPage(page, dpi);
  }
  removeRules(gray, dpi);
  aborted(options.signal);
  const engine = await ctx.engine();
  ctx.progress('detect');
  const boxes = await detectText(engine, gray);
  aborted(options.signal);
  ctx.progress('recognize');
  const lines = (await recognizeBoxes(engine, gray, boxes)).filter((l) => l.text.trim() !== '');
  aborted(options.signal);
  ctx.progress('layout');
  const layout = await readLayout(lines, options.indicators, 'ocr', cellFallback(engine, gray));
  return pageOf(number, 'ocr', layout, page.width, page.height, (angle * 180) / Math.PI, () => encodePng(page));
}

function pageOf(
  number: number,
  source: ScanPage['source'],
  layout: LayoutResult,
  width: number,
  height: number,
  skewDegrees: number,
  image: () => Uint8Array | null,
): ScanPage {
  return {
    page: number,
    source,
    found: layout.found,
    ...(layout.reason ? { reason: layout.reason } : {}),
    width,
    height,
    skewDegrees,
    unitName: layout.unitName,
    date: layout.date,
    code: layout.code,
    indicators: layout.indicators,
    labels: layout.labels,
    image,
  };
}

function nothing(number: number, reason: string, width: number, height: number): ScanPage {
  return pageOf(number, 'ocr', { found: false, reason, unitName: null, date: null, code: null, indicators: {}, labels: {} }, width, height, 0, () => null);
}

export async function readScan(name: string, bytes: Uint8Array, options: ScanOptions): Promise<ScanResult> {
  const kind = scanKind(bytes);
  if (!kind) throw new Error(`${name}: not a PNG, JPEG or PDF file`);
  let engine: Promise<OcrEngine> | null = null;
  let pageNo = 1;
  let pageCount = 1;
  const ctx: Ctx = {
    options,
    engine: () => (engine ??= typeof options.engine === 'function' ? options.engine() : Promise.resolve(options.engine)),
    progress: (stage) => options.onProgress?.({ page: pageNo, pages: pageCount, stage }),
  };
  aborted(options.signal);
  if (kind !== 'pdf') {
    ctx.progress('decode');
    const img = decodeImage(bytes);
    return { name, kind, pages: [await readImagePage(ctx, 1, img)] };
  }
  if (!options.pdf) throw new Error('no PDF reader given');
  ctx.progress('pdf');
  const pdfPages = await options.pdf(bytes, options.signal);
  pageCount = pdfPages.length;
  const dpi = options.textLayerDpi ?? 150;
  const pages: ScanPage[] = [];
  for (const p of pdfPages) {
    pageNo = p.number;
    aborted(options.signal);
    const w = Math.round((p.widthPt * dpi) / 72);
    const h = Math.round((p.heightPt * dpi) / 72);
    if (hasTextLayer(p)) {
      ctx.progress('layout');
      const layout = await readLayout(textLayerLines(p, dpi), options.indicators, 'text-layer', null);
      pages.push(pageOf(p.number, 'text-layer', layout, w, h, 0, () => null));
    } else if (p.image) {
      pages.push(await readImagePage(ctx, p.number, p.image.pixels));
    } else {
      pages.push(nothing(p.number, '页面上没有文字，也没有扫描图像', w, h));
    }
  }
  return { name, kind, pages };
}
