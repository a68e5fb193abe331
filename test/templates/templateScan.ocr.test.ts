import ExcelJS from 'exceljs';
import { getEntry } from '../../src/core/ledger';
import { decodeTemplateCode } from '../../src/core/templateCode';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { NodeScanner } from '../../src/scan/nodeScan';
import { PRINTED_CODE_LABEL, buildTemplates, templateCells } from '../../src/templates/reportTemplate';
import { MasterModel, newMasterModel } from '../../src/workbook/model';
import { planMerge, readReportFileAsync } from '../../src/workflow/merge';
import { convertWithLibreOffice } from '../helpers/libreoffice';
import { rasterize } from '../helpers/scanForms';
import { sampleLedger } from '../helpers/sampleLedger';
import { INDICATORS } from '../helpers/table2023';

/**
 * A template printed, filled and scanned names its unit and month by the code printed under the form: the
 * text of a PDF exported by LibreOffice, and OCR of the same page as a 150-dpi image (the stamped scan a unit
 * sends); the numbers merge to that unit, marked FROM_SCAN.
 */

const table = embeddedQuota2023();
const MONTH = 3;
const model: MasterModel = { ...newMasterModel(table), ledger: sampleLedger(table.units, 2), month: 2 };
const UNIT = table.units[17]; // 济源示范区: no quota for 其中高级工及以上
const cells = templateCells(INDICATORS);
const scanner = new NodeScanner({ runtime: 'node', threads: 2 });
let pdf: Uint8Array;
let typed: Record<string, { monthly: number; cumulative: number } | undefined>;

beforeAll(async () => {
  const [template] = await buildTemplates(model, MONTH, [UNIT.id]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template.bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  typed = {};
  INDICATORS.forEach((ind, k) => {
    if (UNIT.quota[ind.key] === null) return; // "—": grey and locked
    const previous = getEntry(model.ledger, UNIT.id, ind.key, MONTH - 1)?.cumulative ?? 0;
    const monthly = 10 + 7 * k;
    typed[ind.key] = { monthly, cumulative: previous + monthly };
    ws.getCell(cells.indicators[ind.key].monthly).value = monthly;
    ws.getCell(cells.indicators[ind.key].cumulative).value = previous + monthly;
  });
  ws.getCell(cells.filler).value = '张老师';
  ws.getCell(cells.date).value = `2023年${MONTH}月27日`;
  const filled = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  [pdf] = convertWithLibreOffice([{ name: 'filled.xlsx', bytes: filled }], 'pdf');
}, 240_000);

afterAll(() => scanner.close());

test('the code is printed on the page, inside the print area', async () => {
  const [template] = await buildTemplates(model, MONTH, [UNIT.id]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template.bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const printed = String(ws.getCell(cells.printedCode).value);
  expect(printed.startsWith(PRINTED_CODE_LABEL)).toBe(true);
  expect(decodeTemplateCode(printed)).toEqual({ year: 2023, month: MONTH, unitId: UNIT.id });
  expect(ws.getColumn(1).hidden).toBeFalsy();
  expect(ws.pageSetup.printArea).toContain(cells.printedCode.replace(/^A/, 'F'));
});

test.each([
  ['the text of a PDF printed from the template', 'pdf'],
  ['OCR of the page as a 150-dpi image', 'png'],
] as const)(
  '%s: the code names unit and month; the numbers merge to that unit',
  async (_what, kind) => {
    const bytes = kind === 'pdf' ? pdf : new Uint8Array(rasterize(pdf, 150));
    const name = `济源-3月.${kind}`;
    const read = await readReportFileAsync({ name, bytes }, INDICATORS, (n, b, ind) => scanner.read(n, b, ind));
    expect(read.failures).toEqual([]);
    expect(read.reports[0].code).toEqual({ year: 2023, month: MONTH, unitId: UNIT.id });

    const plan = planMerge(model, MONTH, read, '2023-03-31 09:00:00');
    expect(plan.json.rejected).toEqual([]);
    expect(plan.json.merged.map((m) => m.unitId)).toEqual([UNIT.id]);
    expect(plan.json.merged[0].warnings.map((w) => w.code)).toContain('FROM_SCAN');
    for (const ind of INDICATORS) expect(getEntry(plan.result.ledger, UNIT.id, ind.key, MONTH)).toEqual(typed[ind.key] ?? null);
  },
  180_000,
);
