import { labelWithUnit } from '../core/indicators';
import { ImportFacts, QuotaImport } from './importTable';

/**
 * What the importer understood, in Chinese lines for the coordinator (init prints them on stderr): the year and the
 * keeper with where each came from, the indicators with their parents and units, the categories with their unit
 * counts, the 合计 check, and the changes against the previous table, counted and abbreviated.
 */

const n = (x: number) => x.toLocaleString('en-US');

/** "改名 3 个：…" with at most `limit` items listed: a table of thousands of units gives one short line. */
export function changeLines(changes: QuotaImport['changes'], limit = 10): string[] {
  const line = (what: string, items: readonly string[]) => {
    if (!items.length) return null;
    const shown = items.slice(0, limit).join('；');
    return `${what} ${n(items.length)} 个：${shown}${items.length > limit ? `；……（共 ${n(items.length)} 个，只列出前 ${limit} 个）` : ''}`;
  };
  return [line('改名', changes.renamed), line('新增', changes.added), line('不再列入', changes.dropped)].filter((l): l is string => l !== null);
}

function from(what: ImportFacts['keeperFrom'] | ImportFacts['yearFrom']): string {
  if (what === 'option') return '按命令行指定';
  if (what === 'title') return '取自标题';
  if (what === 'previous') return '与上一年度任务表相同';
  return '';
}

export function describeImport(imp: QuotaImport, previous: { year: number; keeper: string }): string[] {
  const r = imp.read;
  if (!r) return [];
  const lines: string[] = [];
  if (r.sheet) lines.push(`读取的工作表：“${r.sheet}”`);
  if (r.title) lines.push(`标题：${r.title.trim().replace(/\s+/g, ' ')}`);
  if (r.year !== null) lines.push(`年度：${r.year}（${from(r.yearFrom)}）`);
  if (r.keeper) {
    const hint = r.keeperFrom === 'option' ? '' : '；如不对，请用 --keeper 指明';
    lines.push(`主表保管单位：${r.keeper}（${from(r.keeperFrom)}${hint}），向上级报送时的填报单位名称：${r.reportsAs}`);
  }
  lines.push(`指标 ${r.indicators.length} 项：`);
  r.indicators.forEach((ind, i) => {
    const parent = r.indicators.find((p) => p.key === ind.parent);
    const part = parent ? `，是“${parent.label}”的一部分（不能多于它）` : '';
    lines.push(`  ${i + 1}. ${labelWithUnit(ind)}${ind.unit ? '' : '（任务表未写计量单位）'}${part}；JSON 键 ${ind.key}`);
  });
  if (r.ignoredColumns.length) lines.push(`未作为指标的列：${r.ignoredColumns.map((c) => `“${c}”`).join('、')}`);
  const source = { column: '按“类别”列', sections: '按表中的分组标题', previous: `按上一年度（${previous.year} 年）任务表`, none: '' };
  if (r.categories.length) {
    lines.push(
      `单位 ${n(r.unitCount)} 个，分 ${r.categories.length} 类（${source[r.categorySource ?? 'none']}）：${r.categories.map((c) => `${c.label} ${n(c.units)} 个`).join('、')}`,
    );
  } else lines.push(`单位 ${n(r.unitCount)} 个，不分类别`);
  if (!r.total) lines.push('任务表没有合计行：未核对各列之和。');
  else {
    const bad = r.total.results.filter((t) => t.total !== null && t.total !== t.sum);
    const unchecked = r.total.results.filter((t) => t.total === null);
    const sums = r.total.results.map((t) => `${t.label} ${t.none ? '—' : n(t.sum)}`).join('、');
    if (imp.undecided.length) lines.push(`合计行（${r.total.where}）：类别未定，尚未核对。`);
    else if (bad.length)
      lines.push(`合计行（${r.total.where}）与各行之和不符：${bad.map((t) => `${t.label} 合计 ${n(t.total!)}，各行之和 ${n(t.sum)}`).join('；')}`);
    else
      lines.push(
        `合计行（${r.total.where}）与各行之和相符：${sums}${unchecked.length ? `（${unchecked.map((t) => t.label).join('、')}的合计是未保存结果的公式，未核对）` : ''}`,
      );
  }
  if (r.comparedWith) {
    const changes = changeLines(imp.changes);
    lines.push(`与 ${r.comparedWith.year} 年度任务表（${r.comparedWith.keeper}）相比：${changes.length ? '' : '单位名单没有变化'}`);
    for (const c of changes) lines.push(`  ${c}`);
  } else if (r.keeper && previous.keeper) {
    lines.push(`（这张任务表由${r.keeper}保管，与 ${previous.year} 年度的${previous.keeper}任务表不是同一张，不比较单位名单。）`);
  }
  for (const note of r.notes) lines.push(`注意：${note}`);
  return lines;
}
