import * as iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as XLSX from 'xlsx';

import { StatusReport } from '../../src/core/status';
import { QuotaTable, Unit, quotaTotals } from '../../src/core/units';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { decodeQuotaText, importQuotaFile, importQuotaText, importQuotaWorkbook, isWorkbookBytes } from '../../src/quota/importTable';
import { categoryOfText } from '../../src/quota/workbookTable';
import { decodeText } from '../../src/reports/fileKind';
import { CLI, runCli } from '../helpers/cli';
import { CATEGORIES, INDICATORS, TABLE_2023_SHAPE } from '../helpers/table2023';

const noticeText = readFileSync(join(__dirname, '../../seeds/henan-2023-notice-jiaobanzhicheng-54.txt'), 'utf8');
const embedded = embeddedQuota2023();
const none: QuotaTable = { ...TABLE_2023_SHAPE, year: 2022, source: '', units: [] };

type Cell = string | number | null;
const q = (v: number | null): Cell => (v === null ? '—' : v);

/** A task table the way an office would type it: 序号, 单位名称, 类别?, the four columns, a 合计 row. */
function simpleRows(units: readonly Unit[], opts: { category?: boolean; total?: boolean; totalDelta?: number } = {}): Cell[][] {
  const header: Cell[] = ['序号', '单位名称', ...(opts.category ? ['类别'] : []), ...INDICATORS.map((i) => `${i.label}（${i.unit}）`)];
  const rows: Cell[][] = [['2023年度“人人持证、技能河南”建设工作任务分配表'], [], header];
  for (const u of units) rows.push([u.id, u.name, ...(opts.category ? [u.category] : []), ...INDICATORS.map((i) => q(u.quota[i.key]))]);
  if (opts.total !== false) {
    const t = quotaTotals({ indicators: INDICATORS, units });
    rows.push(['合计', null, ...(opts.category ? [null] : []), t.training + (opts.totalDelta ?? 0), t.certified, t.advanced, t.onePlusX]);
  }
  return rows;
}

async function xlsxOf(rows: Cell[][], sheet = 'Sheet1', extraSheets: string[] = []): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const s of extraSheets) wb.addWorksheet(s).getCell('A1').value = '说明';
  const ws = wb.addWorksheet(sheet);
  rows.forEach((r, i) => r.forEach((v, k) => v !== null && (ws.getCell(i + 1, k + 1).value = v)));
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/**
 * The notice's own layout (附件1): title, a two-row header with 取证人数 over 小计 and 其中高级工及以上,
 * section rows per category, the header repeated on each page, no 类别 column. Saved as .xls (BIFF8).
 */
function noticeLikeXls(units: readonly Unit[]): Uint8Array {
  const rows: Cell[][] = [['附件1'], ['2024年度各地各校培训和取证任务分配表'], []];
  const header1: Cell[] = ['序号', '省辖市、济源示范区、省直管县（市）、学校', '培训任务（人次）', '取证人数（人）', null, '1+X证书取证人数（人）'];
  const header2: Cell[] = [null, null, null, '小计', '其中：高级工及以上', null];
  rows.push(header1, header2);
  let section = '';
  units.forEach((u, i) => {
    if (i > 0 && i % 40 === 0) rows.push(header1, header2);
    if (u.category !== section) {
      section = u.category;
      rows.push([null, `${u.category}`]);
    }
    rows.push([String(u.id), ` ${u.name} `, ...INDICATORS.map((ind) => (u.quota[ind.key] === null ? '—' : u.quota[ind.key]!.toLocaleString('en-US')))]);
  });
  const t = quotaTotals({ indicators: INDICATORS, units });
  rows.push(['合  计', null, t.training, t.certified, t.advanced, t.onePlusX]);
  const ws = XLSX.utils.aoa_to_sheet(rows);
  ws['!merges'] = [{ s: { r: 3, c: 3 }, e: { r: 3, c: 4 } }];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '附件1');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xls' }) as ArrayBuffer);
}

