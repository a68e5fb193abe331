import type { Indicator } from '../../core/indicators';
import type { ParsedReport } from '../../core/report';
import { ScanCell, ScanDoubt, ScanField, ScanReading, ScanVerdict, judgeScan } from '../../core/scanTrust';
import { parseCount } from '../../reports/values';
import type { ScanPageView } from '../../scan/view';
import type { ManualFigures } from '../../workflow/manualEntry';

/**
 * What the 核对扫描件 view works with, apart from React: the cells of the form in its order, which are in doubt,
 * the figures a person confirmed, and the core's verdict on them as they stand (judgeScan, the merge's own rule).
 */

export const REVIEW_FIELDS: readonly ScanField[] = ['annual', 'monthly', 'cumulative', 'rate'];

/** A cell of the form: "<indicator key>.<field>". */
export type CellId = string;
export const cellId = (key: string, field: ScanField): CellId => `${key}.${field}`;
export const splitCell = (id: CellId): { key: string; field: ScanField } => {
  const at = id.lastIndexOf('.');
  return { key: id.slice(0, at), field: id.slice(at + 1) as ScanField };
};

/** Every cell of the form, indicator by indicator, field by field (the order Enter and Tab follow). */
export function formCells(indicators: readonly Indicator[]): CellId[] {
  return indicators.flatMap((i) => REVIEW_FIELDS.map((f) => cellId(i.key, f)));
}

/** "—", "-", "无"…: the form's own "nothing here" (not a number to check). */
export const isDashText = (text: string): boolean => /^[—–\-－一_无/]+$/.test(text.trim());

/**
 * Only a single cell's low confidence stays with that cell; any other doubt (arithmetic, a wrong 年度任务, a cell
 * not read, a row not found) says the row as a whole may be wrong: OCR may have read another row's numbers.
 */
export const failsRow = (d: ScanDoubt): boolean => d.reason !== 'lowConfidence';

/** The indicators whose row fails a check (by label, as doubts name them). */
function failedRows(indicators: readonly Indicator[], doubts: readonly ScanDoubt[]): Set<string> {
  const keys = new Set<string>();
  for (const d of doubts) {
    const ind = indicators.find((i) => i.label === d.indicator);
    if (ind && failsRow(d)) keys.add(ind.key);
  }
  return keys;
}

/**
 * The cells in doubt, in the form's order (a doubt names its indicator by label): the cells doubts name, and every
 * cell that is not "—" of a row that fails a check (`texts` says which cells hold "—").
 */
export function doubtCells(indicators: readonly Indicator[], doubts: readonly ScanDoubt[], texts: Record<CellId, string> = {}): CellId[] {
  const named = new Set<CellId>();
  for (const d of doubts) {
    const ind = indicators.find((i) => i.label === d.indicator);
    if (ind) for (const f of d.fields) named.add(cellId(ind.key, f));
  }
  const failed = failedRows(indicators, doubts);
  return formCells(indicators).filter((c) => named.has(c) || (failed.has(splitCell(c).key) && !isDashText(texts[c] ?? '')));
}

/** Why a cell is in doubt: the reasons of the doubts that name it, or "rowFailed" when only its row fails. */
export function doubtReasons(indicators: readonly Indicator[], doubts: readonly ScanDoubt[], id: CellId): Array<ScanDoubt['reason'] | 'rowFailed'> {
  const { key, field } = splitCell(id);
  const ind = indicators.find((i) => i.key === key);
  const mine = doubts.filter((d) => d.indicator === ind?.label);
  const named = [...new Set(mine.filter((d) => d.fields.includes(field)).map((d) => d.reason))];
  return named.length ? named : mine.some(failsRow) ? ['rowFailed'] : [];
}

/**
 * The repair a doubt proposes for a cell, if any (shown, applied only by the person). `oneClick` only when the
 * row's doubts name no cell but this one: a proposal reckoned from a cell that is itself in doubt may be wrong
 * twice, so it is shown as a hint to compare with the scan, not as a button.
 */
