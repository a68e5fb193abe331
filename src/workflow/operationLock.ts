/**
 * The one lock of a master (MasterSession holds it): every read and write of the master runs through it, one at
 * a time, whichever shell asked (task pane, ribbon, CLI).
 *
 * - A read (打开、重新读取) waits its turn: it changes nothing, and reading after the write in progress gives the
 *   coordinator the master as that write left it.
 * - A write is refused while another write runs or waits. A write's meaning depends on the master it meets:
 *   "撤销合并" undoes the *last* merge, "本月合并" merges month 截至月份 + 1. Queued behind a merge the
 *   coordinator has not seen yet, an undo would undo that merge instead of the one they meant, and a second
 *   本月合并 would merge the same sheets as the next month. So the second write is refused at once, with a message
 *   naming the one in progress; the coordinator sees its result first and then decides.
 */

export type LockKind = 'read' | 'write';

/** A write refused because another one is running or waiting; the message says which, in Chinese. */
export class SessionBusyError extends Error {
  constructor(
    readonly running: string,
    readonly refused: string,
  ) {
    super(`“${running}”尚未完成，“${refused}”没有执行：请等“${running}”完成、看过它的结果后再操作。`);
    this.name = 'SessionBusyError';
  }
}

export class OperationLock {
  private tail: Promise<unknown> = Promise.resolve();
  /** The write that runs or waits (at most one), by its label. */
  private write: string | null = null;
  private active: string | null = null;

  /** The label of the operation running now, if any. */
  get running(): string | null {
    return this.active;
  }

  /** Runs `work` when the operations before it are done; a write while another write runs or waits is refused. */
  run<T>(label: string, kind: LockKind, work: () => Promise<T>): Promise<T> {
    if (kind === 'write') {
      if (this.write !== null) return Promise.reject(new SessionBusyError(this.write, label));
      this.write = label;
    }
    const result = this.tail.then(async () => {
      this.active = label;
      try {
        return await work();
      } finally {
        this.active = null;
        if (kind === 'write') this.write = null;
      }
    });
    this.tail = result.catch(() => undefined);
    return result;
  }
}
