/**
 * The parameters each finding is made from (its `params` in `merge --json`): the message catalogue renders
 * them in either language, so the Chinese `message` and the English text say the same thing.
 */

/** Where the finding's report came from: the file as found; `sheetless` for CSV and web pages (no sheets). */
import type { ScanDoubt } from '../scanTrust';

export interface FindingSource {
  file: string;
  sheetless?: true;
}

/** A report named inside another finding's text (a conflicting or identical copy). */
export interface OtherReport {
  file: string;
  sheet: string | null;
  sheetless?: true;
}

export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/** A ledger cell pair before or after a replacement; null when the month had nothing. */
export type EntryValues = { monthly: number | null; cumulative: number | null } | null;

export type UnreadableParams =
  | { reason: 'empty' | 'damagedZip' | 'damagedStructure' | 'unknownOffice' | 'unknownBinary' | 'damaged' }
  | { reason: 'tooLarge'; sizeMb: number; limitMb: number }
  | { reason: 'zipBomb'; unzippedMb: number }
  /** The reader itself failed (the task pane's worker reports the error text). */
  | { reason: 'readError'; detail: string };

/** What a file that is not a spreadsheet is, judged by its bytes. */
export type FileType = 'pdf' | 'png' | 'jpeg' | 'gif' | 'bmp' | 'tiff' | 'webp' | 'heic' | 'rtf' | 'docx' | 'pptx' | 'zip' | 'doc' | 'ppt' | 'html';

export type CountField = 'monthly' | 'cumulative';

/** A cell two reports of one unit disagree on. */
export interface ConflictCell {
  indicator: string;
  field: CountField;
  mine: number | null;
  other: number | null;
}

export interface FindingParamsByCode {
  UNREADABLE: FindingSource & UnreadableParams;
  NOT_SPREADSHEET: FindingSource & { type: FileType };
  ENCRYPTED: FindingSource;
  NO_FORM: FindingSource & ({ reason: 'noForm'; sheetCount: number } | { reason: 'noFigures' });
  UNKNOWN_UNIT: FindingSource &
    (
      | { reason: 'codeNotInTable'; unitId: number }
      | { reason: 'blankName' }
      | { reason: 'notInTable'; name: string; suggestions: string[] }
      | { reason: 'unrecognised' }
    );
  CODE_NAME_MISMATCH: FindingSource & { templateUnit: string; name: string; namedUnit: string };
  NOT_A_NUMBER: FindingSource & { indicator: string; field: CountField; text: string };
  NEGATIVE: FindingSource & { indicator: string; field: CountField; value: number };
  MISSING_CUMULATIVE: FindingSource & { indicator: string; month: number };
  /** `differences`: the cells where this report differs from the first other one (its value, the other's). */
  CONFLICT: FindingSource & { unitName: string; month: number; others: OtherReport[]; differences?: ConflictCell[] };
  DUPLICATE: FindingSource & { unitName: string; month: number; same: OtherReport };
  STALE: FindingSource &
    (
      | { reason: 'sameAsMonth'; unitName: string; month: number; staleMonth: number }
      /** A sheet pasted into the master workbook that was merged before as another month. */
      | { reason: 'pastedSheet'; unitName: string; month: number; staleMonth: number; time: string; formerSheet: string | null }
    );
  /** `cells`: the cells in doubt in short (“培训·累计已完成”); `doubts`: per row what was read, why and a proposed repair. */
  SCAN_UNCERTAIN: FindingSource & { cells: string[]; doubts?: ScanDoubt[] };
  SCAN_UNREADABLE: FindingSource & { page?: number };
  ANNUAL_MISMATCH: FindingSource & { indicator: string; reported: number; quota: number };
  /** `notMerged`: attached to a report that was not merged, so it must not say how it was merged. */
  CUMULATIVE_MISMATCH: FindingSource & { indicator: string; cumulative: number; previous: number; monthly: number; notMerged?: true };
  CUMULATIVE_DECREASED: FindingSource & { indicator: string; cumulative: number; previous: number };
  CORRECTION: FindingSource & { indicator: string; monthly: number; previous: number; cumulative: number };
  CUMULATIVE_DERIVED: FindingSource & { indicator: string; previous: number; monthly: number; cumulative: number };
  /** `rate` as written; `computed` the fraction 累计 ÷ 年度任务. */
  RATE_MISMATCH: FindingSource & { indicator: string; rate: string; computed: number };
  ADVANCED_EXCEEDS_CERTIFIED: FindingSource & { part: string; partCumulative: number; whole: string; wholeCumulative: number };
  DATE_OUTSIDE_MONTH: FindingSource &
    (
      | { reason: 'date'; date: CalendarDay; year: number; month: number }
      | { reason: 'template'; templateYear: number; templateMonth: number; year: number; month: number }
    );
  LATE: FindingSource & { date: CalendarDay; month: number; dueDay: number };
  VALUE_WITHOUT_QUOTA: FindingSource & { unitName: string; indicator: string; value: number; notMerged?: true };
  NAME_FROM_FILENAME: FindingSource & { unitName: string };
  REPLACED: FindingSource & { unitName: string; month: number; indicator: string; before: EntryValues; after: EntryValues };
  NO_CACHED_VALUE: FindingSource;
  /** `source`: a PDF's text layer or OCR of an image. */
  FROM_SCAN: FindingSource & { source?: 'text-layer' | 'ocr' };
}

export type FindingParamsOf<C extends keyof FindingParamsByCode> = FindingParamsByCode[C];
/** The parameters of any finding. */
export type FindingParams = FindingParamsByCode[keyof FindingParamsByCode];
