import { existsSync, promises as fs } from 'fs';
import { basename, dirname, join } from 'path';
import { checkMasterBytes } from '../reports/masterBytes';
import { ZipPackage } from '../platform/zip';
import { WorkbookReadError, readWorkbook } from '../workbook/adapters/xlsxRead';
import { WorkbookPatchError, openPackage, patchWorkbook } from '../workbook/adapters/xlsxPatch';
import type { WorkbookGrids } from '../workbook/grids';
import { SHEET } from '../workbook/layout';
import { SheetPatch } from '../workbook/patches';
import { MasterModel } from '../workbook/model';
import { MasterFormatError, ReadMasterResult, readMaster } from '../workbook/readMaster';
import { MasterFileError } from './errors';
import { phase } from './phases';

export { MasterFileError };

export interface MasterFile extends ReadMasterResult {
  bytes: Uint8Array;
  /** What to patch: the package as read (its parts inflated once, for reading and patching), else the bytes. */
  workbook: ZipPackage | Uint8Array;
  /** The sheets read (all but the formula sheets), for the command layer's first read. */
  grids: WorkbookGrids;
}

/**
 * Sheets that are formulas over the others: readMaster never reads them back, and they are most of the file
 * (进度总览 and 报送情况: about 80 % of a 179-unit master's XML), so SheetJS does not parse them. The summary
 * sheet is named from the task table (全省汇总, 全市汇总, 汇总): should a ledger sheet ever be called so, the
 * master is read whole again (readMasterFile).
 */
const FORMULA_SHEETS: readonly string[] = [SHEET.overview, SHEET.reports];
const readBack = (sheet: string) => !FORMULA_SHEETS.includes(sheet) && !/^(全.{1,4})?汇总$/.test(sheet);

function readOwnSheets(workbook: ZipPackage | Uint8Array): ReadMasterResult & { grids: WorkbookGrids } {
  const some = readWorkbook(workbook, readBack);
  try {
    return { ...readMaster(some), grids: some };
  } catch (e) {
    if (!(e instanceof MasterFormatError)) throw e;
    const all = readWorkbook(workbook);
    return { ...readMaster(all), grids: all };
  }
}

/**
 * The master opened once for reading and patching, every part inflated (and checked against its CRC) here, so
 * SheetJS is given stored parts and never inflates. Bytes the zip reader refuses stay bytes: checkMasterBytes
 * then inflates them as a whole first (SheetJS's own inflater can loop on a corrupt stream).
 */
function open(bytes: Uint8Array): ZipPackage | Uint8Array {
  try {
    const pkg = openPackage(bytes);
    pkg.stored();
    return pkg;
  } catch {
    return bytes;
  }
}

export async function readMasterFile(path: string): Promise<MasterFile> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new MasterFileError(`找不到主表文件：${path}。请检查路径，或先用“init --out ${path}”新建主表。`);
    if (code === 'EISDIR') throw new MasterFileError(`${path} 是文件夹，不是主表文件（.xlsx）。`);
    if (code === 'EACCES' || code === 'EPERM') throw new MasterFileError(`没有权限读取主表文件：${path}。`);
    if (code === 'EBUSY') throw new MasterFileError(lockedMessage(path));
    throw new MasterFileError(`无法读取主表文件 ${path}：${(e as Error).message}`);
  }
  // Size, type, zip bomb and encryption from the bytes; whether every part inflates, from opening it (below).
  const problem = checkMasterBytes(path, bytes, { inflate: false });
  if (problem) throw new MasterFileError(problem);
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) {
    throw new MasterFileError(`${path} 不是 .xlsx 工作簿（文件已损坏，或是其他类型的文件）。请打开本工具生成的主表。`);
  }
  const workbook = open(bytes);
  if (!(workbook instanceof ZipPackage)) {
    const damaged = checkMasterBytes(path, bytes);
    if (damaged) throw new MasterFileError(damaged);
  }
  phase('master: bytes read and unzipped');
  try {
    return { ...readOwnSheets(workbook), bytes, workbook };
  } catch (e) {
    if (e instanceof MasterFormatError) throw new MasterFileError(`${path}：${e.message}`);
    if (e instanceof WorkbookReadError) throw new MasterFileError(`${path} 已损坏，无法读取：${e.message}。请用备份的主表替换。`);
    throw e;
  }
}

