// @slow (test:fast leaves it out): every host operation on the strict Office.js fake, with large masters.
import { getEntry } from '../../src/core/ledger';
import { EXCEL_FEATURES, ExcelHost, HostFeatureError } from '../../src/host/excelHost';
import { SessionBusyError } from '../../src/workflow/operationLock';
import { DEFAULT_CHUNK_BYTES, DEFAULT_READ_CHUNK_BYTES, FOREIGN_CELL_BYTES } from '../../src/workbook/adapters/officeJs';
import { MERGED_SHEET_ROWS, README_CELLS, SHEET, ledgerColumn, unitRow } from '../../src/workbook/layout';
import { readMergedSheets } from '../../src/workbook/mergedSheets';
import { cellAddress } from '../../src/workbook/address';
import { NotAMasterError } from '../../src/workflow/session';
import { NothingToUndo } from '../../src/workflow/undo';
import { EXCEL_WEB_PAYLOAD_LIMIT, FakeExcel } from '../fakes/excelFake';
import { pasteIntoFake } from '../fakes/pasteSheet';
import {
  allSupported,
  cumulativeTo,
  masterInFake,
  monthly,
  pasteReports,
  reportFile,
  reportSheet,
  sheetName,
  snapshot,
  syncProfile,
  syntheticTable,
  table2023,
  testClock,
} from './helpers';
import { INDICATOR_SHEET } from '../helpers/table2023';

const ledgerCell = (fake: FakeExcel, unitIndex: number, month: number, field: 'monthly' | 'cumulative') =>
  fake.cell(INDICATOR_SHEET.training, cellAddress(unitRow(unitIndex), ledgerColumn(month, field)))?.value ?? null;
const monthCell = (fake: FakeExcel) => fake.cell(SHEET.readme, cellAddress(README_CELLS.month.row, README_CELLS.month.col))?.value;

// ---------------------------------------------------------------------------------------------------------
describe('本月合并 of pasted report sheets: syncs do not grow with the number of reports', () => {
  const measured: string[] = [];

  test.each([10, 179, 1000])('%i pasted sheets: 2 syncs + read chunks + write chunks, each under 5 MB', async (n) => {
    const table = syntheticTable(n);
    const { fake, host } = await masterInFake(table);
    pasteReports(fake, table.units, 1, table);
    const outcome = await host.mergeMonth();

    expect(outcome.json!.month).toBe(1);
    expect(outcome.json!.merged).toHaveLength(n);
    expect(outcome.json!.rejected).toEqual([]);
    expect(outcome.json!.merged.every((m) => m.warnings.length === 0)).toBe(true);
    expect(outcome.json!.missing).toEqual([]);

    const p = syncProfile(fake, 0);
    // Sync 1 lists the sheets, sync 2 reads the master and the pasted sheets' sizes, then the contents in
    // response chunks, then the writes in request chunks: nothing else, whatever the number of reports.
    const cells = 14 * 5; // a 附件2 form: A1:E14
    const readChunks = Math.ceil((n * (200 + cells * FOREIGN_CELL_BYTES)) / DEFAULT_READ_CHUNK_BYTES);
    const totalWritten = p.writes.reduce((s, x) => s + x.requestBytes, 0);
    expect(p.reads).toHaveLength(2 + readChunks);
    expect(p.writes.length).toBeLessThanOrEqual(Math.ceil(totalWritten / (DEFAULT_CHUNK_BYTES / 2)) + 1);
    expect(p.all).toEqual([...p.reads, ...p.writes]); // reads first, then writes
    if (n <= 179) expect(p.all.length).toBeLessThanOrEqual(4 + p.writes.length - 1); // 3 reads + write chunks
    expect(p.maxRequest).toBeLessThan(EXCEL_WEB_PAYLOAD_LIMIT);
    expect(p.maxResponse).toBeLessThan(EXCEL_WEB_PAYLOAD_LIMIT);
    expect(fake.runCount).toBe(2); // one Excel.run to read, one to write

    // Written: the ledger, 截至月份, one log row per sheet, and a record per sheet in 配置.
    table.units.forEach((u, i) => expect(ledgerCell(fake, i, 1, 'cumulative')).toBe(u.quota.training === null ? null : cumulativeTo(i, 1)));
    expect(monthCell(fake)).toBe(1);
    expect(fake.cells(SHEET.log).filter((c) => c.col === 1 && c.row >= 4)).toHaveLength(n);
    const records = fake.cells(SHEET.config).filter((c) => c.row >= MERGED_SHEET_ROWS.first && c.col === 1);
    expect(records).toHaveLength(n);
    expect(records.every((c) => c.cell.value === MERGED_SHEET_ROWS.key)).toBe(true);
    measured.push(
      `${n} sheets: ${p.reads.length} read + ${p.writes.length} write syncs, max request ${(p.maxRequest / 1024).toFixed(0)} KB, max response ${(p.maxResponse / 1024).toFixed(0)} KB`,
    );
  });

  test.each([10, 179, 1000])(
    '%i report files (task pane merge): 2 read syncs + write chunks',
    async (n) => {
      const table = syntheticTable(n);
      const { fake, host } = await masterInFake(table);
      const files = table.units.map((u, i) => reportFile(u, i, 1));
      const json = await host.master.merge({ month: 1, files, includeSheets: true });
      expect(json.merged).toHaveLength(n);
      const p = syncProfile(fake, 0);
      expect(p.reads).toHaveLength(2); // no pasted sheets: list + master
      expect(p.writes.length).toBeLessThanOrEqual(Math.ceil(p.writes.reduce((s, x) => s + x.requestBytes, 0) / (DEFAULT_CHUNK_BYTES / 2)) + 1);
      expect(p.maxRequest).toBeLessThan(EXCEL_WEB_PAYLOAD_LIMIT);
      expect(p.maxResponse).toBeLessThan(EXCEL_WEB_PAYLOAD_LIMIT);
      measured.push(`${n} files: ${p.reads.length} read + ${p.writes.length} write syncs`);
    },
    180_000,
  ); // counts syncs, not time: 1,000 reports take a while on a loaded machine

  afterAll(() => {
    if (process.env.SHOW_SYNCS) console.log(measured.join('\n'));
  });
});

