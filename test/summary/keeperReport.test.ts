/**
 * A city's or county's own 附件2 for the level above (summary --out), for tables other than 2023's: the keeper
 * as 填报单位, its totals; an indicator that no unit of the table has a task for is "—", as the notice prints it
 * (the level above reads "no task", not a task of 0).
 */
import { Ledger, emptyLedger, withEntry } from '../../src/core/ledger';
import { defaultPace } from '../../src/core/pace';
import { readReportFile } from '../../src/reports/readReports';
import { anyang2023, expectedTable, zhengzhou2025 } from '../../src/samples/quotaTables';
import { tableReports } from '../../src/samples/tableReports';
import { provinceReportBytes } from '../../src/summary/provinceReport';
import { provinceSummary } from '../../src/summary/provinceSummary';
import { QuotaTable } from '../../src/core/units';

function ledgerOf(table: QuotaTable, month: number): Ledger {
  let ledger = emptyLedger();
  for (let m = 1; m <= month; m++) {
    for (const r of tableReports(table, m)) {
      for (const ind of table.indicators) {
        const f = r.figures[ind.key];
        if (f.cumulative !== null) ledger = withEntry(ledger, r.unitId, ind.key, m, { monthly: f.monthly, cumulative: f.cumulative });
      }
    }
  }
  return ledger;
}

test.each([
  ['安阳市 2023 (其中高级工 “—” for every unit)', expectedTable(anyang2023())],
  ['郑州市 2025 (eight indicators)', expectedTable(zhengzhou2025())],
])('%s: read back as one form of the keeper, with its totals and “—”', async (_, table) => {
  const s = provinceSummary(table, ledgerOf(table, 2), 2, defaultPace());
  const bytes = await provinceReportBytes(s, table, { date: `${table.year}年3月2日` });
  const read = readReportFile('月报.xlsx', bytes, table.indicators);
  expect(read.failures).toEqual([]);
  expect(read.reports).toHaveLength(1);
  const r = read.reports[0];
  expect(r.sheet).toBe('全市');
  expect(r.unitName).toBe(table.keeper);
  for (const ind of table.indicators) {
    const p = s.province.indicators[ind.key];
    const none = table.units.every((u) => u.quota[ind.key] === null);
    const f = r.figures[ind.key];
    expect([ind.key, f.annual.raw, f.annual.value, f.monthly.value, f.cumulative.value]).toEqual(
      none ? [ind.key, '—', null, null, null] : [ind.key, p.annual, p.annual, p.monthly, p.cumulative],
    );
  }
});
