import { existsSync, promises as fs } from 'fs';
import { basename } from 'path';
import { QuotaTable } from '../../core/units';
import { describeImport } from '../../quota/describe';
import { embeddedQuota2023 } from '../../quota/embedded2023';
import { importQuotaFile } from '../../quota/importTable';
import { reportsAsOf } from '../../quota/title';
import { newMasterModel } from '../../workbook/model';
import { UsageError, intOption, parse } from '../args';
import { MasterFileError, openElsewhere, writeMasterFile } from '../masterFile';

/**
 * `init --out FILE [--quota FILE] [--year Y] [--keeper NAME] [--reports-as NAME] [--force]`: a new master from the
 * embedded 2023 table or from a task table of any year and level (its title gives the year and the keeper; the
 * options win). What was understood goes to stderr before anything is written.
 */
export async function init(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, {
    out: { type: 'string' },
    year: { type: 'string' },
    quota: { type: 'string' },
    keeper: { type: 'string' },
    'reports-as': { type: 'string' },
    force: { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError(`init 不接受位置参数：${positionals.join(' ')}`);
  const out = values.out as string | undefined;
  if (!out) throw new UsageError('init 需要 --out 文件，例如：init --out 主表.xlsx');
  if (!/\.xlsx$/i.test(out)) throw new UsageError(`主表须保存为 .xlsx 文件：${out}`);
  const year = intOption(values.year, '--year', 2000, 2100);
  const keeper = (values.keeper as string | undefined)?.trim();
  const reportsAs = (values['reports-as'] as string | undefined)?.trim();
  if (values.keeper !== undefined && !keeper) throw new UsageError('--keeper 需要单位名称，例如 --keeper 安阳市教育局');
  if (existsSync(out) && !values.force) throw new UsageError(`${out} 已存在。如确实要覆盖，请加 --force（原文件将被替换）。`);
  if (openElsewhere(out)) throw new MasterFileError(`主表 ${out} 正被其他程序打开，请先关闭再重试。`);
  const embedded = embeddedQuota2023();
  let table: QuotaTable = embedded;
  if (values.quota) {
    const file = values.quota as string;
    // A workbook (.xlsx/.xls/.et/.ods), CSV, or text copied from the notice's PDF: told apart by content.
    const bytes = await fs.readFile(file).catch(() => {
      throw new UsageError(`无法读取任务表文件：${file}`);
    });
    const imported = importQuotaFile(bytes, year ?? null, '', embedded, new Map(), { keeper, reportsAs });
    process.stderr.write(`任务表 ${file}：\n`);
    for (const line of describeImport(imported, embedded)) process.stderr.write(`  ${line}\n`);
    if (!imported.table) throw new UsageError(`任务表 ${file} 无法导入：\n  ${imported.problems.join('\n  ')}`);
    table = { ...imported.table, source: imported.table.source || basename(file) };
  } else {
    if (year !== undefined && year !== embedded.year) throw new UsageError(`内置的任务分配表是 ${embedded.year} 年的；新年度请用 --quota 导入该年的任务表。`);
    if (keeper) table = { ...embedded, keeper, reportsAs: reportsAs || reportsAsOf(keeper) };
  }
  await writeMasterFile(out, newMasterModel(table));
  process.stderr.write(
    `已新建主表：${out}（${table.year} 年度，${table.keeper}，${table.units.length.toLocaleString('en-US')} 个单位，${table.indicators.length} 项指标）\n`,
  );
}
