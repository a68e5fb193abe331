import { QuotaTable, Unit } from './units';

export interface CategoryGroup {
  /** The table's category label; '' for a table without categories. */
  category: string;
  units: Unit[];
}

/**
 * The units among `ids` (every unit when omitted), grouped by category in the table's order; groups without units
 * are left out. A table without categories gives one group labelled ''.
 */
export function unitsByCategory(table: Pick<QuotaTable, 'categories' | 'units'>, ids?: Iterable<number>): CategoryGroup[] {
  const wanted = ids ? new Set(ids) : null;
  const labels = table.categories.length ? table.categories : [''];
  return labels
    .map((category) => ({ category, units: table.units.filter((u) => u.category === category && (!wanted || wanted.has(u.id))) }))
    .filter((g) => g.units.length > 0);
}

/** "省辖市（3）：郑州市、开封市、洛阳市", or without categories "郑州市、开封市（2）": a line of a list by category. */
export function groupLine(group: CategoryGroup, separator = '、'): string {
  const names = group.units.map((u) => u.name).join(separator);
  return group.category ? `${group.category}（${group.units.length}）：${names}` : `${names}（${group.units.length}）`;
}
