#!/usr/bin/env node
/*
 * Draws the add-in icons into assets/icon-<size>.png: a blue rounded square with a white check mark.
 * A tiny PNG encoder (RGBA, 8 bit; deflate and CRC-32 from node:zlib, Node ≥ 20.15) and 8x8 supersampling for
 * smooth edges; no dependencies.
 * The output is deterministic: run `node scripts/make-icons.js` and commit the files.
 */
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const SIZES = [16, 32, 64, 80, 128];
const BLUE = [0x0f, 0x6c, 0xbd]; // Fluent brand blue (#0F6CBD)
const WHITE = [0xff, 0xff, 0xff];
const SAMPLES = 8;

// --- PNG encoding -----------------------------------------------------------------------------------------

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** rgba: Uint8Array of width*height*4 bytes, rows top to bottom. */
function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// --- Drawing (unit square coordinates 0..1) ---------------------------------------------------------------

function insideRoundedSquare(x, y, margin, radius) {
  const lo = margin + radius;
  const hi = 1 - margin - radius;
  if (x < margin || x > 1 - margin || y < margin || y > 1 - margin) return false;
  const cx = Math.min(Math.max(x, lo), hi);
  const cy = Math.min(Math.max(y, lo), hi);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

// The check mark: a polyline with round joins and caps.
const CHECK = [
  [0.27, 0.53],
  [0.43, 0.69],
  [0.74, 0.34],
];

function onCheck(x, y, halfWidth) {
  for (let i = 0; i + 1 < CHECK.length; i++) {
    if (distanceToSegment(x, y, CHECK[i], CHECK[i + 1]) <= halfWidth) return true;
  }
  return false;
}

function drawIcon(size) {
  // Small icons get a slightly bolder stroke and a smaller margin so the mark stays legible.
  const margin = size <= 16 ? 0.0 : 0.04;
  const radius = 0.2;
  const halfWidth = size <= 16 ? 0.085 : size <= 32 ? 0.075 : 0.065;
  const rgba = new Uint8Array(size * size * 4);
  const n = SAMPLES * SAMPLES;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) / size;
          const y = (py + (sy + 0.5) / SAMPLES) / size;
          if (!insideRoundedSquare(x, y, margin, radius)) continue;
          if (onCheck(x, y, halfWidth)) fg++;
          else bg++;
        }
      }
      const covered = bg + fg;
      const o = (py * size + px) * 4;
      if (covered === 0) continue; // transparent
      for (let c = 0; c < 3; c++) rgba[o + c] = Math.round((BLUE[c] * bg + WHITE[c] * fg) / covered);
      rgba[o + 3] = Math.round((255 * covered) / n);
    }
  }
  return encodePng(size, size, rgba);
}

function main() {
  const outDir = path.join(__dirname, '..', 'assets');
  fs.mkdirSync(outDir, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(outDir, `icon-${size}.png`);
    fs.writeFileSync(file, drawIcon(size));
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}

if (require.main === module) main();

module.exports = { encodePng, drawIcon, SIZES };
