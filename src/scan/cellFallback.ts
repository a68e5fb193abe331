import { OcrEngine } from './engine';
import { CellFallback } from './layout';
import { Box, GrayImage, crop } from './raster';
import { recognizeBoxes } from './recognize';

/**
 * A cell the detector left without text (it never boxes a lone "—") or read with low confidence: cut the
 * cell out, drop ink that touches its edge (ruling lines, the neighbours' text), and look at what is left.
 * One thin horizontal stroke is "—"; other ink is read by the recogniser alone on its bounding box.
 */

interface Blob {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  n: number;
}

function inkBlobs(cut: GrayImage, dark: number): Blob[] {
  const { width: W, height: H, data } = cut;
  const seen = new Uint8Array(W * H);
  const stack = new Int32Array(W * H);
  const blobs: Blob[] = [];
  for (let s = 0; s < W * H; s++) {
    if (seen[s] || data[s] >= dark) continue;
    const b: Blob = { x0: W, y0: H, x1: 0, y1: 0, n: 0 };
    let top = 0;
    stack[top++] = s;
    seen[s] = 1;
    let edge = false;
    while (top) {
      const p = stack[--top];
      const x = p % W;
      const y = (p - x) / W;
      b.n++;
      b.x0 = Math.min(b.x0, x);
      b.x1 = Math.max(b.x1, x);
      b.y0 = Math.min(b.y0, y);
      b.y1 = Math.max(b.y1, y);
      if (x === 0 || y === 0 || x === W - 1 || y === H - 1) edge = true;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          const yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= W || yy >= H) continue;
          const q = yy * W + xx;
          if (!seen[q] && data[q] < dark) {
            seen[q] = 1;
            stack[top++] = q;
          }
        }
      }
    }
    if (!edge && b.n >= 3) blobs.push(b);
  }
  return blobs;
}

export function cellFallback(engine: OcrEngine, page: GrayImage): CellFallback {
  return async ({ box, textHeight }) => {
    const inset = Math.max(1, Math.round(textHeight * 0.08));
    const area: Box = { x: box.x + inset, y: box.y + inset, w: box.w - 2 * inset, h: box.h - 2 * inset };
    const cut = crop(page, area);
    if (cut.width < 4 || cut.height < 4) return null;
    const blobs = inkBlobs(cut, 128).filter((b) => b.n >= Math.max(3, textHeight * 0.15));
    if (!blobs.length) return null;
    const x0 = Math.min(...blobs.map((b) => b.x0));
    const x1 = Math.max(...blobs.map((b) => b.x1)) + 1;
    const y0 = Math.min(...blobs.map((b) => b.y0));
    const y1 = Math.max(...blobs.map((b) => b.y1)) + 1;
    const ink: Box = { x: area.x + x0, y: area.y + y0, w: x1 - x0, h: y1 - y0 };
    const w = x1 - x0;
    const h = y1 - y0;
    if (blobs.length === 1 && h <= Math.max(3, 0.3 * textHeight) && w >= 1.8 * h && w >= 0.25 * textHeight) {
      return { text: '—', confidence: 0.95, box: ink, how: 'dash' };
    }
    if (h < 0.35 * textHeight && w < 0.35 * textHeight) return null; // a speck
    const pad = Math.round(textHeight * 0.25);
    const around: Box = { x: ink.x - pad, y: ink.y - pad, w: ink.w + 2 * pad, h: ink.h + 2 * pad };
    const [line] = await recognizeBoxes(engine, page, [around]);
    if (!line || !line.text.trim()) return null;
    return { text: line.text, confidence: line.confidence, box: ink, how: 'reread' };
  };
}
