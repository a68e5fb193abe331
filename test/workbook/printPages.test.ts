import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { renderWorkbook } from '../../src/workbook/adapters/xlsxRender';
import { masterSpec } from '../../src/workbook/masterSpec';
import { newMasterModel } from '../../src/workbook/model';
import { convertWithLibreOffice } from '../helpers/libreoffice';
import { sampleLedger } from '../helpers/sampleLedger';
import { INDICATORS, PROVINCE_SHEET } from '../helpers/table2023';
import { SHEET } from '../../src/workbook/layout';
import { MIN_PRINT_PT } from '../../src/workbook/printLayout';
import { FONT } from '../../src/workbook/spec';

/**
 * How the 2023 master (179 units, April's figures) prints, as LibreOffice lays it out: 进度总览 with a narrower name
 * column, two indicators a page at a legible size, names and title rows on every page (was 48 pages, one indicator a
 * page); 全省汇总 landscape with 差距 and 状态 beside the other columns (was portrait, the last two on pages of their own).
 */

const table = embeddedQuota2023();
let pages: string[];

beforeAll(async () => {
  const model = { ...newMasterModel(table), ledger: sampleLedger(table.units, 4), month: 4 };
  const [pdf] = convertWithLibreOffice([{ name: 'master.xlsx', bytes: await renderWorkbook(masterSpec(model)) }], 'pdf');
  const dir = mkdtempSync(join(tmpdir(), 'print-'));
  try {
    writeFileSync(join(dir, 'm.pdf'), pdf);
    // pdftotext ends every page with a form feed
    pages = execFileSync('pdftotext', ['-layout', join(dir, 'm.pdf'), '-'], { timeout: 120_000, maxBuffer: 64 << 20 })
      .toString('utf8')
      .split('\f');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 300_000);

const squeeze = (page: string) => page.replace(/\s+/g, '');

test('进度总览: legible (never below MIN_PRINT_PT), less than half the pages it took, names and title rows on every page', () => {
  const spec = masterSpec({ ...newMasterModel(table), month: 4 }).sheets.find((x) => x.name === SHEET.overview)!;
  const scale = spec.print?.fitToWidth ? 100 : (spec.print?.scale ?? 100);
  expect((FONT.size * scale) / 100).toBeGreaterThanOrEqual(MIN_PRINT_PT);
  const overview = pages.filter((p) => squeeze(p).includes(`${table.year}年度任务进度总览`));
  expect(overview.length).toBeGreaterThanOrEqual(2);
  expect(overview.length).toBeLessThanOrEqual(24); // 48 with the 58-wide name column
  for (const p of overview) expect(squeeze(p)).toContain('单位名称');
  for (const ind of INDICATORS) expect(overview.some((p) => squeeze(p).includes(squeeze(ind.label)))).toBe(true);
  // every page of columns lists every unit once: the first and the last unit appear on as many pages as there are columns of pages
  const lines = overview.flatMap((p) => p.split('\n'));
  const rowsOf = (id: number) => lines.filter((l) => new RegExp(`^\\s*${id}\\s`).test(l)).length;
  const across = rowsOf(table.units[0].id);
  expect(across).toBeGreaterThanOrEqual(1);
  expect(rowsOf(table.units[table.units.length - 1].id)).toBe(across);
});

test(`${PROVINCE_SHEET}: landscape, 差距 and 状态 on the first page with the rest of the province table`, () => {
  const first = pages.findIndex((p) => squeeze(p).includes('一、全省'));
  expect(first).toBeGreaterThanOrEqual(0);
  const page = pages[first];
  expect(squeeze(page)).toContain('全省汇总');
  // header labels wrap in their cells: 差距（百分 / 点）
  for (const label of ['累计完成率', '应达进度', '差距（百分', '状态']) expect(squeeze(page)).toContain(label);
  // every indicator's row of the province table is there, its status included (— before any figure, 正常/落后 after)
  for (const ind of INDICATORS) expect(squeeze(page)).toContain(squeeze(ind.label));
  // the sheet's pages: up to the next sheet's title (任务分配)
  const next = pages.findIndex((p, i) => i > first && squeeze(p).includes('任务分配表'));
  const summaryPages = pages.slice(first, next);
  expect(summaryPages.length).toBeLessThanOrEqual(5);
  // no page of the sheet holds only the overflowing last columns
  for (const p of summaryPages) expect(squeeze(p).startsWith('差距')).toBe(false);
});
