/*
 * Entry of the ribbon script: the first script of taskpane.html after office.js, loaded blocking (not deferred),
 * before the React/Fluent UI bundles. In the shared runtime this page is also the FunctionFile, and Office may
 * deliver a ribbon click as soon as the page starts: an action associated only after Office.onReady and after the
 * task pane's bundles can miss the first click (office-js #5176, #3378, #2744). So every ExecuteFunction of
 * manifest.xml is associated here at once, as Microsoft's samples do, and the command code (src/commands/
 * commands.ts, a lazy chunk of the same webpack runtime as the task pane) is loaded on the first click.
 *
 * Keep this file and earlyActions.ts free of application imports: no React, no Fluent UI, no SheetJS
 * (test/security/ribbonScript.test.ts lists the modules of the built chunk).
 */
import type { OfficeCommandsApi } from './commands';
import { EarlyActionOptions, EarlyOffice, LoadedAction, earlyActions } from './earlyActions';

type OfficeGlobal = EarlyOffice & OfficeCommandsApi;

type CommandsModule = { ribbonHandlers(office: OfficeCommandsApi): Record<string, LoadedAction> };

/**
 * Associates every ribbon action of the manifest. Returns 'now' when Office.actions was there; otherwise waits
 * for Office.onReady and associates then ('later'); 'none' without office.js (the standalone use of the page).
 */
export function registerRibbonActions(
  office: OfficeGlobal | undefined,
  load: () => Promise<CommandsModule> = () => import(/* webpackChunkName: "commands" */ './commands'),
  options?: EarlyActionOptions,
): 'now' | 'later' | 'none' {
  if (!office || typeof office !== 'object') return 'none';
  const action = earlyActions(office, async () => (await load()).ribbonHandlers(office), options);
  const associateAll = (): boolean => {
    if (!office.actions || typeof office.actions.associate !== 'function') return false;
    // The FunctionName values of manifest.xml (test/manifest checks both lists).
    office.actions.associate('mergeMonth', action('mergeMonth'));
    office.actions.associate('undoMerge', action('undoMerge'));
    return true;
  };
  if (associateAll()) return 'now';
  if (typeof office.onReady !== 'function') return 'none';
  // An office.js that defines Office.actions only once initialised: associate as soon as it is.
  office.onReady().then(associateAll, () => undefined);
  return 'later';
}

registerRibbonActions((globalThis as { Office?: OfficeGlobal }).Office);
