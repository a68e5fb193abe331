import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { inflateSync } from 'zlib';
import * as XLSX from 'xlsx';

import { DEFAULT_BAND, defaultPace, expectedRate } from '../../src/core/pace';
import { statusOf } from '../../src/core/status';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { FORM_DATE_LABEL, FORM_TITLE, FORM_UNIT_LABEL, columnLabels } from '../../src/samples/reportForm';
import { SampleFile, SampleForm, SampleTrait, TRAIT_FINDINGS, dateSerial, sampleReports, sampleSet } from '../../src/samples/sampleReports';
import { crc32 } from '../../src/workbook/adapters/crc32';
import { writeSampleReports } from '../../src/samples/writeSamples';
import { countOf, isScan, openSample, rateReadings, textOf } from './readBack';
import { INDICATORS } from '../helpers/table2023';

const units = embeddedQuota2023().units;
const set = sampleSet();
const files = set.files;
const ofMonth = (m: number) => files.filter((f) => f.month === m);
const withTrait = (m: number, t: SampleTrait) => ofMonth(m).filter((f) => f.traits.includes(t));
const MISTAKES: SampleTrait[] = [
  'name-variant',
  'name-from-filename',
  'unknown-unit',
  'annual-mismatch',
  'cumulative-mismatch',
  'missing-cumulative-derivable',
  'late',
];
const formOf = (m: number, unitId: number): { file: SampleFile; form: SampleForm } | null => {
  for (const file of ofMonth(m)) for (const form of file.forms) if (form.unitId === unitId) return { file, form };
  return null;
};

describe('determinism', () => {
  test('two runs give byte-identical files (even after SheetJS has read workbooks with other formats)', () => {
    for (const f of ofMonth(1).filter((x) => !isScan(x))) openSample(f);
    const again = sampleReports();
    expect(again.map((f) => f.name)).toEqual(files.map((f) => f.name));
    again.forEach((f, i) => expect(Buffer.from(f.bytes).equals(Buffer.from(files[i].bytes))).toBe(true));
  });

  test('month 2 alone gives the same month-2 files; another seed gives other files', () => {
    const only2 = sampleReports({ months: [2] });
    expect(only2.map((f) => f.name)).toEqual(ofMonth(2).map((f) => f.name));
    only2.forEach((f, i) => expect(Buffer.from(f.bytes).equals(Buffer.from(ofMonth(2)[i].bytes))).toBe(true));
    const other = sampleReports({ seed: 7, months: [1] });
    expect(other.map((f) => f.name)).not.toEqual(ofMonth(1).map((f) => f.name));
  });

  test('months outside 1–12 are refused', () => {
    expect(() => sampleReports({ months: [13] })).toThrow(RangeError);
  });
});

