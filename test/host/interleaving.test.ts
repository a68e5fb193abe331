/*
 * The task pane and the ribbon on one ExcelHost (the shared runtime), on the strict Excel fake: operations that
 * meet in time. A probe before the command layer ran a pane merge and 本月合并 together: both "succeeded",
 * 合并日志 had 4 rows instead of 6 and one undo record instead of two. Now the session's lock lets one write run at
 * a time (a second is refused, with a message naming the first), reads wait their turn, and every merge's log rows
 * and undo record are there, each undo exact.
 */
import { mergeMonthCommand, undoMergeCommand } from '../../src/commands/commands';
import { ExcelHost } from '../../src/host/excelHost';
import { readMergedSheets } from '../../src/workbook/mergedSheets';
import { SHEET, UNDO_FIRST_ROW } from '../../src/workbook/layout';
import { CellValue } from '../../src/workbook/spec';
import { SessionBusyError } from '../../src/workflow/operationLock';
import { FakeExcel } from '../fakes/excelFake';
import { allSupported, masterInFake, pasteReports, reportFile, sheetName, snapshot, table2023, testClock } from './helpers';
import { MASTER_SHEETS } from '../helpers/table2023';

jest.setTimeout(120_000);

const units = table2023.units;
const unlogged = MASTER_SHEETS.filter((s) => s !== SHEET.log);
const noPane = { showTaskpane: async () => undefined };
const click = () => ({ completed: jest.fn() });

function grid(fake: FakeExcel, sheet: string): CellValue[][] {
  const rows: CellValue[][] = [];
  for (const { row, col, cell } of fake.cells(sheet)) {
    while (rows.length < row) rows.push([]);
    rows[row - 1][col - 1] = cell.value ?? null;
  }
  return rows.map((r) => Array.from({ length: r.length }, (_, i) => r[i] ?? null));
}

/** 合并日志 as [action, month, file, status] per row, in order. */
const logRows = (fake: FakeExcel) =>
  grid(fake, SHEET.log)
    .slice(3)
    .filter((r) => r[0] !== null && r[0] !== '')
    .map((r) => [r[1], r[2], r[3], r[8]]);
/** 合并日志's sheet column, for rows of pasted sheets. */
const logSheets = (fake: FakeExcel) =>
  grid(fake, SHEET.log)
    .slice(3)
    .filter((r) => r[0] !== null && r[0] !== '')
    .map((r) => (r[3] === '本工作簿' ? r[4] : null));
/** 撤销记录: the time of each record. */
const undoRecords = (fake: FakeExcel) =>
  grid(fake, SHEET.undo)
    .slice(UNDO_FIRST_ROW - 1)
    .filter((r) => typeof r[1] === 'string' && r[1] !== '')
    .map((r) => r[1]);
const sheetRecords = (fake: FakeExcel) => readMergedSheets({ sheetNames: [SHEET.config], sheets: new Map([[SHEET.config, grid(fake, SHEET.config)]]) });

/**
 * A host over the fake whose Excel.run calls `hook` first (once per queued hook): a click that lands while an
 * operation is between its syncs.
 */
function hookedHost(fake: FakeExcel): { host: ExcelHost; hooks: Array<() => void> } {
  const hooks: Array<() => void> = [];
  const run = <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    hooks.shift()?.();
    return fake.run(batch);
  };
  return { host: new ExcelHost(run, { isSetSupported: allSupported, clock: testClock() }), hooks };
}

