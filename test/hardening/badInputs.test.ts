import { readFileSync } from 'fs';
import { join } from 'path';
import { badInputs } from '../../src/hardening/badInputs';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { newMasterModel } from '../../src/workbook/model';
import { planMerge, readReportFiles } from '../../src/workflow/merge';
import { INDICATORS } from '../helpers/table2023';

const table = embeddedQuota2023();
const corpus = badInputs(table);
const docs = readFileSync(join(__dirname, '../../docs/bad-inputs.md'), 'utf8');

describe('bad-input corpus: each kind gets its expected outcome, no crash, no partial write', () => {
  const timings = new Map<string, number>();
  const outcomes = corpus.map((input) => {
    const t = Date.now();
    const read = readReportFiles([input], INDICATORS);
    timings.set(input.name, Date.now() - t);
    return { input, plan: planMerge(newMasterModel(table), 1, read, '2023-02-01 00:00:00') };
  });

  test.each(outcomes.map((o) => [o.input.kind, o] as const))('%s', (_kind, { input, plan }) => {
    const rejected = plan.json.rejected.filter((r) => r.file === input.name);
    const merged = plan.json.merged.filter((m) => m.file === input.name);
    if (input.expected === 'merged') {
      expect(rejected.map((r) => `${r.code}: ${r.message}`)).toEqual(input.name === 'same-unit-copy.xlsx' ? [expect.stringMatching(/^DUPLICATE/)] : []);
      expect(merged.length).toBeGreaterThan(0);
      const codes = new Set(merged.flatMap((m) => m.warnings.map((w) => w.code)));
      for (const w of input.warnings ?? []) expect(codes.has(w)).toBe(true);
    } else {
      expect(merged).toEqual([]);
      expect(rejected.map((r) => r.code)).toContain(input.expected);
      for (const r of rejected) expect(r.message).toMatch(/\p{Script=Han}/u);
    }
  });

  test('text from reports never becomes a formula: injection text is kept as text in the log rows', () => {
    const { plan } = outcomes.find((o) => o.input.name === 'injection-name.xlsx')!;
    const texts = plan.patches.flatMap((p) => p.cells).filter((c) => typeof c.value === 'string' && c.value.includes('HYPERLINK'));
    expect(texts.length).toBeGreaterThan(0);
    // Patches carry values only; adapters write strings as text (xlsxPatch: inline strings; Office.js: "@" format).
    for (const c of texts) expect(typeof c.value).toBe('string');
  });

  test('a 1,000,000-row file is read within the row limit, in bounded time', () => {
    expect(timings.get('million.csv')!).toBeLessThan(20_000);
  });

  test('docs/bad-inputs.md lists every kind with its expected outcome', () => {
    for (const input of corpus) {
      const row = docs.split('\n').find((l) => l.includes(`\`${input.name}\``));
      expect({ name: input.name, row: row ?? '' }).toEqual({
        name: input.name,
        row: expect.stringContaining(input.expected === 'merged' ? '合并' : input.expected),
      });
    }
  });
});
