import { Button, Caption1, Field, Input, Select, Spinner, Textarea, makeStyles, tokens, typographyStyles, useId } from '@fluentui/react-components';
import { CheckmarkRegular, DismissRegular, DocumentAddRegular, FolderOpenRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';

import { QuotaTable } from '../../core/units';
import { LIMITS } from '../../reports/limits';
import { HiddenFileInput } from '../components/HiddenFileInput';
import { Notice } from '../components/Notice';
import { fileBytes } from '../fileBytes';
import type { QuotaCheck, QuotaInput } from '../quotaCheck';
import { Locale, Strings } from '../strings';
import { QuotaCard } from './QuotaCard';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: '10px',
    padding: '12px',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    minWidth: 0,
    outlineOffset: '2px',
  },
  head: { display: 'flex', alignItems: 'flex-start', justifyContent: 'space-between', columnGap: '8px' },
  h2: { ...typographyStyles.subtitle2, margin: 0 },
  h3: { ...typographyStyles.body1Strong, margin: 0 },
  h4: { ...typographyStyles.caption1Strong, margin: 0 },
  p: { margin: 0 },
  fields: { display: 'flex', flexWrap: 'wrap', gap: '8px 16px' },
  year: { width: '120px' },
  source: { flexGrow: 1, flexBasis: '220px', minWidth: 0 },
  text: { width: '100%' },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '8px' },
  messages: { margin: 0, paddingLeft: '18px', overflowWrap: 'anywhere' },
  group: { display: 'flex', flexDirection: 'column', rowGap: '4px' },
  list: { margin: 0, paddingLeft: '18px', ...typographyStyles.caption1, overflowWrap: 'anywhere' },
  choices: { display: 'flex', flexDirection: 'column', rowGap: '6px', maxWidth: '360px' },
});

export interface QuotaImportProps {
  /** The list the new one is compared with: the open master's table, else the embedded 2023 one. */
  previous: QuotaTable;
  t: Strings;
  locale: Locale;
  /** 新建主表 is running. */
  busy: boolean;
  /** Create the master from the table, the way 新建主表 does (the App asks first where it would replace one). */
  onCreate: (table: QuotaTable) => void;
  onClose: () => void;
}

interface Checked {
  input: QuotaInput;
  result: QuotaCheck;
  /** The importer threw: there is no comparison to show. */
  failed?: boolean;
}

