import ExcelJS from 'exceljs';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { unzipSync } from 'fflate';
import { StatusReport } from '../../src/core/status';
import { writeSampleReports } from '../../src/samples/writeSamples';
import { ledgerColumn, unitRow } from '../../src/workbook/layout';
import { runCli } from '../helpers/cli';
import { convertWithLibreOffice } from '../helpers/libreoffice';
import { schemaValidator } from '../helpers/schema';
import { runUno } from '../helpers/unoCalc';
import { MergeJson } from '../../src/workflow/merge';
import { INDICATOR_SHEET } from '../helpers/table2023';

const validMerge = schemaValidator('merge');
const dir = mkdtempSync(join(tmpdir(), 'cli-merge-'));
const master = join(dir, '主表.xlsx');
const reports = join(dir, '报表');
const manifest = writeSampleReports(reports);
const month1 = join(reports, '1月');
const month2 = join(reports, '2月');

const status = (file = master) => JSON.parse(runCli(['status', file, '--json']).stdout) as StatusReport;
const merge = (...args: string[]) => runCli(['merge', master, ...args, '--json']);

beforeAll(() => {
  expect(runCli(['init', '--out', master]).code).toBe(0);
  // Things a real folder holds that are not reports: lock files, hidden files, the master itself.
  writeFileSync(join(month1, '~$郑州市.xlsx'), 'owner file');
  writeFileSync(join(month1, '.~lock.开封市.xlsx#'), 'lock');
  writeFileSync(join(month1, '.DS_Store'), 'mac');
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('merge, undo and check through the CLI', () => {
  let afterJan: StatusReport;

  test('merge month 1 from a folder: JSON per the contract, backup made, 截至月份 set', () => {
    const r = merge('--month', '1', month1);
    expect(r.stderr).toContain('已备份');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as MergeJson;
    expect(validMerge(json)).toEqual([]);
    const files = manifest.files.filter((f) => f.month === 1);
    const forms = files.reduce((n, f) => n + Math.max(1, f.unitIds.length), 0);
    expect(json.merged.length + json.rejected.length).toBe(forms);
    expect(json.merged.length).toBeGreaterThan(165);
    expect(json.rejected.map((x) => x.code).sort()).toEqual(['SCAN_UNREADABLE', 'UNKNOWN_UNIT']);
    expect(json.merged.every((m) => !m.file.includes('~$') && !m.file.includes('.~lock'))).toBe(true);
    expect(readdirSync(join(dir, '备份'))).toHaveLength(1);
    afterJan = status();
    expect(afterJan.month).toBe(1);
    expect(afterJan.missing).toEqual(json.missing);
  });

  test('merging the same files again changes nothing (idempotent), the log records the attempt', () => {
    const before = readFileSync(master);
    const r = merge('--month', '1', month1);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as MergeJson;
    expect(json.merged.flatMap((m) => m.warnings).filter((w) => w.code === 'REPLACED')).toEqual([]);
    expect(status()).toEqual(afterJan);
    expect(readFileSync(master).equals(before)).toBe(false); // 合并日志 grew
  });

  test('--dry-run writes nothing', () => {
    const before = readFileSync(master);
    const r = merge('--month', '2', month2, '--dry-run');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('未做任何修改');
    expect(readFileSync(master).equals(before)).toBe(true);
  });

  test('month 2, then undo restores month 1 exactly; undo again restores the new master', () => {
    const r = runCli(['merge', master, month2]); // default month = 截至月份 + 1, text output
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('按截至月份 + 1 合并 2 月');
    expect(r.stdout).toMatch(/^2 月合并：已合并 \d+ 份/);
    const feb = status();
    expect(feb.month).toBe(2);
    const undo = runCli(['undo', master]);
    expect(undo.code).toBe(0);
    expect(undo.stdout).toContain('已撤销');
    expect(status()).toEqual(afterJan);
    expect(runCli(['undo', master]).code).toBe(0); // the idempotent re-merge (no changes)
    expect(runCli(['undo', master]).code).toBe(0); // month 1
    const fresh = status();
    expect(fresh.month).toBe(0);
    expect(fresh.units.every((u) => u.reported.length === 0)).toBe(true);
    const none = runCli(['undo', master]);
    expect(none.code).toBe(0);
    expect(none.stderr).toContain('没有可撤销的合并');
  });

  test('check finds the inconsistency a late correction to an earlier month creates', async () => {
    expect(merge('--month', '1', month1).code).toBe(0);
    expect(merge('--month', '2', month2).code).toBe(0);
    expect(JSON.parse(runCli(['check', master, '--json']).stdout).findings.filter((f: { code: string }) => f.code === 'CUMULATIVE_MISMATCH')).toHaveLength(1);
    // A coordinator corrects 郑州市's January 累计 by hand in Excel.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(master);
    const cell = wb.getWorksheet(INDICATOR_SHEET.training)!.getCell(unitRow(0), ledgerColumn(1, 'cumulative'));
    cell.value = Number(cell.value) + 100;
    const edited = join(dir, 'edited.xlsx');
    await wb.xlsx.writeFile(edited);
    const c = runCli(['check', edited, '--json']);
    const findings = JSON.parse(c.stdout).findings as Array<{ code: string; sheet: string; cell: string; unitId: number; month: number }>;
    expect(findings).toContainEqual(expect.objectContaining({ code: 'CUMULATIVE_MISMATCH', sheet: '培训任务', unitId: 1, month: 2, cell: 'F4' }));
    expect(runCli(['check', edited]).stdout).toContain('培训任务!F4');
  }, 180_000); // four CLI processes in a row

  test('a master open in another program is refused and left untouched', () => {
    const lock = join(dir, '.~lock.主表.xlsx#');
    writeFileSync(lock, 'x');
    const before = readFileSync(master);
    const r = merge('--month', '3', month1);
    rmSync(lock);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('正被其他程序');
    expect(readFileSync(master).equals(before)).toBe(true);
  });

  test('usage errors: no paths, a missing report folder, a bad month', () => {
    expect(runCli(['merge', master]).code).toBe(1);
    expect(runCli(['merge', master, '--month', '1', join(dir, 'nope')]).stderr).toContain('找不到报表文件或文件夹');
    expect(runCli(['merge', master, '--month', '0', month1]).code).toBe(1);
  });
});

describe('reports made by LibreOffice, and a master LibreOffice re-saved with a chart', () => {
  test('.xls and .ods written by LibreOffice merge with the same numbers as the originals', () => {
    const picks = manifest.files
      .filter((f) => f.month === 1 && f.file.endsWith('.xlsx') && f.unitIds.length === 1 && f.traits.includes('standard'))
      .slice(0, 2);
    const xls = convertWithLibreOffice(
      picks.map((p) => ({ name: `a${picks.indexOf(p)}.xlsx`, bytes: readFileSync(join(reports, p.file)) })),
      'xls',
    );
    const ods = convertWithLibreOffice(
      picks.map((p) => ({ name: `b${picks.indexOf(p)}.xlsx`, bytes: readFileSync(join(reports, p.file)) })),
      'ods',
    );
    const lo = join(dir, 'lo');
    mkdirSync(lo);
    writeFileSync(join(lo, 'one.xls'), xls[0]);
    writeFileSync(join(lo, 'two.ods'), ods[1]);
    const m = join(dir, 'lo-master.xlsx');
    runCli(['init', '--out', m]);
    const json = JSON.parse(runCli(['merge', m, '--month', '1', lo, '--json']).stdout) as MergeJson;
    expect(json.rejected).toEqual([]);
    expect(json.merged.map((x) => x.unitId).sort()).toEqual(picks.map((p) => p.unitIds[0]).sort());
    const s = status(m);
    for (const p of picks) {
      const u = s.units.find((x) => x.id === p.unitIds[0])!;
      expect(u.indicators.training.cumulative).toBe((p.forms[0].values as { training: { cumulative: number } }).training.cumulative);
    }
  });

  test("the coordinator's sheet, chart, comment and fill survive a merge", () => {
    const fresh = join(dir, 'plain.xlsx');
    const decorated = join(dir, 'decorated.xlsx');
    runCli(['init', '--out', fresh]);
    runUno([{ op: 'decorate', in: fresh, out: decorated }]);
    const r = runCli(['merge', decorated, '--month', '1', month1, '--json']);
    expect(r.code).toBe(0);
    const zip = unzipSync(readFileSync(decorated));
    expect(Object.keys(zip).some((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toBe(true);
    expect(Object.keys(zip).some((n) => /comments/i.test(n))).toBe(true);
    const [inspection] = runUno([{ op: 'inspect', in: decorated }]);
    if (inspection.op !== 'inspect') throw new Error('inspect');
    expect(inspection.sheets).toContain('我的图表');
    expect(inspection.charts.length).toBeGreaterThan(0);
    expect(inspection.annotations.length).toBeGreaterThan(0);
    expect(inspection.background).not.toBeNull();
    expect(status(decorated).month).toBe(1);
    expect(status(decorated).units[0].reported).toEqual(afterJanReported());
  });
});

function afterJanReported(): number[] {
  const zhengzhou = manifest.files.find((f) => f.month === 1 && f.unitIds.includes(1));
  return zhengzhou ? [1] : [];
}
