import { Finding, FindingCode } from './findings';
import { Indicator, PerIndicator, perIndicator } from './indicators';
import { Ledger, LedgerEntry, cumulativeAsOf } from './ledger';
import { IndicatorFigures, ParsedReport, ReportValue } from './report';
import { Unit } from './units';

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

export function where(report: ParsedReport, cell: string | null): string {
  return `“${report.file}”工作表“${report.sheet}”${cell ? ` ${cell} ` : ''}`;
}

function finding(code: FindingCode, report: ParsedReport, cell: string | null, message: string): Finding {
  return { code, message, sheet: report.sheet, cell };
}

const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-US') : String(n));

/** Due day: the 30th, or the month's last day when it has fewer days (February). */
export function dueDay(year: number, month: number): number {
  return Math.min(30, new Date(Date.UTC(year, month, 0)).getUTCDate());
}

function checkDate(report: ParsedReport, year: number, month: number, warnings: Finding[]): void {
  const d = report.date.date;
  if (!d) return;
  const day = (y: number, m: number, dd: number) => Date.UTC(y, m - 1, dd);
  const t = day(d.year, d.month, d.day);
  const due = day(year, month, dueDay(year, month));
  const graceEnd = day(year, month + 1, GRACE_DAYS);
  const text = `${d.year}年${d.month}月${d.day}日`;
  if (t < day(year, month, 1) || t > graceEnd) {
    warnings.push(
      finding('DATE_OUTSIDE_MONTH', report, report.date.cell, `${where(report, report.date.cell)}的填报时间 ${text} 不在 ${year}年${month}月（或次月初）：请确认报的是 ${month} 月的数据。`),
    );
  } else if (t > due) {
    warnings.push(finding('LATE', report, report.date.cell, `${where(report, report.date.cell)}的填报时间 ${text} 晚于报送截止日 ${month}月${dueDay(year, month)}日。`));
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
  const label = `“${ind.label}”`;
  const bad = (v: ReportValue) => v.problem === 'NOT_A_NUMBER';

  if (quota === null) {
    const given = [f.monthly, f.cumulative].filter((v) => v.value !== null && v.value !== 0);
    if (given.length) {
      warnings.push(
        finding('VALUE_WITHOUT_QUOTA', report, given[0].cell, `${where(report, given[0].cell)}：${unit.name}没有${label}任务（任务表中为“—”），但填了 ${fmt(given[0].value!)}；已照录，不计入状态。`),
      );
    }
    const monthly = bad(f.monthly) ? null : f.monthly.value;
    const cumulative = bad(f.cumulative) ? null : f.cumulative.value;
    return { entry: monthly === null && cumulative === null ? null : { monthly, cumulative }, errors, warnings };
  }

  for (const [v, name] of [[f.monthly, '当月完成'], [f.cumulative, '累计已完成']] as const) {
    if (bad(v)) {
      errors.push(
        finding('NOT_A_NUMBER', report, v.cell, `${where(report, v.cell)}的${label}${name}“${String(v.raw)}”不是数字。请该单位改为数字（如 1234），或在主表中手工录入。`),
      );
    }
  }
  if (errors.length) return { entry: null, errors, warnings };

  const monthly = f.monthly.value;
  let cumulative = f.cumulative.value;
  // January starts the year: its 累计 is its 当月.
  const previous = month === 1 ? 0 : cumulativeAsOf(ledger, unit.id, key, month - 1);

  if (f.annual.value !== null && f.annual.value !== quota) {
    warnings.push(
      finding('ANNUAL_MISMATCH', report, f.annual.cell, `${where(report, f.annual.cell)}的${label}年度任务 ${fmt(f.annual.value)} 与任务分配表的 ${fmt(quota)} 不同；完成率按任务分配表计算。`),
    );
  }
  if (cumulative === null && monthly !== null) {
    if (previous === null) {
      errors.push(
        finding('MISSING_CUMULATIVE', report, f.cumulative.cell ?? f.monthly.cell, `${where(report, f.cumulative.cell ?? f.monthly.cell)}的${label}只填了当月完成，没有累计已完成，主表中也没有 ${month - 1} 月及以前的累计可以推算。请该单位补填累计已完成。`),
      );
      return { entry: null, errors, warnings };
    }
    cumulative = previous + monthly;
    warnings.push(
      finding('CUMULATIVE_DERIVED', report, f.cumulative.cell, `${where(report, f.cumulative.cell)}的${label}累计已完成为空，已按上月累计 ${fmt(previous)} + 当月 ${fmt(monthly)} = ${fmt(cumulative)} 推算。`),
    );
  }
  if (cumulative !== null && cumulative < 0) {
    errors.push(finding('NEGATIVE', report, f.cumulative.cell, `${where(report, f.cumulative.cell)}的${label}累计已完成为负数（${fmt(cumulative)}）。请该单位更正。`));
  }
  let correction = false;
  if (monthly !== null && monthly < 0) {
    correction = previous !== null && cumulative !== null && cumulative >= 0 && previous + monthly === cumulative;
    if (correction) {
      warnings.push(
        finding('CORRECTION', report, f.monthly.cell, `${where(report, f.monthly.cell)}的${label}当月完成为 ${fmt(monthly)}：是对以前月份的更正（累计由 ${fmt(previous!)} 减为 ${fmt(cumulative!)}）。`),
      );
    } else {
      errors.push(
        finding('NEGATIVE', report, f.monthly.cell, `${where(report, f.monthly.cell)}的${label}当月完成为负数（${fmt(monthly)}），且与累计已完成对不上。如为更正，请使累计已完成 = 上月累计 + 当月完成。`),
      );
    }
  }
  if (errors.length) return { entry: null, errors, warnings };

  if (!correction && previous !== null && cumulative !== null) {
    if (monthly !== null && f.cumulative.value !== null && previous + monthly !== cumulative) {
      warnings.push(
        finding('CUMULATIVE_MISMATCH', report, f.cumulative.cell, `${where(report, f.cumulative.cell)}的${label}累计已完成 ${fmt(cumulative)} ≠ 上月累计 ${fmt(previous)} + 当月完成 ${fmt(monthly)}（= ${fmt(previous + monthly)}）；已按所填累计合并，请与该单位核实。`),
      );
    }
    if (cumulative < previous) {
      warnings.push(
        finding('CUMULATIVE_DECREASED', report, f.cumulative.cell, `${where(report, f.cumulative.cell)}的${label}累计已完成 ${fmt(cumulative)} 比上月累计 ${fmt(previous)} 少；请与该单位核实。`),
      );
    }
  }
  if (cumulative !== null && f.rate.readings.length && quota > 0) {
    const computed = cumulative / quota;
    if (!f.rate.readings.some((r) => Math.abs(r - computed) <= RATE_TOLERANCE)) {
      warnings.push(
        finding('RATE_MISMATCH', report, f.rate.cell, `${where(report, f.rate.cell)}的${label}累计完成率“${String(f.rate.raw)}”与 累计 ÷ 年度任务 = ${(computed * 100).toFixed(1)}% 不符；主表按计算值。`),
      );
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
      finding('ADVANCED_EXCEEDS_CERTIFIED', report, cell, `${where(report, cell)}：“${child.label}”累计 ${fmt(part)} 多于“${parent.label}”累计 ${fmt(whole)}（前者是后者的一部分）。请与该单位核实。`),
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
    errors.push(finding('NO_FORM', report, report.unitNameCell, `${where(report, null)}的月报表没有填写任何完成数。请该单位填写当月完成和累计已完成后重新发送。`));
  }
  checkDate(report, year, month, warnings);
  if (report.code && (report.code.month !== month || report.code.year !== year)) {
    warnings.push(
      finding('DATE_OUTSIDE_MONTH', report, null, `${where(report, null)}用的是 ${report.code.year}年${report.code.month}月的模板，现合并为 ${year}年${month}月：请确认该单位报的是 ${month} 月的数据。`),
    );
  }
  return { entries, errors, warnings };
}