/** Next year's task table for 新建主表: pasted from the notice's PDF or read from a file, checked, then used. */
export function QuotaImport(props: QuotaImportProps) {
  const { previous, t, locale, busy } = props;
  const s = useStyles();
  const headingId = useId('quota-import');
  const rootRef = useRef<HTMLElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const [yearText, setYearText] = useState(String(previous.year + 1));
  const [sourceText, setSourceText] = useState('');
  const [text, setText] = useState('');
  const [checked, setChecked] = useState<Checked | null>(null);
  const [chosen, setChosen] = useState<ReadonlyMap<string, string>>(new Map());
  const [checking, setChecking] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  /** Each check's messages are new elements, so Fluent announces each (a message bar is announced when it appears). */
  const [checks, setChecks] = useState(0);
  const year = parseYearText(yearText);

  // Opened from the toolbar: move focus here so keyboard and screen-reader users land on it.
  useEffect(() => {
    rootRef.current?.focus();
  }, []);

  async function check(input: QuotaInput, choices: ReadonlyMap<string, string>) {
    setChecking(true);
    setFileError(null);
    setChecks((n) => n + 1);
    try {
      // On demand: the importer is only needed once a year.
      const { checkQuota } = await import(/* webpackChunkName: "quota-import" */ '../quotaCheck');
      setChecked({ input, result: checkQuota(input, year ?? previous.year + 1, '', previous, choices) });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const changes = { renamed: [], added: [], dropped: [] };
      setChecked({ input, result: { table: null, problems: [message], changes, undecided: [] }, failed: true });
    } finally {
      setChecking(false);
    }
  }

  async function onFile(file: File) {
    setText('');
    setChosen(new Map());
    if (file.size > LIMITS.maxBytes) {
      setChecked(null);
      setChecks((n) => n + 1);
      setFileError(t.quotaFileTooLarge(file.name));
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = await fileBytes(file);
    } catch (e) {
      setChecked(null);
      setFileError(e instanceof Error ? e.message : String(e));
      return;
    }
    await check({ kind: 'file', name: file.name, bytes }, new Map());
  }

  function onChoose(key: string, value: string) {
    const next = new Map(chosen);
    if (value) next.set(key, value);
    else next.delete(key);
    setChosen(next);
    if (checked) void check(checked.input, next);
  }

  const result = checked?.result;
  // Year and source are the fields' current values, whatever they were when the table was checked.
  const fallbackSource = (y: number) => (checked?.input.kind === 'file' ? checked.input.name : t.quotaSourceDefault(y));
  const ready = result?.table && year !== null ? { ...result.table, year, source: sourceText.trim() || fallbackSource(year) } : null;
  const pending = result !== undefined && result.problems.length === 0 && !result.table;
  // With no row read, every previous unit would show as dropped: noise next to the importer's message.
  const compared =
    result !== undefined &&
    !checked?.failed &&
    (result.changes.added.length > 0 || result.changes.renamed.length > 0 || result.changes.dropped.length < previous.units.length);

  return (
    <section ref={rootRef} className={s.root} aria-labelledby={headingId} tabIndex={-1}>
      <div className={s.head}>
        <h2 id={headingId} className={s.h2}>
          {t.quotaImportTitle}
        </h2>
        <Button appearance="subtle" size="small" icon={<DismissRegular />} onClick={props.onClose}>
          {t.quotaClose}
        </Button>
      </div>
      <Caption1 as="p" className={s.p}>
        {t.quotaImportIntro(previous.year)}
      </Caption1>
      <div className={s.fields}>
        <Field
          className={s.year}
          label={t.quotaYear}
          required
          validationState={year === null ? 'error' : 'none'}
          validationMessage={year === null ? t.quotaYearInvalid : undefined}
        >
          <Input value={yearText} inputMode="numeric" onChange={(_, d) => setYearText(d.value)} />
        </Field>
        <Field className={s.source} label={t.quotaSource} hint={t.quotaSourceHint}>
          <Input value={sourceText} placeholder={year === null ? undefined : t.quotaSourceDefault(year)} onChange={(_, d) => setSourceText(d.value)} />
        </Field>
      </div>
      <Field label={t.quotaText} hint={t.quotaTextHint}>
        <Textarea
          className={s.text}
          value={text}
          rows={8}
          resize="vertical"
          onChange={(_, d) => {
            setText(d.value);
            setChecked(null); // a result must never describe other text than the one shown
            setChosen(new Map());
          }}
        />
      </Field>
      <div className={s.actions}>
        <Button
          appearance={ready ? 'secondary' : 'primary'}
          icon={<CheckmarkRegular />}
          disabled={checking || busy}
          // The categories already chosen stay chosen (same text, same units to ask about).
          onClick={() => void check({ kind: 'text', text }, chosen)}
        >
          {t.quotaCheck}
        </Button>
        <Button icon={<FolderOpenRegular />} disabled={checking || busy} onClick={() => fileRef.current?.click()}>
          {t.quotaChooseFile}
        </Button>
        <HiddenFileInput
          ref={fileRef}
          label={t.quotaFileInput}
          accept=".xlsx,.xls,.et,.ods,.csv,.txt,text/plain,text/csv"
          onFiles={([file]) => void onFile(file)}
        />
        {checking && <Spinner size="tiny" labelPosition="after" label={t.quotaChecking} />}
      </div>
      <Caption1 as="p" className={s.p}>
        {t.quotaFileTypes}
      </Caption1>

      <div>
        {fileError && (
          <Notice key={`file-${checks}`} intent="error">
            {fileError}
          </Notice>
        )}
        {checked?.input.kind === 'file' && (
          <Caption1 as="p" className={s.p}>
            {t.quotaFromFile(checked.input.name)}
          </Caption1>
        )}
        {result && result.problems.length > 0 && (
          <Notice key={`refused-${checks}`} intent="error" title={t.quotaRefused}>
            <ul className={s.messages}>
              {result.problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          </Notice>
        )}
        {ready && (
          <Notice key={`ready-${checks}`} intent="success">
            {t.quotaReady(ready.year, ready.units.length)}
          </Notice>
        )}
      </div>

      {result && result.undecided.length > 0 && (
        <div role="group" className={s.group} aria-labelledby={`${headingId}-undecided`}>
          <h3 id={`${headingId}-undecided`} className={s.h3}>
            {t.quotaUndecidedTitle(result.undecided.length)}
          </h3>
          <Caption1 as="p" className={s.p}>
            {t.quotaUndecidedHint}
          </Caption1>
          <div className={s.choices}>
            {result.undecided.map((u) => (
              <Field key={u.key} label={t.quotaCategoryFor(u.key)} required>
                <Select value={chosen.get(u.key) ?? ''} disabled={checking} onChange={(_, d) => onChoose(u.key, d.value)}>
                  <option value="">{t.quotaCategoryPlaceholder}</option>
                  {(result.table ?? previous).categories.map((c) => (
                    <option key={c} value={c}>
                      {t.categoryLabel(c)}
                    </option>
                  ))}
                </Select>
              </Field>
            ))}
          </div>
        </div>
      )}

      {result && compared && <Changes changes={result.changes} previousYear={previous.year} t={t} s={s} />}

      {ready && <QuotaCard table={ready} t={t} locale={locale} />}

      {(ready || pending) && (
        <div className={s.actions}>
          <Button
            appearance="primary"
            icon={<DocumentAddRegular />}
            disabledFocusable={!ready || busy || checking}
            onClick={() => ready && props.onCreate(ready)}
          >
            {t.quotaCreate}
          </Button>
          {busy && <Spinner size="tiny" labelPosition="after" label={t.working} />}
        </div>
      )}
    </section>
  );
}

function parseYearText(text: string): number | null {
  const y = Number(text.trim());
  return /^\d{4}$/.test(text.trim()) && y >= 2000 && y <= 2100 ? y : null;
}

function Changes(props: { changes: QuotaCheck['changes']; previousYear: number; t: Strings; s: ReturnType<typeof useStyles> }) {
  const { changes, previousYear, t, s } = props;
  const groups = [
    { key: 'renamed', title: t.quotaRenamed(changes.renamed.length), items: changes.renamed },
    { key: 'added', title: t.quotaAdded(changes.added.length), items: changes.added },
    { key: 'dropped', title: t.quotaDropped(changes.dropped.length), items: changes.dropped },
  ].filter((g) => g.items.length > 0);
  return (
    <div className={s.group}>
      <h3 className={s.h3}>{t.quotaChangesTitle(previousYear)}</h3>
      {groups.length === 0 && (
        <Caption1 as="p" className={s.p}>
          {t.quotaNoChanges(previousYear)}
        </Caption1>
      )}
      {groups.map((g) => (
        <div key={g.key} className={s.group}>
          <h4 className={s.h4}>{g.title}</h4>
          <ul className={s.list} aria-label={g.title}>
            {g.items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
