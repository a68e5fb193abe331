import { CATEGORIES } from '../../core/units';
import { FINDING_TITLES } from '../../core/findings';
import { MergeJson, planMerge, readReportFiles } from '../../workflow/merge';
import { MasterModel } from '../../workbook/model';
import { UsageError, intOption, nowText, parse } from '../args';
import { patchMasterFile, readMasterFile } from '../masterFile';
import { collectReportFiles } from '../reportFiles';

export function mergeText(json: MergeJson, model: MasterModel): string {
  const lines: string[] = [];
  const warned = json.merged.filter((m) => m.warnings.length).length;
  lines.push(`${json.month} 月合并：已合并 ${json.merged.length} 份（其中 ${warned} 份有提示），未合并 ${json.rejected.length} 份，仍未报送 ${json.missing.length} 个单位。`);
  if (json.rejected.length) {
    lines.push('', '未合并（需要处理）：');
    for (const r of json.rejected) lines.push(`  [${FINDING_TITLES[r.code]}] ${r.message}`);
  }
  if (warned) {
    lines.push('', '已合并但请核对：');
    for (const m of json.merged) for (const w of m.warnings) lines.push(`  [${FINDING_TITLES[w.code]}] ${w.message}`);
  }
  if (json.missing.length) {
    lines.push('', `${json.month} 月仍未报送：`);
    const missing = new Set(json.missing);
    for (const c of CATEGORIES) {
      const names = model.table.units.filter((u) => u.category === c && missing.has(u.id)).map((u) => u.name);
      if (names.length) lines.push(`  ${c}（${names.length}）：${names.join('、')}`);
    }
  }
  return lines.join('\n');
}

export async function merge(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { month: { type: 'string' }, json: { type: 'boolean' }, 'dry-run': { type: 'boolean' } });
  const [master, ...paths] = positionals;
  if (!master || paths.length === 0) throw new UsageError('merge 需要主表文件和至少一个报表文件或文件夹，例如：merge 主表.xlsx --month 3 报表/3月');
  let month = intOption(values.month, '--month', 1, 12);
  const file = await readMasterFile(master);
  if (month === undefined) {
    if (file.model.month >= 12) throw new UsageError('主表已合并到 12 月：请用 --month 指明要合并的月份。');
    month = file.model.month + 1;
    process.stderr.write(`未指定 --month，按截至月份 + 1 合并 ${month} 月。\n`);
  }
  const { files, skipped } = await collectReportFiles(paths, master);
  for (const s of skipped) process.stderr.write(`已跳过：${s}\n`);
  const time = nowText();
  const plan = planMerge(file.model, month, readReportFiles(files), time);
  if (values['dry-run']) {
    process.stderr.write('试合并（--dry-run）：主表未做任何修改。\n');
  } else {
    const backup = await patchMasterFile(master, file.workbook, plan.patches, time);
    process.stderr.write(`已写入主表 ${master}（合并前的主表已备份为 ${backup}）。\n`);
  }
  process.stdout.write(values.json ? `${JSON.stringify(plan.json, null, 2)}\n` : `${mergeText(plan.json, plan.model)}\n`);
}
