import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { sampleSet } from '../../src/samples/sampleReports';
import { baseName, planImport } from '../../src/taskpane/importRows';
import { readOneReportFile } from '../../src/worker/readOne';
import { newMasterModel } from '../../src/workbook/model';
import { planMerge, readReportFiles } from '../../src/workflow/merge';
import { INDICATORS } from '../helpers/table2023';

const set = sampleSet({ months: [1] });
const model = newMasterModel(embeddedQuota2023());
const files = set.files.map((file, id) => ({ id, file, read: readOneReportFile(file, INDICATORS) }));

test('reading one file in the worker gives what the merge reads', () => {
  for (const f of set.files.slice(0, 30)) expect(readOneReportFile(f, INDICATORS)).toEqual(readReportFiles([f], INDICATORS));
  const big = readOneReportFile({ name: '大文件.xlsx', bytes: new Uint8Array(0), size: 50 * 1024 * 1024 }, INDICATORS);
  expect(big.failures[0].finding.code).toBe('UNREADABLE');
});

test('the dry run: a row per file, problems first, the same judgement as the merge, nothing written', () => {
  const plan = planImport(model, 1, files);
  expect(plan.rows).toHaveLength(set.files.length);
  const real = planMerge(model, 1, readReportFiles(set.files, INDICATORS), 'x').json;
  expect(plan.json.merged).toEqual(real.merged);
  expect(plan.json.rejected).toEqual(real.rejected);
  expect(plan.counts.rejected).toBe(real.rejected.length);
  expect(plan.counts.ready + plan.counts.warning).toBe(real.merged.length);
  const states = plan.rows.map((r) => r.state);
  expect(states.indexOf('ready')).toBeGreaterThan(states.lastIndexOf('rejected'));

  const scan = set.files.find((f) => f.traits.includes('scan-pdf'))!;
  const scanRow = plan.rows.find((r) => r.name === scan.name)!;
  expect(scanRow.entries).toEqual([expect.objectContaining({ sheet: null, state: 'rejected', aliasText: null })]);
  expect(scanRow.entries[0].findings[0].code).toBe('NOT_SPREADSHEET');

  const twoForms = set.files.find((f) => f.traits.includes('two-forms'))!;
  expect(plan.rows.find((r) => r.name === twoForms.name)!.entries).toHaveLength(2);

  const late = plan.rows.find((r) => r.name === set.files.find((f) => f.traits.includes('late'))!.name)!;
  expect(late.state).toBe('warning');
  expect(late.entries[0].findings.find((f) => f.code === 'LATE')!.cell).toMatch(/^[A-Z]+\d+$/);
});

test('an unrecognised unit offers its written name for 别名表, with suggestions; after the alias it is recognised', () => {
  const unknown = set.files.find((f) => f.traits.includes('unknown-unit'))!;
  const row = planImport(model, 1, files).rows.find((r) => r.name === unknown.name)!;
  expect(row.state).toBe('rejected');
  const entry = row.entries[0];
  expect(entry.writtenName).toBe('豫西职业技能培训中心');
  expect(entry.aliasText).toBe('豫西职业技能培训中心');
  expect(entry.findings[0].code).toBe('UNKNOWN_UNIT');
  const target = set.missing[1][0];
  const withAlias = { ...model, aliases: [{ alias: '豫西职业技能培训中心', unitId: target, note: '' }] };
  const after = planImport(withAlias, 1, files).rows.find((r) => r.name === unknown.name)!;
  expect(after.state).not.toBe('rejected');
  expect(after.entries[0].unitId).toBe(target);
});

test('a report that names no unit is aliased by its file name', () => {
  expect(baseName('子目录/河南某某学校-1月.xlsx')).toBe('河南某某学校-1月');
});

test('the pre-check says what happens to an identical report, not that it was merged', () => {
  const one = set.files.find((f) => f.traits.includes('standard') && f.forms.length === 1 && f.unitId !== null)!;
  const copy = { ...one, name: `副本-${one.name}` };
  const list = [one, copy].map((file, id) => ({ id, file, read: readOneReportFile(file, INDICATORS) }));
  const plan = planImport(model, 1, list);
  const dup = plan.rows.find((r) => r.state === 'rejected')!;
  const kept = plan.rows.find((r) => r.state !== 'rejected')!;
  const finding = dup.entries[0].findings.find((f) => f.code === 'DUPLICATE')!;
  // One text for the pre-check and the merge (the message catalogue's): it says the copy is not counted again and
  // never that something was merged, which before the merge would not be true.
  const merged = planMerge(model, 1, readReportFiles([one, copy], INDICATORS), 'x').json.rejected[0].findings[0].message;
  expect(finding.message).toBe(merged);
  expect(finding.message).not.toMatch(/已合并/);
  expect(finding.message).toContain(`“${dup.name}”`);
  expect(finding.message).toContain(`“${kept.name}”`);
  expect(finding.message).toMatch(/此份不重复计入。$/);
});
