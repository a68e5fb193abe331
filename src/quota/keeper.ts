import { QuotaTable, totalLabel } from '../core/units';
import { masterSpec } from '../workbook/masterSpec';
import { newMasterModel } from '../workbook/model';
import { SheetPatch } from '../workbook/patches';
import { WorkbookSpec } from '../workbook/spec';
import { reportsAsOf } from './title';

/**
 * 设置 → 主表保管单位: a new keeper (and the name it reports upward as) for an open master. The cells to write are
 * every literal the master shows that changes with the keeper — 配置 L2/M2, the titles of 说明 and of the summary
 * sheet — found by laying out the master for both tables and comparing, so they are the cells `init` would have
 * written. A change that would rename sheets (河南省 → 安阳市 turns 全省汇总 into 全市汇总) is refused: that is
 * a different master, made with init.
 */
export type KeeperChange = { table: QuotaTable; patches: SheetPatch[] } | { problems: string[] };

function literalDiff(before: WorkbookSpec, after: WorkbookSpec): SheetPatch[] | null {
  const patches: SheetPatch[] = [];
  for (let i = 0; i < after.sheets.length; i++) {
    const a = before.sheets[i];
    const b = after.sheets[i];
    if (!a || a.name !== b.name) return null;
    const cells: SheetPatch['cells'] = [];
    const rows = Math.max(a.rowCount, b.rowCount);
    for (let r = 0; r < rows; r++) {
      const ra = r < a.rowCount ? a.row(r + 1) : [];
      const rb = r < b.rowCount ? b.row(r + 1) : [];
      for (let c = 0; c < Math.max(ra.length, rb.length); c++) {
        const x = ra[c] ?? null;
        const y = rb[c] ?? null;
        if ((x?.formula ?? null) !== (y?.formula ?? null)) return null;
        const vx = x?.value ?? null;
        const vy = y?.value ?? null;
        if (vx !== vy) cells.push({ row: r + 1, col: c + 1, value: vy });
      }
    }
    if (cells.length) patches.push({ sheet: b.name, cells });
  }
  return patches;
}

export function keeperPatch(table: QuotaTable, keeper: string, reportsAs?: string): KeeperChange {
  const k = keeper.trim();
  if (!k) return { problems: ['请填写主表保管单位的名称，如“安阳市教育局”。'] };
  const as = reportsAs?.trim() || reportsAsOf(k);
  const next: QuotaTable = { ...table, keeper: k, reportsAs: as };
  const was = totalLabel(table.reportsAs);
  const now = totalLabel(as);
  if (was !== now) {
    return {
      problems: [
        `上报名称从“${table.reportsAs}”改为“${as}”，主表的“${was}”各处（工作表名、合计行）都要改为“${now}”：这是另一张主表，不能在原表上修改。` +
          `请用任务表重新新建主表（命令行：init --quota 任务表 --keeper ${k}）。`,
      ],
    };
  }
  const patches = literalDiff(masterSpec(newMasterModel(table)), masterSpec(newMasterModel(next)));
  if (!patches) return { problems: ['更改保管单位会改变主表的结构，不能在原表上修改：请用任务表重新新建主表。'] };
  return { table: next, patches };
}
