import ExcelJS from 'exceljs';
import { parseAddress } from '../../src/workbook/address';
import { CellSpec, FONT, MARK_COLORS, STYLES, SheetSpec, StyleDef, WorkbookSpec } from '../../src/workbook/spec';

/**
 * The master's former file writer (ExcelJS, a cell object per cell and the whole XML in memory), kept as the
 * reference the streaming writer (src/workbook/adapters/xlsxRender.ts) is compared with: the same spec must give
 * the same content (cells, formulas, cached results, number formats, fonts, conditional formats, validations,
 * merges, print setup) read back by ExcelJS.
 */

const argb = (rgb: string) => ({ argb: `FF${rgb}` });

function applyStyle(cell: ExcelJS.Cell, def: StyleDef): void {
  cell.font = {
    name: FONT.name,
    family: FONT.family,
    charset: FONT.charset,
    bold: def.bold,
    size: def.size ?? FONT.size,
    color: def.color ? argb(def.color) : undefined,
  };
  if (def.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: argb(def.fill) };
  if (def.hAlign || def.wrap) cell.alignment = { horizontal: def.hAlign, vertical: 'middle', wrapText: def.wrap };
  if (def.border) {
    const thin = { style: 'thin' as const, color: argb('BFBFBF') };
    cell.border = { top: thin, left: thin, bottom: thin, right: thin };
  }
}

function writeCell(cell: ExcelJS.Cell, spec: CellSpec): void {
  if (spec.formula !== undefined) {
    cell.value =
      spec.result === undefined || spec.result === null
        ? { formula: spec.formula, date1904: false }
        : { formula: spec.formula, result: spec.result, date1904: false };
  } else if (spec.value !== undefined && spec.value !== null) cell.value = spec.value;
  if (spec.numFmt) cell.numFmt = spec.numFmt;
  if (spec.style) applyStyle(cell, STYLES[spec.style]);
}

function renderSheet(wb: ExcelJS.Workbook, spec: SheetSpec): void {
  const p = spec.print;
  const ws = wb.addWorksheet(spec.name, {
    state: spec.visibility,
    properties: spec.tabColor ? { tabColor: argb(spec.tabColor) } : {},
    views: [{ state: 'frozen', xSplit: spec.freeze.columns, ySplit: spec.freeze.rows }],
    pageSetup: {
      paperSize: 9,
      orientation: p.orientation,
      fitToPage: p.fitToWidth,
      ...(p.fitToWidth ? { fitToWidth: 1, fitToHeight: 0 } : { scale: p.scale ?? 100 }),
      printTitlesRow: p.titleRows,
      printTitlesColumn: p.titleColumns,
    },
  });
  spec.columnWidths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const [row, height] of Object.entries(spec.rowHeights)) ws.getRow(Number(row)).height = height;
  for (let r = 1; r <= spec.rowCount; r++) {
    spec.row(r).forEach((c, k) => {
      if (c) writeCell(ws.getCell(r, k + 1), c);
    });
  }
  for (const m of spec.merges) ws.mergeCells(m);
  let priority = 1;
  for (const cf of spec.conditionalFormats) {
    const colors = MARK_COLORS[cf.color];
    ws.addConditionalFormatting({
      ref: cf.range,
      rules: [
        {
          type: 'expression',
          priority: priority++,
          formulae: [cf.formula],
          style: { fill: { type: 'pattern', pattern: 'solid', bgColor: argb(colors.fill) }, font: { color: argb(colors.font) } },
        },
      ],
    });
  }
  for (const v of spec.validations) {
    for (const area of v.range.split(' ')) {
      const [from, to = from] = area.split(':').map(parseAddress);
      for (let r = from.row; r <= to.row; r++) {
        for (let c = from.col; c <= to.col; c++) {
          ws.getCell(r, c).dataValidation = {
            type: v.type,
            operator: 'between',
            allowBlank: true,
            formulae: [v.min, v.max],
            showInputMessage: v.prompt !== undefined,
            prompt: v.prompt,
            showErrorMessage: true,
            errorStyle: 'stop',
            error: v.error,
          };
        }
      }
    }
  }
  for (const r of p.rowBreaks ?? []) ws.getRow(r - 1).addPageBreak();
}

export async function renderWithExcelJs(spec: WorkbookSpec): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '持证进度助手';
  wb.created = new Date(0);
  wb.modified = new Date(0);
  wb.calcProperties.fullCalcOnLoad = true;
  for (const sheet of spec.sheets) renderSheet(wb, sheet);
  const out = (await wb.xlsx.writeBuffer()) as ArrayBuffer | Uint8Array;
  return out instanceof Uint8Array ? out : new Uint8Array(out);
}
