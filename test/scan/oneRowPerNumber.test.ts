import { oneRowPerNumber } from '../../src/scan/layout';
import { ScanFigures, ScanValue } from '../../src/scan/types';

const cell = (text: string, x: number, y: number): ScanValue => ({
  text,
  confidence: 0.99,
  box: { x, y, w: 60, h: 24 },
  value: Number(text.replace(/[,%]/g, '')),
  how: 'ocr',
});
const row = (y: number, texts: [string, string, string, string]): ScanFigures => ({
  annual: cell(texts[0], 600, y),
  monthly: cell(texts[1], 800, y),
  cumulative: cell(texts[2], 1000, y),
  rate: cell(texts[3], 1200, y),
});

test('numbers two rows both took are given to neither: both rows are left unread for a person to type', () => {
  // 取证人数's label was found on a line further down and its band took the 1+X row's numbers
  const rows = {
    training: row(200, ['15,900', '3,187', '6,135', '38.58%']),
    certified: row(300, ['2,200', '245', '569', '25.86%']),
    onePlusX: row(300, ['2,200', '245', '569', '25.86%']),
  };
  oneRowPerNumber(rows);
  for (const k of ['certified', 'onePlusX'] as const) {
    for (const f of ['annual', 'monthly', 'cumulative', 'rate'] as const) {
      expect(rows[k][f]).toEqual({ text: '', value: null, how: 'missing', confidence: 0, box: { x: 0, y: 0, w: 0, h: 0 } });
    }
  }
  expect(Object.values(rows.training).map((c) => c.text)).toEqual(['15,900', '3,187', '6,135', '38.58%']);
});

test('rows with numbers of their own are left alone, and so are empty or unread cells in the same place', () => {
  const rows = {
    a: row(200, ['100', '1', '1', '1.00%']),
    b: row(230, ['200', '2', '2', '1.00%']),
  };
  rows.b.rate = { ...rows.a.rate, text: '', value: null, how: 'missing' };
  const before = JSON.stringify(rows);
  oneRowPerNumber(rows);
  expect(JSON.stringify(rows)).toBe(before);
});
