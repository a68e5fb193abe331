import * as XLSX from 'xlsx';
import { Finding } from '../core/findings';
import { platform } from '../platform';
import { ParsedReport, ReadReportsResult, ReportFailure } from '../core/report';
import { FileKind, LIMITS, restoreZip, sniffFile } from './fileKind';
import { findForms } from './readForm';
import { SheetGrid } from './sheetGrid';

export function sha256Hex(bytes: Uint8Array): string {
  return platform.sha256Hex(bytes);
}

const SCAN_ADVICE = '扫描件和照片无法自动读取：请对照原件在“手工录入”中录入，或请该单位按通知附件2的模板另报电子表格。';

function failure(file: string, sha: string, code: Finding['code'], message: string, sheet: string | null = null): ReadReportsResult {
  const f: ReportFailure = { file, sheet, sha256: sha, finding: { code, message, sheet, cell: null } };
  return { reports: [], failures: [f] };
}

/** A file refused by its size alone, before reading it. */
export function oversized(file: string, size: number): ReadReportsResult {
  return failure(file, '', 'UNREADABLE', `“${file}”过大（${(size / 1024 / 1024).toFixed(1)} MB，上限 ${LIMITS.maxBytes / 1024 / 1024} MB），未读取。月报表只有几十 KB：请该单位只发送月报表。`);
}

function parseWorkbook(kind: FileKind, bytes: Uint8Array): XLSX.WorkBook {
  const common: XLSX.ParsingOptions = {
    dense: true,
    cellFormula: true,
    cellNF: true,
    cellDates: false,
    cellHTML: false,
    sheetRows: LIMITS.maxRows,
    // Stubs keep formula cells that have no cached result (t "z"), so they are reported, not silently blank.
    sheetStubs: true,
  };
  if (kind.kind === 'text') return XLSX.read(kind.text, { ...common, type: 'string', raw: true });
  return XLSX.read(bytes, { ...common, type: 'array' });
}

class DamagedZip extends Error {}

function parseSafely(kind: FileKind, bytes: Uint8Array): XLSX.WorkBook {
  if (kind.kind === 'workbook' && kind.format !== 'xls') {
    const stored = restoreZip(bytes);
    if (!stored) throw new DamagedZip();
    return parseWorkbook(kind, stored);
  }
  return parseWorkbook(kind, bytes);
}

/**
 * Read every 附件2 form of one file. Never throws for bad input: whatever is wrong with the file
 * comes back as a failure with a Chinese message naming the file and the fix.
 */
export function readReportFile(file: string, bytes: Uint8Array): ReadReportsResult {
  const sha = sha256Hex(bytes);
  const kind = sniffFile(bytes);
  switch (kind.kind) {
    case 'notSpreadsheet':
      return failure(file, sha, 'NOT_SPREADSHEET', `“${file}”是${kind.what}，不是电子表格。${SCAN_ADVICE}`);
    case 'encrypted':
      return failure(file, sha, 'ENCRYPTED', `“${file}”设置了打开密码，无法读取。请该单位取消密码后重新发送（或由您输入密码打开后另存为无密码的文件）。`);
    case 'unreadable':
      return failure(file, sha, 'UNREADABLE', `“${file}”无法读取：${kind.why}。请该单位重新发送。`);
    default:
      break;
  }
  let wb: XLSX.WorkBook;
  try {
    wb = parseSafely(kind, bytes);
  } catch (e) {
    if (kind.kind === 'text' && kind.html) {
      return failure(file, sha, 'NOT_SPREADSHEET', `“${file}”是网页（HTML）文件，其中没有月报表。${SCAN_ADVICE}`);
    }
    const msg = (e as Error).message ?? String(e);
    if (/password|encrypt/i.test(msg)) {
      return failure(file, sha, 'ENCRYPTED', `“${file}”设置了密码，无法读取。请该单位取消密码后重新发送。`);
    }
    return failure(file, sha, 'UNREADABLE', `“${file}”已损坏或格式无法识别，无法读取。请该单位重新保存后发送（Excel/WPS：另存为 .xlsx）。`);
  }
  const reports: ParsedReport[] = [];
  for (const sheet of wb.SheetNames) {
    const ws = wb.Sheets[sheet];
    if (!ws) continue;
    for (const form of findForms(SheetGrid.of(ws, LIMITS.maxColumns), sheet)) {
      reports.push({ file, sheet, sha256: sha, ...form });
    }
  }
  if (reports.length === 0) {
    if (kind.kind === 'text' && kind.html) {
      return failure(file, sha, 'NOT_SPREADSHEET', `“${file}”是网页（HTML）文件，其中没有月报表。${SCAN_ADVICE}`);
    }
    return failure(
      file,
      sha,
      'NO_FORM',
      `“${file}”中没有找到月报表（共 ${wb.SheetNames.length} 个工作表，均没有“当月完成”“累计已完成”等栏目）。请该单位使用通知附件2的模板填报。`,
    );
  }
  return { reports, failures: [] };
}

/**
 * The forms on a sheet of the open master workbook (a report a coordinator pasted in): read exactly like
 * a file's sheets. `file` names the workbook for messages; the hash covers the sheet's cell values.
 */
export function readReportSheet(file: string, name: string, ws: XLSX.WorkSheet): ParsedReport[] {
  const grid = SheetGrid.of(ws, LIMITS.maxColumns);
  const values: unknown[] = [];
  for (let r = 0; r < Math.min(grid.rowCount, LIMITS.maxRows); r++) {
    const row: unknown[] = [];
    for (let c = 0; c < grid.width(r); c++) row.push(grid.raw(r, c));
    values.push(row);
  }
  const sha = sha256Hex(new TextEncoder().encode(JSON.stringify(values)));
  return findForms(grid, name).map((form) => ({ file, sheet: name, sha256: sha, ...form }));
}
