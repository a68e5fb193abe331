import ExcelJS from 'exceljs';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { StatusReport } from '../../src/core/status';
import { README_CELLS, SHEET, ledgerColumn, unitRow } from '../../src/workbook/layout';
import { CLI, runCli } from '../helpers/cli';
import { schemaValidator } from '../helpers/schema';
import { INDICATOR_KEYS, INDICATOR_SHEET } from '../helpers/table2023';

const validStatus = schemaValidator('status');

const dir = mkdtempSync(join(tmpdir(), 'cli-'));
const master = join(dir, '主表.xlsx');

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('build the CLI first: npm run build:cli (npm test does it)');
  const r = runCli(['init', '--out', master]);
  expect(r.stderr).toContain('已新建主表');
  expect(r.code).toBe(0);
});

describe('init', () => {
  test('writes a master and says so on stderr only', () => {
    expect(existsSync(master)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
  test('refuses to overwrite without --force (exit 1), overwrites with it', () => {
    const again = runCli(['init', '--out', master]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('已存在');
    expect(again.stdout).toBe('');
    const other = join(dir, 'copy.xlsx');
    writeFileSync(other, 'old');
    expect(runCli(['init', '--out', other, '--force']).code).toBe(0);
    expect(readFileSync(other).readUInt32LE(0)).toBe(0x04034b50);
  });
  test('refuses a master that Excel or LibreOffice holds open', () => {
    const target = join(dir, 'open.xlsx');
    writeFileSync(join(dir, '.~lock.open.xlsx#'), '');
    const r = runCli(['init', '--out', target, '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('正被其他程序打开');
  });
  test('usage errors exit 1 with a Chinese message and no stack trace', () => {
    for (const args of [
      ['init'],
      ['init', '--out', 'x.txt'],
      ['init', '--out', join(dir, 'y.xlsx'), '--year', '2024'],
      ['bogus'],
      ['status'],
      ['init', '--colour'],
    ]) {
      const r = runCli(args);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/错误：/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
  test('--quota imports a task table from the notice text, refusing one whose 合计 disagrees', () => {
    const notice = readFileSync(join(__dirname, '../../seeds/henan-2023-notice-jiaobanzhicheng-54.txt'), 'utf8');
    const file = join(dir, 'quota-2024.txt');
    writeFileSync(file, notice);
    const out = join(dir, '2024.xlsx');
    const ok = runCli(['init', '--out', out, '--year', '2024', '--quota', file]);
    expect(ok.code).toBe(0);
    const s = JSON.parse(runCli(['status', out, '--json']).stdout) as StatusReport;
    expect(s.year).toBe(2024);
    expect(s.units).toHaveLength(179);
    writeFileSync(file, notice.replace('1\t郑州市\t72100', '1\t郑州市\t72101'));
    const bad = runCli(['init', '--out', join(dir, 'bad.xlsx'), '--year', '2024', '--quota', file]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('合计行与各行之和不符（培训任务：合计 1050000，各行之和 1050001；合计行在第 253 行）');
  });
});

describe('status', () => {
  test('--json follows CONTRACT.md on a new master: month 0, every unit with four indicators', () => {
    const r = runCli(['status', master, '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as StatusReport;
    expect(validStatus(s)).toEqual([]);
    expect(Object.keys(s)).toEqual(['year', 'month', 'expectedRate', 'band', 'indicators', 'units', 'missing']);
    expect(s.indicators).toEqual([
      { key: 'training', label: '培训任务', unit: '人次', parent: null },
      { key: 'certified', label: '取证人数', unit: '人', parent: null },
      { key: 'advanced', label: '其中高级工及以上', unit: '人', parent: 'certified' },
      { key: 'onePlusX', label: '1+X证书取证人数', unit: '人', parent: null },
    ]);
    expect(s).toMatchObject({ year: 2023, month: 0, expectedRate: 0, band: 0.05, missing: [] });
    expect(s.units).toHaveLength(179);
    expect(s.units[0]).toEqual({
      id: 1,
      name: '郑州市',
      category: '省辖市',
      status: 'none',
      reported: [],
      indicators: {
        training: { annual: 72100, cumulative: null, rate: null, behind: false, status: 'none' },
        certified: { annual: 55300, cumulative: null, rate: null, behind: false, status: 'none' },
        advanced: { annual: null, cumulative: null, rate: null, behind: false, status: 'none' },
        onePlusX: { annual: 10300, cumulative: null, rate: null, behind: false, status: 'none' },
      },
    });
  });

  test('reads values a coordinator typed into the master, and --month overrides 截至月份', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(master);
    for (const key of INDICATOR_KEYS) {
      const ws = wb.getWorksheet(INDICATOR_SHEET[key])!;
      ws.getCell(unitRow(0), ledgerColumn(3, 'monthly')).value = 18000;
      ws.getCell(unitRow(0), ledgerColumn(3, 'cumulative')).value = 18000;
      ws.getCell(unitRow(1), ledgerColumn(2, 'cumulative')).value = 100;
    }
    wb.getWorksheet(SHEET.readme)!.getCell(README_CELLS.month.row, README_CELLS.month.col).value = 3;
    const typed = join(dir, 'typed.xlsx');
    await wb.xlsx.writeFile(typed);

    const s = JSON.parse(runCli(['status', typed, '--json']).stdout) as StatusReport;
    expect(validStatus(s)).toEqual([]);
    expect(validStatus({ ...s, month: 13 })).not.toEqual([]);
    expect(s.month).toBe(3);
    expect(s.expectedRate).toBe(0.25);
    expect(s.units[0].indicators.training).toEqual({ annual: 72100, cumulative: 18000, rate: 18000 / 72100, behind: true, status: 'amber' });
    expect(s.units[0].reported).toEqual([3]);
    expect(s.units[1].reported).toEqual([2]);
    expect(s.missing).toHaveLength(178);
    expect(s.missing).not.toContain(1);

    const feb = JSON.parse(runCli(['status', typed, '--month', '2', '--json']).stdout) as StatusReport;
    expect(feb.month).toBe(2);
    expect(feb.units[0].indicators.training.cumulative).toBeNull();
    expect(feb.units[1].indicators.training.status).toBe('red');

    const text = runCli(['status', typed]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('截至 3 月，应达进度 25.0%');
    expect(text.stdout).toContain('3 月未报送：178 个单位');
    expect(text.stdout).toContain('[预警] 1 郑州市');
  });

  test('a missing, corrupt or foreign file exits 2 with a clear Chinese message', async () => {
    const corrupt = join(dir, 'corrupt.xlsx');
    writeFileSync(corrupt, readFileSync(master).subarray(0, 2000));
    const text = join(dir, 'notes.xlsx');
    writeFileSync(text, 'just some text');
    const foreign = join(dir, 'foreign.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = 1;
    await wb.xlsx.writeFile(foreign);
    const cases: Array<[string, RegExp]> = [
      [join(dir, 'nope.xlsx'), /找不到主表文件/],
      [corrupt, /已损坏/],
      [text, /不是 \.xlsx 工作簿/],
      [foreign, /不是持证进度助手的主表/],
      [dir, /是文件夹/],
    ];
    for (const [file, message] of cases) {
      const r = runCli(['status', file, '--json']);
      expect({ file, code: r.code }).toEqual({ file, code: 2 });
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const bad = runCli(['status', master, '--month', '13']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--month 须为 1–12 的整数');
  });
});
