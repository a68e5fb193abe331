import { platform } from './index';

/**
 * Zip packages (.xlsx and friends) over the platform's inflate, deflate and CRC-32. Entries keep their original
 * compressed bytes until something needs their content; contents are inflated once and remembered, so a
 * master read by SheetJS and then patched is inflated only once.
 */

export interface ZipEntry {
  name: string;
  nameBytes: Uint8Array;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  compressedSize: number;
  size: number;
  versionMadeBy: number;
  versionNeeded: number;
  internalAttrs: number;
  externalAttrs: number;
  comment: Uint8Array;
  /** The compressed data inside the original file. */
  data: Uint8Array;
}

export class ZipFormatError extends Error {}

const UTF8_NAMES = new TextDecoder('utf-8');
const LATIN1_NAMES = new TextDecoder('latin1');

function readEntries(bytes: Uint8Array): { entries: ZipEntry[]; comment: Uint8Array } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number) => view.getUint16(o, true);
  const u32 = (o: number) => view.getUint32(o, true);
  const u64 = (o: number) => {
    const v = u32(o) + u32(o + 4) * 0x1_0000_0000;
    if (!Number.isSafeInteger(v)) throw new ZipFormatError('zip64 大小超出范围');
    return v;
  };
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (u32(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('找不到 zip 目录');
  let count = u16(eocd + 10);
  let cdOffset = u32(eocd + 16);
  const comment = bytes.slice(eocd + 22, eocd + 22 + u16(eocd + 20));
  if ((count === 0xffff || cdOffset === 0xffffffff) && eocd >= 20 && u32(eocd - 20) === 0x07064b50) {
    const z = u64(eocd - 12);
    if (u32(z) !== 0x06064b50) throw new ZipFormatError('zip64 目录无效');
    count = u64(z + 32);
    cdOffset = u64(z + 48);
  }
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || u32(p) !== 0x02014b50) throw new ZipFormatError('zip 目录项无效');
    const flags = u16(p + 8);
    const nameLen = u16(p + 28);
    const extraLen = u16(p + 30);
    const commentLen = u16(p + 32);
    let compressedSize = u32(p + 20);
    let size = u32(p + 24);
    let offset = u32(p + 42);
    const nameBytes = bytes.slice(p + 46, p + 46 + nameLen);
    // zip64 extended information: present fields follow in this order when the 32-bit field is 0xFFFFFFFF.
    for (let e = p + 46 + nameLen; e + 4 <= p + 46 + nameLen + extraLen; e += 4 + u16(e + 2)) {
      if (u16(e) !== 0x0001) continue;
      let q = e + 4;
      if (size === 0xffffffff) {
        size = u64(q);
        q += 8;
      }
      if (compressedSize === 0xffffffff) {
        compressedSize = u64(q);
        q += 8;
      }
      if (offset === 0xffffffff) offset = u64(q);
    }
    if (flags & 1) throw new ZipFormatError('文件已加密');
    if (offset + 30 > bytes.length || u32(offset) !== 0x04034b50) throw new ZipFormatError('zip 本地文件头无效');
    const dataStart = offset + 30 + u16(offset + 26) + u16(offset + 28);
    if (dataStart + compressedSize > bytes.length) throw new ZipFormatError('zip 数据不完整');
    entries.push({
      name: (flags & 0x800 ? UTF8_NAMES : LATIN1_NAMES).decode(nameBytes),
      nameBytes,
      flags,
      method: u16(p + 10),
      time: u16(p + 12),
      date: u16(p + 14),
      crc: u32(p + 16),
      compressedSize,
      size,
      versionMadeBy: u16(p + 4),
      versionNeeded: u16(p + 6),
      internalAttrs: u16(p + 36),
      externalAttrs: u32(p + 38),
      comment: bytes.slice(p + 46 + nameLen + extraLen, p + 46 + nameLen + extraLen + commentLen),
      data: bytes.subarray(dataStart, dataStart + compressedSize),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { entries, comment };
}

/** A zip entry with new content: deflated, no data descriptor, no extra fields; name, dates and attributes kept. */
export function deflatedEntry(e: ZipEntry, content: Uint8Array): ZipEntry {
  const data = platform.deflateRaw(content);
  return { ...e, flags: e.flags & 0x800, method: 8, crc: platform.crc32(content), compressedSize: data.length, size: content.length, versionNeeded: 20, data };
}

/** The same entry stored without compression, for SheetJS (which does not check CRCs): the CRC field is kept as read. */
function storedEntry(e: ZipEntry): ZipEntry {
  return { ...e, flags: e.flags & 0x800, method: 0, compressedSize: e.size, versionNeeded: 20 };
}

const versionNeeded = (e: ZipEntry) => (e.method === 0 || e.method === 8 ? Math.min(e.versionNeeded, 20) : e.versionNeeded);

/** The fields a local header and its central-directory record share, in the same order (version needed … name length). */
function writeCommonFields(view: DataView, at: number, e: ZipEntry): void {
  view.setUint16(at, versionNeeded(e), true);
  view.setUint16(at + 2, e.flags & ~0x8, true);
  view.setUint16(at + 4, e.method, true);
  view.setUint16(at + 6, e.time, true);
  view.setUint16(at + 8, e.date, true);
  view.setUint32(at + 10, e.crc, true);
  view.setUint32(at + 14, e.compressedSize, true);
  view.setUint32(at + 18, e.size, true);
  view.setUint16(at + 22, e.nameBytes.length, true);
}

/**
 * A zip of these entries. Each entry's data is its `data`, or what `fill` writes at its place in the new file
 * (compressedSize bytes; the byte after them may be used as scratch: the next header overwrites it).
 */
export function writeZip(entries: ZipEntry[], comment: Uint8Array, fill?: (k: number, out: Uint8Array, at: number) => void): Uint8Array {
  let total = 22 + comment.length;
  for (const e of entries) total += 30 + e.nameBytes.length + e.compressedSize + 46 + e.nameBytes.length + e.comment.length;
  if (total > 0xffffffff || entries.length > 0xffff) throw new ZipFormatError('工作簿太大（超过 4 GB）');
  const out = platform.bytes(total);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const offsets: number[] = [];
  let p = 0;
  entries.forEach((e, k) => {
    offsets.push(p);
    view.setUint32(p, 0x04034b50, true);
    writeCommonFields(view, p + 4, e);
    view.setUint16(p + 28, 0, true);
    out.set(e.nameBytes, p + 30);
    if (fill) fill(k, out, p + 30 + e.nameBytes.length);
    else out.set(e.data, p + 30 + e.nameBytes.length);
    p += 30 + e.nameBytes.length + e.compressedSize;
  });
  const cdStart = p;
  entries.forEach((e, k) => {
    view.setUint32(p, 0x02014b50, true);
    view.setUint16(p + 4, e.versionMadeBy, true);
    writeCommonFields(view, p + 6, e);
    view.setUint16(p + 30, 0, true);
    view.setUint16(p + 32, e.comment.length, true);
    view.setUint16(p + 34, 0, true);
    view.setUint16(p + 36, e.internalAttrs, true);
    view.setUint32(p + 38, e.externalAttrs, true);
    view.setUint32(p + 42, offsets[k], true);
    out.set(e.nameBytes, p + 46);
    out.set(e.comment, p + 46 + e.nameBytes.length);
    p += 46 + e.nameBytes.length + e.comment.length;
  });
  view.setUint32(p, 0x06054b50, true);
  view.setUint16(p + 8, entries.length, true);
  view.setUint16(p + 10, entries.length, true);
  view.setUint32(p + 12, p - cdStart, true);
  view.setUint32(p + 16, cdStart, true);
  view.setUint16(p + 20, comment.length, true);
  out.set(comment, p + 22);
  return out;
}

export interface ZipReadOptions {
  /**
   * Check each inflated entry against its CRC-32 (default). Off only where the old reader (fflate's unzipSync,
   * which does not check) must be matched exactly: report files.
   */
  verifyCrc?: boolean;
}

/** A zip as read: its entries, each inflated at most once. */
export class ZipPackage {
  private readonly contents = new Map<ZipEntry, Uint8Array>();
  /** stored()'s result: its parts are the contents (views into it), so keeping it costs no memory. */
  private storedZip: Uint8Array | null = null;

  private constructor(
    /** The file as read (the entries' compressed data are views into it). */
    readonly bytes: Uint8Array,
    readonly entries: ZipEntry[],
    readonly comment: Uint8Array,
    private readonly verifyCrc: boolean,
  ) {}

  /** Throws ZipFormatError (or RangeError on a truncated file) for what is not a readable zip. */
  static read(bytes: Uint8Array, options: ZipReadOptions = {}): ZipPackage {
    const { entries, comment } = readEntries(bytes);
    return new ZipPackage(bytes, entries, comment, options.verifyCrc !== false);
  }

  /** The entry's content; throws ZipFormatError when it cannot be inflated or (verifyCrc) fails its CRC. */
  content(e: ZipEntry): Uint8Array {
    const known = this.contents.get(e);
    if (known) return known;
    const out = this.inflate(e);
    this.contents.set(e, out);
    return out;
  }

  /** Lets go of an entry's inflated content (its owner has what it needs): read again, it is inflated again. */
  forget(e: ZipEntry): void {
    this.contents.delete(e);
  }

  /** Inflates (into `into`, when given: room for size + 1 bytes) and checks an entry. */
  private inflate(e: ZipEntry, into?: Uint8Array): Uint8Array {
    let out: Uint8Array;
    if (e.method === 0) {
      out = e.data;
      if (into && out.length === e.size) into.set(out);
    } else if (e.method === 8) {
      try {
        out = platform.inflateRaw(e.data, e.size, into);
      } catch (err) {
        throw new ZipFormatError(`${e.name} 数据损坏（${(err as Error).message}）`);
      }
    } else throw new ZipFormatError(`${e.name} 使用了不支持的压缩方法 ${e.method}`);
    if (out.length !== e.size) throw new ZipFormatError(`${e.name} 数据损坏（长度与目录不符）`);
    if (this.verifyCrc && platform.crc32(out) !== e.crc) throw new ZipFormatError(`${e.name} 数据损坏（CRC 校验失败）`);
    return out;
  }

  /**
   * Every entry inflated and stored again without compression: what SheetJS parses fastest, and never with its
   * own inflater (which can loop forever on a corrupt stream). Parts not read yet are inflated straight into the
   * new file, and remembered as views of it. A name that occurs twice keeps its first place and its last content,
   * as fflate's unzipSync gave it.
   */
  stored(): Uint8Array {
    if (this.storedZip) return this.storedZip;
    const last = new Map<string, ZipEntry>();
    for (const e of this.entries) last.set(e.name, e);
    const chosen: ZipEntry[] = [];
    for (const e of this.entries) {
      const c = last.get(e.name);
      if (!c) continue;
      last.delete(e.name);
      chosen.push(c);
    }
    let fresh = true;
    const zip = writeZip(chosen.map(storedEntry), this.comment, (k, out, at) => {
      const e = chosen[k];
      const known = this.contents.get(e);
      if (known) {
        out.set(known, at);
        fresh = false;
      } else this.contents.set(e, this.inflate(e, out.subarray(at, at + e.size + 1)).subarray(0, e.size));
    });
    // Kept only when every part lives in it (nothing was inflated before): then it holds no copy of anything.
    if (fresh) this.storedZip = zip;
    return zip;
  }
}
