import { cumulativeAsOf, emptyLedger, getEntry, reportedMonths, withEntry, withUnitMonth } from '../../src/core/ledger';
import { defaultPace, expectedRate, linearCurve, paceProblems } from '../../src/core/pace';
import { completionRate, statusOf, statusReport, unitProgress, worstStatus } from '../../src/core/status';
import { Unit } from '../../src/core/units';
import { INDICATORS, TABLE_2023_SHAPE } from '../helpers/table2023';

const unit: Unit = {
  id: 1,
  name: '郑州市',
  category: '省辖市',
  quota: { training: 72100, certified: 55300, advanced: null, onePlusX: 10300 },
};

describe('pace', () => {
  test('linear by default: M/12, 0 before the first month, band 0.05', () => {
    const pace = defaultPace();
    expect(expectedRate(pace, 3)).toBe(0.25);
    expect(expectedRate(pace, 12)).toBe(1);
    expect(expectedRate(pace, 0)).toBe(0);
    expect(pace.band).toBe(0.05);
  });
  test('a custom curve is used as given', () => {
    const curve = [0, 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
    expect(expectedRate({ curve, band: 0.05 }, 3)).toBe(0.1);
    expect(paceProblems({ curve, band: 0.05 })).toEqual([]);
  });
  test('bad curves are explained in Chinese', () => {
    const curve = linearCurve();
    curve[5] = 0.1;
    expect(paceProblems({ curve, band: 0.05 }).join()).toContain('6月的应达进度低于5月');
    expect(paceProblems({ curve: [0.5], band: 2 }).length).toBe(2);
  });
});

describe('ledger', () => {
  test('cumulative as of M carries the latest reported 累计 forward; it is not a sum or a max', () => {
    let l = emptyLedger();
    l = withEntry(l, 1, 'training', 1, { monthly: 100, cumulative: 100 });
    l = withEntry(l, 1, 'training', 2, { monthly: 50, cumulative: 150 });
    l = withEntry(l, 1, 'training', 4, { monthly: -20, cumulative: 130 }); // a correction downwards
    expect(cumulativeAsOf(l, 1, 'training', 1)).toBe(100);
    expect(cumulativeAsOf(l, 1, 'training', 3)).toBe(150);
    expect(cumulativeAsOf(l, 1, 'training', 4)).toBe(130);
    expect(cumulativeAsOf(l, 1, 'training', 12)).toBe(130);
    expect(cumulativeAsOf(l, 1, 'certified', 12)).toBeNull();
    expect(cumulativeAsOf(l, 2, 'training', 12)).toBeNull();
  });
  test('a month with only 当月完成 is reported but gives no cumulative', () => {
    const l = withEntry(emptyLedger(), 1, 'training', 5, { monthly: 10, cumulative: null });
    expect(reportedMonths(l, 1)).toEqual([5]);
    expect(cumulativeAsOf(l, 1, 'training', 5)).toBeNull();
  });
  test('updates are immutable and an all-null entry clears the month', () => {
    const a = withEntry(emptyLedger(), 1, 'training', 2, { monthly: 1, cumulative: 1 });
    const b = withUnitMonth(a, 1, 2, { training: null, certified: null, advanced: null, onePlusX: null });
    expect(getEntry(a, 1, 'training', 2)).toEqual({ monthly: 1, cumulative: 1 });
    expect(getEntry(b, 1, 'training', 2)).toBeNull();
    expect(reportedMonths(b, 1)).toEqual([]);
    expect(() => getEntry(a, 1, 'training', 13)).toThrow(RangeError);
  });
});

describe('rate and status (CONTRACT.md)', () => {
  test('rate = cumulative / annual, unrounded; null without quota or data', () => {
    expect(completionRate(72100, 18000)).toBe(18000 / 72100);
    expect(completionRate(null, 100)).toBeNull();
    expect(completionRate(100, null)).toBeNull();
  });
  test('ok at or above expected, amber within the band, red below it, none without a rate', () => {
    expect(statusOf(0.25, 0.25, 0.05)).toBe('ok');
    expect(statusOf(0.2496, 0.25, 0.05)).toBe('amber');
    expect(statusOf(0.2, 0.25, 0.05)).toBe('amber');
    expect(statusOf(0.1999, 0.25, 0.05)).toBe('red');
    expect(statusOf(null, 0.25, 0.05)).toBe('none');
  });
  test('the overall status is the worst indicator with a quota', () => {
    expect(worstStatus(['ok', 'amber', 'ok'])).toBe('amber');
    expect(worstStatus(['ok', 'red', 'amber'])).toBe('red');
    expect(worstStatus(['none', 'ok'])).toBe('ok');
    expect(worstStatus([])).toBe('none');
  });
  test('the contract example: 郑州市 at 18,000 of 72,100 in March is behind, amber', () => {
    let l = emptyLedger();
    for (const [key, cum] of [
      ['training', 18000],
      ['certified', 14000],
      ['onePlusX', 2600],
    ] as const) {
      l = withEntry(l, 1, key, 3, { monthly: cum, cumulative: cum });
    }
    // A value for an indicator without quota does not count towards the status.
    l = withEntry(l, 1, 'advanced', 3, { monthly: 1, cumulative: 1 });
    const p = unitProgress(unit, INDICATORS, l, 3, defaultPace());
    expect(p.indicators.training).toEqual({ annual: 72100, cumulative: 18000, rate: 18000 / 72100, behind: true, status: 'amber' });
    expect(p.indicators.advanced).toMatchObject({ annual: null, cumulative: 1, rate: null, behind: false, status: 'none' });
    expect(p.indicators.certified.status).toBe('ok');
    expect(p.status).toBe('amber');
    expect(p.reported).toEqual([3]);
  });
  test('status report: expected rate, band and missing units for the month', () => {
    const other: Unit = { ...unit, id: 2, name: '开封市' };
    const l = withEntry(emptyLedger(), 2, 'training', 3, { monthly: 5, cumulative: 5 });
    const r = statusReport({ ...TABLE_2023_SHAPE, units: [unit, other] }, l, 3, defaultPace());
    expect(r).toMatchObject({ year: 2023, month: 3, expectedRate: 0.25, band: 0.05, missing: [1] });
    expect(r.units.map((u) => u.status)).toEqual(['none', 'red']);
    expect(statusReport({ ...TABLE_2023_SHAPE, units: [unit] }, l, 0, defaultPace()).missing).toEqual([]);
  });
});
