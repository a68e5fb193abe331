/*
 * Ribbon actions that can be associated before their code is loaded (src/commands/ribbon.ts). A click waits for
 * Office.onReady and for the command code, then runs; event.completed() is called exactly once on every path,
 * because Excel shows a busy indicator (and queues further clicks) until it is.
 *
 * No imports of application code here: this module is part of the small blocking script of taskpane.html.
 */

/** Office.AddinCommands.Event, the part used. */
export interface ActionEvent {
  completed(options?: unknown): void;
}

/** A loaded handler: completes its event itself (or not: the wrapper completes it when the handler settles). */
export type LoadedAction = (event: ActionEvent) => Promise<unknown> | unknown;

/** The part of the office.js global the early registration uses. */
export interface EarlyOffice {
  onReady?(): Promise<unknown>;
  actions?: { associate(actionId: string, action: (event: ActionEvent) => void): void };
}

export interface EarlyActionOptions {
  /** Longest wait for Office.onReady plus the command code before the click is given up (completed). */
  loadTimeoutMs?: number;
  /** Where a click that could not run is reported (console.error by default). */
  report?(actionId: string, error: unknown): void;
}

/** 30 s: the command chunk is a few hundred KB from the add-in's own site; past that the network has failed. */
export const LOAD_TIMEOUT_MS = 30_000;

export class ActionLoadTimeout extends Error {
  constructor(ms: number) {
    super(`the ribbon command code did not load within ${ms} ms`);
    this.name = 'ActionLoadTimeout';
  }
}

export class UnknownAction extends Error {
  constructor(actionId: string) {
    super(`no handler for ribbon action "${actionId}"`);
    this.name = 'UnknownAction';
  }
}

/** The event as handed to the loaded handler: same fields, but completed() reaches Office at most once. */
function completingOnce(event: ActionEvent): { event: ActionEvent; complete(): void } {
  let done = false;
  const complete = (options?: unknown) => {
    if (done) return;
    done = true;
    try {
      if (options === undefined) event.completed();
      else event.completed(options);
    } catch {
      // Office ended the call already: nothing more to do.
    }
  };
  const wrapped = Object.create(event) as ActionEvent;
  wrapped.completed = complete;
  return { event: wrapped, complete: () => complete() };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new ActionLoadTimeout(ms)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * Returns `action(id)`: the function to pass to Office.actions.associate for FunctionName `id`. The first click
 * (of any action) waits for Office.onReady and calls `load` once; later clicks reuse what it returned. A load that
 * fails is retried on the next click; a click whose load fails or takes longer than loadTimeoutMs is completed
 * without running (and never runs later).
 */
export function earlyActions(
  office: EarlyOffice,
  load: () => Promise<Record<string, LoadedAction>>,
  options: EarlyActionOptions = {},
): (actionId: string) => (event: ActionEvent) => void {
  const timeoutMs = options.loadTimeoutMs ?? LOAD_TIMEOUT_MS;
  const report = options.report ?? ((actionId, error) => console.error(`持证进度助手：功能区命令 ${actionId} 未能运行`, error));
  let loading: Promise<Record<string, LoadedAction>> | null = null;

  function handlers(): Promise<Record<string, LoadedAction>> {
    if (!loading) {
      loading = (async () => {
        if (typeof office.onReady === 'function') await office.onReady();
        return load();
      })();
      loading.catch(() => {
        loading = null; // the next click tries again
      });
    }
    return loading;
  }

  return (actionId) => (event) => {
    const once = completingOnce(event);
    let ran: Promise<unknown>;
    try {
      ran = withTimeout(handlers(), timeoutMs).then((loaded) => {
        const handler = Object.prototype.hasOwnProperty.call(loaded, actionId) ? loaded[actionId] : undefined;
        if (typeof handler !== 'function') throw new UnknownAction(actionId);
        return handler(once.event);
      });
    } catch (e) {
      ran = Promise.reject(e);
    }
    void ran.then(
      () => once.complete(),
      (e) => {
        try {
          report(actionId, e);
        } catch {
          // reporting must not keep the event open
        }
        once.complete();
      },
    );
  };
}
