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
import {
  ArrowClockwiseRegular,
  ArrowUndoRegular,
  DeleteRegular,
  DismissRegular,
  DocumentAddRegular,
  DocumentSearchRegular,
  MergeRegular,
} from '@fluentui/react-icons';
import { forwardRef, useEffect, useMemo, useRef, useState } from 'react';

import type { Finding } from '../../core/findings';
import type { ScanDoubt } from '../../core/scanTrust';
import { LIMITS } from '../../reports/limits';
import type { MergeJson, ReportFile } from '../../workflow/merge';
import type { Progress } from '../../workflow/session';
import { HiddenFileInput } from '../components/HiddenFileInput';
import { MonthSelect } from '../components/MonthSelect';
import { Notice } from '../components/Notice';
import { ScanReview } from '../components/ScanReview';
import { pageOf } from '../components/scanReviewModel';
import { StatusBadge } from '../components/StatusBadge';
import { UnitPicker } from '../components/UnitPicker';
import { fileBytes } from '../fileBytes';
import { useFocusAfter } from '../focusAfter';
import { nextMonth, useFollowingMonth } from '../followMonth';
import { ImportFile, PendingScan, PickedFile, addPicks, isScanFile, scanShare } from '../importList';
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
  reviewButton: { alignSelf: 'flex-start' },
  detailList: { margin: '4px 0', paddingLeft: '18px' },
});

/** A rejected report's reason in the UI's language: its deciding finding, rendered from its parameters. */
function rejectedText(r: { code: Finding['code']; message: string; findings: readonly Finding[] }, t: Strings): string {
  const deciding = r.findings.find((f) => f.code === r.code);
  return deciding ? t.findingMessage(deciding) : r.message;
}

/** The message already names the cell ("A2 单元格", "cell A2"): the chip would say it twice. */
function mentionsCell(message: string, cell: string): boolean {
  return new RegExp(`(^|[^A-Z])${cell}(?![0-9])`).test(message);
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
          {f.cell && !mentionsCell(props.t.findingMessage(f), f.cell) && <span className={s.cell}>{props.t.cell(f.cell)}</span>}
          {props.t.findingMessage(f)}
        </li>
      ))}
    </ul>
  );
}

/** A review target: the list entry (ImportFile.id) and the report's sheet (第N页). */
interface ReviewTarget {
  id: number;
  sheet: string;
}

const reviewKey = (r: ReviewTarget) => `${r.id}|${r.sheet}`;

