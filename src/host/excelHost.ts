import { QuotaTable } from '../core/units';
import { rangeAddress } from '../workbook/address';
import { ExcelRun, OfficeJsWorkbook } from '../workbook/adapters/officeJs';
import { SHEET, overviewLastColumn, shapeOf, unitRow } from '../workbook/layout';
import { MasterModel } from '../workbook/model';
import { MasterFormatError } from '../workbook/readMaster';
import { MasterSession, PastedMergeOutcome } from '../workflow/session';
import { AssistantHost } from './host';
import { localTime } from '../core/clock';

/** `Office.context.requirements.isSetSupported`, or a test double. */
export type IsSetSupported = (name: string, version: string) => boolean;

/** What the ribbon commands need from a host (src/commands). */
export interface RibbonHost {
  /** 本月合并: the report sheets pasted into the workbook, as month 截至月份 + 1. */
  mergeMonth(): Promise<PastedMergeOutcome>;
  /** 撤销合并: undo the last merge; the Chinese message to show. */
  undoLast(): Promise<string>;
}

/** A feature of the add-in and the requirement set it needs, checked at run time (the manifest declares only the floor). */
export interface ExcelFeature {
  key: 'read' | 'write' | 'create' | 'ribbon';
  set: string;
  version: string;
  /** Chinese: what does not work without it, and what to do instead. */
  missing: string;
}

/**
 * Requirement sets really used (see src/workbook/adapters/officeJs.ts for the API-by-API list):
 * reading a master and pasted sheets ExcelApi 1.2; merging, undo and every other write 1.7 (getRangeByIndexes,
 * suspendApiCalculationUntilNextSync 1.6); 新建主表 1.9 (RangeAreas, page layout); the ribbon's shared runtime
 * and Office.addin.showAsTaskpane SharedRuntime 1.1. Selecting a unit's row (activate, select) is 1.1.
 */
export const EXCEL_FEATURES: readonly ExcelFeature[] = [
  {
    key: 'read',
    set: 'ExcelApi',
    version: '1.2',
    missing: '读取主表需要 ExcelApi 1.2（Excel 2016 或更新版本），当前 Excel 不支持：请改用独立网页或命令行。',
  },
  {
    key: 'write',
    set: 'ExcelApi',
    version: '1.7',
    missing: '合并、撤销、手工录入和修改设置需要 ExcelApi 1.7（Excel 2019、Excel 2021、Microsoft 365 或网页版 Excel），当前 Excel 只能查看进度：请在新版 Excel 或独立网页中操作。',
  },
  {
    key: 'create',
    set: 'ExcelApi',
    version: '1.9',
    missing: '新建主表需要 ExcelApi 1.9（Excel 2021、Microsoft 365 或网页版 Excel），当前 Excel 不支持：可用独立网页或命令行新建主表，再在 Excel 中打开。',
  },
  {
    key: 'ribbon',
    set: 'SharedRuntime',
    version: '1.1',
    missing: '功能区按钮“本月合并”“撤销合并”需要共享运行时（SharedRuntime 1.1：Microsoft 365、Excel 2021 或网页版 Excel），当前 Excel 不支持：请在任务窗格中合并与撤销。',
  },
];

/** A feature the running Excel lacks: the message says which and what to do. */
export class HostFeatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HostFeatureError';
  }
}

/** Another merge or undo of this host is still running (a double click on a ribbon button). */
export class HostBusyError extends Error {
  constructor() {
    super('上一个合并或撤销操作尚未完成，请稍候再试。');
    this.name = 'HostBusyError';
  }
}

function officeIsSetSupported(name: string, version: string): boolean {
  try {
    return typeof Office !== 'undefined' && Office.context.requirements.isSetSupported(name, version);
  } catch {
    return false;
  }
}


export interface ExcelHostOptions {
  /** Default: Office.context.requirements.isSetSupported (false outside Office). */
  isSetSupported?: IsSetSupported;
  /** Local time "YYYY-MM-DD HH:MM:SS" for the log. */
  clock?: () => string;
  /** Request bytes per write sync / response bytes per read sync (OfficeJsWorkbook options). */
  chunkBytes?: number;
  readChunkBytes?: number;
}

