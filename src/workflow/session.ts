import type { WorkSheet } from 'xlsx';

import { Indicator } from '../core/indicators';
import { PaceConfig, paceProblems } from '../core/pace';
import { ParsedReport, ReadReportsResult, ReportFailure } from '../core/report';
import { QuotaTable } from '../core/units';
import { MasterWorkbook } from '../workbook/adapter';
import { WorkbookGrids } from '../workbook/grids';
import { FIRST_UNIT_ROW, REQUIREMENTS_MAX_CHARS, SHEET, masterSheets, shapeOf } from '../workbook/layout';
import { masterSpec } from '../workbook/masterSpec';
import { MergedSheetRecord, appendMergedSheets, dropMergedSheets, readMergedSheets } from '../workbook/mergedSheets';
import { MasterModel, newMasterModel } from '../workbook/model';
import { SheetPatch, monthPatches, pacePatches, requirementsPatches } from '../workbook/patches';
import { MasterFormatError, ownSheetsOf, readMaster } from '../workbook/readMaster';
import { embeddedQuota2023 } from '../quota/embedded2023';
import { keeperPatch } from '../quota/keeper';
import { makeFinding } from '../core/messages/findingText';
import { OperationLock } from './operationLock';
import { LazyReportFile, MergeJson, ReportFile, planMerge } from './mergePlan';
import { ManualFigures, ManualOrigin, manualReport } from './manualEntry';
import { planUndo } from './undo';
import {
  InterruptedAction,
  WriteInterruptedError,
  cellCount,
  interruptedLogRow,
  logRowPatch,
  refusedBeforeWriting,
  restorePatches,
  restoredMessage,
  unrestoredMessage,
} from './interruptedWrite';

export interface Progress {
  /** Chinese, for the progress bar's label. */
  stage: string;
  done: number;
  total: number;
}

export interface MergeRequest {
  /** The month to merge; default 截至月份 + 1 (of the master as read for this merge). */
  month?: number;
  files: readonly (ReportFile | LazyReportFile)[];
  /**
   * The files as already read, in the same order (the page's worker read them for the import list): not read
   * again. Each must be what readReportFiles([file]) gives (src/worker/readOne.ts reads exactly so).
   */
  read?: readonly ReadReportsResult[];
  /** Also merge report sheets pasted into the master workbook (Excel). */
  includeSheets: boolean;
  /** Reads one file instead of readReportFiles (the CLI: scans and photos too, which read asynchronously). */
  readFile?: (file: ReportFile | LazyReportFile, indicators: readonly Indicator[]) => Promise<ReadReportsResult>;
  onProgress?: (p: Progress) => void;
}

/** The master an operation writes to, as it read it: the grids (rereadBeforeWrite) are what a failed write restores. */
interface WriteTarget {
  model: MasterModel;
  before: WorkbookGrids | null;
  knownSheets?: string[];
}

const sameIndicators = (a: readonly Indicator[], b: readonly Indicator[]) => JSON.stringify(a) === JSON.stringify(b);

/** The sheets a master has whatever its table, and those of the 2023 table (the first read of a workbook). */
const FIRST_GUESS: readonly string[] = masterSheets(shapeOf(embeddedQuota2023()));

/**
 * The report readers (SheetJS, ~350 KB), loaded when a file or pasted sheet is first read, not with the page: the
 * pages' first screen needs the session but not SheetJS. In Node (CLI, tests) this is a plain require.
 */
let readers: Promise<{
  readReportFiles: typeof import('./merge').readReportFiles;
  readReportSheet: typeof import('../reports/readReports').readReportSheet;
}> | null = null;
function loadReaders() {
  readers ??= Promise.all([
    import(/* webpackChunkName: "report-reader" */ './merge'),
    import(/* webpackChunkName: "report-reader" */ '../reports/readReports'),
  ]).then(
    ([files, sheets]) => ({ readReportFiles: files.readReportFiles, readReportSheet: sheets.readReportSheet }),
    (e: unknown) => {
      readers = null; // a chunk that failed to load (network) is asked for again next time
      throw e;
    },
  );
  return readers;
}

/** The forms on sheets pasted into the master workbook; the readers are loaded only when there are such sheets. */
async function readPastedSheets(foreign: ReadonlyArray<{ name: string; sheet: WorkSheet }>, indicators: readonly Indicator[]): Promise<ParsedReport[]> {
  if (foreign.length === 0) return [];
  const { readReportSheet } = await loadReaders();
  return foreign.flatMap(({ name, sheet }) => readReportSheet(THIS_WORKBOOK, name, sheet, indicators));
}