function EntryView(props: {
  row: ImportRow;
  entry: ImportEntry;
  onAssign: (alias: string, unitId: number) => void;
  /** Set for a report read from a scan: opens 核对扫描件. */
  onReview?: () => void;
}) {
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
      {props.onReview && entry.sheet !== null && (
        <Button
          className={s.reviewButton}
          size="small"
          appearance={entry.findings.some((f) => f.code === 'SCAN_UNCERTAIN') ? 'primary' : 'secondary'}
          icon={<DocumentSearchRegular />}
          aria-label={t.reviewOpenFile(row.name, entry.sheet)}
          data-review={reviewKey({ id: row.id, sheet: entry.sheet })}
          onClick={props.onReview}
        >
          {t.reviewOpen}
        </Button>
      )}
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

/** A scan or photo while it is read (page i of n, the stage) with its cancel button, or after it was cancelled. */
function ScanRow(props: { scan: PendingScan; onCancel: () => void; onReread: () => void; onRemove: () => void }) {
  const { t } = usePane();
  const s = useStyles();
  const { scan } = props;
  const name = scan.file.name;
  const p = scan.progress;
  const status = !p
    ? t.scanWaiting
    : p.page && p.pages
      ? t.scanProgress(p.page, p.pages, p.stage ? t.scanStage[p.stage] : '')
      : p.stage
        ? t.scanStage[p.stage]
        : t.scanStarting;
  const reading = scan.state === 'reading';
  return (
    <li className={s.row} data-state={reading ? 'reading' : 'cancelled'} data-entry={scan.id} aria-label={`${name}：${reading ? status : t.scanCancelled}`}>
      <div className={s.rowHead}>
        <span className={s.fileName}>{name}</span>
        {reading ? (
          <Button size="small" icon={<DismissRegular />} aria-label={t.scanCancelFile(name)} data-cancel={scan.id} onClick={props.onCancel}>
            {t.scanCancel}
          </Button>
        ) : (
          <>
            <StatusBadge status="amber" label={t.scanCancelled} />
            <Button size="small" icon={<ArrowClockwiseRegular />} aria-label={t.scanRereadFile(name)} data-reread={scan.id} onClick={props.onReread}>
              {t.scanReread}
            </Button>
            <Button size="small" appearance="subtle" icon={<DeleteRegular />} aria-label={t.removeFile(name)} onClick={props.onRemove} />
          </>
        )}
      </div>
      {reading ? (
        <Field label={t.scanProgressLabel(name)} validationState="none" validationMessage={status}>
          <ProgressBar value={scanShare(p)} max={1} />
        </Field>
      ) : (
        <Caption1>{t.scanCancelledNote}</Caption1>
      )}
    </li>
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
  // Scans and photos while they are read (each its own request, so each can be cancelled), or cancelled.
  const [scans, setScans] = useState<PendingScan[]>([]);
  const controllers = useRef(new Map<number, AbortController>());
  const listed = useRef({ files, scans });
  listed.current = { files, scans };
  const [review, setReview] = useState<ReviewTarget | null>(null);
  const focusAfterRender = useRef<string | null>(null);
  const [tools, setTools] = useState<ImportTools | null>(null);
  const [reading, setReading] = useState<{ done: number; total: number } | null>(null);
  const [merging, setMerging] = useState<Progress | null>(null);
  const [result, setResult] = useState<MergeJson | null>(null);
  const [notice, setNotice] = useState<{ intent: 'success' | 'info' | 'warning'; title?: string; text: string; findings?: Finding[]; seq: number } | null>(
    null,
  );
  const [dragging, setDragging] = useState(false);
  const [confirmUndo, setConfirmUndo] = useState(false);
  // 截至月份 changed (a merge, an undo, the overview, the ribbon): the default follows it.
  const [followed, setFollowed] = useFollowingMonth(model.month, nextMonth);
  // A page confirmed in 核对扫描件 moves 截至月份 like any merge; the rest of the list is still that month's.
  const [pinned, setPinned] = useState<number | null>(null);
  const month = pinned ?? followed;
  const setMonth = (m: number) => {
    setPinned(null);
    setFollowed(m);
  };
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

  useEffect(() => {
    if (files.length + scans.length === 0) setPinned(null);
  }, [files.length, scans.length]);

  // Leaving the page (or a new master) stops the scans still being read.
  useEffect(() => {
    const running = controllers.current;
    return () => running.forEach((c) => c.abort());
  }, []);

  // After the list changed shape (a cancel, leaving 核对扫描件): the focus goes where the person was.
  useEffect(() => {
    const selector = focusAfterRender.current;
    if (!selector) return;
    const el = document.querySelector<HTMLElement>(selector);
    if (el) {
      focusAfterRender.current = null;
      el.focus();
    }
  });

  function say(n: { intent: 'success' | 'info' | 'warning'; title?: string; text: string; findings?: Finding[] }) {
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
      const { added, again } = addPicks([...listed.current.files, ...listed.current.scans], picked, pick, picks.current.id + 1);
      picks.current.id += added.length;
      // Spreadsheets are read together (fast) under one bar; each scan or photo on its own, with its own bar and cancel.
      const sheets = added.filter((a) => !isScanFile(a.pick.bytes));
      const newScans: PendingScan[] = added
        .filter((a) => isScanFile(a.pick.bytes))
        .map((a) => ({
          id: a.id,
          file: { name: a.name, size: a.pick.size, bytes: a.pick.bytes },
          picked: a.pick.name,
          sha256: a.pick.sha256,
          state: 'reading',
          progress: null,
        }));
      const reportFiles: ReportFile[] = sheets.map((a) => ({ name: a.name, size: a.pick.size, bytes: a.pick.bytes }));
      setReading({ done: 0, total: reportFiles.length });
      // Asked first: the worker reads requests in the order sent.
      const sheetResults = parser.parse(reportFiles, model.table.indicators, (p) => setReading({ done: p.done, total: reportFiles.length }));
      if (newScans.length) {
        setScans((prev) => [...prev, ...newScans]);
        newScans.forEach(readScan);
      }
      const results = await sheetResults;
      document.documentElement.dataset.reportParser = parser.mode();
      const entries: ImportFile[] = sheets.map((a, i) => ({ id: a.id, file: reportFiles[i], read: results[i], picked: a.pick.name, sha256: a.pick.sha256 }));
      setFiles((prev) => [...prev, ...entries]);
      if (again.length) say({ intent: 'info', text: t.alreadyListed(again) });
    } catch (e) {
      await act('action', () => Promise.reject(e));
    } finally {
      setReading(null);
    }
  }

  function readScan(entry: PendingScan) {
    const controller = new AbortController();
    controllers.current.set(entry.id, controller);
    const update = (change: Partial<PendingScan>) => setScans((prev) => prev.map((x) => (x.id === entry.id ? { ...x, ...change } : x)));
    parser
      .parse(
        [entry.file],
        model.table.indicators,
        (p) => {
          if (p.file && !controller.signal.aborted) update({ progress: { page: p.file.page, pages: p.file.pages, stage: p.file.stage } });
        },
        controller.signal,
      )
      .then(([read]) => {
        // Cancelled just as it finished: the person asked for it not to be listed as read.
        if (controller.signal.aborted) return;
        document.documentElement.dataset.reportParser = parser.mode();
        setScans((prev) => prev.filter((x) => x.id !== entry.id));
        setFiles((prev) => [...prev, { id: entry.id, file: entry.file, read, picked: entry.picked, sha256: entry.sha256 }]);
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted || (e instanceof Error && e.name === 'AbortError')) {
          update({ state: 'cancelled', progress: null });
          return;
        }
        setScans((prev) => prev.filter((x) => x.id !== entry.id));
        void act('action', () => Promise.reject(e));
      })
      .finally(() => {
        if (controllers.current.get(entry.id) === controller) controllers.current.delete(entry.id);
      });
  }

  function cancelScan(entry: PendingScan) {
    controllers.current.get(entry.id)?.abort();
    // Shown at once; the worker stops at its next step.
    setScans((prev) => prev.map((x) => (x.id === entry.id ? { ...x, state: 'cancelled', progress: null } : x)));
    focusAfterRender.current = `[data-reread="${entry.id}"]`;
    announce(t.scanCancelledSay(entry.file.name), { polite: true });
  }

  function rereadScan(entry: PendingScan) {
    const again: PendingScan = { ...entry, state: 'reading', progress: null };
    setScans((prev) => prev.map((x) => (x.id === entry.id ? again : x)));
    focusAfterRender.current = `[data-cancel="${entry.id}"]`;
    readScan(again);
  }

  function clearList() {
    controllers.current.forEach((c) => c.abort());
    controllers.current.clear();
    setScans([]);
    setFiles([]);
  }

  /** 核对扫描件 merged one page: it leaves the list (the file too when nothing else of it is left). */
  function onReviewed(target: ReviewTarget, json: MergeJson, unitName: string, fileName: string) {
    setFiles((prev) =>
      prev.flatMap((f) => {
        if (f.id !== target.id) return [f];
        const reports = f.read.reports.filter((r) => r.sheet !== target.sheet);
        const failures = f.read.failures.filter((r) => r.sheet !== target.sheet);
        return reports.length || failures.length ? [{ ...f, read: { ...f.read, reports, failures } }] : [];
      }),
    );
    setReview(null);
    setPinned(month);
    // Figures confirmed by a person may still raise the merge's warnings: on screen, not only in 合并日志.
    const warnings = json.merged.flatMap((m) => m.warnings);
    say({ intent: warnings.length ? 'warning' : 'success', title: t.mergedTitle, text: t.reviewMerged(unitName, json.month, fileName), findings: warnings });
    focusNotice();
  }

  function leaveReview(target: ReviewTarget) {
    setReview(null);
    focusAfterRender.current = `[data-review="${reviewKey(target).replace(/["\\]/g, '\\$&')}"]`;
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
      setPinned(null);
      setFiles([]);
      refresh(true);
      focusResult();
    }
  }

  /** What 核对扫描件 shows for a list entry's page: the report, its image, the doubts the dry run named, the unit. */
  function reviewOf(target: ReviewTarget) {
    const f = files.find((x) => x.id === target.id);
    const report = f?.read.reports.find((r) => r.sheet === target.sheet && r.scan);
    if (!f || !report) return null;
    const entry = plan?.rows.find((r) => r.id === target.id)?.entries.find((e) => e.sheet === target.sheet);
    const uncertain = entry?.findings.find((x) => x.code === 'SCAN_UNCERTAIN');
    const doubts = ((uncertain?.params as { doubts?: ScanDoubt[] } | undefined)?.doubts ?? []) as ScanDoubt[];
    return { report, page: pageOf(f.read.scanPages, report), doubts, unitId: entry?.unitId ?? report.code?.unitId ?? null };
  }

  /** The merge an undo takes back, as the confirmation and the result name it (the last undo record). */
  const lastMerge = model.undoStack[model.undoStack.length - 1];

  async function onUndo() {
    setConfirmUndo(false);
    setPinned(null);
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

  const scansReading = scans.some((x) => x.state === 'reading');
  const busy = reading !== null || merging !== null;
  const mergeBlocked = busy || scansReading;
  const hasWork = files.length > 0 || excel;
  const pickedNames = new Map<string, number>();
  for (const f of files) pickedNames.set(f.picked, (pickedNames.get(f.picked) ?? 0) + 1);

  const reviewing = review ? reviewOf(review) : null;
  if (review && reviewing) {
    return (
      <div className={s.root}>
        <ScanReview
          key={reviewKey(review)}
          report={reviewing.report}
          page={reviewing.page}
          doubts={reviewing.doubts}
          unitId={reviewing.unitId}
          month={month}
          onLeave={() => leaveReview(review)}
          onMerged={(json, unitName) => onReviewed(review, json, unitName, reviewing.report.file)}
        />
      </div>
    );
  }

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
          {notice.findings?.length ? (
            <>
              <p className={s.p}>{t.reviewMergedWarnings}</p>
              <FindingList findings={notice.findings} label={t.reviewMergedWarnings} t={t} />
            </>
          ) : null}
        </Notice>
      )}
      {result && <MergeResult ref={resultRef} json={result} />}

      <div className={s.actions}>
        <Button appearance="primary" icon={<MergeRegular />} disabled={!hasWork && !mergeBlocked} disabledFocusable={mergeBlocked} onClick={onMerge}>
          {t.mergeButton(month)}
        </Button>
        <Button icon={<ArrowUndoRegular />} disabled={!lastMerge && !busy} disabledFocusable={busy} onClick={() => setConfirmUndo(true)} title={t.undoHint}>
          {t.undo}
        </Button>
        {files.length + scans.length > 0 && (
          <Button appearance="subtle" icon={<DeleteRegular />} disabledFocusable={busy} onClick={clearList}>
            {t.clearList}
          </Button>
        )}
      </div>
      {excel && <Caption1>{t.includeSheetsNote}</Caption1>}
      {scansReading && <Caption1>{t.scanReadingBlocksMerge}</Caption1>}
      {merging && (
        <Field label={t.mergeProgress} validationState="none" validationMessage={merging.stage}>
          <ProgressBar value={merging.total ? merging.done / merging.total : 0} max={1} />
        </Field>
      )}

      {plan || scans.length ? (
        <section aria-labelledby={listId} className={s.root}>
          <div>
            <h2 id={listId} className={s.h2}>
              {t.listTitle(files.length + scans.length)}
            </h2>
            {plan && <Caption1 data-testid="plan-summary">{t.listSummary(plan.counts.ready, plan.counts.warning, plan.counts.rejected)}</Caption1>}
          </div>
          <ul className={s.list} aria-labelledby={listId}>
            {scans.map((sc) => (
              <ScanRow
                key={`scan-${sc.id}`}
                scan={sc}
                onCancel={() => cancelScan(sc)}
                onReread={() => rereadScan(sc)}
                onRemove={() => setScans((prev) => prev.filter((x) => x.id !== sc.id))}
              />
            ))}
            {(plan?.rows ?? []).map((row) => {
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
                    <EntryView
                      key={`${e.sheet}-${i}`}
                      row={row}
                      entry={e}
                      onAssign={onAssign}
                      onReview={e.scan && e.sheet !== null ? () => setReview({ id: row.id, sheet: e.sheet! }) : undefined}
                    />
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
