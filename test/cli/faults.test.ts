import { spawn } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join } from 'path';
import { MasterFileError, patchMasterFile, writeFileAtomic } from '../../src/cli/masterFile';
import { writeSampleReports } from '../../src/samples/writeSamples';
import { readWorkbook } from '../../src/workbook/adapters/xlsxRead';
import { readMaster } from '../../src/workbook/readMaster';
import { CLI, runCli } from '../helpers/cli';

/** A write that fails or is killed midway leaves the master fully before or fully after the merge. */
const dir = mkdtempSync(join(tmpdir(), 'faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a failing write leaves the target untouched and no temp file behind', async () => {
  const target = join(dir, 'm.xlsx');
  writeFileSync(target, 'old');
  // The temp file's name is taken by a folder: the write fails before anything is renamed.
  mkdirSync(join(dir, `.m.xlsx.${process.pid}.tmp`));
  await expect(writeFileAtomic(target, new Uint8Array([1, 2, 3]))).rejects.toBeInstanceOf(MasterFileError);
  expect(readFileSync(target, 'utf8')).toBe('old');
  rmSync(join(dir, `.m.xlsx.${process.pid}.tmp`), { recursive: true });
});

test('a patch that cannot apply changes nothing and makes no backup', async () => {
  const master = join(dir, 'p.xlsx');
  expect(runCli(['init', '--out', master]).code).toBe(0);
  const before = readFileSync(master);
  await expect(patchMasterFile(master, before, [{ sheet: '不存在', cells: [{ row: 1, col: 1, value: 1 }] }], '2023-01-01 00:00:00')).rejects.toThrow(/不存在/);
  expect(readFileSync(master).equals(before)).toBe(true);
  expect(readdirSync(dir)).not.toContain('备份');
});

test('a merge killed at any moment leaves a readable master: all of the merge or none of it', async () => {
  const master = join(dir, 'k.xlsx');
  const reports = join(dir, 'reports');
  writeSampleReports(reports, { months: [1] });
  expect(runCli(['init', '--out', master]).code).toBe(0);
  const original = readFileSync(master);
  // Kill moments as fractions of a whole merge timed here, so a loaded machine shifts them all alike.
  const started = Date.now();
  expect(runCli(['merge', master, '--month', '1', join(reports, '1月')]).code).toBe(0);
  const whole = Date.now() - started;
  const outcomes = new Set<number>();
  for (const delay of [0.01, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 2].map((f) => Math.round(f * whole))) {
    writeFileSync(master, original);
    const child = spawn(process.execPath, [CLI, 'merge', master, '--month', '1', join(reports, '1月')], { stdio: 'ignore' });
    const exited = new Promise((r) => child.on('exit', r));
    await new Promise((r) => setTimeout(r, delay));
    child.kill('SIGKILL');
    await exited;
    const { model } = readMaster(readWorkbook(readFileSync(master)));
    expect([0, 1]).toContain(model.month);
    // All or nothing: month 1 set means every merged unit is in the ledger, month 0 means none is.
    expect(model.month === 1 ? model.ledger.size > 160 : model.ledger.size === 0).toBe(true);
    outcomes.add(model.month);
    const temps = readdirSync(dir).filter((f) => f.startsWith(`.${basename(master)}`));
    for (const t of temps) rmSync(join(dir, t)); // a killed process may leave its temp file, never a half master
  }
  // The delays span the merge: some runs were killed before the write, some finished.
  expect([...outcomes].sort()).toEqual([0, 1]);
}, 300_000);
