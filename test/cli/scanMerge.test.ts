import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { perIndicator } from '../../src/core/indicators';
import { getEntry } from '../../src/core/ledger';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { readMasterFile } from '../../src/cli/masterFile';
import { IndicatorInput } from '../../src/samples/reportForm';
import { writeReportForm } from '../../src/samples/reportForm';
import { MergeJson } from '../../src/workflow/merge';
import { runCli } from '../helpers/cli';
import { convertWithLibreOffice } from '../helpers/libreoffice';
import { schemaValidator } from '../helpers/schema';
import { INDICATORS } from '../helpers/table2023';

/**
 * A month's folder mixing spreadsheets and PDFs printed from spreadsheets (a text layer, read without OCR),
 * merged by the CLI in one run: trusted scans merge with FROM_SCAN, a scan identical to a spreadsheet is its
 * DUPLICATE, a different one a CONFLICT, and a scan whose numbers fail the form's own arithmetic is SCAN_UNCERTAIN
 * and changes nothing in the master.
 */

const table = embeddedQuota2023();
const unit = (id: number) => table.units.find((u) => u.id === id)!;
const validMerge = schemaValidator('merge');

/** Month-1 figures of a unit: 当月 = 累计 (January), the rate printed as Excel prints 0.00%; `typed` replaces a 累计 as if misread. */
async function form(id: number, training: number, certified: number, typed: Record<string, number> = {}): Promise<Uint8Array> {
  const u = unit(id);
  const counts: Record<string, number> = { training, certified, onePlusX: Math.round(certified / 10) };
  const values = perIndicator(INDICATORS, (k) => {
    const q = u.quota[k];
    const c = counts[k];
    if (q === null || q === undefined || c === undefined) return { annual: q ?? '—', monthly: null, cumulative: null, rate: null } as IndicatorInput;
    return { annual: q, monthly: c, cumulative: typed[k] ?? c, rate: { number: c / q, format: '0.00%' } } as IndicatorInput;
  });
  const ws = writeReportForm({ unitName: u.name, year: 2023, month: 1, values, date: '2023年1月27日' });
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'Sheet1');
  // printed on one landscape page, as a unit sets the template up before printing it to PDF
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as ExcelJS.Buffer);
  const sheet = book.worksheets[0];
  sheet.pageSetup = { ...sheet.pageSetup, paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 1 };
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const dir = mkdtempSync(join(tmpdir(), 'cli-scan-'));
const master = join(dir, '主表.xlsx');
const folder = join(dir, '1月');
let json: MergeJson;
let stderr: string;

