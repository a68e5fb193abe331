import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';

import { WorkbookGrids } from '../grids';
import { CellSpec, CellValue, STATUS_COLORS, STYLES, SheetSpec, StyleDef, WorkbookSpec } from '../spec';

/** The file adapter: renders a WorkbookSpec to .xlsx bytes (ExcelJS) and reads .xlsx bytes back as grids (SheetJS). */

const argb = (rgb: string) => ({ argb: `FF${rgb}` });

function applyStyle(cell: ExcelJS.Cell, def: StyleDef): void {
  if (def.bold || def.size || def.color) {
    cell.font = { bold: def.bold, size: def.size, color: def.color ? argb(def.color) : undefined };
  }
  if (def.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: argb(def.fill) };
  if (def.hAlign || def.wrap) cell.alignment = { horizontal: def.hAlign, vertical: 'middle', wrapText: def.wrap };
  if (def.border) {
    const thin = { style: 'thin' as const, color: argb('BFBFBF') };
    cell.border = { top: thin, left: thin, bottom: thin, right: thin };
  }
}

function writeCell(cell: ExcelJS.Cell, spec: CellSpec): void {
  if (spec.formula !== undefined) cell.value = { formula: spec.formula, date1904: false };
  else if (spec.value !== undefined && spec.value !== null) cell.value = spec.value; // strings stay strings in ExcelJS
  if (spec.numFmt) cell.numFmt = spec.numFmt;
  if (spec.style) applyStyle(cell, STYLES[spec.style]);
}

function renderSheet(wb: ExcelJS.Workbook, spec: SheetSpec): void {
  const ws = wb.addWorksheet(spec.name, {
    state: spec.visibility,
    properties: spec.tabColor ? { tabColor: argb(spec.tabColor) } : {},
    views: [{ state: 'frozen', xSplit: spec.freeze.columns, ySplit: spec.freeze.rows }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: spec.print.orientation,
      fitToPage: spec.print.fitToWidth,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: spec.print.titleRows,
    },
  });
  spec.columnWidths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const [row, height] of Object.entries(spec.rowHeights)) ws.getRow(Number(row)).height = height;
  spec.rows.forEach((cells, r) =>
    cells.forEach((c, k) => {
      if (c) writeCell(ws.getCell(r + 1, k + 1), c);
    }),
  );
  for (const m of spec.merges) ws.mergeCells(m);
  let priority = 1;
  for (const cf of spec.conditionalFormats) {
    const colors = STATUS_COLORS[cf.color];
    ws.addConditionalFormatting({
      ref: cf.range,
      rules: [
        {
          type: 'expression',
          priority: priority++,
          formulae: [cf.formula],
          style: {
            fill: { type: 'pattern', pattern: 'solid', bgColor: argb(colors.fill) },
            font: { color: argb(colors.font) },
          },
        },
      ],
    });
  }
  for (const v of spec.validations) {
    ws.getCell(v.range.split(':')[0]).dataValidation = {
      type: v.type,
      operator: 'between',
      allowBlank: true,
      formulae: [v.min, v.max],
      showInputMessage: true,
      prompt: v.prompt,
      showErrorMessage: true,
      errorStyle: 'stop',
      error: v.error,
    };
  }
}

export async function renderWorkbook(spec: WorkbookSpec): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '持证进度助手';
  wb.created = new Date(0);
  wb.modified = new Date(0);
  // Excel, WPS and LibreOffice recompute every formula when the file opens: we write no cached results.
  wb.calcProperties.fullCalcOnLoad = true;
  for (const sheet of spec.sheets) renderSheet(wb, sheet);
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

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
