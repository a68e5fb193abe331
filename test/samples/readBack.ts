import * as XLSX from 'xlsx';
import { SampleFile } from '../../src/samples/sampleReports';

/** Test-side reading of the sample files with SheetJS (no project reader involved). */

export function isScan(f: SampleFile): boolean {
  return f.traits.includes('scan-pdf') || f.traits.includes('scan-png');
}

export function openSample(f: SampleFile): XLSX.WorkBook {
  if (f.name.endsWith('.csv')) {
    const text = new TextDecoder('gb18030').decode(f.bytes);
    return XLSX.read(text, { type: 'string', raw: true });
  }
  return XLSX.read(f.bytes, { type: 'array', cellFormula: true, cellNF: true });
}

/** A count as typed: numbers, "1,234", "１２３４", "1234人"; blank, "—", "无"… are null. */
export function countOf(cell: XLSX.CellObject | undefined): number | null {
  if (!cell || cell.v === undefined || cell.v === null || cell.v === '') return null;
  if (cell.t === 'n') return cell.v as number;
  const t = String(cell.v)
    .normalize('NFKC')
    .replace(/[,\s]/g, '')
    .replace(/(人次|人)$/, '');
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : null;
}

/** Every plausible reading of a rate cell as a fraction. */
export function rateReadings(cell: XLSX.CellObject | undefined): number[] {
  if (!cell || cell.v === undefined || cell.v === '') return [];
  if (cell.t === 'n') {
    const v = cell.v as number;
    return cell.z && String(cell.z).includes('%') ? [v] : [v, v / 100];
  }
  const t = String(cell.v).normalize('NFKC').trim();
  const pct = /^(\d+(\.\d+)?)%$/.exec(t);
  if (pct) return [Number(pct[1]) / 100];
  return /^\d+(\.\d+)?$/.test(t) ? [Number(t) / 100, Number(t)] : [];
}

export function textOf(cell: XLSX.CellObject | undefined): string {
  return cell && cell.v !== undefined && cell.v !== null ? String(cell.v) : '';
}
