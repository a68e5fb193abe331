import { getEntry } from '../../src/core/ledger';
import { SampleFile, SampleForm, TRAIT_FINDINGS, sampleSet } from '../../src/samples/sampleReports';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { MasterModel, newMasterModel } from '../../src/workbook/model';
import { MergePlan, planMerge, readReportFiles } from '../../src/workflow/merge';
import { schemaValidator } from '../helpers/schema';
import { INDICATORS } from '../helpers/table2023';

/**
 * The whole flow on the realistic sample set (179 units, two months, every layout and typical mistake):
 * every file ends merged or rejected with the expected finding, and the merged numbers are exactly
 * the numbers in the files, under the right unit.
 */
const set = sampleSet();
const validMerge = schemaValidator('merge');
const plans: MergePlan[] = [];
let model: MasterModel = newMasterModel(embeddedQuota2023());
for (const month of set.months) {
  const files = set.files.filter((f) => f.month === month);
  const plan = planMerge(model, month, readReportFiles(files, INDICATORS), '2023-01-01 00:00:00');
  plans.push(plan);
  model = plan.model;
}

describe.each(set.months.map((m, i) => [m, i] as const))('sample reports, month %d', (month, i) => {
  const plan = plans[i];
  const files = set.files.filter((f) => f.month === month);
  const forms: Array<{ file: SampleFile; form: SampleForm | null }> = files.flatMap<{ file: SampleFile; form: SampleForm | null }>((f) =>
    f.forms.length ? f.forms.map((form) => ({ file: f, form })) : [{ file: f, form: null }],
  );

  test('the JSON follows the schema', () => {
    expect(validMerge(plan.json)).toEqual([]);
  });

  test('every form ends merged or rejected, nothing silently dropped', () => {
    const outcomes = plan.json.merged.length + plan.json.rejected.length;
    expect(outcomes).toBe(forms.length);
  });

  test('rejections are exactly the scans and the unknown unit, with their codes', () => {
    const expected = files
      .filter((f) => f.traits.some((t) => TRAIT_FINDINGS[t] === 'NOT_SPREADSHEET' || TRAIT_FINDINGS[t] === 'UNKNOWN_UNIT'))
      .map((f) => `${f.name}:${f.traits.includes('unknown-unit') ? 'UNKNOWN_UNIT' : 'NOT_SPREADSHEET'}`)
      .sort();
    expect(plan.json.rejected.map((r) => `${r.file}:${r.code}`).sort()).toEqual(expected);
  });

  test('each injected mistake raises its warning, on its file', () => {
    for (const { file, form } of forms) {
      const traits = form?.traits ?? file.traits;
      const merged = plan.json.merged.find((m) => m.file === file.name && (!form || m.sheet === form.sheet));
      if (!merged) continue;
      const codes = new Set(merged.warnings.map((w) => w.code));
      for (const t of traits) {
        const code = TRAIT_FINDINGS[t];
        if (code && !['NOT_SPREADSHEET', 'UNKNOWN_UNIT'].includes(code))
          expect({ file: file.name, has: codes.has(code as never) }).toEqual({ file: file.name, has: true });
      }
      // No warning without a cause: an honest, correctly typed form raises nothing.
      const caused = traits.some((t) => TRAIT_FINDINGS[t]) || traits.includes('name-variant');
      if (!caused) expect({ file: file.name, warnings: merged.warnings.map((w) => w.message) }).toEqual({ file: file.name, warnings: [] });
    }
  });

  test('merged numbers are exactly what each form holds, under the right unit', () => {
    let compared = 0;
    for (const m of plan.json.merged) {
      const f = files.find((x) => x.name === m.file)!;
      const form = f.forms.find((x) => x.sheet === m.sheet)!;
      expect(form.unitId).toBe(m.unitId);
      for (const ind of INDICATORS) {
        const want = form.values[ind.key];
        const got = getEntry(plan.model.ledger, m.unitId, ind.key, month);
        expect(got?.monthly ?? null).toBe(want.monthly);
        if (!form.traits.includes('missing-cumulative-derivable')) expect(got?.cumulative ?? null).toBe(want.cumulative);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(160 * 4);
  });

  test('missing = the units without a merged report', () => {
    const merged = new Set(plan.json.merged.map((m) => m.unitId));
    expect(plan.json.missing).toEqual(
      embeddedQuota2023()
        .units.filter((u) => !merged.has(u.id))
        .map((u) => u.id),
    );
    for (const id of set.missing[month]) expect(plan.json.missing).toContain(id);
  });
});
