import * as XLSX from 'xlsx';
import { Finding } from '../../src/core/findings';
import { perIndicator } from '../../src/core/indicators';
import { mergeText } from '../../src/cli/commands/merge';
import { findingText } from '../../src/core/messages/findingText';
import { LOCALES } from '../../src/core/messages/locale';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { IndicatorInput, writeReportForm } from '../../src/samples/reportForm';
import { csvGbkBytes } from '../../src/samples/sampleReports';
import { newMasterModel, MasterModel } from '../../src/workbook/model';
import { MergeJson, planMerge, readReportFiles } from '../../src/workflow/merge';
import { schemaValidator } from '../helpers/schema';
import { INDICATORS } from '../helpers/table2023';

/**
 * Messages say what happened (#11.7), on real files written by SheetJS (and a GBK CSV as Excel saves one):
 * nothing claims a merge that did not happen, a CSV is no sheet, one conflict is one fact per file, a
 * pre-check's DUPLICATE is true before anything is merged, and every finding reads the same in English.
 */
const table = embeddedQuota2023();
const unit = (id: number) => table.units.find((u) => u.id === id)!;
type Figures = Partial<Record<string, Partial<IndicatorInput>>>;

function sheet(id: number, figures: Figures, month = 2): XLSX.WorkSheet {
  const u = unit(id);
  const values = perIndicator(
    INDICATORS,
    (k) => ({ annual: u.quota[k] ?? '—', monthly: null, cumulative: null, rate: null, ...(figures[k] ?? {}) }) as IndicatorInput,
  );
  return writeReportForm({ unitName: u.name, year: 2023, month, values, date: `2023年${month}月27日` });
}
const xlsx = (ws: XLSX.WorkSheet) => {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'Sheet1');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
};
const ok = (m: number, c: number): Figures => ({
  training: { monthly: m, cumulative: c },
  certified: { monthly: m, cumulative: c },
  onePlusX: { monthly: 1, cumulative: c },
});

let january: MasterModel;
let json: MergeJson;
const all = (): Finding[] => [...json.rejected.flatMap((r) => r.findings), ...json.merged.flatMap((m) => m.warnings)];
const rejected = (file: string) => json.rejected.filter((r) => r.file === file);

beforeAll(() => {
  const jan = [1, 2, 3, 5].map((id) => ({ name: `jan-${id}.xlsx`, bytes: xlsx(sheet(id, ok(100, 100), 1)) }));
  january = planMerge(newMasterModel(table), 1, readReportFiles(jan, INDICATORS), 't1').model;
  const files = [
    // 郑州市: one error (NOT_A_NUMBER) and two warnings that, merged, would say how they were merged.
    {
      name: '郑州市-有错.xlsx',
      bytes: xlsx(
        sheet(1, { training: { monthly: 50, cumulative: 999 }, certified: { monthly: '约10', cumulative: 110 }, advanced: { monthly: 5, cumulative: 5 } }),
      ),
    },
    // 安阳市: the same warning on a merged report.
    { name: '安阳市.xlsx', bytes: xlsx(sheet(5, { ...ok(50, 150), training: { monthly: 50, cumulative: 999 } })) },
    // 开封市 as a GBK CSV with a text where a number belongs.
    { name: '开封市.csv', bytes: csvGbkBytes(sheet(2, { ...ok(20, 120), training: { monthly: '约20', cumulative: 120 } })) },
    // 洛阳市 twice, different figures; 平顶山市 twice, identical.
    { name: '洛阳市-甲.xlsx', bytes: xlsx(sheet(3, ok(30, 130))) },
    { name: '洛阳市-乙.xlsx', bytes: xlsx(sheet(3, ok(31, 131))) },
    { name: '平顶山市.xlsx', bytes: xlsx(sheet(4, ok(40, 40))) },
    { name: '平顶山市-副本.xlsx', bytes: xlsx(sheet(4, ok(40, 40))) },
  ];
  // A pre-check (dry run) and a merge plan are the same plan: nothing is written by it.
  json = planMerge(january, 2, readReportFiles(files, INDICATORS), 't2').json;
}, 120_000);

