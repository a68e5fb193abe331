import { OcrEngine } from './engine';
import { Box, GrayImage, crop, resampleGray } from './raster';

/** One character read, with where it sits on the page (its centre x) and how sure the model is. */
export interface ReadChar {
  ch: string;
  x: number;
  confidence: number;
}

export interface ReadLine {
  box: Box;
  text: string;
  /** Mean of the characters' probabilities (0 when nothing was read). */
  confidence: number;
  chars: ReadChar[];
}

const HEIGHT = 48;
const MAX_WIDTH = 960;
const BATCH = 8;

/** Greedy CTC decoding of one line's [T, C] probabilities. */
function decode(probs: Float32Array, offset: number, steps: number, classes: number, alphabet: readonly string[]) {
  const chars: Array<{ ch: string; step: number; confidence: number }> = [];
  let last = 0;
  for (let t = 0; t < steps; t++) {
    let best = 0;
    let p = -Infinity;
    const base = offset + t * classes;
    for (let c = 0; c < classes; c++) {
      if (probs[base + c] > p) {
        p = probs[base + c];
        best = c;
      }
    }
    if (best !== 0 && best !== last) chars.push({ ch: alphabet[best] ?? '', step: t, confidence: p });
    last = best;
  }
  return chars;
}

/** Reads each box (a line of text) with the recogniser, in batches of similar widths. */
export async function recognizeBoxes(engine: OcrEngine, page: GrayImage, boxes: readonly Box[]): Promise<ReadLine[]> {
  const items = boxes.map((box, i) => {
    const cut = crop(page, box);
    const w = Math.max(8, Math.min(MAX_WIDTH, Math.round((cut.width * HEIGHT) / Math.max(1, cut.height))));
    return { i, box, cut, w };
  });
  const order = [...items].sort((a, b) => a.w - b.w);
  const out: ReadLine[] = new Array(boxes.length);
  for (let k = 0; k < order.length; k += BATCH) {
    const group = order.slice(k, k + BATCH);
    const W = Math.ceil(Math.max(...group.map((g) => g.w)) / 8) * 8;
    const data = new Float32Array(group.length * 3 * HEIGHT * W);
    group.forEach((g, n) => {
      if (g.cut.width === 0 || g.cut.height === 0) return;
      const pixels = resampleGray(g.cut, g.w, HEIGHT);
      for (let c = 0; c < 3; c++) {
        const plane = n * 3 * HEIGHT * W + c * HEIGHT * W;
        for (let y = 0; y < HEIGHT; y++) for (let x = 0; x < g.w; x++) data[plane + y * W + x] = pixels[y * g.w + x] / 127.5 - 1;
      }
    });
    const res = await engine.recognize({ data, dims: [group.length, 3, HEIGHT, W] });
    const [, T, C] = res.dims;
    group.forEach((g, n) => {
      const decoded = decode(res.data, n * T * C, T, C, engine.alphabet);
      const stepWidth = W / T; // input pixels per output step
      const toPage = g.box.w / g.w;
      const chars = decoded
        .filter((d) => (d.step + 0.5) * stepWidth <= g.w + stepWidth)
        .map((d) => ({ ch: d.ch, x: g.box.x + (d.step + 0.5) * stepWidth * toPage, confidence: d.confidence }));
      const text = chars.map((c) => c.ch).join('');
      const confidence = chars.length ? chars.reduce((s, c) => s + c.confidence, 0) / chars.length : 0;
      out[g.i] = { box: g.box, text, confidence, chars };
    });
  }
  return out;
}
