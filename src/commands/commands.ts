/*
 * The ribbon's function commands (manifest.xml: ExecuteFunction mergeMonth and undoMerge). Not registered here:
 * src/commands/ribbon.ts associates every FunctionName while taskpane.html is still being parsed and loads this
 * module (a chunk of the same webpack runtime as the task pane) on the first click, so the commands and the task
 * pane share one ExcelHost: one session (one lock) and one outcome store.
 *
 * Excel gives a ribbon function no way to show a message of its own (no notification API outside Outlook; a
 * dialog needs a page and a click to close). So, as add-ins with a shared runtime do, the command's outcome is
 * published by the command layer (src/workflow/operations.ts) to the store the task pane subscribes to, and the
 * command opens the task pane (Office.addin.showAsTaskpane) when the coordinator has something to read or do:
 * rejected or warned reports, nothing merged, an error. The pane then shows that outcome. A clean merge or undo
 * shows itself in the workbook (截至月份, colours) and opens nothing; the pane shows it when next opened.
 *
 * Every handler calls event.completed() exactly once, on every path (success, error, not a master), and never
 * throws: Excel shows a busy indicator until completed() is called.
 */
import { excelErrorText, sharedExcelHost } from '../host/excelHost';
import type { MasterOperations, Operation, Outcome } from '../workflow/operations';
import { userErrorText } from '../workflow/userError';

/** Office.AddinCommands.Event, the part used. */
export interface RibbonEvent {
  completed(options?: unknown): void;
}

/** How a command brings its outcome to the coordinator's eyes. */
export interface RibbonUi {
  showTaskpane(): Promise<void>;
}

/** The part of the office.js global used here. */
export interface OfficeCommandsApi {
  addin?: { showAsTaskpane(): Promise<void> };
}

/** The FunctionName values of manifest.xml. */
export const RIBBON_FUNCTIONS = ['mergeMonth', 'undoMerge'] as const;
export type RibbonFunction = (typeof RIBBON_FUNCTIONS)[number];

/** A FunctionName's handler: completes its event exactly once and never rejects. */
export type RibbonHandler = (event: RibbonEvent) => Promise<Outcome>;

/** The command layer as the ribbon uses it (ExcelHost.master.as('ribbon')). */
export type RibbonMaster = Pick<MasterOperations, 'outcomeOf'>;

/** Longest wait for the task pane to open before the command completes anyway. */
export const SHOW_TASKPANE_TIMEOUT_MS = 3000;

export function officeUi(office: Pick<OfficeCommandsApi, 'addin'> | undefined): RibbonUi {
  return {
    showTaskpane: async () => {
      if (!office?.addin) return;
      await office.addin.showAsTaskpane();
    },
  };
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

/** An outcome for a command that could not even reach the layer (no Excel host): told, not published. */
function unreached(operation: Operation, e: unknown): Outcome {
  const summary = userErrorText(e, excelErrorText);
  return { id: 0, operation, source: 'ribbon', ok: false, time: '', summary, details: [summary], merge: null, needsAttention: true };
}

/** Runs one command through the layer: outcome published, task pane shown when needed, completed() always. */
async function runCommand(
  operation: Operation,
  event: RibbonEvent,
  ui: RibbonUi,
  master: RibbonMaster,
  run: (ops: MasterOperations) => Promise<unknown>,
): Promise<Outcome> {
  let outcome: Outcome;
  try {
    try {
      outcome = await master.outcomeOf(run);
    } catch (e) {
      outcome = unreached(operation, e);
    }
    if (outcome.needsAttention) await showWithin(ui, SHOW_TASKPANE_TIMEOUT_MS);
  } catch (e) {
    outcome = unreached(operation, e);
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
export function mergeMonthCommand(master: RibbonMaster, event: RibbonEvent, ui: RibbonUi): Promise<Outcome> {
  return runCommand('mergeSheets', event, ui, master, (ops) => ops.mergePastedSheets());
}

/** 撤销合并: undo the last merge. */
export function undoMergeCommand(master: RibbonMaster, event: RibbonEvent, ui: RibbonUi): Promise<Outcome> {
  return runCommand('undo', event, ui, master, (ops) => ops.undo());
}

/**
 * The handler of every FunctionName (RIBBON_FUNCTIONS), for src/commands/ribbon.ts to run. A host that cannot
 * even be made (no Excel) is reported like any other error, and completed() still runs.
 */
export function ribbonHandlers(
  office: OfficeCommandsApi | undefined,
  getMaster: () => RibbonMaster = () => sharedExcelHost().master.as('ribbon'),
): Record<RibbonFunction, RibbonHandler> {
  const ui = officeUi(office);
  // Made on each click, inside the command's error handling: no Excel is an outcome, not a throw.
  const master: RibbonMaster = { outcomeOf: (run) => getMaster().outcomeOf(run) };
  return {
    mergeMonth: (event) => mergeMonthCommand(master, event, ui),
    undoMerge: (event) => undoMergeCommand(master, event, ui),
  };
}
