import { IndicatorKey } from '../../src/core/indicators';
import { Ledger, emptyLedger, withEntry } from '../../src/core/ledger';
import { STATUS_LABELS, statusReport } from '../../src/core/status';
import { QuotaTable } from '../../src/core/units';
import { GroupSummary, provinceSummary } from '../../src/summary/provinceSummary';
import { cellAddress } from '../../src/workbook/address';
import { WorkbookGrids, cellAt } from '../../src/workbook/grids';
import {
  OVERVIEW_OVERALL_COL,
  SHEET,
  overviewColumn,
  provinceBlockRow,
  provinceChartColumn,
  provinceChartRows,
  provinceColumn,
  provinceCountColumn,
  provinceCountRow,
  provinceFormRow,
  shapeOf,
  summarySheetName,
  totalRow,
  unitRow,
} from '../../src/workbook/layout';
import { masterSpec } from '../../src/workbook/masterSpec';
import { MasterModel } from '../../src/workbook/model';
import { CellValue, specCell } from '../../src/workbook/spec';

/**
 * Comparing what a master file holds in its formula cells (cached results, read by SheetJS without
 * recalculating) with what the core computes, and with what a spreadsheet program computes.
 */

/** "" and null alike (a formula's empty text is an empty cell to a reader); numbers to 1e-12 relative (LibreOffice keeps 15 digits). */
export function sameValue(a: CellValue, b: CellValue): boolean {
  const blank = (v: CellValue) => v === null || v === '';
  if (blank(a) || blank(b)) return blank(a) && blank(b);
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));
  return a === b;
}

/** Every formula cell of the model's master where the two readings differ (at most `limit`), and how many were compared. */
export function formulaCellDifferences(model: MasterModel, a: WorkbookGrids, b: WorkbookGrids, limit = 20): { compared: number; differences: string[] } {
  const spec = masterSpec(model);
  const differences: string[] = [];
  let compared = 0;
  for (const sheet of spec.sheets) {
    const ga = a.sheets.get(sheet.name);
    const gb = b.sheets.get(sheet.name);
    for (let r = 1; r <= sheet.rowCount; r++) {
      sheet.row(r).forEach((cell, k) => {
        if (cell?.formula === undefined) return;
        compared++;
        const va = cellAt(ga, r, k + 1);
        const vb = cellAt(gb, r, k + 1);
        if (!sameValue(va, vb) && differences.length < limit)
          differences.push(`${sheet.name}!${cellAddress(r, k + 1)}: ${JSON.stringify(va)} ≠ ${JSON.stringify(vb)}`);
      });
    }
  }
  return { compared, differences };
}

/** Every formula cell whose cached value is missing or differs from the spec's result (what the core computes). */
export function cachedResultDifferences(model: MasterModel, grids: WorkbookGrids, limit = 20): { compared: number; differences: string[] } {
  const spec = masterSpec(model);
  const differences: string[] = [];
  let compared = 0;
  for (const sheet of spec.sheets) {
    const grid = grids.sheets.get(sheet.name);
    for (let r = 1; r <= sheet.rowCount; r++) {
      sheet.row(r).forEach((cell, k) => {
        if (cell?.formula === undefined) return;
        compared++;
        const v = cellAt(grid, r, k + 1);
        if (!sameValue(v, cell.result ?? null) && differences.length < limit) {
          differences.push(`${sheet.name}!${cellAddress(r, k + 1)}: ${JSON.stringify(v)} ≠ ${JSON.stringify(cell.result)}`);
        }
      });
    }
  }
  return { compared, differences };
}

/**
 * The status and rate cells of 进度总览 (every unit, every indicator, and the total row) and of the summary sheet
 * (附件2 rows, counts, every category block, the chart data) against `status --json` (statusReport) and the
 * province summary of the same model. Returns the cells that differ and how many were compared.
 */
