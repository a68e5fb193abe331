import { Indicator } from '../core/indicators';
import { IndicatorFigures, ParsedReport, ReadReportsResult, ReportValue } from '../core/report';
import { ScanCell, ScanReading, ScanRow } from '../core/scanTrust';
import { makeFinding } from '../core/messages/findingText';
import { ScanPage, ScanResult, ScanValue } from './types';

/**
 * A scan's pages as reports, like a spreadsheet's sheets: each page with a form is one report (sheet "第N页"),
 * the numbers as read and, in `scan`, what the trust rule needs (texts, confidence, how). A file where no page
 * has a form is SCAN_UNREADABLE; pages without a form beside pages with one (the blank page a printer adds) are
 * left out. Nothing here decides whether the numbers are trusted: planMerge asks the core (scanTrust).
 */

export const scanSheetName = (page: number) => `第${page}页`;

const BLANK: ScanValue = { text: '', confidence: 1, box: { x: 0, y: 0, w: 0, h: 0 }, value: null, how: 'blank' };

function reportValue(v: ScanValue): ReportValue {
  return { raw: v.text === '' ? null : v.text, value: v.value, cell: null, ...(v.problem ? { problem: v.problem } : {}) };
}

function figuresOf(page: ScanPage, indicators: readonly Indicator[]): Record<string, IndicatorFigures> {
  const out: Record<string, IndicatorFigures> = {};
  for (const ind of indicators) {
    const f = page.indicators[ind.key];
    if (!f) continue;
    out[ind.key] = {
      annual: reportValue(f.annual),
      monthly: reportValue(f.monthly),
      cumulative: reportValue(f.cumulative),
      // The rate is read only to check the numbers: the master computes its own.
      rate: { ...reportValue(f.rate), readings: f.rate.readings ?? (f.rate.value === null ? [] : [f.rate.value]) },
    };
  }
  return out;
}

const cellOf = (v: ScanValue | undefined): ScanCell => {
  const c = v ?? BLANK;
  return { text: c.text, value: c.value, confidence: c.confidence, how: c.how, ...(c.problem ? { problem: c.problem } : {}) };
};

export function scanReading(page: ScanPage): ScanReading {
  const rows: Record<string, ScanRow> = {};
  for (const [key, f] of Object.entries(page.indicators)) {
    rows[key] = { annual: cellOf(f.annual), monthly: cellOf(f.monthly), cumulative: cellOf(f.cumulative), rate: cellOf(f.rate) };
  }
  return { page: page.page, source: page.source, rows };
}

/** A one-page file's findings name the file alone; a longer PDF's name the page (its "sheet"). */
function reportOf(file: string, sha256: string, page: ScanPage, indicators: readonly Indicator[], onePage: boolean): ParsedReport {
  const name = (page.unitName?.text ?? '')
    .replace(/[(（]\s*公章\s*[)）]/g, '')
    .replace(/^[:：\s]+/, '')
    .trim();
  const code = page.code?.decoded ?? null;
  return {
    file,
    sheet: scanSheetName(page.page),
    ...(onePage ? { sheetless: true as const } : {}),
    sha256,
    unitName: name,
    unitNameCell: null,
    code: code ? { year: code.year, month: code.month, unitId: code.unitId } : null,
    figures: figuresOf(page, indicators),
    filler: '',
    phone: '',
    date: { text: page.date?.text ?? '', cell: null, date: page.date?.date ?? null },
    findings: [],
    scan: scanReading(page),
  };
}

export function scanReports(result: ScanResult, sha256: string, indicators: readonly Indicator[]): ReadReportsResult {
  const file = result.name;
  const found = result.pages.filter((p) => p.found);
  if (found.length === 0) {
    const finding = makeFinding('SCAN_UNREADABLE', { file }, null, null);
    return { reports: [], failures: [{ file, sheet: null, sha256, finding }] };
  }
  return { reports: found.map((p) => reportOf(file, sha256, p, indicators, result.pages.length === 1)), failures: [] };
}

/** A scan the reader could not open at all (a damaged PDF, an image it cannot decode). */
export function scanFailed(file: string, sha256: string): ReadReportsResult {
  return { reports: [], failures: [{ file, sheet: null, sha256, finding: makeFinding('SCAN_UNREADABLE', { file }, null, null) }] };
}
