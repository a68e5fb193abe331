import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { cumulativeAsOf } from '../core/ledger';
import { encodeTemplateCode } from '../core/templateCode';
import { Unit } from '../core/units';
import { MasterModel } from '../workbook/model';
import { formNote } from '../quota/formNote';
import { GREY, NUM, RATE_FORMAT, YELLOW, drawForm, formWorkbook, rateFormula, rowOf, setBox, workbookBytes } from './formSheet';

export { templateCells } from './formSheet';

/**
 * Pre-filled 附件2 report templates, one per unit: the notice's standard layout (the one readForm.ts reads),
 * the unit's name and 年度任务 filled in and locked, last month's 累计已完成 beside them for reference,
 * the input cells unlocked with data validation, the sheet protected without a password, and the
 * template's code (CZJD-…) in a hidden cell so the reader knows the unit even if the typed name is off.
 */

/** Header of the reference column: no "累计", "当月完成" or "完成率" in it, so the reader never takes it for a form column. */
export const PREVIOUS_HEADER = '截至上月已完成（参考）';
/** Before the template code printed under the form. */
export const PRINTED_CODE_LABEL = '表格编码：';
/** Sheet name of every template. */
export const TEMPLATE_SHEET = '进度月报';

/** Characters Windows does not allow in file names. */
function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim();
}

/** `<序号>-<单位名称>-<年>年<月>月进度月报.xlsx`; 序号 zero-padded to `width` digits so the files sort in order. */
export function templateFileName(unit: Pick<Unit, 'id' | 'name'>, year: number, month: number, width = 3): string {
  return safeFileName(`${String(unit.id).padStart(width, '0')}-${unit.name}-${year}年${month}月进度月报.xlsx`);
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

/** Larger than any count a unit reports: the bound of the 当月完成 validation, which allows corrections below 0. */
const COUNT_LIMIT = 999_999_999;

/**
 * A cell the unit types in: yellow, unlocked, whole numbers. 当月完成 may be negative (a correction of a figure
 * reported too high before), as the merge accepts when 累计已完成 agrees; 累计已完成 may not.
 */
function inputCell(cell: ExcelJS.Cell, field: 'monthly' | 'cumulative', title: string, prompt: string): void {
  setBox(cell, YELLOW, true);
  cell.numFmt = NUM;
  cell.protection = { locked: false };
  const monthly = field === 'monthly';
  cell.dataValidation = {
    type: 'whole',
    operator: monthly ? 'between' : 'greaterThanOrEqual',
    allowBlank: true,
    formulae: monthly ? [-COUNT_LIMIT, COUNT_LIMIT] : [0],
    showInputMessage: true,
    promptTitle: title.slice(0, 32),
    prompt: prompt.slice(0, 250),
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '请填写整数',
    error: monthly
      ? '此处只能填写整数（人数或人次），不要填写文字或小数；更正以前月份多报的数可填负数。'
      : '此处只能填写不小于 0 的整数（人数或人次），不要填写文字、小数或负数。',
  };
}

/** The 当月 and 累计 cells of an indicator the unit has no quota for ("—"): grey and locked, nothing to type. */
function noQuotaCell(cell: ExcelJS.Cell): void {
  setBox(cell, GREY);
  cell.numFmt = NUM;
}

/** One unit's template for month M of the master's year, as .xlsx bytes. */
export async function reportTemplate(model: MasterModel, unit: Unit, month: number): Promise<Uint8Array> {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`month ${month} is not 1–12`);
  const year = model.table.year;
  const { wb, ws } = formWorkbook(TEMPLATE_SHEET, `${unit.name} ${year}年${month}月进度月报`, new Date(Date.UTC(year, month - 1, 1)));
  const { indicators } = model.table;
  const TEMPLATE_CELLS = drawForm(ws, { unitName: unit.name, year, month, indicators, note: formNote(model.table), extraColumn: PREVIOUS_HEADER });

  for (const ind of indicators) {
    const t = TEMPLATE_CELLS.indicators[ind.key];
    const quota = unit.quota[ind.key] ?? null;
    const annual = ws.getCell(t.annual);
    annual.value = quota ?? '—';
    annual.numFmt = NUM;
    setBox(annual, GREY);

    const previous = cumulativeAsOf(model.ledger, unit.id, ind.key, month - 1);
    const prev = ws.getCell(t.previous);
    prev.value = previous ?? '—';
    prev.numFmt = NUM;
    setBox(prev, GREY);

    const prevText = previous === null ? '台账中尚无以前月份的累计数。' : `上月累计为 ${fmt(previous)}。`;
    if (quota === null) {
      noQuotaCell(ws.getCell(t.monthly));
      noQuotaCell(ws.getCell(t.cumulative));
    } else {
      inputCell(
        ws.getCell(t.monthly),
        'monthly',
        `${ind.label}：当月完成`,
        `填写 ${month} 月当月新增完成数（${ind.unit}，整数），本月没有填 0；更正以前月份多报的数可填负数。`,
      );
      inputCell(ws.getCell(t.cumulative), 'cumulative', `${ind.label}：累计已完成`, `填写截至 ${month} 月底的累计已完成数（含以前各月，整数）。${prevText}`);
    }

    const rate = ws.getCell(t.rate);
    rate.value = { formula: rateFormula(TEMPLATE_CELLS, ind.key), date1904: false };
    rate.numFmt = RATE_FORMAT;
    setBox(rate, GREY);
  }
  for (const a of [TEMPLATE_CELLS.filler, TEMPLATE_CELLS.phone, TEMPLATE_CELLS.date]) {
    const cell = ws.getCell(a);
    cell.protection = { locked: false };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: YELLOW } };
  }

  const hint = ws.getCell(TEMPLATE_CELLS.hint);
  hint.value = `填写提示：只需填写黄色单元格（当月完成、累计已完成、填报人、电话、日期），累计完成率自动计算。年度任务为“—”的指标无须填写（灰色，已锁定）。单位名称和年度任务已预填并锁定；如有误请与${model.table.keeper || '主表保管单位'}联系，请勿改用其他单位的表格。本表已保护（无密码）。`;
  hint.font = { size: 9, color: { argb: 'FF595959' } };
  hint.alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(rowOf(TEMPLATE_CELLS.hint)).height = 48;
  ws.mergeCells(`A${rowOf(TEMPLATE_CELLS.hint)}:F${rowOf(TEMPLATE_CELLS.hint)}`);

  const code = encodeTemplateCode({ year, month, unitId: unit.id });
  // Printed on the page: a scan or photo of the stamped form names its unit and month exactly (OCR reads it).
  const printed = ws.getCell(TEMPLATE_CELLS.printedCode);
  printed.value = `${PRINTED_CODE_LABEL}${code}　（扫描件和照片据此识别单位和月份，盖章时请勿遮挡）`;
  printed.font = { size: 10, color: { argb: 'FF404040' } };
  ws.mergeCells(`A${rowOf(TEMPLATE_CELLS.printedCode)}:F${rowOf(TEMPLATE_CELLS.printedCode)}`);
  ws.pageSetup.printArea = `A1:F${rowOf(TEMPLATE_CELLS.printedCode)}`;

  // The same code in a hidden column of the form's rows, where the spreadsheet reader looks for it.
  ws.getCell(TEMPLATE_CELLS.code).value = code;
  ws.getColumn(7).hidden = true;

  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  return workbookBytes(wb);
}

