import { judgeScan } from '../../src/core/scanTrust';
import { squash } from '../../src/scan/match';
import { scanReading } from '../../src/scan/toReport';
import { ScanPage, ScanValue } from '../../src/scan/types';
import { ScanSample } from './scanForms';

/** How a read page compares with the truth it was printed from. */
export interface PageScore {
  cells: number;
  correct: number;
  /** Cells read as a different number (not blank/unread): the dangerous kind. */
  wrong: string[];
  /** Cells with nothing or not a number where the truth has a number (or the reverse). */
  unread: string[];
  unitName: boolean;
  date: boolean;
  found: boolean;
}

const FIELDS = ['annual', 'monthly', 'cumulative', 'rate'] as const;

function same(field: (typeof FIELDS)[number], got: ScanValue | undefined, truth: number | null): boolean {
  if (!got) return false;
  if (truth === null) return got.value === null && !got.problem;
  if (got.value === null) return false;
  if (field !== 'rate') return got.value === truth;
  // a rate is printed rounded ("30.63%" for 0.30625): within half a unit of its last printed digit
  const decimals = (/\.(\d+)/.exec(got.text)?.[1] ?? '').length;
  const percent = /%/.test(got.text) || Number.parseFloat(got.text) > 1.5;
  const tolerance = 0.5 * 10 ** -decimals * (percent ? 0.01 : 1) + 1e-12;
  return (got.readings ?? [got.value]).some((r) => Math.abs(r - truth) <= tolerance);
}

export function scorePage(page: ScanPage | undefined, truth: ScanSample): PageScore {
  const score: PageScore = { cells: 0, correct: 0, wrong: [], unread: [], unitName: false, date: false, found: !!page?.found };
  for (const { key } of truth.labels) {
    for (const f of FIELDS) {
      score.cells++;
      const got = page?.indicators[key]?.[f];
      const want = truth.values[key][f];
      if (same(f, got, want)) score.correct++;
      else if (got && got.value !== null && want !== null) score.wrong.push(`${key}.${f}: ${got.text} ≠ ${want}`);
      else score.unread.push(`${key}.${f}: "${got?.text ?? '∅'}" vs ${want}`);
    }
  }
  score.unitName = !!page?.unitName && squash(page.unitName.text) === squash(truth.unitName);
  const d = page?.date?.date;
  score.date = !!d && `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}` === truth.date;
  return score;
}

/**
 * Whether the core's trust rule would merge the page by itself: its annual tasks from the sample's truth (the
 * task table), the previous month's 累计 known only in January (0).
 */
export function trustedPage(page: ScanPage | undefined, sample: ScanSample): boolean {
  if (!page?.found) return false;
  const indicators = sample.labels.map((l) => ({ key: l.key, label: l.label, unit: '', parent: null, shortLabel: l.label }));
  const quota = Object.fromEntries(sample.labels.map((l) => [l.key, sample.values[l.key].annual]));
  const january = Number(sample.date.slice(5, 7)) === 1;
  return judgeScan(indicators, scanReading(page), quota, () => (january ? 0 : null)).trusted;
}
