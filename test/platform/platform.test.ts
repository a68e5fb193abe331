/**
 * The two platforms (src/platform): Node's (node:zlib, node:crypto) and the pages' (fflate, @noble/hashes) must
 * give the same bytes, digests and errors, so the CLI and the pages read and write the same files.
 */
import { createHash } from 'crypto';
import fc from 'fast-check';
import { deflateRawSync } from 'zlib';
import { platform as browser } from '../../src/platform/browser';
import { platform as node } from '../../src/platform/node';
import type { Platform } from '../../src/platform/types';

const PLATFORMS: Array<[string, Platform]> = [
  ['node', node],
  ['browser', browser],
];

/** `n` bytes that compress like sheet XML: repeated tags with varying numbers and some Chinese. */
function xmlLike(n: number): Uint8Array {
  let s = '';
  for (let i = 0; s.length < n; i++) s += `<c r="A${i}" s="3"><f>IF(说明!$B$6&lt;1,0,${i * 7})</f><v>${(i * 0.37).toFixed(3)}</v></c>`;
  return new TextEncoder().encode(s).subarray(0, n);
}

// Both sides of the size split in src/platform/node.ts (16 KiB), and empty.
const SIZES = [0, 1, 900, 16 * 1024 - 1, 16 * 1024, 300_000];

describe.each(PLATFORMS)('%s platform', (_name, p) => {
  test.each(SIZES)('inflates what zlib deflated (%i bytes)', (size) => {
    const data = xmlLike(size);
    expect(Buffer.from(p.inflateRaw(deflateRawSync(data), data.length)).equals(Buffer.from(data))).toBe(true);
  });

  test.each(SIZES)('its deflate inflates back on both platforms (%i bytes)', (size) => {
    const data = xmlLike(size);
    const packed = p.deflateRaw(data);
    for (const [, q] of PLATFORMS) expect(Buffer.from(q.inflateRaw(packed, data.length)).equals(Buffer.from(data))).toBe(true);
  });

  test.each(SIZES.filter((s) => s > 0))('refuses a stream that holds more than declared (%i bytes)', (size) => {
    expect(() => p.inflateRaw(deflateRawSync(xmlLike(size + 1)), size)).toThrow();
  });

  test('refuses a truncated or corrupt stream', () => {
    const packed = deflateRawSync(xmlLike(40_000));
    expect(() => p.inflateRaw(packed.subarray(0, packed.length >> 1), 40_000)).toThrow();
    expect(() => p.inflateRaw(new Uint8Array([0xff, 0xff, 0xff, 0xff]), 100)).toThrow();
  });

  test('CRC-32 as zip writes it (the check value of "123456789" is CBF43926)', () => {
    expect(p.crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(p.crc32(new Uint8Array(0))).toBe(0);
  });

  test('SHA-256 as node:crypto computes it', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), (bytes) => {
        expect(p.sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
      }),
      { numRuns: 200 },
    );
  });

  test('new byte arrays are zero-filled, of the size asked', () => {
    const b = p.bytes(1000);
    expect(b).toBeInstanceOf(Uint8Array);
    expect(b.length).toBe(1000);
    expect(b.every((x) => x === 0)).toBe(true);
  });

  test('decodes UTF-8 strictly and keeps a byte-order mark', () => {
    const text = '\uFEFF<t>任务分配 1+X证书 😀</t>';
    expect(p.decodeUtf8(new TextEncoder().encode(text))).toBe(text);
    expect(() => p.decodeUtf8(new Uint8Array([0x3c, 0xc3, 0x28]))).toThrow();
    expect(() => p.decodeUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toThrow(); // a lone surrogate, encoded
  });
});

test("Node's byte arrays are Buffers: SheetJS slices them without copying", () => {
  expect(Buffer.isBuffer(node.bytes(10))).toBe(true);
});

test('both platforms give the same CRC-32 and digest for any bytes', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 70_000 }), (bytes) => {
      expect(node.crc32(bytes)).toBe(browser.crc32(bytes));
      expect(node.sha256Hex(bytes)).toBe(browser.sha256Hex(bytes));
    }),
    { numRuns: 100 },
  );
});

test('both platforms decode the same text from any valid UTF-8 and refuse the same invalid bytes', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      const results = [node, browser].map((p) => {
        try {
          return p.decodeUtf8(bytes);
        } catch {
          return 'refused';
        }
      });
      expect(results[0]).toBe(results[1]);
    }),
    { numRuns: 2000 },
  );
});
