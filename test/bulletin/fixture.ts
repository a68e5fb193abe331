import quota2023 from '../../seeds/quota-2023.json';
import { BulletinGroup, BulletinIndicator, BulletinInput, BulletinStatus, BulletinUnit } from '../../src/bulletin/input';

/**
 * Realistic circular inputs built from the 2023 task table (seeds/quota-2023.json) and a deterministic progress
 * pattern (like test/helpers/sampleLedger.ts: units ahead, near and far behind the pace, units that never reported,
 * units that skipped the latest month), mapped into BulletinInput the way `bulletinInput(model, month)` will.
 * Figures are computed here from the contract's definitions, independently of src/bulletin.
 */

type SeedUnit = (typeof quota2023.units)[number];

export const INDICATORS_2023: BulletinIndicator[] = [
  { key: 'training', label: '培训任务', unit: '人次', parent: null },
  { key: 'certified', label: '取证人数', unit: '人', parent: null },
  { key: 'advanced', label: '其中高级工及以上', unit: '人', parent: 'certified', shortLabel: '高级工及以上' },
  { key: 'onePlusX', label: '1+X证书取证人数', unit: '人', parent: null, shortLabel: '1+X证书' },
];

export interface FixtureOptions {
  indicators: BulletinIndicator[];
  /** Quota of a seed unit on an indicator (null = "—"). */
  quota: (u: SeedUnit, key: string) => number | null;
  /** Keep the table's categories, or none (a city's master of its counties and schools). */
  withCategories: boolean;
  /** Which seed units (default all 179). */
  pick?: (u: SeedUnit, index: number) => boolean;
  month: number;
  keeper?: string;
  totalLabel?: string;
}

export const quota2023Of = (u: SeedUnit, key: string): number | null => (u as unknown as Record<string, number | null>)[key] ?? null;

export function statusOf(rate: number | null, expected: number, band: number): BulletinStatus {
  if (rate === null) return 'none';
  if (rate >= expected - 1e-9) return 'ok';
  if (rate >= expected - band - 1e-9) return 'amber';
  return 'red';
}

const SEVERITY: Record<BulletinStatus, number> = { none: 0, ok: 1, amber: 2, red: 3 };

/** Index patterns of the edge cases (positions in the picked list). */
export const NEVER_REPORTED = (i: number) => i % 7 === 3;
export const SKIPPED_LATEST = (i: number) => i % 5 === 2;
export const OVER_100 = (i: number) => i === 0;

export function buildInput(o: FixtureOptions): BulletinInput {
  const band = 0.05;
  const expected = o.month / 12;
  const seeds = quota2023.units.filter((u, i) => (o.pick ? o.pick(u, i) : true));
  const categories = o.withCategories ? [...new Set(seeds.map((u) => u.category))] : [];

  const units: BulletinUnit[] = seeds.map((u, i) => {
    const speed = OVER_100(i) ? 3.6 : [1.3, 0.97, 0.8, 0.5, 1.0, 0.93][i % 6];
    const lastMonth = SKIPPED_LATEST(i) ? o.month - 1 : o.month;
    const reported = NEVER_REPORTED(i) ? [] : Array.from({ length: lastMonth }, (_, m) => m + 1);
    const indicators: BulletinUnit['indicators'] = {};
    o.indicators.forEach((ind, k) => {
      const annual = o.quota(u, ind.key);
      let cumulative: number | null = null;
      if (!NEVER_REPORTED(i) && lastMonth >= 1) {
        // A unit without quota reports a value on one indicator now and then (VALUE_WITHOUT_QUOTA): shown, never ranked.
        const base = annual ?? (i % 4 === 1 ? 40 : null);
        if (base !== null) cumulative = Math.round((base * speed * (1 + 0.03 * k) * lastMonth) / 12);
      }
      const rate = annual !== null && annual > 0 && cumulative !== null ? cumulative / annual : null;
      indicators[ind.key] = { annual, cumulative, rate, status: statusOf(rate, expected, band) };
    });
    const withQuota = o.indicators.filter((ind) => indicators[ind.key].annual !== null).map((ind) => indicators[ind.key].status);
    const status = withQuota.reduce<BulletinStatus>((w, s) => (SEVERITY[s] > SEVERITY[w] ? s : w), 'none');
    return { id: u.id, name: u.name, category: o.withCategories ? u.category : '', status, reported, indicators };
  });

  const group = (label: string, members: BulletinUnit[]): BulletinGroup => {
    const indicators: BulletinGroup['indicators'] = {};
    for (const ind of o.indicators) {
      const annual = members.reduce((s, u) => s + (u.indicators[ind.key].annual ?? 0), 0);
      const values = members.map((u) => u.indicators[ind.key].cumulative).filter((v): v is number => v !== null);
      const cumulative = values.length ? values.reduce((a, b) => a + b, 0) : null;
      const rate = annual > 0 && cumulative !== null ? cumulative / annual : null;
      indicators[ind.key] = {
        annual,
        cumulative,
        rate,
        expected,
        gap: rate === null ? null : (rate - expected) * 100,
        status: statusOf(rate, expected, band),
      };
    }
    const reported = members.filter((u) => u.reported.includes(o.month)).length;
    return {
      label,
      unitCount: members.length,
      reported,
      missing: members.length - reported,
      red: members.filter((u) => u.status === 'red').length,
      amber: members.filter((u) => u.status === 'amber').length,
      indicators,
    };
  };

  const missing = units.filter((u) => !u.reported.includes(o.month)).map((u) => u.id);
  const reportedIds = units.filter((u) => u.reported.includes(o.month)).map((u) => u.id);
  return {
    programme: '人人持证、技能河南',
    keeper: o.keeper ?? '河南省教育厅',
    source: '教办职成〔2023〕54号',
    year: 2023,
    month: o.month,
    expectedRate: expected,
    band,
    indicators: o.indicators,
    categories,
    total: group(o.totalLabel ?? '全省', units),
    byCategory: categories.map((c) =>
      group(
        c,
        units.filter((u) => u.category === c),
      ),
    ),
    units,
    missing,
    // Two units that did report were late; one with a note.
    late: [{ id: reportedIds[1], note: `${o.month + 1}月8日报送` }, { id: reportedIds[4] }],
  };
}

/** The 2023 table as it is: 179 units, 6 categories, 4 indicators. */
export function input2023(month: number): BulletinInput {
  return buildInput({ indicators: INDICATORS_2023, quota: quota2023Of, withCategories: true, month });
}

/** A city's master: no categories, 3 indicators, 24 units. */
export function inputCity3(month: number): BulletinInput {
  return buildInput({
    indicators: [INDICATORS_2023[0], INDICATORS_2023[1], INDICATORS_2023[3]],
    quota: quota2023Of,
    withCategories: false,
    pick: (_u, i) => i < 24,
    month,
    keeper: '安阳市教育局',
    totalLabel: '全市',
  });
}

/** Five indicators: the 2023 four plus one more (key i5 as for any new column), with categories. */
export function input5(month: number): BulletinInput {
  const i5: BulletinIndicator = { key: 'i5', label: '专项职业能力证书取证人数', unit: '人', parent: null, shortLabel: '专项能力证书' };
  return buildInput({
    indicators: [...INDICATORS_2023, i5],
    quota: (u, key) => (key === 'i5' ? (u.category === '省辖市' ? null : Math.round((u.certified ?? 0) * 0.2)) : quota2023Of(u, key)),
    withCategories: true,
    pick: (_u, i) => i % 3 === 0,
    month,
  });
}
