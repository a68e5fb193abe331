/*
 * `npm run bench` (second part): the Office.js adapter on the strict Excel fake, by province size. Prints what
 * a real Excel cannot be asked here: syncs (round trips) per operation and the largest request and response,
 * against Excel on the web's 5 MB; plus the adapter's own time (the fake's time is not Excel's).
 * Lives under test/ because it drives the test double; compiled by tsconfig.bench.json.
 */
import { IndicatorKey, perIndicator } from '../../src/core/indicators';
import { OfficeJsWorkbook } from '../../src/workbook/adapters/officeJs';
import { MASTER_SHEETS } from '../../src/workbook/layout';
import { masterSpec } from '../../src/workbook/masterSpec';
import { newMasterModel } from '../../src/workbook/model';
import { readMaster } from '../../src/workbook/readMaster';
import { planMerge } from '../../src/workflow/merge';
import { FakeExcel, SyncRecord } from '../fakes/excelFake';
import { parsedReport } from '../helpers/reports';
import { masterInFake, pasteReports, syntheticTable } from '../host/helpers';

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const max = (syncs: readonly SyncRecord[], k: 'requestBytes' | 'responseBytes') => Math.max(0, ...syncs.map((s) => s[k]));
const describe = (label: string, syncs: readonly SyncRecord[]) =>
  `${label} ${String(syncs.length).padStart(3)} syncs (max request ${kb(max(syncs, 'requestBytes'))}, max response ${kb(max(syncs, 'responseBytes'))})`;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, value };
}

async function province(n: number): Promise<string> {
  const table = syntheticTable(n);
  const fake = new FakeExcel();
  const office = new OfficeJsWorkbook(fake.run);
  await office.render(masterSpec(newMasterModel(table)));
  const render = fake.syncsSince(0);
  let from = fake.syncCount;
  const read = await timed(() => office.readMasterAndForeign(MASTER_SHEETS));
  const reads = fake.syncsSince(from);
  const model = readMaster(read.value.grids).model;
  const reports = table.units.map((u, i) =>
    parsedReport(`${i + 1}.xlsx`, u.name, perIndicator((k: IndicatorKey) => (u.quota[k] === null ? {} : { monthly: 1 + (i % 9), cumulative: 1 + (i % 9) })), { year: 2023, month: 1, day: 28 }),
  );
  const plan = planMerge(model, 1, { reports, failures: [] }, '2023-02-01 09:00:00');
  from = fake.syncCount;
  const write = await timed(() => office.applyPatches(plan.patches, { knownSheets: read.value.sheetNames }));
  const writes = fake.syncsSince(from);
  return [
    `  ${n.toLocaleString('en-US').padStart(6)} units: ${describe('new master', render)}`,
    `                 ${describe('read master', reads)}, ${read.ms.toFixed(0)} ms`,
    `                 ${describe('merge write', writes)}, ${write.ms.toFixed(0)} ms`,
  ].join('\n');
}

async function pasted(n: number): Promise<string> {
  const table = syntheticTable(n);
  const { fake, host } = await masterInFake(table);
  pasteReports(fake, table.units, 1, table);
  const merge = await timed(() => host.mergeMonth());
  if (merge.value.json?.merged.length !== n) throw new Error(`本月合并 merged ${merge.value.json?.merged.length} of ${n}`);
  const syncs = fake.syncsSince(0);
  const writes = syncs.filter((s) => s.calculationSuspended);
  return `  本月合并, ${String(n).padStart(5)} pasted sheets: ${syncs.length - writes.length} read + ${writes.length} write syncs (max request ${kb(max(syncs, 'requestBytes'))}, max response ${kb(max(syncs, 'responseBytes'))}), ${merge.ms.toFixed(0)} ms`;
}

async function main(): Promise<void> {
  process.stdout.write('\nOffice.js adapter on the strict Excel fake (round trips and payloads; times are the adapter and the fake, not Excel):\n');
  for (const n of [179, 1000, 10000]) process.stdout.write(`${await province(n)}\n`);
  for (const n of [179, 1000]) process.stdout.write(`${await pasted(n)}\n`);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exitCode = 1;
});
