import {
  Body1,
  Button,
  Caption1,
  Field,
  Label,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  makeStyles,
  mergeClasses,
  tokens,
  typographyStyles,
  useId,
} from '@fluentui/react-components';
import { ArrowUndoRegular, DeleteRegular, DocumentAddRegular, MergeRegular } from '@fluentui/react-icons';
import { useMemo, useRef, useState } from 'react';

import { Finding } from '../../core/findings';
import { LIMITS } from '../../reports/fileKind';
import { MergeJson, ReportFile } from '../../workflow/merge';
import { Progress } from '../../workflow/session';
import { HiddenFileInput } from '../components/HiddenFileInput';
import { MonthSelect } from '../components/MonthSelect';
import { Notice } from '../components/Notice';
import { StatusBadge } from '../components/StatusBadge';
import { UnitPicker } from '../components/UnitPicker';
import { ImportEntry, ImportFile, ImportRow, planImport } from '../importRows';
import { defaultMergeMonth } from '../overviewData';
import { fileBytes } from '../fileBytes';
import { usePane } from '../pane';
import { RowState, Strings } from '../strings';

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
          {f.message}
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

function MergeResult(props: { json: MergeJson }) {
  const { t, model } = usePane();
  const s = useStyles();
  const { json } = props;
  const warned = json.merged.filter((m) => m.warnings.length > 0);
  const names = new Map(model.table.units.map((u) => [u.id, u.name]));
  const resultId = useId('result');
  return (
    <MessageBar intent={json.rejected.length ? 'warning' : 'success'} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle id={resultId}>{t.resultTitle(json.month)}</MessageBarTitle>
        <dl className={s.resultGrid} aria-labelledby={resultId} data-testid="merge-result">
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
                  <strong>{t.findingTitle[r.code]}</strong>：{r.message}
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
      </MessageBarBody>
    </MessageBar>
  );
}

export function ImportMerge() {
  const { t, host, model, parser, run, act, refresh } = usePane();
  const s = useStyles();
  const inputRef = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<ImportFile[]>([]);
  const [reading, setReading] = useState<{ done: number; total: number } | null>(null);
  const [merging, setMerging] = useState<Progress | null>(null);
  const [result, setResult] = useState<MergeJson | null>(null);
  const [notice, setNotice] = useState<{ intent: 'success' | 'info'; title?: string; text: string } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [month, setMonth] = useState(() => defaultMergeMonth(model));
  const [seenMonth, setSeenMonth] = useState(model.month);
  if (seenMonth !== model.month) {
    // 截至月份 changed (a merge, an undo, the overview): the default follows it.
    setSeenMonth(model.month);
    setMonth(defaultMergeMonth(model));
  }
  const listId = useId('files');
  const hintId = useId('drop-hint');
  const excel = host.kind === 'excel';

  const plan = useMemo(() => (files.length ? planImport(model, month, files) : null), [model, month, files]);

  async function addFiles(list: FileList | readonly File[] | null) {
    const chosen = Array.from(list ?? []);
    if (!chosen.length || reading) return;
    setNotice(null);
    setResult(null);
    setReading({ done: 0, total: chosen.length });
    try {
      const reportFiles: ReportFile[] = await Promise.all(
        chosen.map(async (f) => ({
          name: f.webkitRelativePath || f.name,
          size: f.size,
          bytes: f.size > LIMITS.maxBytes ? new Uint8Array(0) : await fileBytes(f),
        })),
      );
      const results = await parser.parse(reportFiles, model.table.indicators, (p) => setReading(p));
      document.documentElement.dataset.reportParser = parser.mode();
      const added = reportFiles.map((file, i) => ({ file, read: results[i] }));
      setFiles((prev) => [...prev.filter((p) => !added.some((a) => a.file.name === p.file.name)), ...added]);
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
    }
  }

  async function onUndo() {
    const message = await run('action', () => host.master.undo());
    if (message !== undefined) {
      setResult(null);
      // The message starts with 已撤销: a title saying it again would read “已撤销 已撤销 …”.
      setNotice({ intent: 'success', text: message });
      refresh(true);
    }
  }

  async function onAssign(alias: string, unitId: number) {
    const unit = model.table.units.find((u) => u.id === unitId);
    if (await act('action', () => host.master.addAlias(alias, unitId))) {
      setNotice({ intent: 'success', text: t.assigned(alias, unit ? unit.name : String(unitId)) });
      refresh(true);
    }
  }

  const busy = reading !== null || merging !== null;
  const canMerge = !busy && (files.length > 0 || excel);

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
            <Button icon={<DocumentAddRegular />} aria-describedby={hintId} disabled={busy} onClick={() => inputRef.current?.click()}>
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
        <Notice intent={notice.intent} title={notice.title}>
          {notice.text}
        </Notice>
      )}
      {result && <MergeResult json={result} />}

      <div className={s.actions}>
        <Button appearance="primary" icon={<MergeRegular />} disabled={!canMerge} onClick={onMerge}>
          {t.mergeButton(month)}
        </Button>
        <Button icon={<ArrowUndoRegular />} disabled={busy || model.undoStack.length === 0} onClick={onUndo} title={t.undoHint}>
          {t.undo}
        </Button>
        {files.length > 0 && (
          <Button appearance="subtle" icon={<DeleteRegular />} disabled={busy} onClick={() => setFiles([])}>
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
            {plan.rows.map((row) => (
              <li key={row.name} className={s.row} data-state={row.state} aria-label={`${row.name}：${t.rowState[row.state]}`}>
                <div className={s.rowHead}>
                  <span className={s.fileName}>{row.name}</span>
                  <StatusBadge status={ROW_STATUS[row.state]} label={t.rowState[row.state]} />
                  <Button
                    size="small"
                    appearance="subtle"
                    icon={<DeleteRegular />}
                    aria-label={t.removeFile(row.name)}
                    disabled={busy}
                    onClick={() => setFiles((prev) => prev.filter((f) => f.file.name !== row.name))}
                  />
                </div>
                {row.entries.map((entry, i) => (
                  <EntryView key={`${entry.sheet}-${i}`} row={row} entry={entry} onAssign={onAssign} />
                ))}
              </li>
            ))}
          </ul>
        </section>
      ) : (
        !result && !reading && <Caption1>{t.noFiles}</Caption1>
      )}
    </div>
  );
}
