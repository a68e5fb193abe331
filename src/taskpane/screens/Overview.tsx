import { Caption1, Field, Link, Select, makeStyles, tokens, typographyStyles, useId } from '@fluentui/react-components';
import { useMemo, useState } from 'react';

import { IndicatorKey } from '../../core/indicators';
import { expectedRate } from '../../core/pace';
import { gapPoints, statusReport } from '../../core/status';
import { BulletinDownload } from '../components/BulletinDownload';
import { MonthSelect } from '../components/MonthSelect';
import { Notice } from '../components/Notice';
import { ProgressChart } from '../components/ProgressChart';
import { StatusBadge } from '../components/StatusBadge';
import type { SaveFile } from '../components/TemplatesDownload';
import { useWidth } from '../components/useWidth';
import { CategoryProgress, behindUnits, categoryProgress, statusCounts } from '../overviewData';
import { usePane } from '../pane';

/** Below this width the six columns do not fit (the 320 px task pane): each category becomes a card. */
const TABLE_MIN_WIDTH = 440;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: '16px' },
  topRow: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: '8px 24px' },
  monthField: { width: '180px', maxWidth: '100%' },
  pace: { display: 'flex', flexDirection: 'column', rowGap: '2px' },
  paceValue: { ...typographyStyles.subtitle2 },
  h2: { ...typographyStyles.subtitle2, margin: 0 },
  counts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(128px, 1fr))',
    gap: '8px',
    margin: 0,
  },
  count: {
    padding: '8px 10px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
    display: 'flex',
    flexDirection: 'column',
    rowGap: '4px',
    minWidth: 0,
  },
  dt: { margin: 0 },
  dd: { ...typographyStyles.title3, margin: 0, fontVariantNumeric: 'tabular-nums' },
  section: { display: 'flex', flexDirection: 'column', rowGap: '8px', minWidth: 0 },
  chartGrid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 300px), 1fr))',
    gap: '16px',
    alignItems: 'start',
  },
  indicatorField: { width: '220px', maxWidth: '100%' },
  tableWrap: { overflowX: 'auto', maxWidth: '100%' },
  table: {
    borderCollapse: 'collapse',
    width: '100%',
    ...typographyStyles.caption1,
    '& th, & td': {
      padding: '4px 4px',
      borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
      textAlign: 'right',
      whiteSpace: 'nowrap',
    },
    '& th:first-child, & td:first-child': { textAlign: 'left', whiteSpace: 'normal' },
    '& thead th': { ...typographyStyles.caption1Strong, color: tokens.colorNeutralForeground2 },
  },
  caption: { ...typographyStyles.caption1Strong, textAlign: 'left', paddingBottom: '4px' },
  cardsTitle: { ...typographyStyles.caption1Strong, margin: 0 },
  cards: { listStyleType: 'none', margin: '4px 0 0', padding: 0, display: 'flex', flexDirection: 'column', rowGap: '6px' },
  card: {
    padding: '6px 8px',
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    display: 'flex',
    flexDirection: 'column',
    rowGap: '4px',
  },
  cardHead: { display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', columnGap: '8px' },
  cardName: { ...typographyStyles.body1Strong, minWidth: 0, overflowWrap: 'anywhere' },
  cardFigures: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    gap: '2px 12px',
    margin: 0,
    ...typographyStyles.caption1,
    '& div': { display: 'flex', justifyContent: 'space-between', columnGap: '6px' },
    '& dt': { color: tokens.colorNeutralForeground2 },
    '& dd': { margin: 0, fontVariantNumeric: 'tabular-nums' },
  },
  num: { fontVariantNumeric: 'tabular-nums' },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  item: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: '2px',
    padding: '6px 0',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  itemHead: { display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', columnGap: '8px' },
  unitName: { ...typographyStyles.body1Strong, minWidth: 0, overflowWrap: 'anywhere' },
  detail: { color: tokens.colorNeutralForeground2 },
});