/** How the open workbook names itself in messages about its own sheets. */
export const THIS_WORKBOOK = '本工作簿';

export interface SessionOptions {
  /**
   * Read the master again at the start of every merge and undo, in the same pass as the pasted sheets
   * (Excel: the coordinator may have typed into the workbook since it was last read). The write then skips
   * checking again that the sheets exist.
   */
  rereadBeforeWrite?: boolean;
}

/** The open workbook is not a master (no 配置 sheet). */
export class NotAMasterError extends MasterFormatError {
  constructor() {
    super(`当前工作簿不是持证进度助手的主表（缺少隐藏工作表“${SHEET.config}”）。请先在任务窗格中“新建主表”。`);
    this.name = 'NotAMasterError';
  }
}

/** What 本月合并 did: merged (json), or nothing, with the reason. */
export interface PastedMergeOutcome {
  /** The month merged, or the one that would have been. */
  month: number;
  /** null when nothing was written (no new report sheet). */
  json: MergeJson | null;
  /** Report sheets read: new ones (not recorded), and recorded ones. */
  sheets: { fresh: string[]; recorded: string[] };
  /** Chinese, one line, for a status line or notice. */
  summary: string;
}

const plural = (names: readonly string[], max = 3) =>
  names.length <= max
    ? names.map((n) => `“${n}”`).join('、')
    : `${names
        .slice(0, max)
        .map((n) => `“${n}”`)
        .join('、')} 等 ${names.length} 个`;

/** A Chinese one-line summary of a merge's JSON. */
export function mergeSummary(json: MergeJson): string {
  const parts = [`${json.month} 月合并完成：已合并 ${json.merged.length} 份`];
  if (json.rejected.length) parts.push(`未合并 ${json.rejected.length} 份`);
  const warned = json.merged.filter((m) => m.warnings.length > 0).length;
  if (warned) parts.push(`${warned} 份有提示`);
  parts.push(`尚未报送 ${json.missing.length} 个单位`);
  return `${parts.join('，')}。`;
}

/**
 * One master, any adapter: what the task pane, the ribbon commands, the standalone page and the CLI do
 * (create, read, merge, undo, settings). Every public method runs under the session's lock (operationLock.ts):
 * reads wait their turn, a write while another runs is refused. Shells do not hold a session: they go through
 * MasterOperations (operations.ts), which checks the host's requirement sets and publishes each outcome.
 */
export class MasterSession {
  model: MasterModel | null = null;
  /** Report sheets merged from this workbook (配置), as last read or written. */
  mergedSheets: MergedSheetRecord[] = [];
  /** A merge whose write failed and could not be restored: only its own undo record may be undone. */
  private partial: { time: string; month: number } | null = null;
  private readonly lock = new OperationLock();

  constructor(
    private readonly workbook: MasterWorkbook,
    private readonly clock: () => string,
    private readonly options: SessionOptions = {},
  ) {}

  /** Read the master; null when the workbook is not one (no 配置 sheet): the UI offers 新建主表. */
  load(): Promise<MasterModel | null> {
    return this.lock.run('读取主表', 'read', () => this.loadNow());
  }

  private async loadNow(): Promise<MasterModel | null> {
    return this.adopt(
      await this.readOwn(
        (own) => this.workbook.readGrids(own),
        (g) => g,
      ),
    );
  }

  /**
   * 打开主表 (the page): `swap` puts other bytes into the adapter and returns how to put the previous ones back.
   * Read as a write (nothing else may run in between); when it is not a master or cannot be read, the previous
   * master is restored and read again, and `notAMaster` (or the read error) is thrown.
   */
  replaceWorkbook(swap: () => () => void, notAMaster: () => Error): Promise<MasterModel> {
    return this.lock.run('打开主表', 'write', async () => {
      const restore = swap();
      try {
        const model = await this.loadNow();
        if (!model) throw notAMaster();
        return model;
      } catch (e) {
        restore();
        await this.loadNow().catch(() => null);
        throw e;
      }
    });
  }

