import type { WorkSheet } from 'xlsx';

import type { MasterWorkbook } from '../adapter';
import { patchWorkbook } from './xlsxPatch';
import type { WorkbookGrids } from '../grids';
import type { SheetPatch } from '../patches';
import type { WorkbookSpec } from '../spec';

/**
 * The file adapter as a MasterWorkbook over .xlsx bytes held in memory: the standalone page's master,
 * and the same steps the CLI takes with a file on disk.
 */
export class FileWorkbook implements MasterWorkbook {
  constructor(public bytes: Uint8Array = new Uint8Array()) {}

  async render(spec: WorkbookSpec): Promise<void> {
    // ExcelJS is only needed to create a master: loaded on first use (a separate chunk in the browser).
    const { renderWorkbook } = await import('./xlsxRender');
    this.bytes = await renderWorkbook(spec);
  }

  async readGrids(sheets?: readonly string[]): Promise<WorkbookGrids> {
    // No bytes (the page before 新建主表 or 打开主表): no sheets, so the first screen comes up without SheetJS.
    if (this.bytes.length === 0) return { sheetNames: [], sheets: new Map() };
    // SheetJS (~350 KB) is loaded when a master is first read, not with the standalone page (its own chunk).
    const { readWorkbook } = await import(/* webpackChunkName: "workbook-read" */ './xlsxRead');
    const grids = readWorkbook(this.bytes);
    if (!sheets) return grids;
    const names = grids.sheetNames.filter((n) => sheets.includes(n));
    return { sheetNames: names, sheets: new Map(names.map((n) => [n, grids.sheets.get(n)!])) };
  }

  async applyPatches(patches: readonly SheetPatch[]): Promise<void> {
    // Formula cells get the results the patches carry (previews and Protected View show them); any other formula
    // (the coordinator's own) loses its cached result so that LibreOffice, which ignores fullCalcOnLoad in files
    // it saved itself, computes it from the new figures.
    this.bytes = patchWorkbook(this.bytes, [...patches], { clearCachedResults: true });
  }

  async readForeignSheets(ownSheets: readonly string[]): Promise<Array<{ name: string; sheet: WorkSheet }>> {
    const XLSX = await import(/* webpackChunkName: "workbook-read" */ 'xlsx');
    const wb = XLSX.read(this.bytes, { type: 'array', dense: true, cellFormula: true, cellNF: true, cellDates: false, cellHTML: false });
    return wb.SheetNames.filter((n) => !ownSheets.includes(n)).map((name) => ({ name, sheet: wb.Sheets[name] }));
  }
}
