import * as jpeg from 'jpeg-js';
import { Rng, rngFor } from '../../src/samples/prng';
import { RgbaImage } from '../../src/scan/raster';
import { WordBox } from './scanForms';

/**
 * What scanners and phones do to a printed form, on RGBA pixels with seeded randomness (same seed, same
 * bytes): rotation, perspective, blur, noise, uneven light, JPEG quality, a red stamp over numbers.
 */

export type Degradation = 'rotated' | 'blurred' | 'noisy' | 'jpeg' | 'stamped' | 'scan' | 'photo' | 'pdf-image';

export const DEGRADATIONS: Degradation[] = ['rotated', 'blurred', 'noisy', 'jpeg', 'stamped', 'scan', 'photo', 'pdf-image'];

export interface Degraded {
  kind: Degradation;
  /** JPEG bytes (or a PDF holding one, for pdf-image). */
  bytes: Uint8Array;
  /** What was done, for the report. */
  params: Record<string, number>;
}

/** Solves the 8 unknowns of a homography mapping 4 points `from` to `to`. */
function homography(from: number[][], to: number[][]): number[] {
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i];
    const [u, v] = to[i];
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    [a[c], a[p]] = [a[p], a[c]];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = a[r][c] / a[c][c];
      for (let k = c; k < 9; k++) a[r][k] -= f * a[c][k];
    }
  }
  return [...a.map((row, i) => row[8] / a[i][i]), 1];
}

/** Output pixel → source pixel through `h` (bilinear), `fill` outside the page. */
function warp(src: RgbaImage, width: number, height: number, h: number[], fill: [number, number, number]): RgbaImage {
  const out = new Uint8Array(width * height * 4);
  const d = src.data;
  const W = src.width;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const z = h[6] * x + h[7] * y + h[8];
      const sx = (h[0] * x + h[1] * y + h[2]) / z;
      const sy = (h[3] * x + h[4] * y + h[5]) / z;
      const o = (y * width + x) * 4;
      out[o + 3] = 255;
      if (sx < 0 || sy < 0 || sx > src.width - 1 || sy > src.height - 1) {
        out[o] = fill[0];
        out[o + 1] = fill[1];
        out[o + 2] = fill[2];
        continue;
      }
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      const x1 = Math.min(x0 + 1, src.width - 1);
      const y1 = Math.min(y0 + 1, src.height - 1);
      for (let c = 0; c < 3; c++) {
        const top = d[(y0 * W + x0) * 4 + c] * (1 - fx) + d[(y0 * W + x1) * 4 + c] * fx;
        const bottom = d[(y1 * W + x0) * 4 + c] * (1 - fx) + d[(y1 * W + x1) * 4 + c] * fx;
        out[o + c] = top * (1 - fy) + bottom * fy + 0.5;
      }
    }
  }
  return { width, height, data: out };
}

/** The page turned by `degrees` and its corners moved by up to `jitter` (fraction of the size): scanner or phone. */
function tilt(img: RgbaImage, degrees: number, jitter: number, margin: number, r: Rng, fill: [number, number, number]): RgbaImage {
  const W = img.width + 2 * margin;
  const H = img.height + 2 * margin;
  const cx = W / 2;
  const cy = H / 2;
  const t = (degrees * Math.PI) / 180;
  const src = [
    [0, 0],
    [img.width, 0],
    [img.width, img.height],
    [0, img.height],
  ];
  const dst = src.map(([x, y]) => {
    const px = x + margin - cx;
    const py = y + margin - cy;
    return [
      cx + px * Math.cos(t) - py * Math.sin(t) + r.range(-jitter, jitter) * img.width,
      cy + px * Math.sin(t) + py * Math.cos(t) + r.range(-jitter, jitter) * img.height,
    ];
  });
  return warp(img, W, H, homography(dst, src), fill);
}

function boxBlur(plane: Float32Array, w: number, h: number, radius: number): void {
  const tmp = new Float32Array(Math.max(w, h));
  const pass = (len: number, stride: number, count: number, step: number) => {
    for (let k = 0; k < count; k++) {
      const base = k * step;
      let acc = 0;
      for (let i = -radius; i <= radius; i++) acc += plane[base + Math.min(len - 1, Math.max(0, i)) * stride];
      for (let i = 0; i < len; i++) {
        tmp[i] = acc / (2 * radius + 1);
        acc += plane[base + Math.min(len - 1, i + radius + 1) * stride] - plane[base + Math.max(0, i - radius) * stride];
      }
      for (let i = 0; i < len; i++) plane[base + i * stride] = tmp[i];
    }
  };
  pass(w, 1, h, w);
  pass(h, w, w, 1);
}

/** Gaussian-like blur (three box passes of `radius`: sigma² = ((2r+1)² − 1) / 4). */
function blur(img: RgbaImage, radius: number, passes = 3): void {
  if (radius < 1) return;
  const n = img.width * img.height;
  for (let c = 0; c < 3; c++) {
    const plane = new Float32Array(n);
    for (let i = 0; i < n; i++) plane[i] = img.data[i * 4 + c];
    for (let k = 0; k < passes; k++) boxBlur(plane, img.width, img.height, radius);
    for (let i = 0; i < n; i++) img.data[i * 4 + c] = plane[i];
  }
}

