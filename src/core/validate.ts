import { Finding, FindingCode } from './findings';
import { Indicator, PerIndicator, perIndicator } from './indicators';
import { Ledger, LedgerEntry, cumulativeAsOf } from './ledger';
import { IndicatorFigures, ParsedReport, ReportValue } from './report';
import { Unit } from './units';
import { FindingParamsByCode, FindingSource } from './messages/findingParams';
import { makeFinding } from './messages/findingText';

/** Tolerance for a reported 累计完成率 against the computed one: units round to whole or tenth percents. */
const RATE_TOLERANCE = 0.006;
/** How many days into the next month a report still counts as this month's (late, but not misdated). */
const GRACE_DAYS = 15;

export interface ReportCheck {
  /** The month's ledger entries this report gives (with derived cumulatives). */
  entries: PerIndicator<LedgerEntry | null>;
  errors: Finding[];
  warnings: Finding[];
}

/** The file a report came from, as findings name it. */
export function sourceOf(report: Pick<ParsedReport, 'file' | 'sheetless'>): FindingSource {
  return report.sheetless ? { file: report.file, sheetless: true } : { file: report.file };
}

type OwnParams<C extends FindingCode> = FindingParamsByCode[C] extends infer P ? (P extends unknown ? Omit<P, keyof FindingSource> : never) : never;

/** A finding about a report (its file and sheet) at a cell of it. */
export function reportFinding<C extends FindingCode>(code: C, report: ParsedReport, cell: string | null, params: OwnParams<C>): Finding {
  return makeFinding(code, { ...sourceOf(report), ...params } as unknown as FindingParamsByCode[C], report.sheet, cell);
}

/** Due day: the 30th, or the month's last day when it has fewer days (February). */
export function dueDay(year: number, month: number): number {
  return Math.min(30, new Date(Date.UTC(year, month, 0)).getUTCDate());
}

const dayOf = (y: number, m: number, dd: number) => Date.UTC(y, m - 1, dd);

/** Whether a 填报时间 fits a report of `month`: from its first day to GRACE_DAYS into the next month. */
export function dateFitsMonth(d: { year: number; month: number; day: number }, year: number, month: number): boolean {
  const t = dayOf(d.year, d.month, d.day);
  return t >= dayOf(year, month, 1) && t <= dayOf(year, month + 1, GRACE_DAYS);
}

function checkDate(report: ParsedReport, year: number, month: number, warnings: Finding[]): void {
  const d = report.date.date;
  if (!d) return;
  const t = dayOf(d.year, d.month, d.day);
  const due = dayOf(year, month, dueDay(year, month));
  if (!dateFitsMonth(d, year, month)) {
    warnings.push(reportFinding('DATE_OUTSIDE_MONTH', report, report.date.cell, { reason: 'date', date: d, year, month }));
  } else if (t > due) {
    warnings.push(reportFinding('LATE', report, report.date.cell, { date: d, month, dueDay: dueDay(year, month) }));
  }
}

interface IndicatorCheck {
  entry: LedgerEntry | null;
  errors: Finding[];
  warnings: Finding[];
}

const BLANK: ReportValue = { raw: null, value: null, cell: null };
/** What a form without this indicator's row says: nothing. */
export const NO_FIGURES: IndicatorFigures = { annual: BLANK, monthly: BLANK, cumulative: BLANK, rate: { ...BLANK, readings: [] } };

