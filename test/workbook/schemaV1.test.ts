import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { statusReport } from '../../src/core/status';
import { readWorkbook } from '../../src/workbook/adapters/xlsxRead';
import { readMaster } from '../../src/workbook/readMaster';
import { writeSampleReports } from '../../src/samples/writeSamples';
import { runCli } from '../helpers/cli';
import { INDICATORS } from '../helpers/table2023';

/**
 * A master made by the release before the task table defined the indicators (schema 1, committed with that
 * release's output in test/fixtures/master-v1) still opens, shows the same status, merges, undoes and checks.
 * It is read as it is, never migrated: its layout is the one schema 2 gives the 2023 table.
 */
const FIXTURE = join(__dirname, '../fixtures/master-v1');
const json = (name: string) => JSON.parse(readFileSync(join(FIXTURE, name), 'utf8'));

describe("a schema-1 master (today's release)", () => {
  const dir = mkdtempSync(join(tmpdir(), 'v1-'));
  const master = join(dir, 'master-v1.xlsx');
  copyFileSync(join(FIXTURE, 'master-v1-2023.xlsx'), master);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('reads as the 2023 table and gives the same status for months 1 and 2', () => {
    const { model, problems } = readMaster(readWorkbook(readFileSync(master)));
    expect(problems).toEqual([]);
    expect(model.table.indicators.map((i) => i.key)).toEqual(INDICATORS.map((i) => i.key));
    expect(model.table.categories).toHaveLength(6);
    expect(model.table.keeper).toBe('河南省教育厅');
    for (const m of [1, 2]) {
      const { indicators, ...now } = statusReport(model.table, model.ledger, m, model.pace);
      expect(indicators.map((i) => i.key)).toEqual(INDICATORS.map((i) => i.key));
      expect(now).toEqual(json(`status-month${m}.json`));
    }
  });

  test('the CLI: status and check print what that release printed; merge and undo work on it', () => {
    const status = runCli(['status', master, '--month', '2', '--json']);
    expect(status.code).toBe(0);
    const { indicators: _indicators, ...report } = JSON.parse(status.stdout);
    expect(report).toEqual(json('status-month2.json'));
    expect(JSON.parse(runCli(['check', master, '--json']).stdout)).toEqual(json('check.json'));

    const reports = join(dir, 'reports');
    writeSampleReports(reports, { months: [3] });
    const merged = runCli(['merge', master, '--month', '3', join(reports, '3月'), '--json']);
    expect(merged.code).toBe(0);
    expect(JSON.parse(merged.stdout).merged.length).toBeGreaterThan(150);
    const after = JSON.parse(runCli(['status', master, '--json']).stdout);
    expect(after.month).toBe(3);
    expect(after.units.filter((u: { reported: number[] }) => u.reported.includes(3)).length).toBeGreaterThan(150);
    // Still schema 1: read both versions, nothing migrated behind the coordinator's back.
    expect(readWorkbook(readFileSync(master)).sheets.get('配置')?.[1]?.[1]).toBe(1);

    expect(runCli(['undo', master]).code).toBe(0);
    const { indicators: _i2, ...undone } = JSON.parse(runCli(['status', master, '--json']).stdout);
    expect(undone).toEqual(json('status-month2.json'));
  });
});
