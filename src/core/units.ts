import { Indicator, PerIndicator, perIndicator } from './indicators';

/** A unit's yearly quota per indicator key; null means "—" in the table: no quota, which is not zero. */
export type Quota = PerIndicator<number | null>;

export interface Unit {
  /** 序号 in the task table. */
  id: number;
  name: string;
  /** One of the table's categories; '' when the table has none. */
  category: string;
  quota: Quota;
}

/** A task table: it, not the code, defines the indicators and the categories. */
export interface QuotaTable {
  year: number;
  /** Where the table comes from, e.g. the notice number. */
  source: string;
  /** Who keeps the master, e.g. 河南省教育厅, 安阳市教育局. */
  keeper: string;
  /** The name the keeper reports upward as (填报单位 of its own monthly form), e.g. 安阳市; the province: 河南省. */
  reportsAs: string;
  indicators: Indicator[];
  /** Ordered category labels; empty when the table has no categories. */
  categories: string[];
  units: Unit[];
}

/** Column totals of a task table; null-quota cells count as nothing. */
export function quotaTotals(table: { indicators: readonly Indicator[]; units: readonly Unit[] }): PerIndicator<number> {
  return perIndicator(table.indicators, (key) => table.units.reduce((acc, u) => acc + (u.quota[key] ?? 0), 0));
}

/** The units of a category, in table order; every unit when the table has no categories and `category` is ''. */
export function unitsOfCategory(table: Pick<QuotaTable, 'units'>, category: string): Unit[] {
  return table.units.filter((u) => u.category === category);
}

/** 全省 for 河南省, 全市 for 安阳市, …: the keeper's own total, named by the level of the name it reports as. */
export function totalLabel(reportsAs: string): string {
  const name = reportsAs.trim();
  if (/省$/.test(name)) return '全省';
  if (/市$/.test(name)) return '全市';
  if (/县$/.test(name)) return '全县';
  if (/区$/.test(name)) return '全区';
  if (/(学院|大学|学校)$/.test(name)) return '全校';
  return '合计';
}
