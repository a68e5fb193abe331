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

/**
 * How the 2023 master (179 units, April's figures) prints, as LibreOffice lays it out: 进度总览 one page wide with
 * its title rows on every page (was 48 pages, an indicator's columns per page); 全省汇总 landscape with 差距 and 状态
 * beside the other columns (was portrait, the last two columns on pages of their own).
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

test('进度总览: every unit on a few pages, each page with the title rows and every indicator beside the names', () => {
  const overview = pages.filter((p) => squeeze(p).includes(`${table.year}年度任务进度总览`));
  expect(overview.length).toBeGreaterThanOrEqual(2);
  expect(overview.length).toBeLessThanOrEqual(6);
  for (const p of overview) {
    for (const ind of INDICATORS) expect(squeeze(p)).toContain(squeeze(`${ind.label}`));
    expect(squeeze(p)).toContain('单位名称');
  }
  // each unit's row on exactly one page, its name and its last indicator's status on the same line
  const lines = overview.flatMap((p) => p.split('\n'));
  for (const u of [table.units[0], table.units[table.units.length - 1]]) {
    const row = lines.filter((l) => new RegExp(`^\\s*${u.id}\\s`).test(l));
    expect(row).toHaveLength(1);
    expect(row[0].trim().split(/\s+/).length).toBeGreaterThan(INDICATORS.length * 3);
  }
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
