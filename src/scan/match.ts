/** Lenient text matching for OCR output: a misread character or two must not hide a label. */

/** Text as compared: NFKC (full-width to ASCII), no spaces, ASCII brackets and colons. */
export function squash(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').replace(/[（]/g, '(').replace(/[）]/g, ')').replace(/[：]/g, ':');
}

/** A task-table label without its counting unit: "培训任务（人次）" → "培训任务". */
export function bareLabel(label: string): string {
  return squash(label).replace(/\((人次|人|个|次|%)\)$/, '');
}

/**
 * The best approximate occurrence of `needle` in `hay` (edit distance, the needle may match any substring):
 * distance and the [start, end) of the matched part of `hay`.
 */
export function findApprox(hay: string, needle: string): { distance: number; start: number; end: number } {
  const n = needle.length;
  const m = hay.length;
  // Sellers' algorithm: free start anywhere in hay; remember where each cell's match began
  let prev = new Array<number>(m + 1).fill(0);
  let prevStart = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur = new Array<number>(m + 1);
    const curStart = new Array<number>(m + 1);
    cur[0] = i;
    curStart[0] = 0;
    for (let j = 1; j <= m; j++) {
      const sub = prev[j - 1] + (needle[i - 1] === hay[j - 1] ? 0 : 1);
      const del = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      if (sub <= del && sub <= ins) {
        cur[j] = sub;
        curStart[j] = prevStart[j - 1];
      } else if (del <= ins) {
        cur[j] = del;
        curStart[j] = prevStart[j];
      } else {
        cur[j] = ins;
        curStart[j] = curStart[j - 1];
      }
    }
    prev = cur;
    prevStart = curStart;
  }
  let best = { distance: n, start: 0, end: 0 };
  for (let j = 1; j <= m; j++) if (prev[j] < best.distance) best = { distance: prev[j], start: prevStart[j], end: j };
  return best;
}

/** Edits allowed for a label of this length: none for 1–2 characters, one for 3–5, then one per four. */
export function tolerance(length: number): number {
  return length <= 2 ? 0 : length <= 5 ? 1 : Math.floor(length / 4);
}
