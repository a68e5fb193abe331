import * as XLSX from 'xlsx';
import { perIndicator } from '../../src/core/indicators';
import { FORM_DATE_LABEL, FORM_TITLE, FORM_UNIT_LABEL, FormLayout, blankValues, reportFormCells, writeReportForm } from '../../src/samples/reportForm';
import { dateSerial } from '../../src/samples/sampleReports';
import { INDICATORS } from '../helpers/table2023';

const values = perIndicator(INDICATORS, (key) =>
  key === 'advanced'
    ? { annual: '—', monthly: '无', cumulative: null, rate: '/' }
    : { annual: 1000, monthly: '1,234', cumulative: { formula: '100+20', value: 120 }, rate: { number: 0.12, format: '0.00%' } },
);

function roundTrip(ws: XLSX.WorkSheet, bookType: XLSX.BookType): XLSX.WorkSheet {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '月报');
  const back = XLSX.read(XLSX.write(wb, { type: 'array', bookType }), { type: 'array', cellFormula: true, cellNF: true });
  return back.Sheets['月报'];
}

describe('writeReportForm', () => {
  test('standard layout: the notice’s 附件2 rows, A1 title, name in the same cell', () => {
    const ws = roundTrip(
      writeReportForm({ unitName: '郑州市', year: 2023, month: 2, values, filler: '王芳', phone: '0371-60868470', date: '2023年2月28日' }),
      'xlsx',
    );
    expect(ws.A1.v).toBe(FORM_TITLE);
    expect(ws.A2.v).toBe(`${FORM_UNIT_LABEL}郑州市`);
    expect([ws.A3.v, ws.B3.v, ws.C3.v, ws.D3.v, ws.E3.v]).toEqual([
      '培训任务',
      '年度任务（人次）',
      '当月完成（人次）',
      '累计已完成（人次）',
      '累计完成率（%）',
    ]);
    expect([ws.B4.v, ws.C4.v, ws.D4.v, ws.D4.f, ws.E4.v, ws.E4.z]).toEqual([1000, '1,234', 120, '100+20', 0.12, '0.00%']);
    expect(ws.A5.v).toBe('取证人数');
    expect(ws.B5.v).toBe('年度任务（人）');
    expect(ws.A7.v).toBe('其中高级工及以上');
    expect([ws.B8.v, ws.C8.v, ws.D8, ws.E8.v]).toEqual(['—', '无', undefined, '/']);
    expect(ws.A9.v).toBe('1+X证书取证人数');
    expect(ws.A11.v).toMatch(/^说明：/);
    expect(ws.A12.v).toBe('填报单位领导小组组长（签字）：');
    expect(ws.A13.v).toBe('填报人（签字）：王芳  联系电话：0371-60868470');
    expect(ws.A14.v).toBe(`${FORM_DATE_LABEL}2023年2月28日`);
    // indicator labels merged over two rows
    expect(ws['!merges']).toEqual(
      expect.arrayContaining([
        { s: { r: 2, c: 0 }, e: { r: 3, c: 0 } },
        { s: { r: 8, c: 0 }, e: { r: 9, c: 0 } },
      ]),
    );
  });

  test.each<[string, Partial<FormLayout>]>([
    ['compact', { kind: 'compact' }],
    ['shifted', { extraTitleRows: 2, blankFirstColumn: true, periodLine: true }],
    ['next cells', { nameInNextCell: true, dateInNextCell: true, labelStyle: 'newline' }],
    ['compact shifted', { kind: 'compact', blankFirstColumn: true, nameInNextCell: true }],
  ])('%s layout: the cell map says where everything is (xls round trip)', (_name, layout) => {
    const serial = dateSerial(2023, 1, 28);
    const ws = roundTrip(
      writeReportForm({ unitName: '河南工业大学', year: 2023, month: 1, values, date: { number: serial, format: 'yyyy/m/d' }, layout }),
      'biff8',
    );
    const c = reportFormCells(layout);
    expect(ws[c.title].v).toBe(FORM_TITLE);
    expect(ws[c.unitName].v).toBe(layout.nameInNextCell ? '河南工业大学' : `${FORM_UNIT_LABEL}河南工业大学`);
    for (const ind of INDICATORS) {
      expect(String(ws[c.indicators[ind.key].label].v)).toContain(ind.label);
      expect(String(ws[c.indicators[ind.key].headers.cumulative].v)).toContain('累计已完成');
    }
    expect(ws[c.indicators.training.annual].v).toBe(1000);
    expect(ws[c.indicators.certified.cumulative].v).toBe(120);
    if (layout.dateInNextCell) expect(ws[c.date].v).toBe(serial);
    else expect(ws[c.date].v).toBe(`${FORM_DATE_LABEL}${serial}`);
    if (layout.blankFirstColumn) expect(c.title.startsWith('B')).toBe(true);
    expect(XLSX.utils.decode_range(ws['!ref']!).e.r).toBe(XLSX.utils.decode_range(c.ref).e.r);
  });

  test('blank values leave the value cells empty', () => {
    const ws = writeReportForm({ unitName: '', year: 2023, month: 1, values: blankValues() });
    const c = reportFormCells();
    for (const ind of INDICATORS) expect(ws[c.indicators[ind.key].monthly]).toBeUndefined();
    expect(ws[c.unitLabel].v).toBe(FORM_UNIT_LABEL);
  });
});
