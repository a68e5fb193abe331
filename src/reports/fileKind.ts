import { unzipSync } from 'fflate';
import { ZipPackage } from '../platform/zip';
import * as XLSX from 'xlsx';

/** What a file is, judged by its bytes (names and extensions lie: a PDF renamed .xlsx is still a PDF). */
export type FileKind =
  | { kind: 'workbook'; format: 'xlsx' | 'xls' | 'ods' }
  | { kind: 'text'; text: string; html: boolean }
  | { kind: 'notSpreadsheet'; what: string }
  | { kind: 'encrypted' }
  | { kind: 'unreadable'; why: string };

export const LIMITS = {
  /** Larger files are refused before parsing: no monthly form is anywhere near this. */
  maxBytes: 20 * 1024 * 1024,
  /** Uncompressed size of a zip's entries together, and the worst compression ratio allowed (zip bombs). */
  maxUnzippedBytes: 200 * 1024 * 1024,
  maxRatio: 200,
  /** Rows read per sheet: the form fits in the first rows; this bounds the parse time of a huge sheet. */
  maxRows: 400,
  maxColumns: 60,
} as const;

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);

function sniffImageOrDocument(b: Uint8Array): string | null {
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46])) return 'PDF 文件';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47])) return 'PNG 图片';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'JPEG 图片';
  if (startsWith(b, [0x47, 0x49, 0x46, 0x38])) return 'GIF 图片';
  if (startsWith(b, [0x42, 0x4d]) && b.length > 26 && b[14] >= 12 && b[14] <= 124 && b[15] === 0) return 'BMP 图片';
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) return 'TIFF 图片';
  if (startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b, [0x57, 0x45, 0x42, 0x50], 8)) return 'WebP 图片';
  if (startsWith(b, [0x66, 0x74, 0x79, 0x70], 4)) return 'HEIC/HEIF 图片';
  if (startsWith(b, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return 'RTF 文档';
  return null;
}

function sniffZip(b: Uint8Array): FileKind {
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
    return { kind: 'unreadable', why: '压缩结构已损坏（文件可能不完整或下载中断）' };
  }
  const total = entries.reduce((s, e) => s + e.originalSize, 0);
  const worst = entries.reduce((m, e) => Math.max(m, e.size > 0 ? e.originalSize / e.size : 0), 0);
  if (total > LIMITS.maxUnzippedBytes || (total > 1024 * 1024 && worst > LIMITS.maxRatio)) {
    return { kind: 'unreadable', why: `解压后过大（${Math.round(total / 1024 / 1024)} MB），可能是恶意构造的压缩文件` };
  }
  const has = (p: RegExp) => entries.some((e) => p.test(e.name));
  if (has(/^xl\/workbook\.(xml|bin)$/)) return { kind: 'workbook', format: 'xlsx' };
  if (has(/^content\.xml$/) && has(/^mimetype$/)) {
    return { kind: 'workbook', format: 'ods' };
  }
  if (has(/^word\//)) return { kind: 'notSpreadsheet', what: 'Word 文档' };
  if (has(/^ppt\//)) return { kind: 'notSpreadsheet', what: 'PowerPoint 演示文稿' };
  return { kind: 'notSpreadsheet', what: '压缩包' };
}

function sniffCfb(b: Uint8Array): FileKind {
  let names: string[];
  try {
    names = XLSX.CFB.read(b, { type: 'array' }).FullPaths.map((p: string) => p.replace(/\/$/, '').split('/').pop() ?? '');
  } catch {
    return { kind: 'unreadable', why: '文件结构已损坏' };
  }
  if (names.includes('EncryptionInfo') || names.includes('EncryptedPackage')) return { kind: 'encrypted' };
  if (names.includes('Workbook') || names.includes('Book')) return { kind: 'workbook', format: 'xls' };
  if (names.includes('WordDocument')) return { kind: 'notSpreadsheet', what: 'Word 文档（.doc）' };
  if (names.includes('PowerPoint Document')) return { kind: 'notSpreadsheet', what: 'PowerPoint 演示文稿' };
  return { kind: 'unreadable', why: '无法识别的 Office 文件' };
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

export function sniffFile(b: Uint8Array): FileKind {
  if (b.length === 0) return { kind: 'unreadable', why: '文件是空的（0 字节）' };
  if (b.length > LIMITS.maxBytes) {
    return { kind: 'unreadable', why: `文件过大（${(b.length / 1024 / 1024).toFixed(1)} MB，上限 ${LIMITS.maxBytes / 1024 / 1024} MB）` };
  }
  const doc = sniffImageOrDocument(b);
  if (doc) return { kind: 'notSpreadsheet', what: doc };
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06])) return sniffZip(b);
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return sniffCfb(b);
  const head = b.subarray(0, 4096);
  if (head.includes(0)) return { kind: 'unreadable', why: '无法识别的二进制文件' };
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
