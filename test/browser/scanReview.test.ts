/*
 * @slow — 核对扫描件 in a real browser: the standalone page (dist/) in headless Chromium imports a PDF printed from
 * a unit's form in which the unit mistyped a 累计 (so the form's own arithmetic fails and the scan is
 * SCAN_UNCERTAIN), the coordinator opens 核对扫描件 and confirms by keyboard alone (Enter accepts, typing
 * corrects), the figures merge as 手工录入, and the downloaded master holds the form's numbers with 合并日志 naming
 * the PDF and its SHA-256. axe-core checks the view at 1280 and 320 px.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { BrowserContext, Page, chromium } from 'playwright-core';

import { getEntry } from '../../src/core/ledger';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { sha256Hex } from '../../src/reports/readReports';
import { normalizeUnitName } from '../../src/reports/unitNames';
import { readWorkbook } from '../../src/workbook/adapters/xlsxRead';
import { readMaster } from '../../src/workbook/readMaster';
import { LABELS_2023, ScanSample, printToPdf, scanSamples } from '../helpers/scanForms';
import { ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, DIST, StaticServer, ensureDist, freshDir, offOrigin, recordRequests, screenshots, serveStatic } from './harness';

jest.setTimeout(600_000);

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const units = embeddedQuota2023().units;

let server: StaticServer;
let context: BrowserContext;
let requests: string[];
let dir: string;
let pdfPath: string;
let pdfBytes: Uint8Array;
let sample: ScanSample;
let unitId: number;
/** The 培训 累计 the unit should have written, and the one it typed. */
let truthCum: number;
let typoCum: number;

/** A January form (当月 = 累计 everywhere) with the 2023 labels, of a unit of the task table. */
function januaryForm(samples: ScanSample[]): ScanSample {
  const found = samples.find(
    (s) =>
      s.labels === LABELS_2023 &&
      units.some((u) => normalizeUnitName(u.name) === normalizeUnitName(s.unitName)) &&
      s.values.training.cumulative !== null &&
      s.values.training.cumulative >= 100 &&
      Object.values(s.values).every((v) => v.monthly === v.cumulative),
  );
  if (!found) throw new Error('no January form with the 2023 labels among the scan samples');
  return found;
}

