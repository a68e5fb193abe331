import { Button, Caption1, Field, Input, Label, Textarea, makeStyles, tokens, typographyStyles, useId } from '@fluentui/react-components';
import { AddRegular, ArrowResetRegular, SaveRegular } from '@fluentui/react-icons';
import { useState } from 'react';

import { defaultRequirements } from '../../bulletin/defaultText';
import { PROGRAMME } from '../../bulletin/fromMaster';
import { MONTHS } from '../../core/ledger';
import { PaceConfig, linearCurve } from '../../core/pace';
import { Notice } from '../components/Notice';
import { UnitPicker } from '../components/UnitPicker';
import { percentText, readPaceInput } from '../paceInput';
import { usePane } from '../pane';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: '20px' },
  section: { display: 'flex', flexDirection: 'column', rowGap: '8px', minWidth: 0 },
  h2: { ...typographyStyles.subtitle2, margin: 0 },
  p: { margin: 0 },
  // 3 a row at 320 px, at most 6 (two rows of half a year) when wide.
  months: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(max(88px, calc((100% - 40px) / 6)), 1fr))', gap: '6px 8px' },
  month: { display: 'flex', flexDirection: 'column', rowGap: '2px', minWidth: 0 },
  input: { minWidth: 0, width: '100%' },
  band: { maxWidth: '260px' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px' },
  tableWrap: { overflowX: 'auto' },
  table: {
    borderCollapse: 'collapse',
    width: '100%',
    ...typographyStyles.caption1,
    '& th, & td': { padding: '4px 6px', textAlign: 'left', borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
    '& thead th': { ...typographyStyles.caption1Strong, color: tokens.colorNeutralForeground2 },
  },
  addForm: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 200px), 1fr))',
    gap: '8px 12px',
    alignItems: 'end',
  },
  list: { margin: '4px 0 0', paddingLeft: '18px' },
  requirements: { width: '100%' },
});

/** The circular's default 下一步工作要求, one paragraph a line (what a master without saved text uses). */
const defaultRequirementsText = () => defaultRequirements(PROGRAMME).join('\n');
const sameText = (a: string, b: string) => a.replace(/\r\n?/g, '\n').trim() === b.trim();

/** 通报的“下一步工作要求”: saved in the master (配置) through the command layer, so next month's circular reuses it. */
function RequirementsSettings() {
  const { t, host, model, act, refresh } = usePane();
  const s = useStyles();
  const headingId = useId('requirements');
  const stored = model.requirements;
  const [text, setText] = useState(() => stored ?? defaultRequirementsText());
  const [seen, setSeen] = useState(stored);
  const [message, setMessage] = useState<{ text: string; seq: number } | null>(null);
  if (seen !== stored) {
    // Saved here or elsewhere (another master opened, the ribbon): the field shows what the master holds.
    setSeen(stored);
    setText(stored ?? defaultRequirementsText());
  }

  async function save(value: string | null, done: string) {
    // The default text unchanged stays "no saved text": a later version's default then applies.
    const next = value === null || sameText(value, defaultRequirementsText()) ? null : value;
    if (await act('action', () => host.master.setRequirements(next))) {
      setMessage((m) => ({ text: done, seq: (m?.seq ?? 0) + 1 }));
      setText(next ?? defaultRequirementsText());
      refresh(true);
    }
  }

  return (
    <section className={s.section} aria-labelledby={headingId}>
      <h2 id={headingId} className={s.h2}>
        {t.requirementsTitle}
      </h2>
      <Caption1 as="p" className={s.p}>
        {t.requirementsIntro}
      </Caption1>
      <Field label={t.requirementsLabel} hint={stored === undefined ? t.requirementsUsingDefault : t.requirementsUsingSaved}>
        <Textarea
          className={s.requirements}
          resize="vertical"
          rows={8}
          value={text}
          onChange={(_, d) => {
            setText(d.value);
            setMessage(null);
          }}
        />
      </Field>
      <div className={s.actions}>
        <Button appearance="primary" icon={<SaveRegular />} onClick={() => void save(text, t.requirementsSaved)}>
          {t.requirementsSave}
        </Button>
        <Button icon={<ArrowResetRegular />} onClick={() => void save(null, t.requirementsResetDone)}>
          {t.requirementsReset}
        </Button>
      </div>
      <div>
        {message && (
          <Notice key={message.seq} intent="success">
            {message.text}
          </Notice>
        )}
      </div>
    </section>
  );
}

