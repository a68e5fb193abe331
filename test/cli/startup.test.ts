/**
 * Each CLI command loads only its own modules (issue #15): `init`, `status` and `merge` never load ExcelJS. The CLI is
 * spawned with the bench's preload hook (src/bench/usageHook.ts), which lists the packages a process loaded.
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { writeSampleReports } from '../../src/samples/writeSamples';
import { ensureCli } from '../browser/harness';
import { CLI, ROOT } from '../helpers/cli';

const HOOK = join(ROOT, 'build/cli/src/bench/usageHook.js');
const dir = mkdtempSync(join(tmpdir(), 'cli-startup-'));
const master = join(dir, 'master.xlsx');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI; its exit code and the npm packages it loaded. */
function packagesLoaded(args: string[]): { code: number | null; packages: string[] } {
  const usage = join(dir, 'usage.json');
  const r = spawnSync(process.execPath, ['--require', HOOK, CLI, ...args], {
    env: { ...process.env, BENCH_USAGE_FILE: usage },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, packages: (JSON.parse(readFileSync(usage, 'utf8')) as { packages: string[] }).packages };
}

beforeAll(() => {
  ensureCli();
  // init writes the master with the project's own streaming writer (zipped by fflate): the hook sees that, and no ExcelJS.
  const init = packagesLoaded(['init', '--out', master]);
  expect(init.code).toBe(0);
  expect(init.packages).toContain('fflate');
  expect(init.packages).not.toContain('exceljs');
}, 180_000);

test('--help loads no package at all', () => {
  expect(packagesLoaded(['--help'])).toEqual({ code: 0, packages: [] });
});

test('status loads SheetJS and fflate, not ExcelJS', () => {
  const r = packagesLoaded(['status', master]);
  expect(r.code).toBe(0);
  expect(r.packages).toEqual(['fflate', 'xlsx']);
});

test('merge loads SheetJS and fflate, not ExcelJS; the sample month’s photo loads the image decoder, not the OCR engine', () => {
  const reports = join(dir, 'reports');
  writeSampleReports(reports, { months: [1] });
  const r = packagesLoaded(['merge', master, '--month', '1', join(reports, '1月'), '--dry-run']);
  expect(r.code).toBe(0);
  // The sample month has a photo too small to hold a form: the scan reader decodes it (jpeg-js) and answers at once,
  // so onnxruntime (the OCR engine) is never loaded.
  expect(r.packages).toEqual(['fflate', 'jpeg-js', 'xlsx']);
}, 120_000);
