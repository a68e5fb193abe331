import { Status } from '../core/status';
import { STATUS_COLORS } from '../workbook/spec';

/**
 * Status colours of the task pane: the same pairs as the master's conditional formats (STATUS_COLORS), so a
 * coordinator sees one colour language. Colour never stands alone: every badge and bar carries its label.
 * test/taskpane/contrast.test.ts checks the WCAG ratios numerically.
 */

const hex = (rgb: string) => `#${rgb}`;

/** Badge: label text on a light fill (WCAG AA for text: ≥ 4.5:1). */
export const STATUS_BADGE: Record<Status, { background: string; color: string }> = {
  ok: { background: hex(STATUS_COLORS.ok.fill), color: hex(STATUS_COLORS.ok.font) },
  amber: { background: hex(STATUS_COLORS.amber.fill), color: hex(STATUS_COLORS.amber.font) },
  red: { background: hex(STATUS_COLORS.red.fill), color: hex(STATUS_COLORS.red.font) },
  none: { background: '#F0F0F0', color: '#424242' },
};

/** Chart bars on the white page (WCAG AA for graphics: ≥ 3:1 against the background): the dark member of each pair. */
export const STATUS_BAR: Record<Status, string> = {
  ok: hex(STATUS_COLORS.ok.font),
  amber: hex(STATUS_COLORS.amber.font),
  red: hex(STATUS_COLORS.red.font),
  none: '#707070',
};

/** The page background the bars are drawn on. */
export const CHART_BACKGROUND = '#FFFFFF';
/** The bar track (the 0–100% lane behind a bar): decoration only. */
export const CHART_TRACK = '#F0F0F0';
/**
 * The expected-pace line: dark dashes on a light casing. No single colour stands out from both the white page
 * and the dark bars (the blue alone is 1.0–1.6:1 on them), so where it crosses a bar the casing does (≥ 3:1 on
 * every bar colour) and on the page and track the dashes do.
 */
export const CHART_EXPECTED = '#0F6CBD';
export const CHART_EXPECTED_CASING = '#FFFFFF';

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** WCAG 2 relative luminance of '#RRGGBB'. */
export function relativeLuminance(color: string): number {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!m) throw new Error(`not a #RRGGBB colour: ${color}`);
  const [r, g, b] = m.slice(1).map((x) => channel(parseInt(x, 16)));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio (1–21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
