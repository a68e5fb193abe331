import ExcelJS from 'exceljs';
import { Indicator, IndicatorKey, PerIndicator } from '../core/indicators';
import {
  FORM_DATE_LABEL,
  FORM_FILLER_LABEL,
  FORM_LEADER_LABEL,
  FORM_PHONE_LABEL,
  FORM_TITLE,
  FORM_UNIT_LABEL,
  columnLabels,
  reportFormCells,
} from '../samples/reportForm';

/**
 * The notice's 附件2 form drawn with ExcelJS in the standard layout that readForm.ts reads (with the period
 * line and the date in its own cell): shared by the units' templates and the province's own report.
 */

/** The 1-based row of an A1 address. */
export const rowOf = (a1: string) => Number(/\d+$/.exec(a1)![0]);

export interface TemplateCells {
  title: string;
  period: string;
  unitName: string;
  indicators: PerIndicator<{ header: string; annual: string; monthly: string; cumulative: string; rate: string; previous: string }>;
  note: string;
  leader: string;
  filler: string;
  phone: string;
  date: string;
  hint: string;
  /** The template code for the spreadsheet reader: in column G, which is hidden. */
  code: string;
  /** The same code printed under the form, so a scan or photo of the page names its unit and month exactly. */
  printedCode: string;
}

/** Where things are on the form of a table's indicators (A1 addresses): for filling one in, in a test or by a script. */
export function templateCells(indicators: readonly Indicator[]): TemplateCells {
  const form = reportFormCells({ kind: 'standard', periodLine: true, dateInNextCell: true, indicators });
  const cells: TemplateCells['indicators'] = {};
  for (const i of indicators) {
    const at = form.indicators[i.key];
    cells[i.key] = {
      header: at.headers.annual,
      annual: at.annual,
      monthly: at.monthly,
      cumulative: at.cumulative,
      rate: at.rate,
      previous: `F${rowOf(at.annual)}`,
    };
  }
  return {
    title: form.title,
    period: 'A2',
    unitName: form.unitName,
    indicators: cells,
    note: form.note,
    leader: form.leader,
    filler: `B${rowOf(form.filler)}`,
    phone: `E${rowOf(form.filler)}`,
    date: form.date,
    hint: `A${rowOf(form.date) + 1}`,
    code: 'G1',
    printedCode: `A${rowOf(form.date) + 2}`,
  };
}

export const YELLOW = 'FFFFF2CC';
export const GREY = 'FFF2F2F2';
const HEADER_FILL = 'FFDDEBF7';
const thin = { style: 'thin' as const, color: { argb: 'FF808080' } };
export const NUM = '#,##0';
export const RATE_FORMAT = '0.00%';

/** A bordered, centred cell; `fill` an ARGB colour. */
export function setBox(cell: ExcelJS.Cell, fill: string | null, bold = false): void {
  cell.border = { top: thin, left: thin, bottom: thin, right: thin };
  if (fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  if (bold) cell.font = { bold: true };
}

/** 累计完成率 as a formula on the row's 年度任务 and 累计已完成 (blank without a quota or a figure). */
export function rateFormula(cells: TemplateCells, key: IndicatorKey): string {
  const { annual: a, cumulative: c } = cells.indicators[key];
  return `IF(AND(ISNUMBER(${a}),ISNUMBER(${c})),IF(${a}>0,${c}/${a},""),"")`;
}

export interface FormFrame {
  unitName: string;
  year: number;
  month: number;
  indicators: readonly Indicator[];
  /** The 说明 under the form (the notice's, or what the table's "其中" indicators need). */
  note: string;
  /** Header of an extra column F beside the form (never with 累计, 当月完成 or 完成率 in it); none when null. */
  extraColumn: string | null;
}

/** A workbook with one A4 portrait sheet for a form. */
export function formWorkbook(sheet: string, title: string, created: Date): { wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet } {
  const wb = new ExcelJS.Workbook();
  wb.creator = '持证进度助手';
  wb.created = created;
  wb.modified = created;
  wb.title = title;
  wb.calcProperties.fullCalcOnLoad = true;
  const ws = wb.addWorksheet(sheet, {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'normal', showGridLines: false }],
  });
  return { wb, ws };
}

