import { groupLine, unitsByCategory } from '../core/groups';
import { STATUS_LABELS } from '../core/status';
import { QuotaTable } from '../core/units';
import { GroupIndicator, GroupSummary, ProvinceSummary } from './provinceSummary';

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const count = (v: number | null) => (v === null ? '—' : v.toLocaleString('en-US'));
const points = (v: number) => `${v >= 0 ? '+' : ''}${v.toFixed(1)}`;

function indicatorLine(label: string, unit: string, p: GroupIndicator): string {
  if (p.annual === 0 && p.cumulative === null && p.monthly === null) return `${label}：无此项任务`;
  const rate = p.rate === null ? '累计完成率 —' : `累计完成率 ${pct(p.rate)}（差距 ${points(p.gap!)} 个百分点）`;
  return `${label}：年度任务 ${count(p.annual)} ${unit}，当月完成 ${count(p.monthly)}，累计已完成 ${count(p.cumulative)}，${rate} [${STATUS_LABELS[p.status]}]`;
}

function groupHead(g: GroupSummary, month: number): string {
  const reported = month >= 1 ? `，${month} 月已报 ${g.reported}，未报 ${g.missing}` : '';
  return `${g.label}（${g.unitCount} 个单位${reported}；总体${STATUS_LABELS.red} ${g.red}，${STATUS_LABELS.amber} ${g.amber}）`;
}

/** `summary` without --out: the keeper's figures in Chinese, for a terminal or a message to the office. */
export function summaryText(s: ProvinceSummary, table: QuotaTable): string {
  const lines: string[] = [];
  const total = s.province.label;
  lines.push(
    s.month === 0
      ? `${s.year}年度${total}汇总：主表尚未合并任何月份的报表（截至月份为空），以下只有年度任务。`
      : `${s.year}年度${total}汇总（截至 ${s.month} 月，应达进度 ${pct(s.expectedRate)}，预警带宽 ${(s.band * 100).toFixed(1)} 个百分点）`,
  );
  lines.push(groupHead(s.province, s.month));
  for (const ind of table.indicators) lines.push(`  ${indicatorLine(ind.label, ind.unit, s.province.indicators[ind.key])}`);
  if (s.categories.length) lines.push('', '分类汇总：');
  for (const c of s.categories) {
    if (c.unitCount === 0) continue;
    lines.push(groupHead(c, s.month));
    for (const ind of table.indicators) lines.push(`  ${indicatorLine(ind.label, ind.unit, c.indicators[ind.key])}`);
  }
  if (s.missingIds.length) {
    lines.push('', `${s.month} 月未报送（${s.missingIds.length} 个单位）：`);
    for (const g of unitsByCategory(table, s.missingIds)) lines.push(`  ${groupLine(g)}`);
  }
  return lines.join('\n');
}
