import { promises as fs, readFileSync, realpathSync, statSync } from 'fs';
import { basename, join, resolve } from 'path';
import { LazyReportFile } from '../workflow/merge';
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
 * master itself. Nothing is read here: each file is read when the merge reaches it and let go after, so
 * memory does not grow with the number of files; files over the size limit are refused from their size.
 */
export async function collectReportFiles(paths: readonly string[], master: string): Promise<{ files: LazyReportFile[]; skipped: string[] }> {
  const found: string[] = [];
  for (const p of paths) {
    const stat = await fs.stat(p).catch(() => null);
    if (!stat) throw new UsageError(`找不到报表文件或文件夹：${p}`);
    if (stat.isDirectory()) await walk(p, found);
    else found.push(p);
  }
  const files: LazyReportFile[] = [];
  const skipped: string[] = [];
  const masterSize = statSync(master, { throwIfNoEntry: false })?.size;
  for (const p of found) {
    const size = statSync(p).size;
    // Only a file of the master's size can be the master: the real paths are compared for those alone.
    if ((masterSize === undefined || size === masterSize) && sameFile(p, master)) {
      skipped.push(`${p}（主表本身）`);
      continue;
    }
    if (isSkippedName(basename(p)) && !paths.includes(p)) continue;
    files.push({ name: p, size, read: () => readFileSync(p) });
  }
  return { files, skipped };
}
