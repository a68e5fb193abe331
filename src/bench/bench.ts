/**
 * `npm run bench`: figures for the merge, printed, never asserted (CI times nothing).
 * 179 sample files of month 1 against the 2023 master, then a synthetic province of 10,000 units.
 */
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as XLSX from 'xlsx';
import { perIndicator } from '../core/indicators';
import { mergeMonth } from '../core/merge';
import { Unit } from '../core/units';
import { embeddedQuota2023 } from '../quota/embedded2023';
import { sampleSet } from '../samples/sampleReports';
import { readWorkbook } from '../workbook/adapters/xlsxRead';
import { renderWorkbook } from '../workbook/adapters/xlsxRender';
import { patchWorkbook } from '../workbook/adapters/xlsxPatch';
import { masterSpec } from '../workbook/masterSpec';
import { newMasterModel } from '../workbook/model';
import { mergePatches } from '../workbook/patches';
import { readMaster } from '../workbook/readMaster';
import { planMerge, readReportFiles } from '../workflow/merge';
import { ParsedReport } from '../core/report';

function time<T>(fn: () => T, runs = 5): { ms: number; value: T } {
  let best = Infinity;
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    value = fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { ms: best, value };
}

async function timeAsync<T>(fn: () => Promise<T>, runs = 3): Promise<{ ms: number; value: T }> {
  let best = Infinity;
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    value = await fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { ms: best, value };
}

const fmt = (ms: number) => `${ms.toFixed(1).padStart(9)} ms`;
const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(58)}${value}\n`);

function syntheticTable(n: number): Unit[] {
  const base = embeddedQuota2023().units;
  return Array.from({ length: n }, (_, i) => ({ ...base[i % base.length], id: i + 1, name: `单位${i + 1}` }));
}

function syntheticReport(u: Unit, month: number): ParsedReport {
  const v = (value: number | null, cell: string) => ({ raw: value, value, cell });
  return {
    file: `${u.id}.xlsx`,
    sheet: 'Sheet1',
    sha256: String(u.id),
    unitName: u.name,
    unitNameCell: 'A2',
    code: null,
    figures: perIndicator(embeddedQuota2023().indicators, (k) => {
      const q = u.quota[k];
      const c = q === null ? null : Math.round((q * month) / 12);
      return { annual: v(q, 'B4'), monthly: v(c === null ? null : Math.round(q! / 12), 'C4'), cumulative: v(c, 'D4'), rate: { ...v(null, 'E4'), readings: [] } };
    }),
    filler: '',
    phone: '',
    date: { text: '', cell: null, date: null },
    findings: [],
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  try {
    process.stdout.write(`持证进度助手 benchmark — Node ${process.version}, ${new Date().toISOString()}\n\n`);
    const set = sampleSet({ months: [1] });
    const files = set.files.map((f) => ({ name: f.name, bytes: f.bytes }));
    const model = newMasterModel(embeddedQuota2023());
    const masterBytes = await renderWorkbook(masterSpec(model));
    const masterPath = join(dir, 'master.xlsx');
    writeFileSync(masterPath, masterBytes);
    const reportsDir = join(dir, 'reports');
    mkdirSync(reportsDir);
    for (const f of set.files) writeFileSync(join(reportsDir, f.name), f.bytes);

    line(`Sample reports (month 1): ${files.length} files, ${(files.reduce((s, f) => s + f.bytes.length, 0) / 1024).toFixed(0)} KiB`, '');
    const bare = time(() => files.forEach((f) => { try { XLSX.read(f.bytes, { type: 'array', dense: true }); } catch { /* scans */ } }));
    line('Bare SheetJS read of the reports', fmt(bare.ms));
    const masterRw = time(() => patchWorkbook(masterBytes, []).length + readWorkbook(masterBytes).sheetNames.length);
    line('Bare master read (SheetJS) + write (zip patch), 179 units', fmt(masterRw.ms));
    const indicators = embeddedQuota2023().indicators;
    const read = time(() => readReportFiles(files, indicators));
    line('Report reader (find forms, values) for all files', fmt(read.ms));
    const whole = time(() => {
      const m = readMaster(readWorkbook(masterBytes)).model;
      const plan = planMerge(m, 1, readReportFiles(files, m.table.indicators), '2023-01-31 00:00:00');
      return patchWorkbook(masterBytes, plan.patches).length;
    });
    line('Whole merge in-process (read master, reports, merge, patch)', fmt(whole.ms));
    line('  ratio whole / (bare reads + master read/write), goal ≤ 1.2', `${(whole.ms / (bare.ms + masterRw.ms)).toFixed(2).padStart(12)}`);
    const cli = join(__dirname, '../cli/main.js');
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      writeFileSync(masterPath, masterBytes);
      const t = Date.now();
      const r = spawnSync(process.execPath, [cli, 'merge', masterPath, '--month', '1', reportsDir, '--json'], { encoding: 'utf8' });
      runs.push(Date.now() - t);
      if (r.status !== 0) throw new Error(r.stderr);
    }
    line('Whole merge as a CLI process (node start-up included)', fmt(Math.min(...runs)));
    const coldRead = readFileSync(masterPath).length;
    line('  master after merge', `${(coldRead / 1024).toFixed(0).padStart(9)} KiB`);

    process.stdout.write('\nSynthetic provinces (already-parsed reports, core merge only):\n');
    for (const n of [1000, 10000]) {
      const units = syntheticTable(n);
      const table = { ...embeddedQuota2023(), source: 'synthetic', units };
      const reports = units.map((u) => ({ report: syntheticReport(u, 1), unitId: u.id, unitFindings: [] }));
      const core = time(() => mergeMonth({ table, ledger: new Map(), currentMonth: 0, month: 1, reports, failures: [] }), 3);
      line(`  core merge, ${n.toLocaleString('en-US')} units (goal ≤ 200 ms at 10,000)`, fmt(core.ms));
    }
    process.stdout.write('\nMaster file size and speed by province size:\n');
    for (const n of [179, 1000, 5000, 10000]) {
      const units = syntheticTable(n);
      const m = newMasterModel({ ...embeddedQuota2023(), source: 'synthetic', units });
      const render = await timeAsync(() => renderWorkbook(masterSpec(m)), 1);
      const bytes = render.value;
      const rd = time(() => readMaster(readWorkbook(bytes)), 1);
      const reports = units.map((u) => ({ report: syntheticReport(u, 1), unitId: u.id, unitFindings: [] }));
      const result = mergeMonth({ table: m.table, ledger: new Map(), currentMonth: 0, month: 1, reports, failures: [] });
      const plan = { ledger: result.ledger, changed: result.changedUnits };
      const patches = mergePatches(rd.value.model, { ledger: plan.ledger, month: 1, changedUnits: plan.changed, logRows: [], undo: null });
      const wr = time(() => patchWorkbook(bytes, patches), 1);
      line(
        `  ${String(n).padStart(6)} units: ${(bytes.length / 1024 / 1024).toFixed(1)} MB; new ${render.ms.toFixed(0)} ms, read ${rd.ms.toFixed(0)} ms, merge write ${wr.ms.toFixed(0)} ms`,
        '',
      );
    }
    line('\nPeak memory (max RSS)', `${(process.resourceUsage().maxRSS / 1024).toFixed(0).padStart(9)} MiB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exitCode = 1;
});
