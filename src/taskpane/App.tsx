import {
  Body1,
  Button,
  Caption1,
  Card,
  CardFooter,
  CardHeader,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle2,
  Title3,
  makeStyles,
  tokens,
  typographyStyles,
  useId,
} from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import { useMemo, useState } from 'react';

import { INDICATORS, IndicatorKey, PerIndicator } from '../core/indicators';
import { QuotaTable } from '../core/units';
import { embeddedQuota2023 } from '../quota/embedded2023';
import { buildMasterFile } from './buildMaster';
import { saveFile } from './download';
import { summarizeQuota } from './quotaSummary';
import { DEFAULT_LOCALE, HostStatus, Locale, Strings, getStrings } from './strings';

export interface AppProps {
  locale?: Locale;
  /** How the page was opened: decides the notice at the top. */
  hostStatus?: HostStatus;
  table?: QuotaTable;
  /** Seams for tests; the defaults build with ExcelJS and download through the browser. */
  buildMaster?: (table: QuotaTable) => Promise<Uint8Array>;
  save?: (bytes: Uint8Array, fileName: string) => void;
}

type Job = { kind: 'idle' } | { kind: 'working' } | { kind: 'done'; fileName: string } | { kind: 'error'; message: string };

const useStyles = makeStyles({
  root: {
    boxSizing: 'border-box',
    maxWidth: '1040px',
    marginLeft: 'auto',
    marginRight: 'auto',
    padding: '12px',
    display: 'flex',
    flexDirection: 'column',
    rowGap: '12px',
  },
  header: { display: 'flex', flexDirection: 'column', rowGap: '4px' },
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
  footer: { flexDirection: 'column', alignItems: 'stretch', rowGap: '8px' },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '8px' },
  button: { maxWidth: '100%' },
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
  values: PerIndicator<number | null>;
  big?: boolean;
  className: string;
  itemClassName?: string;
  t: Strings;
  fmt: Intl.NumberFormat;
  s: Classes;
}) {
  const { values, big, className, itemClassName, t, fmt, s } = props;
  return (
    <dl className={className}>
      {INDICATORS.map(({ key }: { key: IndicatorKey }) => (
        <div key={key} className={itemClassName}>
          <dt className={s.dt}>{t.indicatorLabel[key]}</dt>
          <dd className={s.dd}>
            <Amount value={values[key]} unit={t.indicatorUnit[key]} big={big} t={t} fmt={fmt} s={s} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function App(props: AppProps) {
  const {
    locale = DEFAULT_LOCALE,
    hostStatus = 'standalone',
    table: givenTable,
    buildMaster = buildMasterFile,
    save = saveFile,
  } = props;
  const s = useStyles();
  const t = getStrings(locale);
  const fmt = useMemo(() => new Intl.NumberFormat(locale), [locale]);
  const table = useMemo(() => givenTable ?? embeddedQuota2023(), [givenTable]);
  const summary = useMemo(() => summarizeQuota(table), [table]);
  const [job, setJob] = useState<Job>({ kind: 'idle' });

  const cardTitleId = useId('quota-title');
  const totalsId = useId('totals');
  const categoriesId = useId('categories');
  const hintId = useId('new-master-hint');

  const notice = t.hostNotice[hostStatus];

  async function onNewMaster() {
    if (job.kind === 'working') return;
    setJob({ kind: 'working' });
    try {
      const bytes = await buildMaster(table);
      const fileName = t.masterFileName(table.year);
      save(bytes, fileName);
      setJob({ kind: 'done', fileName });
    } catch (e) {
      setJob({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  }

  return (
    <main className={s.root} lang={locale}>
      <header className={s.header}>
        <Title3 as="h1" className={s.h1}>
          {t.appTitle}
        </Title3>
        <Body1 as="p" className={s.p}>
          {t.intro}
        </Body1>
      </header>

      {notice && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{notice.title}</MessageBarTitle>
            {notice.body} <Link href="index.html">{t.standaloneLinkText}</Link>
          </MessageBarBody>
        </MessageBar>
      )}

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
          <IndicatorList
            values={summary.province}
            big
            className={s.statGrid}
            itemClassName={s.stat}
            t={t}
            fmt={fmt}
            s={s}
          />
        </div>

        <div role="group" className={s.section} aria-labelledby={categoriesId}>
          <h3 id={categoriesId} className={s.h3}>
            {t.byCategory}
          </h3>
          <ul className={s.categoryList} aria-labelledby={categoriesId}>
            {summary.categories.map((c) => (
              <li key={c.category} className={s.category}>
                <div className={s.categoryHead}>
                  <h4 className={s.h4}>{t.categoryLabel[c.category]}</h4>
                  <Caption1>{t.unitCount(c.unitCount)}</Caption1>
                </div>
                <IndicatorList values={c.totals} className={s.categoryGrid} t={t} fmt={fmt} s={s} />
              </li>
            ))}
          </ul>
          <Caption1 as="p" className={s.p}>
            {t.noQuotaNote}
          </Caption1>
        </div>

        <CardFooter className={s.footer}>
          <Body1 as="p" id={hintId} className={s.p}>
            {t.newMasterHint}
          </Body1>
          <div className={s.actions}>
            <Button
              appearance="primary"
              className={s.button}
              icon={<ArrowDownloadRegular />}
              aria-describedby={hintId}
              disabledFocusable={job.kind === 'working'}
              onClick={onNewMaster}
            >
              {t.newMasterButton}
            </Button>
            <div role="status" aria-live="polite">
              {job.kind === 'working' && <Spinner size="tiny" label={t.working} labelPosition="after" />}
            </div>
          </div>
          {job.kind === 'done' && (
            <MessageBar intent="success" layout="multiline">
              <MessageBarBody>{t.downloaded(job.fileName)}</MessageBarBody>
            </MessageBar>
          )}
          {job.kind === 'error' && (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>{t.errorTitle}</MessageBarTitle>
                {job.message}
              </MessageBarBody>
            </MessageBar>
          )}
        </CardFooter>
      </Card>
    </main>
  );
}

export default App;
