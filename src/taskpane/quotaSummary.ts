import { Indicator, PerIndicator, perIndicator } from '../core/indicators';
import { QuotaTable, quotaTotals } from '../core/units';

export interface CategorySummary {
  category: string;
  unitCount: number;
  /** Sum over the category's units; null when no unit of the category has this quota ("—" in the notice). */
  totals: PerIndicator<number | null>;
}

export interface QuotaSummary {
  year: number;
  source: string;
  unitCount: number;
  indicators: readonly Indicator[];
  categories: CategorySummary[];
  province: PerIndicator<number>;
}

/** Per-category and province totals of a task table, categories in the table's order (empty ones left out). */
export function summarizeQuota(table: QuotaTable): QuotaSummary {
  const categories: CategorySummary[] = [];
  for (const category of table.categories) {
    const units = table.units.filter((u) => u.category === category);
    if (units.length === 0) continue;
    const totals = perIndicator<number | null>(table.indicators, (key) =>
      units.some((u) => u.quota[key] !== null) ? units.reduce((acc, u) => acc + (u.quota[key] ?? 0), 0) : null,
    );
    categories.push({ category, unitCount: units.length, totals });
  }
  return {
    year: table.year,
    source: table.source,
    unitCount: table.units.length,
    indicators: table.indicators,
    categories,
    province: quotaTotals(table),
  };
}
