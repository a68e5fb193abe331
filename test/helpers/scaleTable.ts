import { Indicator } from '../../src/core/indicators';
import { QuotaTable, Unit } from '../../src/core/units';
import { CATEGORIES_2023, embeddedQuota2023 } from '../../src/quota/embedded2023';

/**
 * A synthetic task table of N units and K indicators (the 2023 four first, then i5…), the 2023 categories in
 * turn; every ninth quota is "—", and with `missingIn` one category has no unit with the last indicator.
 */
export function scaleTable(n: number, k: number, options: { missingIn?: string } = {}): QuotaTable {
  const base = embeddedQuota2023();
  const indicators: Indicator[] = Array.from({ length: k }, (_, i) =>
    i < base.indicators.length ? base.indicators[i] : { key: `i${i + 1}`, label: `第${i + 1}项指标`, unit: '人', parent: null, shortLabel: `指标${i + 1}` },
  );
  const units: Unit[] = Array.from({ length: n }, (_, u) => {
    const category = CATEGORIES_2023[u % CATEGORIES_2023.length];
    const quota = Object.fromEntries(
      indicators.map((ind, i) => {
        const none = (u + i) % 9 === 4 || (category === options.missingIn && i === k - 1);
        return [ind.key, none ? null : 100 + ((u * 37 + i * 11) % 5000)];
      }),
    );
    return { id: u + 1, name: n <= base.units.length ? base.units[u].name : `合成单位${u + 1}`, category, quota };
  });
  return { ...base, source: `合成 ${n} 个单位`, indicators, units };
}
