/**
 * `npm run bench`: figures for the merge, printed, never asserted (CI times nothing).
 * First whole processes as users feel them (processBench.ts): the CLI merge of the sample month against a bare
 * SheetJS floor script, and `status` start-up. Then warm in-process figures for the same files, and a synthetic
 * province of 10,000 units. BENCH_RUNS sets the number of alternating process runs (default 7).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
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
import { openPackage, patchWorkbook } from '../workbook/adapters/xlsxPatch';
import { masterSpec } from '../workbook/masterSpec';
import { newMasterModel } from '../workbook/model';
import { mergePatches } from '../workbook/patches';
import { readMaster } from '../workbook/readMaster';
import { planMerge, readReportFiles } from '../workflow/merge';
import { ParsedReport } from '../core/report';
import { inflateStrategies, mergeAgainstFloor, statusStartup } from './processBench';
import type { LargeMasterFigures } from './largeMaster';
import { formatInitialJs, initialJs } from './initialJs';
import { spawnSync } from 'child_process';

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
      return {
        annual: v(q, 'B4'),
        monthly: v(c === null ? null : Math.round(q! / 12), 'C4'),
        cumulative: v(c, 'D4'),
        rate: { ...v(null, 'E4'), readings: [] },
      };
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
    // The same month without its scans and photos: what the floor reads too (SheetJS refuses a scan at once).
    const isScan = (f: (typeof set.files)[number]) => f.traits.some((t) => t.startsWith('scan-'));
    const sheetsDir = join(dir, 'spreadsheets');
    mkdirSync(sheetsDir);
    for (const f of set.files) if (!isScan(f)) writeFileSync(join(sheetsDir, f.name), f.bytes);
    const scans = set.files.filter(isScan).map((f) => f.name.replace(/.*\./, '.'));

    process.stdout.write(`Sample reports (month 1): ${files.length} files, ${(files.reduce((s, f) => s + f.bytes.length, 0) / 1024).toFixed(0)} KiB\n`);
    const runs = Number(process.env.BENCH_RUNS ?? 7);
    process.stdout.write(`\nWhole processes, ${runs} alternating runs each, median [min–max] (the spread shows the machine's noise):\n`);
    process.stdout.write(
      `The whole month, ${set.files.length} files (${scans.length} of them a stand-in scan with no form on it (${scans.join(', ')}): the CLI opens it and finds no form, the floor's SheetJS refuses it at once; OCR of a real scan is scanBench's):\n`,
    );
    process.stdout.write(`${mergeAgainstFloor(masterPath, reportsDir, runs)}\n`);
    process.stdout.write(`The same month without the scan, ${set.files.length - scans.length} spreadsheet files (like for like):\n`);
    process.stdout.write(`${mergeAgainstFloor(masterPath, sheetsDir, runs)}\n`);
    process.stdout.write(`${statusStartup(masterPath, Math.min(runs, 5))}\n`);
    process.stdout.write(`${inflateStrategies([...set.files.map((f) => join(reportsDir, f.name)), masterPath], Math.min(runs, 3))}\n`);

    process.stdout.write('\nIn process, warm (best of 5; excludes start-up and module loading):\n');
    const bare = time(() =>
      files.forEach((f) => {
        try {
          XLSX.read(f.bytes, { type: 'array', dense: true });
        } catch {
          /* scans */
        }
      }),
    );
    line('Bare SheetJS read of the reports', fmt(bare.ms));
    const masterRw = time(() => patchWorkbook(masterBytes, []).length + readWorkbook(masterBytes).sheetNames.length);
    line('Bare master read (SheetJS) + no-op zip patch, 179 units', fmt(masterRw.ms));
    const indicators = embeddedQuota2023().indicators;
    const read = time(() => readReportFiles(files, indicators));
    line('Report reader (find forms, values) for all files', fmt(read.ms));
    const whole = time(() => {
      const pkg = openPackage(masterBytes); // as the CLI: inflated once, read, then patched
      const m = readMaster(readWorkbook(pkg)).model;
      const plan = planMerge(m, 1, readReportFiles(files, m.table.indicators), '2023-01-31 00:00:00');
      return patchWorkbook(pkg, plan.patches, { clearCachedResults: true }).length;
    });
    line('Whole merge in-process (read master, reports, merge, patch)', fmt(whole.ms));
    // Not the goal's ratio: warm, without start-up, against a no-op patch (the goal is the process ratio above).
    line('  ratio whole / (bare reads + master read, no-op patch)', `${(whole.ms / (bare.ms + masterRw.ms)).toFixed(2).padStart(12)}`);
    line('  master after merge', `${(whole.value / 1024).toFixed(0).padStart(9)} KiB`);

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
    process.stdout.write('\nA large table in a process of its own (create, read back, merge a month, write; peak memory is its own):\n');
    for (const [n, k] of [
      [10000, 4],
      [10000, 8],
    ]) {
      const r = spawnSync(process.execPath, [join(__dirname, 'largeMaster.js'), String(n), String(k)], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(r.stderr);
      const f = JSON.parse(r.stdout) as LargeMasterFigures;
      line(
        `  ${f.units.toLocaleString('en-US')} units × ${f.indicators} indicators: ${f.megabytes.toFixed(1)} MB; new ${f.createMs.toFixed(0)} ms, read ${f.readMs.toFixed(0)} ms, merge write ${f.mergeWriteMs.toFixed(0)} ms`,
        '',
      );
      line(
        `    peak RSS after create (goal < 1 GB) / after read / after merge write: `,
        `${f.createPeakMiB.toFixed(0)} / ${f.readPeakMiB.toFixed(0)} / ${f.peakRssMiB.toFixed(0)} MiB`,
      );
    }
    const dist = join(__dirname, '../../../../dist');
    const loads = initialJs(dist, join(__dirname, '../../../../build/web-chunks.json'));
    process.stdout.write('\nJavaScript the pages load at start (npm run build first; office.js from the CDN not counted):\n');
    process.stdout.write(loads.length ? `${formatInitialJs(loads).join('\n')}\n` : '  (no dist/: run npm run build)\n');
    line('\nPeak memory (max RSS)', `${(process.resourceUsage().maxRSS / 1024).toFixed(0).padStart(9)} MiB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exitCode = 1;
});