  /**
   * The master's own sheets depend on its task table (ledger and summary sheets are named from it): read those
   * of the master as last read (or, never read, the fixed sheets and 2023's), and read again only when 配置 lists
   * one that was not read.
   */
  private async readOwn<T>(read: (own: readonly string[]) => Promise<T>, gridsOf: (t: T) => WorkbookGrids): Promise<T> {
    const guess = this.model ? masterSheets(shapeOf(this.model.table)) : FIRST_GUESS;
    const first = await read(guess);
    const listed = ownSheetsOf(gridsOf(first));
    return listed.every((n) => guess.includes(n)) ? first : read(listed);
  }

  private adopt(grids: WorkbookGrids): MasterModel | null {
    if (!grids.sheets.has(SHEET.config)) {
      this.model = null;
      this.mergedSheets = [];
      return null;
    }
    this.model = readMaster(grids).model;
    this.mergedSheets = readMergedSheets(grids);
    return this.model;
  }

  /**
   * The master to merge into and the sheets pasted into the workbook. Re-read (rereadBeforeWrite): in one pass
   * with the pasted sheets when the adapter can; `knownSheets` then lets the write skip its existence check.
   */
  private async readForWrite(includeSheets: boolean): Promise<WriteTarget & { foreign: Array<{ name: string; sheet: WorkSheet }> }> {
    if (!this.options.rereadBeforeWrite) {
      const model = this.requireModel();
      return { model, before: null, foreign: includeSheets ? await this.workbook.readForeignSheets(masterSheets(shapeOf(model.table))) : [] };
    }
    if (this.workbook.readMasterAndForeign) {
      const read = this.workbook.readMasterAndForeign.bind(this.workbook);
      const both = await this.readOwn(
        (own) => read(own, { foreign: includeSheets }),
        (b) => b.grids,
      );
      const model = this.adopt(both.grids);
      if (!model) throw new NotAMasterError();
      return { model, before: both.grids, foreign: both.foreign, knownSheets: both.sheetNames };
    }
    const grids = await this.readOwn(
      (own) => this.workbook.readGrids(own),
      (g) => g,
    );
    const model = this.adopt(grids);
    if (!model) throw new NotAMasterError();
    return { model, before: grids, foreign: includeSheets ? await this.workbook.readForeignSheets(masterSheets(shapeOf(model.table))) : [] };
  }

  /**
   * Reports on pasted sheets already recorded for another month become STALE failures (not merged, logged);
   * recorded for this month they are merged again, which changes nothing.
   */
  private screenRecorded(reports: ParsedReport[], month: number): { reports: ParsedReport[]; failures: ReportFailure[] } {
    const kept: ParsedReport[] = [];
    const failures: ReportFailure[] = [];
    const seen = new Set<string>();
    for (const r of reports) {
      const records = r.file === THIS_WORKBOOK ? this.mergedSheets.filter((x) => x.sha256 === r.sha256) : [];
      if (records.length === 0 || records.some((x) => x.month === month)) {
        kept.push(r);
        continue;
      }
      if (seen.has(r.sheet)) continue;
      seen.add(r.sheet);
      const first = records[0];
      const formerSheet = first.sheet === r.sheet ? null : first.sheet;
      const params = {
        file: THIS_WORKBOOK,
        reason: 'pastedSheet' as const,
        unitName: r.unitName,
        month,
        staleMonth: first.month,
        time: first.time,
        formerSheet,
      };
      failures.push({ file: THIS_WORKBOOK, sheet: r.sheet, sha256: r.sha256, finding: makeFinding('STALE', params, r.sheet, null) });
    }
    return { reports: kept, failures };
  }

  /** Plan, record the pasted sheets merged, write, adopt. */
  private async mergeRead(target: WriteTarget, month: number, read: ReadReportsResult): Promise<MergeJson> {
    const { model } = target;
    if (!Number.isInteger(month) || month < 1 || month > 12) throw new MasterFormatError(`合并月份须为 1–12 的整数（当前为 ${month}）。`);
    const screened = this.screenRecorded(read.reports, month);
    const plan = planMerge(model, month, { reports: screened.reports, failures: [...read.failures, ...screened.failures] }, this.clock());
    const mergeIndex = model.undoStack.length + 1;
    const time = plan.model.undoStack[plan.model.undoStack.length - 1]?.time ?? this.clock();
    const shaOf = new Map(screened.reports.filter((r) => r.file === THIS_WORKBOOK).map((r) => [r.sheet, r.sha256]));
    const added: Array<Omit<MergedSheetRecord, 'row'>> = [];
    for (const m of plan.json.merged) {
      const sha256 = m.file === THIS_WORKBOOK ? shaOf.get(m.sheet) : undefined;
      if (sha256 === undefined) continue;
      const known = [...this.mergedSheets, ...added].some((x) => x.sha256 === sha256 && x.month === month);
      if (!known) added.push({ sheet: m.sheet, sha256, month, mergeIndex, time });
    }
    const records = appendMergedSheets(this.mergedSheets, added);
    await this.write(target, [...plan.patches, ...records.patches], { action: '合并', month, time });
    this.model = plan.model;
    this.mergedSheets = records.records;
    return plan.json;
  }

