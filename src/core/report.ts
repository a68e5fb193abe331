import { Finding } from './findings';
import { PerIndicator } from './indicators';
import type { ScanReading } from './scanTrust';

/** What a cell of a report said and what it means. Report content is untrusted data, never code. */
export interface ReportValue {
  /** As found in the cell: number, text, or null for blank. */
  raw: string | number | boolean | null;
  /** The number it stands for; null for blank, "—", "无", or unreadable. */
  value: number | null;
  /** A1 address on the report's sheet; null when the form had no such cell. */
  cell: string | null;
  problem?: 'NOT_A_NUMBER' | 'NO_CACHED_VALUE';
}

/** A rate cell may mean a fraction (0.25) or percent (25.3): both readings are kept and the check picks. */
export interface RateValue extends ReportValue {
  readings: number[];
}

export interface IndicatorFigures {
  annual: ReportValue;
  monthly: ReportValue;
  cumulative: ReportValue;
  rate: RateValue;
}

export interface ReportDate {
  text: string;
  cell: string | null;
  /** Calendar date read from the text or a date serial; null when it cannot be read. */
  date: { year: number; month: number; day: number } | null;
}

/** One 附件2 form read from one sheet of one file. */
export interface ParsedReport {
  file: string;
  sheet: string;
  /** A CSV or web page: it has no sheets (`sheet` is the reader's name for its one table), findings name rows and columns. */
  sheetless?: boolean;
  /** Typed by the coordinator (手工录入), deliberately for this month: never STALE. */
  enteredByHand?: boolean;
  sha256: string;
  /** The unit name as written (after "填报单位（公章）："), trimmed. */
  unitName: string;
  unitNameCell: string | null;
  /** A machine-readable code from a pre-filled template, when present. */
  code: { year: number; month: number; unitId: number } | null;
  figures: PerIndicator<IndicatorFigures>;
  filler: string;
  phone: string;
  date: ReportDate;
  /** Findings of the reading itself (e.g. NO_CACHED_VALUE). */
  findings: Finding[];
  /** Read from a scan, a photo or a PDF: what the trust rule (scanTrust) needs; merged only when it trusts it. */
  scan?: ScanReading;
}

/** A file (or a sheet of one) that gave no report, with the error why. */
export interface ReportFailure {
  file: string;
  sheet: string | null;
  sha256: string;
  finding: Finding;
  /** The unit, when it was recognised before the report failed (a scan held for checking). */
  unitId?: number | null;
}

export interface ReadReportsResult {
  reports: ParsedReport[];
  failures: ReportFailure[];
}
