import {
  AriaLiveAnnouncer,
  Body1,
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Link,
  Spinner,
  Tab,
  TabList,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownloadRegular, ArrowSyncRegular, DocumentAddRegular, FolderOpenRegular, GlobeRegular, TableAddRegular } from '@fluentui/react-icons';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';

import { QuotaTable } from '../core/units';
import { AssistantHost } from '../host/host';
import { embeddedQuota2023 } from '../quota/embedded2023';
import { isUserError } from '../workflow/userError';
import { isCodeLoadError } from './codeLoadError';
import { ErrorBoundary } from './components/ErrorBoundary';
import { HiddenFileInput } from './components/HiddenFileInput';
import { Notice } from './components/Notice';
import { RibbonOutcomeNotice } from './components/RibbonOutcomeNotice';
import { SaveFile } from './components/TemplatesDownload';
import { saveFile } from './download';
import { fileBytes } from './fileBytes';
import { useFocusAfter } from './focusAfter';
import { ErrorKind, Pane, PaneContext } from './pane';
import { SWITCH_TO_EXCEL_TEXT } from './paneStart';
import { ReportParser, mainThreadParser } from './reportParser';
import { ImportMerge } from './screens/ImportMerge';
import { ManualEntry } from './screens/ManualEntry';
import { Overview } from './screens/Overview';
import { QuotaCard } from './screens/QuotaCard';
import { QuotaImport } from './screens/QuotaImport';
import { Reminders } from './screens/Reminders';
import { Settings } from './screens/Settings';
import { DEFAULT_LOCALE, HostStatus, Locale, TabKey, getStrings, pickLocale } from './strings';

export interface AppProps {
  /** The only way to the master: the Excel host in Excel, the file host in the standalone page. */
  host: AssistantHost;
  locale?: Locale;
  /** How the page was opened: decides the notice at the top. */
  hostStatus?: HostStatus;
  /** Reads report files for the import list (the entries pass the Web Worker parser). */
  parser?: ReportParser;
  /** The task table for 新建主表 (default: the embedded 2023 table). */
  table?: QuotaTable;
  /** Set when Excel got ready only after the pane came up on the file host: offers the switch (paneStart.ts). */
  switchToExcel?: () => void;
  /** Seams for tests. */
  save?: SaveFile;
  today?: () => Date;
}

type Notice = { intent: 'success' | 'error' | 'info' | 'warning'; title?: string; text: string; seq?: number };

const TABS: TabKey[] = ['overview', 'import', 'manual', 'remind', 'settings'];

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
  header: { display: 'flex', alignItems: 'flex-start', justifyContent: 'space-between', columnGap: '8px' },
  titles: { display: 'flex', flexDirection: 'column', rowGap: '2px', minWidth: 0 },
  language: { flexShrink: 0, whiteSpace: 'nowrap' },
  h1: { margin: 0 },
  label: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  p: { margin: 0 },
  toolbar: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', padding: 0, gap: '4px 8px' },
  tabs: { flexWrap: 'wrap', borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  panel: { outlineOffset: '4px', minWidth: 0 },
  welcome: { display: 'flex', flexDirection: 'column', rowGap: '12px' },
});

/** Errors whose message already says what to fix (isUserError, shared with the ribbon); anything else gets the generic advice too. */
function errorText(e: unknown): { text: string; known: boolean } {
  return { text: e instanceof Error ? e.message : String(e), known: isUserError(e) };
}

