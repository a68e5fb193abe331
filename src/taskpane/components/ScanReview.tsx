import { Body1, Button, Caption1, Input, Label, makeStyles, mergeClasses, tokens, typographyStyles, useAnnounce, useId } from '@fluentui/react-components';
import { ArrowExitRegular, CheckmarkRegular, MergeRegular } from '@fluentui/react-icons';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CSSProperties, KeyboardEvent } from 'react';

import { getEntry } from '../../core/ledger';
import type { ParsedReport } from '../../core/report';
import type { ScanDoubt } from '../../core/scanTrust';
import type { Box } from '../../scan/raster';
import type { ScanPageView } from '../../scan/view';
import type { MergeJson } from '../../workflow/merge';
import { fieldProblems, manualProblem } from '../manualInput';
import { usePane } from '../pane';
import { MonthSelect } from './MonthSelect';
import { Notice } from './Notice';
import { UnitPicker } from './UnitPicker';
import {
  CellId,
  REVIEW_FIELDS,
  cellId,
  currentVerdict,
  doubtCells,
  doubtReasons,
  formCells,
  noTaskRow,
  proposalFor,
  readTexts,
  reportDate,
  reviewFigures,
  splitCell,
} from './scanReviewModel';

export interface ScanReviewProps {
  /** A report read from a scan (report.scan set). */
  report: ParsedReport;
  /** Its page image and boxes (null when the reader gave none: the values are shown without crops). */
  page: ScanPageView | null;
  /** The doubts of its SCAN_UNCERTAIN finding (empty for a scan that passed its checks). */
  doubts: readonly ScanDoubt[];
  /** The unit the list recognised (null when none). */
  unitId: number | null;
  month: number;
  /** Escape or 离开: back to the list, nothing merged. */
  onLeave(): void;
  /** Merged: the list drops this report. */
  onMerged(json: MergeJson, unitName: string): void;
}

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: '12px', minWidth: 0 },
  h2: { ...typographyStyles.subtitle1, margin: 0, outlineOffset: '2px' },
  p: { margin: 0 },
  top: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 200px), 1fr))', gap: '8px 16px', alignItems: 'start' },
  unitField: { gridColumn: '1 / -1', maxWidth: '460px', display: 'flex', flexDirection: 'column', rowGap: '4px' },
  readLine: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '6px' },
  body: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 380px), 1fr))', gap: '12px', alignItems: 'start' },
  figure: { margin: 0, position: 'relative', border: `1px solid ${tokens.colorNeutralStroke2}`, lineHeight: 0 },
  pageImg: { width: '100%', height: 'auto', display: 'block' },
  mark: { position: 'absolute', border: `2px solid ${tokens.colorBrandStroke1}`, boxSizing: 'border-box', pointerEvents: 'none' },
  indicators: { display: 'flex', flexDirection: 'column', rowGap: '10px', minWidth: 0 },
  fieldset: { margin: 0, padding: '6px 8px 8px', border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, minWidth: 0 },
  legend: { ...typographyStyles.body1Strong, padding: '0 4px' },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 150px), 1fr))', gap: '6px 10px' },
  cell: { display: 'flex', flexDirection: 'column', rowGap: '2px', minWidth: 0, padding: '4px', borderRadius: tokens.borderRadiusMedium },
  doubt: { backgroundColor: tokens.colorStatusWarningBackground1, outline: `2px solid ${tokens.colorStatusWarningBorder1}` },
  confirmed: { backgroundColor: tokens.colorStatusSuccessBackground1 },
  pair: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '4px 6px', minWidth: 0 },
  crop: {
    flexShrink: 0,
    maxWidth: '100%',
    display: 'inline-block',
    backgroundRepeat: 'no-repeat',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  noCrop: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground3, flexShrink: 0, minWidth: '48px' },
  // Wide enough for "15,500" or "25.86%" whole; the crop goes above it when the cell is too narrow for both.
  input: { minWidth: 'calc(10ch + 24px)', flexGrow: 1, flexBasis: 'calc(10ch + 24px)', '& > input': { minWidth: '10ch' } },
  noTask: { color: tokens.colorNeutralForeground3 },
  ask: { display: 'flex', flexDirection: 'column', rowGap: '8px', marginTop: '8px' },
  note: { ...typographyStyles.caption1, overflowWrap: 'anywhere' },
  status: { ...typographyStyles.caption1Strong },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px' },
  list: { margin: '4px 0 0', paddingLeft: '18px' },
});

