import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { summarizeQuota } from '../../src/taskpane/quotaSummary';
import { QuotaTable } from '../../src/core/units';
import { TABLE_2023_SHAPE } from '../helpers/table2023';

describe('summarizeQuota', () => {
  const summary = summarizeQuota(embeddedQuota2023());

  test('province totals of 2023 match the notice', () => {
    expect(summary.province).toEqual({ training: 1_050_000, certified: 800_000, advanced: 300_000, onePlusX: 150_000 });
    expect(summary.unitCount).toBe(179);
  });

  test('categories in the notice order; all-null columns are null, not 0', () => {
    expect(summary.categories.map((c) => [c.category, c.unitCount])).toEqual([
      ['省辖市', 17],
      ['济源示范区', 1],
      ['省直管县（市）', 10],
      ['本科高校', 38],
      ['高职高专院校', 95],
      ['省属中职学校', 18],
    ]);
    expect(summary.categories[0].totals.advanced).toBeNull();
    expect(summary.categories[3].totals.advanced).toBe(46_100);
    // Category sums add up to the province totals.
    for (const key of ['training', 'certified', 'advanced', 'onePlusX'] as const) {
      expect(summary.categories.reduce((a, c) => a + (c.totals[key] ?? 0), 0)).toBe(summary.province[key]);
    }
  });

  test('a category with no units is left out', () => {
    const table: QuotaTable = {
      ...TABLE_2023_SHAPE,
      year: 2024,
      source: 'test',
      units: [{ id: 1, name: '甲', category: '本科高校', quota: { training: 10, certified: null, advanced: 0, onePlusX: null } }],
    };
    const s = summarizeQuota(table);
    expect(s.categories).toEqual([{ category: '本科高校', unitCount: 1, totals: { training: 10, certified: null, advanced: 0, onePlusX: null } }]);
  });
});
