import * as XLSX from 'xlsx';
import { Finding } from '../core/findings';
import { Indicator } from '../core/indicators';
import { platform } from '../platform';
import { ParsedReport, ReadReportsResult, ReportFailure } from '../core/report';
import { FileKind, LIMITS, restoreZip, sniffFile, tooLarge } from './fileKind';
import { FindingParamsByCode } from '../core/messages/findingParams';
import { makeFinding } from '../core/messages/findingText';
import { findForms } from './readForm';
import { SheetGrid } from './sheetGrid';

export function sha256Hex(bytes: Uint8Array): string {
  return platform.sha256Hex(bytes);
}

function failure(file: string, sha: string, finding: Finding, sheet: string | null = null): ReadReportsResult {
  const f: ReportFailure = { file, sheet, sha256: sha, finding };
  return { reports: [], failures: [f] };
}

const fileFinding = <C extends 'UNREADABLE' | 'NOT_SPREADSHEET' | 'ENCRYPTED' | 'NO_FORM'>(code: C, params: FindingParamsByCode[C]) =>
  makeFinding(code, params, null, null);

/** A file refused by its size alone, before reading it. */
export function oversized(file: string, size: number): ReadReportsResult {
  return failure(file, '', fileFinding('UNREADABLE', { file, ...tooLarge(size) }));
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
export function readReportFile(file: string, bytes: Uint8Array, indicators: readonly Indicator[]): ReadReportsResult {
  const sha = sha256Hex(bytes);
  const kind = sniffFile(bytes);
  switch (kind.kind) {
    case 'notSpreadsheet':
      return failure(file, sha, fileFinding('NOT_SPREADSHEET', { file, type: kind.type }));
    case 'encrypted':
      return failure(file, sha, fileFinding('ENCRYPTED', { file }));
    case 'unreadable':
      return failure(file, sha, fileFinding('UNREADABLE', { file, ...kind.problem }));
    default:
      break;
  }
  let wb: XLSX.WorkBook;
  try {
    wb = parseSafely(kind, bytes);
  } catch (e) {
    if (kind.kind === 'text' && kind.html) return failure(file, sha, fileFinding('NOT_SPREADSHEET', { file, type: 'html' }));
    const msg = (e as Error).message ?? String(e);
    if (/password|encrypt/i.test(msg)) return failure(file, sha, fileFinding('ENCRYPTED', { file }));
    return failure(file, sha, fileFinding('UNREADABLE', { file, reason: 'damaged' }));
  }
  // A CSV or web page has no sheets: its findings name the file, row and column.
  const sheetless = kind.kind === 'text';
  const source = sheetless ? { file, sheetless: true as const } : { file };
  const reports: ParsedReport[] = [];
  for (const sheet of wb.SheetNames) {
    const ws = wb.Sheets[sheet];
    if (!ws) continue;
    for (const form of findForms(SheetGrid.of(ws, LIMITS.maxColumns), sheet, indicators, source)) {
      reports.push({ file, sheet, ...(sheetless ? { sheetless } : {}), sha256: sha, ...form });
    }
  }
  if (reports.length === 0) {
    if (kind.kind === 'text' && kind.html) return failure(file, sha, fileFinding('NOT_SPREADSHEET', { file, type: 'html' }));
    return failure(file, sha, fileFinding('NO_FORM', { ...source, reason: 'noForm', sheetCount: wb.SheetNames.length }));
  }
  return { reports, failures: [] };
}

/**
 * The forms on a sheet of the open master workbook (a report a coordinator pasted in): read exactly like
 * a file's sheets. `file` names the workbook for messages; the hash covers the sheet's cell values.
 */
export function readReportSheet(file: string, name: string, ws: XLSX.WorkSheet, indicators: readonly Indicator[]): ParsedReport[] {
  const grid = SheetGrid.of(ws, LIMITS.maxColumns);
  const values: unknown[] = [];
  for (let r = 0; r < Math.min(grid.rowCount, LIMITS.maxRows); r++) {
    const row: unknown[] = [];
    for (let c = 0; c < grid.width(r); c++) row.push(grid.raw(r, c));
    values.push(row);
  }
  const sha = sha256Hex(new TextEncoder().encode(JSON.stringify(values)));
  return findForms(grid, name, indicators, { file }).map((form) => ({ file, sheet: name, sha256: sha, ...form }));
}
