import { inflateSync } from 'fflate';

/**
 * fflate's inflate into a buffer one byte longer than the declared size (`into`, or a new one): it never allocates
 * more, and a stream that fills that extra byte holds more than declared (a damaged or hostile file): refused.
 */
export function inflateWithin(data: Uint8Array, size: number, into?: Uint8Array): Uint8Array {
  // fflate hands an empty input back as the buffer itself.
  if (data.length === 0) {
    if (size === 0) return new Uint8Array(0);
    throw new Error('压缩数据是空的');
  }
  const out = inflateSync(data, { out: into ? into.subarray(0, size + 1) : new Uint8Array(size + 1) });
  if (out.length > size) throw new Error('解压后的数据比声明的长');
  return out;
}
