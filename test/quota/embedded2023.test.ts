import { readFileSync } from 'fs';
import { join } from 'path';
import { quotaTotals } from '../../src/core/units';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { cleanUnitName, readNoticeText } from '../../src/quota/noticeText';
import { CATEGORIES, INDICATORS } from '../helpers/table2023';

const noticeText = readFileSync(join(__dirname, '../../seeds/henan-2023-notice-jiaobanzhicheng-54.txt'), 'utf8');
const table = embeddedQuota2023();

describe('the embedded 2023 quota (seeds/quota-2023.json) against notice 教办职成〔2023〕54号', () => {
  const read = readNoticeText(noticeText);
  const parsed = read.table!;

  test('the notice text parses without problems, ids 1..179 in order; its header gives the four 2023 indicators', () => {
    expect(read.problems).toEqual([]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.map((r) => r.id)).toEqual(Array.from({ length: 179 }, (_, i) => i + 1));
    expect(parsed.indicators).toEqual(INDICATORS);
  });

  test('every row of the seed equals the notice row: name and the four quotas', () => {
    expect(table.units.map((u) => ({ id: u.id, name: u.name, quota: u.quota }))).toEqual(parsed.rows.map((r) => ({ id: r.id, name: r.name, quota: r.quota })));
  });

  test('its title says the year and who keeps the master; the notice number is the source', () => {
    expect(parsed.title).toMatchObject({ year: 2023, keeper: '河南省教育厅', notice: '教办职成〔2023〕54号 附件1' });
  });

  test('the 合计 row of the notice is 1,050,000 / 800,000 / 300,000 / 150,000 and the rows add up to it', () => {
    const expected = { training: 1_050_000, certified: 800_000, advanced: 300_000, onePlusX: 150_000 };
    expect(parsed.total).toEqual(expected);
    expect(quotaTotals(table)).toEqual(expected);
  });

  test('"—" is no quota (null), never 0', () => {
    const zhengzhou = table.units[0];
    expect(zhengzhou).toMatchObject({ id: 1, name: '郑州市', quota: { training: 72100, certified: 55300, advanced: null, onePlusX: 10300 } });
    expect(table.units.find((u) => u.id === 44)!.quota).toEqual({ training: 100, certified: 100, advanced: null, onePlusX: null });
    expect(table.units.some((u) => Object.values(u.quota).includes(0))).toBe(false);
  });

  test("the notice's quirks are kept: 1+X above 取证 for rows 167, 170 and 179", () => {
    const over = table.units.filter((u) => (u.quota.onePlusX ?? 0) > (u.quota.certified ?? 0)).map((u) => u.id);
    expect(over).toEqual([167, 170, 179]);
  });

  test('categories follow the notice order', () => {
    const count = (c: string) => table.units.filter((u) => u.category === c).length;
    expect(CATEGORIES.map(count)).toEqual([17, 1, 10, 38, 95, 18]);
    expect(table.units[17]).toMatchObject({ id: 18, name: '济源示范区', category: '济源示范区' });
    expect(table.units[161]).toMatchObject({ id: 162, category: '省属中职学校' });
  });

  test('names are clean: no spaces, only full-width parentheses', () => {
    for (const u of table.units) {
      expect(u.name).not.toMatch(/[\s()]/);
    }
    expect(table.units.find((u) => u.id === 154)!.name).toBe('郑州信息科技职业学院（含河南省广播电视中等专业学校）');
    expect(cleanUnitName('河南对外贸易职业学院 (含河南省外贸学校)')).toBe('河南对外贸易职业学院（含河南省外贸学校）');
    expect(new Set(table.units.map((u) => u.name)).size).toBe(179);
  });
});

describe('readNoticeText on damaged text', () => {
  const header = '序号\t单位\t培训任务（人次）\t取证人数（人）\t其中高级工及以上（人）\t1+X证书取证人数（人）\n';
  test('a non-number quota is reported with its line and column', () => {
    const p = readNoticeText(`${header}1\t郑州市\t72100\t5530O\t—\t10300\n`).table!;
    expect(p.problems).toEqual(['第 2 行第 4 列的“5530O”不是整数，也不是“—”：请改为整数（无此项任务填“—”）。']);
  });
  test('a row with too few columns is reported, not read as “no quota”', () => {
    const p = readNoticeText(`${header}1\t开封市\t14200\n`).table!;
    expect(p.rows).toEqual([]);
    expect(p.problems[0]).toContain('第 2 行（序号 1）只有 3 列，应有 6 列');
  });
  test('rows pasted without their header are read with the previous indicators, when as many', () => {
    const p = readNoticeText('1\t郑州市\t72100\t55300\t—\t10300\n', INDICATORS).table!;
    expect(p.indicators).toEqual(INDICATORS);
    expect(p.rows[0].quota).toEqual({ training: 72100, certified: 55300, advanced: null, onePlusX: 10300 });
    expect(readNoticeText('1\t郑州市\t72100\t55300\n', INDICATORS).problems[0]).toContain('与上一年度任务表的 4 项指标对不上');
  });
});
