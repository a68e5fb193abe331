/*
 * The Office.js adapter's merge path: readMasterAndForeign (master + pasted sheets in few syncs, contents in
 * response-size chunks) and applyPatches with knownSheets (no separate existence check).
 */
import { OfficeJsWorkbook, OfficeJsWorkbookError } from '../../src/workbook/adapters/officeJs';
import { README_CELLS, SHEET } from '../../src/workbook/layout';
import { masterSpec } from '../../src/workbook/masterSpec';
import { newMasterModel } from '../../src/workbook/model';
import { FakeExcel } from '../fakes/excelFake';
import { pasteIntoFake } from '../fakes/pasteSheet';
import { reportSheet, table2023 } from './helpers';
import { MASTER_SHEETS } from '../helpers/table2023';

const units = table2023.units;

async function master(): Promise<FakeExcel> {
  const fake = new FakeExcel();
  await new OfficeJsWorkbook(fake.run).render(masterSpec(newMasterModel(table2023)));
  fake.resetCounters();
  return fake;
}

describe('readMasterAndForeign', () => {
  test('gives what readGrids and readForeignSheets give, in 3 syncs (2 without pasted sheets)', async () => {
    const fake = await master();
    units.slice(0, 5).forEach((u, i) => pasteIntoFake(fake, `表${i}`, reportSheet(u, i, 1)));
    const office = new OfficeJsWorkbook(fake.run);
    const both = await office.readMasterAndForeign(MASTER_SHEETS);
    expect(fake.syncCount).toBe(3);
    const grids = await office.readGrids(MASTER_SHEETS);
    const foreign = await office.readForeignSheets(MASTER_SHEETS);
    expect(both.grids).toEqual(grids);
    expect(both.foreign.map((f) => f.name)).toEqual(['Sheet1', '表0', '表1', '表2', '表3', '表4']);
    expect(both.foreign.slice(1)).toEqual(foreign.slice(1));
    expect(both.foreign[0].sheet).toEqual({}); // the empty Sheet1 is not loaded
    expect(both.sheetNames).toEqual(fake.sheetNames());

    fake.resetCounters();
    const own = await office.readMasterAndForeign(MASTER_SHEETS, { foreign: false });
    expect(fake.syncCount).toBe(2);
    expect(own.foreign).toEqual([]);
    expect(own.grids).toEqual(grids);
  });

  // A workbook of pasted forms only (no master), so that the fixed syncs stay small under a tiny response limit.
  function formsOnly(n: number): FakeExcel {
    const fake = new FakeExcel();
    units.slice(0, n).forEach((u, i) => pasteIntoFake(fake, `表${i}`, reportSheet(u, i, 1)));
    return fake;
  }

  test('contents are read in chunks; a chunk Excel finds too large is halved and read again', async () => {
    const fake = formsOnly(40);
    const expected = await new OfficeJsWorkbook(fake.run).readForeignSheets(MASTER_SHEETS);
    // Pretend Excel allows only 60 KB a response: 40 forms (~4 KB each) need several syncs.
    fake.maxResponseBytes = 60_000;
    fake.resetCounters();
    const got = await new OfficeJsWorkbook(fake.run, { readChunkBytes: 10_000_000 }).readMasterAndForeign(MASTER_SHEETS);
    expect(got.foreign.slice(1)).toEqual(expected.slice(1));
    expect(fake.syncs.filter((s) => s.failed).length).toBeGreaterThan(0);
    for (const s of fake.syncs.filter((x) => !x.failed)) expect(s.responseBytes).toBeLessThanOrEqual(60_000);

    const small = new OfficeJsWorkbook(fake.run, { readChunkBytes: 30_000 });
    fake.maxResponseBytes = 5 * 1024 * 1024;
    fake.resetCounters();
    await small.readMasterAndForeign(MASTER_SHEETS);
    // 40 forms × 70 cells × 64 bytes ≈ 180 KB estimated: 7 chunks of ≤ 30 KB, after the 2 fixed syncs.
    expect(fake.syncCount).toBe(2 + 7);
  });

  test('one sheet too large to read even alone: a Chinese error naming it', async () => {
    const fake = formsOnly(3);
    pasteIntoFake(fake, '备注', reportSheet(units[0], 0, 1));
    fake.setCell('备注', 'H300', { value: '很长的说明'.repeat(2000) });
    fake.maxResponseBytes = 50_000;
    await expect(new OfficeJsWorkbook(fake.run).readMasterAndForeign(MASTER_SHEETS)).rejects.toThrow(/工作表“备注”内容过多/);
  });
});

describe('applyPatches with knownSheets', () => {
  const month = (value: number) => [{ sheet: SHEET.readme, cells: [{ row: README_CELLS.month.row, col: README_CELLS.month.col, value }] }];

  test('no check sync: one sync for a small patch', async () => {
    const fake = await master();
    await new OfficeJsWorkbook(fake.run).applyPatches(month(3), { knownSheets: fake.sheetNames() });
    expect(fake.syncCount).toBe(1);
    expect(fake.cell(SHEET.readme, 'B6')?.value).toBe(3);
  });

  test('a patched sheet not among the known ones: refused before any sync', async () => {
    const fake = await master();
    await expect(new OfficeJsWorkbook(fake.run).applyPatches(month(3), { knownSheets: ['Sheet1'] })).rejects.toBeInstanceOf(OfficeJsWorkbookError);
    expect(fake.syncCount).toBe(0);
  });

  test('a sheet deleted since the read: the first chunk fails before writing anything', async () => {
    const fake = await master();
    const known = fake.sheetNames();
    fake.deleteSheet(fake.sheet(SHEET.log));
    const patches = [...month(3), { sheet: SHEET.log, cells: [{ row: 4, col: 1, value: 'x' }] }];
    await expect(new OfficeJsWorkbook(fake.run).applyPatches(patches, { knownSheets: known })).rejects.toThrow(/找不到工作表.*未写入任何内容/);
    expect(fake.cell(SHEET.readme, 'B6')?.value).toBe(0);
  });
});
