import { Button, Caption1, Field, Input, Label, makeStyles, tokens, typographyStyles, useId } from '@fluentui/react-components';
import { useState } from 'react';

import { IndicatorKey } from '../../core/indicators';
import { hasReported } from '../../core/ledger';
import { parseCount } from '../../reports/values';
import type { MergeJson } from '../../workflow/merge';
import type { ManualFigures } from '../../workflow/manualEntry';
import { MonthSelect } from '../components/MonthSelect';
import { Notice } from '../components/Notice';
import { UnitPicker } from '../components/UnitPicker';
import { monthInViewOrFirst, useFollowingMonth } from '../followMonth';
import { FieldProblem, MANUAL_FIELDS, ManualField, emptyFigures, fieldProblems, manualProblem, manualWarning } from '../manualInput';
import { usePane } from '../pane';

type Field4 = ManualField;
const FIELDS = MANUAL_FIELDS;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: '12px' },
  p: { margin: 0 },
  top: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 160px), 1fr))', gap: '8px 16px', alignItems: 'start' },
  unitField: { gridColumn: '1 / -1', maxWidth: '420px' },
  indicators: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 220px), 1fr))', gap: '12px' },
  fieldset: {
    margin: 0,
    padding: '8px 10px 10px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  legend: { ...typographyStyles.body1Strong, padding: '0 4px' },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: '6px 10px' },
  cell: { display: 'flex', flexDirection: 'column', rowGap: '2px', minWidth: 0 },
  input: { minWidth: 0, width: '100%' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px' },
  list: { margin: '4px 0 0', paddingLeft: '18px' },
});

function computedRate(annual: string, cumulative: string): string {
  const a = parseCount(annual.trim() || null, null).value;
  const c = parseCount(cumulative.trim() || null, null).value;
  return a && c !== null && a > 0 ? ((c / a) * 100).toFixed(1) : '';
}

