import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { runCli } from '../helpers/cli';

/**
 * A master open in Excel/WPS or LibreOffice is refused before any report is read: the coordinator is not kept
 * waiting while every scan goes through OCR only to hear at the end that the master cannot be written.
 */

const dir = mkdtempSync(join(tmpdir(), 'cli-locked-'));
const master = join(dir, '主表.xlsx');
const folder = join(dir, '1月');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  expect(runCli(['init', '--out', master]).code).toBe(0);
  mkdirSync(folder);
  // a scanned form (no text layer: it would go to OCR), the case where a late refusal costs most
  copyFileSync(join(__dirname, '../../seeds/sample-scans/2023-01-unit-21.pdf'), join(folder, '扫描件.pdf'));
}, 300_000);

for (const [who, lock] of [
  ['Excel/WPS', '~$主表.xlsx'],
  ['LibreOffice', '.~lock.主表.xlsx#'],
]) {
  test(`a master held open by ${who} (${lock}) is refused at once, before any scan is read`, () => {
    const before = readFileSync(master);
    writeFileSync(join(dir, lock), '');
    try {
      const r = runCli(['merge', master, '--month', '1', folder]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('正被其他程序');
      expect(r.stderr).toContain(master);
      expect(r.stderr).not.toContain('正在读取扫描件');
      expect(r.stdout).toBe('');
      expect(readFileSync(master).equals(before)).toBe(true);
      expect(readdirSync(dir)).not.toContain('备份');
    } finally {
      rmSync(join(dir, lock));
    }
  }, 300_000);
}
