import { ScanCell, ScanReading, ScanRow, cumulativesForRate, judgeScan, printedRateHundredths, rateAgrees } from '../../src/core/scanTrust';
import { Indicator } from '../../src/core/indicators';

const ind = (key: string, label: string): Indicator => ({ key, label, unit: '人次', parent: null, shortLabel: label });
const A = ind('i1', '培训');
const B = ind('i2', '取证');
const INDS = [A, B];

const cell = (text: string, value: number | null, confidence = 1, how = 'text-layer'): ScanCell => ({ text, value, confidence, how });
const num = (v: number, confidence = 1) => cell(String(v), v, confidence);
const dash = (): ScanCell => cell('—', null, 1, 'dash');
function row(annual: number, monthly: number, cumulative: number, rate: string): ScanRow {
  return { annual: num(annual), monthly: num(monthly), cumulative: num(cumulative), rate: cell(rate, rate === '' ? null : parseFloat(rate) / 100) };
}
const reading = (rows: Record<string, ScanRow>): ScanReading => ({ page: 1, source: 'text-layer', rows });
const quota = { i1: 2000, i2: 800 };
const unknownPrevious = () => null;

describe('printed rates', () => {
  test('two decimals with a percent sign, full-width digits too', () => {
    expect(printedRateHundredths('12.35%')).toBe(1235);
    expect(printedRateHundredths('１２.３５％')).toBe(1235);
    expect(printedRateHundredths('100.00 %')).toBe(10000);
  });
  test('two decimals without the sign: the form’s column is headed 累计完成率（%）', () => {
    expect(printedRateHundredths('6.23')).toBe(623);
    expect(printedRateHundredths('12.35')).toBe(1235);
  });
  test('a rate that lost its decimals or its point does not pass', () => {
    for (const t of ['12%', '12.3%', '1235%', '0.1235', '12.3', '12', '']) expect(printedRateHundredths(t)).toBeNull();
  });
  test('either rounding of an exact half is accepted, nothing further', () => {
    // 2 / 8 000 = 0.025 % exactly: "0.02%" (half even) and "0.03%" (half up) both pass, 0.01 % and 0.04 % do not
    expect(rateAgrees(2, 2, 8000)).toBe(true);
    expect(rateAgrees(3, 2, 8000)).toBe(true);
    expect(rateAgrees(1, 2, 8000)).toBe(false);
    expect(rateAgrees(4, 2, 8000)).toBe(false);
    // 123 / 2000 = 6.15 % exactly
    expect(rateAgrees(615, 123, 2000)).toBe(true);
    expect(rateAgrees(616, 123, 2000)).toBe(false);
  });
  test('the cumulatives a rate allows', () => {
    expect(cumulativesForRate(615, 2000)).toEqual([123]);
    expect(cumulativesForRate(1, 8000)).toEqual([1]);
    expect(cumulativesForRate(5000, 70000).length).toBe(7);
  });
});

