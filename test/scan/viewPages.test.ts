import { scanReports } from '../../src/scan/toReport';
import { ScanFigures, ScanHow, ScanPage, ScanResult, ScanValue } from '../../src/scan/types';
import { scanPageView, scanPageViews, viewBuffers } from '../../src/scan/viewPages';
import { INDICATORS } from '../helpers/table2023';

/** The 核对扫描件 view's data built from a scan as read: page image, and where each number, the unit and the date sit. */

const box = (x: number, y: number, w = 40, h = 16) => ({ x, y, w, h });
const value = (text: string, v: number | null, how: ScanHow, b = box(100, 200)): ScanValue => ({ text, confidence: 0.97, box: b, value: v, how });

function figures(y: number, rate: ScanValue = value('25%', 0.25, 'ocr', box(400, y))): ScanFigures {
  return {
    annual: value('400', 400, 'ocr', box(100, y)),
    monthly: value('20', 20, 'ocr', box(200, y)),
    cumulative: value('100', 100, 'ocr', box(300, y)),
    rate,
  };
}

function page(number: number, source: ScanPage['source'], found: boolean, png: Uint8Array | null): ScanPage {
  const [a, b, c, d] = INDICATORS.map((i) => i.key);
  return {
    page: number,
    source,
    found,
    width: 1240,
    height: 1754,
    skewDegrees: 0,
    unitName: found ? { text: '郑州市教育局', confidence: 0.99, box: box(120, 90, 200, 20) } : null,
    date: found ? { text: '2023年3月28日', confidence: 0.95, box: box(800, 1500, 160, 20), date: { year: 2023, month: 3, day: 28 } } : null,
    code: null,
    indicators: found
      ? {
          [a]: figures(300),
          [b]: { ...figures(340), monthly: value('—', null, 'dash', box(210, 342, 12, 4)) },
          // a blank cell found by position: its box is where the cell is, not ink
          [c]: { ...figures(380), monthly: value('', null, 'blank', box(190, 370, 90, 30)), cumulative: value('', null, 'missing', box(290, 370, 90, 30)) },
          [d]: figures(420, value('', null, 'ocr', box(0, 0, 0, 0))),
        }
      : {},
    labels: {},
    image: () => png,
  };
}

test('every page in order, named like its report (第N页), with its own image and size', () => {
  const png1 = new Uint8Array([0x89, 1]);
  const result: ScanResult = { name: 'scan.pdf', kind: 'pdf', pages: [page(1, 'ocr', true, png1), page(2, 'ocr', false, null)] };
  const views = scanPageViews(result);
  expect(views.map((v) => [v.file, v.sheet, v.page, v.source, v.width, v.height, v.png])).toEqual([
    ['scan.pdf', '第1页', 1, 'ocr', 1240, 1754, png1],
    ['scan.pdf', '第2页', 2, 'ocr', 1240, 1754, null],
  ]);
  // a view finds its report by file and sheet
  const reports = scanReports(result, 'sha', INDICATORS).reports;
  expect(reports.map((r) => [r.file, r.sheet])).toEqual([[views[0].file, views[0].sheet]]);
  expect(views[1].cells).toEqual({});
  expect(views[1].unitName).toBeNull();
});

test('boxes: every number read and a "—" have theirs; a blank or missing cell and an empty box have none', () => {
  const [a, b, c, d] = INDICATORS.map((i) => i.key);
  const v = scanPageView('x.jpg', page(1, 'ocr', true, null), null);
  expect(v.unitName).toEqual(box(120, 90, 200, 20));
  expect(v.date).toEqual(box(800, 1500, 160, 20));
  expect(v.cells[a]).toEqual({ annual: box(100, 300), monthly: box(200, 300), cumulative: box(300, 300), rate: box(400, 300) });
  expect(v.cells[b].monthly).toEqual(box(210, 342, 12, 4));
  expect(v.cells[c]).toEqual({ annual: box(100, 380), monthly: null, cumulative: null, rate: box(400, 380) });
  expect(v.cells[d].rate).toBeNull();
  expect(Object.keys(v.cells)).toEqual([a, b, c, d]);
});

test('text-layer pages take the image given (drawn by pdf.js), the view is plain cloneable data', () => {
  const drawn = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
  const result: ScanResult = { name: 't.pdf', kind: 'pdf', pages: [page(1, 'text-layer', true, null)] };
  const [v] = scanPageViews(result, (p) => (p.source === 'text-layer' ? drawn : p.image()));
  expect(v.png).toBe(drawn);
  expect(v.source).toBe('text-layer');
  expect(structuredClone(v)).toEqual(v);
  // boxes are copies, not the reader's objects
  v.cells[INDICATORS[0].key].annual!.x = -1;
  expect(result.pages[0].indicators[INDICATORS[0].key].annual.box.x).toBe(100);
});

test('the image buffers are listed once each, for transfer to the page', () => {
  const shared = new Uint8Array([1, 2, 3]);
  const result: ScanResult = { name: 'p.pdf', kind: 'pdf', pages: [page(1, 'ocr', true, shared), page(2, 'ocr', true, shared), page(3, 'ocr', false, null)] };
  expect(viewBuffers(scanPageViews(result))).toEqual([shared.buffer]);
});