describe.each([1, 2])('month %i', (month) => {
  const mine = ofMonth(month);

  test('every unit has a file or is in the missing list (not both); about 8 missing', () => {
    const covered = new Set(mine.flatMap((f) => f.unitIds));
    const missing = set.missing[month];
    expect(missing).toHaveLength(8);
    for (const u of units) expect(covered.has(u.id) !== missing.includes(u.id)).toBe(true);
    // one file per unit
    const ids = mine.flatMap((f) => f.unitIds);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(mine.map((f) => f.name)).size).toBe(mine.length);
  });

  test('the mistakes and variants each appear as planned', () => {
    const n = (t: SampleTrait) => withTrait(month, t).length;
    expect(n('name-variant')).toBe(6);
    expect(n('unknown-unit')).toBe(1);
    expect(n('annual-mismatch')).toBe(1);
    expect(n('late')).toBe(2);
    expect(n('name-from-filename')).toBe(1);
    expect(n('two-forms')).toBe(1);
    expect(n('scan-pdf') + n('scan-png')).toBe(1);
    expect(n('cumulative-mismatch')).toBe(month >= 2 ? 1 : 0);
    expect(n('missing-cumulative-derivable')).toBe(month >= 2 ? 1 : 0);
    expect(n('formula-cell')).toBe(2);
    expect(n('ods')).toBe(1);
    expect(n('fullwidth-digits')).toBe(3);
    expect(n('number-with-unit')).toBe(3);
    expect(n('text-numbers')).toBeGreaterThanOrEqual(9);
    for (const t of [
      'compact',
      'shifted',
      'name-next-cell',
      'date-serial',
      'rate-percent-text',
      'rate-fraction',
      'rate-number',
      'empty-sheets',
    ] as SampleTrait[]) {
      expect(n(t)).toBeGreaterThanOrEqual(2);
    }
    const xls = n('xls') / mine.length;
    const csv = n('csv-gbk') / mine.length;
    expect(xls).toBeGreaterThan(0.07);
    expect(xls).toBeLessThan(0.13);
    expect(csv).toBeGreaterThan(0.03);
    expect(csv).toBeLessThan(0.07);
    expect(TRAIT_FINDINGS['cumulative-mismatch']).toBe('CUMULATIVE_MISMATCH');
  });

  test('file names are realistic: unit name (or the variant) and the right extension', () => {
    for (const f of mine) {
      expect(f.name).toMatch(/\.(xlsx|xls|csv|ods|pdf|png)$/);
      if (f.unitId !== null && !f.traits.includes('name-variant')) {
        const u = units.find((x) => x.id === f.unitId);
        expect(f.name).toContain(u?.name);
      }
    }
  });

  test('every spreadsheet opens with SheetJS and reads back as written', () => {
    for (const f of mine.filter((x) => !isScan(x))) {
      const wb = openSample(f);
      expect(f.forms.length).toBeGreaterThan(0);
      for (const form of f.forms) {
        const ws = wb.Sheets[form.sheet];
        expect(ws).toBeDefined();
        const c = form.cells;
        expect(textOf(ws[c.title])).toBe(FORM_TITLE);
        if (form.layout.nameInNextCell) {
          expect(textOf(ws[c.unitLabel])).toBe(FORM_UNIT_LABEL);
          expect(textOf(ws[c.unitName])).toBe(form.unitName);
        } else {
          expect(textOf(ws[c.unitLabel])).toBe(FORM_UNIT_LABEL + form.unitName);
        }
        for (const ind of INDICATORS) {
          const at = c.indicators[ind.key];
          const v = form.values[ind.key];
          expect(textOf(ws[at.label])).toContain(ind.label);
          expect([f.name, ws[at.annual], countOf(ws[at.annual])]).toEqual([f.name, ws[at.annual], v.annual]);
          expect(countOf(ws[at.monthly])).toBe(v.monthly);
          expect(countOf(ws[at.cumulative])).toBe(v.cumulative);
          if (v.rate === null) expect(rateReadings(ws[at.rate])).toEqual([]);
          else expect([f.name, ws[at.rate], rateReadings(ws[at.rate]).some((r) => Math.abs(r - v.rate!) < 1e-9)]).toEqual([f.name, ws[at.rate], true]);
          if (form.layout.kind === 'standard') {
            const labels = columnLabels(ind, form.layout.labelStyle);
            expect(textOf(ws[at.headers.annual])).toBe(labels.annual);
            expect(textOf(ws[at.headers.cumulative])).toBe(labels.cumulative);
          }
        }
        // 填报时间
        const [y, m, d] = form.date.split('-').map(Number);
        const dateCell = ws[c.date];
        if (dateCell?.t === 'n') expect(Math.round(dateCell.v as number)).toBe(dateSerial(y, m, d));
        else {
          const t = textOf(dateCell).replace(FORM_DATE_LABEL, '');
          const parts = /(\d{4})\D+(\d{1,2})\D+(\d{1,2})/.exec(t);
          expect(parts && parts.slice(1, 4).map(Number)).toEqual([y, m, d]);
        }
      }
    }
  });

  test('the GBK CSV files decode with gb18030 (and are not UTF-8) and name the unit', () => {
    const csvs = withTrait(month, 'csv-gbk');
    expect(csvs.length).toBeGreaterThan(0);
    for (const f of csvs) {
      const text = new TextDecoder('gb18030').decode(f.bytes);
      expect(text).toContain('河南省教育系统“人人持证、技能河南”');
      expect(text).toContain(f.forms[0].unitName);
      expect(text).toContain('\r\n');
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(f.bytes)).toThrow();
    }
  });

  test('dates: due the 30th (or the month end), late ones in the first days of the next month', () => {
    const due = Math.min(30, new Date(Date.UTC(2023, month, 0)).getUTCDate());
    for (const f of mine) {
      for (const form of f.forms) {
        const [y, m, d] = form.date.split('-').map(Number);
        expect(y).toBe(2023);
        if (form.traits.includes('late')) {
          expect(m).toBe(month + 1);
          expect(d).toBeLessThanOrEqual(5);
        } else {
          expect(m).toBe(month);
          expect(d).toBeLessThanOrEqual(due);
          expect(d).toBeGreaterThanOrEqual(due - 7);
        }
      }
    }
  });

  test('figures are consistent: 累计 = 上月累计 + 当月, rate = 累计 / 年度任务, advanced ≤ certified', () => {
    for (const f of mine) {
      for (const form of f.forms) {
        if (form.unitId === null) continue;
        const unit = units.find((u) => u.id === form.unitId)!;
        for (const ind of INDICATORS) {
          const v = form.values[ind.key];
          if (unit.quota[ind.key] === null) {
            expect(v).toEqual({ annual: null, monthly: null, cumulative: null, rate: null });
            continue;
          }
          if (!form.traits.includes('annual-mismatch')) expect(v.annual).toBe(unit.quota[ind.key]);
          const truth = set.progress[unit.id][ind.key]!;
          const prev = month >= 2 ? truth[month - 2] : 0;
          if (!form.traits.includes('missing-cumulative-derivable')) expect(v.cumulative).toBe(truth[month - 1]);
          if (!form.traits.some((t) => MISTAKES.includes(t) && t !== 'late' && t !== 'name-variant' && t !== 'name-from-filename')) {
            expect(v.monthly).toBe(truth[month - 1] - prev);
            if (v.rate !== null) expect(Math.abs(v.rate - v.cumulative! / v.annual!)).toBeLessThan(0.0006);
          }
        }
        if (unit.quota.advanced !== null) {
          expect(form.values.advanced.cumulative ?? 0).toBeLessThanOrEqual(form.values.certified.cumulative ?? Infinity);
          expect(form.values.advanced.monthly ?? 0).toBeLessThanOrEqual(form.values.certified.monthly ?? Infinity);
        }
      }
    }
  });
});

