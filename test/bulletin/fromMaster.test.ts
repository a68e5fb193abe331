import { bulletinInput, lateFromLog } from '../../src/bulletin/fromMaster';
import { statusReport } from '../../src/core/status';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { sampleSet } from '../../src/samples/sampleReports';
import { newMasterModel } from '../../src/workbook/model';
import { planMerge, readReportFiles } from '../../src/workflow/merge';
import { planUndo } from '../../src/workflow/undo';
import { INDICATORS } from '../helpers/table2023';

const set = sampleSet({ months: [1] });
const merged = planMerge(newMasterModel(embeddedQuota2023()), 1, readReportFiles(set.files, INDICATORS), '2023-02-05 09:00:00');

describe("the circular's input from a master", () => {
  test('late units are those whose merged month-1 report carried LATE, with the day it was filled in', () => {
    const lateIds = merged.json.merged.filter((m) => m.warnings.some((w) => w.code === 'LATE')).map((m) => m.unitId);
    expect(lateIds.length).toBeGreaterThan(0);
    const late = lateFromLog(merged.model, 1);
    expect(late.map((l) => l.id).sort((a, b) => a - b)).toEqual([...lateIds].sort((a, b) => a - b));
    for (const l of late) expect(l.note).toMatch(/^\d{1,2}月\d{1,2}日报送$/);
    expect(lateFromLog(merged.model, 2)).toEqual([]);
  });

  test('an undone merge leaves no late unit behind', () => {
    const undone = planUndo(merged.model, '2023-02-05 10:00:00').model;
    expect(lateFromLog(undone, 1)).toEqual([]);
  });

  test('figures are the status report and the province summary of the month, nothing recomputed', () => {
    const input = bulletinInput(merged.model, 1, { requirements: ['（一）加快进度。', '  '] });
    const status = statusReport(merged.model.table, merged.model.ledger, 1, merged.model.pace);
    expect(input.units).toEqual(status.units);
    expect(input.missing).toEqual(status.missing);
    expect(input.indicators.map((i) => i.key)).toEqual(INDICATORS.map((i) => i.key));
    expect(input.keeper).toBe('河南省教育厅');
    expect(input.total.label).toBe('全省');
    expect(input.byCategory.map((c) => c.label)).toEqual(merged.model.table.categories);
    expect(input.requirements).toEqual(['（一）加快进度。']);
  });
});
