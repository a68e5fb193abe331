import { cumulativeAsOf, getEntry } from '../../src/core/ledger';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { SampleFile, sampleReports } from '../../src/samples/sampleReports';
import { manualReport } from '../../src/workflow/manualEntry';
import { MasterModel, newMasterModel } from '../../src/workbook/model';
import { MergeJson, planMerge, readReportFiles } from '../../src/workflow/merge';
import { INDICATORS } from '../helpers/table2023';

/**
 * #11.2: a month re-sent is not counted again. The sample generator's February CSV of 平顶山市 has 当月 filled
 * and 累计 blank (derived as January's 累计 + 当月 when merged); merged again as March it used to be derived anew
 * (1,636 + 996) with only DATE_OUTSIDE_MONTH. STALE compares what the unit typed.
 */
const table = embeddedQuota2023();
const files = sampleReports({ months: [1, 2, 3] });
const byMonth = (m: number) => files.filter((f) => f.month === m);
const merge = (model: MasterModel, month: number, picked: SampleFile[]) => planMerge(model, month, readReportFiles(picked, INDICATORS), `t${month}`);

const febCsv = files.find((f) => f.month === 2 && f.traits.includes('csv-gbk') && f.traits.includes('missing-cumulative-derivable'))!;
const febXlsx = files.find(
  (f) =>
    f.month === 2 &&
    f.traits.includes('xlsx') &&
    f.unitIds.length === 1 &&
    f.traits.length < 8 &&
    !f.traits.includes('missing-cumulative-derivable') &&
    !f.traits.includes('cumulative-mismatch'),
)!;

let afterFeb: MasterModel;
beforeAll(() => {
  afterFeb = merge(merge(newMasterModel(table), 1, byMonth(1)).model, 2, byMonth(2)).model;
}, 180_000);

const staleOf = (json: MergeJson, file: string) => json.rejected.find((r) => r.file === file);

describe('a month re-sent is not counted again', () => {
  test('the fixture is the case of the issue: a February CSV with 当月 and a blank 累计, merged as February', () => {
    expect(febCsv.unitId).toBe(4);
    const typed = febCsv.forms[0].values.training;
    expect(typed.cumulative).toBeNull();
    expect(getEntry(afterFeb.ledger, 4, 'training', 2)).toEqual({
      monthly: typed.monthly,
      cumulative: cumulativeAsOf(afterFeb.ledger, 4, 'training', 1)! + typed.monthly!,
    });
  });

  test.each([
    ['the CSV with a blank 累计', () => febCsv],
    ['an .xlsx with 累计 typed', () => febXlsx],
  ])("February's %s merged as March is STALE, and the unit keeps February's figures", (_what, pick) => {
    const file = pick();
    const unitId = file.unitIds[0];
    const plan = merge(afterFeb, 3, [file]);
    expect(plan.json.merged).toEqual([]);
    const rejected = staleOf(plan.json, file.name)!;
    expect(rejected).toMatchObject({ code: 'STALE', unitId });
    expect(rejected.message).toContain('已合并的 2 月报表');
    for (const ind of INDICATORS) expect(cumulativeAsOf(plan.model.ledger, unitId, ind.key, 3)).toBe(cumulativeAsOf(afterFeb.ledger, unitId, ind.key, 2));
    expect(plan.json.missing).toContain(unitId);
  });

  test('the real March reports of the same month set raise no STALE (no false positives here)', () => {
    const plan = merge(afterFeb, 3, byMonth(3));
    expect(plan.json.rejected.filter((r) => r.code === 'STALE')).toEqual([]);
    expect(plan.json.merged.map((m) => m.unitId)).toEqual(expect.arrayContaining([4, febXlsx.unitIds[0]]));
  });

  test('a unit with no progress typed by hand (手工录入) is merged: only reports sent in are STALE', () => {
    const unit = table.units.find((u) => u.id === 4)!;
    const feb = (k: string) => getEntry(afterFeb.ledger, 4, k, 2);
    // February's figures typed again for March: a report sent in with these would be STALE.
    const same = Object.fromEntries(INDICATORS.map((i) => [i.key, { annual: '', monthly: String(feb(i.key)?.monthly ?? ''), cumulative: '', rate: '' }]));
    const byHand = planMerge(afterFeb, 3, { reports: [manualReport(unit, INDICATORS, same, '2023-03-28')], failures: [] }, 't');
    expect(byHand.json.rejected).toEqual([]);
    expect(byHand.json.merged.map((m) => m.unitId)).toEqual([4]);
  });
});