function blurOnce(img: RgbaImage, radius: number): void {
  blur(img, radius, 1);
}

function noise(img: RgbaImage, sigma: number, r: Rng): void {
  for (let i = 0; i < img.data.length; i += 4) {
    const g = Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next()) * sigma;
    const mono = r.chance(0.7);
    for (let c = 0; c < 3; c++) {
      const e = mono ? g : Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next()) * sigma;
      img.data[i + c] = Math.max(0, Math.min(255, img.data[i + c] + e));
    }
  }
}

/** Uneven light of a phone photo: darker towards one corner, a warm cast. */
function shade(img: RgbaImage, r: Rng): void {
  const ax = r.range(-1, 1);
  const ay = r.range(-1, 1);
  const depth = r.range(0.12, 0.25);
  const cast = [1, r.range(0.95, 0.99), r.range(0.86, 0.93)];
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const u = (x / img.width - 0.5) * ax + (y / img.height - 0.5) * ay;
      const f = 1 - depth * (0.5 + u);
      const o = (y * img.width + x) * 4;
      for (let c = 0; c < 3; c++) img.data[o + c] = Math.min(255, img.data[o + c] * f * cast[c]);
    }
  }
}

/**
 * A round red seal (ring, star, a band of characters cut from the page itself) centred near `at`,
 * multiplied onto the paper as ink is: it darkens green and blue, leaves red nearly as it was.
 */
function stamp(img: RgbaImage, at: { x: number; y: number }, radius: number, glyphs: WordBox | null, r: Rng): void {
  const ink = [r.range(200, 230), r.range(20, 60), r.range(30, 70)];
  const strength = new Float32Array(img.width * img.height);
  const put = (x: number, y: number, s: number) => {
    const xi = Math.round(x);
    const yi = Math.round(y);
    if (xi < 0 || yi < 0 || xi >= img.width || yi >= img.height) return;
    const i = yi * img.width + xi;
    strength[i] = Math.max(strength[i], s);
  };
  const ring = radius * 0.06;
  for (let y = -radius; y <= radius; y++) {
    for (let x = -radius; x <= radius; x++) {
      const d = Math.hypot(x, y);
      if (d <= radius && d >= radius - ring) put(at.x + x, at.y + y, 0.9);
      // a five-pointed star in the middle
      const a = Math.atan2(y, x) + Math.PI / 2;
      const k = (((a % ((2 * Math.PI) / 5)) + (2 * Math.PI) / 5) % ((2 * Math.PI) / 5)) / ((2 * Math.PI) / 5);
      const starR = radius * 0.22 * (0.45 + 0.55 * Math.abs(1 - 2 * k));
      if (d < starR) put(at.x + x, at.y + y, 0.85);
    }
  }
  // characters: dark pixels of a word of the page, copied along the upper arc
  if (glyphs) {
    const src = img.data.slice();
    const gw = Math.max(1, Math.round(glyphs.h));
    const count = Math.max(1, Math.min(12, Math.floor(glyphs.w / gw)));
    for (let g = 0; g < count; g++) {
      const angle = Math.PI * (1.15 + (0.7 * g) / Math.max(1, count - 1));
      const cx = at.x + Math.cos(angle) * radius * 0.72;
      const cy = at.y + Math.sin(angle) * radius * 0.72;
      const rot = angle + Math.PI / 2;
      const scale = (radius * 0.22) / gw;
      for (let v = -gw; v <= gw; v++) {
        for (let u = -gw; u <= gw; u++) {
          const sx = Math.round(glyphs.x + g * gw + gw / 2 + (u * Math.cos(-rot) - v * Math.sin(-rot)) / scale);
          const sy = Math.round(glyphs.y + glyphs.h / 2 + (u * Math.sin(-rot) + v * Math.cos(-rot)) / scale);
          if (sx < 0 || sy < 0 || sx >= img.width || sy >= img.height) continue;
          if (Math.abs(sx - (glyphs.x + g * gw + gw / 2)) > gw / 2 || Math.abs(sy - (glyphs.y + glyphs.h / 2)) > glyphs.h / 2) continue;
          const dark = 255 - src[(sy * img.width + sx) * 4 + 1];
          if (dark > 90) put(cx + u, cy + v, 0.85);
        }
      }
    }
  }
  for (let i = 0; i < strength.length; i++) {
    const s = strength[i] * (0.7 + 0.3 * r.next());
    if (s <= 0) continue;
    for (let c = 0; c < 3; c++) img.data[i * 4 + c] = img.data[i * 4 + c] * (1 - s + (s * ink[c]) / 255);
  }
}

function copy(img: RgbaImage): RgbaImage {
  return { width: img.width, height: img.height, data: img.data.slice() };
}

function toJpeg(img: RgbaImage, quality: number): Uint8Array {
  return new Uint8Array(jpeg.encode({ data: img.data, width: img.width, height: img.height }, quality).data);
}

