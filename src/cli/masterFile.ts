import { existsSync, promises as fs } from 'fs';
import { basename, dirname, join } from 'path';
import { readWorkbook, renderWorkbook, WorkbookReadError } from '../workbook/adapters/xlsxFile';
import { masterSpec } from '../workbook/masterSpec';
import { MasterModel } from '../workbook/model';
import { MasterFormatError, ReadMasterResult, readMaster } from '../workbook/readMaster';

/** A problem with the master file itself; the CLI exits 2 with this Chinese message. */
export class MasterFileError extends Error {}

export async function readMasterFile(path: string): Promise<ReadMasterResult> {
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
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) {
    throw new MasterFileError(`${path} 不是 .xlsx 工作簿（文件已损坏，或是其他类型的文件）。请打开本工具生成的主表。`);
  }
  try {
    return readMaster(readWorkbook(bytes));
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

/** Write bytes to path atomically: a temp file in the same folder, then rename over the target. */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  if (openElsewhere(path)) throw new MasterFileError(lockedMessage(path));
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await fs.writeFile(temp, bytes);
    await fs.rename(temp, path);
  } catch (e) {
    await fs.rm(temp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') throw new MasterFileError(lockedMessage(path));
    if (code === 'ENOENT') throw new MasterFileError(`无法写入 ${path}：文件夹 ${dirname(path)} 不存在。`);
    throw new MasterFileError(`无法写入 ${path}：${(e as Error).message}`);
  }
}

export async function writeMasterFile(path: string, model: MasterModel): Promise<void> {
  await writeFileAtomic(path, await renderWorkbook(masterSpec(model)));
}
