/**
 * The cascade between levels: 安阳市教育局 keeps its own master (17 counties, districts and city schools, split
 * from its 2023 province quota); its `summary --out` is its own monthly 附件2 for the province, which the
 * province's master merges as 安阳市 — with no error, and the city's row then equals the city master's totals.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { StatusReport } from '../../src/core/status';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { anyang2023, expectedTable, quotaTableXlsx } from '../../src/samples/quotaTables';
import { tableReports } from '../../src/samples/tableReports';
import { CLI, runCli } from '../helpers/cli';
import { convertWithLibreOffice } from '../helpers/libreoffice';
import { INDICATORS } from '../helpers/table2023';

jest.setTimeout(240_000);

interface MergeJson {
  merged: Array<{ unitId: number; unitName: string; warnings: Array<{ code: string }> }>;
  rejected: Array<{ code: string; message: string }>;
}

const dir = mkdtempSync(join(tmpdir(), 'cascade-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const city = anyang2023();
const cityTable = expectedTable(city);
const cityMaster = join(dir, '安阳市主表.xlsx');
const provinceMaster = join(dir, '河南省主表.xlsx');
const ANYANG = embeddedQuota2023().units.find((u) => u.name === '安阳市')!;

test('安阳市’s own table (saved as .xls by LibreOffice) splits exactly its province quota among 17 units', async () => {
  if (!existsSync(CLI)) throw new Error('build the CLI first: npm run build:cli');
  expect(city.units).toHaveLength(17);
  for (const ind of INDICATORS) {
    const sum = city.units.reduce((acc, u) => acc + (u.quota[ind.key] ?? 0), 0);
    expect([ind.key, sum]).toEqual([ind.key, ANYANG.quota[ind.key] ?? 0]);
  }
  const [xls] = convertWithLibreOffice([{ name: 'anyang.xlsx', bytes: await quotaTableXlsx(city) }], 'xls:MS Excel 97');
  const file = join(dir, '安阳市2023年度任务分配表.xls');
  writeFileSync(file, xls);
  const init = runCli(['init', '--out', cityMaster, '--quota', file]);
  expect(init.code).toBe(0);
  expect(init.stderr).toContain('主表保管单位：安阳市教育局（取自标题；如不对，请用 --keeper 指明），向上级报送时的填报单位名称：安阳市');
  expect(init.stderr).toContain('与各行之和相符：培训任务 11,200、取证人数 8,500、其中高级工及以上 —、1+X证书取证人数 1,500');
  expect(init.stderr).toContain('分 2 类（按表中的分组标题）：县（市、区） 9 个、市直学校 8 个');
});

test('two months merged in the city master; its summary for each month is 安阳市教育局’s own 附件2', () => {
  for (const month of [1, 2]) {
    const folder = join(dir, `安阳${month}月`);
    mkdirSync(folder);
    for (const f of tableReports(cityTable, month)) writeFileSync(join(folder, f.name), f.bytes);
    const m = JSON.parse(runCli(['merge', cityMaster, '--month', String(month), folder, '--json']).stdout) as MergeJson;
    expect(m.rejected).toEqual([]);
    expect(m.merged).toHaveLength(17);
    // Counties and districts sign as their bureaus (林州市教育局, 滑县教育体育局): recognised as the units.
    expect(m.merged.flatMap((x) => x.warnings)).toEqual([]);
    const sum = runCli(['summary', cityMaster, '--month', String(month), '--out', join(dir, `安阳市${month}月月报.xlsx`)]);
    expect(sum.code).toBe(0);
    expect(sum.stderr).toContain('已写入全市月报');
    expect(sum.stderr).toContain('填报单位 安阳市教育局');
    expect(sum.stdout).toContain('全市（17 个单位');
  }
});

test('the province master merges the city’s reports as 安阳市, with no error; its row equals the city’s totals', () => {
  expect(runCli(['init', '--out', provinceMaster]).code).toBe(0);
  for (const month of [1, 2]) {
    const m = JSON.parse(runCli(['merge', provinceMaster, '--month', String(month), join(dir, `安阳市${month}月月报.xlsx`), '--json']).stdout) as MergeJson;
    expect(m.rejected).toEqual([]);
    expect(m.merged.map((x) => [x.unitId, x.unitName])).toEqual([[ANYANG.id, '安阳市']]);
    // Made today, long after 2023: its 填报时间 is left blank rather than a date outside the month, so no remark at all.
    expect(m.merged[0].warnings.map((w) => w.code)).toEqual([]);

    const cityStatus = JSON.parse(runCli(['status', cityMaster, '--month', String(month), '--json']).stdout) as StatusReport;
    const provinceStatus = JSON.parse(runCli(['status', provinceMaster, '--month', String(month), '--json']).stdout) as StatusReport;
    const row = provinceStatus.units.find((u) => u.id === ANYANG.id)!;
    expect(row.reported).toContain(month);
    for (const ind of INDICATORS) {
      const values = cityStatus.units.map((u) => u.indicators[ind.key].cumulative).filter((v): v is number => v !== null);
      const cityTotal = values.length ? values.reduce((a, b) => a + b, 0) : null;
      expect([month, ind.key, row.indicators[ind.key].cumulative]).toEqual([month, ind.key, cityTotal]);
      expect(row.indicators[ind.key].annual).toBe(ANYANG.quota[ind.key]);
    }
  }
  // The city's figures at the province are the ones its form carries (read back from the file the city sent).
  expect(readFileSync(join(dir, '安阳市2月月报.xlsx')).length).toBeGreaterThan(0);
});
