/*
 * The ribbon script (src/commands/ribbon.ts, earlyActions.ts): every FunctionName associated at once, the command
 * code loaded on the first click, and event.completed() called exactly once on every path.
 */
import { RIBBON_FUNCTIONS } from '../../src/commands/commands';
import { ActionEvent, ActionLoadTimeout, LOAD_TIMEOUT_MS, LoadedAction, UnknownAction, earlyActions } from '../../src/commands/earlyActions';
import { registerRibbonActions } from '../../src/commands/ribbon';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run (a few rounds: the chain is several thens deep). */
async function settle(rounds = 10) {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}

function clickEvent(): ActionEvent & { completed: jest.Mock; source: { id: string } } {
  return { completed: jest.fn(), source: { id: 'Chizheng.MergeMonth' } };
}

const ready = { onReady: () => Promise.resolve({ host: 'Excel' }) };

describe('earlyActions: a click before the command code is loaded', () => {
  test('waits for the code, then runs once it loads; completed() exactly once (the handler completes)', async () => {
    const code = deferred<Record<string, LoadedAction>>();
    const load = jest.fn(() => code.promise);
    const action = earlyActions(ready, load);
    const seen: ActionEvent[] = [];
    const handler = jest.fn(async (e: ActionEvent) => {
      seen.push(e);
      e.completed();
      e.completed(); // a second call never reaches Office
    });
    const e = clickEvent();
    action('mergeMonth')(e);
    await settle();
    expect(load).toHaveBeenCalledTimes(1);
    expect(handler).not.toHaveBeenCalled();
    expect(e.completed).not.toHaveBeenCalled();

    code.resolve({ mergeMonth: handler });
    await settle();
    expect(handler).toHaveBeenCalledTimes(1);
    expect(e.completed).toHaveBeenCalledTimes(1);
    // The handler sees the event's own fields.
    expect((seen[0] as unknown as { source: { id: string } }).source.id).toBe('Chizheng.MergeMonth');
  });

  test('two clicks before the code arrives: one load, both run in order, each completed once', async () => {
    const code = deferred<Record<string, LoadedAction>>();
    const load = jest.fn(() => code.promise);
    const action = earlyActions(ready, load);
    const order: string[] = [];
    const [a, b] = [clickEvent(), clickEvent()];
    action('mergeMonth')(a);
    action('undoMerge')(b);
    code.resolve({
      mergeMonth: async () => order.push('mergeMonth'),
      undoMerge: async () => order.push('undoMerge'),
    });
    await settle();
    expect(load).toHaveBeenCalledTimes(1);
    expect(order).toEqual(['mergeMonth', 'undoMerge']);
    expect(a.completed).toHaveBeenCalledTimes(1);
    expect(b.completed).toHaveBeenCalledTimes(1);
  });

  test('the code is loaded only after Office.onReady', async () => {
    const officeReady = deferred<unknown>();
    const load = jest.fn(async () => ({ mergeMonth: async () => undefined }));
    const e = clickEvent();
    earlyActions({ onReady: () => officeReady.promise }, load)('mergeMonth')(e);
    await settle();
    expect(load).not.toHaveBeenCalled();
    officeReady.resolve({ host: 'Excel' });
    await settle();
    expect(load).toHaveBeenCalledTimes(1);
    expect(e.completed).toHaveBeenCalledTimes(1);
  });

  test('a handler that forgets completed(), throws, or rejects: completed() once all the same', async () => {
    const report = jest.fn();
    const action = earlyActions(
      ready,
      async () => ({
        forgets: async () => 'done',
        throws: () => {
          throw new Error('sync');
        },
        rejects: () => Promise.reject(new Error('async')),
      }),
      { report },
    );
    const events = { forgets: clickEvent(), throws: clickEvent(), rejects: clickEvent() };
    for (const [id, e] of Object.entries(events)) action(id)(e);
    await settle();
    for (const e of Object.values(events)) expect(e.completed).toHaveBeenCalledTimes(1);
    expect(report.mock.calls.map(([id, e]) => [id, (e as Error).message])).toEqual([
      ['throws', 'sync'],
      ['rejects', 'async'],
    ]);
  });

  test('the code fails to load: completed() once, reported, and the next click loads again and runs', async () => {
    const report = jest.fn();
    const handler = jest.fn(async (e: ActionEvent) => e.completed());
    const load = jest
      .fn<Promise<Record<string, LoadedAction>>, []>()
      .mockRejectedValueOnce(new Error('ChunkLoadError: Loading chunk commands failed'))
      .mockResolvedValueOnce({ mergeMonth: handler });
    const action = earlyActions(ready, load, { report });
    const first = clickEvent();
    action('mergeMonth')(first);
    await settle();
    expect(first.completed).toHaveBeenCalledTimes(1);
    expect(handler).not.toHaveBeenCalled();
    expect(report).toHaveBeenCalledWith('mergeMonth', expect.objectContaining({ message: expect.stringMatching(/ChunkLoadError/) }));

    const second = clickEvent();
    action('mergeMonth')(second);
    await settle();
    expect(load).toHaveBeenCalledTimes(2);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(second.completed).toHaveBeenCalledTimes(1);
  });

  test('Office.onReady rejecting (not in Office any more): completed() once, nothing run', async () => {
    const load = jest.fn(async () => ({ mergeMonth: jest.fn() }));
    const e = clickEvent();
    earlyActions({ onReady: () => Promise.reject(new Error('no host')) }, load, { report: () => undefined })('mergeMonth')(e);
    await settle();
    expect(load).not.toHaveBeenCalled();
    expect(e.completed).toHaveBeenCalledTimes(1);
  });

  test('code that never arrives: completed() after the timeout, and the late code does not run that click', async () => {
    jest.useFakeTimers();
    try {
      const code = deferred<Record<string, LoadedAction>>();
      const handler = jest.fn();
      const report = jest.fn();
      const e = clickEvent();
      earlyActions(ready, () => code.promise, { report })('mergeMonth')(e);
      await jest.advanceTimersByTimeAsync(LOAD_TIMEOUT_MS - 1);
      expect(e.completed).not.toHaveBeenCalled();
      await jest.advanceTimersByTimeAsync(1);
      expect(e.completed).toHaveBeenCalledTimes(1);
      expect(report.mock.calls[0][1]).toBeInstanceOf(ActionLoadTimeout);
      code.resolve({ mergeMonth: handler });
      await jest.advanceTimersByTimeAsync(0);
      expect(handler).not.toHaveBeenCalled();
      expect(e.completed).toHaveBeenCalledTimes(1);
    } finally {
      jest.useRealTimers();
    }
  });

  test('an action the loaded code does not know, and an event whose completed() throws: no throw, completed tried once', async () => {
    const report = jest.fn();
    const action = earlyActions(ready, async () => ({}), { report });
    const e = {
      completed: jest.fn(() => {
        throw new Error('already completed');
      }),
    };
    expect(() => action('toString')(e)).not.toThrow();
    await settle();
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(report.mock.calls[0][1]).toBeInstanceOf(UnknownAction);
  });
});