describe('messages say what happened', () => {
  test('the JSON keeps its shape, with params on every finding', () => {
    expect(schemaValidator('merge')(json)).toEqual([]);
    expect(json.merged.map((m) => m.file).sort()).toEqual(['安阳市.xlsx', '平顶山市-副本.xlsx']);
  });

  test("a rejected report's warnings do not say it was merged; a merged one's say how", () => {
    const [r] = rejected('郑州市-有错.xlsx');
    expect(r.code).toBe('NOT_A_NUMBER');
    const warnings = r.findings.slice(1);
    expect(warnings.map((w) => w.code).sort()).toEqual(['CUMULATIVE_MISMATCH', 'VALUE_WITHOUT_QUOTA']);
    for (const w of warnings) expect(w.message).not.toMatch(/已按所填累计合并|以所填累计为准|照录|已合并/);
    expect(warnings.find((w) => w.code === 'CUMULATIVE_MISMATCH')!.message).toContain('此表未合并');
    const merged = json.merged.find((m) => m.file === '安阳市.xlsx')!.warnings.find((w) => w.code === 'CUMULATIVE_MISMATCH')!;
    expect(merged.message).toContain('以所填累计为准');
  });

  test('a CSV is no sheet: its findings name the file, the row and the column', () => {
    const [r] = rejected('开封市.csv');
    expect(r.code).toBe('NOT_A_NUMBER');
    const cell = r.findings[0].cell!;
    expect(r.message).toMatch(new RegExp(`^“开封市\\.csv”第 \\d+ 行第 \\d+ 列（${cell}）的“培训任务”当月完成“约20”不是数字`));
    expect(r.message).not.toContain('工作表');
    expect(findingText(r.findings[0], 'en-US')).toMatch(new RegExp(`"开封市\\.csv", row \\d+, column \\d+ \\(${cell}\\)`));
    expect(findingText(r.findings[0], 'en-US')).not.toMatch(/sheet/i);
  });

  test('every finding names its cell once, in both languages', () => {
    for (const f of all().filter((x) => x.cell)) {
      for (const locale of LOCALES) expect(findingText(f, locale).split(f.cell!).length - 1).toBe(1);
    }
  });

  test('one conflict is one line per file, each naming the other report once', () => {
    const conflict = json.rejected.filter((r) => r.code === 'CONFLICT');
    expect(conflict.map((r) => r.file).sort()).toEqual(['洛阳市-乙.xlsx', '洛阳市-甲.xlsx']);
    const [a, b] = conflict;
    expect(a.message).not.toBe(b.message);
    for (const [self, other] of [
      [a, b],
      [b, a],
    ]) {
      expect(self.message.startsWith(`“${self.file}”`)).toBe(true);
      expect(self.message.split(other.file).length - 1).toBe(1);
      expect(self.message.split(self.file).length - 1).toBe(1);
    }
    // The CLI's text output lists no line twice.
    const lines = mergeText(json, planMerge(january, 2, { reports: [], failures: [] }, 't').model)
      .split('\n')
      .filter((l) => l.startsWith('  ['));
    expect(new Set(lines).size).toBe(lines.length);
  });

  test('DUPLICATE is true in a pre-check, before anything was merged', () => {
    const [dup] = json.rejected.filter((r) => r.code === 'DUPLICATE');
    expect(dup.file).toBe('平顶山市.xlsx');
    expect(dup.message).not.toMatch(/已合并|后者/);
    expect(dup.message).toContain('“平顶山市-副本.xlsx”');
    expect(dup.message).toContain('只计入一次');
  });

  test('every finding renders in English with the same file and figures; message is the Chinese rendering', () => {
    for (const f of all()) {
      expect(f.message).toBe(findingText(f, 'zh-CN'));
      const en = findingText(f, 'en-US');
      expect(en).not.toMatch(/undefined|NaN|\[object/);
      expect(en).toContain(f.params.file);
      const p = f.params as unknown as Record<string, unknown>;
      for (const k of ['cumulative', 'previous', 'monthly', 'value', 'reported', 'quota']) {
        if (typeof p[k] === 'number') for (const text of [f.message, en]) expect(text).toContain((p[k] as number).toLocaleString('en-US'));
      }
    }
  });
});
