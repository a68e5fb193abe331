import type { MergeJson } from '../workflow/merge';

/**
 * The last result of a ribbon command (本月合并, 撤销合并), for the task pane to show.
 *
 * Excel gives a ribbon function no way to show a message of its own (no notification API outside Outlook; a
 * dialog needs a page and a click to close). So, as add-ins with a shared runtime do, the command keeps its
 * result here, in the runtime it shares with the task pane, and opens the task pane
 * (Office.addin.showAsTaskpane) when the coordinator has something to read or do: rejected or warned reports,
 * nothing merged, an error. A clean merge or undo shows itself in the workbook (截至月份, colours) and opens
 * nothing; the pane shows it the next time it is opened.
 */
export interface RibbonOutcome {
  action: 'mergeMonth' | 'undoMerge';
  /** False when the command failed (nothing or not everything was done). */
  ok: boolean;
  /** Local time "YYYY-MM-DD HH:MM:SS". */
  time: string;
  /** Chinese, one line. */
  summary: string;
  /** Chinese lines: each rejected report with its reason, then the warnings; or the error. */
  details: string[];
  /** The merge's JSON (CONTRACT.md), when a merge was written. */
  merge: MergeJson | null;
  /** The task pane was (or should be) opened to show this. */
  needsAttention: boolean;
}

type Listener = (outcome: RibbonOutcome) => void;

let latest: RibbonOutcome | null = null;
const listeners = new Set<Listener>();

export function publishRibbonOutcome(outcome: RibbonOutcome): void {
  latest = outcome;
  for (const listener of [...listeners]) {
    try {
      listener(outcome);
    } catch {
      // A failing listener (the pane) must not break the command or the other listeners.
    }
  }
}

/** The last outcome since the runtime started (null: no ribbon command yet). */
export function latestRibbonOutcome(): RibbonOutcome | null {
  return latest;
}

/** Call `listener` on every new outcome; returns the function that stops it (for a React effect's cleanup). */
export function onRibbonOutcome(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Tests: forget the last outcome and every listener. */
export function resetRibbonOutcomes(): void {
  latest = null;
  listeners.clear();
}
