import { FindingCode } from './findings';
import { Indicator, IndicatorKey } from './indicators';
import { Ledger, MONTHS, cumulativeAsOf, getEntry } from './ledger';
import { Unit } from './units';

export interface LedgerIssue {
  code: FindingCode;
  unitId: number;
  key: IndicatorKey;
  month: number;
  field: 'monthly' | 'cumulative';
  /** Chinese, without the location (the caller adds the sheet and cell). */
  message: string;
}

/**
 * Re-check every month of the ledger the way a merge checks a report, so that a late correction to an
 * earlier month shows up as inconsistencies in the months after it.
 */
export function checkLedger(table: { indicators: readonly Indicator[]; units: readonly Unit[] }, ledger: Ledger): LedgerIssue[] {
  const { indicators, units } = table;
  const issues: LedgerIssue[] = [];
  for (const unit of units) {
    for (const ind of indicators) {
      const label = `${unit.name}“${ind.label}”`;
      for (const month of MONTHS) {
        const e = getEntry(ledger, unit.id, ind.key, month);
        if (!e) continue;
        const at = (code: FindingCode, field: 'monthly' | 'cumulative', message: string) =>
          issues.push({ code, unitId: unit.id, key: ind.key, month, field, message });
        if (unit.quota[ind.key] === null) {
          if ((e.monthly ?? 0) !== 0 || (e.cumulative ?? 0) !== 0) at('VALUE_WITHOUT_QUOTA', 'cumulative', `${label}没有任务，${month} 月却有数据。`);
          continue;
        }
        const previous = month === 1 ? 0 : cumulativeAsOf(ledger, unit.id, ind.key, month - 1);
        if (e.cumulative !== null && e.cumulative < 0) at('NEGATIVE', 'cumulative', `${label} ${month} 月累计已完成为负数（${e.cumulative}）。`);
        if (e.cumulative === null && e.monthly !== null && previous === null) {
          at('MISSING_CUMULATIVE', 'cumulative', `${label} ${month} 月只有当月完成，没有累计已完成，也无法由以前月份推算。`);
        }
        if (previous === null || e.cumulative === null) continue;
        const consistent = e.monthly === null || previous + e.monthly === e.cumulative;
        if (e.monthly !== null && e.monthly < 0) {
          at(
            consistent ? 'CORRECTION' : 'NEGATIVE',
            'monthly',
            consistent
              ? `${label} ${month} 月当月完成为 ${e.monthly}（更正以前月份）。`
              : `${label} ${month} 月当月完成为负数（${e.monthly}），且与累计对不上。`,
          );
        } else if (!consistent) {
          at('CUMULATIVE_MISMATCH', 'cumulative', `${label} ${month} 月累计 ${e.cumulative} ≠ 上月累计 ${previous} + 当月 ${e.monthly}。`);
        }
        if (e.cumulative < previous) at('CUMULATIVE_DECREASED', 'cumulative', `${label} ${month} 月累计 ${e.cumulative} 比上月累计 ${previous} 少。`);
      }
    }
    for (const child of indicators) {
      const parent = indicators.find((p) => p.key === child.parent);
      if (!parent) continue;
      for (const month of MONTHS) {
        const part = getEntry(ledger, unit.id, child.key, month)?.cumulative;
        const whole = cumulativeAsOf(ledger, unit.id, parent.key, month);
        if (part != null && whole != null && part > whole) {
          issues.push({
            code: 'ADVANCED_EXCEEDS_CERTIFIED',
            unitId: unit.id,
            key: child.key,
            month,
            field: 'cumulative',
            message: `${unit.name} ${month} 月“${child.label}”累计 ${part} 多于“${parent.label}”累计 ${whole}。`,
          });
        }
      }
    }
  }
  return issues;
}
