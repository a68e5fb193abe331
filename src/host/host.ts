import { QuotaTable } from '../core/units';
import { MasterModel } from '../workbook/model';
import type { ReportFile } from '../workflow/mergePlan';
import { MasterOperations } from '../workflow/operations';

/**
 * What the task pane and the standalone page talk to: never Office.js or files directly.
 * The Excel host works on the open workbook; the file host on a master .xlsx held in the page.
 */
export interface AssistantHost {
  kind: 'excel' | 'file';
  /**
   * Every read and write of the master (merge, undo, manual entry, settings, 截至月份, aliases), one at a time,
   * checked against what the host supports, each outcome published: subscribe for the model and the outcomes.
   */
  readonly master: MasterOperations;
  /** Where the master lives, for the UI: "当前工作簿" or the file name. */
  masterLabel(): string;
  /** 新建主表: the master's sheets from a task table (the embedded 2023 one or an imported one), through `master`. */
  create(table: QuotaTable): Promise<MasterModel>;
  /** Features this host lacks (e.g. an old Excel), in Chinese; empty when everything works. */
  missingFeatures(): string[];
  /** File host: open a master .xlsx chosen by the coordinator (through `master`). */
  openMaster?(file: ReportFile): Promise<MasterModel>;
  /** File host: the master as it is now, to download. */
  download?(): Promise<{ name: string; bytes: Uint8Array }>;
  /** Excel host: select the unit's row in 进度总览. */
  selectUnit?(unitId: number): Promise<void>;
}