beforeAll(async () => {
  mkdirSync(folder);
  expect(runCli(['init', '--out', master]).code).toBe(0);
  const spreadsheets = {
    '郑州市.xlsx': await form(1, 900, 700),
    '洛阳市.xlsx': await form(3, 1200, 1000),
    '平顶山市.xlsx': await form(4, 300, 200),
  };
  const toPrint = {
    '开封市（盖章）.xlsx': await form(2, 500, 400),
    '洛阳市（盖章）.xlsx': await form(3, 1200, 1000),
    '平顶山市（盖章）.xlsx': await form(4, 310, 200),
    // 累计 1500 where the rate and 当月 say 1200: as if a digit had been misread
    '安阳市（盖章）.xlsx': await form(5, 1200, 800, { training: 1500 }),
  };
  for (const [name, bytes] of Object.entries(spreadsheets)) writeFileSync(join(folder, name), bytes);
  const pdfs = convertWithLibreOffice(
    Object.entries(toPrint).map(([name, bytes]) => ({ name, bytes })),
    'pdf',
  );
  Object.keys(toPrint).forEach((name, i) => writeFileSync(join(folder, name.replace(/\.xlsx$/, '.pdf')), pdfs[i]));
  const r = runCli(['merge', master, '--month', '1', folder, '--json']);
  expect(r.code).toBe(0);
  json = JSON.parse(r.stdout) as MergeJson;
  stderr = r.stderr;
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const merged = (file: string) => json.merged.find((m) => m.file.endsWith(file));
const rejected = (file: string) => json.rejected.filter((m) => m.file.endsWith(file));

test('the JSON follows the contract; each PDF is named on stderr as it is read, from its text layer', () => {
  expect(validMerge(json)).toEqual([]);
  for (const name of ['开封市（盖章）.pdf', '洛阳市（盖章）.pdf', '平顶山市（盖章）.pdf', '安阳市（盖章）.pdf']) expect(stderr).toContain(name);
  expect(stderr).toContain('文字层');
});

test('a PDF of another unit merges beside the spreadsheets, with FROM_SCAN', () => {
  expect(merged('郑州市.xlsx')?.warnings).toEqual([]);
  const kaifeng = merged('开封市（盖章）.pdf')!;
  expect(kaifeng.unitId).toBe(2);
  expect(kaifeng.warnings.map((w) => w.code)).toEqual(['FROM_SCAN']);
  expect(kaifeng.warnings[0].message).toContain('开封市（盖章）.pdf');
});

test('a PDF with the spreadsheet’s numbers is its DUPLICATE: the spreadsheet is merged', () => {
  expect(merged('洛阳市.xlsx')).toBeDefined();
  expect(rejected('洛阳市（盖章）.pdf').map((r) => r.code)).toEqual(['DUPLICATE']);
});

test('a PDF with other numbers than the spreadsheet: CONFLICT for both naming the differing cells, neither merged', () => {
  expect(rejected('平顶山市.xlsx').map((r) => r.code)).toEqual(['CONFLICT']);
  expect(rejected('平顶山市（盖章）.pdf').map((r) => r.code)).toEqual(['CONFLICT']);
  // the differing cells are named: 培训 当月 and 累计, 310 in the scan, 300 in the spreadsheet
  const [scan] = rejected('平顶山市（盖章）.pdf');
  expect(scan.message).toContain('“培训任务”当月完成 此份为 310、另一份为 300');
  expect(scan.message).toContain('“培训任务”累计已完成 此份为 310、另一份为 300');
  expect(scan.message).not.toContain('取证人数');
  expect(rejected('平顶山市.xlsx')[0].message).toContain('“培训任务”当月完成 此份为 300、另一份为 310');
  expect(json.merged.some((m) => m.unitId === 4)).toBe(false);
});

test('a wrong number in a scan is SCAN_UNCERTAIN naming the row and cells, with the repair only proposed', () => {
  const [r] = rejected('安阳市（盖章）.pdf');
  expect(r.code).toBe('SCAN_UNCERTAIN');
  expect(r.message).toContain('培训');
  expect(r.message).toContain('累计已完成');
  expect(r.message).toContain('1500');
  expect(r.message).toMatch(/可能应为 1,?200/);
  expect(json.merged.some((m) => m.unitId === 5)).toBe(false);
  expect(r.unitId).toBe(5); // the unit was recognised: the held scan is not anonymous
});

test('合并日志 names the unit of a held scan and says why in words (its code kept for searching)', async () => {
  const { model } = await readMasterFile(master);
  const row = model.log.find((r) => String(r[3]).endsWith('安阳市（盖章）.pdf'))!;
  expect(row.slice(6, 9)).toEqual([5, unit(5).name, '未合并：扫描件有待核对的数字（SCAN_UNCERTAIN）']);
});

test('zero wrong numbers land in the master: what merged equals the forms, the doubtful scan changed nothing', async () => {
  const { model } = await readMasterFile(master);
  const at = (id: number, k: string) => getEntry(model.ledger, id, k, 1);
  expect(at(1, 'training')).toEqual({ monthly: 900, cumulative: 900 });
  expect(at(2, 'training')).toEqual({ monthly: 500, cumulative: 500 });
  expect(at(2, 'certified')).toEqual({ monthly: 400, cumulative: 400 });
  expect(at(2, 'onePlusX')).toEqual({ monthly: 40, cumulative: 40 });
  expect(at(3, 'training')).toEqual({ monthly: 1200, cumulative: 1200 });
  for (const k of ['training', 'certified', 'onePlusX']) {
    expect(at(4, k)).toBeNull();
    expect(at(5, k)).toBeNull();
  }
});
