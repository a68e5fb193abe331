import { promises as fs, realpathSync } from 'fs';
import { basename, join, resolve } from 'path';
import { LIMITS } from '../reports/fileKind';
import { ReportFile } from '../workflow/merge';
import { UsageError } from './args';

/** Names never taken as reports: Office/WPS owner files, LibreOffice locks, hidden files. */
export function isSkippedName(name: string): boolean {
  return name.startsWith('~$') || name.startsWith('.~lock') || name.startsWith('.');
}

function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return resolve(a) === resolve(b);
  }
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (isSkippedName(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (e.isFile()) out.push(p);
  }
}

/**
 * The report files under the given paths (folders recursively), skipping lock and hidden files and the
 * master itself. Files over the size limit are not read into memory: they come back empty-handed with
 * their size so the reader refuses them.
 */
export async function collectReportFiles(paths: readonly string[], master: string): Promise<{ files: ReportFile[]; skipped: string[] }> {
  const found: string[] = [];
  for (const p of paths) {
    const stat = await fs.stat(p).catch(() => null);
    if (!stat) throw new UsageError(`找不到报表文件或文件夹：${p}`);
    if (stat.isDirectory()) await walk(p, found);
    else found.push(p);
  }
  const files: ReportFile[] = [];
  const skipped: string[] = [];
  for (const p of found) {
    if (sameFile(p, master)) {
      skipped.push(`${p}（主表本身）`);
      continue;
    }
    if (isSkippedName(basename(p)) && !paths.includes(p)) continue;
    const size = (await fs.stat(p)).size;
    // Oversized files are refused from their size alone, never read into memory.
    files.push(size > LIMITS.maxBytes ? { name: p, bytes: new Uint8Array(0), size } : { name: p, bytes: await fs.readFile(p) });
  }
  return { files, skipped };
}
