import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { strToU8, zipSync } from 'fflate';
import * as XLSX from 'xlsx';
import { ERROR_CODES, FindingCode, WARNING_CODES } from '../../src/core/findings';
import { PerIndicator, perIndicator } from '../../src/core/indicators';
import { findingText } from '../../src/core/messages/findingText';
import { encodeTemplateCode, decodeTemplateCode } from '../../src/core/templateCode';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { IndicatorInput, writeReportForm, FormValue } from '../../src/samples/reportForm';
import { newMasterModel, MasterModel } from '../../src/workbook/model';
import { MergeJson, ReportFile, planMerge, readReportFiles, readReportFilesAsync } from '../../src/workflow/merge';
import { NodeScanner } from '../../src/scan/nodeScan';
import { scanPng } from '../../src/samples/scans';
import { rngFor } from '../../src/samples/prng';
import { convertWithLibreOffice } from '../helpers/libreoffice';
import { runUno } from '../helpers/unoCalc';
import { INDICATORS } from '../helpers/table2023';

/**
 * Every finding code of CONTRACT.md, raised by a real file written by a real library (SheetJS, ExcelJS,
 * fflate, LibreOffice for the password), with a Chinese message that names the file and the cell.
 */
const table = embeddedQuota2023();
const unit = (id: number) => table.units.find((u) => u.id === id)!;

type Figures = Partial<PerIndicator<Partial<IndicatorInput>>>;
function form(name: string, id: number, figures: Figures, extra: { month?: number; date?: FormValue } = {}): XLSX.WorkSheet {
  const u = unit(id);
  const values = perIndicator(
    INDICATORS,
    (k) => ({ annual: u.quota[k] ?? '—', monthly: null, cumulative: null, rate: null, ...(figures[k] ?? {}) }) as IndicatorInput,
  );
  return writeReportForm({ unitName: name, year: 2023, month: extra.month ?? 2, values, date: extra.date ?? '2023年2月27日' });
}
function xlsx(...sheets: Array<[string, XLSX.WorkSheet]>): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const [n, ws] of sheets) XLSX.utils.book_append_sheet(wb, ws, n);
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}
const ok = (m: number, c: number) => ({
  training: { monthly: m, cumulative: c },
  certified: { monthly: m, cumulative: c },
  onePlusX: { monthly: 1, cumulative: c },
});

/** A master with January merged for 郑州市 (1), 开封市 (2), 洛阳市 (3), 安阳市 (5). */
function januaryMaster(): MasterModel {
  const jan = [1, 2, 3, 5].map((id) => ({
    name: `jan-${id}.xlsx`,
    bytes: xlsx(['Sheet1', form(unit(id).name, id, ok(100, 100), { month: 1, date: '2023年1月27日' })]),
  }));
  const plan = planMerge(newMasterModel(table), 1, readReportFiles(jan, INDICATORS), 't1');
  expect(plan.json.rejected).toEqual([]);
  return plan.model;
}

/** A form as a unit prints it to PDF: one landscape page (LibreOffice prints the text layer Excel/WPS would). */
async function onePage(ws: XLSX.WorkSheet): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(xlsx(['Sheet1', ws])) as unknown as ExcelJS.Buffer);
  book.worksheets[0].pageSetup = { ...book.worksheets[0].pageSetup, paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 1 };
  return new Uint8Array(await book.xlsx.writeBuffer());
}
/** Counts with their rate printed with two decimals, as the template's 0.00% cell prints it. */
function printed(id: number, counts: Record<string, [number, number]>, typedCumulative: Record<string, number> = {}): Figures {
  const u = unit(id);
  const out: Figures = {};
  for (const [k, [monthly, cumulative]] of Object.entries(counts)) {
    out[k] = { monthly, cumulative: typedCumulative[k] ?? cumulative, rate: { number: cumulative / (u.quota[k] as number), format: '0.00%' } };
  }
  return out;
}

