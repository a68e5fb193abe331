import { Locale } from './locale';

/** Why a file cannot be opened as the master, judged by its bytes before any parsing (src/reports/masterBytes.ts). */
export type MasterBytesProblem =
  | { reason: 'empty' }
  | { reason: 'tooLarge'; sizeMb: number; limitMb: number }
  | { reason: 'zipBomb'; unzippedMb: number }
  | { reason: 'damaged' }
  | { reason: 'encrypted' }
  /** A spreadsheet, but not .xlsx: the master is patched as .xlsx, so every command refuses it alike. */
  | { reason: 'saveAsXlsx'; format: 'ods' | 'xls' | 'xlsb' }
  | { reason: 'notWorkbook' };

const ZH_FORMATS = { ods: 'OpenDocument 表格（.ods）', xls: 'Excel 97-2003 工作簿（.xls）', xlsb: 'Excel 二进制工作簿（.xlsb）' } as const;
const EN_FORMATS = { ods: 'an OpenDocument spreadsheet (.ods)', xls: 'an Excel 97-2003 workbook (.xls)', xlsb: 'an Excel binary workbook (.xlsb)' } as const;

/** The problem in words, naming the file and the fix; zh-CN is what the CLI and the page show today. */
export function masterProblemText(name: string, p: MasterBytesProblem, locale: Locale): string {
  if (locale === 'zh-CN') {
    const file = `“${name}”`;
    switch (p.reason) {
      case 'empty':
        return `${file}是空文件（0 字节），不是主表。请打开本工具生成的主表，或用“备份”文件夹中的主表替换。`;
      case 'tooLarge':
        return `${file}过大（${p.sizeMb.toFixed(1)} MB，上限 ${p.limitMb} MB），不是本工具生成的主表，未读取。请打开本工具生成的主表（.xlsx）。`;
      case 'zipBomb':
        return `${file}解压后过大（${p.unzippedMb} MB），可能是恶意构造的文件，未读取。请打开本工具生成的主表（.xlsx）。`;
      case 'damaged':
        return `${file}已损坏（压缩结构不完整，可能是复制或下载中断），无法读取。请用“备份”文件夹中的主表替换。`;
      case 'encrypted':
        return `${file}设置了打开密码，本工具无法读取。请在 Excel/WPS 中输入密码打开，取消密码后保存，再用本工具打开。`;
      case 'saveAsXlsx':
        return `${file}是 ${ZH_FORMATS[p.format]}，本工具只读写 .xlsx 格式的主表。请在 Excel/WPS 中另存为 .xlsx（LibreOffice：另存为“Excel 2007-365”）后再打开。`;
      case 'notWorkbook':
        return `${file}不是 .xlsx 工作簿（文件已损坏，或是其他类型的文件）。请打开本工具生成的主表。`;
    }
  }
  const file = `"${name}"`;
  switch (p.reason) {
    case 'empty':
      return `${file} is empty (0 bytes), not a master. Open a master made by this tool, or replace it with the copy in the 备份 (backup) folder.`;
    case 'tooLarge':
      return `${file} is too large (${p.sizeMb.toFixed(1)} MB, limit ${p.limitMb} MB) to be a master made by this tool and was not read. Open a master made by this tool (.xlsx).`;
    case 'zipBomb':
      return `${file} unpacks to ${p.unzippedMb} MB and may be a malicious file; it was not read. Open a master made by this tool (.xlsx).`;
    case 'damaged':
      return `${file} is damaged (its zip structure is incomplete: copying or downloading may have been interrupted) and cannot be read. Replace it with the copy in the 备份 (backup) folder.`;
    case 'encrypted':
      return `${file} is protected by a password, which this tool cannot read. Open it in Excel/WPS with the password, remove the password, save, and open it here again.`;
    case 'saveAsXlsx':
      return `${file} is ${EN_FORMATS[p.format]}; this tool reads and writes masters as .xlsx only. Save it as .xlsx in Excel/WPS (LibreOffice: Save As "Excel 2007-365"), then open it again.`;
    case 'notWorkbook':
      return `${file} is not an .xlsx workbook (it is damaged or a different kind of file). Open a master made by this tool.`;
  }
}
