import { Indicator } from './indicators';

/**
 * Whether the numbers read from a scan or photo may be merged without a person (issue 14, point 3). The form
 * checks itself: 年度任务 is known from the task table, the printed 累计完成率 must be 累计 ÷ 年度任务, and 当月 must
 * be 累计 − last month's 累计. A misread digit breaks one of these; a row that passes them all, read with
 * confidence, is trusted. Pure: the reader says what it saw, this decides; repairs are proposed, never applied.
 */

export type ScanField = 'annual' | 'monthly' | 'cumulative' | 'rate';

/** One cell as the scan reader saw it. */
export interface ScanCell {
  /** The text read ("" when nothing was there). */
  text: string;
  /** The number it stands for; null for blank, "—" or unreadable. */
  value: number | null;
  /** 0–1 (1 for a PDF text layer). */
  confidence: number;
  /** How the reader got it: 'missing' means the cell was expected but nothing could be read there. */
  how: string;
  problem?: 'NOT_A_NUMBER';
}

export type ScanRow = Record<ScanField, ScanCell>;

/** What a scan read on one page: rows per indicator key (a row not found is absent). */
export interface ScanReading {
  /** 1-based page of the file. */
  page: number;
  source: 'text-layer' | 'ocr';
  rows: Record<string, ScanRow>;
}

export type DoubtReason =
  /** The indicator's row was not found on the page. */
  | 'rowMissing'
  /** A cell that should hold a number could not be read (or is not a number). */
  | 'unread'
  /** Read, but with low confidence. */
  | 'lowConfidence'
  /** 年度任务 differs from the task table. */
  | 'annual'
  /** The rate is not printed with two decimals ("12%", "1235%"): it cannot witness 累计. */
  | 'rateFormat'
  /** The printed rate disagrees with 累计 ÷ 年度任务. */
  | 'rate'
  /** 当月 ≠ 累计 − last month's 累计 (or 当月 > 累计 when last month is unknown). */
  | 'monthly'
  /** An indicator without a quota (or a quota of 0) shows numbers: nothing can check them. */
  | 'noQuota';

/** A row in doubt: the cells, what was read there, why, and a repair a person may accept. */
export interface ScanDoubt {
  /** The indicator's label (as in the task table). */
  indicator: string;
  fields: ScanField[];
  /** The texts read in those cells. */
  read: Partial<Record<ScanField, string>>;
  reason: DoubtReason;
  /** Proposed only: a value the form's own arithmetic points to (never applied without a person). */
  proposal?: { field: ScanField; value: number };
}

export interface ScanVerdict {
  trusted: boolean;
  doubts: ScanDoubt[];
}

export interface ScanTrustOptions {
  /** Cells read below this confidence are doubtful whatever their arithmetic. */
  minConfidence: number;
}

export const SCAN_TRUST_DEFAULTS: ScanTrustOptions = { minConfidence: 0.9 };

const FIELDS: readonly ScanField[] = ['annual', 'monthly', 'cumulative', 'rate'];
const EPS = 1e-9;

/** "12.35%" → 1235 (hundredths of a percent); anything else (lost decimals, a fraction, no %) → null. */
export function printedRateHundredths(text: string): number | null {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  // The form's column is headed 累计完成率（%）: units type 6.23 as often as the template prints 6.23%.
  const m = /^(\d{1,4})\.(\d{2})%?$/.exec(t);
  return m ? Number(m[1]) * 100 + Number(m[2]) : null;
}

/**
 * Does the rate printed as `hundredths` (of a percent) agree with cumulative ÷ annual? Either rounding of an exact
 * half passes (Excel rounds half away from zero, a person or another program may round half to even or down).
 */
export function rateAgrees(hundredths: number, cumulative: number, annual: number): boolean {
  if (annual <= 0) return false;
  // |cumulative / annual × 10000 − hundredths| ≤ ½, multiplied out so integers stay exact
  return Math.abs(cumulative * 10000 - hundredths * annual) * 2 <= annual * (1 + EPS);
}

/** The whole 累计 values a printed rate allows (usually one; several when 年度任务 is above 5000). */
export function cumulativesForRate(hundredths: number, annual: number): number[] {
  if (annual <= 0) return [];
  const lo = Math.ceil(((hundredths - 0.5) * annual) / 10000 - EPS);
  const hi = Math.floor(((hundredths + 0.5) * annual) / 10000 + EPS);
  const out: number[] = [];
  for (let c = Math.max(0, lo); c <= hi && out.length < 50; c++) if (rateAgrees(hundredths, c, annual)) out.push(c);
  return out;
}

