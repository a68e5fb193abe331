import type { HostStatus } from './strings';

/** Milliseconds to wait for Office.onReady before the task pane comes up without Excel (for now: see `late`). */
export const OFFICE_READY_TIMEOUT_MS = 5000;

/** The part of the office.js global this module touches: looked up at run time, never imported. */
interface OfficeGlobal {
  onReady(): Promise<{ host: string | null; platform: string | null }>;
}

/** What Office.onReady said, once it said it. */
export type OfficeAnswer = Exclude<HostStatus, 'standalone' | 'officeTimeout'>;

export interface OfficeWait {
  status: HostStatus;
  /**
   * Only with status 'officeTimeout': Office.onReady's answer when it finally comes (a slow Excel start). Stays
   * pending for as long as Office.onReady does.
   */
  late?: Promise<OfficeAnswer>;
}

/**
 * Waits for office.js. Never hangs: 'officeMissing' at once when the script did not load, 'officeTimeout' when
 * Office.onReady does not answer in time (with `late`, its answer when it comes), 'notExcel' outside Excel,
 * 'excel' in Excel.
 */
export function watchOffice(
  win: { Office?: unknown } = window as unknown as { Office?: unknown },
  timeoutMs: number = OFFICE_READY_TIMEOUT_MS,
): Promise<OfficeWait> {
  const office = win.Office as OfficeGlobal | undefined;
  if (!office || typeof office.onReady !== 'function') return Promise.resolve({ status: 'officeMissing' });
  let answer: Promise<OfficeAnswer>;
  try {
    answer = office.onReady().then(
      // Office.HostType.Excel is the string "Excel".
      (info): OfficeAnswer => (info && info.host === 'Excel' ? 'excel' : 'notExcel'),
      (): OfficeAnswer => 'officeMissing',
    );
  } catch {
    return Promise.resolve({ status: 'officeMissing' });
  }
  return new Promise<OfficeWait>((resolve) => {
    const timer = setTimeout(() => resolve({ status: 'officeTimeout', late: answer }), timeoutMs);
    void answer.then((status) => {
      clearTimeout(timer);
      resolve({ status }); // ignored when the timeout came first
    });
  });
}

/** watchOffice without the late answer. */
export async function waitForOffice(win?: { Office?: unknown }, timeoutMs?: number): Promise<HostStatus> {
  return (await watchOffice(win, timeoutMs)).status;
}
