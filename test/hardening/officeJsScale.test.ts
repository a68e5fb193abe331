import { getEntry } from '../../src/core/ledger';
import { DEFAULT_CHUNK_BYTES, DEFAULT_READ_CHUNK_BYTES, OfficeJsWorkbook } from '../../src/workbook/adapters/officeJs';
import { SHEET, unitRow } from '../../src/workbook/layout';
import { masterSpec } from '../../src/workbook/masterSpec';
import { newMasterModel } from '../../src/workbook/model';
import { readMaster } from '../../src/workbook/readMaster';
import { EXCEL_WEB_PAYLOAD_LIMIT, FakeExcel, SyncRecord } from '../fakes/excelFake';
import { provinceThroughOfficeJs } from '../helpers/officeJsProvince';
import { syntheticTable } from '../host/helpers';
import { INDICATOR_SHEET, MASTER_SHEETS } from '../helpers/table2023';

/**
 * A synthetic province of 10,000 units through the Office.js adapter on the strict fake: a new master, the
 * merge's read and write. Counts only (no absolute time): every request and response under Excel on the web's
 * 5 MB, syncs that do not grow with units beyond size-bounded chunks, and time about linear (a ratio).
 */
const sum = (syncs: readonly SyncRecord[], key: 'requestBytes' | 'responseBytes') => syncs.reduce((n, s) => n + s[key], 0);

interface Measured {
  render: SyncRecord[];
  read: SyncRecord[];
  write: SyncRecord[];
  ms: number;
}

async function province(n: number): Promise<Measured> {
  const run = await provinceThroughOfficeJs(n);
  expect(run.model.table.units).toHaveLength(n);
  expect(run.plan.json.merged).toHaveLength(n);
  // What was written is the plan: read back through the adapter.
  const back = readMaster((await run.office.readMasterAndForeign(MASTER_SHEETS, { foreign: false })).grids).model;
  const last = run.model.table.units[n - 1];
  expect(getEntry(back.ledger, last.id, 'certified', 1)).toEqual(getEntry(run.plan.model.ledger, last.id, 'certified', 1));
  expect(back.ledger.size).toBe(run.plan.model.ledger.size);
  expect(back.log).toHaveLength(n);
  expect(run.fake.cell(INDICATOR_SHEET.training, `A${unitRow(n - 1)}`)?.value).toBe(n);
  return { render: run.render, read: run.read, write: run.write, ms: run.readMs + run.writeMs };
}

describe('10,000 units through the Office.js adapter (strict fake)', () => {
  const sizes = [2000, 10000] as const;
  const results = new Map<number, Measured>();

  beforeAll(async () => {
    for (const n of sizes) results.set(n, await province(n));
  }, 600_000);

  test.each(sizes)('%i units: every request and every response under 5 MB', (n) => {
    const m = results.get(n)!;
    for (const s of [...m.render, ...m.read, ...m.write]) {
      expect(s.requestBytes).toBeLessThan(EXCEL_WEB_PAYLOAD_LIMIT);
      expect(s.responseBytes).toBeLessThan(EXCEL_WEB_PAYLOAD_LIMIT);
      expect(s.failed).toBe(false);
    }
  });

  test.each(sizes)('%i units: syncs are fixed plus size-bounded chunks, never one per unit', (n) => {
    const m = results.get(n)!;
    const chunks = (syncs: readonly SyncRecord[]) => Math.ceil(sum(syncs, 'requestBytes') / (DEFAULT_CHUNK_BYTES / 2)) + 1;
    expect(m.write.length).toBeLessThanOrEqual(chunks(m.write));
    expect(m.render.length).toBeLessThanOrEqual(3 + chunks(m.render));
    expect(m.write.length).toBeLessThan(n / 1000);
  });

  test.each(sizes)('%i units: reading the master takes 2 syncs plus response chunks of a fair size', (n) => {
    const m = results.get(n)!;
    const total = sum(m.read, 'responseBytes');
    expect(m.read.length).toBeLessThanOrEqual(2 + Math.ceil(total / (DEFAULT_READ_CHUNK_BYTES / 4)));
    expect(m.read.length).toBeLessThan(n / 500);
  });

  test('time grows about linearly: 5× the units, well under 25× the time', () => {
    const [a, b] = sizes.map((n) => results.get(n)!);
    expect(b.ms / a.ms).toBeLessThan(12);
  });

  afterAll(() => {
    if (!process.env.SHOW_SYNCS) return;
    for (const [n, m] of results) {
      const kb = (syncs: readonly SyncRecord[], k: 'requestBytes' | 'responseBytes') => (Math.max(0, ...syncs.map((s) => s[k])) / 1024).toFixed(0);
      console.log(
        `${n} units: render ${m.render.length} syncs (max request ${kb(m.render, 'requestBytes')} KB); read ${m.read.length} syncs (max response ${kb(m.read, 'responseBytes')} KB); write ${m.write.length} syncs (max request ${kb(m.write, 'requestBytes')} KB); read+write ${m.ms.toFixed(0)} ms`,
      );
    }
  });
});

test('responses larger than Excel allows: the first read again with sizes only, bands halved until each fits; same grids', async () => {
  const table = syntheticTable(300);
  const spec = masterSpec(newMasterModel(table));
  const read = async (fake: FakeExcel) => {
    const office = new OfficeJsWorkbook(fake.run);
    await office.render(spec);
    const from = fake.syncCount;
    const both = await office.readMasterAndForeign(MASTER_SHEETS);
    return { grids: both.grids, syncs: fake.syncsSince(from) };
  };
  const normal = await read(new FakeExcel());
  const limit = 40_000;
  const tight = await read(new FakeExcel({ maxResponseBytes: limit }));
  expect(normal.syncs.every((s) => !s.failed)).toBe(true);
  expect(tight.syncs.filter((s) => s.failed).length).toBeGreaterThan(1); // the first read, then bands
  for (const s of tight.syncs.filter((x) => !x.failed)) expect(s.responseBytes).toBeLessThanOrEqual(limit);
  expect([...tight.grids.sheets]).toEqual([...normal.grids.sheets]);
  expect(tight.grids.sheets.get(INDICATOR_SHEET.training)!.length).toBeGreaterThan(unitRow(299) - 1);
}, 120_000);

test('a master sheet wider than the first read (a very large undo record): read whole, nothing cut off', async () => {
  const fake = new FakeExcel();
  const office = new OfficeJsWorkbook(fake.run);
  await office.render(masterSpec(newMasterModel(syntheticTable(20))));
  fake.setCell(SHEET.undo, 'EZ3', { value: 'far right' }); // column 156
  fake.setCell(SHEET.undo, 'B1300', { value: 'far down' });
  const grids = (await office.readMasterAndForeign(MASTER_SHEETS, { foreign: false })).grids;
  const undo = grids.sheets.get(SHEET.undo)!;
  expect(undo[2][155]).toBe('far right');
  expect(undo[1299][1]).toBe('far down');
  expect(undo).toHaveLength(1300);
  expect(grids.sheets.get(INDICATOR_SHEET.training)!.length).toBeGreaterThan(20);
});
