import { annexTitle, splitIndicators } from '../../src/bulletin/annexTable';
import { bulletinTitleLines } from '../../src/bulletin/bulletinDocx';
import { chineseNumeral, formatCount, formatRate, gapPhrase, monthRange, round2 } from '../../src/bulletin/format';
import { bulletinInputProblems } from '../../src/bulletin/input';
import { groupByCategory, laggingUnits, missingUnits, topUnits, unitsWithoutData } from '../../src/bulletin/selection';
import { INDICATORS_2023, NEVER_REPORTED, input2023, inputCity3 } from './fixture';

describe('figures as the circular writes them', () => {
  test('counts in full with thousands separators', () => {
    expect(formatCount(1050000)).toBe('1,050,000');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1,000');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(12345.5)).toBe('12,345.5');
    expect(formatCount(-2500)).toBe('-2,500');
    expect(formatCount(null)).toBe('—');
  });

  test('rates with two decimals, over 100% too, halves rounded up after binary noise', () => {
    expect(formatRate(0.36523)).toBe('36.52%');
    expect(formatRate(1.2)).toBe('120.00%');
    expect(formatRate(0)).toBe('0.00%');
    expect(formatRate(4 / 12)).toBe('33.33%');
    expect(formatRate(0.36525)).toBe('36.53%'); // 36.525 is 36.52499… in binary
    expect(formatRate(null)).toBe('—');
    expect(round2(-2.345)).toBe(-2.35);
  });

  test('the gap in percentage points, in words', () => {
    expect(gapPhrase(3.194)).toBe('高于应达进度3.19个百分点');
    expect(gapPhrase(-2.155)).toBe('低于应达进度2.16个百分点');
    expect(gapPhrase(0.001)).toBe('与应达进度持平');
    expect(gapPhrase(null)).toMatch(/尚无数据/);
  });

  test('periods and heading numerals', () => {
    expect(monthRange(1)).toBe('1月');
    expect(monthRange(4)).toBe('1–4月');
    expect([1, 5, 10, 11, 20, 23].map(chineseNumeral)).toEqual(['一', '五', '十', '十一', '二十', '二十三']);
  });
});

describe('the title', () => {
  test('breaks between pieces, each line at most 20 characters of 二号', () => {
    expect(bulletinTitleLines(input2023(4))).toEqual(['河南省教育厅关于2023年1–4月', '“人人持证、技能河南”建设工作', '任务进度情况的通报']);
    expect(bulletinTitleLines(inputCity3(12))).toEqual(['安阳市教育局关于2023年1–12月', '“人人持证、技能河南”建设工作', '任务进度情况的通报']);
    expect(annexTitle(input2023(4))).toBe('2023年1–4月各单位任务进度明细表');
  });
});

describe('which units the circular names', () => {
  const input = input2023(4);

  test('top N by rate among units with a quota; no quota ("—") is never ranked; over 100% first', () => {
    for (const ind of INDICATORS_2023) {
      const top = topUnits(input, ind.key, 3);
      expect(top).toHaveLength(3);
      for (const r of top) expect(r.unit.indicators[ind.key].annual).not.toBeNull();
      const others = input.units.filter((u) => !top.some((r) => r.unit.id === u.id));
      for (const u of others) {
        const f = u.indicators[ind.key];
        if (f.annual !== null && f.rate !== null) expect(f.rate).toBeLessThanOrEqual(top[2].rate);
      }
      expect(top[0].rate).toBeGreaterThanOrEqual(top[1].rate);
      expect(top[1].rate).toBeGreaterThanOrEqual(top[2].rate);
    }
    // 郑州市 (over 100%) leads training; it has no quota for 其中高级工及以上 but reports nothing there either.
    expect(topUnits(input, 'training', 1)[0].unit.name).toBe('郑州市');
    expect(topUnits(input, 'training', 1)[0].rate).toBeGreaterThan(1);
    expect(topUnits(input, 'advanced', 50).every((r) => r.unit.category !== '省辖市')).toBe(true);
  });

  test('a unit that reports a value without a quota is shown, never ranked', () => {
    const withoutQuota = input.units.find((u) => u.indicators.advanced.annual === null && u.indicators.advanced.cumulative !== null);
    expect(withoutQuota).toBeDefined();
    expect(topUnits(input, 'advanced', 1000).some((r) => r.unit.id === withoutQuota!.id)).toBe(false);
  });

  test('ties: larger cumulative first, then the table order', () => {
    const tied = {
      ...input,
      units: [3, 1, 2].map((id) => ({
        id,
        name: `单位${id}`,
        category: '省辖市',
        status: 'ok' as const,
        reported: [4],
        indicators: { training: { annual: id === 2 ? 200 : 100, cumulative: id === 2 ? 100 : 50, rate: 0.5, status: 'ok' as const } },
      })),
    };
    expect(topUnits(tied, 'training', 3).map((r) => r.unit.id)).toEqual([2, 1, 3]);
  });

  test('lagging, missing and no-data units, grouped by category in the table order', () => {
    const lagging = laggingUnits(input);
    expect(lagging.length).toBeGreaterThan(0);
    const groups = groupByCategory(input, lagging);
    expect(groups.map((g) => g.category)).toEqual(input.categories.filter((c) => lagging.some((u) => u.category === c)));
    expect(groups.flatMap((g) => g.units)).toHaveLength(lagging.length);
    expect(missingUnits(input).map((u) => u.id)).toEqual(input.missing);
    expect(unitsWithoutData(input).map((u) => u.id)).toEqual(input.units.filter((_u, i) => NEVER_REPORTED(i)).map((u) => u.id));
    const city = inputCity3(4);
    expect(groupByCategory(city, city.units)).toEqual([{ category: '', units: city.units }]);
  });
});

describe('annex columns', () => {
  test('split evenly over tables of at most N indicators', () => {
    const inds = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `i${i + 1}`, label: `指标${i + 1}`, unit: '人', parent: null }));
    const sizes = (n: number, per: number) => splitIndicators(inds(n), per).map((p) => p.length);
    expect(sizes(1, 4)).toEqual([1]);
    expect(sizes(4, 4)).toEqual([4]);
    expect(sizes(5, 4)).toEqual([3, 2]);
    expect(sizes(8, 4)).toEqual([4, 4]);
    expect(sizes(7, 3)).toEqual([3, 2, 2]);
    expect(
      splitIndicators(inds(5), 4)
        .flat()
        .map((i) => i.key),
    ).toEqual(['i1', 'i2', 'i3', 'i4', 'i5']);
  });
});

describe('input problems', () => {
  test('a month outside 1–12, duplicate keys, a missing parent, an unknown category', () => {
    const input = input2023(4);
    expect(bulletinInputProblems(input)).toEqual([]);
    expect(bulletinInputProblems({ ...input, month: 0 })[0]).toMatch(/截至月份/);
    expect(bulletinInputProblems({ ...input, indicators: [...input.indicators, input.indicators[0]] }).join()).toMatch(/重复/);
    expect(bulletinInputProblems({ ...input, indicators: [{ ...input.indicators[2], parent: 'nope' }] }).join()).toMatch(/上级指标/);
    const units = [{ ...input.units[0], category: '其他' }];
    expect(bulletinInputProblems({ ...input, units }).join()).toMatch(/“其他”不在类别列表中/);
  });
});
