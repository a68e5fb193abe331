import fc from 'fast-check';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { Ledger, emptyLedger, getEntry, withEntry } from '../../src/core/ledger';
import { defaultPace } from '../../src/core/pace';
import { statusReport } from '../../src/core/status';
import { quotaTotals } from '../../src/core/units';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { readReportFile } from '../../src/reports/readReports';
import { provinceReportBytes } from '../../src/summary/provinceReport';
import { provinceSummary } from '../../src/summary/provinceSummary';
import { summaryText } from '../../src/summary/summaryText';
import { renderWorkbook } from '../../src/workbook/adapters/xlsxRender';
import { masterSpec } from '../../src/workbook/masterSpec';
import { newMasterModel } from '../../src/workbook/model';
import { sampleLedger } from '../helpers/sampleLedger';
import { CATEGORIES, INDICATORS, INDICATOR_KEYS } from '../helpers/table2023';

const table = embeddedQuota2023();
const pace = defaultPace();

describe('provinceSummary', () => {
  test('the province is the sum of the units; the categories add up to the province (property)', () => {
    const unitIds = table.units.map((u) => u.id);
    const entry = fc.record({
      unitId: fc.constantFrom(...unitIds),
      key: fc.constantFrom(...INDICATOR_KEYS),
      month: fc.integer({ min: 1, max: 12 }),
      monthly: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }),
      cumulative: fc.option(fc.integer({ min: 0, max: 80000 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 300 }), fc.integer({ min: 0, max: 12 }), (entries, month) => {
        let ledger: Ledger = emptyLedger();
        for (const e of entries) ledger = withEntry(ledger, e.unitId, e.key, e.month, { monthly: e.monthly, cumulative: e.cumulative });
        const s = provinceSummary(table, ledger, month, pace);
        const units = statusReport(table, ledger, month, pace);
        expect(s.missingIds).toEqual(units.missing);
        expect(s.province.unitCount).toBe(179);
        expect(s.province.reported + s.province.missing).toBe(month >= 1 ? 179 : 0);
        expect(s.province.red).toBe(units.units.filter((u) => u.status === 'red').length);
        expect(s.province.amber).toBe(units.units.filter((u) => u.status === 'amber').length);
        for (const key of INDICATOR_KEYS) {
          const p = s.province.indicators[key];
          expect(p.annual).toBe(quotaTotals(table)[key]);
          const cumulatives = units.units.map((u) => u.indicators[key].cumulative).filter((v): v is number => v !== null);
          expect(p.cumulative).toBe(cumulatives.length ? cumulatives.reduce((a, b) => a + b, 0) : null);
          const monthlies =
            month >= 1 ? table.units.map((u) => getEntry(ledger, u.id, key, month)?.monthly ?? null).filter((v): v is number => v !== null) : [];
          expect(p.monthly).toBe(monthlies.length ? monthlies.reduce((a, b) => a + b, 0) : null);
          expect(p.rate).toBe(p.cumulative === null ? null : p.cumulative / p.annual);
          // Categories partition the province.
          const sum = (f: (c: (typeof s.categories)[number]) => number | null) => s.categories.reduce((a, c) => a + (f(c) ?? 0), 0);
          expect(sum((c) => c.indicators[key].annual)).toBe(p.annual);
          expect(sum((c) => c.indicators[key].cumulative)).toBe(p.cumulative ?? 0);
          expect(sum((c) => c.indicators[key].monthly)).toBe(p.monthly ?? 0);
        }
        for (const f of ['unitCount', 'reported', 'missing', 'red', 'amber'] as const) {
          expect(s.categories.reduce((a, c) => a + c[f], 0)).toBe(s.province[f]);
        }
      }),
      { numRuns: 60 },
    );
  });

  test('categories in the notice order with their unit counts; status against the pace', () => {
    const s = provinceSummary(table, sampleLedger(table.units, 4), 4, pace);
    expect(s.categories.map((c) => [c.category, c.unitCount])).toEqual(CATEGORIES.map((c, i) => [c, [17, 1, 10, 38, 95, 18][i]]));
    expect(s.expectedRate).toBeCloseTo(4 / 12, 12);
    for (const g of [s.province, ...s.categories]) {
      for (const key of INDICATOR_KEYS) {
        const p = g.indicators[key];
        if (p.rate === null) continue;
        expect(p.gap).toBeCloseTo((p.rate - 4 / 12) * 100, 9);
        expect(p.status).toBe(p.rate >= 4 / 12 ? 'ok' : p.rate >= 4 / 12 - 0.05 ? 'amber' : 'red');
      }
    }
  });

  test('a new master: quotas only, nobody missing, no rate', () => {
    const s = provinceSummary(table, emptyLedger(), 0, pace);
    expect(s.province.indicators.training).toEqual({ annual: 1_050_000, monthly: null, cumulative: null, rate: null, expected: 0, gap: null, status: 'none' });
    expect(s.missingIds).toEqual([]);
    expect(summaryText(s, table)).toContain('尚未合并任何月份');
  });

  test('the Chinese summary names the pace, each indicator, each category and the missing units', () => {
    const ledger = sampleLedger(table.units, 3);
    const s = provinceSummary(table, ledger, 3, pace);
    const text = summaryText(s, table);
    expect(text).toContain('2023年度全省汇总（截至 3 月，应达进度 25.0%');
    expect(text).toContain('全省（179 个单位，3 月已报');
    expect(text).toContain('培训任务：年度任务 1,050,000 人次');
    for (const c of CATEGORIES) expect(text).toContain(`${c}（`);
    expect(text).toContain(`3 月未报送（${s.missingIds.length} 个单位）`);
  });
});

