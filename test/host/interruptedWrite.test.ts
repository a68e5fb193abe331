import { SHEET } from '../../src/workbook/layout';
import { masterSpec } from '../../src/workbook/masterSpec';
import { MasterModel, newMasterModel } from '../../src/workbook/model';
import { SheetPatch } from '../../src/workbook/patches';
import { specCell } from '../../src/workbook/spec';
import { WriteInterruptedError } from '../../src/workflow/interruptedWrite';
import { ReportFile, planMerge, readReportFiles } from '../../src/workflow/merge';
import { planUndo } from '../../src/workflow/undo';
import { FakeExcel, FakeExcelError } from '../fakes/excelFake';
import { masterInFake, reportFile, snapshot, syncProfile, table2023 } from './helpers';
import { INDICATORS, INDICATOR_SHEET, MASTER_SHEETS } from '../helpers/table2023';

/**
 * An Excel sync failing in the middle of a merge or undo (some chunks applied, the failing one half applied):
 * the master ends exactly as before, 合并日志 says what happened, and trying again works.
 */
const table = table2023;
const CHUNK = 24 * 1024; // small chunks, so a 179-unit merge writes in several
const filesOf = new Map<number, ReportFile[]>();
const files = (month: number) => {
  if (!filesOf.has(month))
    filesOf.set(
      month,
      table.units.map((u, i) => reportFile(u, i, month)),
    );
  return filesOf.get(month)!;
};
const error = () => new FakeExcelError('GeneralException', 'network');
const unlogged = MASTER_SHEETS.filter((s) => s !== SHEET.log);

/** A master in the fake with month 1 merged; counters reset. */
async function monthOneMerged() {
  const { fake, host } = await masterInFake(table, { chunkBytes: CHUNK });
  await host.master.merge({ month: 1, files: files(1), includeSheets: false });
  fake.resetCounters();
  return { fake, host };
}

const logRows = (fake: FakeExcel) =>
  fake.cells(SHEET.log).filter((c) => c.col === 1 && c.row >= 4 && c.cell.value !== undefined && c.cell.value !== '' && c.cell.value !== null).length;
const logText = (fake: FakeExcel, row: number, col: number) => fake.cells(SHEET.log).find((c) => c.row === row && c.col === col)?.cell.value;

/** Ledger, 截至月份 and undo records without their times: what two runs of the same merge must agree on. */
const essence = (m: MasterModel) => ({ ledger: [...m.ledger], month: m.month, undo: m.undoStack.map((u) => u.record) });

