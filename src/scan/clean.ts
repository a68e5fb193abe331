import { GrayImage, RgbaImage, redChannel, resizeGray } from './raster';

/**
 * Page clean-up before OCR, on typed arrays. A red seal is nearly white in the red channel while black
 * print stays black; dividing by the paper's own brightness (print removed by a max filter, then blurred)
 * evens out shadows of phone photos; a stretch puts paper at white and print at black.
 */

function boxBlurInPlace(a: Float32Array, w: number, h: number, r: number): void {
  const tmp = new Float32Array(Math.max(w, h));
  for (let y = 0; y < h; y++) {
    let acc = 0;
    for (let i = -r; i <= r; i++) acc += a[y * w + Math.min(w - 1, Math.max(0, i))];
    for (let x = 0; x < w; x++) {
      tmp[x] = acc / (2 * r + 1);
      acc += a[y * w + Math.min(w - 1, x + r + 1)] - a[y * w + Math.max(0, x - r)];
    }
    a.set(tmp.subarray(0, w), y * w);
  }
  for (let x = 0; x < w; x++) {
    let acc = 0;
    for (let i = -r; i <= r; i++) acc += a[Math.min(h - 1, Math.max(0, i)) * w + x];
    for (let y = 0; y < h; y++) {
      tmp[y] = acc / (2 * r + 1);
      acc += a[Math.min(h - 1, y + r + 1) * w + x] - a[Math.max(0, y - r) * w + x];
    }
    for (let y = 0; y < h; y++) a[y * w + x] = tmp[y];
  }
}

/** Max over a (2r+1)² window (separable): print vanishes, paper stays. */
function maxFilter(src: Uint8Array, w: number, h: number, r: number): Float32Array {
  const tmp = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let m = 0;
      for (let i = Math.max(0, x - r); i <= Math.min(w - 1, x + r); i++) m = Math.max(m, src[y * w + i]);
      tmp[y * w + x] = m;
    }
  }
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let m = 0;
      for (let i = Math.max(0, y - r); i <= Math.min(h - 1, y + r); i++) m = Math.max(m, tmp[i * w + x]);
      out[y * w + x] = m;
    }
  }
  return out;
}

/** The paper's brightness at each pixel, estimated at 1/`step` resolution. */
function paperLevel(g: GrayImage, step: number): { level: Float32Array; w: number; h: number } {
  const w = Math.max(1, Math.ceil(g.width / step));
  const h = Math.max(1, Math.ceil(g.height / step));
  const small = resizeGray(g, w, h);
  const level = maxFilter(small.data, w, h, 3);
  boxBlurInPlace(level, w, h, 4);
  return { level, w, h };
}

/** Grey page for OCR: red channel, divided by the paper level, stretched so the darkest 0.5 % is black. */
export function cleanPage(img: RgbaImage, dpi = 150): GrayImage {
  const red = redChannel(img);
  const step = Math.max(2, Math.round(dpi / 40));
  const { level, w, h } = paperLevel(red, step);
  const n = red.width * red.height;
  const ratio = new Float32Array(n);
  for (let y = 0; y < red.height; y++) {
    const ly = Math.min(h - 1, Math.floor(y / step));
    for (let x = 0; x < red.width; x++) {
      const p = level[ly * w + Math.min(w - 1, Math.floor(x / step))];
      ratio[y * red.width + x] = Math.min(1, red.data[y * red.width + x] / Math.max(24, p));
    }
  }
  // darkness histogram → the level that maps to black
  const hist = new Uint32Array(256);
  for (let i = 0; i < n; i++) hist[Math.round(ratio[i] * 255)]++;
  let dark = 0;
  let lo = 0;
  for (; lo < 255 && dark < n * 0.005; lo++) dark += hist[lo];
  lo = Math.min(lo, 160) / 255;
  const hi = 0.92;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.max(0, Math.min(255, Math.round(((ratio[i] - lo) / (hi - lo)) * 255)));
  return { width: red.width, height: red.height, data: out };
}

/**
 * The page's skew in radians (positive = text lines run down to the right), from the sharpness of the
 * row profile of dark pixels over candidate shears; ±6° in two passes.
 */
export function skewAngle(g: GrayImage): number {
  const scale = Math.min(1, 900 / Math.max(g.width, g.height));
  const w = Math.max(1, Math.round(g.width * scale));
  const h = Math.max(1, Math.round(g.height * scale));
  const small = scale < 1 ? resizeGray(g, w, h) : g;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (small.data[y * w + x] < 128) {
        xs.push(x);
        ys.push(y);
      }
    }
  }
  if (xs.length < 50) return 0;
  const rows = new Float64Array(h * 2 + 2 * w);
  const score = (t: number): number => {
    rows.fill(0);
    const off = w;
    for (let i = 0; i < xs.length; i++) {
      const r = Math.round(ys[i] - xs[i] * t) + off;
      if (r >= 0 && r < rows.length) rows[r]++;
    }
    let s = 0;
    for (let i = 0; i < rows.length; i++) s += rows[i] * rows[i];
    return s;
  };
  let best = 0;
  let bestScore = -1;
  for (let a = -6; a <= 6; a += 0.25) {
    const s = score(Math.tan((a * Math.PI) / 180));
    if (s > bestScore) [best, bestScore] = [a, s];
  }
  const coarse = best;
  for (let a = coarse - 0.3; a <= coarse + 0.3; a += 0.03) {
    const s = score(Math.tan((a * Math.PI) / 180));
    if (s > bestScore) [best, bestScore] = [a, s];
  }
  return (best * Math.PI) / 180;
}

/**
 * Table rules painted white: dark runs longer than any character stroke (vertical ≥ 0.3 inch, horizontal
 * ≥ 0.5 inch). A border next to a number is otherwise read as a "1", and a cell's cut-out starts clean.
 */
export function removeRules(g: GrayImage, dpi: number): void {
  const { width: W, height: H, data } = g;
  const dark = (v: number) => v < 150;
  const mask = new Uint8Array(W * H);
  const minH = Math.round(dpi * 0.5);
  for (let y = 0; y < H; y++) {
    let run = 0;
    for (let x = 0; x <= W; x++) {
      const on = x < W && (dark(data[y * W + x]) || (y > 0 && dark(data[(y - 1) * W + x]) && y + 1 < H && dark(data[(y + 1) * W + x])));
      if (on) run++;
      else {
        if (run >= minH) for (let k = x - run; k < x; k++) if (dark(data[y * W + k])) mask[y * W + k] = 1;
        run = 0;
      }
    }
  }
  const minV = Math.round(dpi * 0.3);
  for (let x = 0; x < W; x++) {
    let run = 0;
    for (let y = 0; y <= H; y++) {
      const on = y < H && (dark(data[y * W + x]) || (x > 0 && dark(data[y * W + x - 1])) || (x + 1 < W && dark(data[y * W + x + 1])));
      if (on) run++;
      else {
        if (run >= minV) for (let k = y - run; k < y; k++) if (dark(data[k * W + x])) mask[k * W + x] = 1;
        run = 0;
      }
    }
  }
  for (let i = 0; i < W * H; i++) if (mask[i]) data[i] = 255;
}
