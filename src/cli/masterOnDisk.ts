import { promises as fs } from 'fs';

import { FileWorkbook } from '../workbook/adapters/memoryFile';
import type { ZipPackage } from '../platform/zip';
import type { WorkbookGrids } from '../workbook/grids';
import type { SheetPatch } from '../workbook/patches';
import { MasterOperations } from '../workflow/operations';
import { MasterSession } from '../workflow/session';
import { patchMasterFile } from './masterFile';
import { phase } from './phases';

export interface MasterOnDiskOptions {
  /** --dry-run: every write is planned and reported, none reaches the file. */
  dryRun?: boolean;
  /** The time stamp of a backup's name ("YYYY-MM-DD HH:MM:SS"). */
  stamp: () => string;
}

/**
 * The master file on disk as a MasterWorkbook, so the CLI runs merge and undo through the same command layer as
 * the add-in and the page (src/workflow/operations.ts). Reads are the file adapter's, over the bytes read by
 * readMasterFile (its checks and messages stay the CLI's); every write is patchMasterFile's: a backup in 备份/,
 * then the patched file written atomically (temp file + rename).
 */
export class MasterOnDisk extends FileWorkbook {
  /** The backup each write made, in order. */
  readonly backups: string[] = [];
  /** Grids already read from these bytes (given by the caller), so the session's first read parses nothing again. */
  private grids: WorkbookGrids | null;
  /** What the next write patches: the package readMasterFile inflated (once), then the bytes written. */
  private source: ZipPackage | Uint8Array;

  constructor(
    readonly path: string,
    file: { bytes: Uint8Array; grids?: WorkbookGrids; workbook?: ZipPackage | Uint8Array },
    private readonly options: MasterOnDiskOptions,
  ) {
    super(file.bytes);
    this.grids = file.grids ?? null;
    this.source = file.workbook ?? file.bytes;
  }

  override async readGrids(sheets?: readonly string[]): Promise<WorkbookGrids> {
    const grids = this.grids;
    // Sheets not read yet (the formula sheets readMasterFile skips) are read from the file.
    if (!grids || !sheets || sheets.some((n) => !grids.sheets.has(n) && grids.sheetNames.includes(n))) return super.readGrids(sheets);
    const names = grids.sheetNames.filter((n) => sheets.includes(n));
    return { sheetNames: names, sheets: new Map(names.map((n) => [n, grids.sheets.get(n)!])) };
  }

  override async render(): Promise<void> {
    throw new Error('MasterOnDisk does not create masters: init writes them with writeMasterFile.');
  }

  override async applyPatches(patches: readonly SheetPatch[]): Promise<void> {
    if (this.options.dryRun) return;
    phase('merge: reports read and merge planned');
    this.backups.push(await patchMasterFile(this.path, this.source, [...patches], this.options.stamp()));
    phase('merge: master patched, backed up and written');
    this.bytes = await fs.readFile(this.path);
    this.source = this.bytes;
    this.grids = null;
  }
}

/**
 * The command layer over a master file for one CLI command: read once (the grids readMasterFile parsed, when it
 * gives them), then merge or undo as the add-in does. One time for the whole command: its log rows, undo record
 * and backup name agree.
 */
export async function masterOnDisk(
  path: string,
  file: { bytes: Uint8Array; grids?: WorkbookGrids; workbook?: ZipPackage | Uint8Array },
  options: { dryRun?: boolean; time: string },
): Promise<{ master: MasterOperations; disk: MasterOnDisk }> {
  const clock = () => options.time;
  const disk = new MasterOnDisk(path, file, { dryRun: options.dryRun, stamp: clock });
  const master = new MasterOperations(new MasterSession(disk, clock), { source: 'cli', clock });
  await master.load();
  return { master, disk };
}
