import { unzipSync } from 'fflate';

import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { OfficeJsWorkbook } from '../../src/workbook/adapters/officeJs';
import { readWorkbook } from '../../src/workbook/adapters/xlsxRead';
import { renderWorkbook } from '../../src/workbook/adapters/xlsxRender';
import { cellAddress, rangeAddress } from '../../src/workbook/address';
import { nonPortableFunctions } from '../../src/workbook/formulas';
import { cellAt } from '../../src/workbook/grids';
import { provinceBlockRow, provinceChartColumn, provinceChartRows, provinceColumn } from '../../src/workbook/layout';
import { masterSpec } from '../../src/workbook/masterSpec';
import { newMasterModel } from '../../src/workbook/model';
import { ChartSpec, SheetSpec, WorkbookSpec, sheetRows, specCell } from '../../src/workbook/spec';
import { FakeExcel, FakeExcelError } from '../fakes/excelFake';
import { CATEGORIES, INDICATORS, MASTER_SHEETS, PROVINCE_ROWS, PROVINCE_SHEET, SHAPE_2023 } from '../helpers/table2023';

/**
 * 全省汇总 四、the chart of completion by category: its data block (formulas over 三), the ChartSpec, the chart the
 * Office.js adapter draws on the strict Excel fake, and what the file adapter does instead. The block's figures
 * are checked against the core after LibreOffice recalculation in test/summary/provinceSheet.test.ts.
 */
const table = embeddedQuota2023();
const spec = masterSpec(newMasterModel(table));
const province = spec.sheets.find((s) => s.name === PROVINCE_SHEET)!;
const rows = provinceChartRows(SHAPE_2023);
const groups = [...CATEGORIES, '全省'];
const at = (sheet: SheetSpec, row: number, col: number) => specCell(sheet, row, col);
const provinceRows = sheetRows(province);
const lastColumn = provinceChartColumn(SHAPE_2023, 'expected');

function withoutCharts(s: WorkbookSpec): WorkbookSpec {
  return { sheets: s.sheets.map((sheet) => ({ ...sheet, charts: [] })) };
}

async function renderOnFake(s: WorkbookSpec): Promise<FakeExcel> {
  const fake = new FakeExcel();
  await new OfficeJsWorkbook(fake.run).render(s);
  return fake;
}

describe('the spec: a chart data block below 三 and one ChartSpec on 全省汇总', () => {
  test('only 全省汇总 has a chart: clustered bars titled 各类别累计完成率与应达进度 over the block, series by columns', () => {
    for (const sheet of spec.sheets) if (sheet !== province) expect({ sheet: sheet.name, charts: sheet.charts }).toEqual({ sheet: sheet.name, charts: [] });
    expect(province.charts).toEqual<ChartSpec[]>([
      {
        name: '各类别累计完成率',
        type: 'barClustered',
        title: '各类别累计完成率与应达进度',
        source: rangeAddress(rows.header, 1, rows.last, lastColumn),
        seriesBy: 'columns',
        position: { from: cellAddress(rows.chartTop, 1), to: cellAddress(rows.chartBottom, provinceColumn('status')) },
      },
    ]);
    // With the 2023 categories: data A63:F70 below the last block (its 全省 row is 60), the chart over A72:H91.
    expect(province.charts[0].source).toBe('A63:F70');
    expect(province.charts[0].position).toEqual({ from: 'A72', to: 'H91' });
  });

  test('the block sits below everything that was there: 三 and the earlier sections keep their rows', () => {
    const lastBlockRow = provinceBlockRow(SHAPE_2023, INDICATORS[INDICATORS.length - 1].key, CATEGORIES.length);
    expect(lastBlockRow).toBe(60);
    expect(PROVINCE_ROWS.blocksFirst).toBe(22);
    expect(rows.label).toBeGreaterThan(lastBlockRow + 1);
    // Nothing of the sheet is written between the last block and the chart's label, nor right of column H.
    for (let r = lastBlockRow + 1; r < rows.label; r++) expect(provinceRows[r - 1]?.some((c) => c !== null) ?? false).toBe(false);
    for (const row of provinceRows) expect(row.length).toBeLessThanOrEqual(provinceColumn('status'));
    // The chart covers no cell of the block, and only a note lies under it.
    const covered = provinceRows.slice(rows.chartTop - 1, rows.chartBottom).flatMap((row) => row.filter((c) => c !== null));
    expect(covered.map((c) => c!.style)).toEqual(['note']);
    expect(String(covered[0]!.value)).toContain('A63:F70');
    expect(provinceRows.length).toBeLessThanOrEqual(rows.chartBottom);
  });

  test('header: empty top-left, the four indicators then 应达进度; one row per category, then 全省', () => {
    expect(at(province, rows.header, 1)).toEqual({ style: 'header' });
    expect(INDICATORS.map((i) => at(province, rows.header, provinceChartColumn(SHAPE_2023, i.key))!.value)).toEqual([
      '培训任务',
      '取证人数',
      '高级工及以上',
      '1+X证书',
    ]);
    expect(at(province, rows.header, lastColumn)!.value).toBe('应达进度');
    expect(groups.map((_, i) => at(province, rows.first + i, 1)!.value)).toEqual(groups);
    expect(rows.last).toBe(rows.first + CATEGORIES.length);
  });

  test('every cell of the block references 三 (the same category, blank instead of an error), in percent, portable', () => {
    groups.forEach((label, i) => {
      const row = rows.first + i;
      // The block row of 三 that the formulas read has the same category label.
      expect(at(province, provinceBlockRow(SHAPE_2023, INDICATORS[0].key, i), 1)!.value).toBe(label);
      for (const ind of INDICATORS) {
        const rate = cellAddress(provinceBlockRow(SHAPE_2023, ind.key, i), provinceColumn('rate'));
        expect(at(province, provinceBlockRow(SHAPE_2023, ind.key, i), 1)!.value).toBe(label);
        const cell = at(province, row, provinceChartColumn(SHAPE_2023, ind.key))!;
        expect(cell.formula).toBe(`IF(ISNUMBER(${rate}),${rate},"")`);
        expect(cell.numFmt).toBe('0.0%');
      }
      const expected = cellAddress(provinceBlockRow(SHAPE_2023, INDICATORS[0].key, i), provinceColumn('expected'));
      expect(at(province, row, lastColumn)).toMatchObject({ formula: `IF(ISNUMBER(${expected}),${expected},"")`, numFmt: '0.0%' });
    });
    const block = provinceRows.slice(rows.first - 1, rows.last).flatMap((row) => row.filter((c) => c?.formula).map((c) => c!.formula!));
    expect(block).toHaveLength(groups.length * (INDICATORS.length + 1));
    expect(block.filter((f) => nonPortableFunctions(f).length > 0)).toEqual([]);
  });
});