/** A cell the form leaves empty or marks "—". A cell the reader expected but could not read ('missing') is never blank: taking it for "nothing reported" would drop a number silently. */
const isBlank = (c: ScanCell) =>
  c.value === null &&
  c.problem === undefined &&
  c.how !== 'missing' &&
  (c.how === 'dash' || c.how === 'blank' || c.text.trim() === '' || /^[—–\-－一_无/]+$/.test(c.text.trim()));

function judgeRow(label: string, row: ScanRow | undefined, quota: number | null, previous: number | null, options: ScanTrustOptions): ScanDoubt[] {
  const doubt = (fields: ScanField[], reason: DoubtReason, proposal?: ScanDoubt['proposal']): ScanDoubt => ({
    indicator: label,
    fields,
    read: row ? Object.fromEntries(fields.map((f) => [f, row[f].text])) : {},
    reason,
    ...(proposal ? { proposal } : {}),
  });
  const hasQuota = quota !== null && quota > 0;
  if (!row) return hasQuota ? [doubt(['monthly', 'cumulative'], 'rowMissing')] : [];

  // Cells that should be numbers but were not read as numbers.
  const unread = FIELDS.filter((f) => row[f].problem === 'NOT_A_NUMBER' || (row[f].value === null && !isBlank(row[f])));
  if (unread.length) return [doubt(unread, 'unread')];
  const low = FIELDS.filter((f) => row[f].value !== null && row[f].confidence < options.minConfidence);
  const lowDoubts = low.length ? [doubt(low, 'lowConfidence')] : [];

  const { annual, monthly, cumulative, rate } = row;
  if (!hasQuota) {
    // "—" rows: nothing to merge, nothing to check. Numbers here have no witness.
    const filled = (['monthly', 'cumulative'] as const).filter((f) => row[f].value !== null && row[f].value !== 0);
    return filled.length ? [...lowDoubts, doubt(filled, 'noQuota')] : lowDoubts;
  }
  if (monthly.value === null && cumulative.value === null) {
    // The unit reported nothing for this indicator: nothing is merged for it.
    return lowDoubts;
  }
  const doubts: ScanDoubt[] = [...lowDoubts];
  if (annual.value !== null && Math.abs(annual.value - quota) > EPS) doubts.push(doubt(['annual'], 'annual', { field: 'annual', value: quota }));
  const hundredths = printedRateHundredths(rate.text);
  if (cumulative.value === null) {
    // The spreadsheet reader would derive it; a scan's blank may be a lost number: a person decides.
    const proposed = previous !== null && monthly.value !== null ? previous + monthly.value : null;
    doubts.push(doubt(['cumulative'], 'unread', proposed !== null ? { field: 'cumulative', value: proposed } : undefined));
    return doubts;
  }
  const cum = cumulative.value;
  let rateOk = false;
  if (hundredths === null) {
    doubts.push(doubt(['rate'], 'rateFormat'));
  } else if (!rateAgrees(hundredths, cum, quota)) {
    // The printed rate is the witness: the 累计 values it allows, narrowed by last month's 累计 + 当月.
    let candidates = cumulativesForRate(hundredths, quota);
    if (previous !== null && monthly.value !== null) candidates = candidates.filter((c) => c === previous + monthly.value!);
    doubts.push(doubt(['cumulative', 'rate'], 'rate', candidates.length === 1 ? { field: 'cumulative', value: candidates[0] } : undefined));
  } else {
    rateOk = true;
  }
  if (monthly.value === null) {
    doubts.push(doubt(['monthly'], 'unread', previous !== null && rateOk ? { field: 'monthly', value: cum - previous } : undefined));
  } else if (previous !== null ? Math.abs(cum - previous - monthly.value) > EPS : monthly.value > cum + EPS || monthly.value < 0) {
    doubts.push(doubt(['monthly', 'cumulative'], 'monthly', previous !== null && rateOk ? { field: 'monthly', value: cum - previous } : undefined));
  }
  return doubts;
}

/**
 * Judge one page of a scan against the unit's task-table quota and, where the master has it, last month's 累计
 * (`previous(key)`; for January it is 0). Trusted only when every indicator row passes every check.
 */
export function judgeScan(
  indicators: readonly Indicator[],
  reading: ScanReading,
  quota: Record<string, number | null>,
  previous: (key: string) => number | null,
  options: ScanTrustOptions = SCAN_TRUST_DEFAULTS,
): ScanVerdict {
  const doubts = indicators.flatMap((ind) => judgeRow(ind.label, reading.rows[ind.key], quota[ind.key] ?? null, previous(ind.key), options));
  return { trusted: doubts.length === 0, doubts };
}