export function statusCellDifferences(model: MasterModel, grids: WorkbookGrids, limit = 20): { compared: number; differences: string[] } {
  const { table, ledger, month, pace } = model;
  const shape = shapeOf(table);
  const status = statusReport(table, ledger, month, pace);
  const summary = provinceSummary(table, ledger, month, pace);
  const differences: string[] = [];
  let compared = 0;
  const check = (sheet: string, row: number, col: number, want: CellValue) => {
    compared++;
    const v = cellAt(grids.sheets.get(sheet), row, col);
    if (!sameValue(v, want) && differences.length < limit)
      differences.push(`${sheet}!${cellAddress(row, col)}: ${JSON.stringify(v)}, expected ${JSON.stringify(want)}`);
  };
  const o = SHEET.overview;
  status.units.forEach((u, i) => {
    check(o, unitRow(i), OVERVIEW_OVERALL_COL, STATUS_LABELS[u.status]);
    for (const ind of table.indicators) {
      const p = u.indicators[ind.key];
      check(o, unitRow(i), overviewColumn(shape, ind.key, 'rate'), p.rate);
      check(o, unitRow(i), overviewColumn(shape, ind.key, 'status'), STATUS_LABELS[p.status]);
      check(o, unitRow(i), overviewColumn(shape, ind.key, 'cumulative'), p.cumulative);
      check(o, unitRow(i), overviewColumn(shape, ind.key, 'expected'), status.expectedRate);
    }
  });
  const t = totalRow(table.units.length);
  for (const ind of table.indicators) {
    const p = summary.province.indicators[ind.key];
    check(o, t, overviewColumn(shape, ind.key, 'rate'), p.rate);
    check(o, t, overviewColumn(shape, ind.key, 'status'), STATUS_LABELS[p.status]);
  }
  const s = summarySheetName(shape);
  const groups: GroupSummary[] = [...summary.categories, summary.province];
  const progress = (row: number, key: IndicatorKey, g: GroupSummary, dash: boolean) => {
    const p = g.indicators[key];
    check(s, row, provinceColumn('annual'), dash && p.annual === 0 && p.cumulative === null ? '—' : p.annual);
    check(s, row, provinceColumn('monthly'), month >= 1 ? p.monthly : null);
    check(s, row, provinceColumn('cumulative'), p.cumulative);
    check(s, row, provinceColumn('rate'), p.rate);
    check(s, row, provinceColumn('expected'), p.expected);
    check(s, row, provinceColumn('gap'), p.gap);
    check(s, row, provinceColumn('status'), STATUS_LABELS[p.status]);
  };
  for (const ind of table.indicators) progress(provinceFormRow(shape, ind.key), ind.key, summary.province, false);
  groups.forEach((g, i) => {
    const row = provinceCountRow(shape, i);
    check(s, row, 1, g.label);
    check(s, row, provinceCountColumn('unitCount'), g.unitCount);
    check(s, row, provinceCountColumn('reported'), g.reported);
    check(s, row, provinceCountColumn('missing'), g.missing);
    check(s, row, provinceCountColumn('red'), g.red);
    check(s, row, provinceCountColumn('amber'), g.amber);
    for (const ind of table.indicators) {
      progress(provinceBlockRow(shape, ind.key, i), ind.key, g, true);
      check(s, provinceChartRows(shape).first + i, provinceChartColumn(shape, ind.key), g.indicators[ind.key].rate);
    }
  });
  return { compared, differences };
}

/** A deterministic ledger for any table: units ahead of and behind pace, gaps, never-reported units, monthly-only entries. */
export function anyLedger(table: QuotaTable, months: number): Ledger {
  let ledger = emptyLedger();
  table.units.forEach((u, i) => {
    if (i % 7 === 3) return;
    const speed = [1.3, 0.97, 0.8, 0.5, 1.0, 0.93][i % 6];
    for (const ind of table.indicators) {
      const annual = u.quota[ind.key] ?? 40;
      let cumulative = 0;
      for (let m = 1; m <= months; m++) {
        if (i % 5 === 2 && m === months) continue;
        const target = Math.round((annual * speed * m) / 12);
        const monthly = target - cumulative;
        cumulative = target;
        ledger = withEntry(ledger, u.id, ind.key, m, { monthly, cumulative: i % 11 === 4 && m === 1 ? null : cumulative });
      }
    }
  });
  return ledger;
}

/** Whether the spec's formula cell at a position exists (for tests that name cells). */
export function isFormulaCell(model: MasterModel, sheet: string, row: number, col: number): boolean {
  const s = masterSpec(model).sheets.find((x) => x.name === sheet);
  return s !== undefined && specCell(s, row, col)?.formula !== undefined;
}
