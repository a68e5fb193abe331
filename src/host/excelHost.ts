import { QuotaTable } from '../core/units';
import { rangeAddress } from '../workbook/address';
import { EXCEL_API_BY_OPERATION, ExcelRun, OfficeJsWorkbook } from '../workbook/adapters/officeJs';
import { SHEET, overviewLastColumn, shapeOf, unitRow } from '../workbook/layout';
import { MasterModel } from '../workbook/model';
import { MasterFormatError } from '../workbook/readMaster';
import { HostFeatureError, MasterOperations, OPERATIONS, Operation } from '../workflow/operations';
import { MasterSession, PastedMergeOutcome } from '../workflow/session';
import { errorCode, errorMessage } from '../workflow/userError';
import { AssistantHost } from './host';
import { localTime } from '../core/clock';

export { HostFeatureError };

/** `Office.context.requirements.isSetSupported`, or a test double. */
export type IsSetSupported = (name: string, version: string) => boolean;

/** A feature of the add-in and the requirement set it needs, checked at run time (the manifest declares only the floor). */
export interface ExcelFeature {
  key: 'read' | 'write' | 'create' | 'ribbon';
  set: string;
  version: string;
  /** Chinese: what does not work without it, and what to do instead. */
  missing: string;
}

const API = EXCEL_API_BY_OPERATION;

/**
 * What the coordinator can and cannot do on an older Excel. The ExcelApi versions are the adapter's
 * (EXCEL_API_BY_OPERATION): reading a master and pasted sheets, writing cells (merge, undo, settings, every other
 * write), rendering a new master. The ribbon's shared runtime and Office.addin.showAsTaskpane need SharedRuntime 1.1.
 */
export const EXCEL_FEATURES: readonly ExcelFeature[] = [
  {
    key: 'read',
    set: 'ExcelApi',
    version: API.read,
    missing: `读取主表需要 ExcelApi ${API.read}（Excel 2016 或更新版本），当前 Excel 不支持：请改用独立网页或命令行。`,
  },
  {
    key: 'write',
    set: 'ExcelApi',
    version: API.applyPatches,
    missing: `合并、撤销、手工录入和修改设置需要 ExcelApi ${API.applyPatches}（Excel 2019、Excel 2021、Microsoft 365 或网页版 Excel），当前 Excel 只能查看进度：请在新版 Excel 或独立网页中操作。`,
  },
  {
    key: 'create',
    set: 'ExcelApi',
    version: API.render,
    missing: `新建主表需要 ExcelApi ${API.render}（Excel 2021、Microsoft 365 或网页版 Excel），当前 Excel 不支持：可用独立网页或命令行新建主表，再在 Excel 中打开。`,
  },
  {
    key: 'ribbon',
    set: 'SharedRuntime',
    version: '1.1',
    missing:
      '功能区按钮“本月合并”“撤销合并”需要共享运行时（SharedRuntime 1.1：Microsoft 365、Excel 2021 或网页版 Excel），当前 Excel 不支持：请在任务窗格中合并与撤销。',
  },
];

/** The features each operation of the layer needs, whichever shell asks (pane, ribbon). */
export function featuresFor(operation: Operation): Array<ExcelFeature['key']> {
  if (operation === 'create') return ['create'];
  return OPERATIONS[operation].writes ? ['read', 'write'] : ['read'];
}

/** An Excel error that is not one of the assistant's own, in Chinese with what to do. */
export function excelErrorText(e: unknown): string {
  const code = errorCode(e);
  return `Excel 未能完成操作${code ? `（${code}）` : ''}：${errorMessage(e)}。请退出单元格编辑状态后重试；如已写入一部分，可点“撤销合并”恢复。`;
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
 * In the shared runtime the task pane and the ribbon commands use one instance (sharedExcelHost), so one session,
 * one lock and one outcome store serve both: `master` for the pane, `master.as('ribbon')` for the ribbon.
 */
export class ExcelHost implements AssistantHost {
  readonly kind = 'excel' as const;
  readonly master: MasterOperations;
  private readonly workbook: OfficeJsWorkbook;
  private readonly isSetSupported: IsSetSupported;

  constructor(run: ExcelRun, options: ExcelHostOptions = {}) {
    this.workbook = new OfficeJsWorkbook(run, { chunkBytes: options.chunkBytes, readChunkBytes: options.readChunkBytes });
    const clock = options.clock ?? (() => localTime());
    const session = new MasterSession(this.workbook, clock, { rereadBeforeWrite: true });
    this.isSetSupported = options.isSetSupported ?? officeIsSetSupported;
    this.master = new MasterOperations(session, {
      missingFor: (operation) => this.missingFor(operation),
      clock,
      unexpected: excelErrorText,
    });
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

  /** The first feature the operation needs that this Excel lacks, as its Chinese message; null when it can run. */
  missingFor(operation: Operation): string | null {
    for (const key of featuresFor(operation)) {
      const feature = EXCEL_FEATURES.find((f) => f.key === key)!;
      if (!this.supported(feature)) return feature.missing;
    }
    return null;
  }

  /** 新建主表, only into a workbook that is not a master yet. */
  create(table: QuotaTable): Promise<MasterModel> {
    return this.master.create(table, { onlyIntoEmpty: true });
  }

  /** 本月合并 as the ribbon runs it (outcome tagged 'ribbon'). */
  mergeMonth(): Promise<PastedMergeOutcome> {
    return this.master.as('ribbon').mergePastedSheets();
  }

  /** 撤销合并 as the ribbon runs it; the Chinese message to show. */
  undoLast(): Promise<string> {
    return this.master.as('ribbon').undo();
  }

  /** Select the unit's row in 进度总览 (one sync, through the adapter); the master must have been read. */
  async selectUnit(unitId: number): Promise<void> {
    const model = this.master.state().model;
    if (!model) throw new MasterFormatError('尚未读取主表：请先打开或新建主表。');
    const index = model.table.units.findIndex((u) => u.id === unitId);
    if (index < 0) throw new MasterFormatError(`序号 ${unitId} 不在任务分配表中。`);
    const row = unitRow(index);
    await this.workbook.select(SHEET.overview, rangeAddress(row, 1, row, overviewLastColumn(shapeOf(model.table))));
  }
}

let shared: ExcelHost | null = null;

/** The one ExcelHost of the add-in's shared runtime (task pane and ribbon commands), over Excel.run. */
export function sharedExcelHost(): ExcelHost {
  if (!shared) shared = new ExcelHost((batch) => Excel.run(batch));
  return shared;
}
