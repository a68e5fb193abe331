import { groupLine, unitsByCategory } from '../core/groups';
import { QuotaTable } from '../core/units';
import { STATUS_LABELS, Status, StatusReport, worstIndicator } from '../core/status';

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** `status` without --json: a short Chinese summary a coordinator can read in a terminal. */
export function statusText(report: StatusReport, table: QuotaTable): string {
  const lines: string[] = [];
  const { month, expectedRate } = report;
  lines.push(
    month === 0
      ? `${report.year}年度任务进度：尚未合并任何月份的报表（截至月份为空）。`
      : `${report.year}年度任务进度（截至 ${month} 月，应达进度 ${pct(expectedRate)}，预警带宽 ${(report.band * 100).toFixed(1)} 个百分点）`,
  );
  const count = (s: Status) => report.units.filter((u) => u.status === s).length;
  lines.push(
    `单位 ${report.units.length} 个：${STATUS_LABELS.ok} ${count('ok')}，${STATUS_LABELS.amber} ${count('amber')}，${STATUS_LABELS.red} ${count('red')}，无数据 ${count('none')}。`,
  );
  if (month >= 1) {
    const missing = new Set(report.missing);
    lines.push(`${month} 月未报送：${missing.size} 个单位${missing.size ? '：' : '。'}`);
    for (const g of unitsByCategory(table, missing)) lines.push(`  ${groupLine(g)}`);
  }
  const behind = report.units
    .filter((u) => u.status === 'red' || u.status === 'amber')
    .map((u) => ({ u, w: worstIndicator(u, table.indicators, expectedRate) }))
    .sort((a, b) => (a.w?.gap ?? 0) - (b.w?.gap ?? 0));
  if (behind.length) {
    lines.push(`落后于应达进度的单位（${behind.length} 个，按差距从大到小）：`);
    for (const { u, w } of behind) {
      const detail = w ? `${w.indicator.label} 完成率 ${pct(w.rate)}，差距 ${w.gap.toFixed(1)} 个百分点` : '';
      lines.push(`  [${STATUS_LABELS[u.status]}] ${u.id} ${u.name}：${detail}`);
    }
  }
  return lines.join('\n');
}
