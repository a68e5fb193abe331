import { Caption1, Card, CardHeader, Subtitle2, makeStyles, tokens, typographyStyles, useId } from '@fluentui/react-components';
import { useMemo } from 'react';

import { Indicator, PerIndicator } from '../../core/indicators';
import { QuotaTable } from '../../core/units';
import { summarizeQuota } from '../quotaSummary';
import { Strings } from '../strings';

const useStyles = makeStyles({
  h1: { margin: 0 },
  p: { margin: 0 },
  section: { display: 'flex', flexDirection: 'column', rowGap: '8px' },
  h3: { ...typographyStyles.subtitle2, margin: 0 },
  statGrid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(128px, 1fr))',
    gap: '8px',
    margin: 0,
  },
  stat: {
    padding: '8px 10px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
    minWidth: 0,
  },
  dt: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2 },
  dd: { margin: 0, overflowWrap: 'anywhere' },
  bigValue: { ...typographyStyles.subtitle1, fontVariantNumeric: 'tabular-nums' },
  value: { ...typographyStyles.body1Strong, fontVariantNumeric: 'tabular-nums' },
  unit: {
    ...typographyStyles.caption1,
    color: tokens.colorNeutralForeground3,
    marginLeft: '2px',
    display: 'inline-block',
    whiteSpace: 'nowrap',
  },
  noQuota: { color: tokens.colorNeutralForeground3 },
  categoryList: {
    listStyleType: 'none',
    padding: 0,
    margin: 0,
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 290px), 1fr))',
    gap: '8px',
  },
  category: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: '8px 10px',
    display: 'flex',
    flexDirection: 'column',
    rowGap: '6px',
    minWidth: 0,
  },
  categoryHead: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    columnGap: '8px',
  },
  h4: { ...typographyStyles.body1Strong, margin: 0 },
  categoryGrid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    gap: '6px 12px',
    margin: 0,
  },
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0, 0, 0, 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
});

type Classes = ReturnType<typeof useStyles>;

function Amount(props: { value: number | null; unit: string; big?: boolean; t: Strings; fmt: Intl.NumberFormat; s: Classes }) {
  const { value, unit, big, t, fmt, s } = props;
  if (value === null) {
    return (
      <span className={s.noQuota} title={t.noQuota}>
        <span aria-hidden="true">—</span>
        <span className={s.visuallyHidden}>{t.noQuota}</span>
      </span>
    );
  }
  return (
    <>
      <span className={big ? s.bigValue : s.value}>{fmt.format(value)}</span>
      <span className={s.unit}>{unit}</span>
    </>
  );
}

function IndicatorList(props: {
  indicators: readonly Indicator[];
  values: PerIndicator<number | null>;
  big?: boolean;
  className: string;
  itemClassName?: string;
  t: Strings;
  fmt: Intl.NumberFormat;
  s: Classes;
}) {
  const { indicators, values, big, className, itemClassName, t, fmt, s } = props;
  return (
    <dl className={className}>
      {indicators.map((ind) => (
        <div key={ind.key} className={itemClassName}>
          <dt className={s.dt}>{t.indicatorLabel(ind)}</dt>
          <dd className={s.dd}>
            <Amount value={values[ind.key] ?? null} unit={t.indicatorUnit(ind)} big={big} t={t} fmt={fmt} s={s} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The task table at a glance: province totals and totals per category ("—" = no quota, never 0). */
export function QuotaCard(props: { table: QuotaTable; t: Strings; locale: string }) {
  const { table, t, locale } = props;
  const s = useStyles();
  const fmt = useMemo(() => new Intl.NumberFormat(locale), [locale]);
  const summary = useMemo(() => summarizeQuota(table), [table]);
  const cardTitleId = useId('quota-title');
  const totalsId = useId('totals');
  const categoriesId = useId('categories');
  return (
    <Card role="region" aria-labelledby={cardTitleId}>
      <CardHeader
        header={
          <Subtitle2 as="h2" id={cardTitleId} className={s.h1}>
            {t.quotaCardTitle(summary.year)}
          </Subtitle2>
        }
        description={
          <Caption1>
            {t.quotaCardSubtitle(summary.source)} · {t.unitCount(summary.unitCount)}
          </Caption1>
        }
      />
      <div role="group" className={s.section} aria-labelledby={totalsId}>
        <h3 id={totalsId} className={s.h3}>
          {t.provinceTotals}
        </h3>
        <IndicatorList indicators={summary.indicators} values={summary.province} big className={s.statGrid} itemClassName={s.stat} t={t} fmt={fmt} s={s} />
      </div>
      <div role="group" className={s.section} aria-labelledby={categoriesId}>
        <h3 id={categoriesId} className={s.h3}>
          {t.byCategory}
        </h3>
        <ul className={s.categoryList} aria-labelledby={categoriesId}>
          {summary.categories.map((c) => (
            <li key={c.category} className={s.category}>
              <div className={s.categoryHead}>
                <h4 className={s.h4}>{t.categoryLabel(c.category)}</h4>
                <Caption1>{t.unitCount(c.unitCount)}</Caption1>
              </div>
              <IndicatorList indicators={summary.indicators} values={c.totals} className={s.categoryGrid} t={t} fmt={fmt} s={s} />
            </li>
          ))}
        </ul>
        <Caption1 as="p" className={s.p}>
          {t.noQuotaNote}
        </Caption1>
      </div>
    </Card>
  );
}