// ---------------------------------------------------------------------------------------------------------
describe('本月合并: twice changes nothing; recorded sheets are STALE for another month; undo', () => {
  const table = table2023;
  const first = table.units.slice(0, 10);

  test('pressing 本月合并 twice: the second finds no new sheet and writes nothing', async () => {
    const { fake, host } = await masterInFake(table);
    pasteReports(fake, first, 1, table);
    const one = await host.mergeMonth();
    expect(one.json!.merged).toHaveLength(10);
    const before = snapshot(fake, [...Object.values(SHEET), ...Object.values(INDICATOR_SHEET)]);
    const from = fake.syncCount;
    const two = await host.mergeMonth();
    expect(two.json).toBeNull();
    expect(two.summary).toMatch(/没有新的月报表/);
    expect(two.summary).toMatch(/1 月合并/);
    expect(two.sheets.recorded).toHaveLength(10);
    expect(syncProfile(fake, from).writes).toEqual([]);
    expect(snapshot(fake, [...Object.values(SHEET), ...Object.values(INDICATOR_SHEET)])).toBe(before);
  });

  test('merging the same sheets again as the same month (task pane) changes no ledger, 报送情况, 截至月份 or record', async () => {
    const { fake, host } = await masterInFake(table);
    pasteReports(fake, first, 1, table);
    await host.mergeMonth();
    const kept = [...Object.values(INDICATOR_SHEET), SHEET.reports, SHEET.readme, SHEET.config];
    const before = snapshot(fake, kept);
    const json = await host.master.merge({ month: 1, files: [], includeSheets: true });
    expect(json.merged).toHaveLength(10);
    expect(json.rejected).toEqual([]);
    expect(json.merged.flatMap((m) => m.warnings)).toEqual([]);
    expect(snapshot(fake, kept)).toBe(before);
  });

  test('a sheet recorded for month 1 offered for month 2 is STALE, even when its figures no longer match month 1', async () => {
    const { fake, host } = await masterInFake(table);
    pasteReports(fake, first, 1, table);
    await host.mergeMonth();
    // Month 1 of the first unit corrected by hand since: the core's "same figures as another month" rule
    // would no longer see the old sheet as stale; the record in 配置 still does.
    fake.setCell(INDICATOR_SHEET.training, cellAddress(unitRow(0), ledgerColumn(1, 'monthly')), { value: 999 });
    fake.setCell(INDICATOR_SHEET.training, cellAddress(unitRow(0), ledgerColumn(1, 'cumulative')), { value: 999 });
    const late = table.units[10];
    pasteIntoFake(fake, sheetName(late, 2), reportSheet(late, 10, 2));
    const outcome = await host.mergeMonth();
    const json = outcome.json!;
    expect(json.month).toBe(2);
    expect(json.merged.map((m) => m.sheet)).toEqual([sheetName(late, 2)]);
    expect(json.rejected).toHaveLength(10);
    expect(json.rejected.every((r) => r.code === 'STALE')).toBe(true);
    const stale = json.rejected.find((r) => r.sheet === sheetName(first[0], 1))!;
    expect(stale.message).toMatch(/已于 .* 作为 1 月报表合并/);
    expect(stale.message).toMatch(/不再合并为 2 月/);
    expect(ledgerCell(fake, 0, 2, 'cumulative')).toBeNull();
    expect(ledgerCell(fake, 0, 1, 'cumulative')).toBe(999);
    expect(monthCell(fake)).toBe(2);
    // The log keeps the STALE rejections.
    expect(fake.cells(SHEET.log).filter((c) => c.col === 9 && c.cell.value === '未合并：与其他月份数据相同（STALE）')).toHaveLength(10);
  });

  test('a copy of a merged sheet under another name is the same report: STALE too', async () => {
    const { fake, host } = await masterInFake(table);
    pasteReports(fake, first.slice(0, 1), 1, table);
    await host.mergeMonth();
    fake.deleteSheet(fake.sheet(sheetName(first[0], 1)));
    pasteIntoFake(fake, '复制的表', reportSheet(first[0], 0, 1));
    const late = table.units[1];
    pasteIntoFake(fake, sheetName(late, 2), reportSheet(late, 1, 2));
    const json = (await host.mergeMonth()).json!;
    expect(json.rejected.map((r) => [r.sheet, r.code])).toEqual([['复制的表', 'STALE']]);
    expect(json.rejected[0].message).toMatch(/当时名为“1-1月”/);
  });

  test('撤销合并 restores the ledger, 截至月份 and records; the sheets can then be merged again', async () => {
    const { fake, host } = await masterInFake(table);
    const start = snapshot(fake, [...Object.values(INDICATOR_SHEET), SHEET.reports, SHEET.readme, SHEET.config]);
    pasteReports(fake, first, 1, table);
    await host.mergeMonth();
    expect(ledgerCell(fake, 0, 1, 'monthly')).toBe(monthly(0, 1));
    const from = fake.syncCount;
    const message = await host.undoLast();
    expect(message).toMatch(/已撤销 .* 1 月合并：恢复 10 个单位/);
    const p = syncProfile(fake, from);
    expect(p.reads).toHaveLength(2);
    expect(p.writes).toHaveLength(1);
    expect(snapshot(fake, [...Object.values(INDICATOR_SHEET), SHEET.reports, SHEET.readme, SHEET.config])).toBe(start);
    expect(records(fake)).toEqual([]);
    expect(host.master.state().model!.month).toBe(0);
    // Undone, the sheets are not recorded any more: merged again as month 1.
    const again = await host.mergeMonth();
    expect(again.json!.month).toBe(1);
    expect(again.json!.merged).toHaveLength(10);
    await host.undoLast();
    await expect(host.undoLast()).rejects.toBeInstanceOf(NothingToUndo);
  });

  test("undo of the second merge keeps the first merge's records", async () => {
    const { fake, host } = await masterInFake(table);
    pasteReports(fake, first.slice(0, 3), 1, table);
    await host.mergeMonth();
    pasteReports(fake, first.slice(0, 3), 2, table);
    const second = await host.mergeMonth();
    expect(second.json!.merged.map((m) => m.sheet).sort()).toEqual(
      first
        .slice(0, 3)
        .map((u) => sheetName(u, 2))
        .sort(),
    );
    expect(second.json!.rejected.map((r) => r.code)).toEqual(['STALE', 'STALE', 'STALE']);
    expect(records(fake).map((r) => [r.sheet, r.month, r.mergeIndex])).toEqual([
      ...first.slice(0, 3).map((u) => [sheetName(u, 1), 1, 1]),
      ...first.slice(0, 3).map((u) => [sheetName(u, 2), 2, 2]),
    ]);
    await host.undoLast();
    const back = readMergedSheets({ sheetNames: [SHEET.config], sheets: new Map([[SHEET.config, toGrid(fake, SHEET.config)]]) });
    expect(back.map((r) => [r.sheet, r.month, r.mergeIndex, r.row])).toEqual(
      first.slice(0, 3).map((u, i) => [sheetName(u, 1), 1, 1, MERGED_SHEET_ROWS.first + i]),
    );
    expect(monthCell(fake)).toBe(1);
  });

  test('a master edited by hand between merges is read again before merging', async () => {
    const { fake, host } = await masterInFake(table);
    await host.master.load();
    fake.setCell(SHEET.readme, cellAddress(README_CELLS.month.row, README_CELLS.month.col), { value: 4 });
    pasteReports(fake, first.slice(0, 1), 5, table);
    const json = (await host.mergeMonth()).json!;
    expect(json.month).toBe(5);
  });
});