/** The page image as a blob: URL (the page's CSP allows img-src blob:), released when the view closes. */
function usePageUrl(page: ScanPageView | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!page?.png || typeof URL.createObjectURL !== 'function') return;
    const u = URL.createObjectURL(new Blob([page.png.slice()], { type: 'image/png' }));
    setUrl(u);
    return () => {
      URL.revokeObjectURL(u);
      setUrl(null);
    };
  }, [page]);
  return url;
}

/** A number as it looks on the scan: the box cut out of the page image by CSS (no copy of the pixels). */
function Crop(props: { url: string | null; page: ScanPageView | null; box: Box | null; label: string }) {
  const { t } = usePane();
  const s = useStyles();
  const { url, page, box } = props;
  if (!url || !page || !box || box.w <= 0 || box.h <= 0) return <span className={s.noCrop}>{t.reviewNoCrop}</span>;
  const pad = 3;
  const x = Math.max(0, box.x - pad);
  const y = Math.max(0, box.y - pad);
  const w = Math.min(page.width - x, box.w + 2 * pad);
  const h = Math.min(page.height - y, box.h + 2 * pad);
  const scale = Math.min(2, 34 / h, 150 / w);
  const style: CSSProperties = {
    width: `${Math.round(w * scale)}px`,
    height: `${Math.round(h * scale)}px`,
    backgroundImage: `url("${url}")`,
    backgroundSize: `${page.width * scale}px ${page.height * scale}px`,
    backgroundPosition: `${-x * scale}px ${-y * scale}px`,
  };
  return <span role="img" aria-label={props.label} className={s.crop} style={style} data-crop={`${box.x},${box.y},${box.w},${box.h}`} />;
}

/**
 * 核对扫描件: the numbers read from one page of a scan beside their crops, the doubtful ones highlighted and
 * focused first. Keyboard only: Enter accepts the focused value and moves to the next doubtful cell, typing
 * replaces it, Tab moves, Escape leaves. The confirmed figures merge as 手工录入 (the same checks) with the scan's
 * file and SHA-256 in 合并日志.
 */
