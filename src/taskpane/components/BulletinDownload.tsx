import { Button, Caption1, Spinner, makeStyles, tokens, typographyStyles, useId } from '@fluentui/react-components';
import { DocumentTextRegular } from '@fluentui/react-icons';
import { useMemo, useState } from 'react';

import { DOCX_MIME, buildBulletinDownload } from '../bulletinDownload';
import { blobDownloadBlockedOn } from '../download';
import { monthInViewOrFirst, useFollowingMonth } from '../followMonth';
import { usePane } from '../pane';
import { VIA_BROWSER_TEXT } from '../templatesDownload';
import { MonthSelect } from './MonthSelect';
import { Notice } from './Notice';
import { SaveFile, ViaBrowser } from './TemplatesDownload';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: '8px',
    paddingTop: '12px',
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  h2: { ...typographyStyles.subtitle2, margin: 0 },
  p: { margin: 0 },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: '8px 12px' },
  monthField: { width: '160px', maxWidth: '100%' },
});

type State = { kind: 'idle' } | { kind: 'building' } | { kind: 'done'; name: string; chartProblem: string | null } | { kind: 'failed'; text: string };

/**
 * 生成通报（Word）: the progress circular of the chosen month (截至月份 by default) built in the browser from the
 * open master, and saved like 下载主表. Read-only: the master is not touched.
 */
export function BulletinDownload(props: { save: SaveFile }) {
  const { t, locale, model } = usePane();
  const s = useStyles();
  const headingId = useId('bulletin');
  const blockedOn = useMemo(() => blobDownloadBlockedOn(), []);
  const [month, setMonth] = useFollowingMonth(model.month, monthInViewOrFirst);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [builds, setBuilds] = useState(0);
  const building = state.kind === 'building';

  async function onBuild() {
    setState({ kind: 'building' });
    setBuilds((n) => n + 1);
    try {
      const file = await buildBulletinDownload(model, month);
      props.save(file.bytes, file.name, DOCX_MIME);
      setState({ kind: 'done', name: file.name, chartProblem: file.chartProblem });
    } catch (e) {
      setState({ kind: 'failed', text: e instanceof Error ? e.message : String(e) });
    }
  }

  return (
    <section className={s.root} aria-labelledby={headingId} aria-busy={building}>
      <h2 id={headingId} className={s.h2}>
        {t.bulletinTitle}
      </h2>
      <Caption1 as="p" className={s.p}>
        {t.bulletinIntro}
      </Caption1>
      {blockedOn ? (
        <ViaBrowser platform={blockedOn} steps={VIA_BROWSER_TEXT[locale].bulletinSteps} />
      ) : (
        <>
          <div className={s.row}>
            <div className={s.monthField}>
              <MonthSelect
                label={t.bulletinMonth}
                value={month}
                onChange={(m) => {
                  setMonth(m);
                  setState({ kind: 'idle' });
                }}
                monthName={t.monthName}
                disabled={building}
              />
            </div>
            <Button appearance="secondary" icon={<DocumentTextRegular />} disabledFocusable={building} onClick={() => void onBuild()}>
              {t.bulletinButton}
            </Button>
          </div>
          {month > model.month && (
            <Caption1 as="p" className={s.p}>
              {t.bulletinLaterMonth(month, model.month)}
            </Caption1>
          )}
          <div aria-live="polite">{building && <Spinner size="tiny" labelPosition="after" label={t.bulletinBuilding} />}</div>
          <div>
            {state.kind === 'done' && (
              <Notice key={builds} intent={state.chartProblem ? 'warning' : 'success'}>
                {t.bulletinDone(state.name)}
                {state.chartProblem && ` ${t.bulletinNoChart(state.chartProblem)}`}
              </Notice>
            )}
            {state.kind === 'failed' && (
              <Notice key={builds} intent="error" title={t.bulletinFailed}>
                {state.text} {t.bulletinFailedAdvice}
              </Notice>
            )}
          </div>
        </>
      )}
    </section>
  );
}
