import type { PaceConfig } from '../core/pace';
import type { QuotaTable } from '../core/units';
import type { MasterModel } from '../workbook/model';
import type { ManualFigures, ManualOrigin } from './manualEntry';
import type { MergeJson } from './merge';
import { SessionBusyError } from './operationLock';
import { MasterSession, MergeRequest, PastedMergeOutcome, THIS_WORKBOOK, mergeSummary } from './session';
import { errorCode, errorMessage, userErrorText } from './userError';

/**
 * The command layer: the only way any shell (task pane, ribbon, standalone page, CLI) reads or writes a master.
 *
 *   shell ──> MasterOperations ──> MasterSession (its lock) ──> MasterWorkbook adapter
 *                  │ checks the host's requirement sets for the operation (before anything runs)
 *                  └ publishes each outcome and the model to subscribers (the task pane)
 *
 * The session serialises (operationLock.ts: reads wait, a second write is refused); this layer never holds a lock of
 * its own, so nothing can reach the master around it. One store per master: `as(source)` gives a view for another
 * shell that shares the session, the checks and the store, and tags its outcomes with that source.
 */

export type Operation =
  'load' | 'create' | 'open' | 'merge' | 'mergeSheets' | 'mergeManual' | 'undo' | 'addAlias' | 'setPace' | 'setMonth' | 'setRequirements' | 'setKeeper';
export type OperationSource = 'pane' | 'ribbon' | 'cli';

/** Every operation, and whether it writes the master (the requirement checks of a host key on this). */
export const OPERATIONS: Readonly<Record<Operation, { writes: boolean }>> = {
  load: { writes: false },
  // The page reads another file as its master (nothing is written; the session still runs it alone).
  open: { writes: false },
  create: { writes: true },
  merge: { writes: true },
  mergeSheets: { writes: true },
  mergeManual: { writes: true },
  undo: { writes: true },
  addAlias: { writes: true },
  setPace: { writes: true },
  setMonth: { writes: true },
  setRequirements: { writes: true },
  setKeeper: { writes: true },
};

/** A feature the running host lacks for an operation: the message says which and what to do instead. */
export class HostFeatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HostFeatureError';
  }
}

/** What one operation did, as every shell reports it. */
export interface Outcome {
  /** Increasing per master (0: an outcome made outside the layer, e.g. no host at all). */
  id: number;
  operation: Operation;
  source: OperationSource;
  /** False when the operation failed or was refused (nothing, or not everything, was done). */
  ok: boolean;
  /** Local time "YYYY-MM-DD HH:MM:SS". */
  time: string;
  /** Chinese, one line. */
  summary: string;
  /** Chinese lines: each rejected report with its reason, then the warnings; or the error. */
  details: string[];
  /** The merge's JSON (CONTRACT.md), when a merge was written. */
  merge: MergeJson | null;
  /** The coordinator has something to read or do: rejected or warned reports, nothing merged, an error. */
  needsAttention: boolean;
}

/** What subscribers see: an immutable snapshot, replaced on every change (useSyncExternalStore). */
export interface MasterState {
  /** The master as last read or written; a failed operation never blanks it (its outcome says what happened). */
  model: MasterModel | null;
  /** The last outcome of any source, and the last of each source. */
  last: Outcome | null;
  lastBy: Readonly<Partial<Record<OperationSource, Outcome>>>;
}

export interface OperationsOptions {
  /** Which shell this view serves (default 'pane'). */
  source?: OperationSource;
  /** The host's check: the Chinese message of what it lacks for the operation, or null when it can run it. */
  missingFor?: (operation: Operation) => string | null;
  /** Local time for outcomes. */
  clock?: () => string;
  /** How an error that is not a user error (userError.ts) is told: the host's advice. */
  unexpected?: (e: unknown) => string;
}

type Described = Pick<Outcome, 'summary' | 'details' | 'merge' | 'needsAttention'>;