/** A one-page PDF holding a JPEG at `ppi`, as a scanner writes it (no text layer). */
export function imagePdf(jpg: Uint8Array, width: number, height: number, ppi: number): Uint8Array {
  const wPt = ((width * 72) / ppi).toFixed(2);
  const hPt = ((height * 72) / ppi).toFixed(2);
  const content = `q ${wPt} 0 0 ${hPt} 0 0 cm /Im0 Do Q`;
  const enc = new TextEncoder();
  const objects: Uint8Array[] = [
    enc.encode('<< /Type /Catalog /Pages 2 0 R >>'),
    enc.encode('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    enc.encode(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${wPt} ${hPt}] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>`),
    enc.encode(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`),
    new Uint8Array([
      ...enc.encode(
        `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpg.length} >>\nstream\n`,
      ),
      ...jpg,
      ...enc.encode('\nendstream'),
    ]),
  ];
  const parts: Uint8Array[] = [enc.encode('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')];
  let length = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(length);
    for (const p of [enc.encode(`${i + 1} 0 obj\n`), body, enc.encode('\nendobj\n')]) {
      parts.push(p);
      length += p.length;
    }
  });
  let tail = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) tail += `${String(off).padStart(10, '0')} 00000 n \n`;
  tail += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`;
  parts.push(enc.encode(tail));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Number words of the page (where a stamp hurts) and a long Chinese word (to copy as the seal's text). */
function stampPlace(words: WordBox[], r: Rng): { at: { x: number; y: number }; glyphs: WordBox | null } {
  const numbers = words.filter((w) => /^[\d.,%]+$/.test(w.text));
  const target = numbers.length ? r.pick(numbers) : { x: 600, y: 600, w: 10, h: 10 };
  const chinese = words.filter((w) => /[\u4e00-\u9fff]{4,}/.test(w.text)).sort((a, b) => b.w - a.w);
  return { at: { x: target.x + target.w / 2 + r.range(-40, 40), y: target.y + r.range(-50, 50) }, glyphs: chinese[0] ?? null };
}

/**
 * One degraded copy of a clean page image (150–200 dpi); `words` are the page's word boxes in the same
 * pixels (for the stamp). Deterministic for (seed, label).
 */
export function degrade(clean: RgbaImage, words: WordBox[], kind: Degradation, seed: number, label: string, dpi: number): Degraded {
  const r = rngFor(seed, `degrade-${kind}-${label}`);
  const img = copy(clean);
  const white: [number, number, number] = [250, 250, 248];
  const stampRadius = (21 / 25.4) * dpi; // a 42 mm seal
  const sign = () => (r.chance(0.5) ? -1 : 1);
  switch (kind) {
    case 'rotated': {
      const deg = sign() * r.range(1, 3);
      return { kind, bytes: toJpeg(tilt(img, deg, 0, Math.round(dpi * 0.1), r, white), 90), params: { deg } };
    }
    case 'blurred': {
      // Gaussian sigma 1.4 or 2.0 px at 150 dpi (0.24–0.34 mm): a phone slightly out of focus
      const strong = r.chance(0.5);
      blur(img, 1);
      if (strong) blurOnce(img, 2);
      return { kind, bytes: toJpeg(img, 90), params: { sigma: strong ? 2 : 1.4 } };
    }
    case 'noisy': {
      const sigma = r.range(10, 18);
      noise(img, sigma, r);
      return { kind, bytes: toJpeg(img, 92), params: { sigma } };
    }
    case 'jpeg': {
      const quality = r.int(50, 60);
      return { kind, bytes: toJpeg(img, quality), params: { quality } };
    }
    case 'stamped': {
      const p = stampPlace(words, r);
      stamp(img, p.at, stampRadius, p.glyphs, r);
      return { kind, bytes: toJpeg(img, 85), params: { x: Math.round(p.at.x), y: Math.round(p.at.y) } };
    }
    case 'scan':
    case 'pdf-image': {
      const p = stampPlace(words, r);
      stamp(img, p.at, stampRadius, p.glyphs, r);
      const deg = sign() * r.range(1, 3);
      const turned = tilt(img, deg, 0, Math.round(dpi * 0.1), r, white);
      blur(turned, 1);
      noise(turned, r.range(5, 9), r);
      const quality = r.int(50, 60);
      const jpg = toJpeg(turned, quality);
      if (kind === 'scan') return { kind, bytes: jpg, params: { deg, quality } };
      return { kind, bytes: imagePdf(jpg, turned.width, turned.height, dpi), params: { deg, quality } };
    }
    case 'photo': {
      const p = stampPlace(words, r);
      stamp(img, p.at, stampRadius, p.glyphs, r);
      shade(img, r);
      const deg = sign() * r.range(1, 3);
      const desk: [number, number, number] = [r.int(60, 120), r.int(50, 100), r.int(40, 80)];
      const turned = tilt(img, deg, 0.025, Math.round(dpi * 0.4), r, desk);
      blur(turned, 1);
      noise(turned, r.range(6, 12), r);
      const quality = r.int(50, 60);
      return { kind, bytes: toJpeg(turned, quality), params: { deg, quality } };
    }
  }
}