/** The pasted-sheet records of 配置, as the workbook holds them. */
function records(fake: FakeExcel) {
  return readMergedSheets({ sheetNames: [SHEET.config], sheets: new Map([[SHEET.config, toGrid(fake, SHEET.config)]]) });
}

function toGrid(fake: FakeExcel, sheet: string): Array<Array<string | number | boolean | null>> {
  const grid: Array<Array<string | number | boolean | null>> = [];
  for (const { row, col, cell } of fake.cells(sheet)) {
    while (grid.length < row) grid.push([]);
    grid[row - 1][col - 1] = cell.value ?? null;
  }
  return grid.map((r) => Array.from({ length: r.length }, (_, i) => r[i] ?? null));
}

// ---------------------------------------------------------------------------------------------------------
describe('ExcelHost: features, create, select, not a master, busy', () => {
  test('missingFeatures names each missing requirement set in Chinese', () => {
    const upTo18 = (name: string, version: string) => name === 'ExcelApi' && Number(version) <= 1.8;
    const host = new ExcelHost(new FakeExcel().run, { isSetSupported: upTo18 });
    const missing = host.missingFeatures();
    expect(missing).toHaveLength(2);
    expect(missing[0]).toMatch(/新建主表需要 ExcelApi 1\.9/);
    expect(missing[1]).toMatch(/SharedRuntime 1\.1/);
    expect(missing.join('')).toMatch(/[\u4e00-\u9fff]/);
    expect(new ExcelHost(new FakeExcel().run, { isSetSupported: allSupported }).missingFeatures()).toEqual([]);
    const none = new ExcelHost(new FakeExcel().run, { isSetSupported: () => false });
    expect(none.missingFeatures()).toEqual(EXCEL_FEATURES.map((f) => f.missing));
    const throwing = new ExcelHost(new FakeExcel().run, {
      isSetSupported: () => {
        throw new Error('no Office');
      },
    });
    expect(throwing.missingFeatures()).toHaveLength(EXCEL_FEATURES.length);
    // Outside Office (no isSetSupported given, no Office global): everything is reported missing, nothing throws.
    expect(new ExcelHost(new FakeExcel().run).missingFeatures()).toHaveLength(EXCEL_FEATURES.length);
  });

  test('an Excel without ExcelApi 1.9 refuses 新建主表 before touching the workbook; 1.7 missing refuses merges', async () => {
    const fake = new FakeExcel();
    const old = new ExcelHost(fake.run, { isSetSupported: (n, v) => n === 'ExcelApi' && Number(v) <= 1.8 });
    await expect(old.create(table2023)).rejects.toBeInstanceOf(HostFeatureError);
    const older = new ExcelHost(fake.run, { isSetSupported: (n, v) => n === 'ExcelApi' && Number(v) <= 1.6 });
    await expect(older.mergeMonth()).rejects.toThrow(/ExcelApi 1\.7/);
    await expect(older.undoLast()).rejects.toThrow(/ExcelApi 1\.7/);
    expect(fake.syncCount).toBe(0);
  });

  test("the pane's paths are guarded too: on ExcelApi 1.6 every write is refused before a sync, reading works", async () => {
    const { fake } = await masterInFake(table2023);
    const host = new ExcelHost(fake.run, { isSetSupported: (n, v) => n === 'ExcelApi' && Number(v) <= 1.6, clock: testClock() });
    expect((await host.master.load())!.month).toBe(0);
    const from = fake.syncCount;
    const writes: Array<() => Promise<unknown>> = [
      () => host.master.merge({ month: 1, files: [reportFile(table2023.units[0], 0, 1)], includeSheets: true }),
      () => host.master.mergeManual(1, 1, {}, '2023-01-28'),
      () => host.master.undo(),
      () => host.master.addAlias('郑州教育局', 1),
      () => host.master.setPace({ curve: Array.from({ length: 12 }, (_, i) => (i + 1) / 12), band: 0.05 }),
      () => host.master.setMonth(2),
    ];
    for (const write of writes) await expect(write()).rejects.toThrow(/^合并、撤销、手工录入和修改设置需要 ExcelApi 1\.7/);
    await expect(host.create(table2023)).rejects.toThrow(/^新建主表需要 ExcelApi 1\.9/);
    expect(fake.syncCount).toBe(from);
    expect(host.master.state().last).toMatchObject({ operation: 'create', source: 'pane', ok: false, needsAttention: true });
    // Below 1.2 even reading is refused, with what to use instead.
    const oldest = new ExcelHost(fake.run, { isSetSupported: () => false });
    await expect(oldest.master.load()).rejects.toThrow(/^读取主表需要 ExcelApi 1\.2.*独立网页或命令行/);
    expect(fake.syncCount).toBe(from);
  });

  test('kind, label, create in an empty workbook, and no second 新建主表 over a master', async () => {
    const fake = new FakeExcel();
    const host = new ExcelHost(fake.run, { isSetSupported: allSupported, clock: testClock() });
    expect(host.kind).toBe('excel');
    expect(host.masterLabel()).toBe('当前工作簿');
    expect(await host.master.load()).toBeNull();
    const model = await host.create(table2023);
    expect(model.table.units).toHaveLength(179);
    await expect(host.create(table2023)).rejects.toThrow(/已是主表/);
  });

  test("selectUnit selects the unit's row of 进度总览 in one sync", async () => {
    const { fake, host } = await masterInFake(table2023);
    await host.master.load();
    fake.activeSheetId = fake.sheet(SHEET.quota).id;
    const from = fake.syncCount;
    await host.selectUnit(table2023.units[4].id);
    expect(fake.syncCount - from).toBe(1);
    expect(fake.activeSheetName()).toBe(SHEET.overview);
    expect(fake.selection).toEqual({ sheet: SHEET.overview, address: `A${unitRow(4)}:AB${unitRow(4)}` });
    await expect(host.selectUnit(99999)).rejects.toThrow(/不在任务分配表中/);
  });

  test('本月合并 in a workbook that is not a master: NotAMasterError, nothing written', async () => {
    const fake = new FakeExcel();
    pasteIntoFake(fake, '郑州市', reportSheet(table2023.units[0], 0, 1));
    const host = new ExcelHost(fake.run, { isSetSupported: allSupported });
    await expect(host.mergeMonth()).rejects.toBeInstanceOf(NotAMasterError);
    await expect(host.undoLast()).rejects.toBeInstanceOf(NotAMasterError);
    expect(fake.syncs.every((s) => !s.calculationSuspended)).toBe(true);
  });

  test('no report sheet at all: nothing written, a hint where to paste them', async () => {
    const { fake, host } = await masterInFake(table2023);
    const outcome = await host.mergeMonth();
    expect(outcome.json).toBeNull();
    expect(outcome.summary).toMatch(/没有找到月报表工作表/);
    expect(syncProfile(fake, 0).writes).toEqual([]);
  });

  test('a second merge while the first runs is refused (double click), not queued', async () => {
    const { fake, host } = await masterInFake(table2023);
    pasteReports(fake, table2023.units.slice(0, 2), 1, table2023);
    const a = host.mergeMonth();
    await expect(host.mergeMonth()).rejects.toBeInstanceOf(SessionBusyError);
    expect((await a).json!.merged).toHaveLength(2);
    expect(monthCell(fake)).toBe(1);
  });

  test('12 merged months: 本月合并 with a new sheet explains that the year is complete', async () => {
    const { fake, host } = await masterInFake(table2023);
    fake.setCell(SHEET.readme, cellAddress(README_CELLS.month.row, README_CELLS.month.col), { value: 12 });
    pasteReports(fake, table2023.units.slice(0, 1), 12, table2023);
    await expect(host.mergeMonth()).rejects.toThrow(/截至月份已是 12 月/);
  });

  test('the merged figures read back through the session model', async () => {
    const { fake, host } = await masterInFake(table2023);
    pasteReports(fake, table2023.units.slice(0, 3), 1, table2023);
    await host.mergeMonth();
    const model = (await host.master.load())!;
    expect(getEntry(model.ledger, table2023.units[2].id, 'training', 1)).toEqual({ monthly: monthly(2, 1), cumulative: cumulativeTo(2, 1) });
    expect(records(fake).map((r) => r.sheet)).toEqual(table2023.units.slice(0, 3).map((u) => sheetName(u, 1)));
  });
});
