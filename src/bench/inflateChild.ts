/**
 * `npm run bench`: inflates every deflated part of the given zip files once, in a fresh process, by one strategy
 * (node:zlib, fflate, or split by size as src/platform/node.ts does); prints the CPU ms it took. Cold, like a CLI run.
 *   node inflateChild.js zlib|fflate|split FILE...
 */
import { readFileSync } from 'fs';
import * as zlib from 'zlib';
import { inflateSync } from 'fflate';
import { platform } from '../platform/node';
import { ZipEntry, ZipPackage } from '../platform/zip';

const [strategy, ...files] = process.argv.slice(2);
const parts: ZipEntry[] = [];
for (const f of files) {
  try {
    parts.push(...ZipPackage.read(readFileSync(f)).entries.filter((e) => e.method === 8));
  } catch {
    // not a zip
  }
}
const inflate: (e: ZipEntry) => Uint8Array =
  strategy === 'zlib'
    ? (e) => zlib.inflateRawSync(e.data, { maxOutputLength: e.size + 1 })
    : strategy === 'fflate'
      ? (e) => inflateSync(e.data, { out: new Uint8Array(e.size) })
      : (e) => platform.inflateRaw(e.data, e.size);
const before = process.cpuUsage();
let bytes = 0;
for (const e of parts) bytes += inflate(e).length;
const used = process.cpuUsage(before);
process.stdout.write(JSON.stringify({ parts: parts.length, bytes, cpuMs: (used.user + used.system) / 1000 }));
