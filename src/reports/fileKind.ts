import { unzipSync } from 'fflate';
import { ZipPackage } from '../platform/zip';
import * as XLSX from 'xlsx';
import { FileType, UnreadableParams } from '../core/messages/findingParams';

import { LIMITS } from './limits';

/** What a file is, judged by its bytes (names and extensions lie: a PDF renamed .xlsx is still a PDF). */
export type FileKind =
  | { kind: 'workbook'; format: 'xlsx' | 'xlsb' | 'xls' | 'ods' }
  | { kind: 'text'; text: string; html: boolean }
  | { kind: 'notSpreadsheet'; type: FileType }
  | { kind: 'encrypted' }
  | { kind: 'unreadable'; problem: UnreadableParams };

/** What the bytes alone tell, without decoding text. */
export type BinaryKind = Exclude<FileKind, { kind: 'text' }>;

export { LIMITS };

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);

function sniffImageOrDocument(b: Uint8Array): FileType | null {
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47])) return 'png';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(b, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (startsWith(b, [0x42, 0x4d]) && b.length > 26 && b[14] >= 12 && b[14] <= 124 && b[15] === 0) return 'bmp';
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  if (startsWith(b, [0x66, 0x74, 0x79, 0x70], 4)) return 'heic';
  if (startsWith(b, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return 'rtf';
  return null;
}

const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;

/**
 * Whether a zip's central directory marks any entry encrypted (general-purpose flag bit 0). fflate ignores
 * the flag, and SheetJS throws an English "Unsupported ZIP encryption": the file is ENCRYPTED, said in Chinese.
 */
function zipEncrypted(b: Uint8Array): boolean {
  for (let end = b.length - 22; end >= Math.max(0, b.length - 22 - 0xffff); end--) {
    if (u32(b, end) !== 0x06054b50) continue;
    const count = u16(b, end + 10);
    let p = u32(b, end + 16);
    for (let i = 0; i < count && p + 46 <= b.length && u32(b, p) === 0x02014b50; i++) {
      if (u16(b, p + 8) & 1) return true;
      p += 46 + u16(b, p + 28) + u16(b, p + 30) + u16(b, p + 32);
    }
    return false;
  }
  return false;
}

function sniffZip(b: Uint8Array): BinaryKind {
  const entries: Array<{ name: string; size: number; originalSize: number }> = [];
  try {
    // The filter sees each entry's header; returning false skips inflating it, so listing is cheap and bomb-safe.
    unzipSync(b, {
      filter: (f) => {
        entries.push({ name: f.name, size: f.size, originalSize: f.originalSize });
        return false;
      },
    });
  } catch {
    return { kind: 'unreadable', problem: { reason: 'damagedZip' } };
  }
  const total = entries.reduce((s, e) => s + e.originalSize, 0);
  const worst = entries.reduce((m, e) => Math.max(m, e.size > 0 ? e.originalSize / e.size : 0), 0);
  if (total > LIMITS.maxUnzippedBytes || (total > 1024 * 1024 && worst > LIMITS.maxRatio)) {
    return { kind: 'unreadable', problem: { reason: 'zipBomb', unzippedMb: Math.round(total / 1024 / 1024) } };
  }
  if (zipEncrypted(b)) return { kind: 'encrypted' };
  const has = (p: RegExp) => entries.some((e) => p.test(e.name));
  if (has(/^xl\/workbook\.xml$/)) return { kind: 'workbook', format: 'xlsx' };
  if (has(/^xl\/workbook\.bin$/)) return { kind: 'workbook', format: 'xlsb' };
  if (has(/^content\.xml$/) && has(/^mimetype$/)) {
    return { kind: 'workbook', format: 'ods' };
  }
  if (has(/^word\//)) return { kind: 'notSpreadsheet', type: 'docx' };
  if (has(/^ppt\//)) return { kind: 'notSpreadsheet', type: 'pptx' };
  return { kind: 'notSpreadsheet', type: 'zip' };
}

function sniffCfb(b: Uint8Array): BinaryKind {
  let names: string[];
  try {
    names = XLSX.CFB.read(b, { type: 'array' }).FullPaths.map((p: string) => p.replace(/\/$/, '').split('/').pop() ?? '');
  } catch {
    return { kind: 'unreadable', problem: { reason: 'damagedStructure' } };
  }
  if (names.includes('EncryptionInfo') || names.includes('EncryptedPackage')) return { kind: 'encrypted' };
  if (names.includes('Workbook') || names.includes('Book')) return { kind: 'workbook', format: 'xls' };
  if (names.includes('WordDocument')) return { kind: 'notSpreadsheet', type: 'doc' };
  if (names.includes('PowerPoint Document')) return { kind: 'notSpreadsheet', type: 'ppt' };
  return { kind: 'unreadable', problem: { reason: 'unknownOffice' } };
}

/** Text by its bytes: BOM, else strict UTF-8, else GB18030 (what Chinese Windows and WPS save CSV as). */
export function decodeText(b: Uint8Array): string {
  if (startsWith(b, [0xef, 0xbb, 0xbf])) return new TextDecoder('utf-8').decode(b.subarray(3));
  if (startsWith(b, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(b.subarray(2));
  if (startsWith(b, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(b.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return new TextDecoder('gb18030').decode(b);
  }
}

/** A file over LIMITS.maxBytes, by its size. */
export function tooLarge(size: number): UnreadableParams {
  return { reason: 'tooLarge', sizeMb: Math.round((size / 1024 / 1024) * 10) / 10, limitMb: LIMITS.maxBytes / 1024 / 1024 };
}

/**
 * What a file is when its bytes alone say it (empty, too large, an image or document, a zip or OLE container, unknown
 * binary), with the size, zip-bomb and encryption checks; null for text (CSV, HTML), which only decoding tells.
 * Cheap: nothing is inflated or decoded.
 */
export function sniffBinary(b: Uint8Array): BinaryKind | null {
  if (b.length === 0) return { kind: 'unreadable', problem: { reason: 'empty' } };
  if (b.length > LIMITS.maxBytes) return { kind: 'unreadable', problem: tooLarge(b.length) };
  const doc = sniffImageOrDocument(b);
  if (doc) return { kind: 'notSpreadsheet', type: doc };
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06])) return sniffZip(b);
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return sniffCfb(b);
  if (b.subarray(0, 4096).includes(0)) return { kind: 'unreadable', problem: { reason: 'unknownBinary' } };
  return null;
}

export function sniffFile(b: Uint8Array): FileKind {
  const binary = sniffBinary(b);
  if (binary) return binary;
  const text = decodeText(b);
  const html = /^\s*(<!doctype\s+html|<html|<table|<\?xml[^>]*>\s*<html)/i.test(text.slice(0, 2048)) || /<table[\s>]/i.test(text.slice(0, 4096));
  return { kind: 'text', text, html };
}

/**
 * A zip's entries inflated (node:zlib or fflate, src/platform), stored again without compression, for SheetJS to
 * parse. SheetJS's own inflater can loop forever on a corrupt deflate stream (found by fuzzing); these fail fast
 * instead, so a damaged file becomes UNREADABLE rather than a hung merge. Sizes were checked by sniffZip first.
 */
export function restoreZip(bytes: Uint8Array): Uint8Array | null {
  try {
    return ZipPackage.read(bytes, { verifyCrc: false }).stored();
  } catch {
    return null;
  }
}
