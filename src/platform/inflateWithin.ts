import { inflateSync } from 'fflate';

/**
 * fflate's inflate into a buffer one byte longer than the declared size: it never allocates more, and a stream
 * that fills that extra byte holds more than declared (a damaged or hostile file), which is refused.
 */
export function inflateWithin(data: Uint8Array, size: number): Uint8Array {
  // fflate hands an empty input back as the buffer itself.
  if (data.length === 0) {
    if (size === 0) return new Uint8Array(0);
    throw new Error('压缩数据是空的');
  }
  const out = inflateSync(data, { out: new Uint8Array(size + 1) });
  if (out.length > size) throw new Error('解压后的数据比声明的长');
  return out;
}
