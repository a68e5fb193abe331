/*
 * The two once-a-month / once-a-year tools of the standalone page in a real browser (Debian chromium +
 * playwright-core, built dist/): a new year's master from the notice's text pasted into the import box, then
 * the report templates of all units downloaded as one .zip — at the task pane's 320 px width.
 */
import * as fs from 'fs';
import * as path from 'path';
import { BrowserContext, Page, chromium } from 'playwright-core';
import { unzipSync } from 'fflate';

import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { templateFileName } from '../../src/templates/reportTemplate';
import { ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, DIST, StaticServer, ensureDist, freshDir, offOrigin, recordRequests, serveStatic } from './harness';

jest.setTimeout(240_000);

const NOTICE = fs.readFileSync(path.join(__dirname, '../../seeds/henan-2023-notice-jiaobanzhicheng-54.txt'), 'utf8');

let server: StaticServer;
let context: BrowserContext;
let requests: string[];

beforeAll(async () => {
  ensureDist((m) => process.stderr.write(`${m}\n`));
  server = await serveStatic(DIST);
  context = await chromium.launchPersistentContext(freshDir('chizheng-chromium-'), {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 320, height: 640 },
    locale: 'zh-CN',
  });
  requests = recordRequests(context);
});

afterAll(async () => {
  await context?.close();
  await server?.close();
});

/** Nothing sticks out sideways at the task pane's width. */
async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

/** Names of a zip's entries from its central directory, and whether each has the UTF-8 flag (bit 11). */
function entryNames(zip: Uint8Array): Array<{ name: string; utf8Flag: boolean }> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  let at = view.getUint32(eocd + 16, true);
  const out: Array<{ name: string; utf8Flag: boolean }> = [];
  for (let i = view.getUint16(eocd + 10, true); i > 0; i--) {
    const length = view.getUint16(at + 28, true);
    out.push({
      name: new TextDecoder('utf-8', { fatal: true }).decode(zip.subarray(at + 46, at + 46 + length)),
      utf8Flag: (view.getUint16(at + 8, true) & 0x800) !== 0,
    });
    at += 46 + length + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return out;
}

test('paste the notice’s table into a new 2024 master, then download February’s 179 templates as a zip', async () => {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.origin}/index.html`);
  await page.getByRole('heading', { level: 1, name: '持证进度助手' }).waitFor();

  // 导入新年度任务表: keyboard reaches it; the text as copied from the PDF (tabs, page headers, 合计).
  await page.getByRole('button', { name: '导入新年度任务表…' }).click();
  const region = page.getByRole('region', { name: '导入新年度任务表' });
  await region.waitFor();
  await expect(region.getByRole('textbox', { name: '年度' }).inputValue()).resolves.toBe('2024');
  await region.getByRole('textbox', { name: '任务表文本（从通知 PDF 复制）' }).fill(NOTICE);
  await region.getByRole('button', { name: '检查' }).click();
  await region.getByText('任务表可以使用：2024 年度，179 个单位。请对照通知核对下面的合计。').waitFor();
  await expect(region.getByText('单位名单与 2023 年度相同。').isVisible()).resolves.toBe(true);
  await expect(fitsWidth(page)).resolves.toBe(true);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'quota-import-320.png'), fullPage: true });
  await region.getByRole('button', { name: '用此任务表新建主表' }).click();
  await page.getByRole('tablist', { name: '功能' }).waitFor({ timeout: 60_000 });
  await expect(page.getByText('主表：持证进度主表-2024.xlsx').isVisible()).resolves.toBe(true);

  // 催报 → 下载报表模板（.zip）: the template code is fetched only now, as its own chunk.
  await page.getByRole('tab', { name: '催报' }).click();
  const month = page.getByRole('combobox', { name: '模板月份' });
  await expect(month.inputValue()).resolves.toBe('1'); // nothing merged yet: the next month to merge is January
  await month.selectOption('2');
  const chunk = (u: string) => /\/templates\.[0-9a-f]+\.js$/.test(u);
  expect(requests.some(chunk)).toBe(false);
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 120_000 }),
    page.getByRole('button', { name: '下载报表模板（.zip）' }).click(),
  ]);
  expect(requests.some(chunk)).toBe(true);
  expect(download.suggestedFilename()).toBe('2024年2月进度月报模板（179个单位）.zip');
  const file = path.join(freshDir('chizheng-templates-'), 'templates.zip');
  await download.saveAs(file);
  await page.getByText('已生成 179 份报表模板，已下载“2024年2月进度月报模板（179个单位）.zip”，请到浏览器的下载列表中查看。').waitFor();
  await expect(page.getByRole('button', { name: '下载报表模板（.zip）' }).isEnabled()).resolves.toBe(true);
  await expect(fitsWidth(page)).resolves.toBe(true);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(ARTIFACTS, 'templates-320.png') });

  const zip = new Uint8Array(fs.readFileSync(file));
  const expected = embeddedQuota2023().units.map((u) => templateFileName(u, 2024, 2));
  const entries = entryNames(zip);
  expect(entries.map((e) => e.name)).toEqual(expected);
  expect(entries.every((e) => e.utf8Flag)).toBe(true);
  expect(Object.keys(unzipSync(zip))).toEqual(expected);

  expect(errors).toEqual([]);
  expect(offOrigin(requests, server.origin)).toEqual([]);
  await page.close();
});
