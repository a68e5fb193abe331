import * as XLSX from 'xlsx';
import { PerIndicator, perIndicator } from '../core/indicators';
import { QuotaTable, Unit } from '../core/units';
import { keeperOfPlace } from '../quota/title';
import { isPlaceName, normalizeUnitName } from '../reports/unitNames';
import { mulberry32 } from './prng';
import { IndicatorInput, writeReportForm } from './reportForm';

/**
 * Clean monthly reports (附件2) for any task table: every unit of `table` reports month M with its own
 * indicators; the figures grow month by month at a pace of the unit's own (so month M+1 follows month M), a
 * "其中" indicator never exceeds its parent, and "—" stands where the table has no quota. Units that are places
 * sign as their education bureau ("林州市教育局", "滑县教育体育局"), as bureaus do.
 */

export interface TableReport {
  /** File name: 序号-名称-YYYY年M月进度月报.xlsx. */
  name: string;
  bytes: Uint8Array;
  unitId: number;
  /** The figures written, per indicator (null where "—"). */
  figures: PerIndicator<{ annual: number | null; monthly: number | null; cumulative: number | null }>;
}

/** A unit's pace: the fraction of its year's task done per month, 0.6–1.3 × 1/12, fixed by seed and 序号. */
function paceOf(seed: number, unitId: number): number {
  return (0.6 + 0.7 * mulberry32(seed * 7919 + unitId)()) / 12;
}

/** Cumulative figures of a unit as of month M (0 before January). */
export function unitCumulative(table: Pick<QuotaTable, 'indicators'>, unit: Unit, month: number, seed: number): PerIndicator<number | null> {
  const pace = paceOf(seed, unit.id);
  const raw = perIndicator(table.indicators, (key) => {
    const q = unit.quota[key];
    return q === null || q === undefined ? null : Math.floor(q * Math.min(1, pace * month));
  });
  for (const ind of table.indicators) {
    const parent = ind.parent ? raw[ind.parent] : null;
    if (raw[ind.key] !== null && parent !== null && parent !== undefined) raw[ind.key] = Math.min(raw[ind.key]!, parent);
  }
  return raw;
}

/** The name a unit writes on its form. */
export function signedName(unit: Unit): string {
  return isPlaceName(normalizeUnitName(unit.name)) ? keeperOfPlace(unit.name) : unit.name;
}

export function tableReport(table: QuotaTable, unit: Unit, month: number, seed: number): TableReport {
  const now = unitCumulative(table, unit, month, seed);
  const before = month > 1 ? unitCumulative(table, unit, month - 1, seed) : null;
  const figures = perIndicator(table.indicators, (key) => {
    const annual = unit.quota[key] ?? null;
    const cumulative = now[key];
    return { annual, cumulative, monthly: cumulative === null ? null : cumulative - (before?.[key] ?? 0) };
  });
  const values = perIndicator<IndicatorInput>(table.indicators, (key) => {
    const f = figures[key];
    if (f.annual === null) return { annual: '—', monthly: '—', cumulative: '—', rate: null };
    return {
      annual: f.annual,
      monthly: f.monthly,
      cumulative: f.cumulative,
      rate: f.annual > 0 ? { number: f.cumulative! / f.annual, format: '0.00%' } : null,
    };
  });
  const ws = writeReportForm({
    unitName: signedName(unit),
    year: table.year,
    month,
    values,
    filler: '张敏',
    phone: '0372-5108866',
    date: `${table.year}年${month}月25日`,
    layout: { indicators: table.indicators },
  });
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, `${month}月`);
  const bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
  const name = `${String(unit.id).padStart(3, '0')}-${unit.name}-${table.year}年${month}月进度月报.xlsx`;
  return { name, bytes, unitId: unit.id, figures };
}

/** Every unit's report for month M. */
export function tableReports(table: QuotaTable, month: number, seed = 2024): TableReport[] {
  return table.units.map((u) => tableReport(table, u, month, seed));
}
