import { unzlibSync, zlibSync } from 'fflate';
import { RgbaImage, checkSize } from './raster';

/** PNG decoding and encoding on typed arrays (fflate inflates), the same in Node and in a browser worker. */

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length > 8 && SIGNATURE.every((b, i) => bytes[i] === b);
}

const u32 = (b: Uint8Array, at: number) => ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Undoes the per-row filters of one (sub)image in place; returns the offset after it. */
function unfilter(data: Uint8Array, at: number, rowBytes: number, rows: number, bpp: number): number {
  let prev = -1;
  for (let y = 0; y < rows; y++) {
    const type = data[at];
    const row = at + 1;
    if (row + rowBytes > data.length) throw new Error('PNG data is truncated');
    for (let i = 0; i < rowBytes; i++) {
      const a = i >= bpp ? data[row + i - bpp] : 0;
      const b = prev >= 0 ? data[prev + i] : 0;
      const c = prev >= 0 && i >= bpp ? data[prev + i - bpp] : 0;
      let v = data[row + i];
      if (type === 1) v += a;
      else if (type === 2) v += b;
      else if (type === 3) v += (a + b) >> 1;
      else if (type === 4) v += paeth(a, b, c);
      else if (type !== 0) throw new Error(`PNG filter ${type} is invalid`);
      data[row + i] = v;
    }
    prev = row;
    at = row + rowBytes;
  }
  return at;
}

export function decodePng(bytes: Uint8Array): RgbaImage {
  if (!isPng(bytes)) throw new Error('not a PNG file');
  let at = 8;
  let width = 0;
  let height = 0;
  let depth = 0;
  let colour = 0;
  let interlace = 0;
  let palette: Uint8Array | null = null;
  let trns: Uint8Array | null = null;
  const idat: Uint8Array[] = [];
  while (at + 8 <= bytes.length) {
    const len = u32(bytes, at);
    const type = String.fromCharCode(bytes[at + 4], bytes[at + 5], bytes[at + 6], bytes[at + 7]);
    const body = bytes.subarray(at + 8, at + 8 + len);
    if (body.length < len) throw new Error('PNG chunk is truncated');
    if (type === 'IHDR') {
      width = u32(body, 0);
      height = u32(body, 4);
      depth = body[8];
      colour = body[9];
      interlace = body[12];
    } else if (type === 'PLTE') palette = body;
    else if (type === 'tRNS') trns = body;
    else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    at += 12 + len;
  }
  checkSize(width, height);
  const channels = CHANNELS[colour];
  if (!channels || ![1, 2, 4, 8, 16].includes(depth)) throw new Error(`PNG colour type ${colour}/${depth} is not supported`);
  const joined = new Uint8Array(idat.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of idat) {
    joined.set(c, o);
    o += c.length;
  }
  const raw = unzlibSync(joined);
  const bitsPerPixel = channels * depth;
  const bpp = Math.max(1, bitsPerPixel >> 3);
  const out = new Uint8Array(width * height * 4);
  const sample = (row: number, x: number, ch: number): number => {
    if (depth === 8) return raw[row + x * channels + ch];
    if (depth === 16) return raw[row + (x * channels + ch) * 2];
    const bit = x * depth;
    return (raw[row + (bit >> 3)] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
  };
  const scale = depth < 8 && colour !== 3 ? 255 / ((1 << depth) - 1) : 1;
  const put = (px: number, row: number, x: number) => {
    const j = px * 4;
    if (colour === 3) {
      const i = sample(row, x, 0);
      if (!palette || i * 3 + 2 >= palette.length) throw new Error('PNG palette index is out of range');
      out[j] = palette[i * 3];
      out[j + 1] = palette[i * 3 + 1];
      out[j + 2] = palette[i * 3 + 2];
      out[j + 3] = trns && i < trns.length ? trns[i] : 255;
    } else if (colour === 0 || colour === 4) {
      const v = Math.round(sample(row, x, 0) * scale);
      out[j] = out[j + 1] = out[j + 2] = v;
      out[j + 3] = colour === 4 ? sample(row, x, 1) : 255;
    } else {
      out[j] = sample(row, x, 0);
      out[j + 1] = sample(row, x, 1);
      out[j + 2] = sample(row, x, 2);
      out[j + 3] = colour === 6 ? sample(row, x, 3) : 255;
    }
  };
  let pos = 0;
  const passes = interlace ? ADAM7 : [[0, 0, 1, 1]];
  for (const [x0, y0, dx, dy] of passes) {
    const pw = Math.ceil((width - x0) / dx);
    const ph = Math.ceil((height - y0) / dy);
    if (pw <= 0 || ph <= 0) continue;
    const rowBytes = Math.ceil((pw * bitsPerPixel) / 8);
    const start = pos;
    pos = unfilter(raw, pos, rowBytes, ph, bpp);
    for (let y = 0; y < ph; y++) {
      const row = start + y * (rowBytes + 1) + 1;
      for (let x = 0; x < pw; x++) put((y0 + y * dy) * width + x0 + x * dx, row, x);
    }
  }
  // transparent parts on white paper, as a viewer shows them
  for (let j = 0; j < out.length; j += 4) {
    const a = out[j + 3];
    if (a === 255) continue;
    for (let c = 0; c < 3; c++) out[j + c] = Math.round((out[j + c] * a + 255 * (255 - a)) / 255);
    out[j + 3] = 255;
  }
  return { width, height, data: out };
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, body.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(body, 8);
  dv.setUint32(8 + body.length, crc(out.subarray(4, 8 + body.length)));
  return out;
}

/** An RGB PNG (alpha dropped), or a grey one when `gray`: for the confirmation view and test material. */
export function encodePng(img: RgbaImage, gray = false): Uint8Array {
  const ch = gray ? 1 : 3;
  const raw = new Uint8Array((img.width * ch + 1) * img.height);
  for (let y = 0; y < img.height; y++) {
    const row = y * (img.width * ch + 1);
    raw[row] = 0;
    for (let x = 0; x < img.width; x++) {
      const s = (y * img.width + x) * 4;
      if (gray) raw[row + 1 + x] = img.data[s];
      else {
        raw[row + 1 + x * 3] = img.data[s];
        raw[row + 2 + x * 3] = img.data[s + 1];
        raw[row + 3 + x * 3] = img.data[s + 2];
      }
    }
  }
  const ihdr = new Uint8Array(13);
  const dv = new DataView(ihdr.buffer);
  dv.setUint32(0, img.width);
  dv.setUint32(4, img.height);
  ihdr[8] = 8;
  ihdr[9] = gray ? 0 : 2;
  const parts = [new Uint8Array(SIGNATURE), chunk('IHDR', ihdr), chunk('IDAT', zlibSync(raw, { level: 6 })), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
