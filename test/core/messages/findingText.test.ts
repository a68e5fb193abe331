import { ERROR_CODES, Finding, FindingCode, WARNING_CODES } from '../../../src/core/findings';
import { FindingParamsByCode } from '../../../src/core/messages/findingParams';
import { FINDING_TITLES_EN, asNotMerged, findingText, findingTitle, makeFinding } from '../../../src/core/messages/findingText';
import { LOCALES } from '../../../src/core/messages/locale';
import { THIS_WORKBOOK, placeText } from '../../../src/core/messages/place';
import { THIS_WORKBOOK as SESSION_WORKBOOK } from '../../../src/workflow/session';

/**
 * The catalogue renders every finding code, every variant, in both languages from its parameters alone. The
 * parameters are ASCII here so that any Chinese in the English text is the catalogue's (column labels only).
 */
type Case = { [C in FindingCode]: { code: C; params: FindingParamsByCode[C]; sheet: string | null; cell: string | null } }[FindingCode];

const src = { file: 'report-a.xlsx' };
const csv = { file: 'report-b.csv', sheetless: true as const };
const other = { file: 'report-c.xlsx', sheet: 'Jan' };
const day = { year: 2023, month: 3, day: 31 };

const CASES: Case[] = [
  { code: 'UNREADABLE', params: { ...src, reason: 'empty' }, sheet: null, cell: null },
  { code: 'UNREADABLE', params: { ...src, reason: 'tooLarge', sizeMb: 30.04, limitMb: 20 }, sheet: null, cell: null },
  { code: 'UNREADABLE', params: { ...src, reason: 'damagedZip' }, sheet: null, cell: null },
  { code: 'UNREADABLE', params: { ...src, reason: 'zipBomb', unzippedMb: 210 }, sheet: null, cell: null },
  { code: 'UNREADABLE', params: { ...src, reason: 'damagedStructure' }, sheet: null, cell: null },
  { code: 'UNREADABLE', params: { ...src, reason: 'unknownOffice' }, sheet: null, cell: null },
  { code: 'UNREADABLE', params: { ...src, reason: 'unknownBinary' }, sheet: null, cell: null },
  { code: 'UNREADABLE', params: { ...src, reason: 'damaged' }, sheet: null, cell: null },
  { code: 'UNREADABLE', params: { ...src, reason: 'readError', detail: 'RangeError: x' }, sheet: null, cell: null },
  ...(['pdf', 'png', 'jpeg', 'gif', 'bmp', 'tiff', 'webp', 'heic', 'rtf', 'docx', 'pptx', 'zip', 'doc', 'ppt', 'html'] as const).map((type): Case => ({
    code: 'NOT_SPREADSHEET',
    params: { ...src, type },
    sheet: null,
    cell: null,
  })),
  { code: 'ENCRYPTED', params: src, sheet: null, cell: null },
  { code: 'NO_FORM', params: { ...src, reason: 'noForm', sheetCount: 3 }, sheet: null, cell: null },
  { code: 'NO_FORM', params: { ...csv, reason: 'noForm', sheetCount: 1 }, sheet: null, cell: null },
  { code: 'NO_FORM', params: { ...src, reason: 'noFigures' }, sheet: 'Sheet1', cell: null },
  { code: 'UNKNOWN_UNIT', params: { ...src, reason: 'codeNotInTable', unitId: 999 }, sheet: 'Sheet1', cell: 'B2' },
  { code: 'UNKNOWN_UNIT', params: { ...src, reason: 'blankName' }, sheet: 'Sheet1', cell: null },
  { code: 'UNKNOWN_UNIT', params: { ...src, reason: 'notInTable', name: 'Unit X', suggestions: ['Unit Y', 'Unit Z'] }, sheet: 'Sheet1', cell: 'B2' },
  { code: 'UNKNOWN_UNIT', params: { ...src, reason: 'notInTable', name: 'Unit X', suggestions: [] }, sheet: 'Sheet1', cell: 'B2' },
  { code: 'UNKNOWN_UNIT', params: { ...src, reason: 'unrecognised' }, sheet: 'Sheet1', cell: 'B2' },
  { code: 'CODE_NAME_MISMATCH', params: { ...src, templateUnit: 'Unit Y', name: 'Unit X', namedUnit: 'Unit X2' }, sheet: 'Sheet1', cell: 'B2' },
  { code: 'NOT_A_NUMBER', params: { ...src, indicator: 'Training', field: 'monthly', text: 'about 100' }, sheet: 'Sheet1', cell: 'C4' },
  { code: 'NOT_A_NUMBER', params: { ...csv, indicator: 'Training', field: 'cumulative', text: 'n/a' }, sheet: 'Sheet1', cell: 'D4' },
  { code: 'NEGATIVE', params: { ...src, indicator: 'Training', field: 'cumulative', value: -5 }, sheet: 'Sheet1', cell: 'D4' },
  { code: 'NEGATIVE', params: { ...src, indicator: 'Training', field: 'monthly', value: -1234 }, sheet: 'Sheet1', cell: 'C4' },
  { code: 'MISSING_CUMULATIVE', params: { ...src, indicator: 'Training', month: 3 }, sheet: 'Sheet1', cell: 'D4' },
  {
    code: 'CONFLICT',
    params: { ...src, unitName: 'Unit X', month: 3, others: [other, { file: 'd.csv', sheet: 'Sheet1', sheetless: true }] },
    sheet: 'Sheet1',
    cell: null,
  },
  { code: 'DUPLICATE', params: { ...src, unitName: 'Unit X', month: 3, same: other }, sheet: 'Sheet1', cell: null },
  { code: 'STALE', params: { ...src, reason: 'sameAsMonth', unitName: 'Unit X', month: 3, staleMonth: 2 }, sheet: 'Sheet1', cell: null },
  {
    code: 'STALE',
    params: { file: '本工作簿', reason: 'pastedSheet', unitName: 'Unit X', month: 3, staleMonth: 2, time: '2023-03-01 10:00', formerSheet: 'Feb' },
    sheet: 'Mar',
    cell: null,
  },
  {
    code: 'STALE',
    params: { file: '本工作簿', reason: 'pastedSheet', unitName: '', month: 3, staleMonth: 2, time: '2023-03-01 10:00', formerSheet: null },
    sheet: 'Mar',
    cell: null,
  },
  { code: 'SCAN_UNCERTAIN', params: { ...src, cells: ['C4', 'D6'] }, sheet: null, cell: null },
  { code: 'SCAN_UNREADABLE', params: { ...src, page: 2 }, sheet: null, cell: null },
  { code: 'SCAN_UNREADABLE', params: src, sheet: null, cell: null },
  { code: 'ANNUAL_MISMATCH', params: { ...src, indicator: 'Training', reported: 70000, quota: 72100 }, sheet: 'Sheet1', cell: 'B4' },
  { code: 'CUMULATIVE_MISMATCH', params: { ...src, indicator: 'Training', cumulative: 160, previous: 100, monthly: 50 }, sheet: 'Sheet1', cell: 'D4' },
  {
    code: 'CUMULATIVE_MISMATCH',
    params: { ...src, indicator: 'Training', cumulative: 160, previous: 100, monthly: 50, notMerged: true },
    sheet: 'Sheet1',
    cell: 'D4',
  },
  { code: 'CUMULATIVE_DECREASED', params: { ...src, indicator: 'Training', cumulative: 50, previous: 100 }, sheet: 'Sheet1', cell: 'D4' },
  { code: 'CORRECTION', params: { ...src, indicator: 'Training', monthly: -20, previous: 100, cumulative: 80 }, sheet: 'Sheet1', cell: 'C4' },
  { code: 'CUMULATIVE_DERIVED', params: { ...src, indicator: 'Training', previous: 640, monthly: 996, cumulative: 1636 }, sheet: 'Sheet1', cell: 'D4' },
  { code: 'RATE_MISMATCH', params: { ...src, indicator: 'Training', rate: '80%', computed: 0.0023 }, sheet: 'Sheet1', cell: 'E4' },
  {
    code: 'ADVANCED_EXCEEDS_CERTIFIED',
    params: { ...src, part: 'Senior', partCumulative: 20, whole: 'Certified', wholeCumulative: 10 },
    sheet: 'Sheet1',
    cell: 'D8',
  },
  { code: 'DATE_OUTSIDE_MONTH', params: { ...src, reason: 'date', date: day, year: 2023, month: 5 }, sheet: 'Sheet1', cell: 'A14' },
  {
    code: 'DATE_OUTSIDE_MONTH',
    params: { ...src, reason: 'template', templateYear: 2023, templateMonth: 2, year: 2023, month: 3 },
    sheet: 'Sheet1',
    cell: null,
  },
  { code: 'LATE', params: { ...src, date: day, month: 3, dueDay: 30 }, sheet: 'Sheet1', cell: 'A14' },
  { code: 'VALUE_WITHOUT_QUOTA', params: { ...src, unitName: 'Unit X', indicator: 'Senior', value: 5 }, sheet: 'Sheet1', cell: 'C8' },
  { code: 'VALUE_WITHOUT_QUOTA', params: { ...src, unitName: 'Unit X', indicator: 'Senior', value: 5, notMerged: true }, sheet: 'Sheet1', cell: 'C8' },
  { code: 'NAME_FROM_FILENAME', params: { ...src, unitName: 'Unit X' }, sheet: 'Sheet1', cell: 'B2' },
  {
    code: 'REPLACED',
    params: {
      ...src,
      unitName: 'Unit X',
      month: 3,
      indicator: 'Training',
      before: { monthly: 100, cumulative: 1000 },
      after: { monthly: null, cumulative: 1200 },
    },
    sheet: 'Sheet1',
    cell: null,
  },
  {
    code: 'REPLACED',
    params: { ...src, unitName: 'Unit X', month: 3, indicator: 'Training', before: { monthly: 100, cumulative: 1000 }, after: null },
    sheet: 'Sheet1',
    cell: null,
  },
  { code: 'NO_CACHED_VALUE', params: src, sheet: 'Report', cell: 'C4' },
  { code: 'FROM_SCAN', params: src, sheet: null, cell: null },
];