describe('a sync failing midway through a merge of 179 reports', () => {
  let reference: { writes: Array<{ index: number; commands: number }>; after: ReturnType<typeof essence> };

  beforeAll(async () => {
    const { fake, host } = await monthOneMerged();
    await host.master.merge({ month: 2, files: files(2), includeSheets: false });
    reference = {
      writes: syncProfile(fake, 0).writes.map((s) => ({ index: s.index, commands: s.commands })),
      after: essence((await host.master.load())!),
    };
  }, 120_000);

  test('the merge writes in several chunks (so there is a "midway")', () => {
    expect(reference.writes.length).toBeGreaterThanOrEqual(3);
  });

  test('every write chunk failing (half of its commands applied): master as before, one log row, retry merges', async () => {
    for (const [k, w] of reference.writes.entries()) {
      const { fake, host } = await monthOneMerged();
      const before = snapshot(fake, unlogged);
      const loggedBefore = logRows(fake);
      fake.failSync(w.index, error(), { applied: Math.floor(w.commands / 2) });
      const failure = await host.master.merge({ month: 2, files: files(2), includeSheets: false }).catch((e: unknown) => e);

      expect(failure).toBeInstanceOf(WriteInterruptedError);
      const e = failure as WriteInterruptedError;
      expect(e.restored).toBe(true);
      expect(e.message).toMatch(/^2 月合并未完成：写入主表时 Excel 出错（GeneralException：network）。已把主表恢复到合并前的状态/);
      // Fully before: every sheet but the log, cell for cell (chunk k of the reference failed: k chunks were applied).
      expect({ chunk: k, same: snapshot(fake, unlogged) === before }).toEqual({ chunk: k, same: true });
      expect(logRows(fake)).toBe(loggedBefore + 1);
      const row = 4 + loggedBefore;
      expect(logText(fake, row, 2)).toBe('合并');
      expect(logText(fake, row, 3)).toBe(2);
      expect(logText(fake, row, 9)).toBe('中断，已恢复');
      expect(String(logText(fake, row, 10))).toMatch(/GeneralException：network.*恢复为合并前的值/);
      // The session knows the log row; reading the master gives the same model.
      expect(host.master.state().model!.log).toEqual((await host.master.load())!.log);

      await host.master.merge({ month: 2, files: files(2), includeSheets: false });
      expect(essence((await host.master.load())!)).toEqual(reference.after);
    }
  }, 300_000);

  test('the restore failing too: the message says the master may be partly written and how to undo it; 撤销合并 does', async () => {
    const { fake, host } = await monthOneMerged();
    const before = snapshot(fake, unlogged);
    const w = reference.writes[1]; // chunk 1 (the undo record) applied, chunk 2 fails
    fake.failSync(w.index, error(), { applied: Math.floor(w.commands / 2) });
    // The restore lists the sheets (w.index + 1), then writes (w.index + 2): that fails too, half applied.
    fake.failSync(w.index + 2, new FakeExcelError('GeneralException', 'again'), { applied: 3 });
    const e = (await host.master.merge({ month: 2, files: files(2), includeSheets: false }).catch((x: unknown) => x)) as WriteInterruptedError;
    expect(e).toBeInstanceOf(WriteInterruptedError);
    expect(e.restored).toBe(false);
    expect(e.message).toMatch(/恢复时再次出错（GeneralException：again）.*主表可能只写入了一部分.*不保存.*撤销合并.*正是这次 .* 的合并/);
    expect(snapshot(fake, unlogged)).not.toBe(before);
    // The pane keeps showing the master as last read (month 1), with the error; the session holds no model now.
    expect(host.master.state().model!.month).toBe(1);
    expect(host.master.state().last).toMatchObject({ operation: 'merge', ok: false, needsAttention: true, summary: e.message });
    // 新建主表 reads the workbook again, sees the master and refuses to overwrite it.
    await expect(host.create(table)).rejects.toThrow(/已是主表/);

    await host.master.undo();
    expect(snapshot(fake, unlogged) === before).toBe(true);
  }, 120_000);

  test('the restore failing before any of it is applied, the first chunk never written: 撤销合并 refuses (it would undo month 1)', async () => {
    const { fake, host } = await monthOneMerged();
    const before = snapshot(fake, unlogged);
    const first = reference.writes[0];
    fake.failSync(first.index, error()); // nothing of this merge written, not even its undo record
    fake.failSync(first.index + 1, new FakeExcelError('GeneralException', 'again')); // the restore's first sync
    const e = (await host.master.merge({ month: 2, files: files(2), includeSheets: false }).catch((x: unknown) => x)) as WriteInterruptedError;
    expect(e.restored).toBe(false);
    expect(snapshot(fake, unlogged) === before).toBe(true);

    await expect(host.master.undo()).rejects.toThrow(/最后一次合并是 .* 的 1 月合并，不是写入中断的 .*（2 月）那一次.*没有撤销/);
    expect(snapshot(fake, unlogged) === before).toBe(true); // month 1 is still merged
    // A merge that goes through clears the guard; undo then works as always.
    await host.master.merge({ month: 2, files: files(2), includeSheets: false });
    expect(await host.master.undo()).toMatch(/的 2 月合并/);
    expect(snapshot(fake, unlogged) === before).toBe(true); // the log aside, exactly month 1's master again
  }, 120_000);

  test('the restore stopping midway: 撤销记录 is restored last, so this merge can still be undone exactly', async () => {
    const { fake, host } = await monthOneMerged();
    const before = snapshot(fake, unlogged);
    const last = reference.writes[reference.writes.length - 1];
    fake.failSync(last.index, error(), { applied: Math.floor(last.commands / 2) });
    // The restore: list the sheets, then its first write chunk, of which a good part is applied before it fails.
    fake.failSync(last.index + 2, new FakeExcelError('GeneralException', 'again'), { applied: 12 });
    const e = (await host.master.merge({ month: 2, files: files(2), includeSheets: false }).catch((x: unknown) => x)) as WriteInterruptedError;
    expect(e.restored).toBe(false);
    const written = fake.syncs.find((s) => s.index === last.index + 2)!;
    expect(written.commands).toBeGreaterThan(12);
    await host.master.undo();
    expect(snapshot(fake, unlogged) === before).toBe(true);
  }, 120_000);
});