/** Title, period, 填报单位, one block per indicator (labels and column headers), note, signatures, date. */
export function drawForm(ws: ExcelJS.Worksheet, frame: FormFrame): TemplateCells {
  const TEMPLATE_CELLS = templateCells(frame.indicators);
  const last = frame.extraColumn ? 'F' : 'E';
  [18, 15, 15, 15, 14, 16, 30].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const mergeRow = (a1: string, from = 'A', to = last) => ws.mergeCells(`${from}${rowOf(a1)}:${to}${rowOf(a1)}`);

  const title = ws.getCell(TEMPLATE_CELLS.title);
  title.value = FORM_TITLE;
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.getRow(rowOf(TEMPLATE_CELLS.title)).height = 40;
  mergeRow(TEMPLATE_CELLS.title);
  const period = ws.getCell(TEMPLATE_CELLS.period);
  period.value = `（${frame.year}年${frame.month}月）`;
  period.alignment = { horizontal: 'center' };
  mergeRow(TEMPLATE_CELLS.period);
  const name = ws.getCell(TEMPLATE_CELLS.unitName);
  name.value = `${FORM_UNIT_LABEL}${frame.unitName}`;
  name.font = { bold: true };
  mergeRow(TEMPLATE_CELLS.unitName);

  for (const ind of frame.indicators) {
    const at = TEMPLATE_CELLS.indicators[ind.key];
    const labelCell = `A${rowOf(at.header)}`;
    const label = ws.getCell(labelCell);
    label.value = ind.label;
    setBox(label, null, true);
    ws.mergeCells(`${labelCell}:A${rowOf(at.annual)}`);
    const labels = columnLabels(ind);
    const headerRow = rowOf(at.header);
    const headers: Array<[string, string]> = [
      [`B${headerRow}`, labels.annual],
      [`C${headerRow}`, labels.monthly],
      [`D${headerRow}`, labels.cumulative],
      [`E${headerRow}`, labels.rate],
    ];
    if (frame.extraColumn) headers.push([`F${headerRow}`, frame.extraColumn]);
    for (const [cell, text] of headers) {
      const c = ws.getCell(cell);
      c.value = text;
      setBox(c, HEADER_FILL, true);
    }
    ws.getRow(headerRow).height = 30;
    ws.getRow(rowOf(at.annual)).height = 22;
  }

  const note = ws.getCell(TEMPLATE_CELLS.note);
  note.value = frame.note;
  note.alignment = { wrapText: true, vertical: 'top' };
  note.font = { size: 9 };
  ws.getRow(rowOf(TEMPLATE_CELLS.note)).height = 42;
  mergeRow(TEMPLATE_CELLS.note);
  ws.getCell(TEMPLATE_CELLS.leader).value = FORM_LEADER_LABEL;
  mergeRow(TEMPLATE_CELLS.leader);

  const fillerRow = rowOf(TEMPLATE_CELLS.filler);
  ws.getCell(`A${fillerRow}`).value = FORM_FILLER_LABEL;
  ws.getCell(`D${fillerRow}`).value = FORM_PHONE_LABEL;
  ws.getCell(`D${fillerRow}`).alignment = { horizontal: 'right' };
  ws.mergeCells(`B${fillerRow}:C${fillerRow}`);
  ws.mergeCells(`E${fillerRow}:${last}${fillerRow}`);
  const dateRow = rowOf(TEMPLATE_CELLS.date);
  ws.getCell(`A${dateRow}`).value = FORM_DATE_LABEL;
  ws.mergeCells(`B${dateRow}:C${dateRow}`);
  for (const a of [TEMPLATE_CELLS.filler, TEMPLATE_CELLS.phone, TEMPLATE_CELLS.date]) ws.getCell(a).border = { bottom: thin };
  ws.getCell(TEMPLATE_CELLS.phone).numFmt = '@';
  ws.getCell(TEMPLATE_CELLS.date).numFmt = 'yyyy"年"m"月"d"日"';
  ws.getCell(TEMPLATE_CELLS.date).alignment = { horizontal: 'left' };
  ws.pageSetup.printArea = `A1:${last}${dateRow}`;
  return TEMPLATE_CELLS;
}

export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const out = (await wb.xlsx.writeBuffer()) as ArrayBuffer | Uint8Array;
  return out instanceof Uint8Array ? out : new Uint8Array(out);
}
