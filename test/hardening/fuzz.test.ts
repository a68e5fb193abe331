import fc from 'fast-check';
import * as XLSX from 'xlsx';

import { getEntry } from '../../src/core/ledger';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { sampleSet } from '../../src/samples/sampleReports';
import { newMasterModel } from '../../src/workbook/model';
import { planMerge, readReportFiles } from '../../src/workflow/merge';
import { INDICATORS, INDICATOR_KEYS } from '../helpers/table2023';

/**
 * Seeded fuzzing of valid reports (bytes, cells, layout), capped in time: no uncaught exception, every
 * file ends merged or rejected, and a merged report's numbers are exactly what the file holds.
 */
const table = embeddedQuota2023();
const base = sampleSet({ months: [1] })
  .files.filter((f) => f.unitIds.length === 1 && !f.traits.includes('csv-gbk') && f.forms[0]?.unitId !== null && !f.traits.includes('name-from-filename'))
  .slice(0, 12);
const TIME_LIMIT = 20_000;
const merge = (name: string, bytes: Uint8Array) => planMerge(newMasterModel(table), 1, readReportFiles([{ name, bytes }], INDICATORS), 't').json;

test('byte mutations never crash and every file ends merged or rejected', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...base),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 }),
      fc.option(fc.nat(), { nil: undefined }),
      (file, flips, cut) => {
        const bytes = Uint8Array.from(file.bytes);
        for (const [at, v] of flips) bytes[at % bytes.length] = v;
        const mutated = cut === undefined ? bytes : bytes.subarray(0, cut % bytes.length);
        const json = merge(file.name, mutated);
        expect(json.merged.length + json.rejected.length).toBeGreaterThanOrEqual(1);
        for (const r of json.rejected) expect(r.message.length).toBeGreaterThan(0);
      },
    ),
    { seed: 20230306, numRuns: 400, interruptAfterTimeLimit: TIME_LIMIT },
  );
});

test('cell mutations: a merged report holds exactly the numbers in the file', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...base.filter((f) => f.name.endsWith('.xlsx'))),
      fc.constantFrom(...INDICATOR_KEYS),
      fc.constantFrom<'monthly' | 'cumulative'>('monthly', 'cumulative'),
      fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.constantFrom('—', '', '约100', '=1+1', '１２３', '1,234', '#N/A')),
      (file, key, field, value) => {
        const form = file.forms[0];
        const address = form.cells.indicators[key][field];
        const wb = XLSX.read(file.bytes, { type: 'array', cellFormula: true, cellNF: true });
        const ws = wb.Sheets[form.sheet];
        ws[address] = typeof value === 'number' ? { t: 'n', v: value } : { t: 's', v: value };
        const bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
        const json = merge(file.name, bytes);
        expect(json.merged.length + json.rejected.length).toBe(1);
        if (json.merged.length) {
          const plan = planMerge(newMasterModel(table), 1, readReportFiles([{ name: file.name, bytes }], INDICATORS), 't');
          const entry = getEntry(plan.model.ledger, form.unitId!, key, 1);
          const expected = typeof value === 'number' ? value : { '１２３': 123, '1,234': 1234 }[value as string];
          if (
            expected !== undefined &&
            !(field === 'cumulative' && entry?.cumulative !== expected && plan.json.merged[0].warnings.some((w) => w.code === 'CUMULATIVE_DERIVED'))
          ) {
            expect(entry?.[field]).toBe(expected);
          }
        } else {
          expect(json.rejected[0].findings.length).toBeGreaterThan(0);
        }
      },
    ),
    { seed: 42, numRuns: 300, interruptAfterTimeLimit: TIME_LIMIT },
  );
});

test('layout mutations: rows and columns inserted before the form do not change the numbers', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...base.filter((f) => f.name.endsWith('.xlsx'))),
      fc.integer({ min: 0, max: 6 }),
      fc.integer({ min: 0, max: 3 }),
      (file, dr, dc) => {
        const wb = XLSX.read(file.bytes, { type: 'array', cellFormula: true, cellNF: true });
        const ws = wb.Sheets[file.forms[0].sheet];
        const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null });
        const shifted = [...Array.from({ length: dr }, () => []), ...rows.map((r) => [...Array.from({ length: dc }, () => null), ...r])];
        const out = XLSX.utils.book_new();
        XLSX.utils.book_append_sheet(out, XLSX.utils.aoa_to_sheet(shifted), 'Sheet1');
        const original = merge(file.name, file.bytes);
        const moved = merge(file.name, new Uint8Array(XLSX.write(out, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer));
        expect(moved.merged.map((m) => m.unitId)).toEqual(original.merged.map((m) => m.unitId));
        const a = planMerge(newMasterModel(table), 1, readReportFiles([{ name: 'a', bytes: file.bytes }], INDICATORS), 't').model.ledger;
        const b = planMerge(
          newMasterModel(table),
          1,
          readReportFiles([{ name: 'a', bytes: new Uint8Array(XLSX.write(out, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer) }], INDICATORS),
          't',
        ).model.ledger;
        expect(b).toEqual(a);
      },
    ),
    { seed: 7, numRuns: 60, interruptAfterTimeLimit: TIME_LIMIT },
  );
});