describe('Office.js render: the native chart on the strict fake', () => {
  let fake: FakeExcel;
  beforeAll(async () => {
    fake = await renderOnFake(spec);
  });

  test('全省汇总 has exactly one chart, of the spec type, title, name, source, series and position', () => {
    const chart = province.charts[0];
    expect(fake.sheet(PROVINCE_SHEET).charts).toEqual([
      expect.objectContaining({
        name: chart.name,
        type: 'BarClustered',
        title: chart.title,
        titleVisible: true,
        sourceSheet: PROVINCE_SHEET,
        source: chart.source,
        seriesBy: 'Columns',
        position: { start: chart.position.from, end: chart.position.to },
      }),
    ]);
    for (const name of MASTER_SHEETS) if (name !== PROVINCE_SHEET) expect({ name, charts: fake.sheet(name).charts }).toEqual({ name, charts: [] });
  });

  test("the chart is added after the sheet's cells exist: its whole source except the empty top-left is filled", () => {
    const [chart] = fake.sheet(PROVINCE_SHEET).charts;
    const cells = (rows.last - rows.header + 1) * lastColumn;
    expect(chart.sourceFilledAtAdd).toBe(cells - 1);
    // And the cells are the block's formulas, written with "=".
    const rate = fake.cell(PROVINCE_SHEET, cellAddress(rows.first, provinceChartColumn(SHAPE_2023, 'training')))!;
    expect(rate.formula).toBe(`=${at(province, rows.first, provinceChartColumn(SHAPE_2023, 'training'))!.formula}`);
    expect(rate.numberFormat).toBe('0.0%');
  });

  test('the chart costs no sync: the same render syncs as without it, and many charts stay within the chunks', async () => {
    const plain = await renderOnFake(withoutCharts(spec));
    expect(fake.syncCount).toBe(plain.syncCount);
    expect(plain.sheet(PROVINCE_SHEET).charts).toEqual([]);
    // Twelve charts on one sheet: still not a sync each (at most one more chunk for their bytes).
    const many: WorkbookSpec = {
      sheets: spec.sheets.map((s) => (s === province ? { ...s, charts: Array.from({ length: 12 }, (_, i) => ({ ...s.charts[0], name: `图${i + 1}` })) } : s)),
    };
    const manyFake = await renderOnFake(many);
    expect(manyFake.sheet(PROVINCE_SHEET).charts.map((c) => c.name)).toEqual(Array.from({ length: 12 }, (_, i) => `图${i + 1}`));
    expect(manyFake.syncCount).toBeLessThanOrEqual(plain.syncCount + 1);
    // The chart commands travel in the requests (the fake measures them).
    const bytes = (f: FakeExcel) => f.syncs.reduce((n, s) => n + s.requestBytes, 0);
    expect(bytes(fake)).toBeGreaterThan(bytes(plain));
  });

  test('rendering again replaces the sheet and its chart: still exactly one', async () => {
    const again = new FakeExcel();
    const office = new OfficeJsWorkbook(again.run);
    await office.render(spec);
    await office.render(masterSpec({ ...newMasterModel(table), month: 3 }));
    expect(again.sheet(PROVINCE_SHEET).charts).toHaveLength(1);
  });
});

