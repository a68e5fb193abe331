import { Indicator, PerIndicator, perIndicator } from '../core/indicators';
import { ParsedReport, ReportValue } from '../core/report';
import { Unit } from '../core/units';
import { platform } from '../platform';
import { parseCount } from '../reports/values';

/** The source name a hand-typed report carries in results and 合并日志. */
export const MANUAL_SOURCE = '手工录入';

/** What a coordinator types from a scan or photo: per indicator 年度任务, 当月完成, 累计已完成, 累计完成率 as text. */
export type ManualFigures = PerIndicator<{ annual: string; monthly: string; cumulative: string; rate: string }>;

/**
 * The scan the figures were confirmed from (核对扫描件): 合并日志 then names its file and SHA-256, so the stamped
 * original a number came from can be found again.
 */
export interface ManualOrigin {
  file: string;
  /** The scan report's sheet (第N页). */
  sheet: string;
  sha256: string;
}

/** The 工作表 a confirmed scan is logged under: typed by a person (手工录入), from that page of the scan. */
export const manualSheet = (origin: ManualOrigin) => `${MANUAL_SOURCE}（核对扫描件${origin.sheet}）`;

/**
 * A report from figures typed by hand, read by the same rules as a file (text numbers, "—", "1,234"),
 * so it is checked, merged and logged like one.
 */
export function manualReport(unit: Unit, indicators: readonly Indicator[], figures: ManualFigures, date: string, origin?: ManualOrigin): ParsedReport {
  const cell = (text: string): ReportValue => parseCount(text.trim() === '' ? null : text, null);
  const values = perIndicator(indicators, (k) => {
    const f = figures[k] ?? { annual: '', monthly: '', cumulative: '', rate: '' };
    const rateText = f.rate.trim();
    const rate = rateText === '' ? null : Number(rateText.replace(/%$/, '')) / 100;
    return {
      annual: cell(f.annual),
      monthly: cell(f.monthly),
      cumulative: cell(f.cumulative),
      rate: { raw: rateText || null, value: Number.isFinite(rate) ? rate : null, cell: null, readings: rate !== null && Number.isFinite(rate) ? [rate] : [] },
    };
  });
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return {
    file: origin ? origin.file : MANUAL_SOURCE,
    sheet: origin ? manualSheet(origin) : MANUAL_SOURCE,
    enteredByHand: true,
    sha256: origin ? origin.sha256 : platform.sha256Hex(new TextEncoder().encode(JSON.stringify({ unit: unit.id, figures, date }))),
    unitName: unit.name,
    unitNameCell: null,
    code: null,
    figures: values,
    filler: '',
    phone: '',
    date: { text: date, cell: null, date: m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null },
    findings: [],
  };
}

export function emptyManualFigures(indicators: readonly Indicator[]): ManualFigures {
  return perIndicator(indicators, () => ({ annual: '', monthly: '', cumulative: '', rate: '' }));
}
