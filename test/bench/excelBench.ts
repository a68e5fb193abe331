/*
 * `npm run bench` (second part): the Office.js adapter on the strict Excel fake, by province size. Prints what
 * a real Excel cannot be asked here: syncs (round trips) per operation and the largest request and response,
 * against Excel on the web's 5 MB; plus the adapter's own time (the fake's time is not Excel's).
 * Lives under test/ because it drives the test double; compiled by tsconfig.bench.json.
 */
import { SyncRecord } from '../fakes/excelFake';
import { provinceThroughOfficeJs } from '../helpers/officeJsProvince';
import { masterInFake, pasteReports, syntheticTable } from '../host/helpers';

const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
const max = (syncs: readonly SyncRecord[], k: 'requestBytes' | 'responseBytes') => Math.max(0, ...syncs.map((s) => s[k]));
const describe = (label: string, syncs: readonly SyncRecord[]) =>
  `${label} ${String(syncs.length).padStart(3)} syncs (max request ${kb(max(syncs, 'requestBytes'))}, max response ${kb(max(syncs, 'responseBytes'))})`;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, value };
}

async function province(n: number): Promise<string> {
  const run = await provinceThroughOfficeJs(n);
  return [
    `  ${n.toLocaleString('en-US').padStart(6)} units: ${describe('new master', run.render)}`,
    `                 ${describe('read master', run.read)}, ${run.readMs.toFixed(0)} ms`,
    `                 ${describe('merge write', run.write)}, ${run.writeMs.toFixed(0)} ms`,
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
