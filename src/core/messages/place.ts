import { Locale } from './locale';

/** The master workbook itself as a report's source (sheets pasted into it); src/workflow/session.ts names it so. */
export const THIS_WORKBOOK = '本工作簿';

/** Where a finding points: file, sheet (ignored for a sheetless file such as a CSV) and cell. */
export interface Place {
  file: string;
  sheet: string | null;
  cell: string | null;
  sheetless?: boolean;
}

/** "C5" → row 5, column 3. */
export function rowColumn(cell: string): { row: number; column: number } | null {
  const m = /^([A-Z]{1,3})(\d+)$/.exec(cell);
  if (!m) return null;
  let column = 0;
  for (const ch of m[1]) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), column };
}

/**
 * The place in words, naming each thing once: “a.xlsx”工作表“Sheet1”C5 单元格; a CSV has no sheets, so
 * “a.csv”第 5 行第 3 列（C5）. `withCell` false names the file and sheet only.
 */
export function placeText(p: Place, locale: Locale, withCell = true): string {
  const cell = withCell ? p.cell : null;
  const rc = cell ? rowColumn(cell) : null;
  const pasted = p.file === THIS_WORKBOOK;
  const sheet = p.sheetless ? null : p.sheet;
  // a scan's "sheet" is its page (第2页): a PDF or an image has no 工作表
  const page = sheet && /\.(pdf|png|jpe?g)$/i.test(p.file) ? /^第(\d+)页$/.exec(sheet) : null;
  if (page) return locale === 'zh-CN' ? `“${p.file}”第 ${page[1]} 页` : `"${p.file}", page ${page[1]}`;
  if (locale === 'zh-CN') {
    const file = pasted ? '本工作簿' : `“${p.file}”`;
    if (sheet === null) {
      if (!cell) return file;
      return rc ? `${file}第 ${rc.row} 行第 ${rc.column} 列（${cell}）` : `${file} ${cell} `;
    }
    return `${file}${pasted ? '中的' : ''}工作表“${sheet}”${cell ? `${cell} 单元格` : ''}`;
  }
  const file = pasted ? 'this workbook' : `"${p.file}"`;
  if (sheet === null) {
    if (!cell) return file;
    return rc ? `${file}, row ${rc.row}, column ${rc.column} (${cell})` : `${file}, ${cell}`;
  }
  const sheetText = pasted ? `sheet "${sheet}" of this workbook` : `${file}, sheet "${sheet}"`;
  return cell ? `${sheetText}, cell ${cell}` : sheetText;
}