const findings: Finding[] = CASES.map((c) => makeFinding(c.code, c.params as never, c.sheet, c.cell));
/** Chinese the English texts may contain: the form's own column labels and the notice's names, as printed. */
const LABELS_EN = /当月完成|累计已完成|累计完成率|年度任务|填报单位|附件2|别名表|备份|本工作簿/g;
const count = (text: string, part: string) => text.split(part).length - 1;

describe('the finding catalogue', () => {
  test('covers every code of the contract, each variant rendered in both languages with every parameter', () => {
    expect(new Set(findings.map((f) => f.code))).toEqual(new Set<FindingCode>([...ERROR_CODES, ...WARNING_CODES]));
    for (const f of findings) {
      for (const locale of LOCALES) {
        const text = findingText(f, locale);
        expect(text).not.toMatch(/undefined|NaN|null|\[object|\$\{|^\s|\s$/);
        expect(text).toContain(f.params.file === '本工作簿' ? (locale === 'zh-CN' ? '本工作簿' : 'this workbook') : f.params.file);
        if (f.cell && !(f.params.sheetless && locale === 'en-US')) expect(count(text, f.cell)).toBe(1);
      }
      expect(findingText(f, 'zh-CN')).toMatch(/\p{Script=Han}/u);
      expect(findingText(f, 'en-US').replace(LABELS_EN, '')).not.toMatch(/\p{Script=Han}/u);
      expect(findingTitle(f.code, 'en-US')).toBe(FINDING_TITLES_EN[f.code]);
    }
  });

  test('message is the zh-CN rendering, and params survive JSON (the worker, merge --json)', () => {
    for (const f of findings) {
      expect(f.message).toBe(findingText(f, 'zh-CN'));
      const back = JSON.parse(JSON.stringify(f)) as Finding;
      for (const locale of LOCALES) expect(findingText(back, locale)).toBe(findingText(f, locale));
    }
  });

  test('numbers keep their meaning in both languages: the figures of the finding appear in each text', () => {
    const derived = findings.find((f) => f.code === 'CUMULATIVE_DERIVED')!;
    for (const locale of LOCALES) for (const n of ['640', '996', '1,636']) expect(findingText(derived, locale)).toContain(n);
    const replaced = findings.find((f) => f.code === 'REPLACED')!;
    expect(findingText(replaced, 'zh-CN')).toContain('当月 100、累计 1,000 → 当月 空、累计 1,200');
    expect(findingText(replaced, 'en-US')).toContain('this month 100, cumulative 1,000 → this month blank, cumulative 1,200');
  });

  test('the master workbook as a source is named as the session names it', () => {
    expect(THIS_WORKBOOK).toBe(SESSION_WORKBOOK);
  });

  test('a scan has pages, not sheets: its place is the file and page', () => {
    expect(placeText({ file: '两市扫描.pdf', sheet: '第2页', cell: null }, 'zh-CN')).toBe('“两市扫描.pdf”第 2 页');
    expect(placeText({ file: 'a.JPG', sheet: '第1页', cell: null }, 'en-US')).toBe('"a.JPG", page 1');
    // a workbook's sheet that happens to be called 第2页 is still a sheet
    expect(placeText({ file: 'a.xlsx', sheet: '第2页', cell: 'B3' }, 'zh-CN')).toBe('“a.xlsx”工作表“第2页”B3 单元格');
  });

  test('a CSV has no sheets: its place is the file, row and column', () => {
    expect(placeText({ file: 'a.csv', sheet: 'Sheet1', cell: 'C5', sheetless: true }, 'zh-CN')).toBe('“a.csv”第 5 行第 3 列（C5）');
    expect(placeText({ file: 'a.csv', sheet: 'Sheet1', cell: 'AB12', sheetless: true }, 'en-US')).toBe('"a.csv", row 12, column 28 (AB12)');
    expect(placeText({ file: 'a.xlsx', sheet: 'Sheet1', cell: 'C5' }, 'zh-CN')).toBe('“a.xlsx”工作表“Sheet1”C5 单元格');
    expect(placeText({ file: 'a.xlsx', sheet: 'Sheet1', cell: 'C5' }, 'en-US')).toBe('"a.xlsx", sheet "Sheet1", cell C5');
    for (const f of findings.filter((x) => x.params.sheetless)) {
      expect(f.message).not.toContain('工作表');
      expect(findingText(f, 'en-US')).not.toMatch(/sheet/i);
    }
  });

  test("a rejected report's warnings do not say how it was merged", () => {
    for (const f of findings.filter((x) => x.code === 'CUMULATIVE_MISMATCH' || x.code === 'VALUE_WITHOUT_QUOTA')) {
      const rejected = asNotMerged(f);
      expect(rejected.message).not.toMatch(/以所填累计为准|照录|已按|已合并/);
      expect(findingText(rejected, 'en-US')).not.toMatch(/counts|recorded in the master/);
    }
  });
});