/** The lines a merge's reader needs: each rejected report with its reason, then each warning. */
export function mergeDetails(json: MergeJson): string[] {
  const where = (file: string, sheet: string | null) => (file === THIS_WORKBOOK ? `工作表“${sheet ?? ''}”` : `“${file}”${sheet ? `（${sheet}）` : ''}`);
  return [
    ...json.rejected.map((r) => `未合并 ${where(r.file, r.sheet)}：${r.message}`),
    ...json.merged.flatMap((m) => m.warnings.map((w) => `提示 ${where(m.file, m.sheet)}：${w.message}`)),
  ];
}

function merged(json: MergeJson): Described {
  const details = mergeDetails(json);
  return { summary: mergeSummary(json), details, merge: json, needsAttention: details.length > 0 };
}

const said = (summary: string): Described => ({ summary, details: [], merge: null, needsAttention: false });

const defaultUnexpected = (e: unknown) => {
  const code = errorCode(e);
  return `操作未完成${code ? `（${code}）` : ''}：${errorMessage(e)}`;
};

class OutcomeStore {
  private snapshot: MasterState = { model: null, last: null, lastBy: {} };
  private readonly listeners = new Set<() => void>();
  private nextId = 1;

  get = (): MasterState => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  newId(): number {
    return this.nextId++;
  }

  set(next: MasterState): void {
    this.snapshot = next;
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch {
        // A failing subscriber (a pane that crashed) must not break the operation or the other subscribers.
      }
    }
  }
}

export class MasterOperations {
  /** The outcome of the last operation run through this view (see outcomeOf). */
  latest: Outcome | null = null;
  private readonly source: OperationSource;

  constructor(
    private readonly session: MasterSession,
    private readonly options: OperationsOptions = {},
    private readonly store: OutcomeStore = new OutcomeStore(),
  ) {
    this.source = options.source ?? 'pane';
  }

  /** The same master for another shell: same lock, checks and store; its outcomes carry `source`. */
  as(source: OperationSource): MasterOperations {
    return new MasterOperations(this.session, { ...this.options, source }, this.store);
  }

  /** The current snapshot (stable between changes). */
  readonly state = (): MasterState => this.store.get();

  /** Calls `listener` after every change of the state; returns the function that stops it. */
  readonly subscribe = (listener: () => void): (() => void) => this.store.subscribe(listener);

  /**
   * Runs `run` on a fresh view of this source and returns the outcome it published; never rejects (the ribbon and
   * the CLI report outcomes, the pane uses the methods' values and errors).
   */
  async outcomeOf(run: (ops: MasterOperations) => Promise<unknown>): Promise<Outcome> {
    const view = this.as(this.source);
    try {
      await run(view);
    } catch {
      // The outcome says it.
    }
    if (!view.latest) throw new Error('outcomeOf: the function ran no operation of the layer');
    return view.latest;
  }

  private now(): string {
    try {
      return this.options.clock ? this.options.clock() : '';
    } catch {
      return '';
    }
  }

  private publish(operation: Operation, ok: boolean, described: Described): Outcome {
    const outcome: Outcome = { id: this.store.newId(), operation, source: this.source, ok, time: this.now(), ...described };
    this.latest = outcome;
    const before = this.store.get();
    const model = ok ? this.session.model : (this.session.model ?? before.model);
    this.store.set({ model, last: outcome, lastBy: { ...before.lastBy, [this.source]: outcome } });
    return outcome;
  }

  /** Check, run under the session's lock (the session's own methods take it), publish. */
  private async perform<T>(operation: Operation, work: (session: MasterSession) => Promise<T>, describe: (value: T) => Described): Promise<T> {
    let value: T;
    try {
      const missing = this.options.missingFor?.(operation) ?? null;
      if (missing) throw new HostFeatureError(missing);
      value = await work(this.session);
    } catch (e) {
      const summary = userErrorText(e, this.options.unexpected ?? defaultUnexpected);
      // Refused because another operation runs: the coordinator is already looking at that one.
      this.publish(operation, false, { summary, details: [summary], merge: null, needsAttention: !(e instanceof SessionBusyError) });
      throw e;
    }
    this.publish(operation, true, describe(value));
    return value;
  }

