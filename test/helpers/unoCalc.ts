import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { sofficePath } from './libreoffice';

/** Runs test/helpers/unoChart.py: LibreOffice Calc driven over UNO (Debian python3-uno + libreoffice-calc). */

export const SYSTEM_PYTHON = '/usr/bin/python3';
const SCRIPT = join(__dirname, 'unoChart.py');

export type UnoJob =
  | { op: 'decorate'; in: string; out: string }
  | { op: 'encrypt'; in: string; out: string; password: string; format?: 'xlsx' | 'xls' }
  | { op: 'inspect'; in: string; cells?: Array<[string, string]>; saveAs?: string };

export interface UnoInspection {
  op: 'inspect';
  sheets: string[];
  cells: Array<{ sheet: string; ref: string; value: number; string: string; formula: string }>;
  charts: string[];
  chartValues: number[];
  annotations: Array<{ col: number; row: number; text: string }>;
  background: number | null;
}

export type UnoResult = { op: 'decorate' | 'encrypt'; out: string } | UnoInspection;

/** Why UNO cannot run here, or null when it can. */
export function unoMissing(): string | null {
  if (!sofficePath()) return 'LibreOffice (soffice) is not installed: apt-get install libreoffice-calc';
  if (!existsSync(SYSTEM_PYTHON)) return `${SYSTEM_PYTHON} is missing: apt-get install python3-uno`;
  try {
    execFileSync(SYSTEM_PYTHON, ['-c', 'import uno'], { stdio: 'pipe', env: cleanEnv(tmpdir()), timeout: 30_000 });
  } catch {
    return 'Python module uno is missing: apt-get install python3-uno';
  }
  return null;
}

function cleanEnv(home: string): NodeJS.ProcessEnv {
  // The system Python with Debian's uno module: no pyenv or virtualenv variables.
  return { PATH: '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8', UNO_DEADLINE: '200' };
}

/** Runs the jobs in one headless soffice process (start-up dominates), in order. */
export function runUno(jobs: UnoJob[]): UnoResult[] {
  const missing = unoMissing();
  if (missing) throw new Error(missing);
  const dir = mkdtempSync(join(tmpdir(), 'uno-jobs-'));
  try {
    const file = join(dir, 'jobs.json');
    writeFileSync(file, JSON.stringify(jobs));
    const out = execFileSync(SYSTEM_PYTHON, [SCRIPT, file], {
      env: cleanEnv(dir),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 240_000,
      killSignal: 'SIGKILL',
      maxBuffer: 16 * 1024 * 1024,
    });
    return JSON.parse(out.toString('utf8')) as UnoResult[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
