import { MasterFormatError } from '../workbook/readMaster';

/**
 * Errors whose message is written for the coordinator: Chinese, naming what to fix. Anything else (a bug, an
 * Excel or browser error in English) gets advice added by whoever shows it. Recognised by class name, not
 * instanceof, so that the page's first bundle need not import the Office.js adapter to know its errors; each of
 * these classes sets its `name` (test/workflow/userError.test.ts constructs one of each).
 */
const USER_ERROR_NAMES: ReadonlySet<string> = new Set([
  'NothingToUndo',
  'HostFeatureError',
  'SessionBusyError',
  'OfficeJsWorkbookError',
  'WriteInterruptedError',
]);

/** True when the error's own message is what the coordinator should read, as it is. */
export function isUserError(e: unknown): e is Error {
  return e instanceof MasterFormatError || (e instanceof Error && USER_ERROR_NAMES.has(e.name));
}

/** The error's message (any thrown value). */
export function errorMessage(e: unknown): string {
  const message = (e as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(e);
}

/** The error's code (Office.js errors have one), or ''. */
export function errorCode(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** What to show: the message of a user error as it is; any other error through `unexpected` (the shell's advice). */
export function userErrorText(e: unknown, unexpected: (e: unknown) => string): string {
  return isUserError(e) ? e.message : unexpected(e);
}