  /**
   * Write a merge or undo. Files are written all-or-nothing by their adapter (temp file + rename, or new bytes).
   * Excel writes in chunks: when a chunk fails after others were applied, the cells are set back to what this
   * operation read just before (rereadBeforeWrite) and 合并日志 records the interruption.
   */
  private async write(target: WriteTarget, patches: SheetPatch[], what: { action: InterruptedAction; month: number; time?: string }): Promise<void> {
    const { model, before, knownSheets } = target;
    const { action, month } = what;
    try {
      await this.workbook.applyPatches(patches, { knownSheets });
      this.partial = null;
    } catch (e) {
      if (!before || refusedBeforeWriting(e)) throw e;
      const row = interruptedLogRow(this.clock(), action, month, cellCount(patches), e);
      try {
        await this.workbook.applyPatches([...restorePatches(patches, before), logRowPatch(model.log.length, row)]);
      } catch (again) {
        // The master's state is unknown now: the next operation reads it again. Only this merge may be undone.
        this.model = null;
        this.partial = action === '合并' && what.time ? { time: what.time, month } : null;
        throw new WriteInterruptedError(unrestoredMessage(action, month, what.time, e, again), false, e);
      }
      this.model = { ...model, log: [...model.log, row] };
      throw new WriteInterruptedError(restoredMessage(action, month, e), true, e);
    }
  }

  /** 新建主表. `onlyIntoEmpty` (Excel): refused when the workbook already is a master (read again to be sure). */
  create(table: QuotaTable, options: { onlyIntoEmpty?: boolean } = {}): Promise<MasterModel> {
    return this.lock.run('新建主表', 'write', async () => {
      if (options.onlyIntoEmpty && (this.model || (await this.loadNow()))) {
        throw new MasterFormatError('当前工作簿已是主表：新建会覆盖其中的台账和日志。请在新的空白工作簿中新建主表。');
      }
      await this.workbook.render(masterSpec(newMasterModel(table)));
      const model = await this.loadNow();
      if (!model) throw new MasterFormatError('新建的主表无法读回，请重试。');
      return model;
    });
  }

  private requireModel(): MasterModel {
    if (!this.model) throw new MasterFormatError('尚未打开主表：请先新建主表或打开主表文件。');
    return this.model;
  }

  merge(request: MergeRequest): Promise<MergeJson> {
    return this.lock.run('合并报表', 'write', () => this.mergeNow(request));
  }