/** The form with its 培训 累计 mistyped (the cell right of 当月 holding the same number in January). */
async function withTypo(xlsx: Uint8Array, label: string, cumulative: number, typo: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(xlsx) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  let done = false;
  ws.eachRow((row) => {
    if (done) return;
    const cells: ExcelJS.Cell[] = [];
    row.eachCell((c) => cells.push(c));
    if (!cells.some((c) => typeof c.value === 'string' && c.value.includes(label))) return;
    const same = cells.filter((c) => Number(String(c.value).replace(/,/g, '')) === cumulative);
    if (same.length < 2) return;
    same[same.length - 1].value = typo;
    done = true;
  });
  if (!done) throw new Error(`no 累计 ${cumulative} found on the row of ${label}`);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

beforeAll(async () => {
  ensureDist((m) => process.stderr.write(`${m}\n`));
  sample = januaryForm(await scanSamples(6));
  unitId = units.find((u) => normalizeUnitName(u.name) === normalizeUnitName(sample.unitName))!.id;
  truthCum = sample.values.training.cumulative as number;
  typoCum = truthCum + 100;
  const xlsx = await withTypo(sample.xlsx, LABELS_2023[0].label, truthCum, typoCum);
  const [pdf] = printToPdf([{ ...sample, xlsx }]);
  pdfBytes = new Uint8Array(pdf);
  dir = freshDir('chizheng-scan-review-');
  pdfPath = path.join(dir, `${sample.unitName}-1月.pdf`);
  fs.writeFileSync(pdfPath, pdfBytes);
  server = await serveStatic(DIST);
  context = await chromium.launchPersistentContext(freshDir('chizheng-chromium-'), {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
  });
  requests = recordRequests(context);
}, 300_000);

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown[] }> }> }> } }
    ).axe;
    // Fluent's tabster focus guards (aria-hidden, focusable) are a known false positive of this rule.
    const r = await axe.run(document, { rules: { 'aria-hidden-focus': { enabled: false } }, resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`);
  });
}

/** The number inputs of the view whose text does not fit (clipped), with their widths; and how many there are. */
const clippedInputs = (page: Page) =>
  page.evaluate(() => {
    const inputs = Array.from(document.querySelectorAll<HTMLInputElement>('[data-testid="scan-review"] [data-cell] input'));
    const clipped = inputs
      .filter((el) => el.clientWidth < el.scrollWidth || el.clientWidth < 40)
      .map((el) => `${(el.closest('[data-cell]') as HTMLElement).dataset.cell} "${el.value}" ${el.clientWidth}<${el.scrollWidth}`);
    return { count: inputs.length, clipped };
  });

/** Where the keyboard is: the form cell of the view ("training.cumulative"), or the button's text. */
const focusOf = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    const cell = el?.closest('[data-cell]') as HTMLElement | null;
    return { cell: cell?.dataset.cell ?? null, state: cell?.dataset.state ?? null, value: el?.value ?? null, text: el?.textContent ?? '' };
  });

test('a mistyped scan: SCAN_UNCERTAIN, 核对扫描件 by keyboard, merged as 手工录入 with the PDF’s SHA-256 in 合并日志', async () => {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.origin}/index.html`);
  await page.getByRole('button', { name: '新建主表' }).click();
  await page.getByRole('tab', { name: '概览', selected: true }).waitFor();
  await page.getByRole('tab', { name: '导入与合并' }).click();
  await expect(page.getByRole('combobox', { name: '合并月份' }).inputValue()).resolves.toBe('1');

  const name = path.basename(pdfPath);
  await page.getByLabel('选择报表文件').setInputFiles(pdfPath);
  // The scan has its own row while it is read (pdf.js is fetched for the first scan), then the dry run's.
  const row = page.getByRole('listitem', { name: `${name}：不能合并` });
  await row.waitFor({ timeout: 120_000 });
  await expect(page.evaluate(() => document.documentElement.dataset.reportParser)).resolves.toBe('worker');
  await expect(row.getByText('扫描件有待核对的数字').isVisible()).resolves.toBe(true);

  // Open 核对扫描件 from the keyboard.
  await row.getByRole('button', { name: `核对扫描件 ${name} 第1页` }).focus();
  await page.keyboard.press('Enter');
  const view = page.getByRole('region', { name: `核对扫描件：${name}（第1页）` });
  await view.waitFor();
  await expect(view.getByRole('combobox', { name: '单位' }).inputValue()).resolves.toBe(`${unitId} ${units.find((u) => u.id === unitId)!.name}`);
  await expect(view.getByRole('img', { name: '扫描件第1页' }).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).resolves.toBe(true);
  const crop = view.getByRole('img', { name: '扫描件上的“培训任务 累计已完成”' });
  await expect(crop.evaluate((el) => getComputedStyle(el).backgroundImage)).resolves.toMatch(/^url\("blob:/);

  // The keyboard starts on a doubtful number; the 培训 row is among them.
  let at = await focusOf(page);
  expect(at.state).toBe('doubt');
  const doubtful = await view.locator('[data-state="doubt"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.cell));
  expect(doubtful).toContain('training.cumulative');
  await screenshots(page, 'scan-review');
  // Every number shows whole beside its crop (was "15,50(" and a 20 px 年度任务 at 1280 px).
  for (const width of [1280, 350]) {
    await page.setViewportSize({ width, height: 800 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const { count, clipped } = await clippedInputs(page);
    expect(count).toBeGreaterThanOrEqual(12);
    expect({ width, clipped }).toEqual({ width, clipped: [] });
    await view.screenshot({ path: path.join(ARTIFACTS, `scan-review-cells-${width}.png`) });
  }
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 800 });
    expect(await axeViolations(page)).toEqual([]);
  }
  await page.setViewportSize({ width: 1280, height: 800 });

  // Enter through the doubtful numbers; over the mistyped 累计, type the right one.
  const visited: string[] = [];
  for (let step = 0; step < 20 && at.cell; step++) {
    visited.push(at.cell);
    if (at.cell === 'training.cumulative') {
      expect(at.value).toBe(String(typoCum));
      await page.keyboard.type(String(truthCum)); // the value is selected on focus: typing replaces it
    }
    await page.keyboard.press('Enter');
    at = await focusOf(page);
  }
  expect(visited).toContain('training.cumulative');
  expect(at.text).toContain('确认并合并');
  await expect(view.locator('[data-state="doubt"]').count()).resolves.toBe(0);
  await page.keyboard.press('Enter');

  const notice = page.getByText(/已合并.* 1 月数据（来源：核对扫描件“/);
  await notice.waitFor();
  await expect(page.getByRole('listitem', { name: new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).count()).resolves.toBe(0);

  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载主表' }).click()]);
  const saved = path.join(dir, 'master.xlsx');
  await dl.saveAs(saved);
  const back = readMaster(readWorkbook(new Uint8Array(fs.readFileSync(saved)))).model;
  for (const { key } of LABELS_2023) {
    const v = sample.values[key];
    if (v.cumulative === null) continue;
    expect({ key, entry: getEntry(back.ledger, unitId, key, 1) }).toEqual({ key, entry: { monthly: v.monthly, cumulative: v.cumulative } });
  }
  const log = back.log[back.log.length - 1];
  expect(log.slice(3, 9)).toEqual([name, '手工录入（核对扫描件第1页）', sha256Hex(pdfBytes), unitId, units.find((u) => u.id === unitId)!.name, '已合并']);

  expect(errors).toEqual([]);
  expect(offOrigin(requests, server.origin)).toEqual([]);
});
