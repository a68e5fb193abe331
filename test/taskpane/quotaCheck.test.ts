import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { checkQuota } from '../../src/taskpane/quotaCheck';
import { NEW_UNIT, RENAMED, nextYearText, nextYearUnits, noticeText, noticeWithWrongTotal, pastedTable } from './quotaTexts';

const embedded = embeddedQuota2023();
const text = (t: string) => ({ kind: 'text' as const, text: t });

test("the notice's own text gives the embedded 2023 table, nothing to ask", () => {
  const r = checkQuota(text(noticeText), 2023, embedded.source, embedded);
  expect(r.problems).toEqual([]);
  expect(r.undecided).toEqual([]);
  expect(r.changes).toEqual({ renamed: [], added: [], dropped: [] });
  expect(r.table).toEqual(embedded);
});

test('a wrong 合计 is refused with the importer’s message', () => {
  const r = checkQuota(text(noticeWithWrongTotal(7)), 2024, 'x', embedded);
  expect(r.table).toBeNull();
  expect(r.problems).toEqual(['合计行与各行之和不符（培训任务：合计 1050007，各行之和 1050000；合计行在第 253 行）。请核对任务表是否完整、数字是否有误。']);
});

describe('a new unit whose category is not evident', () => {
  const old30 = embedded.units[29].name;
  const old100 = embedded.units[99].name;

  test('is asked for instead of refused; renamed, new and dropped units are reported against the real previous list', () => {
    const r = checkQuota(text(nextYearText()), 2024, 'x', embedded);
    expect(r.table).toBeNull();
    expect(r.problems).toEqual([]);
    expect(r.undecided).toEqual([{ key: `179 ${NEW_UNIT}`, id: 179, name: NEW_UNIT }]);
    expect(r.changes).toEqual({ renamed: [`30：${old30} → ${RENAMED}`], added: [`179 ${NEW_UNIT}`], dropped: [`100 ${old100}`] });
  });

  test('once chosen, the importer builds the table with that category; the changes stay the same', () => {
    const r = checkQuota(text(nextYearText()), 2024, 'x', embedded, new Map([[`179 ${NEW_UNIT}`, '本科高校']]));
    expect(r.problems).toEqual([]);
    expect(r.changes.added).toEqual([`179 ${NEW_UNIT}`]);
    expect(r.changes.dropped).toEqual([`100 ${old100}`]);
    expect(r.table!.units).toEqual(nextYearUnits());
    expect(r.table!.year).toBe(2024);
  });

  test('the 合计 check, skipped while a category is missing, runs once it is chosen', () => {
    const units = nextYearUnits();
    const wrong = pastedTable(units).replace(/^合 计\t\t(\d+)/m, (_, n) => `合 计\t\t${Number(n) + 1}`);
    const asked = checkQuota(text(wrong), 2024, 'x', embedded);
    expect(asked.problems).toEqual([]);
    expect(asked.undecided).toHaveLength(1);
    const r = checkQuota(text(wrong), 2024, 'x', embedded, new Map([[`179 ${NEW_UNIT}`, '本科高校']]));
    expect(r.table).toBeNull();
    expect(r.problems[0]).toMatch(/^合计行与各行之和不符（培训任务/);
  });

  test('other problems are shown alongside and keep the table refused, even with a category chosen', () => {
    const bad = nextYearText().replace(/^1\t郑州市\t72100/m, '1\t郑州市\t721OO');
    const r = checkQuota(text(bad), 2024, 'x', embedded, new Map([[`179 ${NEW_UNIT}`, '本科高校']]));
    expect(r.table).toBeNull();
    // The row's own problem, and (the category now known) the 合计 check that the bad row breaks.
    expect(r.problems[0]).toContain('“721OO”不是整数');
    expect(r.problems.length).toBeGreaterThan(1);
    expect(r.problems.slice(1).every((p) => p.startsWith('合计行与各行之和不符'))).toBe(true);
    expect(r.undecided.map((u) => u.id)).toEqual([179]);
  });
});

test('a workbook file goes through the same importer', () => {
  const q = (v: number | null) => v ?? '—';
  const rows = embedded.units.map((u) => [u.id, u.name, u.category, q(u.quota.training), q(u.quota.certified), q(u.quota.advanced), q(u.quota.onePlusX)]);
  const csv = ['序号,单位名称,类别,培训任务,取证人数,其中高级工及以上,1+X证书取证人数', ...rows.map((r) => r.join(','))].join('\n');
  const r = checkQuota({ kind: 'file', name: 'q.csv', bytes: new TextEncoder().encode(csv) }, 2024, 'q.csv', embedded);
  expect(r.problems).toEqual([]);
  expect(r.table!.units).toEqual(embedded.units);
});
