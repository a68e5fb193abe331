import { Button, Caption1, Field, Input, Spinner, makeStyles, tokens, typographyStyles, useId } from '@fluentui/react-components';
import { ArrowDownloadRegular, CopyRegular, OpenRegular } from '@fluentui/react-icons';
import { useMemo, useRef, useState } from 'react';

import { Notice } from './Notice';
import { copyText } from '../clipboard';
import { blobDownloadBlockedOn, openInBrowser, standalonePageUrl } from '../download';
import { nextMonth, useFollowingMonth } from '../followMonth';
import { usePane } from '../pane';
import { VIA_BROWSER_TEXT, ZIP_MIME, buildTemplatesDownload } from '../templatesDownload';
import { MonthSelect } from './MonthSelect';

export type SaveFile = (bytes: Uint8Array, fileName: string, mime?: string) => void;

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: '8px',
    paddingBottom: '12px',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  h2: { ...typographyStyles.subtitle2, margin: 0 },
  p: { margin: 0 },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: '8px 12px' },
  monthField: { width: '160px', maxWidth: '100%' },
  urlField: { flexGrow: 1, minWidth: '200px', maxWidth: '480px' },
});

type State = { kind: 'idle' } | { kind: 'building' } | { kind: 'done'; name: string; count: number } | { kind: 'failed'; text: string };

/**
 * Excel on Mac or iPad: the task pane cannot download (a blob link does nothing there), so the section says how to
 * get the templates (or, with `steps`, the circular) from the standalone page in a browser, opens it when this Excel can, and shows its address.
 */
export function ViaBrowser(props: { platform: 'Mac' | 'iOS'; steps?: string }) {
  const { locale } = usePane();
  const text = VIA_BROWSER_TEXT[locale];
  const s = useStyles();
  const url = useMemo(() => standalonePageUrl(), []);
  const urlRef = useRef<HTMLInputElement>(null);
  const [said, setSaid] = useState<string | null>(null);

  async function onCopy() {
    if (await copyText(url)) {
      setSaid(text.copied);
    } else {
      urlRef.current?.focus();
      urlRef.current?.select();
      setSaid(text.copyFailed);
    }
  }

  return (
    <>
      <Notice intent="warning" title={text.title(props.platform)}>
        {props.steps ?? text.steps}
      </Notice>
      <div className={s.row}>
        <Button appearance="primary" icon={<OpenRegular />} onClick={() => setSaid(openInBrowser(url) ? text.opened : text.cannotOpen)}>
          {text.open}
        </Button>
        <Field label={text.urlLabel} className={s.urlField}>
          <Input ref={urlRef} readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
        </Field>
        <Button icon={<CopyRegular />} onClick={() => void onCopy()}>
          {text.copy}
        </Button>
      </div>
      <div aria-live="polite">
        {said && (
          <Caption1 as="p" className={s.p}>
            {said}
          </Caption1>
        )}
      </div>
    </>
  );
}

/** 下载报表模板（.zip）: one pre-filled template per unit for the chosen month, saved like 下载主表. */
export function TemplatesDownload(props: { save: SaveFile }) {
  const { t, model } = usePane();
  const s = useStyles();
  const headingId = useId('templates');
  const blockedOn = useMemo(() => blobDownloadBlockedOn(), []);
  // The month whose report the units fill in next: 截至月份 + 1, following it.
  const [month, setMonth] = useFollowingMonth(model.month, nextMonth);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [builds, setBuilds] = useState(0);
  const building = state.kind === 'building';

  async function onDownload() {
    setState({ kind: 'building' });
    setBuilds((n) => n + 1);
    try {
      const zip = await buildTemplatesDownload(model, month);
      props.save(zip.bytes, zip.name, ZIP_MIME);
      setState({ kind: 'done', name: zip.name, count: zip.count });
    } catch (e) {
      setState({ kind: 'failed', text: e instanceof Error ? e.message : String(e) });
    }
  }

  return (
    <section className={s.root} aria-labelledby={headingId}>
      <h2 id={headingId} className={s.h2}>
        {t.templatesTitle}
      </h2>
      <Caption1 as="p" className={s.p}>
        {t.templatesIntro}
      </Caption1>
      {blockedOn ? (
        <ViaBrowser platform={blockedOn} />
      ) : (
        <>
          <div className={s.row}>
            <div className={s.monthField}>
              <MonthSelect
                label={t.templatesMonth}
                value={month}
                onChange={(m) => {
                  setMonth(m);
                  setState({ kind: 'idle' });
                }}
                monthName={t.monthName}
                disabled={building}
              />
            </div>
            <Button appearance="secondary" icon={<ArrowDownloadRegular />} disabled={building} onClick={onDownload}>
              {t.templatesButton}
            </Button>
          </div>
          <div aria-live="polite">{building && <Spinner size="tiny" labelPosition="after" label={t.templatesBuilding(model.table.units.length)} />}</div>
          <div>
            {state.kind === 'done' && (
              <Notice key={builds} intent="success">
                {t.templatesDone(state.count, state.name)}
              </Notice>
            )}
            {state.kind === 'failed' && (
              <Notice key={builds} intent="error" title={t.templatesFailed}>
                {state.text} {t.templatesFailedAdvice}
              </Notice>
            )}
          </div>
        </>
      )}
    </section>
  );
}
