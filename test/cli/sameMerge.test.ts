/**
 * The CLI merge (Node's zlib and crypto, the master inflated once and its formula sheets unread, report files read
 * one at a time) writes the same master as the plain path the pages take: every sheet read, all files in memory,
 * fflate and @noble/hashes. Compared part by part on the inflated content (the deflated bytes differ by library).
 */
import { createHash } from 'crypto';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { unzipSync } from 'fflate';
import { collectReportFiles } from '../../src/cli/reportFiles';
import { platform } from '../../src/platform';
import { NodeScanner } from '../../src/scan/nodeScan';
import { writeSampleReports } from '../../src/samples/writeSamples';
import * as patcher from '../../src/workbook/adapters/xlsxPatch';
import { readWorkbook } from '../../src/workbook/adapters/xlsxRead';
import { readMaster } from '../../src/workbook/readMaster';
import * as merging from '../../src/workflow/merge';
import { runCli } from '../helpers/cli';
import { INDICATORS } from '../helpers/table2023';

const dir = mkdtempSync(join(tmpdir(), 'cli-same-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The merge workflow and the patcher loaded over the pages' platform. */
function onBrowserPlatform(): {
  patchWorkbook: typeof patcher.patchWorkbook;
  readReportFiles: typeof merging.readReportFiles;
  readReportFilesAsync: typeof merging.readReportFilesAsync;
} {
  let out!: ReturnType<typeof onBrowserPlatform>;
  jest.isolateModules(() => {
    jest.doMock('../../src/platform/node', () => jest.requireActual('../../src/platform/browser'));
    out = {
      patchWorkbook: jest.requireActual('../../src/workbook/adapters/xlsxPatch').patchWorkbook,
      readReportFiles: jest.requireActual('../../src/workflow/merge').readReportFiles,
      readReportFilesAsync: jest.requireActual('../../src/workflow/merge').readReportFilesAsync,
    };
  });
  jest.dontMock('../../src/platform/node');
  return out;
}

const parts = (bytes: Uint8Array) => Object.entries(unzipSync(bytes)).map(([name, data]) => [name, createHash('sha256').update(data).digest('hex')]);

test('merging a month writes the master the plain path writes', async () => {
  const reports = join(dir, 'reports');
  writeSampleReports(reports, { months: [1, 2] });
  const fresh = join(dir, 'fresh.xlsx');
  expect(runCli(['init', '--out', fresh]).code).toBe(0);
  const master = join(dir, 'master.xlsx');
  copyFileSync(fresh, master);
  expect(runCli(['merge', master, '--month', '1', join(reports, '1月')]).code).toBe(0);
  const before = readFileSync(master);
  const r = runCli(['merge', master, '--month', '2', join(reports, '2月'), '--json']);
  expect(r.code).toBe(0);
  const written = readFileSync(master);

  // The same merge, the plain way, at the time the CLI recorded.
  const model = readMaster(readWorkbook(before)).model;
  const after = readMaster(readWorkbook(written)).model;
  const time = after.undoStack[after.undoStack.length - 1].time;
  const browser = onBrowserPlatform();
  const files = readdirSync(join(reports, '2月'))
    .sort()
    .map((n) => ({ name: join(reports, '2月', n), bytes: readFileSync(join(reports, '2月', n)) }));
  // The sample month has scans: read by the same scanner as the CLI's (an image too small for a form is answered at once).
  const scanner = new NodeScanner();
  const read = await browser.readReportFilesAsync(files, model.table.indicators, (name, bytes, indicators) => scanner.read(name, bytes, indicators));
  await scanner.close();
  const plan = merging.planMerge(model, 2, read, time);
  expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(plan.json)));
  expect(parts(written)).toEqual(parts(browser.patchWorkbook(before, plan.patches, { clearCachedResults: true })));
}, 180_000);

describe('report files are read when the merge reaches them', () => {
  test('listing reads nothing: a file removed after listing is reported, by name, as unreadable', async () => {
    const reports = join(dir, 'lazy');
    writeSampleReports(reports, { months: [1] });
    const { files } = await collectReportFiles([join(reports, '1月')], join(dir, 'none.xlsx'));
    expect(files.length).toBeGreaterThan(100);
    rmSync(files[3].name);
    const read = merging.readReportFiles(files, INDICATORS);
    const gone = read.failures.filter((f) => f.file === files[3].name);
    expect(gone.map((f) => f.finding.code)).toEqual(['UNREADABLE']);
    expect(gone[0].finding.message).toContain('文件已不存在');
    expect(read.reports.length).toBeGreaterThan(150);
  });

  test('one file at a time, in order: each is read just before it is parsed, none ahead', () => {
    const source = readdirSync(join(dir, 'lazy', '1月'))
      .sort()
      .slice(0, 6);
    const events: string[] = [];
    const files = source.map((n) => ({
      name: n,
      size: 1,
      read: () => {
        events.push(`read ${n}`);
        return readFileSync(join(dir, 'lazy', '1月', n));
      },
    }));
    // The reader hashes a file first thing: the hash marks where its parse starts.
    const spy = jest.spyOn(platform, 'sha256Hex').mockImplementation((bytes: Uint8Array) => {
      events.push('parsed');
      return createHash('sha256').update(bytes).digest('hex');
    });
    merging.readReportFiles(files, INDICATORS);
    spy.mockRestore();
    expect(events).toEqual(source.flatMap((n) => [`read ${n}`, 'parsed']));
  });
});
