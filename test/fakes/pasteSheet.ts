import * as XLSX from 'xlsx';
import { FileWorkbook } from '../../src/workbook/adapters/memoryFile';

/** Test setup: a sheet pasted into a file master (as a person would), written with SheetJS. */
export function pasteSheet(wb: FileWorkbook, name: string, ws: XLSX.WorkSheet): void {
  const book = XLSX.read(wb.bytes, { type: 'array', cellFormula: true, cellNF: true, cellStyles: true });
  XLSX.utils.book_append_sheet(book, ws, name);
  wb.bytes = new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}
