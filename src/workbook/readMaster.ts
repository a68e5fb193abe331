import { Indicator, IndicatorKey, indicatorProblems, INDICATORS_2023 } from '../core/indicators';
import { Ledger, LedgerEntry, MONTHS, ledgerFromEntries } from '../core/ledger';
import { PaceConfig, paceProblems } from '../core/pace';
import { Quota, QuotaTable, Unit } from '../core/units';
import { CATEGORIES_2023, PROVINCE_KEEPER_2023 } from '../quota/embedded2023';
import { cellAddress } from './address';
import { WorkbookGrids, cellAt, trimRow } from './grids';
import {
  CONFIG_KEYS,
  CONFIG_ROWS,
  CONFIG_TABLE,
  FIRST_UNIT_ROW,
  MasterShape,
  QUOTA_COL,
  README_CELLS,
  SCHEMA_VERSION,
  SCHEMA_VERSION_2023,
  SHEET,
  UNDO_FIRST_ROW,
  ledgerColumn,
  ledgerSheet,
  quotaColumn,
  totalLabel,
  unitRow,
} from './layout';
import { Alias, MasterModel } from './model';
import { CellValue } from './spec';
import { undoFromRow } from './undoStore';

/** The workbook is not a master this version can read; the message says why, in Chinese. */
export class MasterFormatError extends Error {}

/** A cell of the master that holds something the tool cannot use (e.g. text where a number belongs). */
export interface MasterProblem {
  sheet: string;
  cell: string;
  message: string;
}

export interface ReadMasterResult {
  model: MasterModel;
  problems: MasterProblem[];
}

/** A number from a cell a person may have typed: 1234, "1,234", " 1234 ". Null for blank. */
function typedNumber(v: CellValue): number | null | 'bad' {
  if (v === null || v === '') return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : 'bad';
  if (typeof v === 'string') {
    const t = v.replace(/[\s,，]/g, '');
    if (t === '') return null;
    return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : 'bad';
  }
  return 'bad';
}

function isId(v: CellValue): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

function requireSheet(grids: WorkbookGrids, name: string): CellValue[][] {
  const grid = grids.sheets.get(name);
  if (!grid) {
    throw new MasterFormatError(`缺少工作表“${name}”。请勿删除或改名主表自带的工作表；如已改名，请改回“${name}”。`);
  }
  return grid;
}

/** What 配置 says about the table: its year, source, indicators, categories and keeper; and the pace. */
interface ConfigRead {
  year: number;
  pace: PaceConfig;
  source: string;
  schema: number;
  indicators: Indicator[];
  categories: string[];
  keeper: string;
  reportsAs: string;
}

const str = (v: CellValue) => (v === null ? '' : String(v).trim());

/** Schema 2 keeps the table's definitions in 配置; schema 1 masters are 2023's (four indicators, six categories). */
function readTableDefinitions(grid: CellValue[][], schema: number): Pick<ConfigRead, 'indicators' | 'categories' | 'keeper' | 'reportsAs'> {
  if (schema === SCHEMA_VERSION_2023) {
    return { indicators: INDICATORS_2023.map((i) => ({ ...i })), categories: [...CATEGORIES_2023], ...PROVINCE_KEEPER_2023 };
  }
  const T = CONFIG_TABLE;
  const indicators: Indicator[] = [];
  for (let row = T.indicatorFirstRow; str(cellAt(grid, row, T.indicatorCol)) !== ''; row++) {
    const at = (k: number) => str(cellAt(grid, row, T.indicatorCol + k));
    indicators.push({ key: at(0), label: at(1), unit: at(2), parent: at(3) || null, shortLabel: at(4) || at(1) });
  }
  const problems = indicatorProblems(indicators);
  if (problems.length) {
    throw new MasterFormatError(`“${SHEET.config}”工作表的指标定义（D${T.indicatorFirstRow} 起）有误：${problems.join('')}请用备份的主表替换。`);
  }
  const categories: string[] = [];
  for (let row = T.valueRow; str(cellAt(grid, row, T.categoryCol)) !== ''; row++) categories.push(str(cellAt(grid, row, T.categoryCol)));
  return { indicators, categories, keeper: str(cellAt(grid, T.valueRow, T.keeperCol)), reportsAs: str(cellAt(grid, T.valueRow, T.reportsAsCol)) };
}

/** The master's own sheets as 配置 lists them (主表工作表 rows); empty when the workbook has no 配置. */
export function ownSheetsOf(grids: WorkbookGrids): string[] {
  const grid = grids.sheets.get(SHEET.config);
  if (!grid) return [];
  const names: string[] = [];
  for (let row = CONFIG_ROWS.ownedSheetsFirst; cellAt(grid, row, 1) === CONFIG_KEYS.ownedSheet; row++) names.push(str(cellAt(grid, row, 2)));
  return names;
}

