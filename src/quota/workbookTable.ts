import * as XLSX from 'xlsx';
import { Indicator } from '../core/indicators';
import { categoryMatcher } from '../reports/indicatorLabels';
import { sheetGrid } from './grid';
import { ReadTable, readTableGrid } from './readTable';

/**
 * A task table from a workbook (.xlsx, .xls, WPS .et, .ods) or CSV text: a sheet with 序号, the unit name,
 * optionally 类别, and the indicator columns its header defines (one or two header rows, merged cells, a group
 * heading over them); "—" or blank is no quota; section rows ("一、省辖市") give the category of the rows below;
 * a 合计 row is read wherever it is. Every row is read: a table too large is refused, never cut short.
 */

/** A category as people write it: one of the table's labels, or a short form of one (本科 for 本科高校). */
export function categoryOfText(text: string, categories: readonly string[]): string | null {
  return categoryMatcher(categories)(text);
}

/** Sheets in the order to look at them: one named like a task table first. */
function sheetOrder(names: readonly string[]): string[] {
  const score = (n: string) => (/任务分配|任务分解|任务表|附件\s*1/.test(n) ? 0 : 1);
  return [...names].sort((a, b) => score(a) - score(b));
}

/** The task table of a parsed workbook: the first sheet that has one. */
export function readQuotaSheets(wb: XLSX.WorkBook, known: readonly Indicator[] = []): { table: ReadTable | null; problems: string[] } {
  const notes: string[] = [];
  for (const sheet of sheetOrder(wb.SheetNames)) {
    const ws = wb.Sheets[sheet];
    if (!ws) continue;
    const found = readTableGrid(sheetGrid(ws, sheet), sheet, known);
    if ('notFound' in found) {
      notes.push(found.notFound);
      continue;
    }
    if (found.found.rows.length === 0 && found.found.problems.length === 0) {
      notes.push(`工作表“${sheet}”的表头下没有任务行（序号为 1、2、3…的行）。`);
      continue;
    }
    return { table: found.found, problems: [] };
  }
  return {
    table: null,
    problems: ['没有找到任务分配表：需要一个工作表，表头有“序号”、单位名称和各项指标（如“培训任务（人次）”），其下每个单位一行（可另有“类别”列）。', ...notes],
  };
}

/** Workbook bytes (.xlsx/.xlsm/.xls/.et/.ods) or CSV text, read with SheetJS; never throws. */
export function readQuotaWorkbook(input: Uint8Array | string, known: readonly Indicator[] = []): { table: ReadTable | null; problems: string[] } {
  let wb: XLSX.WorkBook;
  try {
    const options: XLSX.ParsingOptions = { dense: true, cellFormula: true, cellNF: false, cellDates: false, sheetStubs: true };
    wb = typeof input === 'string' ? XLSX.read(input, { ...options, type: 'string', raw: true }) : XLSX.read(input, { ...options, type: 'array' });
  } catch (e) {
    const msg = (e as Error).message ?? '';
    const why = /password|encrypt/i.test(msg)
      ? '文件设置了密码，请取消密码后再导入'
      : '文件已损坏或不是电子表格，请在 Excel/WPS 中打开确认后另存为 .xlsx 再导入';
    return { table: null, problems: [`任务表无法读取：${why}。`] };
  }
  return readQuotaSheets(wb, known);
}
