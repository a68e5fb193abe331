import ExcelJS from 'exceljs';

import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { buildMasterFile } from '../../src/taskpane/buildMaster';
import { MASTER_SHEETS } from '../../src/workbook/layout';

test('buildMasterFile gives .xlsx bytes of the master workbook', async () => {
  const bytes = await buildMasterFile(embeddedQuota2023());
  expect(bytes).toBeInstanceOf(Uint8Array);
  expect(Array.from(bytes.subarray(0, 4))).toEqual([0x50, 0x4b, 0x03, 0x04]); // a zip file
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  expect(wb.worksheets.map((w) => w.name)).toEqual([...MASTER_SHEETS]);
});
