/** @jest-environment ./test/taskpane/jsdomEnvironment.js */
import { readFileSync } from 'fs';
import { join } from 'path';
import * as XLSX from 'xlsx';
import { badMasters } from '../../src/hardening/badMasters';
import { FileHost } from '../../src/host/fileHost';
import { MasterBytesProblem } from '../../src/core/messages/masterText';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { masterBytesProblem } from '../../src/reports/masterBytes';
import * as xlsxRead from '../../src/workbook/adapters/xlsxRead';
import { MasterFormatError } from '../../src/workbook/readMaster';

/**
 * #11.8 in the page: 打开主表 (FileHost.openMaster) judges the bytes before SheetJS sees them. A file that is no
 * .xlsx master is refused with the Chinese message, never parsed (30 MB of noise froze the page 2.6 s), and the
 * master that was open stays open.
 */
const EXPECTED: Record<MasterBytesProblem['reason'], RegExp> = {
  empty: /是空文件（0 字节）/,
  tooLarge: /过大（30\.0 MB，上限 20 MB）/,
  zipBomb: /解压后过大（210 MB）/,
  damaged: /已损坏/,
  encrypted: /设置了打开密码/,
  saveAsXlsx: /请在 Excel\/WPS 中另存为 \.xlsx/,
  notWorkbook: /不是 \.xlsx 工作簿/,
};

let host: FileHost;
let good: Uint8Array;
const written = (bookType: XLSX.BookType) => new Uint8Array(XLSX.write(XLSX.read(good, { type: 'array' }), { type: 'array', bookType }) as ArrayBuffer);

beforeAll(async () => {
  host = new FileHost();
  await host.create(embeddedQuota2023());
  good = (await host.download()).bytes;
}, 120_000);

const xlsb = () => {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(
    wb,
    XLSX.utils.aoa_to_sheet([
      ['序号', '单位名称'],
      [1, '郑州市'],
    ]),
    '进度总览',
  );
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsb' }) as ArrayBuffer);
};

const cases = () => [
  ...badMasters(),
  { kind: '.ods（SheetJS 写出）', name: '主表.ods', bytes: written('ods'), expected: 'saveAsXlsx' as const },
  { kind: '.xls（SheetJS 写出）', name: '主表.xls', bytes: written('biff8'), expected: 'saveAsXlsx' as const },
  { kind: '.xlsb（SheetJS 写出）', name: '主表.xlsb', bytes: xlsb(), expected: 'saveAsXlsx' as const },
];

test('every bad master is refused before parsing, with its message; the open master stays open', async () => {
  const parse = jest.spyOn(xlsxRead, 'readWorkbook');
  const label = host.masterLabel();
  const model = host.master.state().model;
  for (const m of cases()) {
    expect({ name: m.name, problem: masterBytesProblem(m.bytes)?.reason }).toEqual({ name: m.name, problem: m.expected });
    const error = await host.openMaster({ name: `C:\\Users\\协调员\\Desktop\\${m.name}`, bytes: m.bytes }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MasterFormatError);
    expect((error as Error).message).toMatch(EXPECTED[m.expected]);
    expect((error as Error).message.startsWith(`“${m.name}”`)).toBe(true);
    expect(host.masterLabel()).toBe(label);
    expect(host.master.state().model).toBe(model);
  }
  expect(parse).not.toHaveBeenCalled();
  parse.mockRestore();
}, 120_000);

test('docs/bad-inputs.md lists every bad master with its outcome', () => {
  const docs = readFileSync(join(__dirname, '../../docs/bad-inputs.md'), 'utf8');
  for (const m of badMasters()) {
    const row = docs.split('\n').find((l) => l.includes(`\`${m.name}\``));
    expect({ name: m.name, row: row ?? '' }).toEqual({ name: m.name, row: expect.stringContaining(`\`${m.expected}\``) });
  }
});

test('the master itself still opens, parsed by the reader the check keeps bad files from', async () => {
  const parse = jest.spyOn(xlsxRead, 'readWorkbook');
  expect(masterBytesProblem(good)).toBeNull();
  const model = await host.openMaster({ name: '持证进度主表-2023.xlsx', bytes: good });
  expect(model.table.units).toHaveLength(179);
  expect(parse).toHaveBeenCalled();
  parse.mockRestore();
}, 60_000);
