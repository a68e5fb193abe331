/**
 * #11.13: a task table is never cut short. A CSV of 10,000 units (序号, 单位名称, 类别, the four indicators, a 合计
 * row) made a master of 1,999 units before, and the 合计 check never saw its row. Now every row is read, the 合计
 * row is checked wherever it is, and init's summary of changes is counted and abbreviated.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { StatusReport } from '../../src/core/status';
import { Unit, quotaTotals } from '../../src/core/units';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { importQuotaFile } from '../../src/quota/importTable';
import { MAX_TABLE_ROWS } from '../../src/quota/readTable';
import { CLI, runCli } from '../helpers/cli';
import { CATEGORIES, INDICATORS } from '../helpers/table2023';

const embedded = embeddedQuota2023();

/** The embedded 179 units first, then new ones up to `count`. */
function bigUnits(count: number): Unit[] {
  const units: Unit[] = embedded.units.map((u) => ({ ...u }));
  for (let id = units.length + 1; id <= count; id++) {
    units.push({
      id,
      name: `某某职业培训学校${id}`,
      category: CATEGORIES[id % CATEGORIES.length],
      quota: { training: 100 + (id % 7), certified: 80, advanced: id % 3 ? null : 20, onePlusX: id % 5 ? 10 : null },
    });
  }
  return units;
}

function csvOf(units: readonly Unit[], totalDelta = 0): string {
  const t = quotaTotals({ indicators: INDICATORS, units });
  const q = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(v));
  return [
    `序号,单位名称,类别,${INDICATORS.map((i) => `${i.label}（${i.unit}）`).join(',')}`,
    ...units.map((u) => [u.id, u.name, u.category, ...INDICATORS.map((i) => q(u.quota[i.key]))].join(',')),
    ['合计', '', '', t.training + totalDelta, t.certified, t.advanced, t.onePlusX].join(','),
  ].join('\r\n');
}

const units = bigUnits(10_000);
const keeper = { keeper: '河南省教育厅' };

test('10,000 units: every row read, the 合计 row (line 10,002) checked', () => {
  const r = importQuotaFile(new TextEncoder().encode(csvOf(units)), 2024, '', embedded, new Map(), keeper);
  expect(r.problems).toEqual([]);
  expect(r.table!.units).toHaveLength(10_000);
  expect(r.table!.units[9_999]).toEqual(units[9_999]);
  expect(r.read!.total!.where).toBe('工作表“Sheet1”第 10002 行');
  expect(r.changes.added).toHaveLength(9_821);

  const wrong = importQuotaFile(new TextEncoder().encode(csvOf(units, 1)), 2024, '', embedded, new Map(), keeper);
  expect(wrong.table).toBeNull();
  expect(wrong.problems).toEqual([expect.stringMatching(/^合计行与各行之和不符（培训任务：合计 \d+，各行之和 \d+；合计行在工作表“Sheet1”第 10002 行）/)]);
});

test('a table longer than the limit is refused, saying so (never cut short)', () => {
  const rows = Array.from({ length: MAX_TABLE_ROWS + 1 }, (_, i) => `${i + 1},单位${i + 1},1`);
  const r = importQuotaFile(new TextEncoder().encode(['序号,单位名称,培训任务（人次）', ...rows].join('\n')), 2024, '', embedded, new Map(), keeper);
  expect(r.table).toBeNull();
  expect(r.problems[0]).toMatch(/^没有找到任务分配表/);
  expect(r.problems[1]).toBe(
    '工作表“Sheet1”有 100,002 行，超过上限 100,000 行，未导入（不会只读前面一部分）。请删去表格以外的内容，或把任务表放在单独的工作表中。',
  );
});

// Writing a master of 10,000 units takes minutes on a busy test machine (the bench measures it): the CLI is
// run on 2,500 units, past the 2,000 rows the old reader stopped at.
describe('init --quota with 2,500 units (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'big-quota-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('makes a master of every unit; changes are counted, the list abbreviated', () => {
    if (!existsSync(CLI)) throw new Error('build the CLI first: npm run build:cli');
    const file = join(dir, '任务表.csv');
    writeFileSync(file, `\ufeff${csvOf(units.slice(0, 2_500))}`);
    const out = join(dir, '主表.xlsx');
    const r = runCli(['init', '--out', out, '--quota', file, '--year', '2024', '--keeper', '河南省教育厅']);
    expect(r.stderr).toContain('新增 2,321 个：180 某某职业培训学校180；181 某某职业培训学校181；');
    expect(r.stderr).toContain('……（共 2,321 个，只列出前 10 个）');
    expect(r.stderr).toContain('单位 2,500 个');
    expect(r.stderr).toContain('合计行（工作表“Sheet1”第 2502 行）与各行之和相符');
    expect(Math.max(...r.stderr.split('\n').map((l) => l.length))).toBeLessThan(400);
    expect(r.code).toBe(0);
    // Over 1 MB of JSON: more than runCli's default output buffer.
    const json = spawnSync(process.execPath, [CLI, 'status', out, '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 240_000 });
    expect(json.status).toBe(0);
    const s = JSON.parse(json.stdout) as StatusReport;
    expect(s.units).toHaveLength(2_500);
    expect(s.units[2_499]).toMatchObject({ id: 2_500, name: '某某职业培训学校2500' });
  }, 300_000);
});