describe('the 2023 notice reproduces the embedded quota', () => {
  test('importing the notice text gives exactly the embedded 2023 table', () => {
    const r = importQuotaText(noticeText, 2023, embedded.source, embedded);
    expect(r.problems).toEqual([]);
    expect(r.table).toEqual(embedded);
    expect(r.changes).toEqual({ renamed: [], added: [], dropped: [] });
    // Year, keeper, indicators and source all from the text itself.
    expect(importQuotaText(noticeText, null, '', embedded).table).toEqual(embedded);
  });

  test('a workbook made from the embedded quota (with 类别) imports to the same table, with no previous list', async () => {
    const r = importQuotaWorkbook(await xlsxOf(simpleRows(embedded.units, { category: true })), 2023, embedded.source, none);
    expect(r.problems).toEqual([]);
    expect(r.table).toEqual(embedded);
    expect(r.changes.added).toHaveLength(179);
  });

  test('without 类别 the categories come from the previous year by name; the task sheet is found among others', async () => {
    const bytes = await xlsxOf(simpleRows(embedded.units), '任务分配', ['说明', '封面']);
    const r = importQuotaWorkbook(bytes, 2024, 'x.xlsx', embedded);
    expect(r.problems).toEqual([]);
    expect(r.table).toEqual({ ...embedded, year: 2024, source: 'x.xlsx' });
  });

  test("the notice's own layout as .xls: two header rows, section rows, repeated headers, text numbers, “—”", () => {
    const bytes = noticeLikeXls(embedded.units);
    expect(isWorkbookBytes(bytes)).toBe(true);
    const r = importQuotaWorkbook(bytes, 2024, 'notice.xls', none);
    expect(r.problems).toEqual([]);
    // Section rows ("省辖市", "本科高校"…) give the categories even with no previous list.
    expect(r.table!.units).toEqual(embedded.units);
  });

  test('a master workbook can serve as the task table (its 任务分配 sheet)', async () => {
    const { renderWorkbook } = await import('../../src/workbook/adapters/xlsxRender');
    const { masterSpec } = await import('../../src/workbook/masterSpec');
    const { newMasterModel } = await import('../../src/workbook/model');
    const bytes = await renderWorkbook(masterSpec(newMasterModel(embedded)));
    const r = importQuotaWorkbook(bytes, 2024, '2023主表.xlsx', none);
    expect(r.problems).toEqual([]);
    expect(r.table!.units).toEqual(embedded.units);
  });
});

describe("next year's list against the previous one", () => {
  // 2024: unit 30 renamed, unit 100 gone (the ones after it move up one 序号).
  const renamed = '河南新名字大学';
  const next = embedded.units.filter((u) => u.id !== 100).map((u, i) => ({ ...u, id: i + 1, name: u.id === 30 ? renamed : u.name }));

  test('a renamed unit and a dropped one are reported; the renamed keeps its category', async () => {
    const r = importQuotaWorkbook(await xlsxOf(simpleRows(next)), 2024, 'q.xlsx', embedded);
    expect(r.problems).toEqual([]);
    expect(r.changes.renamed).toEqual([`30：${embedded.units[29].name} → ${renamed}`]);
    expect(r.changes.dropped).toEqual([`100 ${embedded.units[99].name}`]);
    expect(r.changes.added).toEqual([]);
    expect(r.table!.units).toHaveLength(178);
    expect(r.table!.units[29]).toMatchObject({ id: 30, name: renamed, category: embedded.units[29].category });
    expect(r.table!.units[99]).toMatchObject({ id: 100, name: embedded.units[100].name, category: embedded.units[100].category });
  });

  test('a new unit whose category cannot be told is asked for, all such units in one clear message', async () => {
    const extra: Unit[] = [
      ...embedded.units,
      { id: 180, name: '河南某某大学', category: '本科高校', quota: { training: 100, certified: 50, advanced: null, onePlusX: null } },
      { id: 181, name: '某某县', category: '省直管县（市）', quota: { training: 10, certified: 5, advanced: null, onePlusX: null } },
    ];
    const r = importQuotaWorkbook(await xlsxOf(simpleRows(extra)), 2024, 'q.xlsx', embedded);
    expect(r.table).toBeNull();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toContain('无法判断以下 2 个单位的类别');
    expect(r.problems[0]).toContain('180 河南某某大学、181 某某县');
    expect(r.problems[0]).toContain('“类别”');
    // With a 类别 column (short forms accepted) it imports.
    const rows = simpleRows(extra, { category: true }).map((row) => row.map((v) => (v === '本科高校' ? '本科' : v)));
    const ok = importQuotaWorkbook(await xlsxOf(rows), 2024, 'q.xlsx', embedded);
    expect(ok.problems).toEqual([]);
    expect(ok.table!.units.slice(-2).map((u) => u.category)).toEqual(['本科高校', '省直管县（市）']);
    expect(ok.changes.added).toEqual(['180 河南某某大学', '181 某某县']);
    // The same units as data, for a screen that asks; categories chosen by 序号 complete the table.
    expect(r.undecided).toEqual([
      { id: 180, name: '河南某某大学' },
      { id: 181, name: '某某县' },
    ]);
    const chosen = new Map([
      [180, '本科高校' as const],
      [181, '省直管县（市）' as const],
    ]);
    const picked = importQuotaWorkbook(await xlsxOf(simpleRows(extra)), 2024, 'q.xlsx', embedded, chosen);
    expect(picked.problems).toEqual([]);
    expect(picked.undecided).toEqual([]);
    expect(picked.table!.units).toEqual(ok.table!.units);
  });

  test('a 合计 row that disagrees with the rows is refused with a clear message', async () => {
    const r = importQuotaWorkbook(await xlsxOf(simpleRows(embedded.units, { totalDelta: 7 })), 2024, 'q.xlsx', embedded);
    expect(r.table).toBeNull();
    expect(r.problems).toEqual([
      '合计行与各行之和不符（培训任务：合计 1050007，各行之和 1050000；合计行在工作表“Sheet1”第 183 行）。请核对任务表是否完整、数字是否有误。',
    ]);
  });

  test('without a 合计 row the table is taken as it is', async () => {
    const r = importQuotaWorkbook(await xlsxOf(simpleRows(embedded.units, { total: false })), 2024, 'q.xlsx', embedded);
    expect(r.problems).toEqual([]);
  });

  test('bad cells, a missing column and a workbook without a table are explained', async () => {
    const rows = simpleRows(embedded.units);
    rows[5][2] = '约7000';
    rows[6][3] = -5;
    const bad = importQuotaWorkbook(await xlsxOf(rows), 2024, 'q.xlsx', embedded);
    expect(bad.table).toBeNull();
    expect(bad.problems).toEqual(expect.arrayContaining([expect.stringContaining('“约7000”不是整数'), expect.stringContaining('“-5”不是非负整数')]));
    // A table without last year's 1+X column is a table of three indicators: said, not refused.
    const noColumn = importQuotaWorkbook(await xlsxOf(simpleRows(embedded.units).map((r) => r.slice(0, 5))), 2024, 'q.xlsx', embedded);
    expect(noColumn.problems).toEqual([]);
    expect(noColumn.table!.indicators.map((i) => i.key)).toEqual(['training', 'certified', 'advanced']);
    expect(noColumn.read!.notes).toContain('与 2023 年度任务表相比，指标有变化：不再有“1+X证书取证人数”。');
    const empty = importQuotaWorkbook(await xlsxOf([['hello']]), 2024, 'q.xlsx', embedded);
    expect(empty.problems[0]).toContain('没有找到任务分配表');
    const broken = importQuotaWorkbook(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), 2024, 'q.xlsx', embedded);
    expect(broken.problems[0]).toContain('无法读取');
  });

  // 专科学校 could be either kind of school by its words: a person chooses (the importer asks).
  test('category texts as people write them', () => {
    expect(
      ['省辖市', '济源', '省直管县', '本科院校', '高职高专', '专科学校', '中职', '省属中等职业学校', '其他'].map((c) => categoryOfText(c, CATEGORIES)),
    ).toEqual(['省辖市', '济源示范区', '省直管县（市）', '本科高校', '高职高专院校', null, '省属中职学校', '省属中职学校', null]);
  });
});

