import { QuotaTable } from '../core/units';
import { FileWorkbook } from '../workbook/adapters/memoryFile';
import { MasterModel } from '../workbook/model';
import { MasterFormatError } from '../workbook/readMaster';
import type { ReportFile } from '../workflow/mergePlan';
import { MasterOperations } from '../workflow/operations';
import { MasterSession } from '../workflow/session';
import { AssistantHost } from './host';
import { localTime } from '../core/clock';

/**
 * The standalone page's host: the master is an .xlsx held in memory, created from the embedded quota or
 * opened from disk, and downloaded when the coordinator is done. Nothing leaves the browser.
 */
export class FileHost implements AssistantHost {
  readonly kind = 'file' as const;
  private readonly workbook = new FileWorkbook();
  readonly master = new MasterOperations(new MasterSession(this.workbook, () => localTime()), { clock: () => localTime() });
  private fileName = '';

  masterLabel(): string {
    return this.fileName || '（尚未打开主表）';
  }

  missingFeatures(): string[] {
    return [];
  }

  async create(table: QuotaTable): Promise<MasterModel> {
    const model = await this.master.create(table);
    this.fileName = `持证进度主表-${table.year}.xlsx`;
    return model;
  }

  async openMaster(file: ReportFile): Promise<MasterModel> {
    // The check sniffs the bytes with SheetJS's CFB reader: loaded on the first open, not with the page.
    const { checkMasterBytes } = await import(/* webpackChunkName: "workbook-read" */ '../reports/masterBytes');
    const problem = checkMasterBytes(file.name.replace(/^.*[\\/]/, ''), file.bytes);
    if (problem) throw new MasterFormatError(problem);
    const model = await this.master.replaceWorkbook(
      () => {
        const previous = this.workbook.bytes;
        this.workbook.bytes = file.bytes;
        // Nothing lost: on failure the master that was open stays open.
        return () => {
          this.workbook.bytes = previous;
        };
      },
      () => new MasterFormatError(`“${file.name}”不是持证进度助手的主表（缺少隐藏工作表“配置”）。请选择本工具生成的主表，或新建主表。`),
    );
    this.fileName = file.name.replace(/^.*[\\/]/, '');
    return model;
  }

  async download(): Promise<{ name: string; bytes: Uint8Array }> {
    return { name: this.fileName || '持证进度主表.xlsx', bytes: this.workbook.bytes };
  }
}