function readConfig(grids: WorkbookGrids): ConfigRead {
  const grid = grids.sheets.get(SHEET.config);
  if (!grid) {
    throw new MasterFormatError(`这不是持证进度助手的主表：缺少隐藏工作表“${SHEET.config}”。请用“init”新建主表，或打开由本工具生成的主表。`);
  }
  const schema = cellAt(grid, CONFIG_ROWS.schema, 2);
  if (schema !== SCHEMA_VERSION && schema !== SCHEMA_VERSION_2023) {
    throw new MasterFormatError(
      `主表结构版本为“${schema ?? '空'}”，本工具能读取版本 ${SCHEMA_VERSION_2023} 和 ${SCHEMA_VERSION}。请使用与主表配套的工具版本。`,
    );
  }
  const year = cellAt(grid, CONFIG_ROWS.year, 2);
  if (!isId(year)) throw new MasterFormatError(`“${SHEET.config}”工作表 B${CONFIG_ROWS.year} 的年度不是整数。`);
  const curve = MONTHS.map((m) => cellAt(grid, CONFIG_ROWS.paceFirst + m - 1, 2));
  const band = cellAt(grid, CONFIG_ROWS.band, 2);
  if (curve.some((v) => typeof v !== 'number') || typeof band !== 'number') {
    throw new MasterFormatError(`“${SHEET.config}”工作表中的应达进度或预警带宽不是数字（B${CONFIG_ROWS.band}–B${CONFIG_ROWS.paceFirst + 11}）。`);
  }
  const pace = { curve: curve as number[], band };
  const problems = paceProblems(pace);
  if (problems.length) throw new MasterFormatError(`“${SHEET.config}”工作表：${problems.join('')}`);
  const schemaNumber = schema as number;
  return { year, pace, source: String(cellAt(grid, CONFIG_ROWS.source, 2) ?? ''), schema: schemaNumber, ...readTableDefinitions(grid, schemaNumber) };
}

function readUnits(grids: WorkbookGrids, shape: Pick<MasterShape, 'indicators' | 'categories'>): Unit[] {
  const grid = requireSheet(grids, SHEET.quota);
  const units: Unit[] = [];
  for (let row = FIRST_UNIT_ROW; isId(cellAt(grid, row, QUOTA_COL.id)); row++) {
    const id = cellAt(grid, row, QUOTA_COL.id) as number;
    const category = str(cellAt(grid, row, QUOTA_COL.category));
    if (shape.categories.length ? !shape.categories.includes(category) : category !== '') {
      const known = shape.categories.length ? `应为 ${shape.categories.join('、')} 之一` : '本任务表不分类别，应为空';
      throw new MasterFormatError(`“${SHEET.quota}”工作表 ${cellAddress(row, QUOTA_COL.category)} 的类别“${category}”无法识别（${known}）。`);
    }
    const quota: Quota = {};
    for (const ind of shape.indicators) {
      const col = quotaColumn(shape, ind.key);
      const v = cellAt(grid, row, col);
      const n = typeof v === 'string' && /^[—–\-－]$/.test(v.trim()) ? null : typedNumber(v);
      if (n === 'bad') {
        throw new MasterFormatError(`“${SHEET.quota}”工作表 ${cellAddress(row, col)} 的任务数“${v}”不是数字；无此项任务请填“—”。`);
      }
      quota[ind.key] = n;
    }
    units.push({ id, name: String(cellAt(grid, row, QUOTA_COL.name) ?? '').trim(), category, quota });
  }
  if (units.length === 0) throw new MasterFormatError(`“${SHEET.quota}”工作表从第 ${FIRST_UNIT_ROW} 行起没有单位。`);
  return units;
}

function readLedger(grids: WorkbookGrids, shape: MasterShape, units: Unit[], problems: MasterProblem[]): Ledger {
  const known = new Set(units.map((u) => u.id));
  const entries: Array<{ unitId: number; key: IndicatorKey; month: number; entry: LedgerEntry }> = [];
  for (const ind of shape.indicators) {
    const name = ledgerSheet(shape, ind.key);
    const grid = requireSheet(grids, name);
    units.forEach((u, i) => {
      // Merges write by row: a sorted or shifted ledger sheet would put numbers under the wrong unit.
      const at = cellAt(grid, unitRow(i), 1);
      if (at !== u.id) {
        throw new MasterFormatError(
          `“${name}”工作表第 ${unitRow(i)} 行的序号应为 ${u.id}（${u.name}），实为“${at ?? '空'}”。请勿对台账工作表排序、插入或删除行（可在“进度总览”中筛选）；请撤销该操作或用备份恢复。`,
        );
      }
    });
    for (let row = FIRST_UNIT_ROW; row <= grid.length; row++) {
      const id = cellAt(grid, row, 1);
      if (!isId(id) || !known.has(id)) continue;
      for (const m of MONTHS) {
        const read = (field: 'monthly' | 'cumulative'): number | null => {
          const col = ledgerColumn(m, field);
          const n = typedNumber(cellAt(grid, row, col));
          if (n !== 'bad') return n;
          problems.push({
            sheet: name,
            cell: cellAddress(row, col),
            message: `“${name}”工作表 ${cellAddress(row, col)} 的“${cellAt(grid, row, col)}”不是数字，已忽略；请改为数字或清空。`,
          });
          return null;
        };
        const monthly = read('monthly');
        const cumulative = read('cumulative');
        if (monthly !== null || cumulative !== null) entries.push({ unitId: id, key: ind.key, month: m, entry: { monthly, cumulative } });
      }
    }
  }
  return ledgerFromEntries(entries);
}

