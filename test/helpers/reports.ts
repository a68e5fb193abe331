import { PerIndicator, perIndicator } from '../../src/core/indicators';
import { ParsedReport, ReportValue } from '../../src/core/report';
import { ResolvedReport } from '../../src/core/merge';
import { INDICATORS } from './table2023';

export type Figures = Partial<
  PerIndicator<{ annual?: number | null; monthly?: number | string | null; cumulative?: number | string | null; rate?: number | null }>
>;

const v = (raw: number | string | null | undefined, cell: string): ReportValue => {
  if (raw === undefined || raw === null) return { raw: null, value: null, cell };
  if (typeof raw === 'number') return { raw, value: raw, cell };
  return { raw, value: null, cell, problem: 'NOT_A_NUMBER' };
};

const ROWS: Record<string, number> = { training: 4, certified: 6, advanced: 8, onePlusX: 10 };

/** A parsed report as the reader would return it, for core tests. */
export function parsedReport(file: string, unitName: string, figures: Figures, date?: { year: number; month: number; day: number }): ParsedReport {
  return {
    file,
    sheet: 'Sheet1',
    sha256: `sha-${file}`,
    unitName,
    unitNameCell: 'A2',
    code: null,
    figures: perIndicator(INDICATORS, (k) => {
      const f = figures[k] ?? {};
      const r = ROWS[k];
      return {
        annual: v(f.annual, `B${r}`),
        monthly: v(f.monthly, `C${r}`),
        cumulative: v(f.cumulative, `D${r}`),
        rate: { ...v(f.rate, `E${r}`), readings: f.rate == null ? [] : [f.rate] },
      };
    }),
    filler: '张三',
    phone: '',
    date: { text: '', cell: 'A14', date: date ?? null },
    findings: [],
  };
}

export function resolved(report: ParsedReport, unitId: number | null): ResolvedReport {
  return { report, unitId, unitFindings: [] };
}