  private async mergeNow(request: MergeRequest): Promise<MergeJson> {
    if (!this.options.rereadBeforeWrite) this.requireModel();
    const progress = request.onProgress ?? (() => undefined);
    const total = request.files.length;
    if (request.read && request.read.length !== total) throw new Error(`merge: ${request.read.length} read results for ${total} files`);
    // Forms are read for the master's indicators. A session that never read the master reads it first; one that
    // did reads the files first (the master is re-read just before writing) and again only if its table changed.
    let target = this.model ? null : await this.readForWrite(request.includeSheets);
    const readFiles = async (indicators: readonly Indicator[], reuse: boolean): Promise<ReadReportsResult> => {
      const read: ReadReportsResult = { reports: [], failures: [] };
      for (let i = 0; i < total; i++) {
        progress({ stage: `读取报表 ${i + 1}/${total}`, done: i, total: total + 2 });
        const r =
          (reuse ? request.read?.[i] : undefined) ??
          (request.readFile ? await request.readFile(request.files[i], indicators) : (await loadReaders()).readReportFiles([request.files[i]], indicators));
        read.reports.push(...r.reports);
        read.failures.push(...r.failures);
        // Let the page repaint between files: a large batch must not freeze the UI.
        if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 0));
      }
      return read;
    };
    const usedIndicators = (target?.model ?? this.requireModel()).table.indicators;
    let read = await readFiles(usedIndicators, true);
    if (!target) {
      if (request.includeSheets || this.options.rereadBeforeWrite) {
        progress({ stage: request.includeSheets ? '读取本工作簿中的报表工作表' : '读取主表', done: total, total: total + 2 });
      }
      target = await this.readForWrite(request.includeSheets);
      if (!sameIndicators(usedIndicators, target.model.table.indicators)) read = await readFiles(target.model.table.indicators, false);
    }
    read.reports.push(...(await readPastedSheets(target.foreign, target.model.table.indicators)));
    progress({ stage: '合并并写入主表', done: total + 1, total: total + 2 });
    const json = await this.mergeRead(target, request.month ?? target.model.month + 1, read);
    progress({ stage: '完成', done: total + 2, total: total + 2 });
    return json;
  }

  /**
   * 本月合并 (the ribbon button): every report form on a sheet of this workbook that is not the master's own,
   * as month 截至月份 + 1. Sheets recorded for another month are rejected (STALE). When no sheet is new
   * (not recorded), nothing is written: pressing the button twice changes nothing.
   */
  mergePastedSheets(): Promise<PastedMergeOutcome> {
    return this.lock.run('本月合并', 'write', () => this.mergePastedSheetsNow());
  }

  private async mergePastedSheetsNow(): Promise<PastedMergeOutcome> {
    const target = await this.readForWrite(true);
    const { model, foreign } = target;
    const reports = await readPastedSheets(foreign, model.table.indicators);
    const isRecorded = (r: ParsedReport) => this.mergedSheets.some((x) => x.sha256 === r.sha256);
    const unique = (rs: ParsedReport[]) => [...new Set(rs.map((r) => r.sheet))];
    const sheets = { fresh: unique(reports.filter((r) => !isRecorded(r))), recorded: unique(reports.filter(isRecorded)) };
    const month = model.month + 1;
    if (reports.length === 0) {
      return {
        month,
        json: null,
        sheets,
        summary: '本工作簿中没有找到月报表工作表：请把各单位的月报表（通知附件2）复制到本工作簿的新工作表中，再点“本月合并”。',
      };
    }
    if (sheets.fresh.length === 0) {
      const months = [...new Set(this.mergedSheets.filter((x) => reports.some((r) => r.sha256 === x.sha256)).map((x) => x.month))].sort((a, b) => a - b);
      return {
        month,
        json: null,
        sheets,
        summary: `没有新的月报表：${plural(sheets.recorded)}工作表已于 ${months.join('、')} 月合并，未再合并。已合并的工作表可以删除。`,
      };
    }
    if (month > 12) {
      throw new MasterFormatError('截至月份已是 12 月，本年度各月均已合并。如需重新合并某个月，请在任务窗格中选择月份后合并。');
    }
    const json = await this.mergeRead(target, month, { reports, failures: [] });
    return { month, json, sheets, summary: mergeSummary(json) };
  }

  /**
   * Merge one unit's figures typed from a scan or photo (source 手工录入): checked by the same rules as
   * a file and logged like one. Units with no report keep what they had, as with any merge of month M.
   * `origin`: the scan they were confirmed from (核对扫描件), named with its SHA-256 in 合并日志.
   */
  mergeManual(month: number, unitId: number, figures: ManualFigures, date: string, origin?: ManualOrigin): Promise<MergeJson> {
    return this.lock.run('手工录入', 'write', () => this.mergeManualNow(month, unitId, figures, date, origin));
  }

  private async mergeManualNow(month: number, unitId: number, figures: ManualFigures, date: string, origin?: ManualOrigin): Promise<MergeJson> {
    const target = await this.readForWrite(false);
    const { model } = target;
    const unit = model.table.units.find((u) => u.id === unitId);
    if (!unit) throw new MasterFormatError(`序号 ${unitId} 不在任务分配表中。`);
    const plan = planMerge(model, month, { reports: [manualReport(unit, model.table.indicators, figures, date, origin)], failures: [] }, this.clock());
    if (plan.json.merged.length) {
      await this.write(target, plan.patches, { action: '合并', month, time: plan.model.undoStack[plan.model.undoStack.length - 1]?.time });
      this.model = plan.model;
    }
    return plan.json;
  }

  /** Undo the last merge (and forget the pasted sheets it recorded); returns the Chinese message to show. */
  undo(): Promise<string> {
    return this.lock.run('撤销合并', 'write', () => this.undoNow());
  }

  private async undoNow(): Promise<string> {
    const target = await this.readForWrite(false);
    const { model } = target;
    const last = model.undoStack[model.undoStack.length - 1];
    if (this.partial && last && last.time !== this.partial.time) {
      throw new MasterFormatError(
        `撤销记录中最后一次合并是 ${last.time} 的 ${last.record.month} 月合并，不是写入中断的 ${this.partial.time}（${this.partial.month} 月）那一次：那次的撤销记录没有写成，撤销会去掉更早的合并，因此没有撤销。请关闭工作簿并选择“不保存”回到上次保存的状态（Excel 网页版：文件 → 信息 → 版本历史记录），再重新合并。`,
      );
    }
    const plan = planUndo(model, this.clock());
    const records = dropMergedSheets(this.mergedSheets, model.undoStack.length);
    await this.write(target, [...plan.patches, ...records.patches], { action: '撤销', month: last.record.month });
    this.model = plan.model;
    this.mergedSheets = records.records;
    return plan.message;
  }

  /** A row of 别名表: what an unrecognised report wrote, for the unit the coordinator chose. */
  addAlias(alias: string, unitId: number, note = '在导入列表中指定'): Promise<void> {
    return this.lock.run('添加别名', 'write', () => this.addAliasNow(alias, unitId, note));
  }

  private async addAliasNow(alias: string, unitId: number, note: string): Promise<void> {
    const model = this.requireModel();
    const unit = model.table.units.find((u) => u.id === unitId);
    if (!unit) throw new MasterFormatError(`序号 ${unitId} 不在任务分配表中。`);
    const row = FIRST_UNIT_ROW + model.aliases.length;
    const patch: SheetPatch = { sheet: SHEET.aliases, cells: [alias, unitId, unit.name, note].map((value, i) => ({ row, col: i + 1, value })) };
    await this.workbook.applyPatches([patch]);
    this.model = { ...model, aliases: [...model.aliases, { alias, unitId, note }] };
  }

  setPace(pace: PaceConfig): Promise<void> {
    return this.lock.run('修改进度设置', 'write', () => this.setPaceNow(pace));
  }

  private async setPaceNow(pace: PaceConfig): Promise<void> {
    const model = this.requireModel();
    const problems = paceProblems(pace);
    if (problems.length) throw new MasterFormatError(problems.join(''));
    await this.workbook.applyPatches(pacePatches(model, pace));
    this.model = { ...model, pace };
  }

  /**
   * The circular's 下一步工作要求, kept in 配置 for next month's circular: lines are paragraphs; an empty text (or
   * null) clears it, so the circular uses the default text again. Written as text, never as a formula.
   */
  setRequirements(text: string | null): Promise<void> {
    return this.lock.run('修改下一步工作要求', 'write', () => this.setRequirementsNow(text));
  }

  private async setRequirementsNow(text: string | null): Promise<void> {
    const model = this.requireModel();
    const clean = (text ?? '').replace(/\r\n?/g, '\n').trim();
    if (clean.length > REQUIREMENTS_MAX_CHARS) {
      throw new MasterFormatError(`“下一步工作要求”共 ${clean.length} 个字符，Excel 的一个单元格最多保存 ${REQUIREMENTS_MAX_CHARS} 个：请删减后再保存。`);
    }
    await this.workbook.applyPatches(requirementsPatches(clean || null));
    const { requirements: _old, ...rest } = model;
    this.model = clean ? { ...rest, requirements: clean } : rest;
  }

  /**
   * 设置 → 主表保管单位: the keeper (and the name it reports upward as) written where init would have written it
   * (src/quota/keeper.ts); a change that would rename the master's sheets is refused with what to do instead.
   */
  setKeeper(keeper: string, reportsAs?: string): Promise<QuotaTable> {
    return this.lock.run('修改主表保管单位', 'write', async () => {
      const model = this.requireModel();
      const change = keeperPatch(model.table, keeper, reportsAs);
      if ('problems' in change) throw new MasterFormatError(change.problems.join('\n'));
      await this.workbook.applyPatches(change.patches);
      this.model = { ...model, table: change.table };
      return change.table;
    });
  }

  /** 截至月份, which every formula of the master follows. */
  setMonth(month: number): Promise<void> {
    return this.lock.run('修改截至月份', 'write', () => this.setMonthNow(month));
  }

  private async setMonthNow(month: number): Promise<void> {
    const model = this.requireModel();
    if (!Number.isInteger(month) || month < 0 || month > 12) throw new MasterFormatError('截至月份须为 0–12 的整数。');
    await this.workbook.applyPatches(monthPatches(model, month));
    this.model = { ...model, month };
  }
}
