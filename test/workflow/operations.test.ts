/*
 * The command layer (src/workflow/operations.ts) and the session's lock (operationLock.ts), on an in-memory
 * master: reads wait, a second write is refused with a message naming the first, requirement checks come before
 * anything runs, every outcome is published to subscribers as an immutable snapshot.
 */
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { FileWorkbook } from '../../src/workbook/adapters/memoryFile';
import { OfficeJsWorkbookError } from '../../src/workbook/adapters/officeJs';
import { WorkbookReadError } from '../../src/workbook/adapters/xlsxRead';
import { MasterFormatError } from '../../src/workbook/readMaster';
import { SheetPatch } from '../../src/workbook/patches';
import { WriteInterruptedError } from '../../src/workflow/interruptedWrite';
import { OperationLock, SessionBusyError } from '../../src/workflow/operationLock';
import { HostFeatureError, MasterOperations, MasterState, Operation } from '../../src/workflow/operations';
import { MasterSession, NotAMasterError } from '../../src/workflow/session';
import { NothingToUndo } from '../../src/workflow/undo';
import { isUserError } from '../../src/workflow/userError';

jest.setTimeout(60_000);

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('OperationLock', () => {
  test('reads wait their turn, in order; a write waits for the read before it', async () => {
    const lock = new OperationLock();
    const order: string[] = [];
    const gate = deferred();
    const a = lock.run('读取主表', 'read', async () => {
      order.push('a start');
      await gate.promise;
      order.push('a end');
    });
    const b = lock.run('合并', 'write', async () => void order.push('b'));
    const c = lock.run('读取主表', 'read', async () => void order.push('c'));
    await Promise.resolve();
    expect(lock.running).toBe('读取主表');
    expect(order).toEqual(['a start']);
    gate.resolve();
    await Promise.all([a, b, c]);
    expect(order).toEqual(['a start', 'a end', 'b', 'c']);
    expect(lock.running).toBeNull();
  });

  test('a second write while one runs or waits is refused at once, naming it; afterwards writes run again', async () => {
    const lock = new OperationLock();
    const gate = deferred();
    const work = jest.fn(async () => undefined);
    const first = lock.run('本月合并', 'write', () => gate.promise);
    const refused = lock.run('撤销合并', 'write', work);
    await expect(refused).rejects.toBeInstanceOf(SessionBusyError);
    await expect(refused).rejects.toThrow('“本月合并”尚未完成，“撤销合并”没有执行：请等“本月合并”完成、看过它的结果后再操作。');
    expect(work).not.toHaveBeenCalled();
    gate.resolve();
    await first;
    await expect(lock.run('撤销合并', 'write', async () => 'done')).resolves.toBe('done');
  });

  test('a write waiting behind a read already holds the write slot; a failing operation frees the lock', async () => {
    const lock = new OperationLock();
    const gate = deferred();
    const read = lock.run('读取主表', 'read', () => gate.promise);
    const waiting = lock.run('合并', 'write', async () => {
      throw new Error('写入失败');
    });
    await expect(lock.run('手工录入', 'write', async () => undefined)).rejects.toThrow(/“合并”尚未完成，“手工录入”没有执行/);
    gate.resolve();
    await read;
    await expect(waiting).rejects.toThrow('写入失败');
    await expect(lock.run('手工录入', 'write', async () => 7)).resolves.toBe(7);
  });
});

/** A file master whose writes can be held open (to have an operation in flight) and counted. */
class GatedWorkbook extends FileWorkbook {
  gate: Promise<void> | null = null;
  writes = 0;
  override async applyPatches(patches: readonly SheetPatch[]): Promise<void> {
    this.writes++;
    if (this.gate) await this.gate;
    return super.applyPatches(patches);
  }
}

let masterBytes: Uint8Array;
beforeAll(async () => {
  const wb = new FileWorkbook();
  await new MasterSession(wb, () => '2023-02-01 09:00:00').create(embeddedQuota2023());
  masterBytes = wb.bytes;
});

async function opened(options: { missingFor?: (op: Operation) => string | null } = {}) {
  const workbook = new GatedWorkbook(masterBytes);
  let n = 0;
  const clock = () => `2023-02-01 09:00:${String(n++ % 60).padStart(2, '0')}`;
  const master = new MasterOperations(new MasterSession(workbook, clock), { clock, ...options });
  await master.load();
  return { workbook, master };
}

