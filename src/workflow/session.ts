import { PaceConfig, paceProblems } from '../core/pace';
import { ReadReportsResult } from '../core/report';
import { QuotaTable } from '../core/units';
import { readReportSheet } from '../reports/readReports';
import { MasterWorkbook } from '../workbook/adapter';
import { CONFIG_ROWS, FIRST_UNIT_ROW, MASTER_SHEETS, README_CELLS, SHEET } from '../workbook/layout';
import { masterSpec } from '../workbook/masterSpec';
import { MasterModel, newMasterModel } from '../workbook/model';
import { SheetPatch } from '../workbook/patches';
import { MasterFormatError, readMaster } from '../workbook/readMaster';
import { MergeJson, ReportFile, planMerge, readReportFiles } from './merge';
import { ManualFigures, manualReport } from './manualEntry';
import { planUndo } from './undo';

export interface Progress {
  /** Chinese, for the progress bar's label. */
  stage: string;
  done: number;
  total: number;
}

export interface MergeRequest {
  month: number;
  files: readonly ReportFile[];
  /** Also merge report sheets pasted into the master workbook (Excel). */
  includeSheets: boolean;
  onProgress?: (p: Progress) => void;
}

/** How the open workbook names itself in messages about its own sheets. */
export const THIS_WORKBOOK = '本工作簿';

/**
 * One master, any adapter: what the task pane, the ribbon commands and the standalone page do
 * (create, read, merge, undo, settings), as the same workflow the CLI runs on files.
 */
export class MasterSession {
  model: MasterModel | null = null;

  constructor(
    private readonly workbook: MasterWorkbook,
    private readonly clock: () => string,
  ) {}

  /** Read the master; null when the workbook is not one (no 配置 sheet): the UI offers 新建主表. */
  async load(): Promise<MasterModel | null> {
    const grids = await this.workbook.readGrids(MASTER_SHEETS);
    if (!grids.sheets.has(SHEET.config)) {
      this.model = null;
      return null;
    }
    this.model = readMaster(grids).model;
    return this.model;
  }

  async create(table: QuotaTable): Promise<MasterModel> {
    await this.workbook.render(masterSpec(newMasterModel(table)));
    const model = await this.load();
    if (!model) throw new MasterFormatError('新建的主表无法读回，请重试。');
    return model;
  }

  private requireModel(): MasterModel {
    if (!this.model) throw new MasterFormatError('尚未打开主表：请先新建主表或打开主表文件。');
    return this.model;
  }

  async merge(request: MergeRequest): Promise<MergeJson> {
    const model = this.requireModel();
    const progress = request.onProgress ?? (() => undefined);
    const total = request.files.length;
    const read: ReadReportsResult = { reports: [], failures: [] };
    for (let i = 0; i < total; i++) {
      progress({ stage: `读取报表 ${i + 1}/${total}`, done: i, total: total + 2 });
      const r = readReportFiles([request.files[i]]);
      read.reports.push(...r.reports);
      read.failures.push(...r.failures);
      // Let the page repaint between files: a large batch must not freeze the UI.
      if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 0));
    }
    if (request.includeSheets) {
      progress({ stage: '读取本工作簿中的报表工作表', done: total, total: total + 2 });
      for (const { name, sheet } of await this.workbook.readForeignSheets(MASTER_SHEETS)) {
        read.reports.push(...readReportSheet(THIS_WORKBOOK, name, sheet));
      }
    }
    progress({ stage: '合并并写入主表', done: total + 1, total: total + 2 });
    const plan = planMerge(model, request.month, read, this.clock());
    await this.workbook.applyPatches(plan.patches);
    this.model = plan.model;
    progress({ stage: '完成', done: total + 2, total: total + 2 });
    return plan.json;
  }

  /**
   * Merge one unit's figures typed from a scan or photo (source 手工录入): checked by the same rules as
   * a file and logged like one. Units with no report keep what they had, as with any merge of month M.
   */
  async mergeManual(month: number, unitId: number, figures: ManualFigures, date: string): Promise<MergeJson> {
    const model = this.requireModel();
    const unit = model.table.units.find((u) => u.id === unitId);
    if (!unit) throw new MasterFormatError(`序号 ${unitId} 不在任务分配表中。`);
    const plan = planMerge(model, month, { reports: [manualReport(unit, figures, date)], failures: [] }, this.clock());
    if (plan.json.merged.length) {
      await this.workbook.applyPatches(plan.patches);
      this.model = plan.model;
    }
    return plan.json;
  }

  /** Undo the last merge; returns the Chinese message to show. */
  async undo(): Promise<string> {
    const plan = planUndo(this.requireModel(), this.clock());
    await this.workbook.applyPatches(plan.patches);
    this.model = plan.model;
    return plan.message;
  }

  /** A row of 别名表: what an unrecognised report wrote, for the unit the coordinator chose. */
  async addAlias(alias: string, unitId: number, note = '在导入列表中指定'): Promise<void> {
    const model = this.requireModel();
    const unit = model.table.units.find((u) => u.id === unitId);
    if (!unit) throw new MasterFormatError(`序号 ${unitId} 不在任务分配表中。`);
    const row = FIRST_UNIT_ROW + model.aliases.length;
    const patch: SheetPatch = { sheet: SHEET.aliases, cells: [alias, unitId, unit.name, note].map((value, i) => ({ row, col: i + 1, value })) };
    await this.workbook.applyPatches([patch]);
    this.model = { ...model, aliases: [...model.aliases, { alias, unitId, note }] };
  }

  async setPace(pace: PaceConfig): Promise<void> {
    const model = this.requireModel();
    const problems = paceProblems(pace);
    if (problems.length) throw new MasterFormatError(problems.join(''));
    const cells = [
      { row: CONFIG_ROWS.band, col: 2, value: pace.band },
      ...pace.curve.map((v, i) => ({ row: CONFIG_ROWS.paceFirst + i, col: 2, value: v })),
    ];
    await this.workbook.applyPatches([{ sheet: SHEET.config, cells }]);
    this.model = { ...model, pace };
  }

  /** 截至月份, which every formula of the master follows. */
  async setMonth(month: number): Promise<void> {
    const model = this.requireModel();
    if (!Number.isInteger(month) || month < 0 || month > 12) throw new MasterFormatError('截至月份须为 0–12 的整数。');
    await this.workbook.applyPatches([{ sheet: SHEET.readme, cells: [{ row: README_CELLS.month.row, col: README_CELLS.month.col, value: month }] }]);
    this.model = { ...model, month };
  }
}