describe('pane merge, 本月合并 and undo interleaved on one host', () => {
  test('clicks that land mid-operation are refused and write nothing; every log row and undo record is there; each undo is exact', async () => {
    const { fake } = await masterInFake(table2023);
    const { host, hooks } = hookedHost(fake);
    const ribbon = host.master.as('ribbon');
    const start = snapshot(fake, unlogged);
    const paneFiles = units.slice(0, 3).map((u, i) => reportFile(u, i, 1));

    // 1. The pane merges month 1 (3 files). Between its read and its write, report sheets are pasted and 本月合并
    //    and 撤销合并 are clicked.
    let ribbonMerge: ReturnType<typeof mergeMonthCommand> | null = null;
    let ribbonUndo: ReturnType<typeof undoMergeCommand> | null = null;
    hooks.push(
      () => undefined, // the pane merge's read
      () => {
        // its write: the clicks land between its read and its write
        pasteReports(fake, units.slice(3, 5), 2, table2023);
        ribbonMerge = mergeMonthCommand(ribbon, click(), noPane);
        ribbonUndo = undoMergeCommand(ribbon, click(), noPane);
      },
    );
    const paneMerge = await host.master.merge({ month: 1, files: paneFiles, includeSheets: true });
    const refusedMerge = await ribbonMerge!;
    const refusedUndo = await ribbonUndo!;
    // Only the pane's merge was written: its 3 rows and its undo record. (Without the lock both clicks ran during
    // the merge: 本月合并 merged the sheets as month 2, 撤销合并 "undid" the pane's month 1 from a stale read, and
    // the writes overlapped: no 撤销 row in 合并日志, one undo record of the two merges.)
    expect(logRows(fake)).toEqual(paneFiles.map((f) => ['合并', 1, f.name, '已合并']));
    expect(undoRecords(fake)).toHaveLength(1);
    expect(paneMerge.merged).toHaveLength(3);
    expect(refusedMerge).toMatchObject({ operation: 'mergeSheets', source: 'ribbon', ok: false, needsAttention: false, merge: null });
    expect(refusedMerge.summary).toBe('“合并报表”尚未完成，“本月合并”没有执行：请等“合并报表”完成、看过它的结果后再操作。');
    expect(refusedUndo.summary).toBe('“合并报表”尚未完成，“撤销合并”没有执行：请等“合并报表”完成、看过它的结果后再操作。');
    expect(fake.runCount).toBe(2); // the pane merge's read and write: the refused clicks never reached Excel
    const afterPane = snapshot(fake, unlogged);

    // 2. 本月合并 clicked again merges the pasted sheets as month 2. While it runs, the pane's 撤销合并 is refused
    //    and its 重新读取主表 waits for the merge and sees it.
    let paneUndo: Promise<unknown> | null = null;
    let paneReload: ReturnType<typeof host.master.load> | null = null;
    hooks.push(() => {
      paneUndo = host.master.undo().catch((e: unknown) => e);
      paneReload = host.master.load();
    });
    const merged = await mergeMonthCommand(ribbon, click(), noPane);
    expect(merged).toMatchObject({ ok: true, source: 'ribbon' });
    expect(merged.merge!.month).toBe(2);
    expect(merged.merge!.merged.map((m) => m.sheet)).toEqual(units.slice(3, 5).map((u) => sheetName(u, 2)));
    const undoRefusal = await paneUndo!;
    expect(undoRefusal).toBeInstanceOf(SessionBusyError);
    expect((undoRefusal as Error).message).toBe('“本月合并”尚未完成，“撤销合并”没有执行：请等“本月合并”完成、看过它的结果后再操作。');
    expect((await paneReload!)!.month).toBe(2);
    expect(host.master.state().lastBy.pane).toMatchObject({ operation: 'load', ok: true });
    const afterRibbon = snapshot(fake, unlogged);

    // Both merges fully there: 3 + 2 log rows, 2 undo records, 2 sheet records.
    expect(logRows(fake)).toEqual([
      ...units.slice(0, 3).map((_u, i) => ['合并', 1, paneFiles[i].name, '已合并']),
      ...units.slice(3, 5).map(() => ['合并', 2, '本工作簿', '已合并']),
    ]);
    expect(undoRecords(fake)).toHaveLength(2);
    expect(new Set(undoRecords(fake)).size).toBe(2);
    expect(sheetRecords(fake).map((r) => [r.sheet, r.month, r.mergeIndex])).toEqual(units.slice(3, 5).map((u) => [sheetName(u, 2), 2, 2]));

    // 3. The pane undoes the ribbon's merge, the ribbon the pane's: each exact.
    expect(await host.master.undo()).toMatch(/^已撤销 .* 的 2 月合并：恢复 2 个单位的数据，截至月份恢复为 1 月。$/);
    const back = snapshot(fake, unlogged);
    expect(back).toBe(afterPane);
    expect(back).not.toBe(afterRibbon);
    expect(sheetRecords(fake)).toEqual([]);
    const undone = await undoMergeCommand(ribbon, click(), noPane);
    expect(undone).toMatchObject({ ok: true, summary: expect.stringMatching(/的 1 月合并：恢复 3 个单位的数据，截至月份恢复为 0（尚未合并任何月份）。$/) });
    expect(snapshot(fake, unlogged)).toBe(start);
    expect(undoRecords(fake)).toEqual([]);
    expect(logRows(fake).map((r) => r[0])).toEqual(['合并', '合并', '合并', '合并', '合并', '撤销', '撤销']);
  });

  test('the probe: a pane merge and 本月合并 started together: one runs, the other is refused; nothing lost or counted twice', async () => {
    const { fake } = await masterInFake(table2023);
    const { host } = hookedHost(fake);
    const start = snapshot(fake, unlogged);
    pasteReports(fake, units.slice(3, 6), 1, table2023);
    const paneFiles = units.slice(0, 3).map((u, i) => reportFile(u, i, 1));

    const [pane, ribbon] = await Promise.all([
      host.master.merge({ month: 1, files: paneFiles, includeSheets: true }).catch((e: unknown) => e),
      mergeMonthCommand(host.master.as('ribbon'), click(), noPane),
    ]);
    // Every report once in 合并日志, one undo record for the one merge written. (Without the lock both merges read
    // the same master and wrote the same rows: the pasted sheets' rows over the files', one record of two.)
    expect(logRows(fake)).toEqual([...paneFiles.map((f) => ['合并', 1, f.name, '已合并']), ...units.slice(3, 6).map(() => ['合并', 1, '本工作簿', '已合并'])]);
    expect(logSheets(fake)).toEqual([null, null, null, ...units.slice(3, 6).map((u) => sheetName(u, 1))]);
    expect(undoRecords(fake)).toHaveLength(1);
    // The pane asked first: its merge (its files and the pasted sheets) ran; 本月合并 was refused.
    expect((pane as { merged: unknown[] }).merged).toHaveLength(6);
    expect(ribbon).toMatchObject({ ok: false, merge: null });

    // Clicked again: the sheets are recorded as merged, so nothing is written twice.
    const again = await mergeMonthCommand(host.master.as('ribbon'), click(), noPane);
    expect(again).toMatchObject({ ok: true, merge: null, needsAttention: true, summary: expect.stringMatching(/^没有新的月报表/) });
    expect(logRows(fake)).toHaveLength(6);
    expect(undoRecords(fake)).toHaveLength(1);
    expect(host.master.state().model!.ledger.size).toBe(6);

    await host.master.undo();
    expect(snapshot(fake, unlogged)).toBe(start);
    expect(sheetRecords(fake)).toEqual([]);
  });
});
