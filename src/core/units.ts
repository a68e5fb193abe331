import { PerIndicator } from './indicators';

/** Categories of 附件1, in the notice's order. 济源示范区 keeps its own label. */
export const CATEGORIES = [
  '省辖市',
  '济源示范区',
  '省直管县（市）',
  '本科高校',
  '高职高专院校',
  '省属中职学校',
] as const;

export type Category = (typeof CATEGORIES)[number];

export function isCategory(text: string): text is Category {
  return (CATEGORIES as readonly string[]).includes(text);
}

/** A unit's yearly quota; null means "—" in the notice: no quota, which is not zero. */
export type Quota = PerIndicator<number | null>;

export interface Unit {
  /** 序号 in the task table. */
  id: number;
  name: string;
  category: Category;
  quota: Quota;
}

export interface QuotaTable {
  year: number;
  /** Where the table comes from, e.g. the notice number. */
  source: string;
  units: Unit[];
}

/** Category of a 2023 序号, following the order of 附件1. */
export function category2023(id: number): Category {
  if (id >= 1 && id <= 17) return '省辖市';
  if (id === 18) return '济源示范区';
  if (id >= 19 && id <= 28) return '省直管县（市）';
  if (id >= 29 && id <= 66) return '本科高校';
  if (id >= 67 && id <= 161) return '高职高专院校';
  if (id >= 162 && id <= 179) return '省属中职学校';
  throw new Error(`序号 ${id} 不在 2023 年任务分配表的 1–179 范围内`);
}

/** Column totals of a task table; null-quota cells count as nothing. */
export function quotaTotals(units: readonly Unit[]): PerIndicator<number> {
  const sum = (pick: (q: Quota) => number | null) =>
    units.reduce((acc, u) => acc + (pick(u.quota) ?? 0), 0);
  return {
    training: sum((q) => q.training),
    certified: sum((q) => q.certified),
    advanced: sum((q) => q.advanced),
    onePlusX: sum((q) => q.onePlusX),
  };
}