let files: ReportFile[];
let result: MergeJson;
const dir = mkdtempSync(join(tmpdir(), 'findings-'));
const scanner = new NodeScanner();
afterAll(async () => {
  await scanner.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeAll(async () => {
  const good = xlsx(['Sheet1', form('郑州市', 1, ok(50, 150))]);
  const excelFormula = new ExcelJS.Workbook();
  const ws = excelFormula.addWorksheet('月报');
  const src = XLSX.utils.sheet_to_json<unknown[]>(form('许昌市', 10, ok(20, 20)), { header: 1, raw: true });
  src.forEach((row, r) => row.forEach((v, c) => v !== null && v !== undefined && (ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue)));
  ws.getCell('C4').value = { formula: '10+10', date1904: false }; // no cached value: never calculated
  const plain = join(dir, 'plain.xlsx');
  writeFileSync(plain, xlsx(['Sheet1', form('漯河市', 11, ok(30, 30))]));
  runUno([{ op: 'encrypt', in: plain, out: join(dir, 'locked.xls'), password: 'secret', format: 'xls' }]);
  // An encrypted .xlsx is an OLE container with EncryptionInfo and EncryptedPackage streams (MS-OFFCRYPTO).
  const ole = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(ole, 'EncryptionInfo', new Uint8Array(64));
  XLSX.CFB.utils.cfb_add(ole, 'EncryptedPackage', new Uint8Array(256));
  const lockedXlsx = new Uint8Array(XLSX.CFB.write(ole, { type: 'array' }) as ArrayBuffer);
  const docx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document/>') });
  const bomb = zipSync({ 'xl/workbook.xml': new Uint8Array(210 * 1024 * 1024) }, { level: 9 });
  files = [
    { name: '01-truncated.xlsx', bytes: good.subarray(0, 900) },
    { name: '02-bomb.xlsx', bytes: bomb },
    { name: '03-scan.pdf', bytes: strToU8('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF') },
    { name: '04-letter.docx', bytes: docx },
    { name: '05-page.html', bytes: strToU8('<html><body><p>见附件</p></body></html>') },
    { name: '06-locked.xls', bytes: readFileSync(join(dir, 'locked.xls')) },
    { name: '06-locked.xlsx', bytes: lockedXlsx },
    { name: '07-empty.xlsx', bytes: xlsx(['Sheet1', XLSX.utils.aoa_to_sheet([['你好']])]) },
    { name: '08-unknown.xlsx', bytes: xlsx(['Sheet1', form('河南工业职业技朮学院', 75, ok(5, 5))]) },
    {
      name: '09-code.xlsx',
      bytes: xlsx([
        'Sheet1',
        (() => {
          const s = form('濮阳市', 9, ok(5, 5));
          s['H1'] = { t: 's', v: encodeTemplateCode({ year: 2023, month: 2, unitId: 7 }) };
          s['!ref'] = 'A1:H20';
          return s;
        })(),
      ]),
    },
    { name: '10-text.xlsx', bytes: xlsx(['Sheet1', form('开封市', 2, { training: { monthly: '约100', cumulative: 200 } })]) },
    { name: '11-negative.xlsx', bytes: xlsx(['Sheet1', form('洛阳市', 3, { training: { monthly: 10, cumulative: -5 } })]) },
    { name: '12-nocum.xlsx', bytes: xlsx(['Sheet1', form('平顶山市', 4, { training: { monthly: 10, cumulative: null } })]) },
    { name: '13-a.xlsx', bytes: xlsx(['Sheet1', form('鹤壁市', 6, ok(7, 7))]) },
    { name: '13-b.xlsx', bytes: xlsx(['Sheet1', form('鹤壁市', 6, ok(8, 8))]) },
    { name: '14-a.xlsx', bytes: xlsx(['Sheet1', form('新乡市教育局', 7, ok(9, 9))]) },
    {
      name: '14-b.xls',
      bytes: new Uint8Array(XLSX.write(XLSX.read(xlsx(['Sheet1', form('新乡市教育局', 7, ok(9, 9))])), { type: 'array', bookType: 'biff8' }) as ArrayBuffer),
    },
    { name: '15-stale.xlsx', bytes: xlsx(['Sheet1', form('安阳市', 5, ok(100, 100))]) },
    {
      name: '16-warnings.xlsx',
      bytes: xlsx([
        'Sheet1',
        form(
          '郑州市',
          1,
          {
            training: { annual: 70000, monthly: 50, cumulative: 160, rate: '80%' },
            certified: { monthly: -20, cumulative: 80 },
            advanced: { monthly: 5, cumulative: 5 },
            onePlusX: { monthly: 10, cumulative: null },
          },
          { date: '2023年3月5日' },
        ),
      ]),
    },
    { name: '17-warnings.xlsx', bytes: xlsx(['Sheet1', form('开封市', 2, { training: { monthly: 10, cumulative: 50 } }, { date: '2023年6月1日' })]) },
    { name: '18-焦作市.xlsx', bytes: xlsx(['Sheet1', form('', 8, ok(3, 3))]) },
    { name: '19-formula.xlsx', bytes: new Uint8Array((await excelFormula.xlsx.writeBuffer()) as ArrayBuffer) },
    {
      name: '20-advanced.xlsx',
      bytes: xlsx(['Sheet1', form('河南工业大学', 30, { certified: { monthly: 10, cumulative: 10 }, advanced: { monthly: 20, cumulative: 20 } })]),
    },
  ];
  // Scans: text PDFs printed by LibreOffice (read from their text layer) and a photo with no form on it (OCR).
  const [trusted, doubtful] = convertWithLibreOffice(
    [
      { name: 'a.xlsx', bytes: await onePage(form('三门峡市', 12, printed(12, { training: [300, 300], certified: [200, 200], onePlusX: [20, 20] }))) },
      // 累计 of 培训 typed 3000 where the printed rate says 300: a misread the form's arithmetic catches
      { name: 'b.xlsx', bytes: await onePage(form('南阳市', 13, printed(13, { training: [300, 300], certified: [200, 200] }, { training: 3000 }))) },
    ],
    'pdf',
  );
  const scans: ReportFile[] = [
    { name: '21-scan.pdf', bytes: trusted },
    { name: '22-scan.pdf', bytes: doubtful },
    { name: '23-photo.png', bytes: scanPng(rngFor(7, 'photo'), 800, 600) },
  ];
  const model = januaryMaster();
  const earlier = { name: '00-zhengzhou-first.xlsx', bytes: xlsx(['Sheet1', form('郑州市', 1, ok(40, 140))]) };
  const first = planMerge(model, 2, readReportFiles([earlier], INDICATORS), 't2');
  expect(first.json.merged).toHaveLength(1);
  const read = readReportFiles(files, INDICATORS);
  const scanned = await readReportFilesAsync(scans, INDICATORS, (name, bytes, indicators) => scanner.read(name, bytes, indicators));
  const replaced = planMerge(first.model, 2, { reports: [...read.reports, ...scanned.reports], failures: [...read.failures, ...scanned.failures] }, 't3');
  result = replaced.json;
}, 180_000);

const all = () => [...result.rejected.flatMap((r) => r.findings), ...result.merged.flatMap((m) => m.warnings)];
const rejectedCode = (file: string) => result.rejected.filter((r) => r.file === file).map((r) => r.code);
const warningsOf = (file: string) => result.merged.find((m) => m.file === file)?.warnings.map((w) => w.code) ?? [];

describe('every finding code, from real files', () => {
  test.each([
    ['01-truncated.xlsx', 'UNREADABLE'],
    ['02-bomb.xlsx', 'UNREADABLE'],
    ['03-scan.pdf', 'NOT_SPREADSHEET'],
    ['04-letter.docx', 'NOT_SPREADSHEET'],
    ['05-page.html', 'NOT_SPREADSHEET'],
    ['06-locked.xls', 'ENCRYPTED'],
    ['06-locked.xlsx', 'ENCRYPTED'],
    ['07-empty.xlsx', 'NO_FORM'],
    ['08-unknown.xlsx', 'UNKNOWN_UNIT'],
    ['09-code.xlsx', 'CODE_NAME_MISMATCH'],
    ['10-text.xlsx', 'NOT_A_NUMBER'],
    ['11-negative.xlsx', 'NEGATIVE'],
    ['12-nocum.xlsx', 'MISSING_CUMULATIVE'],
    ['13-a.xlsx', 'CONFLICT'],
    ['13-b.xlsx', 'CONFLICT'],
    ['15-stale.xlsx', 'STALE'],
    ['22-scan.pdf', 'SCAN_UNCERTAIN'],
    ['23-photo.png', 'SCAN_UNREADABLE'],
  ])('%s is rejected with %s', (file, code) => {
    expect(rejectedCode(file)).toEqual([code]);
  });

  test('identical copies: one merged, the other DUPLICATE', () => {
    expect(rejectedCode('14-b.xls')).toEqual(['DUPLICATE']);
    expect(result.merged.map((m) => m.file)).toContain('14-a.xlsx');
  });

  test('warnings go with merged reports', () => {
    expect(warningsOf('16-warnings.xlsx').sort()).toEqual(
      [
        'ANNUAL_MISMATCH',
        'CORRECTION',
        'CUMULATIVE_MISMATCH',
        'CUMULATIVE_DERIVED',
        'LATE',
        'RATE_MISMATCH',
        'REPLACED',
        'REPLACED',
        'REPLACED',
        'VALUE_WITHOUT_QUOTA',
      ].sort(),
    );
    expect(warningsOf('17-warnings.xlsx').sort()).toEqual(['CUMULATIVE_DECREASED', 'CUMULATIVE_MISMATCH', 'DATE_OUTSIDE_MONTH']);
    expect(warningsOf('18-焦作市.xlsx')).toEqual(['NAME_FROM_FILENAME']);
    expect(warningsOf('19-formula.xlsx')).toEqual(['NO_CACHED_VALUE']);
    expect(warningsOf('20-advanced.xlsx')).toEqual(['ADVANCED_EXCEEDS_CERTIFIED']);
    expect(warningsOf('21-scan.pdf')).toEqual(['FROM_SCAN']);
  });

  test('a scan whose numbers fail the form’s arithmetic names the row and cells, and is not merged', () => {
    const doubt = result.rejected.find((r) => r.file === '22-scan.pdf')!;
    expect(doubt.message).toContain('“培训任务”累计已完成（读作“3000”）、累计完成率（读作“0.91%”）');
    // 0.91 % of 南阳市's quota (32 800) allows 297–300 and there is no January to narrow it: no repair is proposed
    expect(doubt.message).not.toContain('可能应为');
    expect(doubt.unitId).toBe(13); // recognised (南阳市): the held scan is not anonymous in the JSON and the log
    expect(result.merged.some((m) => m.unitId === 13)).toBe(false);
  });

  test('every code of the contract was raised, each message Chinese and naming its file', () => {
    const raised = new Set<FindingCode>(all().map((f) => f.code));
    expect([...ERROR_CODES, ...WARNING_CODES].filter((c) => !raised.has(c))).toEqual([]);
    for (const r of result.rejected) expect(r.message).toContain(r.file.replace(/^.*\//, '').slice(0, 6));
    for (const f of all()) expect(f.message).toMatch(/\p{Script=Han}/u);
  });

  test('every finding of the corpus comes from the catalogue: message = its zh-CN rendering, English with the same file and cell', () => {
    for (const f of all()) {
      expect(f.message).toBe(findingText(f, 'zh-CN'));
      const en = findingText(f, 'en-US');
      expect(en).not.toMatch(/undefined|NaN|\[object/);
      expect(en).toContain(f.params.file);
      if (f.cell) expect(en).toContain(f.cell);
    }
  });

  test('cell-level findings name the cell', () => {
    const notANumber = result.rejected.find((r) => r.file === '10-text.xlsx')!;
    expect(notANumber.findings[0]).toMatchObject({ sheet: 'Sheet1', cell: expect.stringMatching(/^[A-Z]+\d+$/) });
    expect(notANumber.message).toContain(notANumber.findings[0].cell!);
    expect(notANumber.message).toContain('约100');
  });

  test('template codes: a wrong check number is no code', () => {
    const code = encodeTemplateCode({ year: 2023, month: 3, unitId: 17 });
    expect(decodeTemplateCode(`x ${code} y`)).toEqual({ year: 2023, month: 3, unitId: 17 });
    expect(decodeTemplateCode(code.replace('-017-', '-071-'))).toBeNull();
  });
});
