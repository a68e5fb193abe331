import * as jpeg from 'jpeg-js';
import { decodePng, isPng } from './png';
import { MAX_PIXELS, RgbaImage, checkSize } from './raster';

/** File kinds the scan reader takes, by content (not by name). */
export function scanKind(bytes: Uint8Array): 'png' | 'jpeg' | 'pdf' | null {
  if (isPng(bytes)) return 'png';
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes('%PDF-') ? 'pdf' : null;
}

/** EXIF orientation (1–8) of a JPEG: phones store the picture sideways and say so here. */
export function exifOrientation(bytes: Uint8Array): number {
  let at = 2;
  while (at + 4 < bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1];
    const len = (bytes[at + 2] << 8) | bytes[at + 3];
    if (marker === 0xe1 && bytes[at + 4] === 0x45 && bytes[at + 5] === 0x78 && bytes[at + 6] === 0x69 && bytes[at + 7] === 0x66) {
      const tiff = at + 10;
      const little = bytes[tiff] === 0x49;
      const u16 = (p: number) => (little ? bytes[p] | (bytes[p + 1] << 8) : (bytes[p] << 8) | bytes[p + 1]);
      const u32 = (p: number) => (little ? u16(p) | (u16(p + 2) << 16) : (u16(p) << 16) | u16(p + 2)) >>> 0;
      const ifd = tiff + u32(tiff + 4);
      const count = ifd + 2 <= bytes.length ? u16(ifd) : 0;
      for (let i = 0; i < count; i++) {
        const entry = ifd + 2 + i * 12;
        if (entry + 12 > bytes.length) break;
        if (u16(entry) === 0x0112) return u16(entry + 8);
      }
      return 1;
    }
    if (marker === 0xda) break;
    at += 2 + len;
  }
  return 1;
}

/** Turns/mirrors an image as EXIF orientation `o` says, so it shows upright. */
export function orient(img: RgbaImage, o: number): RgbaImage {
  if (o <= 1 || o > 8) return img;
  const swap = o >= 5;
  const W = swap ? img.height : img.width;
  const H = swap ? img.width : img.height;
  const out = new Uint8Array(W * H * 4);
  const s32 = new Uint32Array(img.data.buffer, img.data.byteOffset, img.width * img.height);
  const d32 = new Uint32Array(out.buffer);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let sx: number;
      let sy: number;
      switch (o) {
        case 2:
          [sx, sy] = [img.width - 1 - x, y];
          break;
        case 3:
          [sx, sy] = [img.width - 1 - x, img.height - 1 - y];
          break;
        case 4:
          [sx, sy] = [x, img.height - 1 - y];
          break;
        case 5:
          [sx, sy] = [y, x];
          break;
        case 6:
          [sx, sy] = [y, img.height - 1 - x];
          break;
        case 7:
          [sx, sy] = [img.width - 1 - y, img.height - 1 - x];
          break;
        default:
          [sx, sy] = [img.width - 1 - y, x];
      }
      d32[y * W + x] = s32[sy * img.width + sx];
    }
  }
  return { width: W, height: H, data: out };
}

/** A PNG or JPEG as upright RGBA pixels. */
export function decodeImage(bytes: Uint8Array): RgbaImage {
  if (isPng(bytes)) return decodePng(bytes);
  const d = jpeg.decode(bytes, {
    useTArray: true,
    formatAsRGBA: true,
    maxResolutionInMP: MAX_PIXELS / 1e6,
    maxMemoryUsageInMB: 1024,
  });
  checkSize(d.width, d.height);
  const img: RgbaImage = { width: d.width, height: d.height, data: new Uint8Array(d.data.buffer, d.data.byteOffset, d.data.length) };
  return orient(img, exifOrientation(bytes));
}
