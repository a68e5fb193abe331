/**
 * Preloaded (`node --require …/usageHook.js`) into the processes the bench times: at exit, writes the process's
 * own CPU time, peak memory and loaded modules to $BENCH_USAGE_FILE. The same hook for the CLI and the floor, so
 * both are measured alike and the CLI itself carries no bench code.
 */
import { writeFileSync } from 'fs';

export interface ProcessUsage {
  /** User + system CPU, ms (all threads: V8's compiler and GC helpers included). */
  cpuMs: number;
  /** Peak resident set, MiB. */
  maxRssMiB: number;
  modules: number;
  /** npm packages whose modules were loaded. */
  packages: string[];
}

function packageOf(file: string): string | null {
  const at = file.lastIndexOf('node_modules/');
  if (at < 0) return null;
  const parts = file.slice(at + 'node_modules/'.length).split('/');
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

const target = process.env.BENCH_USAGE_FILE;
if (target) {
  process.on('exit', () => {
    const r = process.resourceUsage();
    const files = Object.keys(require.cache).map((f) => f.replace(/\\/g, '/'));
    const usage: ProcessUsage = {
      cpuMs: (r.userCPUTime + r.systemCPUTime) / 1000,
      maxRssMiB: r.maxRSS / 1024,
      modules: files.length,
      packages: [...new Set(files.map(packageOf).filter((p): p is string => p !== null))].sort(),
    };
    writeFileSync(target, JSON.stringify(usage));
  });
}
