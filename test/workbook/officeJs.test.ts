import * as XLSX from 'xlsx';

import { IndicatorKey, perIndicator } from '../../src/core/indicators';
import { getEntry, ledgersEqual } from '../../src/core/ledger';
import { QuotaTable, Unit } from '../../src/core/units';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { LIMITS } from '../../src/reports/fileKind';
import { findForms } from '../../src/reports/readForm';
import { SheetGrid } from '../../src/reports/sheetGrid';
import { FormValue, IndicatorInput, reportFormCells, writeReportForm } from '../../src/samples/reportForm';
import type { MasterWorkbook } from '../../src/workbook/adapter';
import {
  DEFAULT_CHUNK_BYTES,
  FOREIGN_SHEET_LIMITS,
  OfficeJsWorkbook,
  OfficeJsWorkbookError,
  REQUIRED_API,
  columnWidthPoints,
  needsTextFormat,
} from '../../src/workbook/adapters/officeJs';
import { README_CELLS, SHEET, ledgerColumn, overviewColumn, unitRow } from '../../src/workbook/layout';
import { masterSpec } from '../../src/workbook/masterSpec';
import { MasterModel, newMasterModel } from '../../src/workbook/model';
import { readMaster } from '../../src/workbook/readMaster';
import { CellValue, FONT, PAGE_FOOTER, STATUS_COLORS, STYLES, specCell } from '../../src/workbook/spec';
import { ReportFile, planMerge, readReportFiles } from '../../src/workflow/merge';
import { planUndo } from '../../src/workflow/undo';
import { EXCEL_WEB_PAYLOAD_LIMIT, FakeExcel, FakeExcelError, checkFormula, excelConversion } from '../fakes/excelFake';
import { FileWorkbook } from '../../src/workbook/adapters/memoryFile';
import { pasteSheet } from '../fakes/pasteSheet';
import { parsedReport } from '../helpers/reports';
import { INDICATOR_SHEET, MASTER_SHEETS, PROVINCE_SHEET, SHAPE_2023 } from '../helpers/table2023';
import { INDICATORS } from '../helpers/table2023';

const table = embeddedQuota2023();
const MERGE_TIME = '2023-02-03 10:30:00';
const UNDO_TIME = '2023-02-03 11:00:00';

// ---------------------------------------------------------------------------------------------------------
describe('the Excel fake is strict', () => {
  test('a property read before load, or after load but before sync, throws PropertyNotLoaded', async () => {
    const fake = new FakeExcel();
    fake.setCell('Sheet1', 'A1', { value: 42 });
    await fake.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1');
      expect(() => range.values).toThrow(/PropertyNotLoaded/);
      range.load('values');
      expect(() => range.values).toThrow(/PropertyNotLoaded/);
      await ctx.sync();
      expect(range.values).toEqual([[42]]);
      expect(() => range.formulas).toThrow(/PropertyNotLoaded/);
    });
  });

  test('writes are queued: nothing changes before sync, a later load sees them after it', async () => {
    const fake = new FakeExcel();
    await fake.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B1');
      range.load('values');
      await ctx.sync();
      range.values = [[1, 'x']];
      expect(fake.cell('Sheet1', 'A1')).toBeUndefined();
      expect(range.values).toEqual([['', '']]); // the loaded snapshot, not the queued write
      await ctx.sync();
      expect(fake.cell('Sheet1', 'A1')).toEqual({ value: 1 });
      expect(range.values).toEqual([['', '']]);
      range.load('values');
      await ctx.sync();
      expect(range.values).toEqual([[1, 'x']]);
    });
  });

  test('syncs are counted, proxies die with their run, and unsynced commands are an error', async () => {
    const fake = new FakeExcel();
    let kept: Excel.Range | null = null;
    await fake.run(async (ctx) => {
      kept = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1');
      await ctx.sync();
      await ctx.sync();
    });
    expect(fake.syncCount).toBe(2);
    expect(() => kept!.load('values')).toThrow(/InvalidObjectPath/);
    await expect(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [[1]];
      }),
    ).rejects.toThrow(/never synced/);
  });

  test('array size mismatches, unknown sheets and bad formulas reject the sync like Excel', async () => {
    const fake = new FakeExcel();
    const attempt = (f: (ctx: Excel.RequestContext) => void) =>
      fake.run(async (ctx) => {
        f(ctx);
        await ctx.sync();
      });
    await expect(attempt((ctx) => (ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B2').values = [[1, 2]]))).rejects.toMatchObject({
      code: 'InvalidArgument',
    });
    await expect(attempt((ctx) => (ctx.workbook.worksheets.getItem('Nope').getRange('A1').values = [[1]]))).rejects.toMatchObject({
      code: 'ItemNotFound',
    });
    await expect(attempt((ctx) => (ctx.workbook.worksheets.getItem('Sheet1').getRange('A1').formulas = [['=SUM(A2:A3']]))).rejects.toMatchObject({
      code: 'InvalidArgument',
    });
    expect(checkFormula('=求和(A1:A2)')).toMatch(/English/);
    expect(checkFormula('=IF(A1="（是）",1,0)')).toBeNull();
  });

  test('text is converted as Excel converts typed input, unless the cell is formatted as text', async () => {
    const fake = new FakeExcel();
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Sheet1');
      ws.getRange('B1:B2').numberFormat = [['@'], ['@']];
      ws.getRange('A1:B2').values = [
        ['=1+2', '=1+2'],
        ['2023-02-03 10:30:00', '2023-02-03 10:30:00'],
      ];
      ws.getRange('C1:C4').values = [['1,234'], ['25%'], ['TRUE'], ["'007"]];
      await ctx.sync();
    });
    expect(fake.cell('Sheet1', 'A1')).toEqual({ formula: '=1+2' });
    expect(fake.cell('Sheet1', 'B1')).toEqual({ value: '=1+2', numberFormat: '@' });
    expect(typeof fake.cell('Sheet1', 'A2')!.value).toBe('number');
    expect(fake.cell('Sheet1', 'B2')!.value).toBe('2023-02-03 10:30:00');
    expect(fake.cell('Sheet1', 'C1')!.value).toBe(1234);
    expect(fake.cell('Sheet1', 'C2')!.value).toBe(0.25);
    expect(fake.cell('Sheet1', 'C3')!.value).toBe(true);
    expect(fake.cell('Sheet1', 'C4')!.value).toBe('007');
    expect(excelConversion('郑州市')).toBeNull();
  });

  test('a request over 5 MB fails, and a failure can be injected on the Nth sync', async () => {
    const fake = new FakeExcel();
    const big = Array.from({ length: 2000 }, () => ['x'.repeat(3000)]);
    await expect(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:A2000').values = big;
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(fake.cell('Sheet1', 'A1')).toBeUndefined();
    expect(fake.syncs.at(-1)!.requestBytes).toBeGreaterThan(EXCEL_WEB_PAYLOAD_LIMIT);

    fake.failSync(2);
    await expect(
      fake.run(async (ctx) => {
        const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1');
        r.values = [[1]];
        await ctx.sync();
        r.values = [[2]];
        await ctx.sync();
      }),
    ).rejects.toBeInstanceOf(FakeExcelError);
    expect(fake.cell('Sheet1', 'A1')!.value).toBe(1);
  });

  test('OrNullObject proxies know isNullObject only after a sync', async () => {
    const fake = new FakeExcel();
    await fake.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject('Nope');
      const used = ctx.workbook.worksheets.getItem('Sheet1').getUsedRangeOrNullObject();
      expect(() => missing.isNullObject).toThrow(/PropertyNotLoaded/);
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(used.isNullObject).toBe(true);
    });
  });
});