export interface TemplateFile {
  unitId: number;
  /** `<序号>-<单位名称>-<年>年<月>月进度月报.xlsx` */
  name: string;
  bytes: Uint8Array;
}

/** Every unit's template for month M (or only the given units), in the order of the task table. */
export async function buildTemplates(model: MasterModel, month: number, unitIds?: readonly number[]): Promise<TemplateFile[]> {
  const width = Math.max(3, String(Math.max(...model.table.units.map((u) => u.id))).length);
  const wanted = unitIds ? new Set(unitIds) : null;
  const files: TemplateFile[] = [];
  for (const unit of model.table.units) {
    if (wanted && !wanted.has(unit.id)) continue;
    files.push({ unitId: unit.id, name: templateFileName(unit, model.table.year, month, width), bytes: await reportTemplate(model, unit, month) });
  }
  return files;
}

/**
 * All templates of month M as one .zip in memory, for a download button. File names are stored in UTF-8
 * with the language-encoding flag (general purpose bit 11) set — fflate sets it for every name that is
 * not plain ASCII — so Chinese names come out right in Windows Explorer (zh-CN), 7-Zip, macOS and Linux.
 * The entries say they were made on Unix: Info-ZIP's unzip (Linux) reads names of MS-DOS-made entries as
 * code page 437 whatever the flag says, and garbles them. The .xlsx files are already compressed: they are
 * stored, not deflated again.
 */
export async function templatesZip(model: MasterModel, month: number): Promise<Uint8Array> {
  const files = await buildTemplates(model, month);
  const now = new Date();
  const entries: Record<string, [Uint8Array, { level: 0; mtime: Date; os: number; attrs: number }]> = {};
  // os 3 = Unix; attrs: a regular file, rw-r--r--, in the high 16 bits as Unix zips carry it
  for (const f of files) entries[f.name] = [f.bytes, { level: 0, mtime: now, os: 3, attrs: 0o100644 << 16 }];
  return zipSync(entries);
}

/** A name for the download: 2023年3月进度月报模板（179个单位）.zip */
export function templatesZipName(model: MasterModel, month: number): string {
  return `${model.table.year}年${month}月进度月报模板（${model.table.units.length}个单位）.zip`;
}
