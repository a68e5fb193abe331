import { ScanPage, ScanResult, ScanValue } from '../../src/scan/types';
import { scanReports } from '../../src/scan/toReport';
import { readReportFileAsync } from '../../src/workflow/merge';
import { INDICATORS } from '../helpers/table2023';

const box = { x: 0, y: 0, w: 10, h: 10 };
const v = (text: string, value: number | null, how: ScanValue['how'] = 'ocr', confidence = 0.97): ScanValue => ({ text, value, confidence, box, how });

function page(n: number, found: boolean, extra: Partial<ScanPage> = {}): ScanPage {
  return {
    page: n,
    source: 'ocr',
    found,
    width: 100,
    height: 100,
    skewDegrees: 0,
    unitName: found ? { text: '开封市（公章）', confidence: 0.9, box } : null,
    date: null,
    code: null,
    indicators: found
      ? { training: { annual: v('14200', 14200), monthly: v('50', 50), cumulative: v('50', 50), rate: { ...v('0.35%', 0.0035), readings: [0.0035] } } }
      : {},
    labels: {},
    image: () => null,
    ...extra,
  };
}

test('a page with a form is a report: the unit name without （公章）, numbers as read, what the trust rule needs kept', () => {
  const res: ScanResult = { name: 'k.png', kind: 'png', pages: [page(1, true)] };
  const { reports, failures } = scanReports(res, 'ab', INDICATORS);
  expect(failures).toEqual([]);
  expect(reports).toHaveLength(1);
  const r = reports[0];
  expect(r).toMatchObject({ file: 'k.png', sheet: '第1页', sheetless: true, unitName: '开封市', sha256: 'ab' });
  expect(r.figures.training.cumulative).toEqual({ raw: '50', value: 50, cell: null });
  expect(r.figures.certified).toBeUndefined();
  expect(r.scan?.rows.training.rate).toEqual({ text: '0.35%', value: 0.0035, confidence: 0.97, how: 'ocr' });
});

test('pages without a form beside a page with one are left out; a longer PDF names its pages', () => {
  const res: ScanResult = { name: 'k.pdf', kind: 'pdf', pages: [page(1, false), page(2, true)] };
  const { reports, failures } = scanReports(res, 'ab', INDICATORS);
  expect(failures).toEqual([]);
  expect(reports.map((r) => [r.sheet, r.sheetless])).toEqual([['第2页', undefined]]);
});

test('no page with a form: SCAN_UNREADABLE naming the file', () => {
  const { reports, failures } = scanReports({ name: 'x.jpg', kind: 'jpeg', pages: [page(1, false)] }, 'ab', INDICATORS);
  expect(reports).toEqual([]);
  expect(failures.map((f) => f.finding.code)).toEqual(['SCAN_UNREADABLE']);
  expect(failures[0].finding.message).toContain('x.jpg');
});

test('a scan the reader cannot open is SCAN_UNREADABLE; spreadsheets still go to the spreadsheet reader; abort propagates', async () => {
  const broken = new TextEncoder().encode('%PDF-1.4\nnot really');
  const fails = () => Promise.reject(new Error('Invalid PDF structure'));
  const r = await readReportFileAsync({ name: 'bad.pdf', bytes: broken }, INDICATORS, fails);
  expect(r.failures.map((f) => f.finding.code)).toEqual(['SCAN_UNREADABLE']);
  const text = await readReportFileAsync({ name: 'a.csv', bytes: new TextEncoder().encode('你好') }, INDICATORS, () => {
    throw new Error('no scan here');
  });
  expect(text.failures.map((f) => f.finding.code)).toEqual(['NO_FORM']);
  const abort = () => Promise.reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
  await expect(readReportFileAsync({ name: 'a.pdf', bytes: broken }, INDICATORS, abort)).rejects.toMatchObject({ name: 'AbortError' });
});