export function ScanReview(props: ScanReviewProps) {
  const { report, page, doubts } = props;
  const { t, host, model, run, refresh } = usePane();
  const s = useStyles();
  const { announce } = useAnnounce();
  const { indicators } = model.table;
  const headingId = useId('review-title');
  const unitLabelId = useId('review-unit');
  const unitInputId = useId('review-unit-input');
  const [unitId, setUnitId] = useState<number | null>(props.unitId);
  const [month, setMonth] = useState(props.month);
  const [texts, setTexts] = useState<Record<CellId, string>>(() => readTexts(indicators, report));
  const [confirmed, setConfirmed] = useState<ReadonlySet<CellId>>(new Set());
  const [focused, setFocused] = useState<CellId | null>(null);
  const [problem, setProblem] = useState<{ title?: string; lines: Array<{ code?: string; text: string }> } | null>(null);
  const [busy, setBusy] = useState(false);
  /** 确认并合并 was pressed while the figures still fail the form's checks: asking whether to merge anyway. */
  const [asking, setAsking] = useState(false);
  const anywayRef = useRef<HTMLButtonElement>(null);
  const inputs = useRef(new Map<CellId, HTMLInputElement>());
  const mergeRef = useRef<HTMLButtonElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const url = usePageUrl(page);
  const unit = model.table.units.find((u) => u.id === unitId) ?? null;
  const cells = useMemo(() => formCells(indicators), [indicators]);
  const label = (id: CellId) => {
    const { key, field } = splitCell(id);
    const ind = indicators.find((i) => i.key === key)!;
    return `${t.indicatorLabel(ind)} ${t.fieldLabel[field]}`;
  };

  const labelOf = (printed: string) => {
    const ind = indicators.find((i) => i.label === printed);
    return ind ? t.indicatorLabel(ind) : printed;
  };

  const previous = (key: string) => (unit ? (month === 1 ? 0 : (getEntry(model.ledger, unit.id, key, month - 1)?.cumulative ?? null)) : null);
  const verdict = currentVerdict(indicators, report, texts, confirmed, unit?.quota ?? null, previous);
  // The cells in doubt: those the merge named, and any the figures as they stand still fail.
  const [named] = useState(() => doubtCells(indicators, doubts, readTexts(indicators, report)));
  const live = verdict ? doubtCells(indicators, verdict.doubts, texts) : [];
  const noTask = new Set(indicators.filter((i) => noTaskRow(i.key, unit?.quota ?? null, texts)).map((i) => i.key));
  const doubtful = new Set([...named, ...live].filter((c) => !noTask.has(splitCell(c).key)));
  const pending = cells.filter((c) => doubtful.has(c) && !confirmed.has(c));

  useEffect(() => {
    // Focus the first doubtful number (else the title, so a screen reader starts at the top).
    const first = pending[0];
    if (first) inputs.current.get(first)?.focus();
    else headingRef.current?.focus();
    announce(`${t.reviewTitle(report.file, report.sheet)}。${t.reviewRemaining(pending.length)}`, { polite: true });
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  function focusNext(after: CellId, nowConfirmed: ReadonlySet<CellId>) {
    const rest = cells.filter((c) => doubtful.has(c) && !nowConfirmed.has(c));
    const at = cells.indexOf(after);
    const next = rest.find((c) => cells.indexOf(c) > at) ?? rest[0];
    if (next) inputs.current.get(next)?.focus();
    else mergeRef.current?.focus();
    return rest.length;
  }

  function accept(id: CellId, text = texts[id]) {
    const now = new Set(confirmed).add(id);
    setConfirmed(now);
    if (text !== texts[id]) setTexts((prev) => ({ ...prev, [id]: text }));
    setProblem(null);
    setAsking(false);
    const left = focusNext(id, now);
    announce(t.reviewAccepted(label(id), text, left), { polite: true });
  }

  function onCellKey(e: KeyboardEvent<HTMLInputElement>, id: CellId) {
    if (e.key === 'Enter') {
      e.preventDefault();
      accept(id);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLElement>) {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    // An open unit list closes first (Fluent's combobox): Escape there is not "leave".
    if ((e.target as HTMLElement).getAttribute('aria-expanded') === 'true') return;
    e.preventDefault();
    props.onLeave();
  }

  async function onMerge(anyway = false) {
    if (busy) return;
    if (pending.length) {
      inputs.current.get(pending[0])?.focus();
      setProblem({ lines: [{ text: t.reviewPending(pending.length) }] });
      return;
    }
    if (!unit) {
      setProblem({ lines: [{ text: t.manualPickUnit }] });
      document.getElementById(unitInputId)?.focus();
      return;
    }
    const figures = reviewFigures(indicators, texts);
    const bad = fieldProblems(indicators, figures, t);
    if (bad.length) {
      setProblem({ title: t.manualProblemsTitle, lines: bad.map((b) => ({ code: 'NOT_A_NUMBER', text: b.message })) });
      inputs.current.get(cellId(bad[0].indicator, bad[0].field))?.focus();
      return;
    }
    setProblem(null);
    if (!anyway && verdict && verdict.doubts.length > 0) {
      // Confirmed one by one, the figures may still not add up: a second, explicit yes before they are merged.
      setAsking(true);
      announce(t.reviewAskAnyway(verdict.doubts.length), { polite: false });
      setTimeout(() => anywayRef.current?.focus(), 0);
      return;
    }
    setAsking(false);
    setBusy(true);
    const json = await run('action', () =>
      host.master.mergeManual(month, unit.id, figures, reportDate(report), { file: report.file, sheet: report.sheet, sha256: report.sha256 }),
    );
    setBusy(false);
    if (!json) return;
    if (json.merged.length) {
      refresh(true);
      props.onMerged(json, unit.name);
      return;
    }
    const rejected = json.rejected[0];
    setProblem({
      title: t.manualRejected(unit.name),
      lines: (rejected?.findings ?? []).map((f) => ({ code: f.code, text: `${t.findingTitle[f.code]}：${manualProblem(f, indicators, json.month, t)}` })),
    });
  }

  const mark = page && focused ? page.cells[splitCell(focused).key]?.[splitCell(focused).field] : null;
  const stillDoubt = pending.length === 0 && verdict ? verdict.doubts : [];
  const doubtLine = (d: ScanDoubt) => {
    const ind = indicators.find((i) => i.label === d.indicator);
    const where = d.fields.map((f) => `${t.fieldLabel[f]} ${ind ? texts[cellId(ind.key, f)] || t.reviewBlank : ''}`.trim()).join(t.listSeparator);
    return `${labelOf(d.indicator)}（${where}）：${t.reviewDoubt[d.reason]}`;
  };
  // What is wrong now (the figures as they stand, for the chosen unit); the list's doubts until a unit is chosen.
  const current = verdict ? verdict.doubts : doubts;

  return (
    <section className={s.root} aria-labelledby={headingId} onKeyDown={onKeyDown} data-testid="scan-review">
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className={s.h2}>
        {t.reviewTitle(report.file, report.sheet)}
      </h2>
      <Caption1 as="p" className={s.p}>
        {t.reviewIntro}
      </Caption1>
      <div className={s.top}>
        <div className={s.unitField}>
          <Label id={unitLabelId} required>
            {t.reviewUnit}
          </Label>
          <div className={s.readLine}>
            <Crop url={url} page={page} box={page?.unitName ?? null} label={t.reviewCrop(t.reviewUnit)} />
            <Caption1>{t.reviewUnitRead(report.unitName)}</Caption1>
          </div>
          <UnitPicker
            id={unitInputId}
            units={model.table.units}
            value={unitId}
            onChange={setUnitId}
            labelledBy={unitLabelId}
            placeholder={t.searchUnit}
            noMatch={t.noUnitFound}
          />
        </div>
        <MonthSelect label={t.reviewMonth} value={month} onChange={setMonth} monthName={t.monthName} />
        <div className={s.readLine}>
          <Crop url={url} page={page} box={page?.date ?? null} label={t.reviewCrop(t.manualDate)} />
          <Caption1>{t.reviewDate(report.date.text)}</Caption1>
        </div>
      </div>
      <Body1 aria-live="off" data-testid="review-remaining">
        {t.reviewRemaining(pending.length)}
      </Body1>
      <div className={s.body}>
        {url && page ? (
          <figure className={s.figure}>
            <img className={s.pageImg} src={url} alt={t.reviewPage(report.sheet)} />
            {mark && (
              <span
                className={s.mark}
                style={{
                  left: `${(mark.x / page.width) * 100}%`,
                  top: `${(mark.y / page.height) * 100}%`,
                  width: `${(mark.w / page.width) * 100}%`,
                  height: `${(mark.h / page.height) * 100}%`,
                }}
              />
            )}
          </figure>
        ) : (
          <Caption1>{t.reviewNoImage}</Caption1>
        )}
        <div className={s.indicators}>
          {indicators.map((ind) => {
            const legendId = `${headingId}-${ind.key}`;
            if (noTask.has(ind.key))
              return (
                <fieldset key={ind.key} className={s.fieldset} aria-labelledby={legendId} data-no-task={ind.key}>
                  <legend id={legendId} className={s.legend}>
                    {t.indicatorLabel(ind)}（{t.indicatorUnit(ind)}）
                  </legend>
                  <Caption1 className={s.noTask}>{t.reviewNoTask}</Caption1>
                </fieldset>
              );
            return (
              <fieldset key={ind.key} className={s.fieldset} aria-labelledby={legendId}>
                <legend id={legendId} className={s.legend}>
                  {t.indicatorLabel(ind)}（{t.indicatorUnit(ind)}）
                </legend>
                <div className={s.grid}>
                  {REVIEW_FIELDS.map((field) => {
                    const id = cellId(ind.key, field);
                    const domId = `${headingId}-${ind.key}-${field}`;
                    const read = report.scan?.rows[ind.key]?.[field];
                    const inDoubt = doubtful.has(id);
                    const done = confirmed.has(id);
                    const proposal = inDoubt && !done ? proposalFor(indicators, current, id) : null;
                    // Why now; else why it was in doubt as read (a corrected row's other cells are still to compare).
                    const why = doubtReasons(indicators, current, id);
                    const reasons = (why.length ? why : doubtReasons(indicators, doubts, id)).map((r) =>
                      r === 'rowFailed' ? t.reviewRowFailed : t.reviewDoubt[r],
                    );
                    return (
                      <div
                        key={field}
                        className={mergeClasses(s.cell, inDoubt && !done && s.doubt, inDoubt && done && s.confirmed)}
                        data-cell={id}
                        data-state={inDoubt ? (done ? 'confirmed' : 'doubt') : 'read'}
                      >
                        <Label id={`${domId}-label`} htmlFor={domId} size="small">
                          {t.fieldLabel[field]}
                        </Label>
                        <div className={s.pair}>
                          <Crop url={url} page={page} box={page?.cells[ind.key]?.[field] ?? null} label={t.reviewCrop(label(id))} />
                          <Input
                            id={domId}
                            ref={(el: HTMLInputElement | null) => {
                              if (el) inputs.current.set(id, el);
                              else inputs.current.delete(id);
                            }}
                            className={s.input}
                            aria-labelledby={`${legendId} ${domId}-label`}
                            aria-describedby={`${domId}-note`}
                            inputMode="decimal"
                            autoComplete="off"
                            value={texts[id]}
                            onFocus={(e) => {
                              setFocused(id);
                              e.currentTarget.select();
                            }}
                            onKeyDown={(e) => onCellKey(e, id)}
                            onChange={(_, d) => {
                              setTexts((prev) => ({ ...prev, [id]: d.value }));
                              setAsking(false);
                              if (confirmed.has(id)) {
                                const now = new Set(confirmed);
                                now.delete(id);
                                setConfirmed(now);
                              }
                            }}
                          />
                        </div>
                        <span id={`${domId}-note`} className={s.note}>
                          {inDoubt && <span className={s.status}>{done ? t.reviewConfirmed : t.reviewToConfirm}</span>}
                          {inDoubt && reasons.length > 0 && `：${[...new Set(reasons)].join('；')}`}
                          {read && texts[id] !== read.text && ` ${t.reviewRead(read.text)}`}
                          {proposal !== null &&
                            ` ${proposal.oneClick ? t.reviewProposal(String(proposal.value)) : t.reviewProposalHint(String(proposal.value))}`}
                        </span>
                        {proposal?.oneClick && (
                          <Button size="small" icon={<CheckmarkRegular />} onClick={() => accept(id, String(proposal.value))}>
                            {t.reviewUseProposal(label(id), String(proposal.value))}
                          </Button>
                        )}
                      </div>
                    );
                  })}
                </div>
              </fieldset>
            );
          })}
        </div>
      </div>
      {stillDoubt.length > 0 && (
        <Notice intent="warning" title={asking ? t.reviewAskTitle : t.reviewStillDoubt}>
          <ul className={s.list} data-testid="still-doubt">
            {stillDoubt.map((d, i) => (
              <li key={i}>{doubtLine(d)}</li>
            ))}
          </ul>
          {asking && (
            <div className={s.ask}>
              <Body1 as="p" className={s.p}>
                {t.reviewAskQuestion}
              </Body1>
              <div className={s.actions}>
                <Button ref={anywayRef} appearance="primary" icon={<MergeRegular />} disabledFocusable={busy} onClick={() => void onMerge(true)}>
                  {t.reviewMergeAnyway}
                </Button>
                <Button
                  onClick={() => {
                    setAsking(false);
                    const first = stillDoubt[0];
                    const ind = first && indicators.find((i) => i.label === first.indicator);
                    (ind ? inputs.current.get(cellId(ind.key, first.fields[0])) : mergeRef.current)?.focus();
                  }}
                >
                  {t.reviewBackToFix}
                </Button>
              </div>
            </div>
          )}
        </Notice>
      )}
      {problem && (
        <Notice intent="error" title={problem.title}>
          {problem.lines.length === 1 && !problem.title ? (
            problem.lines[0].text
          ) : (
            <ul className={s.list}>
              {problem.lines.map((l, i) => (
                <li key={i} data-code={l.code}>
                  {l.text}
                </li>
              ))}
            </ul>
          )}
        </Notice>
      )}
      <div className={s.actions}>
        <Button ref={mergeRef} appearance="primary" icon={<MergeRegular />} disabledFocusable={busy} onClick={() => void onMerge()}>
          {t.reviewMerge}
        </Button>
        <Button icon={<ArrowExitRegular />} onClick={props.onLeave}>
          {t.reviewLeave}
        </Button>
      </div>
    </section>
  );
}