// ---------------------------------------------------------------------------------------------------------
describe('OfficeJsWorkbook: render and read back a new master', () => {
  const spec = masterSpec(newMasterModel(table));
  let fake: FakeExcel;
  let renderSyncs = 0;

  beforeAll(async () => {
    fake = new FakeExcel();
    await new OfficeJsWorkbook(fake.run).render(spec);
    renderSyncs = fake.syncCount;
  });

  test('reads back as the embedded quota, month 0, default pace, empty ledger', async () => {
    const office = new OfficeJsWorkbook(fake.run);
    const before = fake.syncCount;
    const { model, problems } = readMaster(await office.readGrids());
    expect(fake.syncCount - before).toBeLessThanOrEqual(2);
    expect(problems).toEqual([]);
    expect(model.table).toEqual(table);
    expect(model.month).toBe(0);
    expect(model.pace.curve[2]).toBeCloseTo(0.25, 12);
    expect(model.ledger.size).toBe(0);
    expect(model.log).toEqual([]);
    expect(model.undoStack).toEqual([]);
  });

  test('render uses a handful of syncs, each well under 5 MB, calculation suspended while writing', () => {
    expect(renderSyncs).toBeGreaterThanOrEqual(2);
    expect(renderSyncs).toBeLessThanOrEqual(8);
    const writes = fake.syncs.slice(1, renderSyncs);
    for (const s of writes) {
      expect(s.requestBytes).toBeLessThan(DEFAULT_CHUNK_BYTES * 1.1);
      expect(s.calculationSuspended).toBe(true);
    }
    const commands = fake.syncs.slice(0, renderSyncs).reduce((n, s) => n + s.commands, 0);
    expect(commands).toBeLessThan(3000); // proxy calls: not one per cell (the master has ~60,000 cells)
  });

  test('the master sheets come first, in order; 配置 and 撤销记录 are hidden', () => {
    expect(fake.sheetNames().slice(0, MASTER_SHEETS.length)).toEqual(MASTER_SHEETS);
    expect(fake.sheet(SHEET.config).visibility).toBe('Hidden');
    expect(fake.sheet(SHEET.undo).visibility).toBe('Hidden');
    expect(fake.sheet(SHEET.overview).visibility).toBe('Visible');
    expect(fake.sheet(SHEET.overview).tabColor).toBe('#2F75B5');
  });

  test("frozen headers; A4 at the spec's scale with its page breaks and print titles, or fitted to width; page numbers", () => {
    const overview = fake.sheet(SHEET.overview);
    expect(overview.freeze).toEqual({ rows: 3, columns: 2 });
    expect(fake.sheet(SHEET.config).freeze).toEqual({ rows: 1, columns: 0 });
    expect(fake.sheet(SHEET.readme).freeze).toEqual({ rows: 0, columns: 0 });
    const print = spec.sheets.find((s) => s.name === SHEET.overview)!.print;
    // 2023's four indicators do not fit one page at 7 pt: whole indicators per page, 序号…总体状态 repeated.
    expect(print.fitToWidth).toBe(false);
    expect(overview.pageLayout).toEqual({
      orientation: 'Landscape',
      paperSize: 'A4',
      printTitleRows: '$1:$3',
      printTitleColumns: '$A:$D',
      zoom: { scale: print.scale },
      centerFooter: PAGE_FOOTER,
    });
    expect(overview.columnBreaks).toEqual(print.columnBreaks);
    expect(overview.columnBreaks.length).toBeGreaterThan(0);
    // A ledger does not fit one page at 7 pt: its months in groups per page at the spec's scale, 序号 and 单位名称 repeated.
    const ledger = spec.sheets.find((s) => s.name === INDICATOR_SHEET.training)!;
    expect(ledger.print.fitToWidth).toBe(false);
    expect(fake.sheet(ledger.name).pageLayout).toEqual({
      orientation: 'Landscape',
      paperSize: 'A4',
      printTitleRows: '$1:$3',
      printTitleColumns: '$A:$B',
      zoom: { scale: ledger.print.scale },
      centerFooter: PAGE_FOOTER,
    });
    expect(fake.sheet(ledger.name).columnBreaks).toEqual(ledger.print.columnBreaks);
    expect(fake.sheet(ledger.name).columnBreaks.length).toBeGreaterThan(0);
    const log = fake.sheet(SHEET.log).pageLayout;
    expect(log.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
    const summary = spec.sheets.find((s) => s.name === PROVINCE_SHEET)!.print;
    expect(fake.sheet(PROVINCE_SHEET).rowBreaks).toEqual(summary.rowBreaks);
    expect(fake.sheet(PROVINCE_SHEET).pageLayout).toMatchObject({ orientation: 'Landscape', zoom: { scale: summary.scale } });
    expect(fake.sheet(SHEET.readme).pageLayout.orientation).toBe('Portrait');
    expect(fake.sheet(SHEET.readme).pageLayout.printTitleRows).toBeNull();
  });

  test('formulas are formulas with "=", values are values, number formats and styles as specified', () => {
    const overviewSpec = spec.sheets.find((s) => s.name === SHEET.overview)!;
    const rateCol = overviewColumn(SHAPE_2023, 'training', 'rate');
    const row = unitRow(0);
    const rate = fake.cells(SHEET.overview).find((c) => c.row === row && c.col === rateCol)!.cell;
    expect(rate.formula).toBe(`=${specCell(overviewSpec, row, rateCol)!.formula}`);
    expect(rate.numberFormat).toBe('0.0%');
    expect(fake.cell(SHEET.readme, 'B6')).toEqual({ value: 0, numberFormat: '0"月"' });
    expect(fake.cell(SHEET.quota, 'B4')!.value).toBe('郑州市');
    const header = fake.cellFormat(SHEET.quota, 'A3')!;
    expect(header).toMatchObject({ fill: `#${STYLES.header.fill}`, bold: true, hAlign: 'Center', vAlign: 'Center', wrap: true });
    for (const edge of ['top', 'bottom', 'left', 'right'] as const) expect(header.borders?.[edge]).toEqual({ style: 'Continuous', color: '#BFBFBF' });
    expect(fake.cellFormat(SHEET.readme, 'A1')).toMatchObject({ bold: true, fontSize: 14, fontName: FONT.name });
    expect(fake.cellFormat(SHEET.overview, 'J4')).toMatchObject({ fontName: FONT.name });
    expect(fake.sheet(SHEET.overview).columnWidths.get(2)).toBe(columnWidthPoints(overviewSpec.columnWidths[1]));
    expect(fake.sheet(SHEET.overview).rowHeights.get(3)).toBe(30);
    expect(fake.sheet(SHEET.overview).merges.map((m) => `${m.r1},${m.c1},${m.r2},${m.c2}`)).toContain('2,1,3,1');
  });

  test('conditional formats: custom rules with "=" formulas and the status colours', () => {
    const cfs = fake.sheet(SHEET.overview).conditionalFormats;
    const overviewSpec = spec.sheets.find((s) => s.name === SHEET.overview)!;
    expect(cfs).toHaveLength(overviewSpec.conditionalFormats.length);
    for (const cf of cfs) {
      expect(cf.type).toBe('Custom');
      expect(cf.formula).toMatch(/^=/);
      expect(checkFormula(cf.formula!)).toBeNull();
    }
    // The first rule of the spec has the highest priority, as in the file adapter.
    expect(cfs[0].formula).toBe(`=${overviewSpec.conditionalFormats[0].formula}`);
    expect(cfs[0].range).toBe(overviewSpec.conditionalFormats[0].range);
    const red = cfs.find((c) => c.formula!.includes('"滞后"') || c.fill === `#${STATUS_COLORS.red.fill}`)!;
    expect(red).toMatchObject({ fill: `#${STATUS_COLORS.red.fill}`, fontColor: `#${STATUS_COLORS.red.font}` });
    expect(fake.sheet(SHEET.reports).conditionalFormats).toHaveLength(2);
  });

  test('截至月份 accepts whole numbers 0–12 with a prompt and an error message', () => {
    const [v] = fake.sheet(SHEET.readme).validations;
    expect(v.range).toBe('B6');
    expect(v.rule).toEqual({ wholeNumber: { formula1: 0, formula2: 12, operator: 'Between' } });
    expect(v.prompt).toMatchObject({ showPrompt: true });
    expect(v.errorAlert).toMatchObject({ showAlert: true, style: 'Stop' });
  });

  test('rendering again replaces the master sheets and keeps the other sheets', async () => {
    const f = new FakeExcel({ sheets: ['我的笔记'] });
    f.setCell('我的笔记', 'A1', { value: '别删我' });
    const office = new OfficeJsWorkbook(f.run);
    await office.render(spec);
    await office.render(masterSpec({ ...newMasterModel(table), month: 4 }));
    expect(f.sheetNames()).toEqual([...MASTER_SHEETS, '我的笔记']);
    expect(f.cell('我的笔记', 'A1')!.value).toBe('别删我');
    expect(readMaster(await office.readGrids()).model.month).toBe(4);
  });

  test('text that Excel would read as a formula, number or date is written as text ("@")', async () => {
    const model: MasterModel = {
      ...newMasterModel(table),
      aliases: [
        { alias: '=HYPERLINK("http://x","郑州")', unitId: 1, note: '-手工' },
        { alias: '2023-01-05', unitId: 2, note: '+1' },
        { alias: '1,234', unitId: 3, note: '@备注' },
      ],
      log: [[MERGE_TIME, '合并', 1, '=2+3.xlsx', 'Sheet1', 'abc', 1, '郑州市', '已合并', '']],
    };
    const f = new FakeExcel();
    const office = new OfficeJsWorkbook(f.run);
    await office.render(masterSpec(model));
    const alias = f.cell(SHEET.aliases, 'A4')!;
    expect(alias).toEqual({ value: '=HYPERLINK("http://x","郑州")', numberFormat: '@' });
    expect(f.cell(SHEET.aliases, 'D4')).toEqual({ value: '-手工', numberFormat: '@' });
    expect(f.cell(SHEET.log, 'A4')).toEqual({ value: MERGE_TIME, numberFormat: '@' });
    expect(f.cell(SHEET.log, 'D4')).toEqual({ value: '=2+3.xlsx', numberFormat: '@' });
    const back = readMaster(await office.readGrids()).model;
    expect(back.aliases).toEqual(model.aliases);
    expect(back.log).toEqual([[MERGE_TIME, '合并', 1, '=2+3.xlsx', 'Sheet1', 'abc', 1, '郑州市', '已合并']]);
  });

  test('needsTextFormat flags what Excel would not keep as text', () => {
    for (const s of [
      '=1',
      '+1',
      '-a',
      '@x',
      "'x",
      '#N/A',
      'TRUE',
      '123',
      '00123',
      '1,234',
      '25%',
      '2023-01-05',
      '2023/1/5',
      '10:30',
      '2023年1月5日',
      '３月５日',
      '(12)',
      '1e5',
    ])
      expect([s, needsTextFormat(s)]).toEqual([s, true]);
    for (const s of ['郑州市', '1+X证书', '约100', 'Sheet1', '合并', '—', 'abc', '[{"unitId":1}]']) expect([s, needsTextFormat(s)]).toEqual([s, false]);
    // Everything the fake converts, the adapter protects.
    for (const s of ['1,234', '25%', '2023-01-05', '1/2', '10:30', 'true', '#DIV/0!', '$5', '(3)', '.5']) {
      expect(excelConversion(s)).not.toBeNull();
      expect(needsTextFormat(s)).toBe(true);
    }
  });

  test('REQUIRED_API names the highest requirement set used', () => {
    expect(REQUIRED_API).toBe('ExcelApi 1.9');
    expect(FOREIGN_SHEET_LIMITS).toEqual({ rows: LIMITS.maxRows, columns: LIMITS.maxColumns });
  });
});

// ---------------------------------------------------------------------------------------------------------
// The contract: the same scenario against the file adapter and the Office.js adapter.

function values(training: number, certified: number, advanced: number, onePlusX: number) {
  const v = (n: number): IndicatorInput => ({ annual: null, monthly: n, cumulative: n, rate: null });
  return { training: v(training), certified: v(certified), advanced: v(advanced), onePlusX: v(onePlusX) };
}

function reportBytes(unitName: string, vals: ReturnType<typeof values>): Uint8Array {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, writeReportForm({ unitName, year: 2023, month: 1, values: vals, filler: '张三', date: '2023年1月28日' }), 'Sheet1');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

/** Four forms: three units (one file named like a formula, one like a negative number) and one unknown unit. */
function reportFiles(): ReportFile[] {
  const q = (id: number) => table.units.find((u) => u.id === id)!;
  const fill = (u: Unit, k: number) =>
    values(100 + k, u.quota.certified === null ? 0 : 50 + k, u.quota.advanced === null ? 0 : 10 + k, u.quota.onePlusX === null ? 0 : 5 + k);
  return [
    { name: '郑州市.xlsx', bytes: reportBytes('郑州市', fill(q(1), 1)) },
    { name: '=2+3.xlsx', bytes: reportBytes(q(2).name, fill(q(2), 2)) },
    { name: '-03 洛阳市.xlsx', bytes: reportBytes(q(3).name, fill(q(3), 3)) },
    { name: '火星.xlsx', bytes: reportBytes('火星市教育局', fill(q(4), 4)) },
  ];
}

interface Harness {
  workbook: MasterWorkbook;
  /** A sheet pasted into the master (a report). */
  paste(name: string, ws: XLSX.WorkSheet): void;
}

function pasteIntoFake(fake: FakeExcel, name: string, ws: XLSX.WorkSheet): void {
  fake.addSheet(name);
  for (const [address, cell] of Object.entries(ws)) {
    if (address.startsWith('!')) continue;
    const c = cell as XLSX.CellObject;
    fake.setCell(name, address, {
      value: c.t === 'z' ? undefined : (c.v as string | number | boolean),
      formula: c.f,
      numberFormat: c.z === undefined ? undefined : String(c.z),
      error: c.t === 'e',
    });
  }
}

const HARNESSES: Array<[string, () => Harness]> = [
  [
    'file adapter (ExcelJS + xlsxPatch)',
    () => {
      const wb = new FileWorkbook();
      return { workbook: wb, paste: (name, ws) => pasteSheet(wb, name, ws) };
    },
  ],
  [
    'Office.js adapter (strict fake)',
    () => {
      const fake = new FakeExcel();
      return { workbook: new OfficeJsWorkbook(fake.run), paste: (name, ws) => pasteIntoFake(fake, name, ws) };
    },
  ],
];

interface Outcome {
  start: MasterModel;
  planned: MasterModel;
  merged: MasterModel;
  undone: MasterModel;
  undoExpected: MasterModel;
  formsFound: ReturnType<typeof findForms>;
}

const outcomes = new Map<string, Outcome>();
const normalizeLog = (log: CellValue[][]) => log.map((row) => row.map((v) => (v === '' ? null : v)));

describe.each(HARNESSES)('MasterWorkbook contract: %s', (label, make) => {
  let o: Outcome;

  beforeAll(async () => {
    const { workbook, paste } = make();
    await workbook.render(masterSpec(newMasterModel(table)));
    const start = readMaster(await workbook.readGrids()).model;
    const plan = planMerge(start, 1, readReportFiles(reportFiles(), INDICATORS), MERGE_TIME);
    await workbook.applyPatches(plan.patches);
    const merged = readMaster(await workbook.readGrids()).model;
    const undo = planUndo(merged, UNDO_TIME);
    await workbook.applyPatches(undo.patches);
    const undone = readMaster(await workbook.readGrids()).model;

    const form = writeReportForm({
      unitName: '郑州市',
      year: 2023,
      month: 2,
      values: {
        ...values(0, 0, 0, 0),
        training: { annual: 72100, monthly: { formula: 'B6-B6+1200', value: 1200 }, cumulative: 2400, rate: { number: 0.0333, format: '0.00%' } },
      },
    });
    paste('郑州市报表', form);
    const foreign = await workbook.readForeignSheets(MASTER_SHEETS);
    const formsFound = foreign.flatMap((f) => findForms(SheetGrid.of(f.sheet, LIMITS.maxColumns), f.name, INDICATORS));
    o = { start, planned: plan.model, merged, undone, undoExpected: undo.model, formsFound };
    outcomes.set(label, o);
  });

  test('the merge is written: ledger, 截至月份, log and undo record as planned', () => {
    expect(o.start.ledger.size).toBe(0);
    expect(ledgersEqual(o.merged.ledger, o.planned.ledger)).toBe(true);
    expect(o.merged.ledger.size).toBe(3);
    expect(getEntry(o.merged.ledger, 1, 'training', 1)).toEqual({ monthly: 101, cumulative: 101 });
    expect(o.merged.month).toBe(1);
    expect(normalizeLog(o.merged.log)).toEqual(normalizeLog(o.planned.log));
    expect(o.merged.log).toHaveLength(4);
    expect(o.merged.log.map((r) => r[3])).toEqual(expect.arrayContaining(['=2+3.xlsx', '-03 洛阳市.xlsx']));
    expect(o.merged.log[0][0]).toBe(MERGE_TIME);
    expect(o.merged.undoStack).toEqual(o.planned.undoStack);
  });

  test('undo restores the start: empty ledger, month 0, no undo record; the undo is logged', () => {
    expect(ledgersEqual(o.undone.ledger, o.start.ledger)).toBe(true);
    expect(o.undone.month).toBe(0);
    expect(o.undone.undoStack).toEqual([]);
    expect(normalizeLog(o.undone.log)).toEqual(normalizeLog(o.undoExpected.log));
    expect(o.undone.log).toHaveLength(5);
  });

  test('a report pasted into the workbook is found by the report reader', () => {
    expect(o.formsFound).toHaveLength(1);
    const [form] = o.formsFound;
    const cells = reportFormCells();
    expect(form.unitName).toBe('郑州市');
    expect(form.figures.training.monthly).toMatchObject({ value: 1200, cell: cells.indicators.training.monthly });
    expect(form.figures.training.cumulative).toMatchObject({ value: 2400, cell: cells.indicators.training.cumulative });
    expect(form.figures.training.rate.readings).toContain(0.0333);
  });
});

describe('MasterWorkbook contract: both adapters agree', () => {
  test('identical ledgers, 截至月份, logs, undo stacks and pasted forms', () => {
    const [a, b] = HARNESSES.map(([label]) => outcomes.get(label)!);
    expect(a && b).toBeTruthy();
    for (const k of ['merged', 'undone'] as const) {
      expect(ledgersEqual(a[k].ledger, b[k].ledger)).toBe(true);
      expect(a[k].month).toBe(b[k].month);
      expect(a[k].log.length).toBe(b[k].log.length);
      expect(normalizeLog(a[k].log)).toEqual(normalizeLog(b[k].log));
      expect(a[k].undoStack).toEqual(b[k].undoStack);
    }
    expect(b.formsFound).toEqual(a.formsFound);
  });
});

// ---------------------------------------------------------------------------------------------------------
describe('OfficeJsWorkbook: syncs do not grow with the number of units', () => {
  function syntheticTable(n: number): QuotaTable {
    if (n <= table.units.length) return { ...table, units: table.units.slice(0, n) };
    const units: Unit[] = Array.from({ length: n }, (_, i) => {
      const base = table.units[i % table.units.length];
      return { ...base, id: i + 1, name: `测试学校${i + 1}号`, category: '本科高校' };
    });
    return { ...table, units };
  }

  function mergeFor(t: QuotaTable) {
    const model = newMasterModel(t);
    const reports = t.units.map((u, i) =>
      parsedReport(
        `${String(i + 1).padStart(4, '0')} ${u.name}.xlsx`,
        u.name,
        perIndicator(INDICATORS, (k: IndicatorKey) => (u.quota[k] === null ? {} : { monthly: 10 + (i % 7), cumulative: 10 + (i % 7) })),
        { year: 2023, month: 1, day: 28 },
      ),
    );
    return planMerge(model, 1, { reports, failures: [] }, MERGE_TIME);
  }

  const measured = new Map<number, { syncs: number; total: number; max: number }>();
  const measuredRender = new Map<number, { syncs: number; total: number }>();

  test.each([10, 179, 1000])('applyPatches of a merge of %i units', async (n) => {
    const t = syntheticTable(n);
    const plan = mergeFor(t);
    expect(plan.result.changedUnits).toHaveLength(n);
    const fake = new FakeExcel({ sheets: [...MASTER_SHEETS] });
    const office = new OfficeJsWorkbook(fake.run);
    await office.applyPatches(plan.patches);
    const total = fake.syncs.reduce((s, x) => s + x.requestBytes, 0);
    const max = Math.max(...fake.syncs.map((x) => x.requestBytes));
    measured.set(n, { syncs: fake.syncCount, total, max });
    expect(max).toBeLessThan(EXCEL_WEB_PAYLOAD_LIMIT);
    expect(fake.syncCount).toBeLessThanOrEqual(4 + Math.ceil(total / DEFAULT_CHUNK_BYTES));
    // What was written is what the plan says.
    const grids = await office.readGrids([INDICATOR_SHEET.training, SHEET.readme]);
    const ledger = grids.sheets.get(INDICATOR_SHEET.training)!;
    t.units.forEach((u, i) => {
      const expected = getEntry(plan.model.ledger, u.id, 'training', 1)?.cumulative ?? null;
      expect(ledger[unitRow(i) - 1][ledgerColumn(1, 'cumulative') - 1]).toBe(expected);
    });
    expect(grids.sheets.get(SHEET.readme)![README_CELLS.month.row - 1][README_CELLS.month.col - 1]).toBe(1);
    const log = fake.cells(SHEET.log).filter((c) => c.col === 1);
    expect(log).toHaveLength(n);
    expect(log.every((c) => c.cell.value === MERGE_TIME && c.cell.numberFormat === '@')).toBe(true);
  });

  test('10, 179 and 1,000 units: the same syncs, or more only by size-bounded chunks', () => {
    const [a, b, c] = [10, 179, 1000].map((n) => measured.get(n)!);
    expect(a.syncs).toBe(2);
    expect(b.syncs).toBe(a.syncs);
    expect(c.syncs).toBeLessThanOrEqual(a.syncs + Math.ceil(c.total / DEFAULT_CHUNK_BYTES));
  });

  test('with small chunks, each sync stays within its chunk and the data is complete', async () => {
    const t = syntheticTable(1000);
    const plan = mergeFor(t);
    const fake = new FakeExcel({ sheets: [...MASTER_SHEETS] });
    const chunkBytes = 64 * 1024;
    await new OfficeJsWorkbook(fake.run, { chunkBytes }).applyPatches(plan.patches);
    const writes = fake.syncs.slice(1);
    const total = writes.reduce((s, x) => s + x.requestBytes, 0);
    expect(writes.length).toBeGreaterThan(2);
    expect(writes.length).toBeLessThanOrEqual(Math.ceil(total / (chunkBytes / 2)) + 1);
    for (const w of writes) expect(w.requestBytes).toBeLessThan(chunkBytes * 1.5);
    const grids = await new OfficeJsWorkbook(fake.run).readGrids([INDICATOR_SHEET.certified]);
    const ledger = grids.sheets.get(INDICATOR_SHEET.certified)!;
    const last = t.units.length - 1;
    expect(ledger[unitRow(last) - 1][ledgerColumn(1, 'monthly') - 1]).toBe(getEntry(plan.model.ledger, t.units[last].id, 'certified', 1)?.monthly ?? null);
  });

  test.each([10, 179, 1000])('render and readGrids of a %i-unit master: readGrids takes 2 syncs', async (n) => {
    const t = syntheticTable(n);
    const fake = new FakeExcel();
    const office = new OfficeJsWorkbook(fake.run);
    await office.render(masterSpec(newMasterModel(t)));
    const renderSyncs = fake.syncCount;
    for (const s of fake.syncs) expect(s.requestBytes).toBeLessThan(EXCEL_WEB_PAYLOAD_LIMIT);
    const before = fake.syncCount;
    const { model } = readMaster(await office.readGrids());
    expect(fake.syncCount - before).toBe(2);
    expect(model.table.units).toHaveLength(n);
    const total = fake.syncs.slice(0, renderSyncs).reduce((s, x) => s + x.requestBytes, 0);
    expect(renderSyncs).toBeLessThanOrEqual(3 + Math.ceil(total / DEFAULT_CHUNK_BYTES) + 1);
    measuredRender.set(n, { syncs: renderSyncs, total });
  });

  afterAll(() => {
    // Reported in the hand-back note: syncs per operation at each size.
    const line = [...measured].map(([n, m]) => `${n}: ${m.syncs} syncs, ${(m.total / 1024).toFixed(0)} KB`).join('; ');
    const render = [...measuredRender].map(([n, m]) => `${n}: ${m.syncs} syncs, ${(m.total / 1024).toFixed(0)} KB`).join('; ');
    if (process.env.SHOW_SYNCS) console.log(`applyPatches ${line}\nrender ${render}`);
  });
});

// ---------------------------------------------------------------------------------------------------------
describe('OfficeJsWorkbook: reading pasted reports and failures', () => {
  test('readForeignSheets: values, a formula with its cached value, a percent format, a formula without a result, text "=2+3"', async () => {
    const fake = new FakeExcel({ sheets: [...MASTER_SHEETS] });
    const cells = reportFormCells();
    const vals: Record<IndicatorKey, Record<keyof IndicatorInput, FormValue>> = {
      training: { annual: 72100, monthly: { formula: 'D6-0', value: 1200 }, cumulative: 1200, rate: { number: 0.0166, format: '0.00%' } },
      certified: { annual: 72100, monthly: 300, cumulative: 300, rate: null },
      advanced: { annual: 6500, monthly: '=2+3', cumulative: 30, rate: null },
      onePlusX: { annual: 3500, monthly: 10, cumulative: 10, rate: null },
    };
    const ws = writeReportForm({ unitName: '郑州市', year: 2023, month: 1, values: vals, date: '2023年1月28日' });
    pasteIntoFake(fake, '郑州市1月', ws);
    // The 1+X monthly cell: a formula Excel never calculated (no cached value).
    fake.setCell('郑州市1月', cells.indicators.onePlusX.monthly, { formula: '=1+' });
    fake.setCell('郑州市1月', cells.indicators.advanced.monthly, { value: '=2+3', numberFormat: '@' });
    const office = new OfficeJsWorkbook(fake.run);
    const before = fake.syncCount;
    const foreign = await office.readForeignSheets(MASTER_SHEETS);
    expect(fake.syncCount - before).toBe(2);
    expect(foreign.map((f) => f.name)).toEqual(['郑州市1月']);
    const sheet = foreign[0].sheet;
    const grid = SheetGrid.of(sheet, LIMITS.maxColumns);
    const at = (a: string) => {
      const { r, c } = XLSX.utils.decode_cell(a);
      return grid.cell(r, c);
    };
    expect(at(cells.indicators.training.monthly)).toEqual({ t: 'n', v: 1200, f: 'D6-0' });
    expect(at(cells.indicators.training.rate)).toEqual({ t: 'n', v: 0.0166, z: '0.00%' });
    expect(at(cells.indicators.advanced.monthly)).toEqual({ t: 's', v: '=2+3', z: '@' });
    expect(at(cells.indicators.onePlusX.monthly)).toEqual({ t: 'z', f: '1+' });

    const [form] = findForms(grid, '郑州市1月', INDICATORS);
    expect(form.unitName).toBe('郑州市');
    expect(form.figures.training.monthly).toMatchObject({ value: 1200, cell: cells.indicators.training.monthly });
    expect(form.figures.training.cumulative).toMatchObject({ value: 1200, cell: cells.indicators.training.cumulative });
    expect(form.figures.training.rate.readings).toContain(0.0166);
    expect(form.figures.certified.cumulative.value).toBe(300);
    expect(form.figures.advanced.monthly).toMatchObject({ value: null, problem: 'NOT_A_NUMBER' });
    expect(form.findings.map((f) => f.code)).toContain('NO_CACHED_VALUE');
    expect(form.date.date).toEqual({ year: 2023, month: 1, day: 28 });
  });

  test('an error value reads as its text, for grids and for reports', async () => {
    const fake = new FakeExcel({ sheets: ['Sheet1'] });
    fake.setCell('Sheet1', 'B2', { formula: '=1/0', value: '#DIV/0!', error: true });
    fake.setCell('Sheet1', 'A1', { value: true });
    const office = new OfficeJsWorkbook(fake.run);
    const grids = await office.readGrids();
    expect(grids.sheets.get('Sheet1')).toEqual([
      [true, null],
      [null, '#DIV/0!'],
    ]);
    const [{ sheet }] = await office.readForeignSheets([]);
    expect(SheetGrid.of(sheet, 60).raw(1, 1)).toBe('#DIV/0!');
    expect(sheet['!ref']).toBe('A1:B2');
  });

  test('patches for a sheet that does not exist are refused before anything is written', async () => {
    const fake = new FakeExcel({ sheets: [SHEET.readme] });
    const office = new OfficeJsWorkbook(fake.run);
    await expect(
      office.applyPatches([
        { sheet: SHEET.readme, cells: [{ row: 6, col: 2, value: 3 }] },
        { sheet: '不存在', cells: [{ row: 1, col: 1, value: 1 }] },
      ]),
    ).rejects.toBeInstanceOf(OfficeJsWorkbookError);
    expect(fake.cell(SHEET.readme, 'B6')).toBeUndefined();
    await expect(office.applyPatches([{ sheet: SHEET.readme, cells: [{ row: 0, col: 1, value: 1 }] }])).rejects.toThrow(/位置无效/);
  });

  test('a failed sync rejects the operation with the host error', async () => {
    const fake = new FakeExcel({ sheets: [...MASTER_SHEETS] });
    const office = new OfficeJsWorkbook(fake.run);
    fake.failSync(2, new FakeExcelError('GeneralException', 'network'));
    await expect(office.applyPatches([{ sheet: SHEET.readme, cells: [{ row: 6, col: 2, value: 3 }] }])).rejects.toMatchObject({ code: 'GeneralException' });
    expect(fake.cell(SHEET.readme, 'B6')).toBeUndefined();
    await office.applyPatches([{ sheet: SHEET.readme, cells: [{ row: 6, col: 2, value: 3 }] }]);
    expect(fake.cell(SHEET.readme, 'B6')).toEqual({ value: 3 });
  });

  test('null clears a cell; text patches that look like formulas stay text', async () => {
    const fake = new FakeExcel({ sheets: [SHEET.log] });
    fake.setCell(SHEET.log, 'B4', { value: 'old' });
    const office = new OfficeJsWorkbook(fake.run);
    await office.applyPatches([
      {
        sheet: SHEET.log,
        cells: [
          { row: 4, col: 1, value: '=HYPERLINK("http://evil")' },
          { row: 4, col: 2, value: null },
          { row: 4, col: 3, value: 7 },
          { row: 5, col: 1, value: '-1' },
          { row: 5, col: 2, value: '' },
          { row: 5, col: 3, value: false },
        ],
      },
    ]);
    expect(fake.cell(SHEET.log, 'A4')).toEqual({ value: '=HYPERLINK("http://evil")', numberFormat: '@' });
    expect(fake.cell(SHEET.log, 'B4')).toEqual({});
    expect(fake.cell(SHEET.log, 'A5')).toEqual({ value: '-1', numberFormat: '@' });
    const grids = await office.readGrids([SHEET.log]);
    expect(grids.sheets.get(SHEET.log)!.slice(3)).toEqual([
      ['=HYPERLINK("http://evil")', null, 7],
      ['-1', null, false],
    ]);
    // One values write for the 2×3 block, one "@" write for the A4:A5 text cells.
    expect(fake.syncs.at(-2)!.commands).toBeLessThan(10);
  });
});

// Types: Excel.run itself fits the adapter's constructor (checked by tsc, never called here).
export function constructInExcel(): OfficeJsWorkbook {
  return new OfficeJsWorkbook(Excel.run);
}
