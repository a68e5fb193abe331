/** @jest-environment ./test/taskpane/jsdomEnvironment.js */
import '@testing-library/jest-dom';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen, within } from '@testing-library/react';
import { ReactElement } from 'react';

import { ErrorBoundary } from '../../src/taskpane/components/ErrorBoundary';
import { ProgressChart } from '../../src/taskpane/components/ProgressChart';
import { StatusBadge } from '../../src/taskpane/components/StatusBadge';
import { CHART_EXPECTED, CHART_EXPECTED_CASING, STATUS_BAR } from '../../src/taskpane/statusColors';

const wrap = (ui: ReactElement) => render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);

test('the chart is one labelled image whose bars all carry their rate and status as text', () => {
  const { container } = wrap(
    <ProgressChart
      bars={[
        { key: 'a', label: '省辖市', rate: 0.089, status: 'ok', statusLabel: '正常' },
        { key: 'b', label: '本科高校', rate: 0.067, status: 'amber', statusLabel: '预警' },
        { key: 'c', label: '济源示范区', rate: null, status: 'none', statusLabel: '—' },
      ]}
      expected={0.0833}
      title="各类别培训任务完成率与应达进度"
      description="应达进度 8.3%。省辖市 8.9%（正常）"
      expectedLabel="应达 8.3%"
      formatRate={(f) => `${(f * 100).toFixed(1)}%`}
      noData="—"
    />,
  );
  const img = screen.getByRole('img', { name: '各类别培训任务完成率与应达进度 应达进度 8.3%。省辖市 8.9%（正常）' });
  expect(within(img).getByText('8.9% 正常')).toBeInTheDocument();
  expect(within(img).getByText('6.7% 预警')).toBeInTheDocument();
  expect(within(img).getByText('应达 8.3%')).toBeInTheDocument();
  const fills = [...container.querySelectorAll('rect')].map((r) => r.getAttribute('fill'));
  expect(fills).toContain(STATUS_BAR.ok);
  expect(fills).toContain(STATUS_BAR.amber);
  // the axis ends on a round step above the largest value, and says so
  expect(within(img).getByText('10%')).toBeInTheDocument();
  // the expected-pace line over each bar: a wide light casing, the dark dashes on it (contrast.test.ts)
  const lines = [...container.querySelectorAll('[data-expected-line]')].map((g) =>
    [...g.querySelectorAll('line')].map((l) => [l.getAttribute('stroke'), Number(l.getAttribute('stroke-width')), l.getAttribute('stroke-dasharray')]),
  );
  expect(lines).toHaveLength(3);
  for (const [casing, dashes] of lines) {
    expect(casing).toEqual([CHART_EXPECTED_CASING, 6, null]);
    expect(dashes).toEqual([CHART_EXPECTED, 2, '4 2']);
  }
});

test('a status badge is its label; the colour only repeats it', () => {
  wrap(<StatusBadge status="red" label="滞后" />);
  const badge = screen.getByText('滞后');
  expect(badge).toHaveAttribute('data-status', 'red');
});

test('a screen that fails to draw shows the error and the advice; another screen clears it', () => {
  const Boom = () => {
    throw new Error('坏数据');
  };
  const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const { rerender } = wrap(
      <ErrorBoundary title="此页面显示出错" advice="请先下载主表" resetKey="a">
        <Boom />
      </ErrorBoundary>,
    );
    expect(screen.getByText('此页面显示出错')).toBeInTheDocument();
    expect(screen.getByText(/坏数据 请先下载主表/)).toBeInTheDocument();
    rerender(
      <FluentProvider theme={webLightTheme}>
        <ErrorBoundary title="此页面显示出错" advice="请先下载主表" resetKey="b">
          <p>好了</p>
        </ErrorBoundary>
      </FluentProvider>,
    );
    expect(screen.getByText('好了')).toBeInTheDocument();
  } finally {
    spy.mockRestore();
  }
});
