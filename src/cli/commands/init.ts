import { existsSync, promises as fs } from 'fs';
import { embeddedQuota2023 } from '../../quota/embedded2023';
import { importQuotaFile } from '../../quota/importTable';
import { newMasterModel } from '../../workbook/model';
import { UsageError, intOption, parse } from '../args';
import { MasterFileError, openElsewhere, writeMasterFile } from '../masterFile';

export async function init(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, {
    out: { type: 'string' },
    year: { type: 'string' },
    quota: { type: 'string' },
    force: { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError(`init 不接受位置参数：${positionals.join(' ')}`);
  const out = values.out as string | undefined;
  if (!out) throw new UsageError('init 需要 --out 文件，例如：init --out 主表.xlsx');
  if (!/\.xlsx$/i.test(out)) throw new UsageError(`主表须保存为 .xlsx 文件：${out}`);
  const year = intOption(values.year, '--year', 2000, 2100);
  if (existsSync(out) && !values.force) throw new UsageError(`${out} 已存在。如确实要覆盖，请加 --force（原文件将被替换）。`);
  if (openElsewhere(out)) throw new MasterFileError(`主表 ${out} 正被其他程序打开，请先关闭再重试。`);
  const embedded = embeddedQuota2023();
  let table = embedded;
  if (values.quota) {
    if (!year) throw new UsageError('导入任务表（--quota）时须用 --year 指明年度。');
    // A workbook (.xlsx/.xls/.et/.ods), CSV, or text copied from the notice's PDF: told apart by content.
    const bytes = await fs.readFile(values.quota as string).catch(() => {
      throw new UsageError(`无法读取任务表文件：${values.quota}`);
    });
    const imported = importQuotaFile(bytes, year, `${values.quota}`, embedded);
    if (!imported.table) throw new UsageError(`任务表 ${values.quota} 无法导入：\n  ${imported.problems.join('\n  ')}`);
    table = imported.table;
    const { renamed, added, dropped } = imported.changes;
    if (renamed.length) process.stderr.write(`与 ${embedded.year} 年相比改名的单位：${renamed.join('；')}\n`);
    if (added.length) process.stderr.write(`新增单位：${added.join('；')}\n`);
    if (dropped.length) process.stderr.write(`不再列入的单位：${dropped.join('；')}\n`);
  } else if (year !== undefined && year !== embedded.year) {
    throw new UsageError(`内置的任务分配表是 ${embedded.year} 年的；新年度请用 --quota 导入该年的任务表。`);
  }
  await writeMasterFile(out, newMasterModel(table));
  process.stderr.write(`已新建主表：${out}（${table.year} 年度，${table.units.length} 个单位）\n`);
}
