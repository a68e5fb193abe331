import { makeStyles, tokens, useId } from '@fluentui/react-components';

import { Status } from '../../core/status';
import { CHART_EXPECTED, CHART_EXPECTED_CASING, CHART_TRACK, STATUS_BAR } from '../statusColors';
import { useWidth } from './useWidth';

export interface ChartBar {
  key: string;
  label: string;
  rate: number | null;
  status: Status;
  statusLabel: string;
}

export interface ProgressChartProps {
  bars: readonly ChartBar[];
  /** Expected cumulative fraction at the month in view (the dashed line); null hides the line. */
  expected: number | null;
  title: string;
  /** Spoken summary: every bar's value and status in words. */
  description: string;
  expectedLabel: string;
  formatRate: (fraction: number) => string;
  noData: string;
}

const ROW = 46;
const TOP = 22;
const BOTTOM = 20;
const SIDE = 4;
const FONT = 12;
const LINE = 16;

/** Rough width of SVG text at FONT px: CJK characters are square, Latin ones about 0.55 em (bold a little more). */
function textWidth(text: string, bold = false): number {
  let w = 0;
  for (const ch of text) w += ch.codePointAt(0)! >= 0x2e80 ? FONT : FONT * (bold ? 0.62 : 0.56);
  return w;
}

/**
 * The axis' end: a little above the largest value, on a round step (10% steps up to 100%, 25% beyond), so the
 * bars are readable in January (expected 8.3%) as in December. The axis labels say where it ends.
 */
export function chartScale(largest: number): number {
  const target = Math.max(0.1, largest * 1.15);
  const step = target <= 1 ? 0.1 : 0.25;
  return Number((Math.ceil(target / step - 1e-9) * step).toFixed(2));
}

const useStyles = makeStyles({
  root: { width: '100%', minWidth: 0 },
  svg: { display: 'block', width: '100%', height: 'auto', overflow: 'visible' },
});

/**
 * Horizontal bars of completion rates with the expected pace as a dashed line, drawn at the container's real
 * width so text stays readable at 320 px. Every bar is labelled with its rate and status in text; the SVG is
 * one image with a title and a description, and the screen shows the same numbers as a table beside it.
 */
export function ProgressChart(props: ProgressChartProps) {
  const { bars, expected, formatRate } = props;
  const s = useStyles();
  const [ref, width] = useWidth<HTMLDivElement, number>(320);
  const titleId = useId('chart-title');
  const descId = useId('chart-desc');
  const w = Math.max(200, width);
  const barW = w - 2 * SIDE;
  const maxRate = chartScale(Math.max(0, ...bars.map((b) => b.rate ?? 0), expected ?? 0));
  const x = (fraction: number) => SIDE + (Math.max(0, fraction) / maxRate) * barW;
  // A row is label and value on one line, then the bar; when both do not fit (a long English label at 320 px),
  // the value gets a line of its own.
  const rows = bars.map((b) => {
    const value = b.rate === null ? props.noData : `${formatRate(b.rate)} ${b.statusLabel}`;
    const split = textWidth(b.label) + textWidth(value, true) + 12 > barW;
    return { b, value, split, height: split ? ROW + LINE : ROW };
  });
  const tops = rows.reduce<number[]>((acc, r, i) => [...acc, i === 0 ? TOP : acc[i - 1] + rows[i - 1].height], []);
  const plotBottom = rows.length ? tops[tops.length - 1] + rows[rows.length - 1].height : TOP;
  const height = plotBottom + BOTTOM;
  const text = tokens.colorNeutralForeground1;
  const muted = tokens.colorNeutralForeground2;

  return (
    <div ref={ref} className={s.root}>
      <svg
        className={s.svg}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        viewBox={`0 0 ${w} ${height}`}
        width={w}
        height={height}
        fontSize={FONT}
        fontFamily={tokens.fontFamilyBase}
      >
        <title id={titleId}>{props.title}</title>
        <desc id={descId}>{props.description}</desc>
        {rows.map(({ b, value, split }, i) => {
          const y = tops[i];
          const barY = y + 19 + (split ? LINE : 0);
          return (
            <g key={b.key}>
              <text x={SIDE} y={y + 13} fill={text}>
                {b.label}
              </text>
              <text x={w - SIDE} y={y + 13 + (split ? LINE : 0)} fill={text} textAnchor="end" fontWeight={600}>
                {value}
              </text>
              <rect x={SIDE} y={barY} width={barW} height={16} rx={2} fill={CHART_TRACK} />
              {b.rate !== null && b.rate > 0 && <rect x={SIDE} y={barY} width={Math.max(2, x(b.rate) - SIDE)} height={16} rx={2} fill={STATUS_BAR[b.status]} />}
            </g>
          );
        })}
        {expected !== null && (
          <g>
            {/*
              Across the bars only, so it never runs through a label. A light casing under the dark dashes: on a
              dark bar the casing stands out, on the light track and page the dashes do (statusColors.ts).
            */}
            {rows.map(({ b, split }, i) => {
              const y1 = tops[i] + 16 + (split ? LINE : 0);
              const y2 = tops[i] + 38 + (split ? LINE : 0);
              return (
                <g key={b.key} data-expected-line="">
                  <line x1={x(expected)} x2={x(expected)} y1={y1} y2={y2} stroke={CHART_EXPECTED_CASING} strokeWidth={6} />
                  <line x1={x(expected)} x2={x(expected)} y1={y1} y2={y2} stroke={CHART_EXPECTED} strokeWidth={2} strokeDasharray="4 2" />
                </g>
              );
            })}
            <text
              x={x(expected)}
              y={TOP - 6}
              fill={CHART_EXPECTED}
              fontWeight={600}
              textAnchor={x(expected) < w * 0.2 ? 'start' : x(expected) > w * 0.8 ? 'end' : 'middle'}
            >
              {props.expectedLabel}
            </text>
          </g>
        )}
        {[0, maxRate / 2, maxRate].map((f, i) => (
          <text key={i} x={x(f)} y={height - 4} fill={muted} textAnchor={i === 0 ? 'start' : i === 2 ? 'end' : 'middle'}>
            {`${Number((f * 100).toFixed(1))}%`}
          </text>
        ))}
      </svg>
    </div>
  );
}
