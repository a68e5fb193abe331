import * as XLSX from 'xlsx';
import { ZipPackage } from '../../platform/zip';
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
 * What SheetJS is given: the zip's parts inflated by the platform (once; a package keeps them for the patcher)
 * and stored uncompressed, so SheetJS's slower inflater never runs. A file this zip reader refuses goes to
 * SheetJS as it is, which reads (or rejects) it as it always did.
 */
function sheetJsInput(source: Uint8Array | ZipPackage): Uint8Array {
  try {
    if (source instanceof ZipPackage) return source.stored();
    return source[0] === 0x50 && source[1] === 0x4b ? ZipPackage.read(source).stored() : source;
  } catch {
    return source instanceof ZipPackage ? source.bytes : source;
  }
}

/**
 * Read .xlsx bytes (or a package opened with openPackage) as grids of values (formula cells give their cached
 * results). SheetJS reads what Excel, WPS and LibreOffice write, including cached zeros that ExcelJS drops.
 * With `wanted`, only the sheets it accepts are parsed and returned (a master's largest sheets are formulas
 * nobody reads back).
 */
export function readWorkbook(source: Uint8Array | ZipPackage, wanted?: (sheet: string) => boolean): WorkbookGrids {
  try {
    const input = sheetJsInput(source);
    const options: XLSX.ParsingOptions = { type: 'array', dense: true, cellFormula: false, cellHTML: false, cellStyles: false };
    // SheetJS matches `sheets` without regard to case: the exact names are kept by the filter below.
    if (wanted) options.sheets = XLSX.read(input, { type: 'array', bookSheets: true }).SheetNames.filter(wanted);
    const wb = XLSX.read(input, options);
    const names = wanted ? wb.SheetNames.filter(wanted) : wb.SheetNames;
    const grids: WorkbookGrids = { sheetNames: [...names], sheets: new Map() };
    for (const name of names) {
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