/** 主表保管单位 and the name it reports upward as: read from the task table's title, corrected here. */
function KeeperSettings() {
  const { t, host, model, act, refresh } = usePane();
  const s = useStyles();
  const headingId = useId('keeper');
  const { keeper, reportsAs } = model.table;
  const [draft, setDraft] = useState({ keeper, reportsAs, seen: `${keeper}\u0000${reportsAs}` });
  const [message, setMessage] = useState<{ text: string; seq: number } | null>(null);
  if (draft.seen !== `${keeper}\u0000${reportsAs}`) setDraft({ keeper, reportsAs, seen: `${keeper}\u0000${reportsAs}` });

  async function save() {
    // A name left as derived from the old keeper follows the new one (安阳市教育局 → 安阳市).
    const as = draft.reportsAs.trim() && draft.reportsAs !== reportsAs ? draft.reportsAs : undefined;
    let table: typeof model.table | undefined;
    if (await act('action', async () => void (table = await host.master.setKeeper(draft.keeper, as)))) {
      setMessage((m) => ({ text: t.keeperSaved(table!.keeper, table!.reportsAs), seq: (m?.seq ?? 0) + 1 }));
      refresh(true);
    }
  }

  return (
    <section className={s.section} aria-labelledby={headingId}>
      <h2 id={headingId} className={s.h2}>
        {t.keeperTitle}
      </h2>
      <Caption1 as="p" className={s.p}>
        {t.keeperIntro}
      </Caption1>
      <div className={s.addForm}>
        <Field label={t.keeperLabel}>
          <Input className={s.input} value={draft.keeper} onChange={(_, d) => (setDraft({ ...draft, keeper: d.value }), setMessage(null))} />
        </Field>
        <Field label={t.reportsAsLabel} hint={t.reportsAsHint}>
          <Input className={s.input} value={draft.reportsAs} onChange={(_, d) => (setDraft({ ...draft, reportsAs: d.value }), setMessage(null))} />
        </Field>
      </div>
      <div className={s.actions}>
        <Button appearance="primary" icon={<SaveRegular />} onClick={() => void save()}>
          {t.keeperSave}
        </Button>
      </div>
      <div>
        {message && (
          <Notice key={message.seq} intent="success">
            {message.text}
          </Notice>
        )}
      </div>
    </section>
  );
}

