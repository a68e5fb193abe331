import * as XLSX from 'xlsx';
import { FileWorkbook } from '../../src/workbook/adapters/memoryFile';
import { FakeExcel } from './excelFake';

/** Test setup: a sheet pasted into a file master (as a person would), written with SheetJS. */
export function pasteSheet(wb: FileWorkbook, name: string, ws: XLSX.WorkSheet): void {
  const book = XLSX.read(wb.bytes, { type: 'array', cellFormula: true, cellNF: true, cellStyles: true });
  XLSX.utils.book_append_sheet(book, ws, name);
  wb.bytes = new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

/**
 * Test setup: a sheet pasted into the Excel fake (as a coordinator copies a unit's report into the master):
 * values, formulas with their cached values, number formats and error cells, as a saved workbook holds them.
 */
export function pasteIntoFake(fake: FakeExcel, name: string, ws: XLSX.WorkSheet): void {
  fake.addSheet(name);
  const cells: Array<[string, XLSX.CellObject]> = [];
  if (Array.isArray(ws['!data'])) {
    (ws['!data'] as XLSX.CellObject[][]).forEach((row, r) => row?.forEach((c, col) => c && cells.push([XLSX.utils.encode_cell({ r, c: col }), c])));
  } else {
    for (const [address, cell] of Object.entries(ws)) if (!address.startsWith('!')) cells.push([address, cell as XLSX.CellObject]);
  }
  for (const [address, c] of cells) {
    fake.setCell(name, address, {
      value: c.t === 'z' ? undefined : (c.v as string | number | boolean),
      formula: c.f,
      numberFormat: c.z === undefined ? undefined : String(c.z),
      error: c.t === 'e',
    });
  }
}