export function Overview(props: { save: SaveFile }) {
  const { t, host, model, run, act, refresh } = usePane();
  const s = useStyles();
  const [chosen, setIndicator] = useState<IndicatorKey>(model.table.indicators[0].key);
  // A master with other indicators (a new one opened) falls back to its first.
  const indicator = model.table.indicators.some((i) => i.key === chosen) ? chosen : model.table.indicators[0].key;
  const countsId = useId('counts');
  const chartHeadingId = useId('chart-heading');
  const behindId = useId('behind');

  const report = useMemo(() => statusReport(model.table, model.ledger, model.month, model.pace), [model]);
  const counts = statusCounts(report);
  const expected = expectedRate(model.pace, model.month);
  const categories = useMemo(() => categoryProgress(model, indicator), [model, indicator]);
  const behind = useMemo(() => behindUnits(report, model.table.indicators), [report, model.table.indicators]);
  const indicatorOf = (key: IndicatorKey) => model.table.indicators.find((i) => i.key === key)!;
  const indicatorLabel = t.indicatorLabel(indicatorOf(indicator));
  const canSelect = typeof host.selectUnit === 'function';

  async function onMonth(month: number) {
    if (await act('action', () => host.master.setMonth(month))) refresh(true);
  }

  const chartBars = categories.map((c) => ({
    key: c.category,
    label: t.categoryLabel(c.category),
    rate: c.rate,
    status: c.status,
    statusLabel: t.statusLabel[c.status],
  }));

  return (
    <div className={s.root}>
      <div className={s.topRow}>
        <div className={s.monthField}>
          <MonthSelect
            label={t.monthInView}
            value={model.month}
            onChange={onMonth}
            monthName={t.monthName}
            noneLabel={model.month === 0 ? t.monthNone : undefined}
          />
        </div>
        <div className={s.pace}>
          <Caption1>{t.expectedPace}</Caption1>
          <span className={s.paceValue}>{t.expectedPaceValue(expected, model.month)}</span>
          <Caption1>{t.bandValue(model.pace.band)}</Caption1>
        </div>
      </div>

      {model.month === 0 && <Notice intent="info">{t.monthZeroHint}</Notice>}

      <section className={s.section} aria-labelledby={countsId}>
        <h2 id={countsId} className={s.h2}>
          {t.countsTitle}
        </h2>
        <dl className={s.counts} data-testid="status-counts">
          {(['ok', 'amber', 'red', 'none'] as const).map((status) => (
            <div key={status} className={s.count} data-count={status}>
              <dt className={s.dt}>
                <StatusBadge status={status} label={status === 'none' ? t.statusNoneLong : t.statusLabel[status]} />
              </dt>
              <dd className={s.dd}>{t.countValue(counts[status])}</dd>
            </div>
          ))}
          <div className={s.count} data-count="missing">
            <dt className={s.dt}>
              <Caption1>{t.missingCount(model.month)}</Caption1>
            </dt>
            <dd className={s.dd}>{t.countValue(counts.missing)}</dd>
          </div>
        </dl>
        <Caption1>{t.countsHint}</Caption1>
      </section>

      <section className={s.section} aria-labelledby={chartHeadingId}>
        <h2 id={chartHeadingId} className={s.h2}>
          {t.chartTitle(indicatorLabel)}
        </h2>
        <Field label={t.chartIndicator} className={s.indicatorField}>
          <Select value={indicator} onChange={(_, d) => setIndicator(d.value as IndicatorKey)}>
            {model.table.indicators.map((i) => (
              <option key={i.key} value={i.key}>
                {t.indicatorLabel(i)}
              </option>
            ))}
          </Select>
        </Field>
        <div className={s.chartGrid}>
          <ProgressChart
            bars={chartBars}
            expected={model.month ? expected : null}
            title={t.chartTitle(indicatorLabel)}
            description={t.chartDesc(
              t.percent(expected),
              chartBars.map((b) => t.chartItem(b.label, b.rate === null ? t.noData : t.percent(b.rate), b.statusLabel)).join('；'),
            )}
            expectedLabel={t.chartExpected(t.percent(expected))}
            formatRate={t.percent}
            noData={t.noData}
          />
          <CategoryFigures categories={categories} caption={t.tableCaption(indicatorLabel)} expected={model.month ? expected : null} />
        </div>
      </section>

      <section className={s.section} aria-labelledby={behindId}>
        <h2 id={behindId} className={s.h2}>
          {t.behindTitle}
        </h2>
        {canSelect && behind.length > 0 && <Caption1>{t.selectUnitHint}</Caption1>}
        {behind.length === 0 ? (
          <Caption1>{t.behindEmpty}</Caption1>
        ) : (
          <ol className={s.list} aria-labelledby={behindId}>
            {behind.map((u) => (
              <li key={u.id} className={s.item} data-unit-id={u.id}>
                <div className={s.itemHead}>
                  {canSelect ? (
                    <Link as="button" className={s.unitName} aria-label={t.selectUnit(u.name)} onClick={() => void run('action', () => host.selectUnit!(u.id))}>
                      {u.name}
                    </Link>
                  ) : (
                    <span className={s.unitName}>{u.name}</span>
                  )}
                  <StatusBadge status={u.status} label={t.statusLabel[u.status]} />
                </div>
                <Caption1 className={s.detail}>
                  {t.categoryLabel(u.category)} · {t.indicatorLabel(indicatorOf(u.indicator))} {t.percent(u.rate)} · {t.col.gap} {t.gapPoints(u.gap)}
                </Caption1>
              </li>
            ))}
          </ol>
        )}
      </section>

      <BulletinDownload save={props.save} />
    </div>
  );
}

