/**
 * The platform change (issue #15) must not change a byte of what is written or a value of what is read:
 * - the patcher writes the parts it wrote before (test/fixtures/patch-month3, written by the old patcher), on
 *   both platforms, from bytes and from a package already opened for reading;
 * - the master reader gives the grids SheetJS gave on the file as it is;
 * - SheetJS sees report files exactly as it saw them restored by fflate.
 */
import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';
import { unzipSync, zipSync } from 'fflate';
import * as XLSX from 'xlsx';
import { readMasterFile } from '../../src/cli/masterFile';
import { LIMITS, restoreZip, sniffFile } from '../../src/reports/fileKind';
import { sha256Hex } from '../../src/reports/readReports';
import { sampleSet } from '../../src/samples/sampleReports';
import * as patcher from '../../src/workbook/adapters/xlsxPatch';
import { readWorkbook } from '../../src/workbook/adapters/xlsxRead';
import { WorkbookGrids } from '../../src/workbook/grids';
import { SheetPatch } from '../../src/workbook/patches';
import { readMaster } from '../../src/workbook/readMaster';

const FIXTURES = join(__dirname, '../fixtures');
const MASTERS: Record<string, string> = {
  'master-v1-2023.xlsx': join(FIXTURES, 'master-v1/master-v1-2023.xlsx'),
  'master-v1-libreoffice.xlsx': join(FIXTURES, 'patch-month3/master-v1-libreoffice.xlsx'),
};
const PATCHES = JSON.parse(readFileSync(join(FIXTURES, 'patch-month3/merge-month3.patches.json'), 'utf8')) as SheetPatch[];
type Parts = Array<{ name: string; sha256: string }>;
const EXPECTED = JSON.parse(readFileSync(join(FIXTURES, 'patch-month3/expected.json'), 'utf8')) as Record<
  string,
  Record<'clearCachedResults' | 'keepCachedResults', Parts>
>;

function parts(bytes: Uint8Array): Parts {
  const entries = unzipSync(bytes);
  return Object.keys(entries).map((name) => ({ name, sha256: createHash('sha256').update(entries[name]).digest('hex') }));
}

/** xlsxPatch loaded over the pages' platform (fflate, the table CRC-32) instead of Node's. */
function patcherOnBrowserPlatform(): typeof patcher {
  let mod!: typeof patcher;
  jest.isolateModules(() => {
    jest.doMock('../../src/platform/node', () => jest.requireActual('../../src/platform/browser'));
    mod = jest.requireActual('../../src/workbook/adapters/xlsxPatch');
    const { platform } = jest.requireActual('../../src/platform');
    if (!String(platform.sha256Hex).includes('bytesToHex')) throw new Error('the patcher did not get the browser platform');
  });
  jest.dontMock('../../src/platform/node');
  return mod;
}

describe.each(Object.keys(MASTERS))('the patcher on %s writes the parts it wrote before', (master) => {
  const bytes = readFileSync(MASTERS[master]);
  const browser = patcherOnBrowserPlatform();
  test.each([
    ['clearCachedResults', true],
    ['keepCachedResults', false],
  ] as const)('%s', (mode, clear) => {
    const expected = EXPECTED[master][mode];
    const options = { clearCachedResults: clear };
    expect(parts(patcher.patchWorkbook(bytes, PATCHES, options))).toEqual(expected);
    expect(parts(patcher.patchWorkbook(patcher.openPackage(bytes), PATCHES, options))).toEqual(expected);
    expect(parts(browser.patchWorkbook(bytes, PATCHES, options))).toEqual(expected);
  });
});

/** The grids as SheetJS read the file itself before the change (its own inflater, every sheet). */
function gridsAsBefore(bytes: Uint8Array): WorkbookGrids {
  const wb = XLSX.read(bytes, { type: 'array', dense: true, cellFormula: false, cellHTML: false, cellStyles: false });
  const sheets = new Map(
    wb.SheetNames.map((n) => {
      const rows = (wb.Sheets[n]['!data'] ?? []) as Array<Array<XLSX.CellObject | undefined> | undefined>;
      return [
        n,
        Array.from(rows, (r) => Array.from(r ?? [], (c) => (c && (c.t === 'n' || c.t === 's' || c.t === 'b') ? c.v : c?.t === 'e' ? (c.w ?? '#ERROR') : null))),
      ];
    }),
  );
  return { sheetNames: wb.SheetNames, sheets } as WorkbookGrids;
}

describe.each(Object.keys(MASTERS))('reading %s', (master) => {
  const bytes = readFileSync(MASTERS[master]);
  const before = gridsAsBefore(bytes);

  test('gives the grids SheetJS gave on the file as it is', () => {
    expect(readWorkbook(bytes)).toEqual(before);
    expect(readWorkbook(patcher.openPackage(bytes))).toEqual(before);
  });

  test('parses only the sheets asked for, each as before', () => {
    const wanted = (n: string) => n !== '进度总览' && n !== '报送情况';
    const some = readWorkbook(patcher.openPackage(bytes), wanted);
    expect(some.sheetNames).toEqual(before.sheetNames.filter(wanted));
    expect([...some.sheets]).toEqual([...before.sheets].filter(([n]) => wanted(n)));
  });

  test('the CLI reads the same master model from it (its formula sheets unread)', async () => {
    const file = await readMasterFile(MASTERS[master]);
    const { model, problems } = readMaster(before);
    expect(file.model).toEqual(model);
    expect(file.problems).toEqual(problems);
  });
});

describe('report files', () => {
  const files = sampleSet({ months: [1] }).files;
  // As src/reports/readReports.ts parses them.
  const options: XLSX.ParsingOptions = {
    type: 'array',
    dense: true,
    cellFormula: true,
    cellNF: true,
    cellDates: false,
    cellHTML: false,
    sheetRows: LIMITS.maxRows,
    sheetStubs: true,
  };

  test('SheetJS sees each restored workbook as it saw it restored by fflate', () => {
    let compared = 0;
    for (const f of files) {
      const kind = sniffFile(f.bytes);
      if (kind.kind !== 'workbook' || kind.format === 'xls') continue;
      const now = XLSX.read(restoreZip(f.bytes) as Uint8Array, options);
      const before = XLSX.read(zipSync(unzipSync(f.bytes), { level: 0 }), options);
      expect({ file: f.name, names: now.SheetNames, sheets: now.Sheets }).toEqual({ file: f.name, names: before.SheetNames, sheets: before.Sheets });
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
  });

  test('their SHA-256 (recorded in 合并日志) is what @noble/hashes computed', () => {
    for (const f of files) expect(sha256Hex(f.bytes)).toBe(bytesToHex(sha256(f.bytes)));
  });
});
