import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as XLSX from 'xlsx';
import { StatusReport } from '../../src/core/status';
import { writeReportForm } from '../../src/samples/reportForm';
import { writeSampleReports } from '../../src/samples/writeSamples';
import { FileWorkbook } from '../../src/workbook/adapters/memoryFile';
import { MasterSession } from '../../src/workflow/session';
import { runCli } from '../helpers/cli';
import { INDICATORS } from '../helpers/table2023';
import { bodyParagraphs, openDocx, tables } from './docxParts';
import { STATUS, count, pct } from './expected';

/**
 * `bulletin` on a real master, end to end: every figure of the circular equals `status --json` of the same master
 * and month, with the edge cases a month has: an indicator without a task ("—"), units without data, a unit over
 * 100% of its task.
 */
describe('bulletin: the circular of a merged master against status --json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulletin-cli-'));
  const master = join(dir, '主表.xlsx');
  const out = join(dir, '通报.docx');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(() => {
    expect(runCli(['init', '--out', master]).code).toBe(0);
    writeSampleReports(join(dir, 'reports'), { months: [1, 2] });
    // 郑州市 (1) reports far over its task for month 2: a rate above 100%.
    const over = XLSX.utils.book_new();
    const values = Object.fromEntries(
      INDICATORS.map((i) => [
        i.key,
        i.key === 'advanced' ? { annual: '—', monthly: null, cumulative: null, rate: null } : { annual: null, monthly: 90000, cumulative: 99000, rate: null },
      ]),
    );
    XLSX.utils.book_append_sheet(over, writeReportForm({ unitName: '郑州市', year: 2023, month: 2, values, date: '2023年2月27日' }), 'Sheet1');
    const correction = join(dir, '郑州市-更正.xlsx');
    writeFileSync(correction, new Uint8Array(XLSX.write(over, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer));
    for (const m of [1, 2]) expect(runCli(['merge', master, '--month', String(m), join(dir, 'reports', `${m}月`)]).code).toBe(0);
    // Sent again later: replaces 郑州市's month 2 (a second report in the same batch would be a CONFLICT).
    expect(runCli(['merge', master, '--month', '2', correction]).code).toBe(0);
  }, 300_000);

  test('总体进度, the annex rows and the missing units come from status --json', () => {
    const r = runCli(['bulletin', master, '--out', out]);
    expect(r.stderr).toContain('已写入进度通报');
    expect(r.code).toBe(0);
    const status = JSON.parse(runCli(['status', master, '--json']).stdout) as StatusReport;
    expect(status.month).toBe(2);
    const doc = openDocx(readFileSync(out)).xml('word/document.xml');
    const body = bodyParagraphs(doc).join('\n');

    // 一、总体进度: each indicator's task, cumulative and rate are the sums of the units.
    for (const ind of status.indicators) {
      const units = status.units.map((u) => u.indicators[ind.key]);
      const annual = units.reduce((s, f) => s + (f.annual ?? 0), 0);
      const cumulative = units.reduce((s, f) => s + (f.cumulative ?? 0), 0);
      const line = body.split('\n').find((p) => p.includes(`${ind.label}`) && p.includes(count(annual)));
      expect([ind.key, line]).toEqual([ind.key, expect.stringContaining(count(cumulative))]);
      expect(line).toContain(pct(cumulative / annual));
    }

    // The annex: one row per unit with every indicator's task, cumulative, rate and status as status --json says.
    const rows = tables(doc)
      .flat()
      .filter((row) => !row.header && /^\d+$/.test(row.cells[0] ?? ''));
    const byId = new Map<number, string[][]>();
    for (const row of rows) byId.set(Number(row.cells[0]), [...(byId.get(Number(row.cells[0])) ?? []), row.cells]);
    const over = status.units.find((u) => u.id === 1)!;
    expect(over.indicators.training.rate!).toBeGreaterThan(1);
    for (const u of status.units) {
      const cells = byId.get(u.id)!.flatMap((c) => c.slice(2));
      const expected = status.indicators.flatMap((ind) => {
        const f = u.indicators[ind.key];
        return [count(f.annual), count(f.cumulative), f.annual === null ? '—' : pct(f.rate), STATUS[f.status]];
      });
      expect([u.id, cells]).toEqual([u.id, expected]);
    }
    expect(byId.get(1)!.flatMap((c) => c.slice(2))).toContain(pct(over.indicators.training.rate));

    // 四、报送情况: every unit missing month 2, by name.
    const missing = status.units.filter((u) => status.missing.includes(u.id));
    expect(missing.length).toBeGreaterThan(0);
    for (const u of missing) expect(body).toContain(u.name);
  }, 300_000);

  test("the master's saved 下一步工作要求 is used; --requirements replaces it", async () => {
    const workbook = new FileWorkbook(new Uint8Array(readFileSync(master)));
    const session = new MasterSession(workbook, () => '2023-03-01 09:00:00');
    await session.load();
    await session.setRequirements('（一）保存在主表中的要求。第一段。\n=不是公式的第二段');
    writeFileSync(master, workbook.bytes);
    const saved = join(dir, '保存的要求.docx');
    expect(runCli(['bulletin', master, '--out', saved]).code).toBe(0);
    const body = bodyParagraphs(openDocx(readFileSync(saved)).xml('word/document.xml'));
    const fifth = body.findIndex((p) => p.startsWith('五、'));
    expect(body.slice(fifth + 1, fifth + 3)).toEqual(['（一）保存在主表中的要求。第一段。', '=不是公式的第二段']);

    const file = join(dir, '要求.txt');
    writeFileSync(file, '命令行给出的要求。\n');
    const given = join(dir, '给出的要求.docx');
    expect(runCli(['bulletin', master, '--out', given, '--requirements', file]).code).toBe(0);
    const text = bodyParagraphs(openDocx(readFileSync(given)).xml('word/document.xml')).join('\n');
    expect(text).toContain('命令行给出的要求。');
    expect(text).not.toContain('保存在主表中的要求');
  }, 300_000);

  test('refuses to overwrite an existing circular without --force, and a month before any merge', () => {
    const again = runCli(['bulletin', master, '--out', out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('--force');
    const fresh = join(dir, '新主表.xlsx');
    expect(runCli(['init', '--out', fresh]).code).toBe(0);
    const early = runCli(['bulletin', fresh, '--out', join(dir, 'x.docx')]);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('--month');
    // A month after 截至月份 has no data: refused, not a circular calling every unit behind; no usage dump.
    const later = runCli(['bulletin', master, '--month', '5', '--out', join(dir, 'y.docx')]);
    expect(later.code).toBe(1);
    expect(later.stderr).toContain('主表只合并到 2 月（截至月份），5 月还没有数据');
    expect(later.stderr).not.toContain('命令：'); // the hint line, not the whole usage
    expect(existsSync(join(dir, 'y.docx'))).toBe(false);
  });
});
