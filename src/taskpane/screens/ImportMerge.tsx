import {
  Body1,
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Label,
  ProgressBar,
  makeStyles,
  mergeClasses,
  tokens,
  typographyStyles,
  useAnnounce,
  useId,
} from '@fluentui/react-components';
import { ArrowUndoRegular, DeleteRegular, DocumentAddRegular, MergeRegular } from '@fluentui/react-icons';
import { forwardRef, useEffect, useMemo, useRef, useState } from 'react';

import type { Finding } from '../../core/findings';
import { LIMITS } from '../../reports/limits';
import type { MergeJson, ReportFile } from '../../workflow/merge';
import type { Progress } from '../../workflow/session';
import { HiddenFileInput } from '../components/HiddenFileInput';
import { MonthSelect } from '../components/MonthSelect';
import { Notice } from '../components/Notice';
import { StatusBadge } from '../components/StatusBadge';
import { UnitPicker } from '../components/UnitPicker';
import { fileBytes } from '../fileBytes';
import { useFocusAfter } from '../focusAfter';
import { nextMonth, useFollowingMonth } from '../followMonth';
import { ImportFile, PickedFile, addPicks } from '../importList';
import type { ImportEntry, ImportRow } from '../importRows';
import { usePane } from '../pane';
import { RowState, Strings } from '../strings';

/** What the list needs once files are picked (the dry run and the reader's hash): loaded then, with SheetJS. */
const loadImportTools = () => import(/* webpackChunkName: "import-tools" */ '../importTools');
type ImportTools = Awaited<ReturnType<typeof loadImportTools>>;

