/**
 * What the progress circular (进度通报) is written from: plain data, close to `status --json` (CONTRACT.md) and to
 * the province summary, plus what only the circular needs (who issues it, the late list, the closing text).
 * Indicators and categories are data: nothing here names one.
 */

/** As in `status --json`: `none` = no quota or no data. */
export type BulletinStatus = 'ok' | 'amber' | 'red' | 'none';

export interface BulletinIndicator {
  /** JSON key (`training`, `i5`, …): joins the per-indicator records below. */
  key: string;
  /** Label as the task table prints it, e.g. 培训任务, 其中高级工及以上. */
  label: string;
  /** Counting unit, e.g. 人次, 人. */
  unit: string;
  /** Key of the indicator this one is part of ("其中"), or null. */
  parent: string | null;
  /** Shorter label for the chart's legend and the annex header; defaults to `label`. */
  shortLabel?: string;
}

/** One unit on one indicator. `annual` null = "—" in the task table (no quota): never ranked, shown "—". */
export interface BulletinUnitFigures {
  annual: number | null;
  /** 累计已完成 as of the month (carried forward); null = no data. */
  cumulative: number | null;
  /** cumulative / annual, a fraction, unrounded; null without quota or data. */
  rate: number | null;
  status: BulletinStatus;
}

export interface BulletinUnit {
  /** 序号 in the task table. */
  id: number;
  name: string;
  /** One of `BulletinInput.categories`, or '' when the table has none. */
  category: string;
  /** Overall status: the worst indicator that has a quota. */
  status: BulletinStatus;
  /** Months the unit reported (any value in the ledger). */
  reported: number[];
  indicators: Record<string, BulletinUnitFigures>;
}

/** A group's figures on one indicator: the sums of its units. */
export interface BulletinGroupFigures {
  /** Sum of the yearly quotas ("—" counts as nothing). */
  annual: number;
  cumulative: number | null;
  rate: number | null;
  /** Expected cumulative fraction at the month. */
  expected: number;
  /** rate − expected, in percentage points; null when rate is null. */
  gap: number | null;
  status: BulletinStatus;
}

export interface BulletinGroup {
  /** 全省 / 全市 for the total, the category's label otherwise. */
  label: string;
  unitCount: number;
  reported: number;
  missing: number;
  red: number;
  amber: number;
  indicators: Record<string, BulletinGroupFigures>;
}

export interface BulletinLateUnit {
  id: number;
  /** Shown after the name in brackets, e.g. "5月8日报送". */
  note?: string;
}

export interface BulletinInput {
  /** The programme's name as quoted in the title, e.g. 人人持证、技能河南. */
  programme: string;
  /** Who keeps the master and issues the circular, e.g. 河南省教育厅, 安阳市教育局. */
  keeper: string;
  /** Addressees line (主送), e.g. "各省辖市教育局，各高等学校："; default "各有关单位：". */
  addressees?: string;
  /** The notice that set the tasks, e.g. 教办职成〔2023〕54号; quoted in the lead paragraph when given. */
  source?: string;
  /** Date line under the keeper's name, e.g. 2023年5月12日; default "YYYY年  月  日" to fill in. */
  issuedOn?: string;
  year: number;
  /** The month in view, 1–12: the circular covers 1–M月. */
  month: number;
  expectedRate: number;
  band: number;
  /** In the task table's order (1–8 of them; a "其中" indicator names its parent). */
  indicators: BulletinIndicator[];
  /** Ordered category labels; empty when the task table has none. */
  categories: string[];
  /** The keeper's totals (label 全省 or 全市). */
  total: BulletinGroup;
  /** One per category, in `categories` order (empty without categories). */
  byCategory: BulletinGroup[];
  units: BulletinUnit[];
  /** Ids of units that did not report month M. */
  missing: number[];
  /** Units whose report for month M came after the due day. */
  late: BulletinLateUnit[];
  /** 五、下一步工作要求: paragraphs; a default text is used when absent or empty. */
  requirements?: string[];
}

/** Problems that make an input unusable, in Chinese; empty when it is fine. */
export function bulletinInputProblems(input: BulletinInput): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(input.month) || input.month < 1 || input.month > 12) {
    problems.push(`通报月份 ${input.month} 须为 1–12 的整数（主表“截至月份”尚未设置时无法生成通报）。`);
  }
  if (input.indicators.length === 0) problems.push('任务表没有任何指标，无法生成通报。');
  const keys = new Set<string>();
  for (const ind of input.indicators) {
    if (keys.has(ind.key)) problems.push(`指标键 ${ind.key} 重复。`);
    keys.add(ind.key);
  }
  for (const ind of input.indicators) {
    if (ind.parent !== null && !keys.has(ind.parent)) problems.push(`指标“${ind.label}”的上级指标 ${ind.parent} 不存在。`);
  }
  const categories = new Set(input.categories);
  if (input.byCategory.length !== input.categories.length) {
    problems.push(`分类汇总有 ${input.byCategory.length} 组，类别却有 ${input.categories.length} 个。`);
  }
  for (const unit of input.units) {
    if (input.categories.length > 0 && !categories.has(unit.category)) {
      problems.push(`单位“${unit.name}”（序号 ${unit.id}）的类别“${unit.category}”不在类别列表中。`);
    }
  }
  return problems;
}