describe('MasterOperations', () => {
  test('every outcome is published: model, last and last by source; snapshots change only with them', async () => {
    const { master } = await opened();
    const states: MasterState[] = [];
    const stop = master.subscribe(() => states.push(master.state()));
    const before = master.state();
    expect(master.state()).toBe(before); // stable between changes (useSyncExternalStore)
    expect(before.model!.month).toBe(0);
    expect(before.last).toMatchObject({ operation: 'load', source: 'pane', ok: true });

    await master.setMonth(3);
    await master.as('ribbon').setMonth(0);
    await expect(master.as('cli').undo()).rejects.toBeInstanceOf(NothingToUndo);
    stop();
    await master.setMonth(1);

    expect(states).toHaveLength(3);
    expect(states.map((s) => s.model!.month)).toEqual([3, 0, 0]);
    expect(states.map((s) => [s.last!.operation, s.last!.source, s.last!.ok])).toEqual([
      ['setMonth', 'pane', true],
      ['setMonth', 'ribbon', true],
      ['undo', 'cli', false],
    ]);
    expect(states[0].last!.summary).toBe('截至月份已改为 3 月。');
    expect(states[1].last!.summary).toBe('截至月份已改为 0（尚未合并任何月份）。');
    expect(states[2].last).toMatchObject({
      summary: '没有可撤销的合并（撤销记录为空）。',
      details: ['没有可撤销的合并（撤销记录为空）。'],
      needsAttention: true,
    });
    expect(states[2].lastBy).toEqual({ pane: states[0].last, ribbon: states[1].last, cli: states[2].last });
    const ids = states.map((s) => s.last!.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(states).size).toBe(3);
    expect(master.state().model!.month).toBe(1); // no longer subscribed, still published
  });

  test('a missing requirement refuses before the session is touched, for every path; the outcome says why', async () => {
    const missing = '合并、撤销需要 ExcelApi 1.7。';
    const { workbook, master } = await opened({ missingFor: (op) => (op === 'load' ? null : missing) });
    const attempts: Array<() => Promise<unknown>> = [
      () => master.merge({ month: 1, files: [], includeSheets: false }),
      () => master.as('ribbon').mergePastedSheets(),
      () => master.mergeManual(1, 1, {}, '2023-01-28'),
      () => master.undo(),
      () => master.addAlias('别名', 1),
      () => master.setPace({ curve: Array(12).fill(1), band: 0.05 }),
      () => master.setMonth(2),
      () => master.create(embeddedQuota2023()),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toEqual(new HostFeatureError(missing));
    expect(workbook.writes).toBe(0);
    expect(master.state().last).toMatchObject({ operation: 'create', ok: false, summary: missing, needsAttention: true });
    expect(master.state().model!.month).toBe(0);
    await expect(master.load()).resolves.not.toBeNull();
  });

  test('a write while another runs is refused and published (not needing attention); the first completes', async () => {
    const { workbook, master } = await opened();
    const gate = deferred();
    workbook.gate = gate.promise;
    const first = master.setMonth(4);
    const seen: string[] = [];
    master.subscribe(() => seen.push(master.state().last!.summary));
    await expect(master.as('ribbon').undo()).rejects.toBeInstanceOf(SessionBusyError);
    expect(master.state().lastBy.ribbon).toMatchObject({
      ok: false,
      needsAttention: false,
      summary: '“修改截至月份”尚未完成，“撤销合并”没有执行：请等“修改截至月份”完成、看过它的结果后再操作。',
    });
    // A read waits for the write and sees it.
    const reread = master.load();
    gate.resolve();
    await first;
    expect((await reread)!.month).toBe(4);
    expect(seen).toEqual([expect.stringMatching(/^“修改截至月份”尚未完成/), '截至月份已改为 4 月。', '已读取主表。']);
  });

  test('outcomeOf gives the outcome of its own operation, even when another ends first; a throwing subscriber breaks nothing', async () => {
    const { workbook, master } = await opened();
    master.subscribe(() => {
      throw new Error('the pane crashed');
    });
    const gate = deferred();
    workbook.gate = gate.promise;
    const mine = master.as('ribbon').outcomeOf((m) => m.setMonth(5));
    const other = master.load(); // queued behind, published after
    gate.resolve();
    const outcome = await mine;
    await other;
    expect(outcome).toMatchObject({ operation: 'setMonth', source: 'ribbon', ok: true });
    expect(master.state().last!.operation).toBe('load');
    await expect(master.outcomeOf(async () => undefined)).rejects.toThrow(/ran no operation/);
  });

  test('a failed operation keeps the model the pane shows (the master as last read), and says why', async () => {
    const { workbook, master } = await opened();
    const shown = master.state().model;
    jest.spyOn(workbook, 'readGrids').mockRejectedValueOnce(new WorkbookReadError('Unsupported ZIP encryption'));
    await expect(master.load()).rejects.toBeInstanceOf(WorkbookReadError);
    expect(master.state().model).toBe(shown);
    expect(master.state().last).toMatchObject({ operation: 'load', ok: false, summary: '操作未完成：Unsupported ZIP encryption' });
  });
});

describe('isUserError: one rule for the pane and the ribbon', () => {
  test('the assistant’s own errors are shown as they are; anything else is not', () => {
    const own = [
      new MasterFormatError('主表格式有误'),
      new NotAMasterError(),
      new NothingToUndo(),
      new HostFeatureError('需要 ExcelApi 1.7'),
      new SessionBusyError('合并', '本月合并'),
      new OfficeJsWorkbookError('找不到工作表“配置”'),
      new WriteInterruptedError('1 月合并未完成', true, null),
    ];
    for (const e of own) expect([e.constructor.name, isUserError(e)]).toEqual([e.constructor.name, true]);
    // SheetJS's English message inside: needs the shell's advice.
    for (const e of [new Error('boom'), new TypeError('x is undefined'), new WorkbookReadError('Unsupported ZIP encryption'), 'text', null]) {
      expect(isUserError(e)).toBe(false);
    }
  });
});
