import { parseCount, parseRate, parseReportDate } from '../../src/reports/values';

describe('values as units type them', () => {
  test.each([
    [1234, 1234],
    ['1,234', 1234],
    ['１２３４', 1234],
    ['1234人', 1234],
    ['1234人次', 1234],
    [' 1 234 ', 1234],
    ['１，２３４', 1234],
    ['-20', -20],
    ['12.5', 12.5],
  ])('%p is the number %p', (raw, want) => {
    expect(parseCount(raw, 'C4')).toEqual({ raw, value: want, cell: 'C4' });
  });

  test.each([null, '', '—', '-', '/', '无', '——', '－'])('%p means nothing (no quota or blank), not 0', (raw) => {
    const v = parseCount(raw, 'C4');
    expect(v.value).toBeNull();
    expect(v.problem).toBeUndefined();
  });

  test.each(['=2+3', '约100', '100多', '#DIV/0!', 'abc', '1.2.3'])('%p is NOT_A_NUMBER', (raw) => {
    expect(parseCount(raw, 'C4')).toMatchObject({ value: null, problem: 'NOT_A_NUMBER' });
  });

  test('rates: "25%" and 25.3 are unambiguous, 0.25 may be a fraction or 0.25%', () => {
    expect(parseRate('25%', 'E4', false).readings).toEqual([0.25]);
    expect(parseRate('２５．３％', 'E4', false).readings[0]).toBeCloseTo(0.253, 12);
    expect(parseRate(25.3, 'E4', false).readings[0]).toBeCloseTo(0.253, 12);
    expect(parseRate('25.3', 'E4', false).readings[0]).toBeCloseTo(0.253, 12);
    expect(parseRate(0.25, 'E4', false).readings).toEqual([0.25, 0.0025]);
    expect(parseRate(0.25, 'E4', true).readings).toEqual([0.25]);
    expect(parseRate('—', 'E4', false).readings).toEqual([]);
  });

  test.each([
    ['2023年3月28日', { year: 2023, month: 3, day: 28 }],
    ['2023 年 3 月 28 日', { year: 2023, month: 3, day: 28 }],
    ['2023-03-28', { year: 2023, month: 3, day: 28 }],
    ['2023/3/28', { year: 2023, month: 3, day: 28 }],
    ['２０２３年３月２８日', { year: 2023, month: 3, day: 28 }],
    [45013, { year: 2023, month: 3, day: 28 }],
    ['____年__月__日', null],
    ['2023年2月30日', null],
  ])('填报时间 %p', (raw, want) => {
    expect(parseReportDate(raw, 'A15').date).toEqual(want);
  });
});