describe('a sync failing midway through an undo', () => {
  test('restored: month 1 still merged, one log row, the undo can be done again', async () => {
    const { fake, host } = await monthOneMerged();
    await host.master.undo(); // measured: the undo's write chunks; then month 1 is merged again
    const writes = syncProfile(fake, 0).writes;
    expect(writes[writes.length - 1].commands).toBeGreaterThan(4); // half of it is applied before the failure
    await host.master.merge({ month: 1, files: files(1), includeSheets: false });

    fake.resetCounters();
    const before = snapshot(fake, unlogged);
    const loggedBefore = logRows(fake);
    const last = writes[writes.length - 1];
    fake.failSync(last.index, error(), { applied: Math.floor(last.commands / 2) }); // the same undo's last write chunk
    const e = (await host.master.undo().catch((x: unknown) => x)) as WriteInterruptedError;
    expect(e).toBeInstanceOf(WriteInterruptedError);
    expect(e.restored).toBe(true);
    expect(e.message).toMatch(/^1 月撤销未完成.*已把主表恢复到撤销前的状态/);
    expect(snapshot(fake, unlogged) === before).toBe(true);
    expect(logRows(fake)).toBe(loggedBefore + 1);
    expect(logText(fake, 4 + loggedBefore, 2)).toBe('撤销');

    await host.master.undo();
    const model = (await host.master.load())!;
    expect(model.month).toBe(0);
    expect(model.ledger.size).toBe(0);
    expect(model.undoStack).toEqual([]);
  }, 120_000);
});

describe('what merges and undos write is only ever value cells (so restoring values restores the master)', () => {
  test('no patched cell of a merge, a re-merge or an undo holds a formula in the master layout', () => {
    const model0 = newMasterModel(table);
    const one = planMerge(model0, 1, readReportFiles(files(1), INDICATORS), '2023-02-01 09:00:00');
    const again = planMerge(one.model, 1, readReportFiles(files(1).slice(0, 20), INDICATORS), '2023-02-02 09:00:00');
    const undo = planUndo(again.model, '2023-02-03 09:00:00');
    const check = (model: MasterModel, patches: readonly SheetPatch[]) => {
      const spec = masterSpec(model);
      let checked = 0;
      for (const p of patches) {
        const sheet = spec.sheets.find((s) => s.name === p.sheet);
        expect(sheet).toBeDefined();
        for (const c of p.cells) {
          expect({ sheet: p.sheet, row: c.row, col: c.col, formula: specCell(sheet!, c.row, c.col)?.formula }).toEqual({
            sheet: p.sheet,
            row: c.row,
            col: c.col,
            formula: undefined,
          });
          checked++;
        }
      }
      return checked;
    };
    expect(check(model0, one.patches)).toBeGreaterThan(179 * 4 * 2);
    expect(check(one.model, again.patches)).toBeGreaterThan(20 * 4 * 2);
    expect(check(again.model, undo.patches)).toBeGreaterThan(0);
    expect(one.patches.map((p) => p.sheet)).toEqual(expect.arrayContaining([INDICATOR_SHEET.training, SHEET.readme, SHEET.log, SHEET.undo]));
  }, 60_000);
});

describe('a write refused before anything is written is not an interruption', () => {
  test("撤销记录 deleted by hand: the merge is refused with the adapter's message, nothing written, nothing logged", async () => {
    const { fake, host } = await monthOneMerged();
    fake.deleteSheet(fake.findSheet(SHEET.undo)!);
    const before = snapshot(
      fake,
      unlogged.filter((s) => s !== SHEET.undo),
    );
    const loggedBefore = logRows(fake);
    const e = (await host.master.merge({ month: 2, files: files(2).slice(0, 5), includeSheets: false }).catch((x: unknown) => x)) as Error;
    expect(e).not.toBeInstanceOf(WriteInterruptedError);
    expect(e.message).toMatch(/找不到工作表“撤销记录”.*未写入任何内容/);
    expect(
      snapshot(
        fake,
        unlogged.filter((s) => s !== SHEET.undo),
      ),
    ).toBe(before);
    expect(logRows(fake)).toBe(loggedBefore);
  }, 120_000);
});
