import * as XLSX from 'xlsx';

import type { MasterWorkbook } from '../../src/workbook/adapter';
import { readWorkbook } from '../../src/workbook/adapters/xlsxRead';
import { renderWorkbook } from '../../src/workbook/adapters/xlsxRender';
import { patchWorkbook } from '../../src/workbook/adapters/xlsxPatch';
import type { WorkbookGrids } from '../../src/workbook/grids';
import type { SheetPatch } from '../../src/workbook/patches';
import type { WorkbookSpec } from '../../src/workbook/spec';

/** The file adapter as a MasterWorkbook over .xlsx bytes held in memory (what the CLI does with a file). */
export class FileWorkbook implements MasterWorkbook {
  bytes: Uint8Array = new Uint8Array();

  async render(spec: WorkbookSpec): Promise<void> {
    const b = await renderWorkbook(spec);
    this.bytes = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  }

  async readGrids(sheets?: readonly string[]): Promise<WorkbookGrids> {
    const grids = readWorkbook(this.bytes);
    if (!sheets) return grids;
    const names = grids.sheetNames.filter((n) => sheets.includes(n));
    return { sheetNames: names, sheets: new Map(names.map((n) => [n, grids.sheets.get(n)!])) };
  }

  async applyPatches(patches: readonly SheetPatch[]): Promise<void> {
    this.bytes = patchWorkbook(this.bytes, [...patches]);
  }

  async readForeignSheets(ownSheets: readonly string[]): Promise<Array<{ name: string; sheet: XLSX.WorkSheet }>> {
    const wb = XLSX.read(this.bytes, { type: 'array', dense: true, cellFormula: true, cellNF: true, cellDates: false, cellHTML: false });
    return wb.SheetNames.filter((n) => !ownSheets.includes(n)).map((name) => ({ name, sheet: wb.Sheets[name] }));
  }

  /** Test setup: a sheet pasted into the workbook (as a person would), written with SheetJS. */
  addSheet(name: string, ws: XLSX.WorkSheet): void {
    const wb = XLSX.read(this.bytes, { type: 'array', cellFormula: true, cellNF: true, cellStyles: true });
    XLSX.utils.book_append_sheet(wb, ws, name);
    this.bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
  }
}
