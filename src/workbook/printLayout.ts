import { columnLetter } from './address';
import { FONT, PrintSpec } from './spec';

/**
 * How a sheet prints: on A4 at a legible size. A sheet too wide for one page at MIN_PRINT_PT prints its column
 * groups (an indicator's six columns, a month's two) on separate pages, with its first columns repeated on each;
 * the scale is then fixed (programs ignore manual page breaks when they fit to a page width).
 */

/** The smallest printed size of the default font, in points. */
export const MIN_PRINT_PT = 7;

/** Printable size of A4 in points, at the margins every adapter writes (0.7 in left and right, 0.75 in top and bottom). */
const A4_PT = { short: 595.3 - 2 * 0.7 * 72, long: 841.9 - 2 * 0.75 * 72 };
/** The header and footer take their share of the printed height (0.3 in each). */
const HEIGHT_RESERVE_PT = 2 * 0.3 * 72;

/**
 * Printed width in points of a column `chars` wide. OOXML widths count the widest digit of the default font; for
 * 等线 11 pt and the fonts programs substitute for it that is 7–8 px at 96 dpi: 8 keeps pages from overflowing.
 */
export function columnPoints(chars: number): number {
  return chars * 8 * 0.75;
}

export const printableWidth = (orientation: PrintSpec['orientation']) => (orientation === 'landscape' ? A4_PT.long : A4_PT.short);
export const printableHeight = (orientation: PrintSpec['orientation']) => (orientation === 'landscape' ? A4_PT.short : A4_PT.long) - HEIGHT_RESERVE_PT;

const minScale = () => MIN_PRINT_PT / FONT.size;
const percent = (scale: number) => Math.max(10, Math.min(100, Math.floor(scale * 100)));

export interface ColumnGroups {
  /** Widths of every column from A, in characters. */
  widths: readonly number[];
  /** Columns repeated on every page (from A); 0 for none. */
  titleColumns: number;
  /** First column of each group after the title columns, ascending; a group runs to the next one (the last to the end). */
  groupStarts: readonly number[];
}

/**
 * Fit to one page wide when the sheet fits at a legible size; otherwise as many whole groups per page as fit,
 * the same number on every page (the last may have fewer), at the scale of the widest page.
 */
export function printColumns(orientation: PrintSpec['orientation'], groups: ColumnGroups, titleRows?: string): PrintSpec {
  const width = (from: number, to: number) => groups.widths.slice(from - 1, to).reduce((s, w) => s + columnPoints(w), 0);
  const page = printableWidth(orientation);
  const all = width(1, groups.widths.length);
  const base: PrintSpec = { orientation, paper: 'A4', fitToWidth: true, ...(titleRows ? { titleRows } : {}) };
  if (page / all >= minScale() || groups.groupStarts.length <= 1) return base;
  const titles = width(1, groups.titleColumns);
  const spans = groups.groupStarts.map((start, i) => width(start, (groups.groupStarts[i + 1] ?? groups.widths.length + 1) - 1));
  const widest = Math.max(...spans);
  const fit = Math.max(1, Math.floor((page / minScale() - titles) / widest));
  const pages = Math.ceil(spans.length / fit);
  const perPage = Math.ceil(spans.length / pages);
  const breaks: number[] = [];
  let pageWidth = 0;
  for (let i = 0; i < spans.length; i += perPage) {
    if (i > 0) breaks.push(groups.groupStarts[i]);
    pageWidth = Math.max(pageWidth, titles + spans.slice(i, i + perPage).reduce((s, w) => s + w, 0));
  }
  return {
    ...base,
    fitToWidth: false,
    scale: percent(page / pageWidth),
    ...(groups.titleColumns > 0 ? { titleColumns: `A:${columnLetter(groups.titleColumns)}` } : {}),
    columnBreaks: breaks,
  };
}

/**
 * Row breaks that keep blocks whole: a block (its first and last row) starts a new page when it does not fit on
 * what is left of the current one. Heights in points by row; rows not listed are `defaultHeight` high.
 */
export function blockRowBreaks(
  blocks: ReadonlyArray<{ first: number; last: number }>,
  heights: Readonly<Record<number, number>>,
  pageHeight: number,
  defaultHeight: number,
): number[] {
  const height = (from: number, to: number) => {
    let h = 0;
    for (let r = from; r <= to; r++) h += heights[r] ?? defaultHeight;
    return h;
  };
  const breaks: number[] = [];
  let pageTop = 1;
  for (const b of blocks) {
    const used = height(pageTop, b.first - 1);
    if (b.first > pageTop && used + height(b.first, b.last) > pageHeight) {
      breaks.push(b.first);
      pageTop = b.first;
    }
    // A block taller than a page runs on; the next page starts where it overflowed.
    while (height(pageTop, b.last) > pageHeight) {
      let r = pageTop;
      let h = 0;
      while (h + (heights[r] ?? defaultHeight) <= pageHeight) h += heights[r++] ?? defaultHeight;
      pageTop = r;
    }
  }
  return breaks;
}

/** The default row height of the master's font, in points (11 pt text). */
export const DEFAULT_ROW_PT = 15;

/** The scale (percent) at which `widthChars` of columns fill the page width, at most 100. */
export function scaleToWidth(orientation: PrintSpec['orientation'], widths: readonly number[]): number {
  return percent(printableWidth(orientation) / widths.reduce((s, w) => s + columnPoints(w), 0));
}
