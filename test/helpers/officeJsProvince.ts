import { IndicatorKey, perIndicator } from '../../src/core/indicators';
import { OfficeJsWorkbook } from '../../src/workbook/adapters/officeJs';

import { masterSpec } from '../../src/workbook/masterSpec';
import { MasterModel, newMasterModel } from '../../src/workbook/model';
import { readMaster } from '../../src/workbook/readMaster';
import { MergePlan, planMerge } from '../../src/workflow/merge';
import { FakeExcel, SyncRecord } from '../fakes/excelFake';
import { syntheticTable } from '../host/helpers';
import { parsedReport } from './reports';
import { MASTER_SHEETS } from './table2023';
import { INDICATORS } from './table2023';

/** A synthetic province through the Office.js adapter on the strict fake: what each step cost. */
export interface ProvinceRun {
  fake: FakeExcel;
  office: OfficeJsWorkbook;
  model: MasterModel;
  plan: MergePlan;
  render: SyncRecord[];
  read: SyncRecord[];
  write: SyncRecord[];
  /** The adapter's time to read the master and write the merge (the fake's time included, not Excel's). */
  readMs: number;
  writeMs: number;
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** New master of n units, read it as a merge does, merge month 1 for every unit (already-parsed reports). */
export async function provinceThroughOfficeJs(n: number): Promise<ProvinceRun> {
  const table = syntheticTable(n);
  const fake = new FakeExcel();
  const office = new OfficeJsWorkbook(fake.run);
  await office.render(masterSpec(newMasterModel(table)));
  const render = fake.syncsSince(0);

  let from = fake.syncCount;
  let both: Awaited<ReturnType<NonNullable<OfficeJsWorkbook['readMasterAndForeign']>>> | undefined;
  const readMs = await timed(async () => {
    both = await office.readMasterAndForeign(MASTER_SHEETS);
  });
  const read = fake.syncsSince(from);
  const model = readMaster(both!.grids).model;

  const reports = table.units.map((u, i) =>
    parsedReport(
      `${i + 1}.xlsx`,
      u.name,
      perIndicator(INDICATORS, (k: IndicatorKey) => (u.quota[k] === null ? {} : { monthly: 1 + (i % 9), cumulative: 1 + (i % 9) })),
      { year: 2023, month: 1, day: 28 },
    ),
  );
  const plan = planMerge(model, 1, { reports, failures: [] }, '2023-02-01 09:00:00');
  from = fake.syncCount;
  const writeMs = await timed(() => office.applyPatches(plan.patches, { knownSheets: both!.sheetNames }));
  const write = fake.syncsSince(from);
  return { fake, office, model, plan, render, read, write, readMs, writeMs };
}