  /** Read the master (again); null when the workbook is not one. */
  load(): Promise<MasterModel | null> {
    return this.perform(
      'load',
      (s) => s.load(),
      (model) => said(model ? '已读取主表。' : '当前工作簿还不是主表。'),
    );
  }

  /** 新建主表 from a task table; `onlyIntoEmpty` (Excel) refuses a workbook that already is a master. */
  create(table: QuotaTable, options: { onlyIntoEmpty?: boolean } = {}): Promise<MasterModel> {
    return this.perform(
      'create',
      (s) => s.create(table, options),
      () => said(`已新建 ${table.year} 年度主表（${table.units.length} 个单位）。`),
    );
  }

  /** 打开主表 (the page): see MasterSession.replaceWorkbook. */
  replaceWorkbook(swap: () => () => void, notAMaster: () => Error): Promise<MasterModel> {
    return this.perform(
      'open',
      (s) => s.replaceWorkbook(swap, notAMaster),
      () => said('已打开主表。'),
    );
  }

  /** Merge report files (and, in Excel, the pasted sheets) as a month. */
  merge(request: MergeRequest): Promise<MergeJson> {
    return this.perform('merge', (s) => s.merge(request), merged);
  }

  /** 本月合并: the report sheets pasted into the workbook, as month 截至月份 + 1. */
  mergePastedSheets(): Promise<PastedMergeOutcome> {
    return this.perform(
      'mergeSheets',
      (s) => s.mergePastedSheets(),
      (result) =>
        result.json ? { ...merged(result.json), summary: result.summary } : { summary: result.summary, details: [], merge: null, needsAttention: true },
    );
  }

  /** 手工录入: one unit's figures typed from a scan or photo. */
  mergeManual(month: number, unitId: number, figures: ManualFigures, date: string, origin?: ManualOrigin): Promise<MergeJson> {
    return this.perform('mergeManual', (s) => s.mergeManual(month, unitId, figures, date, origin), merged);
  }

  /** 撤销合并: the last merge; resolves to the Chinese message to show. */
  undo(): Promise<string> {
    return this.perform(
      'undo',
      (s) => s.undo(),
      (message) => said(message),
    );
  }

  addAlias(alias: string, unitId: number, note?: string): Promise<void> {
    return this.perform(
      'addAlias',
      (s) => s.addAlias(alias, unitId, note),
      () => said(`已添加别名“${alias}”。`),
    );
  }

  setPace(pace: PaceConfig): Promise<void> {
    return this.perform(
      'setPace',
      (s) => s.setPace(pace),
      () => said('已保存应达进度与预警带宽。'),
    );
  }

  /** The circular's 下一步工作要求 (配置); empty or null: the default text again. */
  setRequirements(text: string | null): Promise<void> {
    return this.perform(
      'setRequirements',
      (s) => s.setRequirements(text),
      () => said(text && text.trim() ? '已保存通报的“下一步工作要求”。' : '“下一步工作要求”已恢复为默认文字。'),
    );
  }

  /** 设置 → 主表保管单位 (and the name it reports upward as). */
  setKeeper(keeper: string, reportsAs?: string): Promise<QuotaTable> {
    return this.perform(
      'setKeeper',
      (s) => s.setKeeper(keeper, reportsAs),
      (table) => said(`主表保管单位已改为“${table.keeper}”，向上级报送时的填报单位名称为“${table.reportsAs}”。`),
    );
  }

  /** 截至月份, which every formula of the master follows. */
  setMonth(month: number): Promise<void> {
    return this.perform(
      'setMonth',
      (s) => s.setMonth(month),
      () => said(month === 0 ? '截至月份已改为 0（尚未合并任何月份）。' : `截至月份已改为 ${month} 月。`),
    );
  }
}