function readMonth(grids: WorkbookGrids): number {
  const grid = requireSheet(grids, SHEET.readme);
  const { row, col } = README_CELLS.month;
  const n = typedNumber(cellAt(grid, row, col));
  if (n === null) return 0;
  if (n === 'bad' || !Number.isInteger(n) || n < 0 || n > 12) {
    throw new MasterFormatError(`“${SHEET.readme}”工作表 ${cellAddress(row, col)} 的截至月份须为 0–12 的整数。`);
  }
  return n;
}

function readAliases(grids: WorkbookGrids, units: Unit[], problems: MasterProblem[]): Alias[] {
  const grid = grids.sheets.get(SHEET.aliases) ?? [];
  const known = new Set(units.map((u) => u.id));
  const aliases: Alias[] = [];
  for (let row = FIRST_UNIT_ROW; row <= grid.length; row++) {
    const alias = String(cellAt(grid, row, 1) ?? '').trim();
    const id = typedNumber(cellAt(grid, row, 2));
    if (!alias && id === null) continue;
    if (!alias || typeof id !== 'number' || !known.has(id)) {
      problems.push({
        sheet: SHEET.aliases,
        cell: cellAddress(row, 2),
        message: `“${SHEET.aliases}”第 ${row} 行：别名“${alias}”对应的序号“${cellAt(grid, row, 2) ?? ''}”不在任务分配表中，此行未使用。`,
      });
      continue;
    }
    aliases.push({ alias, unitId: id, note: String(cellAt(grid, row, 4) ?? '') });
  }
  return aliases;
}

function readLog(grids: WorkbookGrids): CellValue[][] {
  const grid = grids.sheets.get(SHEET.log) ?? [];
  // Adapters differ in how they return empty trailing cells: the log is kept without them.
  return grid
    .slice(FIRST_UNIT_ROW - 1)
    .map(trimRow)
    .filter((r) => r.length > 0);
}

function readUndoStack(grids: WorkbookGrids): MasterModel['undoStack'] {
  const grid = grids.sheets.get(SHEET.undo) ?? [];
  const stack: MasterModel['undoStack'] = [];
  for (let row = UNDO_FIRST_ROW; row <= grid.length; row++) {
    const entry = undoFromRow(grid[row - 1] ?? []);
    if (entry) stack.push(entry);
  }
  return stack;
}

/** 配置 row 18: the circular's 下一步工作要求 when one was saved (masters from before it have none). */
function readRequirements(grids: WorkbookGrids): string | undefined {
  const grid = grids.sheets.get(SHEET.config);
  if (!grid || cellAt(grid, CONFIG_ROWS.requirements, 1) !== CONFIG_KEYS.requirements) return undefined;
  const value = cellAt(grid, CONFIG_ROWS.requirements, 2);
  const text = value === null ? '' : String(value).replace(/\r\n?/g, '\n').trim();
  return text === '' ? undefined : text;
}

/** Rebuild the model from a master's grids: quota, ledger (hand-typed values too), month, pace, aliases, log. */
export function readMaster(grids: WorkbookGrids): ReadMasterResult {
  const config = readConfig(grids);
  const { year, pace, source, indicators, categories, keeper, reportsAs } = config;
  const problems: MasterProblem[] = [];
  const shapeBase = { indicators, categories, total: totalLabel(reportsAs) };
  const units = readUnits(grids, shapeBase);
  const table: QuotaTable = { year, source, keeper, reportsAs, indicators, categories, units };
  const model: MasterModel = {
    table,
    ledger: readLedger(grids, { ...shapeBase, unitCount: units.length }, units, problems),
    month: readMonth(grids),
    pace,
    aliases: readAliases(grids, units, problems),
    log: readLog(grids),
    undoStack: readUndoStack(grids),
  };
  const requirements = readRequirements(grids);
  if (requirements !== undefined) model.requirements = requirements;
  return { model, problems };
}