describe('judgeScan', () => {
  test('a row the reader could not read (every cell missing) is not "nothing reported": the page is held', () => {
    const missing = (): ScanCell => cell('', null, 0, 'missing');
    const lost: ScanRow = { annual: missing(), monthly: missing(), cumulative: missing(), rate: missing() };
    const v = judgeScan(INDS, reading({ i1: row(2000, 23, 123, '6.15%'), i2: lost }), quota, unknownPrevious);
    expect(v.trusted).toBe(false);
    expect(v.doubts).toEqual([
      { indicator: '取证', fields: ['annual', 'monthly', 'cumulative', 'rate'], read: { annual: '', monthly: '', cumulative: '', rate: '' }, reason: 'unread' },
    ]);
    // while a row the form itself leaves blank is the unit reporting nothing for it
    const blank = (): ScanCell => cell('', null, 1, 'blank');
    const empty: ScanRow = { annual: num(800), monthly: blank(), cumulative: blank(), rate: blank() };
    expect(judgeScan(INDS, reading({ i1: row(2000, 23, 123, '6.15%'), i2: empty }), quota, unknownPrevious).trusted).toBe(true);
  });

  test('a form whose rows pass every check is trusted', () => {
    const v = judgeScan(INDS, reading({ i1: row(2000, 23, 123, '6.15%'), i2: row(800, 10, 10, '1.25%') }), quota, unknownPrevious);
    expect(v).toEqual({ trusted: true, doubts: [] });
  });

  test('annual must be the task table’s, with the repair proposed', () => {
    const v = judgeScan(INDS, reading({ i1: row(2500, 23, 123, '6.15%'), i2: row(800, 10, 10, '1.25%') }), quota, unknownPrevious);
    expect(v.trusted).toBe(false);
    expect(v.doubts).toEqual([
      { indicator: '培训', fields: ['annual'], read: { annual: '2500' }, reason: 'annual', proposal: { field: 'annual', value: 2000 } },
    ]);
  });

  test('a misread cumulative fails the rate; the rate and last month propose the repair, which is not applied', () => {
    // true 累计 128 (6.40 %), read 126; last month 105 + this month 23 = 128
    const r = row(2000, 23, 126, '6.40%');
    const v = judgeScan(INDS, reading({ i1: r, i2: row(800, 10, 110, '13.75%') }), quota, (k) => (k === 'i1' ? 105 : 100));
    expect(v.trusted).toBe(false);
    expect(v.doubts).toEqual([
      {
        indicator: '培训',
        fields: ['cumulative', 'rate'],
        read: { cumulative: '126', rate: '6.40%' },
        reason: 'rate',
        proposal: { field: 'cumulative', value: 128 },
      },
      { indicator: '培训', fields: ['monthly', 'cumulative'], read: { monthly: '23', cumulative: '126' }, reason: 'monthly' },
    ]);
    expect(r.cumulative.value).toBe(126);
  });

  test('a rate that lost its decimals cannot witness the cumulative', () => {
    const v = judgeScan(INDS, reading({ i1: row(2000, 23, 123, '6%'), i2: row(800, 10, 10, '1.25%') }), quota, unknownPrevious);
    expect(v.doubts.map((d) => d.reason)).toEqual(['rateFormat']);
  });

  test('exact half: both roundings of the printed rate pass', () => {
    // 1 / 800 = 0.125 % → "0.13%" (half up) or "0.12%" (half even)
    for (const rate of ['0.13%', '0.12%']) {
      expect(judgeScan(INDS, reading({ i1: row(2000, 23, 123, '6.15%'), i2: row(800, 1, 1, rate) }), quota, unknownPrevious).trusted).toBe(true);
    }
    expect(judgeScan(INDS, reading({ i1: row(2000, 23, 123, '6.15%'), i2: row(800, 1, 1, '0.14%') }), quota, unknownPrevious).trusted).toBe(false);
  });

  test('monthly = cumulative − last month’s cumulative when known', () => {
    const rows = { i1: row(2000, 23, 123, '6.15%'), i2: row(800, 10, 10, '1.25%') };
    expect(judgeScan(INDS, reading(rows), quota, (k) => (k === 'i1' ? 100 : 0)).trusted).toBe(true);
    const v = judgeScan(INDS, reading(rows), quota, (k) => (k === 'i1' ? 90 : 0));
    expect(v.doubts).toEqual([
      {
        indicator: '培训',
        fields: ['monthly', 'cumulative'],
        read: { monthly: '23', cumulative: '123' },
        reason: 'monthly',
        proposal: { field: 'monthly', value: 33 },
      },
    ]);
  });

  test('last month unknown: monthly must not exceed the cumulative', () => {
    const v = judgeScan(INDS, reading({ i1: row(2000, 223, 123, '6.15%'), i2: row(800, 10, 10, '1.25%') }), quota, unknownPrevious);
    expect(v.doubts.map((d) => [d.indicator, d.reason])).toEqual([['培训', 'monthly']]);
  });

  test('cells read below the confidence threshold are doubtful even when the arithmetic holds', () => {
    const r = row(2000, 23, 123, '6.15%');
    r.cumulative = num(123, 0.6);
    const v = judgeScan(INDS, reading({ i1: r, i2: row(800, 10, 10, '1.25%') }), quota, unknownPrevious, { minConfidence: 0.9 });
    expect(v.doubts).toEqual([{ indicator: '培训', fields: ['cumulative'], read: { cumulative: '123' }, reason: 'lowConfidence' }]);
    expect(judgeScan(INDS, reading({ i1: r, i2: row(800, 10, 10, '1.25%') }), quota, unknownPrevious, { minConfidence: 0.5 }).trusted).toBe(true);
  });

  test('"—" rows of an indicator without quota pass; numbers there have no witness', () => {
    const noQuota = { i1: 2000, i2: null };
    const dashes: ScanRow = { annual: dash(), monthly: dash(), cumulative: dash(), rate: dash() };
    expect(judgeScan(INDS, reading({ i1: row(2000, 23, 123, '6.15%'), i2: dashes }), noQuota, unknownPrevious).trusted).toBe(true);
    expect(judgeScan(INDS, reading({ i1: row(2000, 23, 123, '6.15%') }), noQuota, unknownPrevious).trusted).toBe(true);
    const filled: ScanRow = { ...dashes, monthly: num(5), cumulative: num(5) };
    expect(judgeScan(INDS, reading({ i1: row(2000, 23, 123, '6.15%'), i2: filled }), noQuota, unknownPrevious).doubts.map((d) => d.reason)).toEqual([
      'noQuota',
    ]);
  });

  test('a row not found, a cell expected but unread, or text that is no number: doubtful', () => {
    expect(judgeScan(INDS, reading({ i1: row(2000, 23, 123, '6.15%') }), quota, unknownPrevious).doubts.map((d) => [d.indicator, d.reason])).toEqual([
      ['取证', 'rowMissing'],
    ]);
    const missing = row(2000, 23, 123, '6.15%');
    missing.monthly = cell('', null, 0, 'missing');
    expect(judgeScan(INDS, reading({ i1: missing, i2: row(800, 10, 10, '1.25%') }), quota, unknownPrevious).doubts.map((d) => d.reason)).toEqual(['unread']);
    const text = row(2000, 23, 123, '6.15%');
    text.cumulative = { ...cell('l23', null), problem: 'NOT_A_NUMBER' };
    expect(judgeScan(INDS, reading({ i1: text, i2: row(800, 10, 10, '1.25%') }), quota, unknownPrevious).doubts.map((d) => [d.fields, d.reason])).toEqual([
      [['cumulative'], 'unread'],
    ]);
  });

  test('a blank cumulative is not derived for a scan: proposed from last month + this month', () => {
    const r = row(2000, 23, 0, '');
    r.cumulative = cell('', null, 1, 'blank');
    const v = judgeScan(INDS, reading({ i1: r, i2: row(800, 10, 10, '1.25%') }), quota, () => 100);
    expect(v.doubts[0]).toMatchObject({ indicator: '培训', reason: 'unread', proposal: { field: 'cumulative', value: 123 } });
  });

  test('a row left blank (nothing reported for the indicator) passes: nothing is merged for it', () => {
    const blank: ScanRow = { annual: num(800), monthly: cell('', null, 1, 'blank'), cumulative: cell('', null, 1, 'blank'), rate: cell('', null, 1, 'blank') };
    expect(judgeScan(INDS, reading({ i1: row(2000, 23, 123, '6.15%'), i2: blank }), quota, unknownPrevious).trusted).toBe(true);
  });
});
