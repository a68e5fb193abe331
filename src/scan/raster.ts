/** Pixels in memory: RGBA (4 bytes a pixel) for colour pages, one byte a pixel for grey. Row-major, no padding. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** A rectangle in page-image pixels. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Pages larger than this (pixels) are refused: a 600 dpi A3 scan is 70 MP; we need ~2–4 MP. */
export const MAX_PIXELS = 80_000_000;

export function checkSize(width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width * height > MAX_PIXELS) {
    throw new RangeError(`image size ${width}×${height} is not readable`);
  }
}

/** Luma (BT.601) of an RGBA image. */
export function toGray(img: RgbaImage): GrayImage {
  const n = img.width * img.height;
  const out = new Uint8Array(n);
  const d = img.data;
  for (let i = 0, j = 0; i < n; i++, j += 4) out[i] = (d[j] * 299 + d[j + 1] * 587 + d[j + 2] * 114 + 500) / 1000;
  return { width: img.width, height: img.height, data: out };
}

/** The red channel of an RGBA image: a red stamp is light there, black print stays dark. */
export function redChannel(img: RgbaImage): GrayImage {
  const n = img.width * img.height;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = img.data[i * 4];
  return { width: img.width, height: img.height, data: out };
}

export function grayToRgba(img: GrayImage): RgbaImage {
  const n = img.width * img.height;
  const out = new Uint8Array(n * 4);
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    const v = img.data[i];
    out[j] = v;
    out[j + 1] = v;
    out[j + 2] = v;
    out[j + 3] = 255;
  }
  return { width: img.width, height: img.height, data: out };
}

/** A cut-out of a grey image (clipped to the image). */
export function crop(img: GrayImage, box: Box): GrayImage {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(img.width, Math.ceil(box.x + box.w));
  const y1 = Math.min(img.height, Math.ceil(box.y + box.h));
  const w = Math.max(0, x1 - x0);
  const h = Math.max(0, y1 - y0);
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) out.set(img.data.subarray((y0 + y) * img.width + x0, (y0 + y) * img.width + x0 + w), y * w);
  return { width: w, height: h, data: out };
}

/** Area-averaging resize of a grey image (for shrinking; enlarges by nearest neighbour). */
export function resizeGray(img: GrayImage, width: number, height: number): GrayImage {
  const out = new Uint8Array(width * height);
  const sx = img.width / width;
  const sy = img.height / height;
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor(y * sy);
    const y1 = Math.max(y0 + 1, Math.min(img.height, Math.floor((y + 1) * sy)));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor(x * sx);
      const x1 = Math.max(x0 + 1, Math.min(img.width, Math.floor((x + 1) * sx)));
      let sum = 0;
      for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) sum += img.data[yy * img.width + xx];
      out[y * width + x] = sum / ((y1 - y0) * (x1 - x0));
    }
  }
  return { width, height, data: out };
}

/** Bilinear resize of a grey cut-out to exactly width × height (for the recogniser's 48-pixel lines). */
export function resampleGray(img: GrayImage, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height);
  const sx = img.width / width;
  const sy = img.height / height;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(img.height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(img.height - 1, y0 + 1);
    const ty = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(img.width - 1, Math.max(0, (x + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(img.width - 1, x0 + 1);
      const tx = fx - x0;
      const d = img.data;
      const w = img.width;
      out[y * width + x] = (d[y0 * w + x0] * (1 - tx) + d[y0 * w + x1] * tx) * (1 - ty) + (d[y1 * w + x0] * (1 - tx) + d[y1 * w + x1] * tx) * ty;
    }
  }
  return out;
}

/**
 * An RGBA image turned by `radians` about its centre (bilinear, same size, white outside) and scaled by
 * `scale`: the page straightened, at the resolution the reader works at.
 */
export function rotateScaleRgba(img: RgbaImage, radians: number, scale: number): RgbaImage {
  const width = Math.round(img.width * scale);
  const height = Math.round(img.height * scale);
  const out = new Uint8Array(width * height * 4);
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const cx = width / 2;
  const cy = height / 2;
  const scx = img.width / 2;
  const scy = img.height / 2;
  const W = img.width;
  const d = img.data;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // output → source: undo the rotation, then the scale
      const dx = (x + 0.5 - cx) / scale;
      const dy = (y + 0.5 - cy) / scale;
      const sx = scx + dx * cos + dy * sin - 0.5;
      const sy = scy - dx * sin + dy * cos - 0.5;
      const o = (y * width + x) * 4;
      out[o + 3] = 255;
      if (sx < 0 || sy < 0 || sx > img.width - 1 || sy > img.height - 1) {
        out[o] = out[o + 1] = out[o + 2] = 255;
        continue;
      }
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const x1 = Math.min(x0 + 1, img.width - 1);
      const y1 = Math.min(y0 + 1, img.height - 1);
      const tx = sx - x0;
      const ty = sy - y0;
      for (let c = 0; c < 3; c++) {
        const top = d[(y0 * W + x0) * 4 + c] * (1 - tx) + d[(y0 * W + x1) * 4 + c] * tx;
        const bot = d[(y1 * W + x0) * 4 + c] * (1 - tx) + d[(y1 * W + x1) * 4 + c] * tx;
        out[o + c] = top * (1 - ty) + bot * ty + 0.5;
      }
    }
  }
  return { width, height, data: out };
}
