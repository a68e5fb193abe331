/*
 * The ribbon's function commands (manifest.xml: ExecuteFunction mergeMonth and undoMerge). Not registered here:
 * src/commands/ribbon.ts associates every FunctionName while taskpane.html is still being parsed and loads this
 * module (a chunk of the same webpack runtime as the task pane) on the first click, so the commands and the task
 * pane share one ExcelHost and one outcome store.
 *
 * Every handler calls event.completed() exactly once, on every path (success, error, not a master), and never
 * throws: Excel shows a busy indicator until completed() is called.
 */
import { HostBusyError, HostFeatureError, RibbonHost, sharedExcelHost } from '../host/excelHost';
import { OfficeJsWorkbookError } from '../workbook/adapters/officeJs';
import { MasterFormatError } from '../workbook/readMaster';
import { WriteInterruptedError } from '../workflow/interruptedWrite';
import { NothingToUndo } from '../workflow/undo';
import { MergeJson } from '../workflow/merge';
import { NotAMasterError, THIS_WORKBOOK } from '../workflow/session';
import { RibbonOutcome, publishRibbonOutcome } from './outcomes';
import { localTime } from '../core/clock';

/** Office.AddinCommands.Event, the part used. */
export interface RibbonEvent {
  completed(options?: unknown): void;
}

/** How a command brings its outcome to the coordinator's eyes. */
export interface RibbonUi {
  showTaskpane(): Promise<void>;
  /** Local time for the outcome. */
  now(): string;
}

/** The part of the office.js global used here. */
export interface OfficeCommandsApi {
  addin?: { showAsTaskpane(): Promise<void> };
}

/** The FunctionName values of manifest.xml. */
export const RIBBON_FUNCTIONS = ['mergeMonth', 'undoMerge'] as const;
export type RibbonFunction = (typeof RIBBON_FUNCTIONS)[number];

/** A FunctionName's handler: completes its event exactly once and never rejects. */
export type RibbonHandler = (event: RibbonEvent) => Promise<RibbonOutcome>;

/** Longest wait for the task pane to open before the command completes anyway. */
export const SHOW_TASKPANE_TIMEOUT_MS = 3000;


export function officeUi(office: Pick<OfficeCommandsApi, 'addin'> | undefined): RibbonUi {
  return {
    showTaskpane: async () => {
      if (!office?.addin) return;
      await office.addin.showAsTaskpane();
    },
    now: () => localTime(),
  };
}

/** An error as the Chinese line the coordinator reads. */
export function errorText(e: unknown): string {
  if (e instanceof MasterFormatError || e instanceof NothingToUndo || e instanceof HostFeatureError || e instanceof HostBusyError || e instanceof OfficeJsWorkbookError || e instanceof WriteInterruptedError) {
    return e.message;
  }
  const err = e as { code?: unknown; message?: unknown } | null;
  const code = err && typeof err.code === 'string' ? err.code : '';
  const message = err && typeof err.message === 'string' ? err.message : String(e);
  return `Excel 未能完成操作${code ? `（${code}）` : ''}：${message}。请退出单元格编辑状态后重试；如已写入一部分，可点“撤销合并”恢复。`;
}

function mergeDetails(json: MergeJson): string[] {
  const where = (file: string, sheet: string | null) => (file === THIS_WORKBOOK ? `工作表“${sheet ?? ''}”` : `“${file}”${sheet ? `（${sheet}）` : ''}`);
  return [
    ...json.rejected.map((r) => `未合并 ${where(r.file, r.sheet)}：${r.message}`),
    ...json.merged.flatMap((m) => m.warnings.map((w) => `提示 ${where(m.file, m.sheet)}：${w.message}`)),
  ];
}

async function showWithin(ui: RibbonUi, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([ui.showTaskpane(), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  } catch {
    // No shared runtime, or the pane cannot open now: the outcome stays in the store for the pane.
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

/** Runs one command: outcome published, task pane shown when needed, event.completed() always, never throws. */
async function runCommand(
  action: RibbonOutcome['action'],
  event: RibbonEvent,
  ui: RibbonUi,
  work: () => Promise<Omit<RibbonOutcome, 'action' | 'time'>>,
): Promise<RibbonOutcome> {
  const now = () => {
    try {
      return ui.now();
    } catch {
      return '';
    }
  };
  let outcome: RibbonOutcome;
  try {
    try {
      outcome = { action, time: now(), ...(await work()) };
    } catch (e) {
      const text = errorText(e);
      outcome = { action, time: now(), ok: false, summary: text, details: [text], merge: null, needsAttention: !(e instanceof HostBusyError) };
    }
    publishRibbonOutcome(outcome);
    if (outcome.needsAttention) await showWithin(ui, SHOW_TASKPANE_TIMEOUT_MS);
  } catch (e) {
    outcome = { action, time: '', ok: false, summary: String(e), details: [], merge: null, needsAttention: false };
  } finally {
    try {
      event.completed();
    } catch {
      // Nothing more can be done: Office ended the call already.
    }
  }
  return outcome;
}

/** 本月合并: merge the report sheets pasted into the workbook as month 截至月份 + 1. */
export function mergeMonthCommand(host: RibbonHost, event: RibbonEvent, ui: RibbonUi): Promise<RibbonOutcome> {
  return runCommand('mergeMonth', event, ui, async () => {
    const result = await host.mergeMonth();
    const details = result.json ? mergeDetails(result.json) : [];
    return {
      ok: true,
      summary: result.summary,
      details,
      merge: result.json,
      needsAttention: result.json === null || details.length > 0,
    };
  });
}

/** 撤销合并: undo the last merge. */
export function undoMergeCommand(host: RibbonHost, event: RibbonEvent, ui: RibbonUi): Promise<RibbonOutcome> {
  return runCommand('undoMerge', event, ui, async () => {
    const message = await host.undoLast();
    return { ok: true, summary: message, details: [], merge: null, needsAttention: false };
  });
}

/**
 * The handler of every FunctionName (RIBBON_FUNCTIONS), for src/commands/ribbon.ts to run. A host that cannot
 * even be made (no Excel) is reported like any other error, and completed() still runs.
 */
export function ribbonHandlers(office: OfficeCommandsApi | undefined, getHost: () => RibbonHost = sharedExcelHost): Record<RibbonFunction, RibbonHandler> {
  const ui = officeUi(office);
  const host: RibbonHost = {
    mergeMonth: () => getHost().mergeMonth(),
    undoLast: () => getHost().undoLast(),
  };
  return {
    mergeMonth: (event) => mergeMonthCommand(host, event, ui),
    undoMerge: (event) => undoMergeCommand(host, event, ui),
  };
}