describe("the province's own 附件2 report", () => {
  const ledger = sampleLedger(table.units, 5);
  const s = provinceSummary(table, ledger, 5, pace);
  test('our own reader reads it back: one form, 河南省教育厅, the totals', async () => {
    const bytes = await provinceReportBytes(s, table, { date: '2023年6月2日' });
    const read = readReportFile('全省5月.xlsx', bytes, INDICATORS);
    expect(read.failures).toEqual([]);
    expect(read.reports).toHaveLength(1);
    const r = read.reports[0];
    expect(r.sheet).toBe('全省');
    expect(r.unitName).toBe(table.keeper);
    for (const ind of INDICATORS) {
      const p = s.province.indicators[ind.key];
      const f = r.figures[ind.key];
      expect({ key: ind.key, annual: f.annual.value, monthly: f.monthly.value, cumulative: f.cumulative.value }).toEqual({
        key: ind.key,
        annual: p.annual,
        monthly: p.monthly,
        cumulative: p.cumulative,
      });
      expect(f.rate.readings[0]).toBeCloseTo(p.rate!, 12);
    }
    expect(r.date.date).toEqual({ year: 2023, month: 6, day: 2 });
  });
});

describe('the summary and templates commands (in process; main.ts wires them)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'summary-cmd-'));
  const master = join(dir, '主表.xlsx');
  let out: string[] = [];
  let err: string[] = [];
  beforeAll(async () => {
    writeFileSync(master, await renderWorkbook(masterSpec({ ...newMasterModel(table), ledger: sampleLedger(table.units, 3), month: 3 })));
  });
  beforeEach(() => {
    out = [];
    err = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    jest.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('summary prints the Chinese summary on stdout; --out writes the province report', async () => {
    const { summary } = await import('../../src/cli/commands/summary');
    const file = join(dir, '全省3月.xlsx');
    await summary([master, '--out', file]);
    expect(out.join('')).toContain('2023年度全省汇总（截至 3 月');
    expect(err.join('')).toContain('已写入全省月报');
    const read = readReportFile(file, readFileSync(file), INDICATORS);
    expect(read.reports[0].unitName).toBe('河南省教育厅');
    const { UsageError } = await import('../../src/cli/args');
    await expect(summary([master, '--out', join(dir, 'x.pdf')])).rejects.toBeInstanceOf(UsageError);
    await expect(summary([master, '--month', '13'])).rejects.toBeInstanceOf(UsageError);
    out = [];
    await summary([master, '--month', '2']);
    expect(out.join('')).toContain('截至 2 月');
  });

  test('templates writes one file per unit (default month: 截至月份 + 1), refuses to overwrite, or writes one zip', async () => {
    const { templates } = await import('../../src/cli/commands/templates');
    const folder = join(dir, '模板');
    await templates([master, '--out', folder]);
    expect(err.join('')).toContain('4 月的模板');
    const names = readdirSync(folder).sort();
    expect(names).toHaveLength(179);
    expect(names[0]).toBe('001-郑州市-2023年4月进度月报.xlsx');
    const { UsageError } = await import('../../src/cli/args');
    await expect(templates([master, '--month', '4', '--out', folder])).rejects.toThrow(/已有 179 个同名模板/);
    await expect(templates([master, '--month', '4', '--out', folder])).rejects.toBeInstanceOf(UsageError);
    await templates([master, '--month', '4', '--out', folder, '--force']);
    const zip = join(dir, '4月模板.zip');
    await templates([master, '--month', '4', '--out', zip]);
    expect(readFileSync(zip).readUInt32LE(0)).toBe(0x04034b50);
  }, 120_000);
});
