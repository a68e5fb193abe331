import type { Finding } from '../core/findings';
import type { Indicator, IndicatorKey } from '../core/indicators';
import { perIndicator } from '../core/indicators';
import { parseCount } from '../reports/values';
import type { ManualFigures } from '../workflow/manualEntry';
import type { Strings } from './strings';

/**
 * 手工录入 in the form's own words. The core checks a typed report like a file and its findings say what the
 * *unit* must do with *its file* ("请该单位改为数字"); here the coordinator types, so problems name the field and
 * what to type. Not-a-number is checked before anything is sent (the same parse as the merge's); the core's other
 * rejections are said again per indicator.
 */

export type ManualField = keyof ManualFigures[string];
export const MANUAL_FIELDS: readonly ManualField[] = ['annual', 'monthly', 'cumulative', 'rate'];

/** Empty figures for every indicator (the same shape as workflow/manualEntry's, without loading the reader). */
export function emptyFigures(indicators: readonly Indicator[]): ManualFigures {
  return perIndicator(indicators, () => ({ annual: '', monthly: '', cumulative: '', rate: '' }));
}

export interface FieldProblem {
  indicator: IndicatorKey;
  field: ManualField;
  message: string;
}

type ManualTexts = Pick<
  Strings,
  | 'indicatorLabel'
  | 'fieldLabel'
  | 'manualNotANumber'
  | 'manualRateNotANumber'
  | 'manualMissingCumulative'
  | 'manualNegativeCumulative'
  | 'manualNegativeMonthly'
  | 'manualNoFigures'
>;

const rateValue = (text: string) => Number(text.trim().replace(/[%％]$/, ''));

/** Fields whose text is not a number (blank is fine: nothing to report), in the form's order. */
export function fieldProblems(indicators: readonly Indicator[], figures: ManualFigures, t: ManualTexts): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const ind of indicators) {
    for (const field of MANUAL_FIELDS) {
      const text = figures[ind.key]?.[field] ?? '';
      if (text.trim() === '') continue;
      const label = `${t.indicatorLabel(ind)} ${t.fieldLabel[field]}`;
      if (field === 'rate') {
        if (!Number.isFinite(rateValue(text))) out.push({ indicator: ind.key, field, message: t.manualRateNotANumber(label, text) });
      } else if (parseCount(text, null).problem === 'NOT_A_NUMBER') {
        out.push({ indicator: ind.key, field, message: t.manualNotANumber(label, text) });
      }
    }
  }
  return out;
}

/** The indicator a core finding is about: its messages quote the label (“取证人数”). */
function indicatorOf(finding: Finding, indicators: readonly Indicator[]): Indicator | null {
  // Longest first: one label may contain another.
  const sorted = [...indicators].sort((a, b) => b.label.length - a.label.length);
  return sorted.find((i) => finding.message.includes(`“${i.label}”`)) ?? null;
}

/**
 * A finding of a typed report without the place every core message starts with (“手工录入”工作表“手工录入”: the
 * typed report's file and sheet are both its source).
 */
export function manualWarning(finding: Finding): string {
  const source = finding.sheet ?? '';
  return source ? finding.message.replace(`“${source}”工作表“${source}”`, '').replace(/^[的：:]/, '') : finding.message;
}

/** A rejection of the core, as the form says it. */
export function manualProblem(finding: Finding, indicators: readonly Indicator[], month: number, t: ManualTexts): string {
  const ind = indicatorOf(finding, indicators);
  const name = ind ? t.indicatorLabel(ind) : '';
  switch (finding.code) {
    case 'NOT_A_NUMBER': {
      const field = /累计已完成/.test(finding.message) ? 'cumulative' : 'monthly';
      const text = /“([^”]*)”不是数字/.exec(finding.message)?.[1] ?? '';
      return t.manualNotANumber(`${name} ${t.fieldLabel[field]}`, text);
    }
    case 'MISSING_CUMULATIVE':
      return t.manualMissingCumulative(name, month);
    case 'NEGATIVE':
      return /当月完成/.test(finding.message) ? t.manualNegativeMonthly(name) : t.manualNegativeCumulative(name);
    case 'NO_FORM':
      return t.manualNoFigures;
    default:
      return manualWarning(finding);
  }
}