describe('importQuotaFile tells the kind by content', () => {
  test('notice text in UTF-8 or GB18030 (ANSI on Chinese Windows), a CSV, and a workbook', async () => {
    const gbk = new Uint8Array(Buffer.from(iconv.encode(noticeText, 'gb18030')));
    expect(decodeQuotaText(gbk)).toBe(noticeText);
    // One decoder for task tables and report files (#12.6).
    expect(decodeQuotaText).toBe(decodeText);
    for (const bytes of [new TextEncoder().encode(noticeText), gbk]) {
      const r = importQuotaFile(bytes, 2023, embedded.source, embedded);
      expect(r.problems).toEqual([]);
      expect(r.table).toEqual(embedded);
    }
    const csv = simpleRows(embedded.units, { category: true })
      .map((r) => r.map((v) => (v === null ? '' : /[,"]/.test(String(v)) ? `"${v}"` : String(v))).join(','))
      .join('\r\n');
    const fromCsv = importQuotaFile(new TextEncoder().encode(`\ufeff${csv}`), 2023, embedded.source, none);
    expect(fromCsv.problems).toEqual([]);
    expect(fromCsv.table).toEqual(embedded);
    const fromXlsx = importQuotaFile(await xlsxOf(simpleRows(embedded.units)), 2023, embedded.source, embedded);
    expect(fromXlsx.table).toEqual(embedded);
  });
});

describe('init --quota with a workbook (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quota-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("a .xlsx task table makes the new year's master; changes are reported; a bad 合计 is refused (exit 1)", async () => {
    if (!existsSync(CLI)) throw new Error('build the CLI first: npm run build:cli');
    const renamed = embedded.units.map((u) => (u.id === 30 ? { ...u, name: '河南新名字大学' } : u));
    const file = join(dir, '2024任务.xlsx');
    writeFileSync(file, await xlsxOf(simpleRows(renamed)));
    const out = join(dir, '2024.xlsx');
    const ok = runCli(['init', '--out', out, '--year', '2024', '--quota', file]);
    expect(ok.stderr).toContain(`改名 1 个：30：${embedded.units[29].name} → 河南新名字大学`);
    expect(ok.stderr).toContain('注意：任务表标题写的是 2023 年度，按指定的 2024 年度建立主表。');
    expect(ok.code).toBe(0);
    const s = JSON.parse(runCli(['status', out, '--json']).stdout) as StatusReport;
    expect(s.year).toBe(2024);
    expect(s.units[29]).toMatchObject({ id: 30, name: '河南新名字大学', category: embedded.units[29].category });

    const bad = join(dir, 'bad.xlsx');
    writeFileSync(bad, await xlsxOf(simpleRows(embedded.units, { totalDelta: 1 })));
    const refused = runCli(['init', '--out', join(dir, 'bad-master.xlsx'), '--year', '2024', '--quota', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('合计行与各行之和不符（培训任务：合计 1050001，各行之和 1050000；');
    expect(existsSync(join(dir, 'bad-master.xlsx'))).toBe(false);
  });
});
