import { getEntry } from '../../src/core/ledger';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { FileWorkbook } from '../../src/workbook/adapters/memoryFile';
import { readWorkbook } from '../../src/workbook/adapters/xlsxRead';
import { readMaster } from '../../src/workbook/readMaster';
import { MANUAL_SOURCE, emptyManualFigures, manualReport } from '../../src/workflow/manualEntry';
import { MasterSession } from '../../src/workflow/session';
import { INDICATORS } from '../helpers/table2023';

/** 核对扫描件: figures a person confirmed from a scan are merged as 手工录入, and 合并日志 names the scan and its SHA-256. */

const SHA = 'ab'.repeat(32);

test('a confirmed scan is logged with its file, page and SHA-256; plain 手工录入 keeps its own source', async () => {
  const wb = new FileWorkbook();
  const session = new MasterSession(wb, () => '2023-02-01 09:00:00');
  const model = await session.create(embeddedQuota2023());
  const unit = model.table.units.find((u) => u.quota.training !== null)!;
  const figures = emptyManualFigures(INDICATORS);
  figures.training = { annual: String(unit.quota.training), monthly: '30', cumulative: '30', rate: '' };

  const plain = manualReport(unit, INDICATORS, figures, '2023-01-28');
  expect([plain.file, plain.sheet, plain.enteredByHand]).toEqual([MANUAL_SOURCE, MANUAL_SOURCE, true]);

  const origin = { file: '来件/郑州市教育局.pdf', sheet: '第1页', sha256: SHA };
  const json = await session.mergeManual(1, unit.id, figures, '2023-01-28', origin);
  expect(json.merged).toEqual([{ file: origin.file, sheet: '手工录入（核对扫描件第1页）', unitId: unit.id, unitName: unit.name, warnings: [] }]);

  const back = readMaster(readWorkbook(wb.bytes)).model;
  expect(getEntry(back.ledger, unit.id, 'training', 1)).toEqual({ monthly: 30, cumulative: 30 });
  const row = back.log[back.log.length - 1];
  expect(row.slice(0, 9)).toEqual(['2023-02-01 09:00:00', '合并', 1, '郑州市教育局.pdf', '手工录入（核对扫描件第1页）', SHA, unit.id, unit.name, '已合并']);
});
