/**
 * Indicators come from the task table (CONTRACT.md): label as printed, counting unit, optional parent (a "其中"
 * column is part of its parent and never exceeds it). Nothing in the code names a particular indicator except the
 * embedded 2023 table and its tests.
 */
export type IndicatorKey = string;

export interface Indicator {
  /** JSON key: the 2023 four keep theirs (training, certified, advanced, onePlusX); any other is "i" + column. */
  key: IndicatorKey;
  /** Label as the table prints it, without the counting unit. */
  label: string;
  /** Counting unit as printed: 人次, 人, …; '' when the table gives none. */
  unit: string;
  /** Key of the indicator this one is part of ("其中…"); null for a top-level indicator. */
  parent: IndicatorKey | null;
  /** Short label for sheet names, chart series and narrow columns. */
  shortLabel: string;
}

/** A value per indicator, keyed by Indicator.key. */
export type PerIndicator<T> = Record<IndicatorKey, T>;

/** Tables have 1 to 8 indicators. */
export const MAX_INDICATORS = 8;

/** The four indicators of notice 教办职成〔2023〕54号 附件1, in its order. */
export const INDICATORS_2023: readonly Indicator[] = [
  { key: 'training', label: '培训任务', unit: '人次', parent: null, shortLabel: '培训任务' },
  { key: 'certified', label: '取证人数', unit: '人', parent: null, shortLabel: '取证人数' },
  { key: 'advanced', label: '其中高级工及以上', unit: '人', parent: 'certified', shortLabel: '高级工及以上' },
  { key: 'onePlusX', label: '1+X证书取证人数', unit: '人', parent: null, shortLabel: '1+X证书' },
];

export function perIndicator<T>(indicators: readonly Indicator[], make: (key: IndicatorKey, indicator: Indicator) => T): PerIndicator<T> {
  const out: PerIndicator<T> = {};
  for (const ind of indicators) out[ind.key] = make(ind.key, ind);
  return out;
}

/** "培训任务（人次）": the label with its counting unit, as headers print it. */
export function labelWithUnit(indicator: Indicator): string {
  return indicator.unit ? `${indicator.label}（${indicator.unit}）` : indicator.label;
}

const compact = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[（(].*?[)）]$/, '');

/**
 * The JSON key of an indicator read from a table: a 2023 indicator keeps its key wherever it stands (so 2023
 * masters, tests and scripts keep working), any other is "i" + its 1-based column among the indicators.
 */
export function indicatorKeyFor(label: string, position: number): IndicatorKey {
  const t = compact(label);
  const known = INDICATORS_2023.find((i) => compact(i.label) === t);
  return known ? known.key : `i${position}`;
}

/** Problems of an indicator list, in Chinese; empty when usable. */
export function indicatorProblems(indicators: readonly Indicator[]): string[] {
  const problems: string[] = [];
  if (indicators.length < 1 || indicators.length > MAX_INDICATORS) {
    problems.push(`任务表应有 1–${MAX_INDICATORS} 项指标，现有 ${indicators.length} 项。`);
  }
  const keys = new Set<string>();
  const labels = new Set<string>();
  for (const ind of indicators) {
    if (keys.has(ind.key)) problems.push(`指标键“${ind.key}”重复。`);
    if (labels.has(ind.label)) problems.push(`指标“${ind.label}”重复。`);
    keys.add(ind.key);
    labels.add(ind.label);
    if (!ind.label.trim()) problems.push('有一项指标没有名称。');
  }
  for (const ind of indicators) {
    if (ind.parent === null) continue;
    const parent = indicators.find((p) => p.key === ind.parent);
    if (!parent) problems.push(`指标“${ind.label}”所属的指标不在任务表中。`);
    else if (parent.parent !== null) problems.push(`指标“${ind.label}”所属的“${parent.label}”本身也是“其中”项：只支持一层“其中”。`);
  }
  return problems;
}
