import { resolve } from 'path';
import { filingDate } from '../../summary/filingDate';
import { provinceReportBytes } from '../../summary/provinceReport';
import { provinceSummary } from '../../summary/provinceSummary';
import { summaryText } from '../../summary/summaryText';
import { UsageError, intOption, parse } from '../args';
import { readMasterFile, writeFileAtomic } from '../masterFile';

/** `summary FILE [--month M] [--out FILE]`: the keeper's figures; --out writes its own 附件2 for the level above (the province's, a city's, a county's). */
export async function summary(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { month: { type: 'string' }, out: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('summary 需要一个主表文件，例如：summary 主表.xlsx --out 全省月报.xlsx');
  const month = intOption(values.month, '--month', 1, 12);
  const out = values.out as string | undefined;
  if (out !== undefined && !/\.xlsx$/i.test(out)) throw new UsageError(`月报须保存为 .xlsx 文件：${out}`);
  if (out !== undefined && resolve(out) === resolve(positionals[0])) throw new UsageError('--out 不能是主表本身。');
  const { model, problems } = await readMasterFile(positionals[0]);
  for (const p of problems) process.stderr.write(`注意：${p.message}\n`);
  const s = provinceSummary(model.table, model.ledger, month ?? model.month, model.pace);
  if (out !== undefined) {
    if (s.month < 1) throw new UsageError('主表尚未合并任何月份：请用 --month 指明要上报的月份。');
    const date = filingDate(s.year, s.month, new Date());
    await writeFileAtomic(out, await provinceReportBytes(s, model.table, date ? { date } : {}));
    if (!date) process.stderr.write(`注意：今天不在 ${s.year}年${s.month}月月报的报送期内，月报的填报时间留空，请填写实际报送日期。\n`);
    process.stderr.write(
      `已写入${s.province.label}月报：${out}（填报单位 ${model.table.keeper || model.table.reportsAs}，${s.year}年${s.month}月，附件2格式，另附“分类汇总”工作表）\n`,
    );
  }
  process.stdout.write(`${summaryText(s, model.table)}\n`);
}
