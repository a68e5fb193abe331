/**
 * Whole processes, as users feel them: the CLI merge of a month against the floor script (floor.ts), alternating,
 * and the start-up of `status`. Each child reports its own CPU, peak RSS and modules (usageHook.ts); the wall
 * time is taken here around the spawn. Medians, with the range to show how noisy the machine was.
 */
import { spawnSync } from 'child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { ProcessUsage } from './usageHook';

const HOOK = join(__dirname, 'usageHook.js');
const FLOOR = join(__dirname, 'floor.js');
const CLI = join(__dirname, '../cli/main.js');

export interface Run extends ProcessUsage {
  wallMs: number;
}

/** Runs `node [--require pre…] args`, checking it succeeds; its usage as the hook wrote it. */
export function runNode(args: string[], preload: string[] = []): Run {
  const dir = mkdtempSync(join(tmpdir(), 'bench-usage-'));
  try {
    const file = join(dir, 'usage.json');
    const requires = [HOOK, ...preload].flatMap((m) => ['--require', m]);
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [...requires, ...args], { env: { ...process.env, BENCH_USAGE_FILE: file }, encoding: 'utf8', maxBuffer: 64 << 20 });
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    return { wallMs, ...(JSON.parse(readFileSync(file, 'utf8')) as ProcessUsage) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const spread = (xs: readonly number[], digits = 0) => `${median(xs).toFixed(digits)} [${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}]`;

function describe(label: string, runs: readonly Run[]): string {
  return `  ${label.padEnd(30)} wall ${spread(runs.map((r) => r.wallMs))} ms, CPU ${spread(runs.map((r) => r.cpuMs))} ms, peak RSS ${spread(runs.map((r) => r.maxRssMiB))} MiB`;
}

function ratioLine(label: string, a: readonly number[], b: readonly number[]): string {
  const pairs = a.map((x, i) => x / b[i]);
  return `    ${label.padEnd(10)} ${(median(a) / median(b)).toFixed(2)} (ratio of medians; paired ratios ${spread(pairs, 2)})`;
}

/** The merge of one month's report folder into a fresh copy of `master`, against the floor, `runs` times each. */
export function mergeAgainstFloor(master: string, reportsDir: string, runs: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-merge-'));
  try {
    const target = join(dir, 'master.xlsx');
    const cli: Run[] = [];
    const floor: Run[] = [];
    const runCli = () => {
      copyFileSync(master, target);
      cli.push(runNode([CLI, 'merge', target, '--month', '1', reportsDir, '--json']));
    };
    const runFloor = () => floor.push(runNode([FLOOR, master, reportsDir, join(dir, 'floor.xlsx')]));
    for (let i = 0; i < runs; i++) {
      // Alternate which goes first, so drift in the machine's load falls on both alike.
      if (i % 2 === 0) {
        runCli();
        runFloor();
      } else {
        runFloor();
        runCli();
      }
    }
    return [
      describe('CLI merge', cli),
      describe('floor (bare SheetJS script)', floor),
      '  CLI / floor (goal: wall ≤ 1.2, peak RSS ≤ 1.3):',
      ratioLine(
        'wall',
        cli.map((r) => r.wallMs),
        floor.map((r) => r.wallMs),
      ),
      ratioLine(
        'CPU',
        cli.map((r) => r.cpuMs),
        floor.map((r) => r.cpuMs),
      ),
      ratioLine(
        'peak RSS',
        cli.map((r) => r.maxRssMiB),
        floor.map((r) => r.maxRssMiB),
      ),
      `  modules loaded: CLI merge ${cli[0].modules} from ${cli[0].packages.length} packages (${cli[0].packages.join(', ')}); floor ${floor[0].modules}`,
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const usesExcelJs = (r: Run) => r.packages.includes('exceljs');

/** `status` as built, and with ExcelJS preloaded: what loading it would cost every start-up. */
export function statusStartup(master: string, runs: number): string {
  const plain: Run[] = [];
  const withExcelJs: Run[] = [];
  for (let i = 0; i < runs; i++) {
    plain.push(runNode([CLI, 'status', master]));
    withExcelJs.push(runNode([CLI, 'status', master], ['exceljs']));
  }
  const line = (label: string, rs: Run[]) =>
    `${describe(label, rs)}; ${rs[0].modules} modules from ${rs[0].packages.length} packages, ExcelJS loaded: ${usesExcelJs(rs[0]) ? 'yes' : 'no'}`;
  return [line('status', plain), line('status, ExcelJS preloaded', withExcelJs)].join('\n');
}

/** Cold inflation of every part of the month's files and the master, by strategy, each in fresh processes. */
export function inflateStrategies(files: readonly string[], runs: number): string {
  const child = join(__dirname, 'inflateChild.js');
  const lines: string[] = [];
  const results = new Map<string, number[]>();
  let summary = '';
  for (let i = 0; i < runs; i++) {
    for (const strategy of ['zlib', 'fflate', 'split']) {
      const r = spawnSync(process.execPath, [child, strategy, ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
      if (r.status !== 0) throw new Error(r.stderr);
      const out = JSON.parse(r.stdout) as { parts: number; bytes: number; cpuMs: number };
      summary = `${out.parts} parts, ${(out.bytes / 1024 / 1024).toFixed(1)} MiB`;
      results.set(strategy, [...(results.get(strategy) ?? []), out.cpuMs]);
    }
  }
  lines.push(`  inflating ${summary}, CPU ms in a fresh process (median [min–max]):`);
  const label: Record<string, string> = { zlib: 'node:zlib only', fflate: 'fflate only', split: 'split by size (src/platform/node.ts)' };
  for (const [k, v] of results) lines.push(`    ${label[k].padEnd(38)}${spread(v, 1)}`);
  return lines.join('\n');
}
