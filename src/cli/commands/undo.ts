import { NothingToUndo, planUndo } from '../../workflow/undo';
import { UsageError, nowText, parse } from '../args';
import { patchMasterFile, readMasterFile } from '../masterFile';

export async function undo(args: string[]): Promise<void> {
  const { positionals } = parse(args, {});
  if (positionals.length !== 1) throw new UsageError('undo 需要一个主表文件，例如：undo 主表.xlsx');
  const file = await readMasterFile(positionals[0]);
  const time = nowText();
  let plan;
  try {
    plan = planUndo(file.model, time);
  } catch (e) {
    if (e instanceof NothingToUndo) {
      process.stderr.write(`${e.message}\n`);
      return;
    }
    throw e;
  }
  const backup = await patchMasterFile(positionals[0], file.workbook, plan.patches, time);
  process.stderr.write(`撤销前的主表已备份为 ${backup}。\n`);
  process.stdout.write(`${plan.message}\n`);
}
