import * as XLSX from 'xlsx';
import { RawCell } from './values';

/** A read-only view of a SheetJS sheet by 0-based row and column, bounded by LIMITS. */
export class SheetGrid {
  constructor(
    private readonly rows: Array<Array<XLSX.CellObject | undefined> | undefined>,
    readonly maxColumns: number,
  ) {}

  static of(ws: XLSX.WorkSheet, maxColumns: number): SheetGrid {
    return new SheetGrid((ws['!data'] ?? []) as Array<Array<XLSX.CellObject | undefined> | undefined>, maxColumns);
  }

  get rowCount(): number {
    return this.rows.length;
  }

  cell(r: number, c: number): XLSX.CellObject | undefined {
    return this.rows[r]?.[c];
  }

  /** The cell as data: numbers stay numbers, errors give their text (#DIV/0!), formulas their cached result. */
  raw(r: number, c: number): RawCell {
    const cell = this.cell(r, c);
    if (!cell) return null;
    if (cell.t === 'e') return cell.w ?? '#ERROR';
    if (cell.t === 'z' || cell.v === undefined) return null;
    if (cell.v instanceof Date) return cell.v.toISOString();
    return cell.v as RawCell;
  }

  private readonly labels: Array<string[] | undefined> = [];

  /** Text for matching labels: NFKC, no white space (computed once per row: the locator asks often). */
  label(r: number, c: number): string {
    let row = this.labels[r];
    if (!row) {
      row = [];
      for (let k = 0; k < this.width(r); k++) {
        const v = this.raw(r, k);
        row.push(v === null || typeof v === 'number' ? (v === null ? '' : String(v)) : String(v).normalize('NFKC').replace(/\s+/g, ''));
      }
      this.labels[r] = row;
    }
    return row[c] ?? '';
  }

  /** Untrimmed display text. */
  text(r: number, c: number): string {
    const v = this.raw(r, c);
    return v === null ? '' : String(v).trim();
  }

  width(r: number): number {
    return Math.min(this.rows[r]?.length ?? 0, this.maxColumns);
  }

  hasFormulaWithoutValue(r: number, c: number): boolean {
    const cell = this.cell(r, c);
    return !!cell?.f && (cell.t === 'z' || cell.v === undefined || cell.v === null);
  }

  isPercentFormat(r: number, c: number): boolean {
    return /%/.test(String(this.cell(r, c)?.z ?? ''));
  }

  isDateFormat(r: number, c: number): boolean {
    const cell = this.cell(r, c);
    return cell?.t === 'n' && !!cell.z && XLSX.SSF.is_date(String(cell.z));
  }
}

export function address(r: number, c: number): string {
  return XLSX.utils.encode_cell({ r, c });
}