export function ManualEntry() {
  const { t, host, model, run, refresh } = usePane();
  const s = useStyles();
  const unitLabelId = useId('manual-unit');
  const [unitId, setUnitId] = useState<number | null>(null);
  const [month, setMonth] = useFollowingMonth(model.month, monthInViewOrFirst);
  const [date, setDate] = useState('');
  const { indicators } = model.table;
  const [figures, setFigures] = useState<ManualFigures>(() => emptyFigures(indicators));
  const [result, setResult] = useState<{ json: MergeJson; unit: string; unitId: number } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const ids = Object.fromEntries(indicators.map((i) => [i.key, `manual-${i.key}`])) as Record<IndicatorKey, string>;
  const unit = model.table.units.find((u) => u.id === unitId) ?? null;

  function prefilled(id: number | null): ManualFigures {
    const f = emptyFigures(indicators);
    const u = model.table.units.find((x) => x.id === id);
    if (u) for (const i of indicators) f[i.key].annual = u.quota[i.key] == null ? '' : String(u.quota[i.key]);
    return f;
  }

  function onUnit(id: number | null) {
    setUnitId(id);
    setFigures(prefilled(id));
    setResult(null);
    setProblem(null);
    setInvalid([]);
  }

  function setField(key: IndicatorKey, field: Field4, value: string) {
    setFigures((prev) => ({ ...prev, [key]: { ...prev[key], [field]: value } }));
  }

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    if (busy) return;
    setResult(null);
    if (!unit) {
      setProblem(t.manualPickUnit);
      return;
    }
    setProblem(null);
    // Text that is not a number never reaches the merge: the form says which field and what to type.
    const bad = fieldProblems(indicators, figures, t);
    setInvalid(bad);
    if (bad.length) return;
    setBusy(true);
    const json = await run('action', () => host.master.mergeManual(month, unit.id, figures, date));
    setBusy(false);
    if (json) {
      setResult({ json, unit: unit.name, unitId: unit.id });
      if (json.merged.length) refresh(true);
    }
  }

  const rejected = result?.json.rejected[0];
  const merged = result?.json.merged[0];
  const lines: Array<{ code: string; title: string; text: string }> = rejected
    ? rejected.findings.map((f) => ({
        code: f.code,
        title: t.findingTitle[f.code],
        // Errors in the form's words; the other findings (warnings) without the typed report's "file and sheet".
        text: manualProblem(f, indicators, result!.json.month, t),
      }))
    : merged
      ? merged.warnings.map((f) => ({ code: f.code, title: t.findingTitle[f.code], text: manualWarning(f) }))
      : [];
  const invalidKeys = new Set(invalid.map((p) => `${p.indicator}-${p.field}`));
  // The notice warns before a merge; once this unit's month was just merged, the result says what happened.
  const justMerged = merged !== undefined && result?.unitId === unitId && result?.json.month === month;

  return (
    <form className={s.root} onSubmit={onSubmit} noValidate>
      <Caption1 as="p" className={s.p}>
        {t.manualIntro}
      </Caption1>
      <div className={s.top}>
        <div className={s.unitField}>
          <Label id={unitLabelId} required>
            {t.manualUnit}
          </Label>
          <UnitPicker units={model.table.units} value={unitId} onChange={onUnit} labelledBy={unitLabelId} placeholder={t.searchUnit} noMatch={t.noUnitFound} />
        </div>
        <MonthSelect label={t.manualMonth} value={month} onChange={setMonth} monthName={t.monthName} />
        <Field label={t.manualDate} hint={t.manualDateHint}>
          <Input type="date" value={date} onChange={(_, d) => setDate(d.value)} />
        </Field>
      </div>
      {unit && !justMerged && hasReported(model.ledger, unit.id, month) && <Notice intent="info">{t.manualAlready(month)}</Notice>}
      <div className={s.indicators}>
        {indicators.map((ind) => {
          const legendId = `${ids[ind.key]}-legend`;
          const noQuota = unit !== null && unit.quota[ind.key] === null;
          return (
            <fieldset key={ind.key} className={s.fieldset} aria-labelledby={legendId}>
              <legend id={legendId} className={s.legend}>
                {t.indicatorLabel(ind)}（{t.indicatorUnit(ind)}）
              </legend>
              <div className={s.grid}>
                {FIELDS.map((field) => {
                  const id = `${ids[ind.key]}-${field}`;
                  const placeholder =
                    field === 'annual' && noQuota ? t.noQuotaField : field === 'rate' ? computedRate(figures[ind.key].annual, figures[ind.key].cumulative) : '';
                  return (
                    <div key={field} className={s.cell}>
                      <Label id={`${id}-label`} htmlFor={id} size="small">
                        {t.fieldLabel[field]}
                      </Label>
                      <Input
                        id={id}
                        className={s.input}
                        aria-labelledby={`${legendId} ${id}-label`}
                        aria-invalid={invalidKeys.has(`${ind.key}-${field}`) || undefined}
                        inputMode="decimal"
                        autoComplete="off"
                        value={figures[ind.key][field]}
                        placeholder={placeholder}
                        onChange={(_, d) => setField(ind.key, field, d.value)}
                      />
                    </div>
                  );
                })}
              </div>
            </fieldset>
          );
        })}
      </div>
      <div className={s.actions}>
        <Button appearance="primary" type="submit" disabledFocusable={busy}>
          {t.manualSubmit}
        </Button>
        <Button
          type="button"
          onClick={() => {
            setFigures(prefilled(unitId));
            setResult(null);
            setProblem(null);
            setInvalid([]);
          }}
        >
          {t.manualClear}
        </Button>
      </div>
      <div>
        {problem && <Notice intent="error">{problem}</Notice>}
        {invalid.length > 0 && (
          <Notice intent="error" title={t.manualProblemsTitle}>
            <ul className={s.list}>
              {invalid.map((p) => (
                <li key={`${p.indicator}-${p.field}`} data-code="NOT_A_NUMBER">
                  {p.message}
                </li>
              ))}
            </ul>
          </Notice>
        )}
        {result && (
          <Notice
            intent={rejected ? 'error' : lines.length ? 'warning' : 'success'}
            title={rejected ? t.manualRejected(result.unit) : t.manualMerged(result.unit, result.json.month)}
          >
            {lines.length > 0 && (
              <ul className={s.list} aria-label={rejected ? undefined : t.manualCheck}>
                {lines.map((f, i) => (
                  <li key={i} data-code={f.code}>
                    <strong>{f.title}</strong>：{f.text}
                  </li>
                ))}
              </ul>
            )}
          </Notice>
        )}
      </div>
    </form>
  );
}
