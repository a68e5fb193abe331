import { Finding } from '../core/findings';
import { ParsedReport, ReadReportsResult } from '../core/report';
import { UnitMatcher } from '../reports/unitNames';
import { MasterModel } from '../workbook/model';
import { MergeJson, planMerge } from '../workflow/mergePlan';
import type { ImportFile } from './importList';
import type { RowState } from './strings';

/** One report (a sheet's form, or a file that gave none) as the dry run judges it. */
export interface ImportEntry {
  sheet: string | null;
  state: RowState;
  unitId: number | null;
  unitName: string | null;
  /** For an unrecognised unit: what the report wrote (or its file name when it wrote nothing). */
  writtenName: string | null;
  /** The name to put in 别名表 when the coordinator assigns a unit; null when there is nothing to alias. */
  aliasText: string | null;
  /** Closest units for an unrecognised name ("是否为：…"). */
  suggestions: number[];
  findings: Finding[];
  /** Read from a scan or photo: 核对扫描件 can show it. */
  scan: boolean;
}

export interface ImportRow {
  /** The entry's identity (ImportFile.id). */
  id: number;
  name: string;
  state: RowState;
  entries: ImportEntry[];
}

export interface ImportPlan {
  json: MergeJson;
  rows: ImportRow[];
  counts: Record<RowState, number>;
}

const SEVERITY: Record<RowState, number> = { ready: 0, warning: 1, rejected: 2 };

/** The file name without folders and extension, as 别名表 text for a report that names no unit. */
export function baseName(fileName: string): string {
  return fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
}

/**
 * The dry run of the import list: `planMerge` (pure, nothing written) over everything read so far, then one row
 * per file in the order problems first. Counts are per report (a two-form workbook counts twice). The merge
 * answers by file name: the list's names must be unique (importList.ts makes them so).
 */
export function planImport(model: MasterModel, month: number, files: readonly Pick<ImportFile, 'id' | 'file' | 'read'>[]): ImportPlan {
  const names = new Set(files.map((f) => f.file.name));
  if (names.size !== files.length) throw new Error('planImport: two files of the list have the same name');
  const read: ReadReportsResult = { reports: [], failures: [] };
  const reports = new Map<string, ParsedReport>();
  for (const f of files) {
    read.reports.push(...f.read.reports);
    read.failures.push(...f.read.failures);
    for (const r of f.read.reports) reports.set(`${r.file}\u0000${r.sheet}`, r);
  }
  const { json } = planMerge(model, month, read, '');
  const matcher = new UnitMatcher(model.table.units, model.aliases);
  const byFile = new Map<string, ImportEntry[]>();
  const add = (file: string, e: ImportEntry) => byFile.set(file, [...(byFile.get(file) ?? []), e]);

  const isScan = (file: string, sheet: string | null) => sheet !== null && reports.get(`${file}\u0000${sheet}`)?.scan !== undefined;
  for (const m of json.merged) {
    add(m.file, {
      scan: isScan(m.file, m.sheet),
      sheet: m.sheet,
      state: m.warnings.length ? 'warning' : 'ready',
      unitId: m.unitId,
      unitName: m.unitName,
      writtenName: null,
      aliasText: null,
      suggestions: [],
      findings: m.warnings,
    });
  }
  for (const r of json.rejected) {
    const report = r.sheet === null ? undefined : reports.get(`${r.file}\u0000${r.sheet}`);
    const unknown = r.code === 'UNKNOWN_UNIT' && r.unitId === null && report !== undefined;
    // A scan held for checking (SCAN_UNCERTAIN) names its unit; a plan made before it did may not: its code or name then.
    const scanUnit = r.unitId === null && report?.scan && !unknown ? (report.code?.unitId ?? matcher.match(report.unitName).unitId) : null;
    const unitId = r.unitId ?? scanUnit;
    const written = report ? report.unitName : null;
    const aliasText = unknown ? written || baseName(r.file) : null;
    const match = unknown && written ? matcher.match(written) : null;
    add(r.file, {
      scan: isScan(r.file, r.sheet),
      sheet: r.sheet,
      state: 'rejected',
      unitId,
      unitName: unitId === null ? null : matcher.nameOf(unitId),
      writtenName: written,
      aliasText,
      suggestions: match && match.unitId === null ? match.suggestions.map((u) => u.id) : [],
      // The catalogue's DUPLICATE text says what happens to the copy, true before and after the merge.
      findings: r.findings,
    });
  }

  const counts: Record<RowState, number> = { ready: 0, warning: 0, rejected: 0 };
  const rows: ImportRow[] = files.map((f) => {
    const entries = (byFile.get(f.file.name) ?? []).sort((a, b) => (a.sheet ?? '').localeCompare(b.sheet ?? ''));
    for (const e of entries) counts[e.state]++;
    const state = entries.reduce<RowState>((worst, e) => (SEVERITY[e.state] > SEVERITY[worst] ? e.state : worst), 'ready');
    return { id: f.id, name: f.file.name, state, entries };
  });
  const order = rows.map((r, i) => ({ r, i })).sort((a, b) => SEVERITY[b.r.state] - SEVERITY[a.r.state] || a.i - b.i);
  return { json, rows: order.map((o) => o.r), counts };
}
