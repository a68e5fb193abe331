import { statusReport } from '../../core/status';
import { UsageError, intOption, parse } from '../args';
import { readMasterFile } from '../masterFile';
import { statusText } from '../statusText';

export async function status(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { month: { type: 'string' }, json: { type: 'boolean' } });
  if (positionals.length !== 1) throw new UsageError('status 需要一个主表文件，例如：status 主表.xlsx');
  const month = intOption(values.month, '--month', 1, 12);
  const { model, problems } = await readMasterFile(positionals[0]);
  for (const p of problems) process.stderr.write(`注意：${p.message}\n`);
  const report = statusReport(model.table, model.ledger, month ?? model.month, model.pace);
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${statusText(report, model.table)}\n`);
}
