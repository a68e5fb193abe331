/**
 * What the readers and the zip patcher need from the platform: raw deflate, CRC-32 and SHA-256. Node has them
 * built in (node:zlib, node:crypto, several times faster); the pages use fflate and @noble/hashes.
 */
export interface Platform {
  /**
   * Inflates a raw deflate stream expected to give `size` bytes; throws on a damaged stream or more output. With
   * `into` (room for size + 1 bytes, the last one scratch), the bytes are written there and a view of them returned.
   */
  inflateRaw(data: Uint8Array, size: number, into?: Uint8Array): Uint8Array;
  /** Raw deflate, favouring speed over size (only parts a patch rewrites go through it). */
  deflateRaw(data: Uint8Array): Uint8Array;
  /** CRC-32 (IEEE 802.3), as zip entries carry it. */
  crc32(data: Uint8Array): number;
  /** SHA-256 as 64 lowercase hex digits. */
  sha256Hex(data: Uint8Array): string;
  /** UTF-8 to text, strictly: throws on an invalid sequence. A byte-order mark is kept (U+FEFF). */
  decodeUtf8(data: Uint8Array): string;
  /**
   * A new zero-filled byte array. Node: a Buffer, on which SheetJS slices zip entries without copying them and
   * reads XML with Buffer#toString instead of a TextDecoder and a regular expression.
   */
  bytes(size: number): Uint8Array;
}
