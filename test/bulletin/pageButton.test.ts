/*
 * 生成通报（Word） in the built standalone page (dist/index.html) in real Chromium: the master opened from a file, the
 * 下一步工作要求 saved in 设置, then the button on 概览 downloads a .docx whose chart was drawn on the page's canvas
 * under the page's own CSP (img-src 'self' blob:), with no violation, no page error and no request off the site.
 */
import * as fs from 'fs';
import * as path from 'path';
import { BrowserContext, chromium } from 'playwright-core';

import { statusReport } from '../../src/core/status';
import { FileHost } from '../../src/host/fileHost';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { sampleSet } from '../../src/samples/sampleReports';
import { MasterModel } from '../../src/workbook/model';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  DIST,
  StaticServer,
  cspViolations,
  ensureDist,
  freshDir,
  offOrigin,
  recordCspViolations,
  recordRequests,
  serveStatic,
} from '../browser/harness';
import { bodyParagraphs, openDocx, pngSize } from './docxParts';
import { count } from './expected';

jest.setTimeout(300_000);

let server: StaticServer;
let context: BrowserContext;
let requests: string[];
let masterPath: string;
let model: MasterModel;

beforeAll(async () => {
  ensureDist((m) => process.stderr.write(`${m}\n`));
  const host = new FileHost();
  await host.create(embeddedQuota2023());
  await host.master.merge({ month: 1, files: sampleSet({ months: [1] }).files, includeSheets: false });
  model = host.master.state().model!;
  masterPath = path.join(freshDir('chizheng-bulletin-'), '持证进度主表-2023.xlsx');
  fs.writeFileSync(masterPath, (await host.download()).bytes);

  server = await serveStatic(DIST);
  context = await chromium.launchPersistentContext(freshDir('chizheng-chromium-'), {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1024, height: 800 },
    locale: 'zh-CN',
  });
  await recordCspViolations(context);
  requests = recordRequests(context);
}, 300_000);

afterAll(async () => {
  await context?.close();
  await server?.close();
});

test('the standalone page downloads the circular as .docx, with the chart and the saved 下一步工作要求', async () => {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.origin}/index.html`);
  await page.getByRole('heading', { level: 1, name: '持证进度助手' }).waitFor();
  await page.getByLabel('选择主表文件（.xlsx）').setInputFiles(masterPath);
  await page.getByRole('tablist', { name: '功能' }).waitFor({ timeout: 60_000 });

  await page.getByRole('tab', { name: '设置' }).click();
  const settings = page.getByRole('region', { name: '通报的“下一步工作要求”' });
  await settings.getByRole('textbox').fill('（一）本页保存的要求。请各单位按月报送。');
  await settings.getByRole('button', { name: '保存' }).click();
  await settings.getByText('已保存“下一步工作要求”，生成通报时使用。').waitFor();

  await page.getByRole('tab', { name: '概览' }).click();
  const section = page.getByRole('region', { name: '进度通报（Word）' });
  const chunk = (u: string) => /\/bulletin\.[0-9a-f]+\.js$/.test(u);
  expect(requests.some(chunk)).toBe(false);
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 120_000 }),
    section.getByRole('button', { name: '生成通报（Word）' }).click(),
  ]);
  // The circular's code came only now, as its own chunk.
  expect(requests.some(chunk)).toBe(true);
  expect(download.suggestedFilename()).toBe('2023年1月进度通报（草稿）.docx');
  const file = path.join(freshDir('chizheng-docx-'), 'bulletin.docx');
  await download.saveAs(file);
  await section.getByText(/^已生成进度通报草稿/).waitFor();

  const docx = openDocx(new Uint8Array(fs.readFileSync(file)));
  const body = bodyParagraphs(docx.xml('word/document.xml'));
  expect(body[0].replace(/\n/g, '')).toContain('关于2023年1月“人人持证、技能河南”建设工作任务进度情况的通报');
  const status = statusReport(model.table, model.ledger, 1, model.pace);
  const training = model.table.indicators[0];
  const cumulative = status.units.reduce((s, u) => s + (u.indicators[training.key].cumulative ?? 0), 0);
  expect(body.join('\n')).toContain(count(cumulative));
  const fifth = body.findIndex((p) => p.startsWith('五、'));
  expect(body[fifth + 1]).toBe('（一）本页保存的要求。请各单位按月报送。');
  // The chart: drawn on the page's canvas at twice its display size, not blank.
  const media = Object.keys(docx.files).filter((f) => f.startsWith('word/media/'));
  expect(media).toHaveLength(1);
  const png = docx.files[media[0]];
  expect(pngSize(png).width).toBeGreaterThan(800);
  expect(png.length).toBeGreaterThan(5000);

  expect(await cspViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
  expect(offOrigin(requests, server.origin)).toEqual([]);
  await page.close();
});
