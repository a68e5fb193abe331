import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { StatusReport, statusReport } from '../../src/core/status';
import { FileHost } from '../../src/host/fileHost';
import { writeSampleReports } from '../../src/samples/writeSamples';
import { readWorkbook } from '../../src/workbook/adapters/xlsxRead';
import { SHEET } from '../../src/workbook/layout';
import { readMaster } from '../../src/workbook/readMaster';
import { cachedResultDifferences, formulaCellDifferences, statusCellDifferences } from '../helpers/cachedResults';
import { runCli } from '../helpers/cli';
import { convertWithLibreOffice } from '../helpers/libreoffice';
import { UnoInspection, runUno } from '../helpers/unoCalc';
import { PROVINCE_SHEET } from '../helpers/table2023';

/**
 * #11.4 after the master changes: merge, undo, 截至月份 and pace write the new cached result of every formula cell,
 * so that a master read without recalculation (SheetJS: Protected View, previews, pandas read the same way) shows
 * what `status --json` says, and LibreOffice — which recalculates a file it did not save, and trusts the cached
 * results of one it saved itself — shows the same figures.
 */
const dir = mkdtempSync(join(tmpdir(), 'cached-merge-'));
const master = join(dir, '主表.xlsx');
const reports = join(dir, '报表');
writeSampleReports(reports, { months: [1, 2] });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): string {
  const r = runCli(args);
  expect({ args, code: r.code, stderr: r.code === 0 ? '' : r.stderr }).toEqual({ args, code: 0, stderr: '' });
  return r.stdout;
}
const status = (file: string) => JSON.parse(cli('status', file, '--json')) as StatusReport;

/**
 * The file as SheetJS reads it, without recalculating: `status --json` is the status of the figures it holds, every
 * status and rate cell of 进度总览 and the summary sheet shows that status, and every formula cell holds its result.
 */
function expectCachedAsStatus(bytes: Uint8Array, cliStatus: StatusReport): void {
  const grids = readWorkbook(bytes);
  const { model } = readMaster(grids);
  expect(cliStatus).toEqual(JSON.parse(JSON.stringify(statusReport(model.table, model.ledger, model.month, model.pace))));
  const cells = statusCellDifferences(model, grids);
  expect(cells.differences).toEqual([]);
  expect(cells.compared).toBeGreaterThan(model.table.units.length * model.table.indicators.length * 4);
  const all = cachedResultDifferences(model, grids);
  expect(all.differences).toEqual([]);
  expect(all.compared).toBeGreaterThan(1000);
}

const snapshots = new Map<string, Buffer>();
const statuses = new Map<string, StatusReport>();
function step(name: string): StatusReport {
  const s = status(master);
  const bytes = readFileSync(master);
  snapshots.set(name, bytes);
  statuses.set(name, s);
  expectCachedAsStatus(bytes, s);
  return s;
}

describe('the CLI: init, merge two months, undo, merge again', () => {
  test('init', () => {
    cli('init', '--out', master);
    expect(step('init').month).toBe(0);
  });

  test('merge month 1', () => {
    cli('merge', master, '--month', '1', join(reports, '1月'));
    const s = step('m1');
    expect(s.month).toBe(1);
    expect(s.units.some((u) => u.status !== s.units[0].status)).toBe(true); // statuses differ: a real check
  });

  test('merge month 2', () => {
    cli('merge', master, '--month', '2', join(reports, '2月'));
    expect(step('m2').month).toBe(2);
  });

  test('undo', () => {
    cli('undo', master);
    const s = step('undone');
    expect(s).toEqual(statuses.get('m1'));
  });

  test('merge month 2 again', () => {
    cli('merge', master, '--month', '2', join(reports, '2月'));
    expect(step('m2again')).toEqual(statuses.get('m2'));
  });
});

describe('the page (FileWorkbook): 截至月份 and pace changed', () => {
  const page = new FileHost();
  let written: Buffer;

  test('截至月份 set back to 1, then the pace changed', async () => {
    await page.openMaster({ name: '主表.xlsx', bytes: new Uint8Array(snapshots.get('m2again') as Buffer) });
    await page.master.setMonth(1);
    let file = join(dir, 'page-month.xlsx');
    writeFileSync(file, (await page.download()).bytes);
    const s = status(file);
    expect(s.month).toBe(1);
    expectCachedAsStatus(readFileSync(file), s);

    const model = readMaster(readWorkbook(readFileSync(file))).model;
    await page.master.setPace({ ...model.pace, band: 0.2 });
    file = join(dir, 'page-pace.xlsx');
    written = Buffer.from((await page.download()).bytes);
    writeFileSync(file, written);
    const t = status(file);
    expect(t.band).toBe(0.2);
    expect(t).not.toEqual(s);
    expectCachedAsStatus(written, t);
    snapshots.set('page', written);
  });
});

describe('LibreOffice', () => {
  test('recalculating every formula, it gets the cached value in every formula cell', () => {
    const names = ['m2', 'undone', 'm2again', 'page'];
    const converted = convertWithLibreOffice(
      names.map((n) => ({ name: `${n}.xlsx`, bytes: snapshots.get(n) as Buffer })),
      'xlsx',
    );
    names.forEach((n, i) => {
      const cached = readWorkbook(snapshots.get(n) as Buffer);
      const { model } = readMaster(cached);
      const { compared, differences } = formulaCellDifferences(model, cached, readWorkbook(converted[i]));
      expect({ n, differences }).toEqual({ n, differences: [] });
      expect(compared).toBeGreaterThan(1000);
    });
  }, 300_000);

  test('a master LibreOffice saved, then merged by the CLI, shows the new figures in LibreOffice', () => {
    // LibreOffice as the coordinator runs it (default settings: it trusts the cached results of files it saved).
    const saved = join(dir, 'lo-saved.xlsx');
    const inspect = (file: string, saveAs: string) =>
      runUno([
        {
          op: 'inspect',
          in: file,
          cells: [
            [SHEET.overview, 'A1'],
            [PROVINCE_SHEET, 'A1'],
          ],
          saveAs,
        },
      ])[0] as UnoInspection;
    const m1 = join(dir, 'm1.xlsx');
    writeFileSync(m1, snapshots.get('m1') as Buffer);
    inspect(m1, saved);
    const merged = join(dir, 'lo-merged.xlsx');
    copyFileSync(saved, merged);
    cli('merge', merged, '--month', '2', join(reports, '2月'));
    const s = status(merged);
    expect(s.month).toBe(2);
    expectCachedAsStatus(readFileSync(merged), s);

    const shown = join(dir, 'lo-shown.xlsx');
    inspect(merged, shown);
    const grids = readWorkbook(readFileSync(shown));
    const { model } = readMaster(grids);
    expect(model.month).toBe(2);
    const { differences, compared } = statusCellDifferences(model, grids);
    expect(differences).toEqual([]);
    expect(compared).toBeGreaterThan(1000);
    // And what LibreOffice shows is the month-2 status, not month 1's.
    expect(JSON.parse(JSON.stringify(statusReport(model.table, model.ledger, model.month, model.pace)))).toEqual(s);
  }, 300_000);
});
