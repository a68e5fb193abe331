/**
 * Task tables of other years and levels, as LibreOffice saves them (.xls, .ods, .xlsx, CSV in GBK and UTF-8) or as
 * text copied out of a notice, each taken all the way: init --quota → a month of reports written for that table's
 * indicators → merge → status --json (top-level indicators and their keys) → summary (the keeper's own 附件2).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as iconv from 'iconv-lite';

import { StatusReport } from '../../src/core/status';
import { quotaTotals } from '../../src/core/units';
import { readReportFile } from '../../src/reports/readReports';
import {
  SampleTable,
  anyang2023,
  anyang2024,
  expectedTable,
  huaxian2024,
  province2022,
  provincePlan2024,
  quotaTableText,
  quotaTableXlsx,
  zhengzhou2025,
} from '../../src/samples/quotaTables';
import { tableReports } from '../../src/samples/tableReports';
import { CLI, runCli } from '../helpers/cli';
import { convertWithLibreOffice } from '../helpers/libreoffice';

type Format = 'xls' | 'ods' | 'xlsx' | 'csv-gbk' | 'csv-utf8' | 'text';

const CASES: Array<{ table: SampleTable; format: Format; level: string }> = [
  { table: province2022(), format: 'xls', level: '省级，3 项指标（2023 年的键），分组标题下的表头，按分组行分类' },
  { table: provincePlan2024(), format: 'ods', level: '省级，3 项指标（其中项在合并单元格下），表中无类别：沿用上一年度' },
  { table: anyang2024(), format: 'csv-gbk', level: '市级，3 项指标，“类别”列' },
  { table: huaxian2024(), format: 'xlsx', level: '县级，5 项指标，无类别' },
  { table: zhengzhou2025(), format: 'csv-utf8', level: '市级，8 项指标（两个其中项），分组行，备注列' },
  { table: anyang2023(), format: 'text', level: '市级，2023 年四项指标，从通知复制的文字（表头分两行）' },
];

const FILTERS: Record<Exclude<Format, 'text'>, { filter: string; ext: string }> = {
  xls: { filter: 'xls:MS Excel 97', ext: 'xls' },
  ods: { filter: 'ods', ext: 'ods' },
  xlsx: { filter: 'xlsx:Calc MS Excel 2007 XML', ext: 'xlsx' },
  // 85: GB18030 (what Chinese Windows calls ANSI); 76: UTF-8.
  'csv-gbk': { filter: 'csv:Text - txt - csv (StarCalc):44,34,85', ext: 'csv' },
  'csv-utf8': { filter: 'csv:Text - txt - csv (StarCalc):44,34,76', ext: 'csv' },
};

jest.setTimeout(180_000);

const dir = mkdtempSync(join(tmpdir(), 'levels-'));
const files = new Map<string, string>();

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error('build the CLI first: npm run build:cli');
  const byFilter = new Map<string, Array<{ name: string; bytes: Uint8Array; table: SampleTable }>>();
  for (const c of CASES) {
    if (c.format === 'text') {
      const file = join(dir, `${c.table.name}.txt`);
      writeFileSync(file, quotaTableText(c.table));
      files.set(c.table.name, file);
      continue;
    }
    const list = byFilter.get(c.format) ?? [];
    list.push({ name: `${c.table.name}.xlsx`, bytes: await quotaTableXlsx(c.table), table: c.table });
    byFilter.set(c.format, list);
  }
  for (const [format, list] of byFilter) {
    const { filter, ext } = FILTERS[format as Exclude<Format, 'text'>];
    const out = convertWithLibreOffice(list, filter);
    list.forEach((x, i) => {
      const file = join(dir, `${x.table.name}.${ext}`);
      writeFileSync(file, out[i]);
      files.set(x.table.name, file);
    });
  }
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('LibreOffice wrote what the cases say: BIFF8, ODF, OOXML, a GBK CSV and a UTF-8 CSV', () => {
  const head = (name: string) => readFileSync(files.get(name)!);
  expect(head(province2022().name).subarray(0, 4).toString('hex')).toBe('d0cf11e0');
  expect(head(provincePlan2024().name).subarray(0, 2).toString()).toBe('PK');
  const gbk = head(anyang2024().name);
  expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
  expect(iconv.decode(gbk, 'gb18030')).toContain('安阳市教育局关于下达2024年度');
  expect(head(zhengzhou2025().name).toString('utf8')).toContain('郑州市教育系统');
});

describe.each(CASES)('$table.name ($format): $level', ({ table, format }) => {
  const expected = expectedTable(table);
  const master = join(dir, `${table.name}-主表.xlsx`);
  const reports = join(dir, `${table.name}-1月`);

  test('init reads the indicators, categories, year and keeper, and says so', () => {
    const r = runCli(['init', '--out', master, '--quota', files.get(table.name)!]);
    expect(r.stderr).not.toContain('无法导入');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`标题：${table.title}`);
    expect(r.stderr).toContain(`年度：${table.year}（取自标题）`);
    expect(r.stderr).toContain(`主表保管单位：${table.keeper}（取自标题；如不对，请用 --keeper 指明），向上级报送时的填报单位名称：${table.reportsAs}`);
    expect(r.stderr).toContain(`指标 ${table.indicators.length} 项：`);
    for (const ind of table.indicators) expect(r.stderr).toContain(`${ind.label}（${ind.unit}）`);
    for (const ind of table.indicators.filter((i) => i.parent)) {
      expect(r.stderr).toContain(`${ind.label}（${ind.unit}），是“${table.indicators.find((p) => p.key === ind.parent)!.label}”的一部分`);
    }
    if (expected.categories.length) {
      const counts = expected.categories.map((c) => `${c} ${expected.units.filter((u) => u.category === c).length} 个`).join('、');
      expect(r.stderr).toContain(`分 ${expected.categories.length} 类`);
      expect(r.stderr).toContain(counts);
    } else expect(r.stderr).toContain('不分类别');
    expect(r.stderr).toMatch(/合计行（[^）]+）与各行之和相符/);
    if (format === 'csv-utf8') expect(r.stderr).toContain('未作为指标的列：“备注”');
  });

  test('status --json: the table’s indicators at the top, in order, with their keys; units, categories and quotas', () => {
    const s = JSON.parse(runCli(['status', master, '--json']).stdout) as StatusReport;
    expect(s.year).toBe(table.year);
    expect(s.indicators).toEqual(table.indicators.map(({ key, label, unit, parent }) => ({ key, label, unit, parent })));
    expect(s.units.map((u) => [u.id, u.name, u.category])).toEqual(expected.units.map((u) => [u.id, u.name, u.category]));
    for (const u of expected.units) {
      const got = s.units.find((x) => x.id === u.id)!;
      expect(Object.keys(got.indicators)).toEqual(table.indicators.map((i) => i.key));
      for (const ind of table.indicators) expect(got.indicators[ind.key].annual).toBe(u.quota[ind.key] ?? null);
    }
  });

  test('a month of reports written for these indicators merges in full; status and summary show it', () => {
    mkdirSync(reports, { recursive: true });
    const written = tableReports(expected, 1);
    for (const f of written) writeFileSync(join(reports, f.name), f.bytes);
    const m = runCli(['merge', master, '--month', '1', reports, '--json']);
    expect(m.code).toBe(0);
    const merged = JSON.parse(m.stdout) as { merged: Array<{ unitId: number; warnings: Array<{ code: string }> }>; rejected: unknown[]; missing: number[] };
    expect(merged.rejected).toEqual([]);
    expect(merged.missing).toEqual([]);
    expect(merged.merged.map((x) => x.unitId).sort((a, b) => a - b)).toEqual(expected.units.map((u) => u.id));
    expect(merged.merged.flatMap((x) => x.warnings.map((w) => w.code))).toEqual([]);

    const s = JSON.parse(runCli(['status', master, '--json']).stdout) as StatusReport;
    expect(s.month).toBe(1);
    for (const f of written) {
      const got = s.units.find((x) => x.id === f.unitId)!;
      for (const ind of table.indicators) expect(got.indicators[ind.key].cumulative).toBe(f.figures[ind.key].cumulative);
    }

    const out = join(dir, `${table.name}-1月月报.xlsx`);
    const sum = runCli(['summary', master, '--out', out]);
    expect(sum.code).toBe(0);
    expect(sum.stderr).toContain(`填报单位 ${table.keeper}`);
    const read = readReportFile(out, readFileSync(out), table.indicators);
    expect(read.reports).toHaveLength(1);
    expect(read.reports[0].unitName).toBe(table.keeper);
    const totals = quotaTotals(expected);
    for (const ind of table.indicators) {
      const cumulative = written.reduce((acc, f) => acc + (f.figures[ind.key].cumulative ?? 0), 0);
      const none = expected.units.every((u) => u.quota[ind.key] === null);
      expect([ind.key, read.reports[0].figures[ind.key].annual.value, read.reports[0].figures[ind.key].cumulative.value]).toEqual([
        ind.key,
        none ? null : totals[ind.key],
        none ? null : cumulative,
      ]);
    }
  });
});

test('the 2023 notice’s own text: init without --year takes year, keeper and indicators from it, the same master as the embedded table', () => {
  const file = join(dir, 'notice.txt');
  writeFileSync(file, readFileSync(join(__dirname, '../../seeds/henan-2023-notice-jiaobanzhicheng-54.txt')));
  const fromText = join(dir, 'notice-主表.xlsx');
  const embedded = join(dir, 'embedded-主表.xlsx');
  const r = runCli(['init', '--out', fromText, '--quota', file]);
  expect(r.code).toBe(0);
  expect(r.stderr).toContain('年度：2023（取自标题）');
  expect(r.stderr).toContain('主表保管单位：河南省教育厅（取自标题；如不对，请用 --keeper 指明），向上级报送时的填报单位名称：河南省');
  expect(r.stderr).toContain('与 2023 年度任务表（河南省教育厅）相比：单位名单没有变化');
  expect(runCli(['init', '--out', embedded]).code).toBe(0);
  expect(runCli(['status', fromText, '--json']).stdout).toBe(runCli(['status', embedded, '--json']).stdout);
});