describe('registerRibbonActions (the entry of the ribbon script)', () => {
  function fakeOffice(withActions = true) {
    const handlers = new Map<string, (event: ActionEvent) => void>();
    const office = {
      ...ready,
      actions: withActions ? { associate: jest.fn((id: string, fn: (event: ActionEvent) => void) => void handlers.set(id, fn)) } : undefined,
      addin: { showAsTaskpane: jest.fn(() => Promise.resolve()) },
    };
    return { office, handlers };
  }

  test('associates every FunctionName at once (synchronously), before any code is loaded', () => {
    const { office, handlers } = fakeOffice();
    const load = jest.fn(() => new Promise<never>(() => undefined));
    expect(registerRibbonActions(office, load)).toBe('now');
    expect([...handlers.keys()].sort()).toEqual([...RIBBON_FUNCTIONS].sort());
    expect(load).not.toHaveBeenCalled();
  });

  test('with the real command code and no Excel (missing host): the click completes once and the outcome says why', async () => {
    const { office, handlers } = fakeOffice();
    registerRibbonActions(office); // loads src/commands/commands.ts as the built page does
    const completed = new Promise<number>((resolve) => {
      let calls = 0;
      handlers.get('mergeMonth')!({
        completed: () => {
          calls++;
          setTimeout(() => resolve(calls), 50); // any second call would land before this resolves
        },
      });
    });
    await expect(completed).resolves.toBe(1);
    // The outcome (no Excel: an error that needs the coordinator) opened the task pane before completing.
    expect(office.addin.showAsTaskpane).toHaveBeenCalledTimes(1);
  });

  test('an office.js without Office.actions yet: associates after Office.onReady', async () => {
    const { office } = fakeOffice(false);
    const associate = jest.fn();
    const later = { ...office, onReady: async () => ((later as { actions?: unknown }).actions = { associate }) };
    expect(registerRibbonActions(later, jest.fn())).toBe('later');
    expect(associate).not.toHaveBeenCalled();
    await settle();
    expect(associate.mock.calls.map(([id]) => id).sort()).toEqual([...RIBBON_FUNCTIONS].sort());
  });

  test('without office.js (the page opened in a browser): nothing, no throw', () => {
    expect(registerRibbonActions(undefined)).toBe('none');
    expect(registerRibbonActions({} as never)).toBe('none');
  });

  test('loading the module associates both actions during its evaluation, from the Office global', () => {
    const { office, handlers } = fakeOffice();
    const g = globalThis as { Office?: unknown };
    g.Office = office;
    try {
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require('../../src/commands/ribbon');
      });
      expect([...handlers.keys()].sort()).toEqual(['mergeMonth', 'undoMerge']);
    } finally {
      delete g.Office;
    }
  });
});
