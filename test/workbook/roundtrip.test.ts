import ExcelJS from 'exceljs';
import { ledgersEqual, getEntry, withEntry } from '../../src/core/ledger';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { readWorkbook } from '../../src/workbook/adapters/xlsxRead';
import { renderWorkbook } from '../../src/workbook/adapters/xlsxRender';
import { SHEET, ledgerColumn, unitRow } from '../../src/workbook/layout';
import { masterSpec } from '../../src/workbook/masterSpec';
import { newMasterModel } from '../../src/workbook/model';
import { MasterFormatError, readMaster } from '../../src/workbook/readMaster';
import { sampleLedger } from '../helpers/sampleLedger';
import { INDICATOR_SHEET, MASTER_SHEETS } from '../helpers/table2023';

const table = embeddedQuota2023();

async function writeAndRead(model = newMasterModel(table)) {
  const bytes = await renderWorkbook(masterSpec(model));
  return { bytes, result: readMaster(readWorkbook(bytes)) };
}

describe('master workbook round trip (ExcelJS file adapter)', () => {
  test('a new master reads back as the embedded quota, month 0, default pace, empty ledger', async () => {
    const { result } = await writeAndRead();
    expect(result.problems).toEqual([]);
    expect(result.model.table).toEqual(table);
    expect(result.model.month).toBe(0);
    expect(result.model.pace.curve[2]).toBeCloseTo(0.25, 12);
    expect(result.model.pace.band).toBe(0.05);
    expect(result.model.ledger.size).toBe(0);
  });

  test('a ledger with data, month and aliases survives writing and reading', async () => {
    const model = {
      ...newMasterModel(table),
      ledger: sampleLedger(table.units, 4),
      month: 4,
      aliases: [{ alias: '郑州市教育局', unitId: 1, note: '测试' }],
    };
    const { result } = await writeAndRead(model);
    expect(ledgersEqual(result.model.ledger, model.ledger)).toBe(true);
    expect(result.model.month).toBe(4);
    expect(result.model.aliases).toEqual(model.aliases);
  });

  test('values a coordinator types by hand (numbers and numeric text) are read into the ledger', async () => {
    const { bytes } = await writeAndRead();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(INDICATOR_SHEET.certified)!;
    const zhengzhou = unitRow(0);
    ws.getCell(zhengzhou, ledgerColumn(2, 'monthly')).value = 1200;
    ws.getCell(zhengzhou, ledgerColumn(2, 'cumulative')).value = '3,400';
    ws.getCell(unitRow(178), ledgerColumn(5, 'cumulative')).value = '约100';
    const edited = Buffer.from(await wb.xlsx.writeBuffer());
    const { model, problems } = readMaster(readWorkbook(edited));
    expect(getEntry(model.ledger, 1, 'certified', 2)).toEqual({ monthly: 1200, cumulative: 3400 });
    expect(model.ledger).toEqual(withEntry(new Map(), 1, 'certified', 2, { monthly: 1200, cumulative: 3400 }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ sheet: '取证人数', cell: 'L182' });
    expect(problems[0].message).toContain('约100');
  });

  test('the workbook has the master sheets in order, 配置 hidden, frozen headers and A4 landscape', async () => {
    const { bytes } = await writeAndRead();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(MASTER_SHEETS);
    expect(wb.getWorksheet(SHEET.config)!.state).toBe('hidden');
    const overview = wb.getWorksheet(SHEET.overview)!;
    expect(overview.views[0]).toMatchObject({ state: 'frozen', ySplit: 3, xSplit: 2 });
    expect(overview.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, printTitlesRow: '1:3' });
    // The name column is capped so that the sheet prints one page wide; the longest names (28 characters) wrap.
    expect(overview.getColumn(2).width).toBe(28);
    const longest = table.units.reduce((a, u) => (u.name.length > a.name.length ? u : a));
    const cell = overview.getColumn(2).values.indexOf(longest.name);
    expect(overview.getCell(cell, 2).alignment).toMatchObject({ wrapText: true });
  });

  test('a workbook that is not a master is refused with a Chinese reason', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = 'hello';
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const grids = readWorkbook(bytes);
    expect(() => readMaster(grids)).toThrow(MasterFormatError);
    expect(() => readMaster(grids)).toThrow(/不是持证进度助手的主表/);
  });
});
