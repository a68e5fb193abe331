import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { BadMaster, badMasters } from '../../src/hardening/badMasters';
import { MasterBytesProblem } from '../../src/core/messages/masterText';
import { runCli } from '../helpers/cli';
import { convertWithLibreOffice } from '../helpers/libreoffice';
import * as XLSX from 'xlsx';
import { runUno } from '../helpers/unoCalc';

/**
 * #11.8: a file that is no .xlsx master is refused by every command (init excluded) before it is parsed, with
 * exit 2 and one Chinese message naming the file and the fix; nothing English reaches stderr, nothing is written.
 */
const dir = mkdtempSync(join(tmpdir(), 'hostile-master-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const EXPECTED: Record<MasterBytesProblem['reason'], string> = {
  empty: '是空文件（0 字节），不是主表',
  tooLarge: '过大（30.0 MB，上限 20 MB）',
  zipBomb: '解压后过大（210 MB）',
  damaged: '已损坏',
  encrypted: '设置了打开密码',
  saveAsXlsx: '请在 Excel/WPS 中另存为 .xlsx',
  notWorkbook: '不是 .xlsx 工作簿',
};

const generated = badMasters();
const OFFICE_MADE = ['主表.ods', '主表.xls', 'locked.xls', 'locked.xlsx'];

/**
 * An encrypted .xlsx as Excel writes one: an OLE container with EncryptionInfo and EncryptedPackage streams
 * (MS-OFFCRYPTO). LibreOffice 7.4 headless fails to write one here (IOException, Write Code 16), so it is built.
 */
function encryptedXlsx(): Uint8Array {
  const ole = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(ole, 'EncryptionInfo', new Uint8Array(64));
  XLSX.CFB.utils.cfb_add(ole, 'EncryptedPackage', new Uint8Array(4096));
  return new Uint8Array(XLSX.CFB.write(ole, { type: 'array' }) as ArrayBuffer);
}
let masters: BadMaster[];
const reports = join(dir, 'reports');
const out = join(dir, 'out');

beforeAll(() => {
  const good = join(dir, '主表.xlsx');
  expect(runCli(['init', '--out', good]).code).toBe(0);
  const bytes = readFileSync(good);
  const [ods] = convertWithLibreOffice([{ name: '主表.xlsx', bytes }], 'ods');
  const [xls] = convertWithLibreOffice([{ name: '主表.xlsx', bytes }], 'xls:MS Excel 97');
  runUno([{ op: 'encrypt', in: good, out: join(dir, 'locked.xls'), password: 'secret', format: 'xls' }]);
  masters = [
    ...generated,
    { kind: 'LibreOffice 另存的 .ods 主表', name: '主表.ods', bytes: ods, expected: 'saveAsXlsx' },
    { kind: 'LibreOffice 另存的 .xls 主表', name: '主表.xls', bytes: xls, expected: 'saveAsXlsx' },
    { kind: 'LibreOffice 设置了密码的 .xls 主表', name: 'locked.xls', bytes: readFileSync(join(dir, 'locked.xls')), expected: 'saveAsXlsx' },
    { kind: '设置了密码的 .xlsx（Office 加密容器）', name: 'locked.xlsx', bytes: encryptedXlsx(), expected: 'encrypted' },
  ];
  for (const m of masters) writeFileSync(join(dir, m.name), m.bytes);
  mkdirSync(reports);
  writeFileSync(join(reports, 'x.csv'), '填报单位（公章）：郑州市\n');
  mkdirSync(out);
}, 300_000);

const COMMANDS: Array<[string, (path: string) => string[]]> = [
  ['status', (p) => ['status', p]],
  ['merge', (p) => ['merge', p, '--month', '1', reports]],
  ['undo', (p) => ['undo', p]],
  ['check', (p) => ['check', p]],
  ['templates', (p) => ['templates', p, '--month', '1', '--out', out]],
  ['summary', (p) => ['summary', p]],
];

/** What is left of stderr once the path and the names of programs and formats are taken out: no English. */
const english = (stderr: string, path: string) =>
  stderr
    .split(path)
    .join('')
    .replace(/Excel 2007-365|Excel 97-2003|OpenDocument|Excel|WPS|LibreOffice|\.xlsx|\.xlsb|\.xls|\.ods|MB|KB/g, '')
    .match(/[A-Za-z]{2,}/g);

test('the LibreOffice-made masters are what they say (a real .ods, a real .xls, an .xls with a password)', () => {
  const byName = new Map(masters.map((m) => [m.name, m.bytes]));
  expect(Buffer.from(byName.get('主表.ods')!.subarray(30, 38)).toString()).toBe('mimetype');
  for (const name of ['主表.xls', 'locked.xls']) expect([...byName.get(name)!.subarray(0, 4)]).toEqual([0xd0, 0xcf, 0x11, 0xe0]);
  // SheetJS refuses the locked one for its password: it is really encrypted.
  expect(() => XLSX.read(byName.get('locked.xls')!, { type: 'array' })).toThrow(/password|encrypt/i);
});

/** The cases of #11.8 for every command; the other cases for status (every command reads the master alike). */
const EVERY_COMMAND = ['master-random.xlsx', 'master-bomb.xlsx', 'locked.xlsx', '主表.ods', '主表.xls'];
const CASES = COMMANDS.flatMap(([name, args]) =>
  [...generated.map((m) => m.name), ...OFFICE_MADE].filter((m) => name === 'status' || EVERY_COMMAND.includes(m)).map((m) => [name, m, args] as const),
);

describe('every command refuses a file that is no .xlsx master', () => {
  test.each(CASES)('%s %s', (_command, name, args) => {
    const m = masters.find((x) => x.name === name)!;
    const path = join(dir, m.name);
    const before = readFileSync(path);
    const r = runCli(args(path));
    expect({ kind: m.kind, code: r.code, stdout: r.stdout }).toEqual({ kind: m.kind, code: 2, stdout: '' });
    expect(r.stderr).toContain(`“${path}”`);
    expect(r.stderr).toContain(EXPECTED[m.expected]);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(english(r.stderr, path)).toBeNull();
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(join(dir, '备份'))).toBe(false);
  });
});

test('the corpus covers every problem', () => {
  expect(new Set(masters.map((m) => m.expected))).toEqual(new Set(Object.keys(EXPECTED)));
});
