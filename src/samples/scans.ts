import { zlibSync } from 'fflate';

import { crc32 } from '../workbook/adapters/crc32';
import { Rng } from './prng';

/**
 * Stand-ins for the scans and photos units send instead of a spreadsheet: small, valid files built
 * byte by byte (no image library), showing a grey page with table lines and a red "seal".
 */

function ascii(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A one-page PDF 1.4 with vector "scan" content; the xref offsets are exact. */
export function scanPdf(rng: Rng): Uint8Array {
  const skew = rng.range(-0.02, 0.02).toFixed(4);
  const ops: string[] = ['0.93 0.93 0.91 rg 0 0 595 842 re f', 'q', `1 ${skew} ${-Number(skew)} 1 40 60 cm`, '0.2 0.2 0.2 RG 0.8 w'];
  // the form's grid: 11 rows, 5 columns
  for (let i = 0; i <= 11; i++) ops.push(`30 ${640 - i * 40} m 500 ${640 - i * 40} l S`);
  for (const x of [30, 130, 222, 314, 406, 500]) ops.push(`${x} 640 m ${x} 200 l S`);
  // title and name lines as grey bars, a few "handwritten" strokes
  ops.push('0.3 0.3 0.3 rg 120 700 300 10 re f 30 670 200 8 re f');
  for (let i = 0; i < 6; i++) {
    const x = rng.int(140, 460);
    const y = rng.int(210, 620);
    ops.push(`${x} ${y} m ${x + rng.int(20, 60)} ${y + rng.int(-4, 4)} l S`);
  }
  ops.push('0.85 0.1 0.1 RG 2 w 330 690 m 390 690 l 390 750 l 330 750 l h S', 'Q');
  const content = ops.join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Producer (Scanner) /CreationDate (D:20230128093512+08'00') >>",
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) pdf += `${String(off).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return ascii(pdf);
}

function u32(n: number): Uint8Array {
  return new Uint8Array([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const td = concat([ascii(type), data]);
  return concat([u32(data.length), td, u32(crc32(td))]);
}

/** An 8-bit greyscale PNG "photo" of a form (grid lines on grey paper, a dark seal). */
export function scanPng(rng: Rng, width = 160, height = 120): Uint8Array {
  const raw = new Uint8Array((width + 1) * height);
  const tilt = rng.range(-0.05, 0.05);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const ys = y + Math.round(x * tilt);
      let v = 200 + Math.floor(rng.next() * 30); // paper with noise
      if (ys > 20 && ys < 110 && x > 10 && x < 150 && (ys % 9 === 0 || (x - 10) % 28 === 0)) v = 60;
      if (y > 6 && y < 12 && x > 40 && x < 120) v = 90; // title
      if ((x - 120) ** 2 + (y - 100) ** 2 < 90 && (x - 120) ** 2 + (y - 100) ** 2 > 50) v = 110; // seal
      raw[y * (width + 1) + 1 + x] = v;
    }
  }
  const ihdr = concat([u32(width), u32(height), new Uint8Array([8, 0, 0, 0, 0])]);
  return concat([
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlibSync(raw, { level: 0 })),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}