const ROW_STATUS: Record<RowState, 'ok' | 'amber' | 'red'> = { ready: 'ok', warning: 'amber', rejected: 'red' };

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: '12px' },
  p: { margin: 0 },
  pickRow: { display: 'flex', flexWrap: 'wrap', gap: '12px', alignItems: 'stretch' },
  monthField: { width: '160px', maxWidth: '100%' },
  drop: {
    flexGrow: 1,
    flexBasis: '260px',
    minWidth: 0,
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    rowGap: '6px',
    padding: '12px',
    borderRadius: tokens.borderRadiusLarge,
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  dropActive: { border: `2px dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  dropLine: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '8px' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center' },
  h2: { ...typographyStyles.subtitle2, margin: 0 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: '6px' },
  row: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: '6px 8px',
    display: 'flex',
    flexDirection: 'column',
    rowGap: '4px',
    minWidth: 0,
  },
  rowHead: { display: 'flex', alignItems: 'flex-start', columnGap: '8px' },
  fileName: { ...typographyStyles.body1Strong, flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere' },
  entry: { display: 'flex', flexDirection: 'column', rowGap: '4px', paddingLeft: '2px' },
  unitLine: { display: 'flex', flexWrap: 'wrap', columnGap: '8px', alignItems: 'baseline' },
  findings: { margin: 0, paddingLeft: '18px', display: 'flex', flexDirection: 'column', rowGap: '2px' },
  finding: { ...typographyStyles.caption1, overflowWrap: 'anywhere' },
  findingTitle: { ...typographyStyles.caption1Strong },
  cell: {
    fontFamily: tokens.fontFamilyMonospace,
    backgroundColor: tokens.colorNeutralBackground3,
    padding: '0 4px',
    borderRadius: tokens.borderRadiusSmall,
    marginRight: '4px',
  },
  assign: { maxWidth: '360px', display: 'flex', flexDirection: 'column', rowGap: '2px' },
  resultGrid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(96px, 1fr))',
    gap: '6px',
    margin: '4px 0',
  },
  resultItem: { margin: 0 },
  resultDt: { ...typographyStyles.caption1 },
  resultDd: { ...typographyStyles.subtitle2, margin: 0 },
  details: { ...typographyStyles.caption1, '& summary': { cursor: 'pointer', ...typographyStyles.caption1Strong } },
  detailList: { margin: '4px 0', paddingLeft: '18px' },
});

/** A rejected report's reason in the UI's language: its deciding finding, rendered from its parameters. */
function rejectedText(r: { code: Finding['code']; message: string; findings: readonly Finding[] }, t: Strings): string {
  const deciding = r.findings.find((f) => f.code === r.code);
  return deciding ? t.findingMessage(deciding) : r.message;
}

function FindingList(props: { findings: readonly Finding[]; label: string; t: Strings }) {
  const s = useStyles();
  if (props.findings.length === 0) return null;
  return (
    <ul className={s.findings} aria-label={props.label}>
      {props.findings.map((f, i) => (
        <li key={i} className={s.finding} data-code={f.code}>
          <span className={s.findingTitle}>{props.t.findingTitle[f.code]}</span>
          {'：'}
          {f.cell && <span className={s.cell}>{props.t.cell(f.cell)}</span>}
          {props.t.findingMessage(f)}
        </li>
      ))}
    </ul>
  );
}

function EntryView(props: { row: ImportRow; entry: ImportEntry; onAssign: (alias: string, unitId: number) => void }) {
  const { row, entry } = props;
  const { t, model } = usePane();
  const s = useStyles();
  const many = row.entries.length > 1;
  const assignId = useId('assign');
  const unit =
    entry.unitId !== null && entry.unitName ? (
      <Body1>{t.unitName(entry.unitId, entry.unitName)}</Body1>
    ) : entry.sheet !== null ? (
      <Body1>
        {t.unitUnknown}（{entry.writtenName ? t.writtenAs(entry.writtenName) : t.blankName}）
      </Body1>
    ) : null;
  return (
    <div className={s.entry}>
      <div className={s.unitLine}>
        {unit}
        {many && entry.sheet && <Caption1>{t.sheetLabel(entry.sheet)}</Caption1>}
        {many && <StatusBadge status={ROW_STATUS[entry.state]} label={t.rowState[entry.state]} />}
      </div>
      <FindingList findings={entry.findings} label={t.findingsLabel(row.name)} t={t} />
      {entry.aliasText && (
        <div className={s.assign}>
          <Label id={assignId} size="small" weight="semibold">
            {t.assignLabel(entry.aliasText)}
          </Label>
          <UnitPicker
            units={model.table.units}
            value={null}
            onChange={(id) => id !== null && props.onAssign(entry.aliasText!, id)}
            labelledBy={assignId}
            placeholder={t.searchUnit}
            noMatch={t.noUnitFound}
            suggested={entry.suggestions}
          />
        </div>
      )}
    </div>
  );
}

const MergeResult = forwardRef<HTMLDivElement, { json: MergeJson }>(function MergeResult(props, ref) {
  const { t, model } = usePane();
  const s = useStyles();
  const { json } = props;
  const warned = json.merged.filter((m) => m.warnings.length > 0);
  const names = new Map(model.table.units.map((u) => [u.id, u.name]));
  const resultId = useId('result');
  return (
    <Notice ref={ref} intent={json.rejected.length ? 'warning' : 'success'} title={t.resultTitle(json.month)} heading focusable>
      <dl className={s.resultGrid} aria-label={t.resultTitle(json.month)} id={resultId} data-testid="merge-result">
        {(
          [
            ['merged', json.merged.length],
            ['warnings', warned.length],
            ['rejected', json.rejected.length],
            ['missing', json.missing.length],
          ] as const
        ).map(([key, n]) => (
          <div key={key} className={s.resultItem} data-result={key}>
            <dt className={s.resultDt}>{t.resultCounts[key]}</dt>
            <dd className={s.resultDd}>{n}</dd>
          </div>
        ))}
      </dl>
      {json.rejected.length > 0 && (
        <details className={s.details} open>
          <summary>{t.resultRejected}</summary>
          <ul className={s.detailList}>
            {json.rejected.map((r, i) => (
              <li key={i}>
                <strong>{t.findingTitle[r.code]}</strong>：{rejectedText(r, t)}
              </li>
            ))}
          </ul>
        </details>
      )}
      {warned.length > 0 && (
        <details className={s.details}>
          <summary>
            {t.resultWarnings}（{warned.length}）
          </summary>
          <ul className={s.detailList}>
            {warned.map((m, i) => (
              <li key={i}>
                {m.unitName}：{m.warnings.map((w) => t.findingTitle[w.code]).join(t.listSeparator)}
              </li>
            ))}
          </ul>
        </details>
      )}
      {json.missing.length > 0 && (
        <details className={s.details}>
          <summary>
            {t.resultMissing}（{json.missing.length}）
          </summary>
          <p className={s.p}>{json.missing.map((id) => names.get(id) ?? String(id)).join(t.listSeparator)}</p>
        </details>
      )}
    </Notice>
  );
});

export function ImportMerge() {
  const { t, host, model, parser, run, act, refresh } = usePane();
  const s = useStyles();
  const { announce } = useAnnounce();
  const inputRef = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<ImportFile[]>([]);
  const [tools, setTools] = useState<ImportTools | null>(null);
  const [reading, setReading] = useState<{ done: number; total: number } | null>(null);
  const [merging, setMerging] = useState<Progress | null>(null);
  const [result, setResult] = useState<MergeJson | null>(null);
  const [notice, setNotice] = useState<{ intent: 'success' | 'info'; title?: string; text: string; seq: number } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [confirmUndo, setConfirmUndo] = useState(false);
  // 截至月份 changed (a merge, an undo, the overview, the ribbon): the default follows it.
  const [month, setMonth] = useFollowingMonth(model.month, nextMonth);
  const picks = useRef({ pick: 0, id: 0, seq: 0 });
  const [resultRef, focusResult] = useFocusAfter<HTMLDivElement>();
  const [noticeRef, focusNotice] = useFocusAfter<HTMLDivElement>();
  const listId = useId('files');
  const hintId = useId('drop-hint');
  const excel = host.kind === 'excel';

  const plan = useMemo(() => (tools && files.length ? tools.planImport(model, month, files) : null), [tools, model, month, files]);

  // The pre-check's outcome is announced whenever the list is checked again (files added or removed, a unit
  // assigned, another month chosen).
  useEffect(() => {
    if (plan && !reading) announce(t.planAnnounce(files.length, plan.counts.ready, plan.counts.warning, plan.counts.rejected), { polite: true });
  }, [plan, reading]); // eslint-disable-line react-hooks/exhaustive-deps

  function say(n: { intent: 'success' | 'info'; title?: string; text: string }) {
    setNotice({ ...n, seq: ++picks.current.seq });
  }

  async function addFiles(list: FileList | readonly File[] | null) {
    const chosen = Array.from(list ?? []);
    if (!chosen.length || reading) return;
    setNotice(null);
    setResult(null);
    setReading({ done: 0, total: chosen.length });
    try {
      const loaded = tools ?? (await loadImportTools());
      setTools(loaded);
      const picked: PickedFile[] = await Promise.all(
        chosen.map(async (f) => {
          const bytes = f.size > LIMITS.maxBytes ? new Uint8Array(0) : await fileBytes(f);
          return { name: f.webkitRelativePath || f.name, size: f.size, bytes, sha256: bytes.length ? loaded.sha256Hex(bytes) : '' };
        }),
      );
      // Each file of a pick is its own entry, even under a name already listed; only the very same file is not.
      const pick = ++picks.current.pick;
      const { added, again } = addPicks(files, picked, pick, picks.current.id + 1);
      picks.current.id += added.length;
      const reportFiles: ReportFile[] = added.map((a) => ({ name: a.name, size: a.pick.size, bytes: a.pick.bytes }));
      const results = await parser.parse(reportFiles, model.table.indicators, (p) => setReading({ done: p.done + again.length, total: chosen.length }));
      document.documentElement.dataset.reportParser = parser.mode();
      const entries: ImportFile[] = added.map((a, i) => ({ id: a.id, file: reportFiles[i], read: results[i], picked: a.pick.name, sha256: a.pick.sha256 }));
      setFiles((prev) => [...prev, ...entries]);
      if (again.length) say({ intent: 'info', text: t.alreadyListed(again) });
    } catch (e) {
      await act('action', () => Promise.reject(e));
    } finally {
      setReading(null);
    }
  }

  async function onMerge() {
    if (merging) return;
    setNotice(null);
    setMerging({ stage: t.working, done: 0, total: 1 });
    const json = await run('action', () =>
      // The list's files were read already (by the worker): the merge uses those results, not a second read.
      host.master.merge({ month, files: files.map((f) => f.file), read: files.map((f) => f.read), includeSheets: excel, onProgress: (p) => setMerging(p) }),
    );
    setMerging(null);
    if (json) {
      setResult(json);
      setFiles([]);
      refresh(true);
      focusResult();
    }
  }

  /** The merge an undo takes back, as the confirmation and the result name it (the last undo record). */
  const lastMerge = model.undoStack[model.undoStack.length - 1];

  async function onUndo() {
    setConfirmUndo(false);
    const undoing = lastMerge;
    const message = await run('action', () => host.master.undo());
    if (message !== undefined) {
      setResult(null);
      // Said from the record that was undone (the session's own message is for the log and the ribbon).
      const text = undoing ? t.undone(undoing.time, undoing.record.month, undoing.record.units.length, undoing.record.previousMonth) : message;
      say({ intent: 'success', title: t.undoTitle, text });
      refresh(true);
      focusNotice();
    }
  }

  async function onAssign(alias: string, unitId: number) {
    const unit = model.table.units.find((u) => u.id === unitId);
    if (await act('action', () => host.master.addAlias(alias, unitId))) {
      say({ intent: 'success', text: t.assigned(alias, unit ? unit.name : String(unitId)) });
      refresh(true);
    }
  }

  const busy = reading !== null || merging !== null;
  const hasWork = files.length > 0 || excel;
  const pickedNames = new Map<string, number>();
  for (const f of files) pickedNames.set(f.picked, (pickedNames.get(f.picked) ?? 0) + 1);

  return (
    <div className={s.root}>
      <Caption1 as="p" className={s.p}>
        {t.importIntro}
      </Caption1>
      <div className={s.pickRow}>
        <div className={s.monthField}>
          <MonthSelect label={t.mergeMonth} value={month} onChange={setMonth} monthName={t.monthName} disabled={busy} />
        </div>
        <div
          className={mergeClasses(s.drop, dragging && s.dropActive)}
          data-testid="drop-zone"
          onDragOver={(e) => {
            e.preventDefault();
            e.dataTransfer.dropEffect = 'copy';
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            void addFiles(e.dataTransfer.files);
          }}
        >
          <div className={s.dropLine}>
            <Body1>{t.dropZone}</Body1>
            <Button icon={<DocumentAddRegular />} aria-describedby={hintId} disabledFocusable={busy} onClick={() => inputRef.current?.click()}>
              {t.chooseFiles}
            </Button>
          </div>
          <Caption1 id={hintId}>{t.acceptedTypes}</Caption1>
          <HiddenFileInput
            ref={inputRef}
            multiple
            label={t.fileInputLabel}
            accept=".xlsx,.xlsm,.xls,.et,.ods,.csv,.pdf,.png,.jpg,.jpeg,.doc,.docx,.wps,.html,.htm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel"
            onFiles={(list) => void addFiles(list)}
          />
        </div>
      </div>

      {reading && (
        <Field label={t.readingLabel} validationState="none" validationMessage={t.reading(reading.done, reading.total)}>
          <ProgressBar value={reading.total ? reading.done / reading.total : 0} max={1} />
        </Field>
      )}

      {notice && (
        <Notice key={notice.seq} ref={noticeRef} focusable intent={notice.intent} title={notice.title}>
          {notice.text}
        </Notice>
      )}
      {result && <MergeResult ref={resultRef} json={result} />}

      <div className={s.actions}>
        <Button appearance="primary" icon={<MergeRegular />} disabled={!hasWork && !busy} disabledFocusable={busy} onClick={onMerge}>
          {t.mergeButton(month)}
        </Button>
        <Button icon={<ArrowUndoRegular />} disabled={!lastMerge && !busy} disabledFocusable={busy} onClick={() => setConfirmUndo(true)} title={t.undoHint}>
          {t.undo}
        </Button>
        {files.length > 0 && (
          <Button appearance="subtle" icon={<DeleteRegular />} disabledFocusable={busy} onClick={() => setFiles([])}>
            {t.clearList}
          </Button>
        )}
      </div>
      {excel && <Caption1>{t.includeSheetsNote}</Caption1>}
      {merging && (
        <Field label={t.mergeProgress} validationState="none" validationMessage={merging.stage}>
          <ProgressBar value={merging.total ? merging.done / merging.total : 0} max={1} />
        </Field>
      )}

      {plan ? (
        <section aria-labelledby={listId} className={s.root}>
          <div>
            <h2 id={listId} className={s.h2}>
              {t.listTitle(files.length)}
            </h2>
            <Caption1 data-testid="plan-summary">{t.listSummary(plan.counts.ready, plan.counts.warning, plan.counts.rejected)}</Caption1>
          </div>
          <ul className={s.list} aria-labelledby={listId}>
            {plan.rows.map((row) => {
              const entry = files.find((f) => f.id === row.id);
              const renamed = entry !== undefined && entry.file.name !== entry.picked;
              const shared = entry !== undefined && (pickedNames.get(entry.picked) ?? 0) > 1;
              return (
                <li key={row.id} className={s.row} data-state={row.state} data-entry={row.id} aria-label={`${row.name}：${t.rowState[row.state]}`}>
                  <div className={s.rowHead}>
                    <span className={s.fileName}>{row.name}</span>
                    <StatusBadge status={ROW_STATUS[row.state]} label={t.rowState[row.state]} />
                    <Button
                      size="small"
                      appearance="subtle"
                      icon={<DeleteRegular />}
                      aria-label={t.removeFile(row.name)}
                      disabledFocusable={busy}
                      onClick={() => setFiles((prev) => prev.filter((f) => f.id !== row.id))}
                    />
                  </div>
                  {renamed && shared && <Caption1>{t.sameNameNote(entry.picked)}</Caption1>}
                  {row.entries.map((e, i) => (
                    <EntryView key={`${e.sheet}-${i}`} row={row} entry={e} onAssign={onAssign} />
                  ))}
                </li>
              );
            })}
          </ul>
        </section>
      ) : (
        !result && !reading && <Caption1>{t.noFiles}</Caption1>
      )}

      <Dialog open={confirmUndo} onOpenChange={(_, d) => setConfirmUndo(d.open)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{lastMerge ? t.undoConfirmTitle(lastMerge.record.month) : t.undo}</DialogTitle>
            <DialogContent>
              {lastMerge && t.undoConfirmBody(lastMerge.time, lastMerge.record.month, lastMerge.record.units.length, lastMerge.record.previousMonth)}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={() => setConfirmUndo(false)}>
                {t.undoCancel}
              </Button>
              <Button appearance="primary" icon={<ArrowUndoRegular />} onClick={() => void onUndo()}>
                {t.undoConfirm}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
