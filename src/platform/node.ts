import { Buffer, isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';
import { crc32 as jsCrc32 } from '../workbook/adapters/crc32';
import { inflateWithin } from './inflateWithin';
import type { Platform } from './types';

/**
 * Below this size fflate inflates faster than node:zlib, whose every call builds a stream object: report files'
 * parts are mostly under 2 KB (npm run bench, "inflate" figures); a master's sheets are megabytes.
 */
const SMALL = 16 * 1024;

/** Node's own zlib and crypto. Never in a page bundle: webpack.config.js swaps this module for ./browser. */
export const platform: Platform = {
  inflateRaw(data, size, into) {
    if (size < SMALL) return inflateWithin(data, size, into);
    // A stream that inflates to more than declared fails here instead of filling memory.
    const out = zlib.inflateRawSync(data, { maxOutputLength: size });
    if (!into) return out;
    into.set(out);
    return into.subarray(0, out.length);
  },
  deflateRaw(data) {
    return zlib.deflateRawSync(data, { level: 1 });
  },
  // zlib.crc32 is Node ≥ 20.15 (engines allows any Node 20).
  crc32: typeof zlib.crc32 === 'function' ? (data) => zlib.crc32(data) : jsCrc32,
  sha256Hex(data) {
    return createHash('sha256').update(data).digest('hex');
  },
  decodeUtf8(data) {
    // Several times faster than a fatal TextDecoder in Node 20, which goes through ICU.
    if (!isUtf8(data)) throw new TypeError('The encoded data was not valid for encoding utf-8');
    return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
  },
  bytes(size) {
    return Buffer.alloc(size);
  },
};
