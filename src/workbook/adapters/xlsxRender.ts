import ExcelJS from 'exceljs';
import { parseAddress } from '../address';

import { CellSpec, STATUS_COLORS, STYLES, SheetSpec, StyleDef, WorkbookSpec } from '../spec';

/** The file adapter's writer: renders a WorkbookSpec to .xlsx bytes with ExcelJS (loaded only where a master is created). */

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
  // spec.charts are not drawn: ExcelJS cannot write charts. Their source cells are in spec.rows, so a user can
  // insert the chart over them; the add-in (officeJs.ts) draws them, and xlsxPatch.ts keeps charts a user adds.
  for (const v of spec.validations) {
    const [from, to = from] = v.range.split(':').map(parseAddress);
    for (let r = from.row; r <= to.row; r++) for (let c = from.col; c <= to.col; c++) ws.getCell(r, c).dataValidation = {
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

export async function renderWorkbook(spec: WorkbookSpec): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '持证进度助手';
  wb.created = new Date(0);
  wb.modified = new Date(0);
  // Excel, WPS and LibreOffice recompute every formula when the file opens: we write no cached results.
  wb.calcProperties.fullCalcOnLoad = true;
  for (const sheet of spec.sheets) renderSheet(wb, sheet);
  const out = (await wb.xlsx.writeBuffer()) as ArrayBuffer | Uint8Array;
  return out instanceof Uint8Array ? out : new Uint8Array(out);
}