describe("the fake's charts are strict", () => {
  async function withChart(f: (ctx: Excel.RequestContext, ws: Excel.Worksheet) => Promise<void>, fake = new FakeExcel()): Promise<FakeExcel> {
    fake.setCell('Sheet1', 'B1', { value: '甲' });
    fake.setCell('Sheet1', 'A2', { value: '省辖市' });
    fake.setCell('Sheet1', 'B2', { value: 0.5 });
    await fake.run(async (ctx) => f(ctx, ctx.workbook.worksheets.getItem('Sheet1')));
    return fake;
  }

  test('name, title and the collection are readable only after load and sync; writes wait for the sync', async () => {
    const fake = new FakeExcel();
    await withChart(async (ctx, ws) => {
      const chart = ws.charts.add('ColumnClustered' as Excel.ChartType, ws.getRange('A1:B2'), 'Columns' as Excel.ChartSeriesBy);
      chart.title.text = '标题';
      expect(fake.sheet('Sheet1').charts).toEqual([]);
      expect(() => chart.name).toThrow(/PropertyNotLoaded/);
      expect(() => chart.title.text).toThrow(/PropertyNotLoaded/);
      chart.load('name,title/text');
      expect(() => chart.title.text).toThrow(/PropertyNotLoaded/);
      await ctx.sync();
      expect(chart.name).toBe('Chart 1');
      expect(chart.title.text).toBe('标题');
      expect(() => ws.charts.items).toThrow(/PropertyNotLoaded/);
      expect(() => ws.charts.count).toThrow(/PropertyNotLoaded/);
      ws.charts.load('count,items/name');
      await ctx.sync();
      expect(ws.charts.count).toBe(1);
      expect(ws.charts.items.map((c) => c.name)).toEqual(['Chart 1']);
      expect(() => ws.charts.items[0].title.text).toThrow(/PropertyNotLoaded/);
    }, fake);
    expect(fake.sheet('Sheet1').charts[0]).toMatchObject({ source: 'A1:B2', seriesBy: 'Columns', position: null, sourceFilledAtAdd: 3 });
  });

  test('a bad type, a position on another sheet or backwards, a missing chart reject the sync', async () => {
    const attempt = (f: (ws: Excel.Worksheet) => void) =>
      withChart(async (ctx, ws) => {
        f(ws);
        await ctx.sync();
      });
    await expect(attempt((ws) => ws.charts.add('Invalid' as Excel.ChartType, ws.getRange('A1:B2')))).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(
      attempt((ws) => ws.charts.add('BarClustered' as Excel.ChartType, ws.getRange('A1:B2'), 'Diagonal' as Excel.ChartSeriesBy)),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(attempt((ws) => ws.charts.add('BarClustered' as Excel.ChartType, ws.getRange('A1:B2')).setPosition('D10', 'C5'))).rejects.toMatchObject({
      code: 'InvalidArgument',
    });
    await expect(attempt((ws) => ws.charts.add('BarClustered' as Excel.ChartType, ws.getRange('A1:B2')).setPosition("'Other'!D10"))).rejects.toMatchObject({
      code: 'InvalidArgument',
    });
    await expect(attempt((ws) => ws.charts.getItem('无此图').load('name'))).rejects.toBeInstanceOf(FakeExcelError);
  });

  test('setPosition records start and end; getItem finds a chart by name; delete removes it', async () => {
    const fake = await withChart(async (ctx, ws) => {
      const chart = ws.charts.add('BarClustered' as Excel.ChartType, ws.getRange('A1:B2'));
      chart.name = '图';
      chart.setPosition('D3', ws.getRange('H20'));
      await ctx.sync();
    });
    expect(fake.sheet('Sheet1').charts[0]).toMatchObject({ name: '图', seriesBy: 'Auto', position: { start: 'D3', end: 'H20' } });
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').charts.getItem('图').delete();
      await ctx.sync();
    });
    expect(fake.sheet('Sheet1').charts).toEqual([]);
  });
});

describe('the file adapter (ExcelJS) writes the block but no chart', () => {
  test('the .xlsx has the data block and no chart part', async () => {
    const bytes = await renderWorkbook(spec);
    const parts = Object.keys(unzipSync(bytes));
    expect(parts.filter((p) => /chart|drawing/i.test(p))).toEqual([]);
    const grid = readWorkbook(bytes).sheets.get(PROVINCE_SHEET);
    expect(cellAt(grid, rows.header, provinceChartColumn(SHAPE_2023, 'training'))).toBe('培训任务');
    expect(cellAt(grid, rows.header, 1)).toBeNull();
    expect(cellAt(grid, rows.last, 1)).toBe('全省');
  });
});