function checkIndicator(report: ParsedReport, unit: Unit, ind: Indicator, ledger: Ledger, month: number): IndicatorCheck {
  const key = ind.key;
  const f = report.figures[key] ?? NO_FIGURES;
  const quota = unit.quota[key];
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  const bad = (v: ReportValue) => v.problem === 'NOT_A_NUMBER';

  if (quota === null) {
    const given = [f.monthly, f.cumulative].filter((v) => v.value !== null && v.value !== 0);
    if (given.length) {
      warnings.push(reportFinding('VALUE_WITHOUT_QUOTA', report, given[0].cell, { unitName: unit.name, indicator: ind.label, value: given[0].value! }));
    }
    const monthly = bad(f.monthly) ? null : f.monthly.value;
    const cumulative = bad(f.cumulative) ? null : f.cumulative.value;
    return { entry: monthly === null && cumulative === null ? null : { monthly, cumulative }, errors, warnings };
  }

  for (const [v, field] of [
    [f.monthly, 'monthly'],
    [f.cumulative, 'cumulative'],
  ] as const) {
    if (bad(v)) errors.push(reportFinding('NOT_A_NUMBER', report, v.cell, { indicator: ind.label, field, text: String(v.raw) }));
  }
  if (errors.length) return { entry: null, errors, warnings };

  const monthly = f.monthly.value;
  let cumulative = f.cumulative.value;
  // January starts the year: its 累计 is its 当月.
  const previous = month === 1 ? 0 : cumulativeAsOf(ledger, unit.id, key, month - 1);

  if (f.annual.value !== null && f.annual.value !== quota) {
    warnings.push(reportFinding('ANNUAL_MISMATCH', report, f.annual.cell, { indicator: ind.label, reported: f.annual.value, quota }));
  }
  if (cumulative === null && monthly !== null) {
    if (previous === null) {
      errors.push(reportFinding('MISSING_CUMULATIVE', report, f.cumulative.cell ?? f.monthly.cell, { indicator: ind.label, month }));
      return { entry: null, errors, warnings };
    }
    cumulative = previous + monthly;
    warnings.push(reportFinding('CUMULATIVE_DERIVED', report, f.cumulative.cell, { indicator: ind.label, previous, monthly, cumulative }));
  }
  if (cumulative !== null && cumulative < 0) {
    errors.push(reportFinding('NEGATIVE', report, f.cumulative.cell, { indicator: ind.label, field: 'cumulative', value: cumulative }));
  }
  let correction = false;
  if (monthly !== null && monthly < 0) {
    correction = previous !== null && cumulative !== null && cumulative >= 0 && previous + monthly === cumulative;
    if (correction) {
      warnings.push(reportFinding('CORRECTION', report, f.monthly.cell, { indicator: ind.label, monthly, previous: previous!, cumulative: cumulative! }));
    } else {
      errors.push(reportFinding('NEGATIVE', report, f.monthly.cell, { indicator: ind.label, field: 'monthly', value: monthly }));
    }
  }
  if (errors.length) return { entry: null, errors, warnings };

  if (!correction && previous !== null && cumulative !== null) {
    if (monthly !== null && f.cumulative.value !== null && previous + monthly !== cumulative) {
      warnings.push(reportFinding('CUMULATIVE_MISMATCH', report, f.cumulative.cell, { indicator: ind.label, cumulative, previous, monthly }));
    }
    if (cumulative < previous) {
      warnings.push(reportFinding('CUMULATIVE_DECREASED', report, f.cumulative.cell, { indicator: ind.label, cumulative, previous }));
    }
  }
  if (cumulative !== null && f.rate.readings.length && quota > 0) {
    const computed = cumulative / quota;
    if (!f.rate.readings.some((r) => Math.abs(r - computed) <= RATE_TOLERANCE)) {
      warnings.push(reportFinding('RATE_MISMATCH', report, f.rate.cell, { indicator: ind.label, rate: String(f.rate.raw), computed }));
    }
  }
  return { entry: monthly === null && cumulative === null ? null : { monthly, cumulative }, errors, warnings };
}

/**
 * A "其中" indicator above its parent (ADVANCED_EXCEEDS_CERTIFIED, named after 2023's case): the child is part of
 * the parent, so its cumulative can never be larger.
 */
function checkParts(report: ParsedReport, indicators: readonly Indicator[], entries: PerIndicator<LedgerEntry | null>, warnings: Finding[]): void {
  for (const child of indicators) {
    const parent = indicators.find((p) => p.key === child.parent);
    if (!parent) continue;
    const part = entries[child.key]?.cumulative;
    const whole = entries[parent.key]?.cumulative;
    if (part == null || whole == null || part <= whole) continue;
    const cell = report.figures[child.key]?.cumulative.cell ?? null;
    warnings.push(
      reportFinding('ADVANCED_EXCEEDS_CERTIFIED', report, cell, { part: child.label, partCumulative: part, whole: parent.label, wholeCumulative: whole }),
    );
  }
}

/** Check one report of a recognised unit for month M against the ledger; errors keep it out of the merge. */
export function checkReport(report: ParsedReport, unit: Unit, indicators: readonly Indicator[], ledger: Ledger, year: number, month: number): ReportCheck {
  const errors: Finding[] = [];
  const warnings: Finding[] = [...report.findings];
  const entries = perIndicator<LedgerEntry | null>(indicators, () => null);
  for (const ind of indicators) {
    const c = checkIndicator(report, unit, ind, ledger, month);
    entries[ind.key] = c.entry;
    errors.push(...c.errors);
    warnings.push(...c.warnings);
  }
  checkParts(report, indicators, entries, warnings);
  if (!errors.length && indicators.every((i) => entries[i.key] === null)) {
    errors.push(reportFinding('NO_FORM', report, null, { reason: 'noFigures' }));
  }
  checkDate(report, year, month, warnings);
  if (report.code && (report.code.month !== month || report.code.year !== year)) {
    warnings.push(
      reportFinding('DATE_OUTSIDE_MONTH', report, null, { reason: 'template', templateYear: report.code.year, templateMonth: report.code.month, year, month }),
    );
  }
  return { entries, errors, warnings };
}
