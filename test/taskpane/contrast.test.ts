import { STATUS_COLORS } from '../../src/workbook/spec';
import {
  CHART_BACKGROUND,
  CHART_EXPECTED,
  CHART_EXPECTED_CASING,
  CHART_TRACK,
  STATUS_BADGE,
  STATUS_BAR,
  contrastRatio,
  relativeLuminance,
} from '../../src/taskpane/statusColors';

describe('status colours meet WCAG 2 AA (numerically)', () => {
  test('the contrast formula gives the known reference values', () => {
    expect(contrastRatio('#000000', '#FFFFFF')).toBeCloseTo(21, 5);
    expect(contrastRatio('#FFFFFF', '#FFFFFF')).toBeCloseTo(1, 5);
    expect(contrastRatio('#767676', '#FFFFFF')).toBeCloseTo(4.54, 2); // the classic AA grey
    expect(relativeLuminance('#FFFFFF')).toBeCloseTo(1, 10);
  });

  test.each(Object.entries(STATUS_BADGE))('badge %s: label text on its fill ≥ 4.5:1', (_, { background, color }) => {
    expect(contrastRatio(color, background)).toBeGreaterThanOrEqual(4.5);
  });

  test('badges use the master workbook’s own status pairs', () => {
    for (const key of ['ok', 'amber', 'red'] as const) {
      expect(STATUS_BADGE[key]).toEqual({ background: `#${STATUS_COLORS[key].fill}`, color: `#${STATUS_COLORS[key].font}` });
    }
  });

  test.each(Object.entries(STATUS_BAR))('chart bar %s on the page ≥ 3:1 (non-text contrast)', (_, color) => {
    expect(contrastRatio(color, CHART_BACKGROUND)).toBeGreaterThanOrEqual(3);
  });

  test('the expected-pace line stands out from the page (≥ 3:1)', () => {
    expect(contrastRatio(CHART_EXPECTED, CHART_BACKGROUND)).toBeGreaterThanOrEqual(3);
  });

  // Where the dashed line crosses a bar it must still be seen: either its dashes or its casing stand out from
  // what is behind them (≥ 3:1), and the dashes stand out from the casing.
  test.each([...Object.entries(STATUS_BAR).map(([k, c]) => [`bar ${k}`, c]), ['track', CHART_TRACK], ['page', CHART_BACKGROUND]])(
    'the expected-pace line is visible on the %s (%s)',
    (_, behind) => {
      const best = Math.max(contrastRatio(CHART_EXPECTED, behind), contrastRatio(CHART_EXPECTED_CASING, behind));
      expect(best).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(CHART_EXPECTED, CHART_EXPECTED_CASING)).toBeGreaterThanOrEqual(3);
    },
  );

  test('the line alone (as before) fails on the bars: the casing is needed', () => {
    expect(Math.min(...Object.values(STATUS_BAR).map((c) => contrastRatio(CHART_EXPECTED, c)))).toBeLessThan(3);
  });
});
