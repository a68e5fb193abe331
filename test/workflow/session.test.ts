import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { sampleSet } from '../../src/samples/sampleReports';
import { FileWorkbook } from '../../src/workbook/adapters/memoryFile';
import { getEntry } from '../../src/core/ledger';
import { readReportFiles } from '../../src/workflow/merge';
import { MasterSession } from '../../src/workflow/session';
import { emptyManualFigures } from '../../src/workflow/manualEntry';
import { readMaster } from '../../src/workbook/readMaster';
import { readWorkbook } from '../../src/workbook/adapters/xlsxRead';
import { INDICATORS } from '../helpers/table2023';

const set = sampleSet({ months: [1] });

describe('MasterSession on an in-memory file master (what the standalone page runs)', () => {
  const wb = new FileWorkbook();
  const session = new MasterSession(wb, () => '2023-02-01 09:00:00');

  test('a workbook that is not a master loads as null; create makes one', async () => {
    expect(await session.load()).toBeNull();
    const model = await session.create(embeddedQuota2023());
    expect(model.table.units).toHaveLength(179);
    expect(model.month).toBe(0);
  });

  test('merge with progress, then the bytes read back as the same model', async () => {
    const stages: string[] = [];
    const json = await session.merge({ month: 1, files: set.files, includeSheets: true, onProgress: (p) => stages.push(p.stage) });
    expect(json.merged.length).toBeGreaterThan(165);
    expect(stages[0]).toBe('读取报表 1/171');
    expect(stages[stages.length - 1]).toBe('完成');
    const back = readMaster(readWorkbook(wb.bytes)).model;
    expect(back.month).toBe(1);
    expect(back.ledger).toEqual(session.model!.ledger);
  });

  test('手工录入: one unit typed from a scan is checked, merged and logged like a file', async () => {
    const missing = session.model!.table.units.find((u) => !session.model!.ledger.has(u.id) && u.quota.advanced !== null)!;
    const figures = emptyManualFigures(INDICATORS);
    figures.training = { annual: String(missing.quota.training), monthly: '1,200', cumulative: '1200', rate: '' };
    const bad = emptyManualFigures(INDICATORS);
    bad.training = { annual: '', monthly: '约100', cumulative: '100', rate: '' };
    const rejected = await session.mergeManual(1, missing.id, bad, '2023-01-28');
    expect(rejected.rejected[0].code).toBe('NOT_A_NUMBER');
    expect(session.model!.ledger.has(missing.id)).toBe(false);
    const json = await session.mergeManual(1, missing.id, figures, '2023-01-28');
    expect(json.merged).toEqual([{ file: '手工录入', sheet: '手工录入', unitId: missing.id, unitName: missing.name, warnings: [] }]);
    const back = readMaster(readWorkbook(wb.bytes)).model;
    expect(getEntry(back.ledger, missing.id, 'training', 1)).toEqual({ monthly: 1200, cumulative: 1200 });
    expect(back.log[back.log.length - 1]).toEqual([
      '2023-02-01 09:00:00',
      '合并',
      1,
      '手工录入',
      '手工录入',
      expect.any(String),
      missing.id,
      missing.name,
      '已合并',
    ]);
    expect(await session.undo()).toContain('已撤销');
    expect(readMaster(readWorkbook(wb.bytes)).model.ledger.has(missing.id)).toBe(false);
  });

  test('别名表, pace curve and 截至月份 are written to the workbook', async () => {
    await session.addAlias('豫西职业技能培训中心', set.missing[1][0]);
    const curve = [0.02, 0.06, 0.12, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
    await session.setPace({ curve, band: 0.08 });
    await session.setMonth(2);
    const back = readMaster(readWorkbook(wb.bytes)).model;
    expect(back.aliases).toEqual([{ alias: '豫西职业技能培训中心', unitId: set.missing[1][0], note: '在导入列表中指定' }]);
    expect(back.pace).toEqual({ curve, band: 0.08 });
    expect(back.month).toBe(2);
    await expect(session.setPace({ curve: [0.5], band: 0.05 })).rejects.toThrow(/12 个月/);
  });

  test('after the alias, the unknown unit is recognised on the next merge', async () => {
    const json = await session.merge({ month: 1, files: set.files, includeSheets: false });
    expect(json.rejected.map((r) => r.code)).toEqual(['NOT_SPREADSHEET']);
    expect(json.merged.some((m) => m.unitId === set.missing[1][0] && m.file.includes('豫西'))).toBe(true);
  });
});

describe("merge with files already read (the page's worker read them for the import list)", () => {
  test('the given read results are merged; the bytes are not read again; the same ledger as reading them', async () => {
    const files = set.files.slice(0, 30);
    const reread = new MasterSession(new FileWorkbook(), () => '2023-02-01 09:00:00');
    await reread.create(embeddedQuota2023());
    const expected = await reread.merge({ month: 1, files, includeSheets: false });

    const session = new MasterSession(new FileWorkbook(), () => '2023-02-01 09:00:00');
    await session.create(embeddedQuota2023());
    const read = files.map((f) => readReportFiles([f], INDICATORS));
    // Bytes that would read as unreadable: only the read results can make these merge.
    const garbage = files.map((f) => ({ ...f, bytes: new Uint8Array([1, 2, 3]) }));
    const json = await session.merge({ month: 1, files: garbage, read, includeSheets: false });
    expect(json.merged).toEqual(expected.merged);
    expect(json.rejected).toEqual(expected.rejected);
    expect(session.model!.ledger).toEqual(reread.model!.ledger);
    await expect(session.merge({ month: 1, files: garbage, read: read.slice(1), includeSheets: false })).rejects.toThrow(/29 read results for 30 files/);
  });
});
