import { PaceConfig, paceProblems } from '../core/pace';
import type { Strings } from './strings';

/**
 * The 设置 form's pace inputs (percent of the year for each month, the warning band in percentage points) to a
 * PaceConfig (fractions), with problems said in the units the coordinator typed: the core's own checks speak in
 * fractions ("1.5 须在 0 与 1 之间"), so ranges are checked here first and the core only orders the curve.
 */

/** Percent text of a fraction for an input: at most 2 decimals, no trailing zeros ("8.33", "100"). */
export function percentText(fraction: number): string {
  return String(Number((fraction * 100).toFixed(2)));
}

/** A typed percent ("12.5", "12.5%", "12.5％") as a fraction; null when it is not a number. */
export function parsePercent(text: string): number | null {
  const v = text
    .trim()
    .replace(/[%％]$/, '')
    .trim();
  if (!/^-?\d+(\.\d+)?$/.test(v)) return null;
  return Number(v) / 100;
}

export interface PaceInput {
  /** What the inputs started from: a field left as shown keeps the exact stored value (1/12 is not 8.33%). */
  base: PaceConfig;
  curveTexts: readonly string[];
  bandText: string;
}

type PaceTexts = Pick<Strings, 'notANumber' | 'paceMonth' | 'bandLabel' | 'paceOutOfRange' | 'bandOutOfRange'>;

export function readPaceInput(input: PaceInput, t: PaceTexts): { pace: PaceConfig; problems: string[] } {
  const problems: string[] = [];
  const curve = input.curveTexts.map((text, i) => {
    if (text === percentText(input.base.curve[i])) return input.base.curve[i];
    const v = parsePercent(text);
    if (v === null) problems.push(t.notANumber(t.paceMonth(i + 1), text));
    else if (v < 0 || v > 1) problems.push(t.paceOutOfRange(i + 1, text));
    return v ?? NaN;
  });
  let band = input.bandText === percentText(input.base.band) ? input.base.band : parsePercent(input.bandText);
  if (band === null) problems.push(t.notANumber(t.bandLabel, input.bandText));
  else if (band < 0 || band >= 1) problems.push(t.bandOutOfRange(input.bandText));
  band ??= NaN;
  const pace: PaceConfig = { curve, band };
  if (problems.length) return { pace, problems };
  return { pace, problems: paceProblems(pace) };
}
