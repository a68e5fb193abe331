/**
 * Where a command's time goes, for whoever profiles it: with CHIZHENG_PHASES=1 in the environment, each phase's
 * wall time (ms since the previous mark, and since the process started) is written to stderr at exit. Off by
 * default: then `phase` only compares a constant.
 */
import { performance } from 'perf_hooks';

const on = process.env.CHIZHENG_PHASES === '1';
const marks: Array<{ label: string; at: number; cpu: number }> = [];
/** Time spent in named sub-phases (summed over calls): the report files, say, split by kind. */
const sums = new Map<string, { ms: number; count: number }>();

export function phase(label: string): void {
  if (!on) return;
  if (marks.length === 0) {
    process.on('exit', () => {
      const lines = marks.map((m, i) => {
        const wall = m.at - (i ? marks[i - 1].at : 0);
        const cpu = m.cpu - (i ? marks[i - 1].cpu : 0);
        return `  ${wall.toFixed(0).padStart(6)} ${cpu.toFixed(0).padStart(6)} ${m.at.toFixed(0).padStart(6)}  ${m.label}`;
      });
      for (const [k, v] of sums) lines.push(`  ${v.ms.toFixed(0).padStart(6)}   Σ${String(v.count).padStart(4)} calls  ${k}`);
      process.stderr.write(`phases (wall ms and CPU ms since the previous mark, wall ms since start):\n${lines.join('\n')}\n`);
    });
  }
  const at = performance.now();
  const cpu = process.cpuUsage();
  marks.push({ label, at, cpu: (cpu.user + cpu.system) / 1000 });
}

/** Times `fn` into the sum named `label` (only when phases are on). */
export function timed<T>(label: string, fn: () => T): T {
  if (!on) return fn();
  const start = performance.now();
  try {
    return fn();
  } finally {
    const s = sums.get(label) ?? { ms: 0, count: 0 };
    s.ms += performance.now() - start;
    s.count++;
    sums.set(label, s);
  }
}

export async function timedAsync<T>(label: string, fn: () => Promise<T>): Promise<T> {
  if (!on) return fn();
  const start = performance.now();
  try {
    return await fn();
  } finally {
    const s = sums.get(label) ?? { ms: 0, count: 0 };
    s.ms += performance.now() - start;
    s.count++;
    sums.set(label, s);
  }
}
