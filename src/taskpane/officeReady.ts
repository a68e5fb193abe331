import type { HostStatus } from './strings';

/** Milliseconds to wait for Office.onReady before the task pane gives up and comes up without Excel. */
export const OFFICE_READY_TIMEOUT_MS = 5000;

/** The part of the office.js global this module touches: looked up at run time, never imported. */
interface OfficeGlobal {
  onReady(): Promise<{ host: string | null; platform: string | null }>;
}

/**
 * Waits for office.js. Never hangs: resolves 'officeMissing' at once when the script did not load,
 * 'officeTimeout' when Office.onReady does not fire in time, 'notExcel' outside Excel, 'excel' in Excel.
 */
export function waitForOffice(
  win: { Office?: unknown } = window as unknown as { Office?: unknown },
  timeoutMs: number = OFFICE_READY_TIMEOUT_MS,
): Promise<HostStatus> {
  const office = win.Office as OfficeGlobal | undefined;
  if (!office || typeof office.onReady !== 'function') return Promise.resolve('officeMissing');
  return new Promise<HostStatus>((resolve) => {
    const timer = setTimeout(() => resolve('officeTimeout'), timeoutMs);
    let ready: Promise<{ host: string | null }>;
    try {
      ready = office.onReady();
    } catch {
      clearTimeout(timer);
      resolve('officeMissing');
      return;
    }
    ready.then(
      (info) => {
        clearTimeout(timer);
        // Office.HostType.Excel is the string "Excel".
        resolve(info && info.host === 'Excel' ? 'excel' : 'notExcel');
      },
      () => {
        clearTimeout(timer);
        resolve('officeMissing');
      },
    );
  });
}
