import * as XLSX from 'xlsx';
import { WorkbookGrids } from '../grids';
import { CellValue } from '../spec';

/** The file adapter's reader: .xlsx bytes back as grids of values with SheetJS (Node and browser). */

export class WorkbookReadError extends Error {}

function cellValue(cell: XLSX.CellObject | undefined): CellValue {
  if (!cell) return null;
  switch (cell.t) {
    case 'n':
    case 's':
    case 'b':
      return cell.v as CellValue;
    case 'e':
      return cell.w ?? '#ERROR'; // error results keep their text (#DIV/0!) so they are never read as numbers
    case 'd':
      return (cell.v as Date).toISOString();
    default:
      return null; // 'z': a formula with no cached result, or a styled empty cell
  }
}

/**
 * Read .xlsx bytes as grids of values (formula cells give their cached results). SheetJS reads what
 * Excel, WPS and LibreOffice write, including cached zeros that ExcelJS drops.
 */
export function readWorkbook(bytes: Uint8Array): WorkbookGrids {
  try {
    const wb = XLSX.read(bytes, { type: 'array', dense: true, cellFormula: false, cellHTML: false, cellStyles: false });
    const grids: WorkbookGrids = { sheetNames: [...wb.SheetNames], sheets: new Map() };
    for (const name of wb.SheetNames) {
      const rows = (wb.Sheets[name]?.['!data'] ?? []) as Array<Array<XLSX.CellObject | undefined> | undefined>;
      grids.sheets.set(
        name,
        Array.from(rows, (r) => Array.from(r ?? [], (c) => cellValue(c))),
      );
    }
    return grids;
  } catch (e) {
    // Whatever SheetJS trips over in a damaged file is one kind of failure to the caller.
    throw new WorkbookReadError((e as Error).message);
  }
}
