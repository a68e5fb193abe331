import { Indicator, IndicatorKey } from '../core/indicators';

/**
 * Which of a table's labels a text written by a person names, leniently: forms add units in brackets, "其中：",
 * spaces, full-width characters, abbreviations ("培训", "高级工", "本科") or other words ("1+X取证人数"). An exact
 * match wins; otherwise the character pairs only one label has (1+X证书 vs 取证人数) decide, then overall likeness.
 */
const bigrams = (s: string): Set<string> => {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  if (s.length === 1) out.add(s);
  return out;
};

const overlap = (a: Set<string>, b: Set<string>) => [...a].filter((x) => b.has(x)).length;

/** Words too common to tell labels apart ("…学校" is not a kind of school). */
const COMMON = new Set(['学校', '学院', '大学', '高校', '院校', '单位', '人数', '任务']);

/** Minimum likeness (Dice coefficient of character pairs) for a text that matches no label exactly. */
const MIN_LIKENESS = 0.45;

/**
 * A matcher over candidates (each with its names; the first is the main one), built once: `normalize` is applied
 * to candidate names and to the texts. Returns the candidate's id, or null when none or more than one fits.
 */
export function labelMatcher<T>(candidates: ReadonlyArray<{ id: T; names: readonly string[] }>, normalize: (s: string) => string): (text: string) => T | null {
  const cands = candidates.map((c) => {
    const names = [...new Set(c.names.map(normalize).filter(Boolean))];
    return { id: c.id, names, grams: bigrams(names[0] ?? '') };
  });
  const distinctive = cands.map((c) => new Set([...c.grams].filter((g) => !COMMON.has(g) && !cands.some((o) => o !== c && o.grams.has(g)))));
  return (text: string) => {
    const t = normalize(text);
    if (!t) return null;
    const exact = cands.find((c) => c.names.includes(t));
    if (exact) return exact.id;
    const contained = cands.filter((c) => c.names.some((n) => n.includes(t) || t.includes(n)));
    if (contained.length === 1) return contained[0].id;
    const grams = bigrams(t);
    let best: { id: T; score: number } | null = null;
    let second = -1;
    cands.forEach((c, i) => {
      const hits = overlap(grams, distinctive[i]);
      const dice = (2 * overlap(grams, c.grams)) / (grams.size + c.grams.size || 1);
      if (dice < MIN_LIKENESS && hits === 0) return;
      const score = hits * 10 + dice;
      if (!best || score > best.score) {
        second = best?.score ?? -1;
        best = { id: c.id, score };
      } else second = Math.max(second, score);
    });
    const found = best as { id: T; score: number } | null;
    return found && found.score - second > 0.02 ? found.id : null;
  };
}

const indicatorText = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .toUpperCase()
    .replace(/1十X/g, '1+X')
    .replace(/[（(][^）)]*[)）]/g, '')
    .replace(/^其中[:：、,，]?/, '')
    .replace(/[:：、]/g, '');

/** Which indicator of the table a form's label names (built once per table: forms have many labels). */
export function indicatorLabelMatcher(indicators: readonly Indicator[]): (label: string) => IndicatorKey | null {
  return labelMatcher(
    indicators.map((i) => ({ id: i.key, names: [i.label, i.shortLabel] })),
    indicatorText,
  );
}

export type LabelMatcher = ReturnType<typeof indicatorLabelMatcher>;

/** Words people use for the same kind of school: one spelling, so category labels and texts compare. */
const categoryText = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）|^\d+[.、]/, '')
    .replace(/中等职业/g, '中职')
    .replace(/高等职业/g, '高职')
    .replace(/院校$/, '高校');

/** A category as people write it: one of the table's labels, or a short or other form of one (本科 for 本科高校). */
export function categoryMatcher(categories: readonly string[]): (text: string) => string | null {
  return labelMatcher(
    categories.map((c) => ({ id: c, names: [c] })),
    categoryText,
  );
}
