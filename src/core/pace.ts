/**
 * The expected pace: 12 cumulative fractions, one per month (default linear M/12),
 * and the amber band below it.
 */
export interface PaceConfig {
  curve: number[];
  band: number;
}

export const DEFAULT_BAND = 0.05;

export function linearCurve(): number[] {
  return Array.from({ length: 12 }, (_, i) => (i + 1) / 12);
}

export function defaultPace(): PaceConfig {
  return { curve: linearCurve(), band: DEFAULT_BAND };
}

/** Expected cumulative fraction at the end of month M; 0 before the first month. */
export function expectedRate(pace: PaceConfig, month: number): number {
  if (month < 1) return 0;
  return pace.curve[Math.min(12, Math.floor(month)) - 1];
}

/** Chinese problems with a pace configuration; empty when it is usable. */
export function paceProblems(pace: PaceConfig): string[] {
  const problems: string[] = [];
  if (pace.curve.length !== 12) problems.push(`应达进度须为 12 个月的累计比例，现为 ${pace.curve.length} 个。`);
  pace.curve.forEach((v, i) => {
    if (!Number.isFinite(v) || v < 0 || v > 1) problems.push(`${i + 1}月的应达进度 ${v} 不在 0%–100% 之间。`);
    if (i > 0 && v < pace.curve[i - 1]) problems.push(`${i + 1}月的应达进度低于${i}月：累计进度不能减少。`);
  });
  if (!Number.isFinite(pace.band) || pace.band < 0 || pace.band >= 1) {
    problems.push(`预警带宽 ${pace.band} 须在 0 与 1 之间（如 0.05 表示 5 个百分点）。`);
  }
  return problems;
}
