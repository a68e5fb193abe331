import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { sha256Hex } from '../../src/reports/readReports';
import { sampleSet } from '../../src/samples/sampleReports';
import { ImportFile, PickedFile, addPicks, pickSuffix } from '../../src/taskpane/importList';
import { planImport } from '../../src/taskpane/importRows';
import { readOneReportFile } from '../../src/worker/readOne';
import { newMasterModel } from '../../src/workbook/model';
import { planMerge } from '../../src/workflow/merge';
import { INDICATORS } from '../helpers/table2023';

const set = sampleSet({ months: [1] });
const model = newMasterModel(embeddedQuota2023());
// Two units' templates, sent back under the notice's name for the form.
const [a, b] = set.files.filter((f) => f.traits.includes('standard') && f.traits.includes('xlsx') && f.forms.length === 1 && f.unitId !== null);
const SAME = '附件2.xlsx';

const picked = (bytes: Uint8Array, name = SAME): PickedFile => ({ name, size: bytes.length, bytes, sha256: sha256Hex(bytes) });

/** What ImportMerge does with a pick: list it, read it, add the entries. */
function pickInto(list: ImportFile[], files: PickedFile[], pick: number): { list: ImportFile[]; again: string[] } {
  const nextId = Math.max(0, ...list.map((f) => f.id)) + 1;
  const { added, again } = addPicks(list, files, pick, nextId);
  const entries = added.map((x) => {
    const file = { name: x.name, size: x.pick.size, bytes: x.pick.bytes };
    return { id: x.id, file, read: readOneReportFile(file, INDICATORS), picked: x.pick.name, sha256: x.pick.sha256 };
  });
  return { list: [...list, ...entries], again };
}

test('two files of the same name are two entries; the second is told apart by its pick', () => {
  let { list } = pickInto([], [picked(a.bytes)], 1);
  const second = pickInto(list, [picked(b.bytes)], 2);
  list = second.list;
  expect(second.again).toEqual([]);
  expect(list.map((f) => [f.id, f.file.name, f.picked])).toEqual([
    [1, SAME, SAME],
    [2, pickSuffix(SAME, 2, 1), SAME],
  ]);
  expect(pickSuffix(SAME, 2, 1)).toBe('附件2.xlsx（第 2 次选择）');

  // The dry run lists each unit under its own file: the counts are per report, not per name.
  const plan = planImport(model, 1, list);
  expect(plan.rows.map((r) => [r.id, r.entries.map((e) => e.unitId)])).toEqual([
    [1, [a.unitId]],
    [2, [b.unitId]],
  ]);
  expect(plan.counts.ready + plan.counts.warning).toBe(2);
  expect(plan.counts.rejected).toBe(0);
  // …and the merge merges both, each under a name 合并日志 can tell apart.
  const merged = planMerge(model, 1, { reports: list.flatMap((f) => f.read.reports), failures: [] }, 't').json.merged;
  expect(merged.map((m) => [m.file, m.unitId])).toEqual([
    [SAME, a.unitId],
    [pickSuffix(SAME, 2, 1), b.unitId],
  ]);
});

test('the same file picked again (name, size and content) is not added twice; the same name with other content is', () => {
  const { list } = pickInto([], [picked(a.bytes)], 1);
  const again = addPicks(list, [picked(a.bytes), picked(b.bytes)], 2, 2);
  expect(again.again).toEqual([SAME]);
  expect(again.added.map((x) => [x.id, x.name])).toEqual([[2, pickSuffix(SAME, 2, 1)]]);
  // The same content under another name is another file: the merge's DUPLICATE check judges it.
  expect(addPicks(list, [picked(a.bytes, '郑州市.xlsx')], 2, 2).added.map((x) => x.name)).toEqual(['郑州市.xlsx']);
  // Same name and size but other bytes: not the same file.
  const changed = a.bytes.slice();
  changed[changed.length - 1] ^= 1;
  expect(addPicks(list, [picked(changed)], 2, 2).added).toHaveLength(1);
});

test('names stay unique over many picks and within one pick (a folder pick gives paths, which differ)', () => {
  let list: ImportFile[] = [];
  const bytes = [a.bytes, b.bytes, ...set.files.slice(0, 3).map((f) => f.bytes)];
  bytes.forEach((x, i) => (list = pickInto(list, [picked(x)], i + 1).list));
  const names = list.map((f) => f.file.name);
  expect(new Set(names).size).toBe(names.length);
  // One pick with the same name twice (only a folder pick could) still gets two names.
  const both = addPicks([], [picked(a.bytes), picked(b.bytes)], 7, 1);
  expect(both.added.map((x) => x.name)).toEqual([SAME, pickSuffix(SAME, 7, 1)]);
  expect(() => planImport(model, 1, [{ ...list[0] }, { ...list[1], file: list[0].file }])).toThrow(/same name/);
});