export function proposalFor(indicators: readonly Indicator[], doubts: readonly ScanDoubt[], id: CellId): { value: number; oneClick: boolean } | null {
  const { key, field } = splitCell(id);
  const ind = indicators.find((i) => i.key === key);
  const mine = doubts.filter((x) => x.indicator === ind?.label);
  const d = mine.find((x) => x.proposal?.field === field);
  if (!d?.proposal) return null;
  const namedFields = new Set(mine.flatMap((x) => x.fields));
  return { value: d.proposal.value, oneClick: namedFields.size === 1 && namedFields.has(field) };
}

/** An indicator the unit has no task for, whose row shows nothing but "—" or blanks: nothing to check or type. */
export function noTaskRow(key: string, quota: Record<string, number | null> | null, texts: Record<CellId, string>): boolean {
  if (!quota) return false;
  const q = quota[key];
  if (q !== null && q !== undefined && q > 0) return false;
  return REVIEW_FIELDS.every((f) => {
    const t = (texts[cellId(key, f)] ?? '').trim();
    return t === '' || isDashText(t);
  });
}

/** The texts as read, per cell ("" for a row not found). */
export function readTexts(indicators: readonly Indicator[], report: ParsedReport): Record<CellId, string> {
  const out: Record<CellId, string> = {};
  for (const id of formCells(indicators)) {
    const { key, field } = splitCell(id);
    out[id] = report.scan?.rows[key]?.[field].text ?? '';
  }
  return out;
}

const rateValue = (text: string): number | null => {
  const n = Number(text.normalize('NFKC').trim().replace(/%$/, ''));
  return text.trim() !== '' && Number.isFinite(n) ? n / 100 : null;
};

/**
 * The page as it now stands: what was read, with the cells a person confirmed or typed taken as certain
 * (confidence 1, the text they see). judgeScan of this is what the merge would decide about it now.
 */
export function currentReading(
  indicators: readonly Indicator[],
  report: ParsedReport,
  texts: Record<CellId, string>,
  certain: ReadonlySet<CellId>,
): ScanReading {
  const scan = report.scan;
  const rows: ScanReading['rows'] = {};
  for (const ind of indicators) {
    const read = scan?.rows[ind.key];
    const touched = REVIEW_FIELDS.some((f) => certain.has(cellId(ind.key, f)));
    if (!read && !touched) continue;
    const row = {} as Record<ScanField, ScanCell>;
    for (const f of REVIEW_FIELDS) {
      const id = cellId(ind.key, f);
      const text = texts[id] ?? '';
      if (read && !certain.has(id) && text === read[f].text) {
        row[f] = read[f];
        continue;
      }
      const value = f === 'rate' ? rateValue(text) : parseCount(text.trim() === '' ? null : text, null).value;
      const blank = text.trim() === '' || isDashText(text);
      row[f] = { text, value, confidence: 1, how: blank ? 'blank' : 'typed', ...(value === null && !blank ? { problem: 'NOT_A_NUMBER' as const } : {}) };
    }
    rows[ind.key] = row;
  }
  return { page: scan?.page ?? 1, source: scan?.source ?? 'ocr', rows };
}

export function currentVerdict(
  indicators: readonly Indicator[],
  report: ParsedReport,
  texts: Record<CellId, string>,
  certain: ReadonlySet<CellId>,
  quota: Record<string, number | null> | null,
  previous: (key: string) => number | null,
): ScanVerdict | null {
  return quota ? judgeScan(indicators, currentReading(indicators, report, texts, certain), quota, previous) : null;
}

/** The figures to merge, as 手工录入 takes them. */
export function reviewFigures(indicators: readonly Indicator[], texts: Record<CellId, string>): ManualFigures {
  const out: ManualFigures = {};
  for (const ind of indicators) {
    const t = (f: ScanField) => (texts[cellId(ind.key, f)] ?? '').trim();
    out[ind.key] = { annual: t('annual'), monthly: t('monthly'), cumulative: t('cumulative'), rate: t('rate') };
  }
  return out;
}

/** The page view of a report: the same file and sheet. */
export function pageOf(pages: readonly ScanPageView[] | undefined, report: ParsedReport): ScanPageView | null {
  return pages?.find((p) => p.file === report.file && p.sheet === report.sheet) ?? null;
}

/** The report's date as 手工录入 takes it (YYYY-MM-DD), or "" when it was not read. */
export function reportDate(report: ParsedReport): string {
  const d = report.date.date;
  return d ? `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}` : '';
}
