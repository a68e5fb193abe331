import type { ReadReportsResult } from '../core/report';
import type { ScanStage } from '../scan/types';
import type { ScanPageView } from '../scan/view';
import type { ReportFile } from '../workflow/merge';

/**
 * The import list's entries. Units send the template back under the same name (附件2.xlsx), so a name is not
 * an identity: every picked file is its own entry, and only the same file picked again (same name, size and
 * content) is left out. Each entry gets a name no other entry has, because the merge reports its results and
 * writes 合并日志 by file name.
 */

/** A file as picked, before it is read. */
export interface PickedFile {
  /** The folder-relative path when the browser gives one (a folder pick), else the file's name. */
  name: string;
  size: number;
  bytes: Uint8Array;
  /** SHA-256 of the bytes (hex). */
  sha256: string;
}

/** What reading one file gave; a scan's result also carries its pages for the 核对扫描件 view. */
export type FileRead = ReadReportsResult & { scanPages?: ScanPageView[] };

/** A file of the import list, with what reading it gave. */
export interface ImportFile {
  /** Identity of the entry (the pick), never reused in a page. */
  id: number;
  /** The file as the merge gets it: `file.name` is unique in the list. */
  file: ReportFile;
  read: FileRead;
  /** The name as picked (several entries may share it). */
  picked: string;
  sha256: string;
}

/** A new entry before reading: the name it will carry in the list, results and 合并日志. */
export interface ListedPick {
  id: number;
  pick: PickedFile;
  name: string;
}

export interface AddedPicks {
  added: ListedPick[];
  /** Names of files already in the list (or twice in this pick) with the same content: not added again. */
  again: string[];
}

/** How a second file of the same name is told apart: its pick, in the words of 合并日志 (kept in Chinese). */
export function pickSuffix(name: string, pick: number, n: number): string {
  return n <= 1 ? `${name}（第 ${pick} 次选择）` : `${name}（第 ${pick} 次选择，第 ${n} 个）`;
}

/**
 * The entries a pick adds to the list: each file unless an entry (or an earlier file of this pick) has the same
 * name, size and content. A file whose name is taken gets the pick's number after it (the extension stays
 * where it was for the reader; the unit is still found in the name when the form names none).
 */
export function addPicks(
  list: readonly Pick<ImportFile, 'file' | 'picked' | 'sha256'>[],
  picks: readonly PickedFile[],
  pick: number,
  nextId: number,
): AddedPicks {
  const added: ListedPick[] = [];
  const again: string[] = [];
  const taken = new Set(list.map((f) => f.file.name));
  const known = list.map((f) => ({ name: f.picked, size: f.file.size ?? f.file.bytes.length, sha256: f.sha256 }));
  for (const p of picks) {
    if (known.some((k) => k.name === p.name && k.size === p.size && k.sha256 === p.sha256)) {
      again.push(p.name);
      continue;
    }
    let name = p.name;
    for (let n = 1; taken.has(name); n++) name = pickSuffix(p.name, pick, n);
    taken.add(name);
    known.push({ name: p.name, size: p.size, sha256: p.sha256 });
    added.push({ id: nextId++, pick: p, name });
  }
  return { added, again: [...new Set(again)] };
}

/**
 * A scan or photo of the list while it is read (seconds a page, in the worker) or after the coordinator cancelled
 * that: it stays listed as 已取消 with a way to read it again, so nothing sent by a unit silently drops out.
 */
export interface PendingScan {
  id: number;
  file: ReportFile;
  picked: string;
  sha256: string;
  state: 'reading' | 'cancelled';
  /** Where its reading stands (null until the worker starts on it: files are read one after another). */
  progress: { page?: number; pages?: number; stage?: ScanStage } | null;
}

const STAGE_ORDER: readonly ScanStage[] = ['decode', 'pdf', 'clean', 'detect', 'recognize', 'layout'];

/** A scan's progress as a share of its reading: pages done plus how far the current page's stages are. */
export function scanShare(p: PendingScan['progress']): number | undefined {
  if (!p || !p.pages || !p.page) return undefined;
  const stage = p.stage ? STAGE_ORDER.indexOf(p.stage) : 0;
  return Math.min(1, (p.page - 1 + Math.max(0, stage) / STAGE_ORDER.length) / p.pages);
}

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((v, i) => b[at + i] === v);

/**
 * PDF, PNG or JPEG by their first bytes, as the reader tells them (src/reports/fileKind.ts): read as scans, page
 * by page with a bar and a cancel button, not as spreadsheets.
 */
export function isScanFile(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0x25, 0x50, 0x44, 0x46]) || startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || startsWith(bytes, [0xff, 0xd8, 0xff]);
}
