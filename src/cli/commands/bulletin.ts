import { existsSync, promises as fs } from 'fs';
import { resolve } from 'path';
import { bulletinDocx } from '../../bulletin/bulletinDocx';
import { bulletinInput } from '../../bulletin/fromMaster';
import { loadResvgPng } from '../../bulletin/resvgPng';
import { UsageError, intOption, parse } from '../args';
import { readMasterFile, writeFileAtomic } from '../masterFile';

/** Paragraphs of a text file (UTF-8 or GB18030), split at blank lines or line breaks. */
async function paragraphs(path: string): Promise<string[]> {
  const bytes = await fs.readFile(path).catch(() => {
    throw new UsageError(`找不到“下一步工作要求”文本文件：${path}`);
  });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('gb18030').decode(bytes);
  }
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * `bulletin FILE [--month M] --out FILE.docx [--top N] [--requirements 文本.txt] [--force]`: the progress circular
 * (进度通报) of month M as a Word draft, written from the master. 五、下一步工作要求: the --requirements file, else the
 * text saved in the master (the pane's 设置), else the default draft.
 */
export async function bulletin(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, {
    month: { type: 'string' },
    out: { type: 'string' },
    top: { type: 'string' },
    requirements: { type: 'string' },
    force: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError('bulletin 需要一个主表文件，例如：bulletin 主表.xlsx --out 通报.docx');
  const out = values.out as string | undefined;
  if (!out) throw new UsageError('bulletin 需要 --out 文件（.docx），例如：--out 3月进度通报.docx');
  if (!/\.docx$/i.test(out)) throw new UsageError(`通报须保存为 .docx 文件：${out}`);
  if (resolve(out) === resolve(positionals[0])) throw new UsageError('--out 不能是主表本身。');
  if (existsSync(out) && !values.force) throw new UsageError(`${out} 已存在（可能已有您修改过的通报）。如确实要覆盖，请加 --force。`);
  const month = intOption(values.month, '--month', 1, 12);
  const topN = intOption(values.top, '--top', 1, 20);
  // Undefined: bulletinInput takes the master's saved text (配置), or the default.
  const requirements = values.requirements ? await paragraphs(values.requirements as string) : undefined;
  const { model, problems } = await readMasterFile(positionals[0]);
  for (const p of problems) process.stderr.write(`注意：${p.message}\n`);
  const m = month ?? model.month;
  if (m < 1) throw new UsageError('主表尚未合并任何月份：请用 --month 指明通报的月份。');
  // A month after 截至月份 has no data yet: its circular would call every unit behind.
  if (m > model.month) {
    throw new UsageError(
      `主表只合并到 ${model.month} 月（截至月份），${m} 月还没有数据，通报会把所有单位都列为滞后。请先合并 ${m} 月的报表，或用 --month ${model.month}。`,
    );
  }
  const renderPng = loadResvgPng();
  if (!renderPng) process.stderr.write('注意：本机无法绘制图表（缺少 @resvg/resvg-js 的本机组件），通报中不含图表，其余内容完整。\n');
  const bytes = await bulletinDocx(bulletinInput(model, m, { requirements }), { topN, renderPng: renderPng ?? undefined });
  await writeFileAtomic(out, bytes);
  process.stderr.write(
    `已写入进度通报（草稿）：${out}（${model.table.year}年1–${m}月，${model.table.keeper || model.table.reportsAs}）。请在 Word 或 WPS 中修改后印发。\n`,
  );
}