function PaceSettings() {
  const { t, host, model, act, refresh } = usePane();
  const s = useStyles();
  // What the inputs started from: a field left as shown keeps the exact stored value (1/12 is not 8.33%).
  const [base, setBase] = useState<PaceConfig>(model.pace);
  const [texts, setTexts] = useState<string[]>(() => model.pace.curve.map(percentText));
  const [bandText, setBandText] = useState(() => percentText(model.pace.band));
  const [problems, setProblems] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  /** Each save's messages are new elements, so each is announced. */
  const [attempt, setAttempt] = useState(0);
  const [seen, setSeen] = useState(model.pace);
  if (seen !== model.pace) {
    setSeen(model.pace);
    setBase(model.pace);
    setTexts(model.pace.curve.map(percentText));
    setBandText(percentText(model.pace.band));
  }

  function reset() {
    const linear = { curve: linearCurve(), band: base.band };
    setBase(linear);
    setTexts(linear.curve.map(percentText));
    setSaved(false);
    setProblems([]);
  }

  async function save() {
    setSaved(false);
    setAttempt((n) => n + 1);
    const { pace, problems: all } = readPaceInput({ base, curveTexts: texts, bandText }, t);
    setProblems(all);
    if (all.length) return;
    if (await act('action', () => host.master.setPace(pace))) {
      setSaved(true);
      refresh(true);
    }
  }

  const headingId = useId('pace');
  return (
    <section className={s.section} aria-labelledby={headingId}>
      <h2 id={headingId} className={s.h2}>
        {t.paceTitle}
      </h2>
      <Caption1 as="p" className={s.p}>
        {t.paceIntro}
      </Caption1>
      <div className={s.months}>
        {MONTHS.map((m) => {
          const id = `pace-month-${m}`;
          return (
            <div key={m} className={s.month}>
              <Label htmlFor={id} size="small">
                {t.paceMonth(m)}
              </Label>
              <Input
                id={id}
                className={s.input}
                inputMode="decimal"
                value={texts[m - 1]}
                onChange={(_, d) => {
                  setTexts((prev) => prev.map((x, i) => (i === m - 1 ? d.value : x)));
                  setSaved(false);
                }}
              />
            </div>
          );
        })}
      </div>
      <Field label={t.bandLabel} hint={t.bandHint} className={s.band}>
        <Input inputMode="decimal" value={bandText} onChange={(_, d) => (setBandText(d.value), setSaved(false))} />
      </Field>
      <div className={s.actions}>
        <Button appearance="primary" icon={<SaveRegular />} onClick={save}>
          {t.paceSave}
        </Button>
        <Button icon={<ArrowResetRegular />} onClick={reset}>
          {t.paceReset}
        </Button>
      </div>
      <div>
        {problems.length > 0 && (
          <Notice key={`problems-${attempt}`} intent="error" title={t.paceInvalid}>
            <ul className={s.list}>
              {problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          </Notice>
        )}
        {saved && (
          <Notice key={`saved-${attempt}`} intent="success">
            {t.paceSaved}
          </Notice>
        )}
      </div>
    </section>
  );
}

function AliasSettings() {
  const { t, host, model, act, refresh } = usePane();
  const s = useStyles();
  const [alias, setAlias] = useState('');
  const [unitId, setUnitId] = useState<number | null>(null);
  const [message, setMessageState] = useState<{ ok: boolean; text: string; seq: number } | null>(null);
  const setMessage = (m: { ok: boolean; text: string }) => setMessageState((prev) => ({ ...m, seq: (prev?.seq ?? 0) + 1 }));
  const headingId = useId('aliases');
  const unitLabelId = useId('alias-unit');
  const names = new Map(model.table.units.map((u) => [u.id, u.name]));

  async function add(e: React.FormEvent) {
    e.preventDefault();
    const text = alias.trim();
    if (!text || unitId === null) {
      setMessage({ ok: false, text: t.aliasNeedBoth });
      return;
    }
    if (await act('action', () => host.master.addAlias(text, unitId, '在设置中添加'))) {
      setMessage({ ok: true, text: t.aliasAdded(text, names.get(unitId) ?? String(unitId)) });
      setAlias('');
      setUnitId(null);
      refresh(true);
    }
  }

  return (
    <section className={s.section} aria-labelledby={headingId}>
      <h2 id={headingId} className={s.h2}>
        {t.aliasTitle}
      </h2>
      <Caption1 as="p" className={s.p}>
        {t.aliasIntro}
      </Caption1>
      {model.aliases.length === 0 ? (
        <Caption1>{t.aliasEmpty}</Caption1>
      ) : (
        <div className={s.tableWrap}>
          <table className={s.table} aria-labelledby={headingId}>
            <thead>
              <tr>
                <th scope="col">{t.col.alias}</th>
                <th scope="col">{t.col.unit}</th>
                <th scope="col">{t.col.note}</th>
              </tr>
            </thead>
            <tbody>
              {model.aliases.map((a, i) => (
                <tr key={i}>
                  <td>{a.alias}</td>
                  <td>{t.unitName(a.unitId, names.get(a.unitId) ?? '?')}</td>
                  <td>{a.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className={s.addForm} onSubmit={add} noValidate>
        <Field label={t.aliasInput}>
          <Input value={alias} onChange={(_, d) => setAlias(d.value)} />
        </Field>
        <div>
          <Label id={unitLabelId}>{t.aliasUnit}</Label>
          <UnitPicker
            units={model.table.units}
            value={unitId}
            onChange={setUnitId}
            labelledBy={unitLabelId}
            placeholder={t.searchUnit}
            noMatch={t.noUnitFound}
          />
        </div>
        <div>
          <Button type="submit" icon={<AddRegular />}>
            {t.aliasAdd}
          </Button>
        </div>
      </form>
      <div>
        {message && (
          <Notice key={message.seq} intent={message.ok ? 'success' : 'error'}>
            {message.text}
          </Notice>
        )}
      </div>
    </section>
  );
}

export function Settings() {
  const s = useStyles();
  return (
    <div className={s.root}>
      <PaceSettings />
      <KeeperSettings />
      <RequirementsSettings />
      <AliasSettings />
    </div>
  );
}
