import { OcrEngine } from './engine';
import { Box, GrayImage, resizeGray } from './raster';

/** Text lines found by the DB detector, as axis-aligned boxes on an already straightened page. */
export interface TextBox extends Box {
  score: number;
}

export interface DetectOptions {
  /** Longest side fed to the detector; larger pages are shrunk (text stays ≥ ~12 px high at 150 dpi). */
  maxSide?: number;
  /** Probability above which a pixel is text. */
  threshold?: number;
  /** Mean probability a region needs to count as a line. */
  boxThreshold?: number;
  /** How far the detector's shrunk regions are grown back (DB's unclip ratio). */
  unclip?: number;
}

const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

/**
 * Rows of the page fed to the detector at once, and the context added above and below (multiples of 32). The
 * model's activations grow with its input — about 480 MB above the runtime for a whole 2048 × 1472 page, 260 MB for
 * 1024 rows — so a page is detected in strips and their probability maps are stitched; each strip's margin
 * gives the rows kept from it the same surroundings a whole-page run would, at ~12 % more work.
 */
const STRIP_ROWS = 960;
const STRIP_CONTEXT = 64;

/** Rows [y0, y1) of the page as the detector's input: padded with white to multiples of 32, normalised, 3 equal channels. */
function detectorInput(g: GrayImage, W: number, y0: number, y1: number): { data: Float32Array; dims: number[] } {
  const H = y1 - y0;
  const data = new Float32Array(3 * W * H);
  for (let c = 0; c < 3; c++) {
    const white = (1 - MEAN[c]) / STD[c];
    const plane = data.subarray(c * W * H, (c + 1) * W * H);
    plane.fill(white);
    for (let y = y0; y < Math.min(y1, g.height); y++) {
      for (let x = 0; x < g.width; x++) plane[(y - y0) * W + x] = (g.data[y * g.width + x] / 255 - MEAN[c]) / STD[c];
    }
  }
  return { data, dims: [1, 3, H, W] };
}

/** The detector's text probability for every pixel of the padded page, run strip by strip. */
async function probabilityMap(engine: OcrEngine, g: GrayImage): Promise<{ data: Float32Array; W: number; H: number }> {
  const W = Math.ceil(g.width / 32) * 32;
  const H = Math.ceil(g.height / 32) * 32;
  if (H <= STRIP_ROWS + 2 * STRIP_CONTEXT) {
    const out = await engine.detect(detectorInput(g, W, 0, H));
    return { data: out.data, W: out.dims[3], H: out.dims[2] };
  }
  const prob = new Float32Array(W * H);
  for (let top = 0; top < H; top += STRIP_ROWS) {
    const y0 = Math.max(0, top - STRIP_CONTEXT);
    const y1 = Math.min(H, top + STRIP_ROWS + STRIP_CONTEXT);
    const out = await engine.detect(detectorInput(g, W, y0, y1));
    if (out.dims[2] !== y1 - y0 || out.dims[3] !== W) throw new Error(`detector returned ${out.dims.join('×')} for a ${y1 - y0}×${W} strip`);
    const keep = Math.min(STRIP_ROWS, H - top);
    prob.set(out.data.subarray((top - y0) * W, (top - y0 + keep) * W), top * W);
  }
  return { data: prob, W, H };
}

/** Connected regions (8-neighbour) of the thresholded map: bounding box, size and mean probability. */
function regions(prob: Float32Array, W: number, H: number, threshold: number) {
  const label = new Int32Array(W * H).fill(-1);
  const stack = new Int32Array(W * H);
  const out: Array<{ x0: number; y0: number; x1: number; y1: number; n: number; sum: number }> = [];
  for (let start = 0; start < W * H; start++) {
    if (label[start] !== -1 || prob[start] <= threshold) continue;
    const r = { x0: W, y0: H, x1: 0, y1: 0, n: 0, sum: 0 };
    let top = 0;
    stack[top++] = start;
    label[start] = out.length;
    while (top > 0) {
      const p = stack[--top];
      const x = p % W;
      const y = (p - x) / W;
      r.n++;
      r.sum += prob[p];
      if (x < r.x0) r.x0 = x;
      if (x > r.x1) r.x1 = x;
      if (y < r.y0) r.y0 = y;
      if (y > r.y1) r.y1 = y;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= H) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= W) continue;
          const q = yy * W + xx;
          if (label[q] === -1 && prob[q] > threshold) {
            label[q] = out.length;
            stack[top++] = q;
          }
        }
      }
    }
    out.push(r);
  }
  return out;
}

export async function detectText(engine: OcrEngine, page: GrayImage, options: DetectOptions = {}): Promise<TextBox[]> {
  const maxSide = options.maxSide ?? 2048;
  const scale = Math.min(1, maxSide / Math.max(page.width, page.height));
  const g = scale < 1 ? resizeGray(page, Math.round(page.width * scale), Math.round(page.height * scale)) : page;
  const prob = await probabilityMap(engine, g);
  const boxes: TextBox[] = [];
  const unclip = options.unclip ?? 1.6;
  for (const r of regions(prob.data, prob.W, prob.H, options.threshold ?? 0.3)) {
    const w = r.x1 - r.x0 + 1;
    const h = r.y1 - r.y0 + 1;
    const score = r.sum / r.n;
    if (Math.min(w, h) < 2 || score < (options.boxThreshold ?? 0.5)) continue;
    const d = (w * h * unclip) / (2 * (w + h));
    const x0 = Math.max(0, r.x0 - d);
    const y0 = Math.max(0, r.y0 - d);
    const x1 = Math.min(g.width, r.x1 + 1 + d);
    const y1 = Math.min(g.height, r.y1 + 1 + d);
    if (x1 <= x0 || y1 <= y0) continue;
    boxes.push({ x: x0 / scale, y: y0 / scale, w: (x1 - x0) / scale, h: (y1 - y0) / scale, score });
  }
  return boxes.sort((a, b) => a.y - b.y || a.x - b.x);
}