describe('month 2 against month 1', () => {
  test('where no mistake was injected, month-2 累计 = month-1 累计 + month-2 当月', () => {
    let checked = 0;
    for (const u of units) {
      const a = formOf(1, u.id);
      const b = formOf(2, u.id);
      if (!a || !b) continue;
      if ([...a.form.traits, ...b.form.traits].some((t) => ['annual-mismatch', 'cumulative-mismatch', 'missing-cumulative-derivable'].includes(t))) continue;
      for (const ind of INDICATORS) {
        const x = a.form.values[ind.key];
        const y = b.form.values[ind.key];
        if (u.quota[ind.key] === null) continue;
        expect(x.cumulative).toBe(x.monthly);
        expect(y.cumulative).toBe(x.cumulative! + y.monthly!);
        expect(y.annual).toBe(x.annual);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  test('the injected mistakes are what their traits say', () => {
    const [mismatch] = withTrait(2, 'cumulative-mismatch');
    const prevM = formOf(1, mismatch.unitId!)!.form.values.training;
    const curM = mismatch.forms[0].values.training;
    expect(curM.cumulative).not.toBe(prevM.cumulative! + curM.monthly!);

    const [derivable] = withTrait(2, 'missing-cumulative-derivable');
    const prevD = formOf(1, derivable.unitId!);
    expect(prevD).not.toBeNull();
    for (const ind of INDICATORS) {
      const v = derivable.forms[0].values[ind.key];
      if (v.annual === null) continue;
      expect(v.cumulative).toBeNull();
      expect(v.monthly).not.toBeNull();
      expect(prevD!.form.values[ind.key].cumulative).not.toBeNull();
    }

    for (const month of [1, 2]) {
      const [annual] = withTrait(month, 'annual-mismatch');
      const unit = units.find((u) => u.id === annual.unitId)!;
      expect(annual.forms[0].values.training.annual).not.toBe(unit.quota.training);

      const [unknown] = withTrait(month, 'unknown-unit');
      expect(unknown.unitId).toBeNull();
      expect(units.some((u) => u.name === unknown.forms[0].unitName)).toBe(false);

      for (const f of withTrait(month, 'name-variant')) {
        const unit = units.find((u) => u.id === f.unitId)!;
        expect(f.forms[0].unitName).not.toBe(unit.name);
      }
      const [noName] = withTrait(month, 'name-from-filename');
      expect(noName.forms[0].unitName).toBe('');

      const [two] = withTrait(month, 'two-forms');
      expect(two.unitId).toBeNull();
      expect(two.unitIds).toHaveLength(2);
      expect(openSample(two).SheetNames).toEqual(two.forms.map((x) => x.sheet));
    }
  });

  test('a formula cell keeps its formula and cached value', () => {
    const f = withTrait(2, 'formula-cell')[0];
    const wb = XLSX.read(f.bytes, { type: 'array', cellFormula: true });
    const form = f.forms[0];
    const cell = wb.Sheets[form.sheet][form.cells.indicators.training.cumulative];
    expect(cell.f).toMatch(/^\d+\+[A-Z]+\d+$/);
    expect(cell.v).toBe(form.values.training.cumulative);
  });

  test('statuses at month 2 are roughly 60% ok, 20% amber, 20% red (core rules, linear pace, band 0.05)', () => {
    const expected = expectedRate(defaultPace(), 2);
    const counts = { ok: 0, amber: 0, red: 0, none: 0 };
    for (const u of units) {
      const order = { none: 0, ok: 1, amber: 2, red: 3 };
      let worst: keyof typeof order = 'none';
      for (const ind of INDICATORS) {
        const q = u.quota[ind.key];
        if (q === null) continue;
        const s = statusOf(set.progress[u.id][ind.key]![1] / q, expected, DEFAULT_BAND);
        if (order[s] > order[worst]) worst = s;
      }
      expect(worst).toBe(set.statusAtMonth2[u.id]);
      counts[worst]++;
    }
    expect(counts.ok / units.length).toBeCloseTo(0.6, 1);
    expect(counts.amber / units.length).toBeCloseTo(0.2, 1);
    expect(counts.red / units.length).toBeCloseTo(0.2, 1);
  });
});

describe('scans', () => {
  test('the PDF is a valid one-page PDF with exact xref offsets', () => {
    const pdf = files.find((f) => f.traits.includes('scan-pdf'))!;
    const text = Buffer.from(pdf.bytes).toString('latin1');
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    const startxref = Number(/startxref\n(\d+)\n/.exec(text)![1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets.length).toBeGreaterThan(3);
    offsets.forEach((off, i) => expect(text.slice(off).startsWith(`${i + 1} 0 obj`)).toBe(true));
  });

  test('the PNG has valid chunks (CRC) and image data', () => {
    const png = files.find((f) => f.traits.includes('scan-png'))!;
    const b = Buffer.from(png.bytes);
    expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    let at = 8;
    const types: string[] = [];
    let width = 0;
    let height = 0;
    let idat = Buffer.alloc(0);
    while (at < b.length) {
      const len = b.readUInt32BE(at);
      const type = b.subarray(at + 4, at + 8).toString('ascii');
      const data = b.subarray(at + 8, at + 8 + len);
      expect(b.readUInt32BE(at + 8 + len)).toBe(crc32(b.subarray(at + 4, at + 8 + len)));
      if (type === 'IHDR') [width, height] = [data.readUInt32BE(0), data.readUInt32BE(4)];
      if (type === 'IDAT') idat = Buffer.concat([idat, data]);
      types.push(type);
      at += 12 + len;
    }
    expect(types).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(inflateSync(idat).length).toBe((width + 1) * height);
  });
});

describe('writeSampleReports', () => {
  test('writes dir/<month>月/ and a manifest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'samples-'));
    try {
      const manifest = writeSampleReports(dir, { months: [1] });
      const onDisk = readdirSync(join(dir, '1月')).sort();
      expect(onDisk).toEqual(
        ofMonth(1)
          .map((f) => f.name)
          .sort(),
      );
      const json = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      expect(json).toEqual(JSON.parse(JSON.stringify(manifest)));
      expect(json.files).toHaveLength(ofMonth(1).length);
      expect(json.missing['1']).toEqual(set.missing[1]);
      const first = ofMonth(1)[0];
      expect(readFileSync(join(dir, '1月', first.name)).equals(Buffer.from(first.bytes))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
