import {
  RIBBON_FUNCTIONS,
  RibbonEvent,
  RibbonUi,
  SHOW_TASKPANE_TIMEOUT_MS,
  mergeMonthCommand,
  ribbonHandlers,
  undoMergeCommand,
} from '../../src/commands/commands';
import { ExcelHost } from '../../src/host/excelHost';
import { MasterOperations, Outcome } from '../../src/workflow/operations';
import { reportFormCells } from '../../src/samples/reportForm';
import { FakeExcel, FakeExcelError } from '../fakes/excelFake';
import { pasteIntoFake } from '../fakes/pasteSheet';
import { allSupported, masterInFake, pasteReports, reportSheet, sheetName, table2023 } from '../host/helpers';

const units = table2023.units;

function event(): RibbonEvent & { completed: jest.Mock } {
  return { completed: jest.fn() };
}

function ui(show: () => Promise<void> = async () => undefined): RibbonUi & { showTaskpane: jest.Mock } {
  return { showTaskpane: jest.fn(show) };
}

/** The layer as the ribbon uses it, on a host. */
const ribbon = (host: ExcelHost) => host.master.as('ribbon');

describe('ribbon handlers: event.completed() on every path, never a throw', () => {
  test('本月合并, clean: completed once, outcome published, task pane not opened', async () => {
    const { fake, host } = await masterInFake(table2023);
    pasteReports(fake, units.slice(0, 3), 1, table2023);
    const e = event();
    const u = ui();
    const seen: Outcome[] = [];
    const stop = host.master.subscribe(() => seen.push(host.master.state().last!));
    const outcome = await mergeMonthCommand(ribbon(host), e, u);
    stop();
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(u.showTaskpane).not.toHaveBeenCalled();
    expect(outcome).toMatchObject({ operation: 'mergeSheets', source: 'ribbon', ok: true, needsAttention: false, details: [] });
    expect(outcome.time).toMatch(/^2023-02-\d\d \d\d:\d\d:\d\d$/); // the host's clock
    expect(outcome.summary).toMatch(/^1 月合并完成：已合并 3 份，尚未报送 176 个单位。$/);
    expect(outcome.merge!.merged).toHaveLength(3);
    // Published by the command layer, where the pane reads it: the last outcome, and the ribbon's last.
    expect(host.master.state().last).toBe(outcome);
    expect(host.master.state().lastBy.ribbon).toBe(outcome);
    expect(host.master.state().model!.month).toBe(1);
    expect(seen).toEqual([outcome]);
  });

  test('本月合并 with a rejected sheet: the task pane is opened with the reasons', async () => {
    const { fake, host } = await masterInFake(table2023);
    pasteReports(fake, units.slice(0, 2), 1, table2023);
    const bad = reportSheet(units[2], 2, 1);
    bad[reportFormCells().indicators.training.monthly] = { t: 's', v: '约100' }; // 当月完成 of 培训任务 as text
    pasteIntoFake(fake, '许昌', bad);
    const e = event();
    const u = ui();
    const outcome = await mergeMonthCommand(ribbon(host), e, u);
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(u.showTaskpane).toHaveBeenCalledTimes(1);
    expect(outcome.ok).toBe(true);
    expect(outcome.needsAttention).toBe(true);
    expect(outcome.summary).toMatch(/未合并 1 份/);
    expect(outcome.details[0]).toMatch(/^未合并 工作表“许昌”：/);
  });

  test('本月合并 with nothing new: nothing written, the pane says why', async () => {
    const { fake, host } = await masterInFake(table2023);
    pasteReports(fake, units.slice(0, 2), 1, table2023);
    await mergeMonthCommand(ribbon(host), event(), ui());
    const e = event();
    const u = ui();
    const outcome = await mergeMonthCommand(ribbon(host), e, u);
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(outcome).toMatchObject({ ok: true, merge: null, needsAttention: true });
    expect(outcome.summary).toMatch(/没有新的月报表/);
    expect(u.showTaskpane).toHaveBeenCalledTimes(1);
  });

  test.each([1, 2, 3, 4])('a sync failing (sync %i of the merge): completed, ok false, the Excel error in Chinese', async (nth) => {
    const { fake, host } = await masterInFake(table2023);
    pasteReports(fake, units.slice(0, 2), 1, table2023);
    fake.failSync(nth, new FakeExcelError('GeneralException', 'network'));
    const e = event();
    const u = ui();
    const outcome = await mergeMonthCommand(ribbon(host), e, u);
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(outcome.ok).toBe(false);
    // Syncs 1–3 read (nothing written yet); sync 4 writes: its cells are restored and the log says so.
    expect(outcome.summary).toMatch(nth < 4 ? /^Excel 未能完成操作（GeneralException）/ : /^1 月合并未完成.*GeneralException.*已把主表恢复到合并前的状态/);
    expect(u.showTaskpane).toHaveBeenCalledTimes(1);
    // Nothing half-done stays in the way: the next press merges.
    const again = await mergeMonthCommand(ribbon(host), event(), ui());
    expect(again.merge!.merged).toHaveLength(2);
  });

  test('not a master: completed, the message says to create a master, the pane opens', async () => {
    const fake = new FakeExcel();
    pasteIntoFake(fake, sheetName(units[0], 1), reportSheet(units[0], 0, 1));
    const host = new ExcelHost(fake.run, { isSetSupported: allSupported });
    for (const command of [mergeMonthCommand, undoMergeCommand]) {
      const e = event();
      const u = ui();
      const outcome = await command(ribbon(host), e, u);
      expect(e.completed).toHaveBeenCalledTimes(1);
      expect(outcome.ok).toBe(false);
      expect(outcome.summary).toMatch(/不是持证进度助手的主表.*新建主表/);
      expect(u.showTaskpane).toHaveBeenCalledTimes(1);
    }
  });

  test('撤销合并: restores and reports; with nothing to undo it says so', async () => {
    const { fake, host } = await masterInFake(table2023);
    pasteReports(fake, units.slice(0, 2), 1, table2023);
    await mergeMonthCommand(ribbon(host), event(), ui());
    const e = event();
    const u = ui();
    const outcome = await undoMergeCommand(ribbon(host), e, u);
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(outcome).toMatchObject({ operation: 'undo', source: 'ribbon', ok: true, needsAttention: false });
    expect(outcome.summary).toMatch(/已撤销 .* 1 月合并/);
    expect(u.showTaskpane).not.toHaveBeenCalled();
    const e2 = event();
    const none = await undoMergeCommand(ribbon(host), e2, ui());
    expect(e2.completed).toHaveBeenCalledTimes(1);
    expect(none).toMatchObject({ ok: false, summary: '没有可撤销的合并（撤销记录为空）。' });
  });

  test('a double click: the second press is refused at once, both complete, one merge', async () => {
    const { fake, host } = await masterInFake(table2023);
    pasteReports(fake, units.slice(0, 2), 1, table2023);
    const [e1, e2] = [event(), event()];
    const u = ui();
    const [a, b] = await Promise.all([mergeMonthCommand(ribbon(host), e1, u), mergeMonthCommand(ribbon(host), e2, u)]);
    expect(e1.completed).toHaveBeenCalledTimes(1);
    expect(e2.completed).toHaveBeenCalledTimes(1);
    expect(a.merge!.merged).toHaveLength(2);
    expect(b).toMatchObject({ ok: false, needsAttention: false });
    expect(b.summary).toBe('“本月合并”尚未完成，“本月合并”没有执行：请等“本月合并”完成、看过它的结果后再操作。');
    expect(u.showTaskpane).not.toHaveBeenCalled();
    expect(host.master.state().model!.month).toBe(1);
  });

  test('a host that throws synchronously, a pane that fails or never opens, a completed() that throws: still no throw', async () => {
    jest.useFakeTimers();
    try {
      // A layer whose work throws synchronously (no Excel) and one that rejects.
      const session = (fail: () => Promise<never>) => ({ mergePastedSheets: fail, undo: fail, model: null }) as never;
      const throwing = new MasterOperations(
        session(() => {
          throw new Error('Excel is not defined');
        }),
      );
      const rejecting = new MasterOperations(session(() => Promise.reject(new Error('boom'))));
      const e = event();
      const never = ui(() => new Promise<void>(() => undefined));
      const pending = mergeMonthCommand(throwing, e, never);
      await jest.advanceTimersByTimeAsync(SHOW_TASKPANE_TIMEOUT_MS);
      const outcome = await pending;
      expect(e.completed).toHaveBeenCalledTimes(1);
      expect(outcome.summary).toMatch(/Excel is not defined/);

      const failingPane = ui(() => Promise.reject(new Error('SharedRuntime not supported')));
      const e2 = {
        completed: jest.fn(() => {
          throw new Error('already completed');
        }),
      };
      await expect(undoMergeCommand(rejecting, e2, failingPane)).resolves.toMatchObject({ ok: false, summary: expect.stringMatching(/boom/) });
      expect(e2.completed).toHaveBeenCalledTimes(1);

      const throwingListener = rejecting.subscribe(() => {
        throw new Error('pane crashed');
      });
      const e3 = event();
      await expect(undoMergeCommand(rejecting, e3, ui())).resolves.toMatchObject({ ok: false });
      expect(e3.completed).toHaveBeenCalledTimes(1);
      throwingListener();
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('ribbonHandlers (run by src/commands/ribbon.ts)', () => {
  function fakeOffice() {
    return { addin: { showAsTaskpane: jest.fn(() => Promise.resolve()) } };
  }

  test('one handler per FunctionName, each completing its event', async () => {
    const office = fakeOffice();
    const { fake, host } = await masterInFake(table2023);
    pasteReports(fake, units.slice(0, 1), 1, table2023);
    const handlers = ribbonHandlers(office, () => ribbon(host));
    expect(Object.keys(handlers).sort()).toEqual([...RIBBON_FUNCTIONS].sort());
    const e1 = event();
    await handlers.mergeMonth(e1);
    expect(e1.completed).toHaveBeenCalledTimes(1);
    expect(host.master.state().lastBy.ribbon!.merge!.merged).toHaveLength(1);
    const e2 = event();
    await handlers.undoMerge(e2);
    expect(e2.completed).toHaveBeenCalledTimes(1);
    expect(host.master.state().lastBy.ribbon!.operation).toBe('undo');
    expect(office.addin.showAsTaskpane).not.toHaveBeenCalled();
  });

  test('a host that cannot be made (no Excel): the handler still completes, and the pane is asked to open', async () => {
    const office = fakeOffice();
    const handlers = ribbonHandlers(office, () => {
      throw new ReferenceError('Excel is not defined');
    });
    const e = event();
    const outcome = await handlers.mergeMonth(e);
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(outcome).toMatchObject({ ok: false, needsAttention: true, summary: expect.stringMatching(/^Excel 未能完成操作：Excel is not defined/) });
    expect(office.addin.showAsTaskpane).toHaveBeenCalledTimes(1);
  });

  test('loading the module registers nothing by itself (src/commands/ribbon.ts does)', () => {
    const associate = jest.fn();
    const g = globalThis as { Office?: unknown };
    g.Office = { onReady: () => Promise.resolve({ host: 'Excel' }), actions: { associate } };
    try {
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require('../../src/commands/commands');
      });
      expect(associate).not.toHaveBeenCalled();
    } finally {
      delete g.Office;
    }
  });
});
