import { cumulativeAsOf } from '../../src/core/ledger';
import { statusReport } from '../../src/core/status';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { sampleSet } from '../../src/samples/sampleReports';
import { chartScale } from '../../src/taskpane/components/ProgressChart';
import { behindUnits, categoryProgress, defaultMergeMonth, missingByCategory, reminderText, statusCounts } from '../../src/taskpane/overviewData';
import { getStrings } from '../../src/taskpane/strings';
import { newMasterModel } from '../../src/workbook/model';
import { planMerge, readReportFiles } from '../../src/workflow/merge';
import { INDICATORS, INDICATOR_KEYS } from '../helpers/table2023';

const set = sampleSet({ months: [1] });
const fresh = newMasterModel(embeddedQuota2023());
const model = planMerge(fresh, 1, readReportFiles(set.files, INDICATORS), '2023-02-01 09:00:00').model;
const report = statusReport(model.table, model.ledger, model.month, model.pace);

test('status counts are the status report counted (what the CLI prints)', () => {
  const counts = statusCounts(report);
  for (const s of ['ok', 'amber', 'red', 'none'] as const) expect(counts[s]).toBe(report.units.filter((u) => u.status === s).length);
  expect(counts.missing).toBe(report.missing.length);
  expect(counts.ok + counts.amber + counts.red + counts.none).toBe(179);
  expect(statusCounts(statusReport(fresh.table, fresh.ledger, 0, fresh.pace))).toEqual({ ok: 0, amber: 0, red: 0, none: 179, missing: 0, total: 179 });
});

test("category progress is the master's 全省汇总 (the province summary): sums of every unit of the category", () => {
  const cities = categoryProgress(model, 'training').find((c) => c.category === '省辖市')!;
  const units = model.table.units.filter((u) => u.category === '省辖市');
  expect(cities.annual).toBe(316_900);
  expect(cities.cumulative).toBe(units.reduce((s, u) => s + (cumulativeAsOf(model.ledger, u.id, 'training', 1) ?? 0), 0));
  expect(cities.rate).toBeCloseTo(cities.cumulative! / cities.annual!, 12);
  // 省辖市 have no 高级工 quota: shown as no quota ("—"), not as 0 or 0%
  const advanced = categoryProgress(model, 'advanced').find((c) => c.category === '省辖市')!;
  expect(advanced.annual).toBeNull();
  expect(categoryProgress(fresh, 'training').every((c) => c.status === 'none')).toBe(true);
});

test('units behind pace: amber and red only, worst indicator, largest gap first', () => {
  const behind = behindUnits(report, INDICATORS);
  expect(behind.length).toBe(report.units.filter((u) => u.status === 'amber' || u.status === 'red').length);
  for (let i = 1; i < behind.length; i++) expect(behind[i].gap).toBeGreaterThanOrEqual(behind[i - 1].gap);
  for (const b of behind.slice(0, 20)) {
    const u = report.units.find((x) => x.id === b.id)!;
    const gaps = INDICATOR_KEYS.filter((k) => u.indicators[k].annual !== null && u.indicators[k].rate !== null).map(
      (k) => (u.indicators[k].rate! - report.expectedRate) * 100,
    );
    expect(b.gap).toBeCloseTo(Math.min(...gaps), 10);
    expect(b.gap).toBeLessThan(0);
  }
});

test('missing units by category, and the reminder text', () => {
  const groups = missingByCategory(model, 1);
  const ids = groups.flatMap((g) => g.units.map((u) => u.id)).sort((a, b) => a - b);
  expect(ids).toEqual([...report.missing].sort((a, b) => a - b));
  const t = getStrings('zh-CN');
  const text = reminderText({ heading: t.reminderHeading, group: t.reminderGroup, total: t.reminderTotal, separator: t.listSeparator }, 2023, 2, groups);
  const lines = text.split('\n');
  expect(lines[0]).toBe('2023年2月“人人持证、技能河南”进度月报尚未报送的单位（报送截止：2月28日）：');
  expect(lines).toHaveLength(groups.length + 2);
  expect(lines[1]).toBe(`${groups[0].category}（${groups[0].units.length}个）：${groups[0].units.map((u) => u.name).join('、')}`);
  expect(lines[lines.length - 1]).toBe(`共 ${ids.length} 个单位，请尽快报送。`);
  // English UI, Chinese list: it goes to the units
  expect(getStrings('en-US').reminderHeading(2023, 1, 30)).toBe(t.reminderHeading(2023, 1, 30));
});

test('the merge month defaults to 截至月份 + 1, at most 12', () => {
  expect(defaultMergeMonth(fresh)).toBe(1);
  expect(defaultMergeMonth(model)).toBe(2);
  expect(defaultMergeMonth({ ...model, month: 12 })).toBe(12);
});

test('chart scale: a round step above the largest value', () => {
  expect(chartScale(0)).toBe(0.1);
  expect(chartScale(0.083)).toBe(0.1);
  expect(chartScale(0.11)).toBe(0.2);
  expect(chartScale(0.5)).toBe(0.6);
  expect(chartScale(0.9)).toBe(1.25); // 0.9 × 1.15 > 1: quarter steps
  expect(chartScale(1)).toBe(1.25);
  expect(chartScale(2.3)).toBe(2.75);
});