function lockedMessage(path: string): string {
  return `主表 ${path} 正被其他程序（Excel、WPS 或 LibreOffice）打开或锁定。请先关闭该文件再重试。`;
}

/** Lock files that Excel/WPS (~$name) and LibreOffice (.~lock.name#) leave beside an open workbook. */
export function openElsewhere(path: string): boolean {
  const dir = dirname(path);
  const name = basename(path);
  return existsSync(join(dir, `~$${name}`)) || existsSync(join(dir, `.~lock.${name}#`));
}

/**
 * Refuses, before anything is read, a master that cannot be written now: open in Excel/WPS/LibreOffice (their lock
 * files; on Windows the file itself refuses to open for writing) or read-only. A merge checks this first, so a
 * locked master is not found out only after every scan was read.
 */
export async function assertMasterWritable(path: string): Promise<void> {
  if (openElsewhere(path)) throw new MasterFileError(lockedMessage(path));
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(path, 'r+');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EBUSY') throw new MasterFileError(lockedMessage(path));
    if (code === 'EACCES' || code === 'EPERM') {
      throw new MasterFileError(`主表 ${path} 不能写入（文件为只读，或正被其他程序打开）。请关闭该文件、取消只读后重试。`);
    }
    // A missing file or folder: reading the master says so in its own words.
  } finally {
    await handle?.close();
  }
}

/** Write bytes to path atomically: a temp file in the same folder, then rename over the target. */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  if (openElsewhere(path)) throw new MasterFileError(lockedMessage(path));
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await fs.writeFile(temp, bytes);
    await fs.rename(temp, path);
  } catch (e) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') throw new MasterFileError(lockedMessage(path));
    if (code === 'ENOENT') throw new MasterFileError(`无法写入 ${path}：文件夹 ${dirname(path)} 不存在。`);
    throw new MasterFileError(`无法写入 ${path}：${(e as Error).message}`);
  }
}

/** Copy the master into 备份/ beside it, named by time, before anything writes it. Returns the copy's path. */
export async function backupMaster(path: string, stamp: string): Promise<string> {
  const dir = join(dirname(path), '备份');
  await fs.mkdir(dir, { recursive: true });
  const name = basename(path).replace(/\.xlsx$/i, '');
  const target = join(dir, `${name}-${stamp.replace(/[-: ]/g, '').replace(/^(\d{8})/, '$1-')}.xlsx`);
  await fs.copyFile(path, target).catch((e) => {
    throw new MasterFileError(`无法备份主表到 ${target}：${(e as Error).message}。为安全起见未做任何修改。`);
  });
  return target;
}

/**
 * Patch the master's cells in place (everything else in the file is kept), after a backup, atomically. `workbook`
 * is MasterFile.workbook (or the file's bytes).
 */
export async function patchMasterFile(path: string, workbook: ZipPackage | Uint8Array, patches: SheetPatch[], stamp: string): Promise<string> {
  let next: Uint8Array;
  try {
    // Formula cells get the results the patches carry (previews and Protected View show them); any other formula
    // (the coordinator's own) loses its cached result so that LibreOffice, which ignores fullCalcOnLoad in files
    // it saved itself, computes it from the new figures.
    next = patchWorkbook(workbook, patches, { clearCachedResults: true });
    phase('master: patched (zip written in memory)');
  } catch (e) {
    if (e instanceof WorkbookPatchError) throw new MasterFileError(`${path}：${e.message}`);
    throw e;
  }
  const backup = await backupMaster(path, stamp);
  await writeFileAtomic(path, next);
  return backup;
}

export async function writeMasterFile(path: string, model: MasterModel): Promise<void> {
  // ExcelJS and the layout's spec are loaded only here: merge, status and undo start faster without them.
  const { renderWorkbook } = await import('../workbook/adapters/xlsxRender');
  const { masterSpec } = await import('../workbook/masterSpec');
  await writeFileAtomic(path, await renderWorkbook(masterSpec(model)));
}
