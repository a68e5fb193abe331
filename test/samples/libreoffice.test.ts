import * as XLSX from 'xlsx';
import { sampleReports } from '../../src/samples/sampleReports';
import { convertWithLibreOffice } from '../helpers/libreoffice';
import { countOf, openSample, rateReadings } from './readBack';

/**
 * A real spreadsheet application reads our files: LibreOffice Calc (headless) converts an .xls, the .ods
 * and a workbook with two forms to .xlsx, and every cell reads back with the same value.
 */
const files = sampleReports({ months: [2] });
const picked = [
  files.find((f) => f.traits.includes('xls') && f.traits.includes('standard') && f.traits.includes('rate-percent-format'))!,
  files.find((f) => f.traits.includes('ods'))!,
  files.find((f) => f.traits.includes('two-forms'))!,
];

let converted: XLSX.WorkBook[];

beforeAll(() => {
  converted = convertWithLibreOffice(
    picked.map((f, i) => ({ name: `in${i}-${f.name}`, bytes: f.bytes })),
    'xlsx',
  ).map((b) => XLSX.read(b, { type: 'buffer' }));
}, 300_000);

describe.each(picked.map((f, i) => [f.name, i] as const))('LibreOffice reads %s', (_name, i) => {
  test('same sheets, same cell values', () => {
    const original = openSample(picked[i]);
    const back = converted[i];
    expect(back.SheetNames).toEqual(original.SheetNames);
    for (const name of original.SheetNames) {
      const a = original.Sheets[name];
      const b = back.Sheets[name];
      for (const addr of Object.keys(a).filter((k) => !k.startsWith('!'))) {
        expect([addr, b[addr]?.v]).toEqual([addr, a[addr].v]);
      }
    }
  });

  test('the figures of each form read the same', () => {
    const back = converted[i];
    for (const form of picked[i].forms) {
      const ws = back.Sheets[form.sheet];
      for (const key of ['training', 'certified', 'advanced', 'onePlusX'] as const) {
        const at = form.cells.indicators[key];
        const v = form.values[key];
        expect(countOf(ws[at.monthly])).toBe(v.monthly);
        expect(countOf(ws[at.cumulative])).toBe(v.cumulative);
        if (v.rate !== null) expect(rateReadings(ws[at.rate]).some((r) => Math.abs(r - v.rate!) < 1e-9)).toBe(true);
      }
    }
  });
});