/**
 * The chart's numbers per category: a table where its six columns fit, one card per category where they do not
 * (at 320 px the table hid its 状态 column off-screen with no cue).
 */
function CategoryFigures(props: { categories: readonly CategoryProgress[]; caption: string; expected: number | null }) {
  const { t } = usePane();
  const s = useStyles();
  const [ref, width] = useWidth<HTMLDivElement, null>(null);
  const captionId = useId('category-figures');
  const rows = props.categories.map((c) => ({
    c,
    cumulative: c.cumulative === null ? t.noData : c.cumulative.toLocaleString('en-US'),
    annual: c.annual === null ? t.noQuota : c.annual.toLocaleString('en-US'),
    rate: c.rate === null ? t.noData : t.percent(c.rate),
    gap: (() => {
      const gap = props.expected === null ? null : gapPoints(c.rate, props.expected);
      return gap === null ? t.noData : t.gapShort(gap);
    })(),
  }));
  const narrow = width !== null && width < TABLE_MIN_WIDTH;
  return (
    <div ref={ref} className={s.tableWrap} data-layout={narrow ? 'cards' : 'table'}>
      {narrow ? (
        <>
          <p id={captionId} className={s.cardsTitle}>
            {props.caption}
          </p>
          <ul className={s.cards} aria-labelledby={captionId}>
            {rows.map(({ c, ...v }) => (
              <li key={c.category} className={s.card} data-category={c.category}>
                <div className={s.cardHead}>
                  <span className={s.cardName}>{t.categoryLabel(c.category)}</span>
                  <StatusBadge status={c.status} label={t.statusLabel[c.status]} />
                </div>
                <dl className={s.cardFigures}>
                  {(
                    [
                      ['cumulative', v.cumulative],
                      ['annual', v.annual],
                      ['rate', v.rate],
                      ['gapPoints', v.gap],
                    ] as const
                  ).map(([col, text]) => (
                    <div key={col}>
                      <dt>{t.col[col]}</dt>
                      <dd>{text}</dd>
                    </div>
                  ))}
                </dl>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <table className={s.table}>
          <caption className={s.caption}>{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.col.category}</th>
              <th scope="col">{t.col.cumulative}</th>
              <th scope="col">{t.col.annual}</th>
              <th scope="col">{t.col.rate}</th>
              <th scope="col">{t.col.gapPoints}</th>
              <th scope="col">{t.col.status}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ c, ...v }) => (
              <tr key={c.category} data-category={c.category}>
                <th scope="row">{t.categoryLabel(c.category)}</th>
                <td className={s.num}>{v.cumulative}</td>
                <td className={s.num}>{v.annual}</td>
                <td className={s.num}>{v.rate}</td>
                <td className={s.num}>{v.gap}</td>
                <td>
                  <StatusBadge status={c.status} label={t.statusLabel[c.status]} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
