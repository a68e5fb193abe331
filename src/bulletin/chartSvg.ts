import { formatRate } from './format';
import { BulletinGroup, BulletinInput } from './input';

/**
 * The circular's chart, as SVG text: each category's (and the total's) 累计完成率 per indicator as horizontal bars,
 * and 应达进度 as a dashed line — the figures of the master's 全省汇总 chart. Pure and shared: the CLI rasterises
 * it with resvg, the browser with a canvas. Fonts are the reader's system CJK fonts (nothing is embedded).
 */

export interface ChartSvg {
  svg: string;
  /** Size of the drawing in CSS pixels (96 to the inch). */
  width: number;
  height: number;
}

/** Office's default series colours: what coordinators know from Excel charts, and distinct in grey print. */
const PALETTE = ['#4472C4', '#ED7D31', '#A5A5A5', '#FFC000', '#5B9BD5', '#70AD47', '#264478', '#9E480E'];
const EXPECTED_COLOR = '#C00000';
const FONT_FAMILY = "SimHei, 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Zen Hei', sans-serif";

const WIDTH = 640;
const FONT = 12;
const SMALL = 9;
const MAX_PLOT_HEIGHT = 420;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Rough text width: CJK and full-width characters are one em, the rest about half. Enough to lay out labels. */
export function textWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffef]/.test(ch) ? size : size * 0.56;
  return w;
}

function niceMax(maxRate: number): { max: number; step: number } {
  const top = Math.max(1, maxRate);
  const step = top <= 1.2 ? 0.2 : top <= 3 ? 0.5 : 1;
  return { max: Math.ceil(top / step - 1e-9) * step, step };
}

export function bulletinChartSvg(input: BulletinInput): ChartSvg {
  const groups: BulletinGroup[] = [...input.byCategory, input.total];
  const indicators = input.indicators;
  const seriesLabel = (i: number) => indicators[i].shortLabel ?? indicators[i].label;
  const parts: string[] = [];

  // Legend: swatches and labels, wrapped over as many rows as needed, then the expected line's key.
  const legendItems = indicators.map((_, i) => ({ label: seriesLabel(i), color: PALETTE[i % PALETTE.length], line: false }));
  legendItems.push({ label: `应达进度（${formatRate(input.expectedRate)}）`, color: EXPECTED_COLOR, line: true });
  let lx = 12;
  let ly = 14;
  for (const item of legendItems) {
    const w = 18 + textWidth(item.label, FONT) + 16;
    if (lx + w > WIDTH - 8 && lx > 12) {
      lx = 12;
      ly += 20;
    }
    parts.push(
      item.line
        ? `<line x1="${lx}" y1="${ly}" x2="${lx + 14}" y2="${ly}" stroke="${item.color}" stroke-width="2" stroke-dasharray="4 2"/>`
        : `<rect x="${lx}" y="${ly - 6}" width="12" height="12" fill="${item.color}"/>`,
    );
    parts.push(`<text x="${lx + 18}" y="${ly + 4}" font-size="${FONT}">${escapeXml(item.label)}</text>`);
    lx += w;
  }

  const labelWidth = Math.min(170, Math.max(...groups.map((g) => textWidth(g.label, FONT))) + 14);
  const plotLeft = labelWidth;
  const plotRight = WIDTH - 58; // room for the value labels past 100%
  const plotTop = ly + 26;
  const groupGap = 10;
  const barsPerGroup = indicators.length;
  const slot = Math.max(5, Math.min(10, Math.floor((MAX_PLOT_HEIGHT - groups.length * groupGap) / (groups.length * barsPerGroup))));
  const barHeight = slot - 2;
  const groupHeight = barsPerGroup * slot + groupGap;
  const plotBottom = plotTop + groups.length * groupHeight;

  const rates = groups.flatMap((g) => indicators.map((ind) => g.indicators[ind.key]?.rate ?? null));
  const { max, step } = niceMax(Math.max(input.expectedRate, ...rates.filter((r): r is number => r !== null)));
  const x = (rate: number) => plotLeft + (Math.max(0, rate) / max) * (plotRight - plotLeft);

  // Grid and axis labels.
  for (let t = 0; t <= max + 1e-9; t += step) {
    const gx = x(t).toFixed(1);
    parts.push(`<line x1="${gx}" y1="${plotTop}" x2="${gx}" y2="${plotBottom}" stroke="#D9D9D9" stroke-width="1"/>`);
    parts.push(`<text x="${gx}" y="${plotBottom + 15}" font-size="${SMALL}" text-anchor="middle" fill="#404040">${Math.round(t * 100)}%</text>`);
  }
  parts.push(`<line x1="${plotLeft}" y1="${plotTop}" x2="${plotLeft}" y2="${plotBottom}" stroke="#7F7F7F" stroke-width="1"/>`);

  groups.forEach((g, gi) => {
    const top = plotTop + gi * groupHeight + groupGap / 2;
    const isTotal = gi === groups.length - 1;
    const labelY = top + (barsPerGroup * slot) / 2 + FONT / 2 - 1;
    parts.push(
      `<text x="${plotLeft - 6}" y="${labelY.toFixed(1)}" font-size="${FONT}" text-anchor="end"${isTotal ? ' font-weight="bold"' : ''}>${escapeXml(g.label)}</text>`,
    );
    indicators.forEach((ind, i) => {
      const rate = g.indicators[ind.key]?.rate ?? null;
      const y = top + i * slot;
      const textY = (y + barHeight / 2 + SMALL / 2 - 1.5).toFixed(1);
      if (rate === null) {
        parts.push(`<text x="${plotLeft + 4}" y="${textY}" font-size="${SMALL}" fill="#7F7F7F">—</text>`);
        return;
      }
      const end = x(rate);
      parts.push(`<rect x="${plotLeft}" y="${y}" width="${(end - plotLeft).toFixed(1)}" height="${barHeight}" fill="${PALETTE[i % PALETTE.length]}"/>`);
      if (barHeight >= 6) {
        parts.push(`<text x="${(end + 3).toFixed(1)}" y="${textY}" font-size="${SMALL}" fill="#262626">${formatRate(rate)}</text>`);
      }
    });
  });

  const ex = x(input.expectedRate).toFixed(1);
  parts.push(`<line x1="${ex}" y1="${plotTop - 6}" x2="${ex}" y2="${plotBottom}" stroke="${EXPECTED_COLOR}" stroke-width="1.5" stroke-dasharray="5 3"/>`);

  const height = Math.ceil(plotBottom + 24);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${FONT_FAMILY}">` +
    `<rect width="${WIDTH}" height="${height}" fill="#FFFFFF"/>` +
    parts.join('') +
    '</svg>';
  return { svg, width: WIDTH, height };
}
