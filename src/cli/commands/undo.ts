import { NothingToUndo } from '../../workflow/undo';
import { UsageError, nowText, parse } from '../args';
import { readMasterFile } from '../masterFile';
import { masterOnDisk } from '../masterOnDisk';

export async function undo(args: string[]): Promise<void> {
  const { positionals } = parse(args, {});
  if (positionals.length !== 1) throw new UsageError('undo 需要一个主表文件，例如：undo 主表.xlsx');
  const { master, disk } = await masterOnDisk(positionals[0], await readMasterFile(positionals[0]), { time: nowText() });
  let message: string;
  try {
    message = await master.undo();
  } catch (e) {
    if (e instanceof NothingToUndo) {
      process.stderr.write(`${e.message}\n`);
      return;
    }
    throw e;
  }
  process.stderr.write(`撤销前的主表已备份为 ${disk.backups[0]}。\n`);
  process.stdout.write(`${message}\n`);
}
