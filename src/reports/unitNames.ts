import { Unit } from '../core/units';

export interface AliasEntry {
  alias: string;
  unitId: number;
}

export type UnitMatch = { unitId: number; how: 'exact' | 'alias' | 'rule' } | { unitId: null; suggestions: Unit[] };

/**
 * One spelling for comparing names: NFKC (full-width letters and parentheses fold), no spaces or
 * zero-width characters, no "（公章）", no "填报单位：" prefix, no blanks-to-fill underscores.
 */
export function normalizeUnitName(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\s\u200b-\u200f\u2060\ufeff]+/g, '')
    .replace(/^填报单位(\(公章\))?[:：]?/, '')
    .replace(/\(?(加盖)?公章\)?/g, '')
    .replace(/[_＿]+/g, '')
    .replace(/[:：]+$/, '');
}

/** "X学院(含Y学校)" → "X学院": reports often drop the part in parentheses. */
function withoutIncluded(normalized: string): string {
  return normalized.replace(/\(含[^)]*\)$/, '');
}

/**
 * A unit whose name is a place (a city, county or district: 郑州市, 滑县, 文峰区, 济源示范区), whatever its category:
 * its education bureau reports for it. Schools and other bodies are no places even when a place ends their name.
 */
export function isPlaceName(normalized: string): boolean {
  return /^[\p{Script=Han}]{1,10}(市|县|区|旗)$/u.test(normalized) && !/(学校|学院|大学|中心|公司|集团|医院)$/.test(normalized);
}

/**
 * "河南省郑州市教育局", "兰考县教育体育局" → "郑州市", "兰考县": the education bureau writes for its city or county.
 * A district or county bureau often puts its city in front ("安阳市文峰区教育体育局"): the second reading drops it.
 */
function localBases(normalized: string): string[] {
  const base = normalized.replace(/^河南省/, '').replace(/(教育和体育局|教育体育局|教体局|教育局)$/, '');
  const inCity = base.replace(/^[\p{Script=Han}]{1,6}?市(?=[\p{Script=Han}]+(县|区|市)$)/u, '');
  return inCity === base ? [base] : [base, inCity];
}

function bigrams(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length - 1; i++) out.push(s.slice(i, i + 2));
  return out.length ? out : [s];
}

/** Dice similarity of character bigrams, 0–1. */
export function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  const pool = new Map<string, number>();
  for (const g of y) pool.set(g, (pool.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of x) {
    const n = pool.get(g) ?? 0;
    if (n > 0) {
      common++;
      pool.set(g, n - 1);
    }
  }
  return (2 * common) / (x.length + y.length);
}

/** Recognises units by name. Fuzzy matches are only ever suggestions, never a match. */
export class UnitMatcher {
  private readonly exact = new Map<string, number>();
  /** Names without their "（含…）" part, for every unit. */
  private readonly shortNames = new Map<string, number[]>();
  /** Names of units that are places (市、县、区), which their education bureaus write as "XX市教育局". */
  private readonly localNames = new Map<string, number[]>();
  private readonly aliases = new Map<string, number>();

  constructor(
    private readonly units: readonly Unit[],
    aliases: readonly AliasEntry[] = [],
  ) {
    for (const u of units) {
      const n = normalizeUnitName(u.name);
      this.exact.set(n, u.id);
      const add = (map: Map<string, number[]>, key: string) => map.set(key, [...(map.get(key) ?? []), u.id]);
      add(this.shortNames, withoutIncluded(n));
      if (isPlaceName(n)) add(this.localNames, n);
    }
    for (const a of aliases) this.aliases.set(normalizeUnitName(a.alias), a.unitId);
  }

  nameOf(unitId: number): string {
    return this.units.find((u) => u.id === unitId)?.name ?? String(unitId);
  }

  has(unitId: number): boolean {
    return this.units.some((u) => u.id === unitId);
  }

  match(raw: string): UnitMatch {
    const n = normalizeUnitName(raw);
    if (!n) return { unitId: null, suggestions: [] };
    const alias = this.aliases.get(n);
    if (alias !== undefined) return { unitId: alias, how: 'alias' };
    const exact = this.exact.get(n);
    if (exact !== undefined) return { unitId: exact, how: 'exact' };
    const candidates: Array<[Map<string, number[]>, string]> = [
      [this.shortNames, withoutIncluded(n)],
      ...localBases(n).map((b): [Map<string, number[]>, string] => [this.localNames, b]),
    ];
    for (const [map, key] of candidates) {
      const ids = map.get(key);
      if (ids && ids.length === 1) return { unitId: ids[0], how: 'rule' };
    }
    return { unitId: null, suggestions: this.suggest(n) };
  }

  /** The closest names, for "是否为：…？". */
  suggest(normalized: string, limit = 3): Unit[] {
    return this.units
      .map((u) => ({ u, score: similarity(normalized, withoutIncluded(normalizeUnitName(u.name))) }))
      .filter((x) => x.score >= 0.4)
      .sort((a, b) => b.score - a.score || a.u.id - b.u.id)
      .slice(0, limit)
      .map((x) => x.u);
  }

  /** A unit named inside a file name ("郑州市2023年1月进度月报.xlsx"): the longest unique name found. */
  matchFileName(fileName: string): number | null {
    const base = normalizeUnitName(fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, ''));
    let best: { id: number; length: number; ties: number } | null = null;
    const consider = (name: string, id: number) => {
      if (name.length < 2 || !base.includes(name)) return;
      if (!best || name.length > best.length) best = { id, length: name.length, ties: 0 };
      else if (name.length === best.length && best.id !== id) best.ties++;
    };
    for (const [name, id] of this.aliases) consider(name, id);
    for (const [name, id] of this.exact) consider(name, id);
    for (const [name, ids] of this.shortNames) if (ids.length === 1) consider(name, ids[0]);
    const found = best as { id: number; length: number; ties: number } | null;
    return found && found.ties === 0 ? found.id : null;
  }
}
