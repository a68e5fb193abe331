import { spawnSync } from 'child_process';
import { join } from 'path';

export const ROOT = join(__dirname, '../..');
/** The compiled CLI, as `npm run cli` runs it (`npm test` builds it first). */
export const CLI = join(ROOT, 'build/cli/src/cli/main.js');

export function runCli(args: string[], cwd = ROOT): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
