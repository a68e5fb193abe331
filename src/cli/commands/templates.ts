import { existsSync, promises as fs } from 'fs';
import { join } from 'path';
import { buildTemplates, templatesZip } from '../../templates/reportTemplate';
import { UsageError, intOption, parse } from '../args';
import { MasterFileError, readMasterFile, writeFileAtomic } from '../masterFile';

/**
 * `templates FILE [--month M] --out DIR|FILE.zip [--force]`: one pre-filled 附件2 template per unit for month M
 * (default: 截至月份 + 1), into a folder or one .zip.
 */
export async function templates(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { month: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } });
  if (positionals.length !== 1) throw new UsageError('templates 需要一个主表文件，例如：templates 主表.xlsx --month 3 --out 模板/3月');
  const out = values.out as string | undefined;
  if (!out) throw new UsageError('templates 需要 --out 文件夹（或 .zip 文件），例如：--out 模板/3月');
  let month = intOption(values.month, '--month', 1, 12);
  const { model, problems } = await readMasterFile(positionals[0]);
  for (const p of problems) process.stderr.write(`注意：${p.message}\n`);
  if (month === undefined) {
    if (model.month >= 12) throw new UsageError('主表已合并到 12 月：请用 --month 指明模板的月份。');
    month = model.month + 1;
    process.stderr.write(`未指定 --month，按截至月份 + 1 生成 ${month} 月的模板。\n`);
  }
  const { year } = model.table;
  if (/\.zip$/i.test(out)) {
    if (existsSync(out) && !values.force) throw new UsageError(`${out} 已存在。如确实要覆盖，请加 --force。`);
    await writeFileAtomic(out, await templatesZip(model, month));
    process.stderr.write(`已生成 ${year}年${month}月的月报模板 ${model.table.units.length} 份，打包为 ${out}\n`);
    return;
  }
  const stat = await fs.stat(out).catch(() => null);
  if (stat && !stat.isDirectory()) throw new UsageError(`--out ${out} 已存在且不是文件夹。`);
  const files = await buildTemplates(model, month);
  const existing = files.filter((f) => existsSync(join(out, f.name)));
  if (existing.length && !values.force) {
    throw new UsageError(
      `${out} 中已有 ${existing.length} 个同名模板（如 ${existing[0].name}），其中可能有单位已填好的表。请换一个文件夹，或加 --force 覆盖。`,
    );
  }
  try {
    await fs.mkdir(out, { recursive: true });
    for (const f of files) await fs.writeFile(join(out, f.name), f.bytes);
  } catch (e) {
    throw new MasterFileError(`无法写入文件夹 ${out}：${(e as Error).message}`);
  }
  process.stderr.write(
    `已生成 ${year}年${month}月的月报模板 ${files.length} 份，保存在 ${out}。每个单位的名称、年度任务和上月累计已预填，单位只需填写黄色单元格。\n`,
  );
}