/**
 * The add-in's host: the master is the open workbook, through the Office.js adapter. The session re-reads the
 * workbook at the start of every merge and undo (the coordinator may have typed into it), in the same pass as
 * the pasted sheets, so a merge costs 2 syncs + 1 per read chunk of pasted sheets + 1 per write chunk.
 *
 * In the shared runtime the task pane and the ribbon commands use one instance (sharedExcelHost), so the
 * session's model is the same for both; merges and undos through mergeMonth / undoLast / exclusive never overlap.
 */
export class ExcelHost implements AssistantHost, RibbonHost {
  readonly kind = 'excel' as const;
  readonly workbook: OfficeJsWorkbook;
  readonly session: MasterSession;
  private readonly isSetSupported: IsSetSupported;
  private running = false;

  constructor(
    private readonly run: ExcelRun,
    options: ExcelHostOptions = {},
  ) {
    this.workbook = new OfficeJsWorkbook(run, { chunkBytes: options.chunkBytes, readChunkBytes: options.readChunkBytes });
    this.session = new MasterSession(this.workbook, options.clock ?? (() => localTime()), { rereadBeforeWrite: true });
    this.isSetSupported = options.isSetSupported ?? officeIsSetSupported;
  }

  masterLabel(): string {
    return '当前工作簿';
  }

  private supported(feature: ExcelFeature): boolean {
    try {
      return this.isSetSupported(feature.set, feature.version);
    } catch {
      return false;
    }
  }

  missingFeatures(): string[] {
    return EXCEL_FEATURES.filter((f) => !this.supported(f)).map((f) => f.missing);
  }

  private require(key: ExcelFeature['key']): void {
    const feature = EXCEL_FEATURES.find((f) => f.key === key)!;
    if (!this.supported(feature)) throw new HostFeatureError(feature.missing);
  }

  /** Run a merge, undo or other write alone: a second one while the first runs is refused, not queued. */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.running) throw new HostBusyError();
    this.running = true;
    try {
      return await work();
    } finally {
      this.running = false;
    }
  }

  async create(table: QuotaTable): Promise<MasterModel> {
    this.require('create');
    return this.exclusive(async () => {
      // Read again: the session may not know (never loaded, or a failed write left it unsure).
      if (this.session.model || (await this.session.load())) {
        throw new MasterFormatError('当前工作簿已是主表：新建会覆盖其中的台账和日志。请在新的空白工作簿中新建主表。');
      }
      return this.session.create(table);
    });
  }

  async mergeMonth(): Promise<PastedMergeOutcome> {
    this.require('read');
    this.require('write');
    return this.exclusive(() => this.session.mergePastedSheets());
  }

  async undoLast(): Promise<string> {
    this.require('read');
    this.require('write');
    return this.exclusive(() => this.session.undo());
  }

  /** Select the unit's row in 进度总览 (one sync); the master must have been read. */
  async selectUnit(unitId: number): Promise<void> {
    const model = this.session.model;
    if (!model) throw new MasterFormatError('尚未读取主表：请先打开或新建主表。');
    const index = model.table.units.findIndex((u) => u.id === unitId);
    if (index < 0) throw new MasterFormatError(`序号 ${unitId} 不在任务分配表中。`);
    const row = unitRow(index);
    const address = rangeAddress(row, 1, row, overviewLastColumn(shapeOf(model.table)));
    await this.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(SHEET.overview);
      sheet.activate();
      sheet.getRange(address).select();
      await context.sync();
    });
  }
}

let shared: ExcelHost | null = null;

/** The one ExcelHost of the add-in's shared runtime (task pane and ribbon commands), over Excel.run. */
export function sharedExcelHost(): ExcelHost {
  if (!shared) shared = new ExcelHost((batch) => Excel.run(batch));
  return shared;
}