export function App(props: AppProps) {
  const { host, hostStatus = host.kind === 'excel' ? 'excel' : 'standalone', save = saveFile } = props;
  const s = useStyles();
  const [locale, setLocale] = useState<Locale>(props.locale ?? DEFAULT_LOCALE);
  const t = getStrings(locale);
  const table = useMemo(() => props.table ?? embeddedQuota2023(), [props.table]);
  const parser = useMemo(() => props.parser ?? mainThreadParser(), [props.parser]);
  // The master and the outcomes of every shell (the ribbon's too), as the command layer publishes them.
  const master = useSyncExternalStore(host.master.subscribe, host.master.state);
  const model = master.model;
  const ribbon = master.lastBy.ribbon ?? null;
  const [ribbonSeen, setRibbonSeen] = useState(0);
  const [loading, setLoading] = useState(host.master.state().model === null);
  const [dirty, setDirty] = useState(false);
  const [tab, setTab] = useState<TabKey>('overview');
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState<null | (() => void)>(null);
  const [importing, setImporting] = useState(false);
  const [generation, setGeneration] = useState(0);
  const openRef = useRef<HTMLInputElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const noticeSeq = useRef(0);
  const [resultRef, focusResult] = useFocusAfter<HTMLDivElement>();
  const fileHost = host.kind === 'file';
  /** A new message in the notice area: a new element, so Fluent announces it. */
  const say = useCallback((n: Notice) => setNotice({ ...n, seq: ++noticeSeq.current }), []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const run = useCallback(
    async <T,>(kind: ErrorKind, action: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await action();
      } catch (e) {
        const t = getStrings(locale);
        const state = host.master.state();
        const hasMaster = state.model !== null;
        const { text, known } = errorText(e);
        const shown = isCodeLoadError(e)
          ? t.codeLoadFailed(fileHost && hasMaster && dirty)
          : known
            ? text
            : `${text} ${hasMaster ? t.unexpectedAdvice : t.unexpectedAdviceNoMaster}`;
        say({ intent: 'error', title: t.errorTitle[kind], text: shown });
        return undefined;
      }
    },
    [locale, say, host, fileHost, dirty],
  );

  const act = useCallback(
    async (kind: ErrorKind, action: () => Promise<unknown>): Promise<boolean> =>
      (await run(kind, async () => {
        await action();
        return true;
      })) === true,
    [run],
  );

  const refresh = useCallback(
    (changed: boolean) => {
      if (changed) {
        setDirty(true);
        // "Created" / "downloaded" no longer describe the master: the screen that acted shows its own result.
        setNotice((n) => (n && n.intent !== 'error' ? null : n));
        setRibbonSeen(host.master.state().lastBy.ribbon?.id ?? 0);
      }
    },
    [host],
  );

  // The master at start: the open workbook (Excel), or nothing yet (the file host starts empty).
  useEffect(() => {
    if (host.master.state().model) return undefined;
    let live = true;
    void (async () => {
      await run('load', () => host.master.load());
      if (live) setLoading(false);
    })();
    return () => {
      live = false;
    };
  }, [host, run]);

  useEffect(() => {
    if (!dirty || !fileHost) return undefined;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty, fileHost]);

  useEffect(() => {
    if (notice?.intent === 'error') noticeRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [notice]);

  /** New or other master: ask first when the open one has changes that were not downloaded. */
  function guard(action: () => void) {
    if (fileHost && dirty && model) setConfirm(() => action);
    else action();
  }

  /** 新建主表 from the embedded table, or from a new year's table checked in the import panel. */
  async function onCreate(from: QuotaTable = table) {
    setBusy(true);
    setNotice(null);
    const created = await run('create', () => host.create(from));
    setBusy(false);
    if (created) {
      setImporting(false);
      setDirty(false);
      setGeneration((g) => g + 1);
      setTab('overview');
      say({ intent: 'success', text: t.created(host.masterLabel()) });
      // The button pressed is gone or disabled: the focus goes to what happened.
      focusResult();
    }
  }

  async function onOpen(file: File) {
    setBusy(true);
    setNotice(null);
    const opened = await run('open', async () => host.openMaster!({ name: file.name, bytes: await fileBytes(file) }));
    setBusy(false);
    if (opened) {
      setDirty(false);
      setGeneration((g) => g + 1);
      setTab('overview');
      say({ intent: 'success', text: t.opened(host.masterLabel()) });
      focusResult();
    }
  }

  async function onDownload() {
    setNotice(null);
    const name = await run('download', async () => {
      const file = await host.download!();
      save(file.bytes, file.name);
      return file.name;
    });
    if (name) {
      setDirty(false);
      say({ intent: 'success', text: t.downloaded(name) });
    }
  }

  async function onReload() {
    setBusy(true);
    setNotice(null);
    const loaded = await run('load', () => host.master.load());
    setBusy(false);
    if (loaded !== undefined) {
      setGeneration((g) => g + 1);
      say({ intent: 'success', text: t.reloaded });
      focusResult();
    }
  }

  const pane: Pane | null = model ? { t, locale, host, model, parser, refresh, run, act, today: props.today ?? (() => new Date()) } : null;
  const hostNotice = t.hostNotice[hostStatus];
  const missing = host.missingFeatures();
  // Same rule as 新建主表: in Excel only a workbook that is not a master yet gets a new one.
  const canCreate = fileHost || (!model && !loading);

  return (
    <AriaLiveAnnouncer>
      <main className={s.root} lang={locale}>
        <header className={s.header}>
          <div className={s.titles}>
            <Title3 as="h1" className={s.h1}>
              {t.appTitle}
            </Title3>
            {model && <Caption1 className={s.label}>{t.masterLabel(host.masterLabel())}</Caption1>}
          </div>
          <Button
            appearance="subtle"
            size="small"
            className={s.language}
            icon={<GlobeRegular />}
            lang={t.languageSwitchLang}
            onClick={() => setLocale(pickLocale(t.languageSwitchLang))}
          >
            {t.languageSwitch}
          </Button>
        </header>

        {props.switchToExcel ? (
          <Notice intent="info" title={SWITCH_TO_EXCEL_TEXT[locale].title}>
            {SWITCH_TO_EXCEL_TEXT[locale].body}{' '}
            <Button size="small" appearance="primary" onClick={props.switchToExcel}>
              {SWITCH_TO_EXCEL_TEXT[locale].button}
            </Button>
          </Notice>
        ) : (
          hostNotice && (
            <Notice intent="warning" title={hostNotice.title}>
              {hostNotice.body} <Link href="index.html">{t.standaloneLinkText}</Link>
            </Notice>
          )
        )}
        {missing.length > 0 && (
          <Notice intent="warning" title={t.missingFeaturesTitle}>
            {missing.join(' ')}
          </Notice>
        )}

        {/* A plain group, not a Fluent Toolbar: every button is its own Tab stop (a toolbar is one, with arrow keys). */}
        <div role="group" aria-label={t.masterActions} className={s.toolbar}>
          {canCreate && (
            <Button
              appearance={model ? 'secondary' : 'primary'}
              icon={<DocumentAddRegular />}
              disabled={loading}
              disabledFocusable={busy && !loading}
              onClick={() => guard(() => void onCreate())}
            >
              {fileHost ? t.newMaster : t.newMasterInWorkbook}
            </Button>
          )}
          {canCreate && (
            <Button
              icon={<TableAddRegular />}
              disabled={loading}
              disabledFocusable={busy && !loading}
              aria-expanded={importing}
              onClick={() => setImporting((v) => !v)}
            >
              {t.quotaImportOpen}
            </Button>
          )}
          {host.openMaster && (
            <>
              <Button
                icon={<FolderOpenRegular />}
                disabled={loading}
                disabledFocusable={busy && !loading}
                onClick={() => guard(() => openRef.current?.click())}
              >
                {t.openMaster}
              </Button>
              <HiddenFileInput
                ref={openRef}
                label={t.openMasterInput}
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onFiles={([file]) => void onOpen(file)}
              />
            </>
          )}
          {host.download && model && (
            <Button appearance={dirty ? 'primary' : 'secondary'} icon={<ArrowDownloadRegular />} disabledFocusable={busy} onClick={onDownload}>
              {t.downloadMaster}
            </Button>
          )}
          {!fileHost && (
            <Button icon={<ArrowSyncRegular />} disabled={loading} disabledFocusable={busy && !loading} onClick={onReload}>
              {t.reloadMaster}
            </Button>
          )}
          {busy && <Spinner size="tiny" label={t.working} labelPosition="after" />}
        </div>

        <div ref={noticeRef}>
          {notice && (
            <Notice key={notice.seq} ref={resultRef} focusable intent={notice.intent} title={notice.title}>
              {notice.text}
            </Notice>
          )}
          {fileHost && dirty && !notice && <Notice intent="info">{t.unsavedWarning}</Notice>}
          {ribbon && ribbon.id > ribbonSeen && <RibbonOutcomeNotice outcome={ribbon} locale={locale} onDismiss={() => setRibbonSeen(ribbon.id)} />}
        </div>

        {loading && <Spinner size="small" label={t.loadingMaster} />}

        {importing && canCreate && (
          <QuotaImport
            previous={model?.table ?? table}
            t={t}
            locale={locale}
            busy={busy}
            onCreate={(imported) => guard(() => void onCreate(imported))}
            onClose={() => setImporting(false)}
          />
        )}

        {!loading && !pane && !importing && (
          <div className={s.welcome}>
            <Body1 as="p" className={s.p}>
              {t.intro}
            </Body1>
            <Notice intent="info" title={t.welcomeTitle}>
              {fileHost ? t.welcomeFile : t.welcomeExcel}
            </Notice>
            <QuotaCard table={table} t={t} locale={locale} />
          </div>
        )}

        {pane && (
          <PaneContext.Provider value={pane}>
            <TabList
              size="small"
              className={s.tabs}
              selectedValue={tab}
              onTabSelect={(_, d) => {
                setTab(d.value as TabKey);
                setNotice((n) => (n && n.intent === 'success' ? null : n));
              }}
              aria-label={t.tabListLabel}
            >
              {TABS.map((k) => (
                <Tab key={k} id={`tab-${k}`} value={k} aria-controls={`panel-${k}`}>
                  {t.tabs[k]}
                </Tab>
              ))}
            </TabList>
            {TABS.map((k) => (
              <div
                key={`${k}-${generation}`}
                role="tabpanel"
                id={`panel-${k}`}
                aria-labelledby={`tab-${k}`}
                hidden={tab !== k}
                tabIndex={0}
                className={s.panel}
              >
                <ErrorBoundary title={t.screenFailed} advice={t.screenFailedAdvice} resetKey={`${tab}-${generation}`}>
                  {k === 'overview' && <Overview save={save} />}
                  {k === 'import' && <ImportMerge />}
                  {k === 'manual' && <ManualEntry />}
                  {k === 'remind' && <Reminders save={save} />}
                  {k === 'settings' && <Settings />}
                </ErrorBoundary>
              </div>
            ))}
          </PaneContext.Provider>
        )}

        <Dialog open={confirm !== null} onOpenChange={(_, d) => !d.open && setConfirm(null)}>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>{t.confirmTitle}</DialogTitle>
              <DialogContent>{t.confirmBody}</DialogContent>
              <DialogActions>
                <Button appearance="secondary" onClick={() => setConfirm(null)}>
                  {t.confirmCancel}
                </Button>
                <Button
                  appearance="primary"
                  onClick={() => {
                    const action = confirm;
                    setConfirm(null);
                    action?.();
                  }}
                >
                  {t.confirmReplace}
                </Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      </main>
    </AriaLiveAnnouncer>
  );
}

export default App;
