import ExcelJS from 'exceljs';
import { writeFileSync } from 'fs';
import { join } from 'path';
import { IndicatorKey } from '../../src/core/indicators';
import { Ledger, emptyLedger, withEntry } from '../../src/core/ledger';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { SampleSet, sampleSet } from '../../src/samples/sampleReports';
import { printedScanName } from '../../src/samples/printedScans';
import { decodePng } from '../../src/scan/png';
import { buildTemplates, templateCells } from '../../src/templates/reportTemplate';
import { newMasterModel } from '../../src/workbook/model';
import { convertWithLibreOffice } from './libreoffice';
import { degrade, imagePdf } from './scanDegrade';
import { rasterize, wordBoxes } from './scanForms';
import { INDICATORS } from './table2023';

/**
 * Makes the stamped scans of the demo (seeds/sample-scans/): for each sample month, the unit the sample set
 * has send a scan fills in its pre-filled template with its true figures; LibreOffice prints it, pdftoppm
 * scans it, a red seal is put over the numbers, and it becomes an office scanner's PDF (month 1, 200 dpi,
 * JPEG 85) or a phone photo (month 2: tilted, shaded, blurred, noisy, JPEG 50–60). Run again only when the sample generator changes (the demo test says when):
 *   MAKE_DEMO_SCANS=1 npx jest test/samples/demoScans.ocr.test.ts
 */

const table = embeddedQuota2023();
const DPI = 150;

/** The unit that sends a scan in `month`, and its true 当月/累计 per indicator. */
export function scanTruth(set: SampleSet, month: number): { unitId: number; figures: Record<IndicatorKey, { monthly: number; cumulative: number } | null> } {
  const file = set.files.find((f) => f.month === month && f.traits.some((t) => t.startsWith('scan-')));
  if (!file || file.unitId === null) throw new Error(`no scan in month ${month}`);
  const progress = set.progress[file.unitId];
  const figures: Record<IndicatorKey, { monthly: number; cumulative: number } | null> = {};
  for (const ind of INDICATORS) {
    const cum = progress[ind.key];
    figures[ind.key] = cum ? { cumulative: cum[month - 1], monthly: cum[month - 1] - (month >= 2 ? cum[month - 2] : 0) } : null;
  }
  return { unitId: file.unitId, figures };
}

async function filledTemplate(set: SampleSet, month: number): Promise<Uint8Array> {
  const { unitId, figures } = scanTruth(set, month);
  let ledger: Ledger = emptyLedger();
  for (let m = 1; m < month; m++) {
    for (const ind of INDICATORS) {
      const cum = set.progress[unitId][ind.key];
      if (cum) ledger = withEntry(ledger, unitId, ind.key, m, { monthly: cum[m - 1] - (m >= 2 ? cum[m - 2] : 0), cumulative: cum[m - 1] });
    }
  }
  const [template] = await buildTemplates({ ...newMasterModel(table), ledger, month: month - 1 }, month, [unitId]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template.bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const cells = templateCells(INDICATORS);
  for (const ind of INDICATORS) {
    const f = figures[ind.key];
    if (!f) continue;
    ws.getCell(cells.indicators[ind.key].monthly).value = f.monthly;
    ws.getCell(cells.indicators[ind.key].cumulative).value = f.cumulative;
  }
  ws.getCell(cells.filler).value = '王老师';
  ws.getCell(cells.phone).value = '0371-66000000';
  ws.getCell(cells.date).value = `2023年${month}月26日`;
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

export async function makeDemoScans(outDir: string): Promise<string[]> {
  const set = sampleSet({ months: [1, 2] });
  const written: string[] = [];
  for (const month of [1, 2]) {
    const [pdf] = convertWithLibreOffice([{ name: `m${month}.xlsx`, bytes: await filledTemplate(set, month) }], 'pdf');
    // month 1: an office scanner (200 dpi, the seal over the numbers, JPEG in a PDF); month 2: a phone photo
    const dpi = month === 1 ? 200 : DPI;
    const page = decodePng(new Uint8Array(rasterize(pdf, dpi)));
    const d = degrade(page, wordBoxes(pdf, dpi), month === 1 ? 'stamped' : 'photo', 20230306, `demo-${month}`, dpi);
    const name = printedScanName(month, scanTruth(set, month).unitId);
    writeFileSync(join(outDir, name), month === 1 ? imagePdf(d.bytes, page.width, page.height, dpi) : d.bytes);
    written.push(name);
  }
  return written;
}
