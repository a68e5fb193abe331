/*
 * The standalone page and the task pane page in a real browser (Debian chromium + playwright-core), against
 * the built dist/: a coordinator's month, compared with the CLI on the same master, and read back headless.
 * Every page runs under its Content-Security-Policy without a violation, and the policies are shown to be enforced
 * (docs/csp.md; the policies themselves are checked in test/security/csp.test.ts).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { BrowserContext, Page, chromium } from 'playwright-core';

import { ledgersEqual } from '../../src/core/ledger';
import { StatusReport } from '../../src/core/status';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { sampleSet } from '../../src/samples/sampleReports';
import { readWorkbook } from '../../src/workbook/adapters/xlsxRead';
import { MasterModel } from '../../src/workbook/model';
import { readMaster } from '../../src/workbook/readMaster';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  CLI_MAIN,
  CspViolation,
  DIST,
  StaticServer,
  cspViolations,
  ensureCli,
  ensureDist,
  freshDir,
  offOrigin,
  recordCspConsole,
  recordCspViolations,
  recordRequests,
  screenshots,
  serveStatic,
  waitForCspViolations,
} from './harness';

jest.setTimeout(240_000);

const set = sampleSet({ months: [1] });
const units = embeddedQuota2023().units;
const nameOf = (id: number) => units.find((u) => u.id === id)!.name;
/** The unit the unknown report (豫西职业技能培训中心) is assigned to, and the one typed in by hand. */
const [ALIAS_UNIT, MANUAL_UNIT] = set.missing[1];
const UNKNOWN_NAME = '豫西职业技能培训中心';

let server: StaticServer;
let context: BrowserContext;
let requests: string[];
let reportDir: string;
let reportPaths: string[];
const timings: string[] = [];

function time<T>(label: string, started: number, value: T): T {
  timings.push(`${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return value;
}

beforeAll(async () => {
  const t0 = Date.now();
  ensureDist((m) => process.stderr.write(`${m}\n`));
  ensureCli();
  time('build check', t0, null);
  reportDir = freshDir('chizheng-reports-');
  reportPaths = set.files.map((f) => {
    const p = path.join(reportDir, f.name);
    fs.writeFileSync(p, f.bytes);
    return p;
  });
  server = await serveStatic(DIST);
  context = await chromium.launchPersistentContext(freshDir('chizheng-chromium-'), {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  requests = recordRequests(context);
  await recordCspViolations(context);
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (reportDir) fs.rmSync(reportDir, { recursive: true, force: true });
  process.stderr.write(`browser test timings:\n  ${timings.join('\n  ')}\n`);
});

async function counts(page: Page): Promise<Record<'ok' | 'amber' | 'red' | 'none' | 'missing', number>> {
  const read = async (key: string) => {
    const text = await page.locator(`#panel-overview [data-count="${key}"] dd`).textContent();
    return Number.parseInt(text ?? '', 10);
  };
  return { ok: await read('ok'), amber: await read('amber'), red: await read('red'), none: await read('none'), missing: await read('missing') };
}

async function download(page: Page, dir: string, name: string): Promise<Uint8Array> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载主表' }).click()]);
  expect(dl.suggestedFilename()).toBe('持证进度主表-2023.xlsx');
  const file = path.join(dir, name);
  await dl.saveAs(file);
  return new Uint8Array(fs.readFileSync(file));
}

function cliStatus(file: string): StatusReport {
  return JSON.parse(execFileSync(process.execPath, [CLI_MAIN, 'status', file, '--json'], { encoding: 'utf8' })) as StatusReport;
}

function cliCounts(report: StatusReport) {
  const by = (s: string) => report.units.filter((u) => u.status === s).length;
  return { ok: by('ok'), amber: by('amber'), red: by('red'), none: by('none'), missing: report.missing.length };
}

function readBack(bytes: Uint8Array): MasterModel {
  return readMaster(readWorkbook(bytes)).model;
}

async function chooseUnit(page: Page, comboboxName: string | RegExp, unitId: number) {
  const combo = page.getByRole('combobox', { name: comboboxName });
  await combo.click();
  await combo.fill(nameOf(unitId));
  await page.getByRole('option', { name: `${unitId} ${nameOf(unitId)}`, exact: true }).click();
}

async function selectTab(page: Page, name: string) {
  await page.getByRole('tab', { name }).click();
  await expect(page.getByRole('tab', { name, selected: true }).count()).resolves.toBe(1);
}

async function mergeMonthOne(page: Page): Promise<{ merged: number; rejected: number }> {
  await selectTab(page, '导入与合并');
  await page.getByRole('combobox', { name: '合并月份' }).selectOption('1');
  await page.getByLabel('选择报表文件').setInputFiles(reportPaths);
  await page.getByTestId('plan-summary').waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: '本月合并（1月）' }).click();
  const result = page.getByTestId('merge-result');
  await result.waitFor({ timeout: 60_000 });
  const n = async (key: string) => Number(await result.locator(`[data-result="${key}"] dd`).textContent());
  return { merged: await n('merged'), rejected: await n('rejected') };
}

test('a coordinator’s month in the standalone page: create, import, merge, compare with the CLI, enter by hand, undo, merge again, download', async () => {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const refusals = recordCspConsole(page);
  const dir = freshDir('chizheng-downloads-');
  let t = Date.now();

  await page.goto(`${server.origin}/index.html`);
  await page.getByRole('heading', { level: 1, name: '持证进度助手' }).waitFor();
  await expect(page.getByRole('region', { name: '2023 年度任务' }).isVisible()).resolves.toBe(true);
  await screenshots(page, 'welcome');

  // 新建主表 (the embedded 2023 table)
  await page.getByRole('button', { name: '新建主表' }).click();
  await page.getByRole('tab', { name: '概览', selected: true }).waitFor();
  await expect(page.getByText('已新建主表“持证进度主表-2023.xlsx”').isVisible()).resolves.toBe(true);
  time('open + new master', t, null);

  // The keyboard reaches the screens: arrows move along the tabs, Enter opens one
  await page.getByRole('tab', { name: '概览' }).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await page.getByRole('tab', { name: '导入与合并', selected: true }).waitFor();
  await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toContain('导入与合并');

  // Import: every month-1 sample report, read in the worker, checked before merging
  t = Date.now();
  await selectTab(page, '导入与合并');
  await expect(page.getByRole('combobox', { name: '合并月份' }).inputValue()).resolves.toBe('1'); // 截至月份 0 + 1
  await page.getByLabel('选择报表文件').setInputFiles(reportPaths);
  const summary = page.getByTestId('plan-summary');
  await summary.waitFor({ timeout: 60_000 });
  time(`read ${reportPaths.length} files`, t, null);
  await expect(page.evaluate(() => document.documentElement.dataset.reportParser)).resolves.toBe('worker');
  // the heading counts files as they are read: wait for the whole folder rather than sampling it once
  await page.getByRole('heading', { name: `待合并的文件（${set.files.length} 个）` }).waitFor({ timeout: 60_000 });

  const scan = set.files.find((f) => f.traits.includes('scan-pdf'))!;
  const scanRow = page.getByRole('listitem', { name: `${scan.name}：不能合并` });
  // the worker reads scans (issue #14): the stand-in scan has no form on it, as the CLI finds too
  await expect(scanRow.locator('[data-code="SCAN_UNREADABLE"]').textContent()).resolves.toContain('手工录入');
  // Cell addresses come with the findings
  const late = set.files.find((f) => f.traits.includes('late') && f.forms.length === 1)!;
  await expect(
    page
      .getByRole('listitem', { name: `${late.name}：可合并（有警告）` })
      .locator('[data-code="LATE"]')
      .textContent(),
  ).resolves.toMatch(/^[^A-Z]*[A-Z]+\d+ 单元格[^A-Z]*$/); // the cell, named once (in the message, so no chip repeats it)

  // Assign the unrecognised report to a unit: 别名表 + re-plan
  const unknown = set.files.find((f) => f.traits.includes('unknown-unit'))!;
  await expect(page.getByRole('listitem', { name: `${unknown.name}：不能合并` }).count()).resolves.toBe(1);
  await chooseUnit(page, `为“${UNKNOWN_NAME}”指定单位`, ALIAS_UNIT);
  await page.getByText(`已在别名表中登记：“${UNKNOWN_NAME}”即${nameOf(ALIAS_UNIT)}`).waitFor();
  await page.getByRole('listitem', { name: new RegExp(`^${unknown.name.replace(/[.()]/g, '\\$&')}：可合并`) }).waitFor();
  const planned = (await summary.textContent())!;
  const [ready, warned, rejected] = planned.match(/\d+/g)!.map(Number);
  expect(ready + warned + rejected).toBeGreaterThanOrEqual(set.files.length);
  await screenshots(page, 'import', 1400);

  // 本月合并 with progress, then the result
  t = Date.now();
  await page.getByRole('button', { name: '本月合并（1月）' }).click();
  const result = page.getByTestId('merge-result');
  await result.waitFor({ timeout: 60_000 });
  time('merge', t, null);
  const resultCount = async (key: string) => Number(await result.locator(`[data-result="${key}"] dd`).textContent());
  expect(await resultCount('merged')).toBe(ready + warned); // the dry run said so
  expect(await resultCount('rejected')).toBe(rejected);
  // Still missing: the units that sent nothing (less the one the alias brought in) and those that sent only a scan.
  const scanned = set.files.filter((f) => f.traits.includes('scan-pdf') || f.traits.includes('scan-png')).flatMap((f) => f.unitIds);
  const stillMissing = new Set([...set.missing[1], ...scanned].filter((id) => id !== ALIAS_UNIT));
  expect(await resultCount('missing')).toBe(stillMissing.size);
  await screenshots(page, 'merge-result');

  // Overview = CLI status --json on the same master
  await selectTab(page, '概览');
  await expect(page.getByRole('combobox', { name: '截至月份' }).inputValue()).resolves.toBe('1');
  const afterMerge = await download(page, dir, 'after-merge.xlsx');
  const cli = cliStatus(path.join(dir, 'after-merge.xlsx'));
  expect(cli.month).toBe(1);
  const shown = await counts(page);
  expect(shown).toEqual(cliCounts(cli));
  expect(shown.ok + shown.amber + shown.red).toBeGreaterThan(150);
  const behind = page.getByRole('list', { name: '进度落后的单位（按差距排序）' }).getByRole('listitem');
  expect(await behind.count()).toBe(shown.amber + shown.red);
  await expect(page.getByRole('img', { name: /各类别培训任务完成率与应达进度/ }).count()).resolves.toBe(1);
  await screenshots(page, 'overview');

  // 手工录入: one missing unit typed from a scan
  await selectTab(page, '手工录入');
  await chooseUnit(page, /^单位/, MANUAL_UNIT);
  const quota = units.find((u) => u.id === MANUAL_UNIT)!.quota;
  await expect(page.getByRole('textbox', { name: '培训任务（人次） 年度任务' }).inputValue()).resolves.toBe(String(quota.training));
  await page.getByRole('textbox', { name: '培训任务（人次） 当月完成' }).fill('1,200');
  await page.getByRole('textbox', { name: '培训任务（人次） 累计已完成' }).fill('1200');
  await page.getByLabel('填报时间').fill('2023-01-28');
  await screenshots(page, 'manual');
  await page.getByRole('button', { name: '检查并合并' }).click();
  await page.getByText(`已合并${nameOf(MANUAL_UNIT)} 1 月数据（来源：手工录入）。`).waitFor();
  await selectTab(page, '概览');
  expect((await counts(page)).missing).toBe(shown.missing - 1);

  // 撤销合并 undoes the hand-typed one, after asking
  await selectTab(page, '导入与合并');
  await page.getByRole('button', { name: '撤销合并' }).click();
  const confirm = page.getByRole('dialog', { name: '撤销 1 月的合并？' });
  await expect(confirm.textContent()).resolves.toMatch(/恢复 1 个单位合并前的数据，截至月份恢复为 1 月/);
  await confirm.getByRole('button', { name: '撤销这次合并' }).click();
  await page.getByText(/已撤销 .* 的 1 月合并，恢复了 1 个单位合并前的数据/).waitFor();
  await selectTab(page, '概览');
  expect(await counts(page)).toEqual(shown);

  // The same files merged again change nothing
  const again = await mergeMonthOne(page);
  expect(again.merged).toBe(ready + warned);

  // 催报: the list as text on the clipboard
  await selectTab(page, '催报');
  await page.getByText(`${shown.missing} 个单位未报送`).waitFor();
  await page.getByRole('button', { name: '复制催报名单' }).click();
  await page.getByText('已复制到剪贴板。').waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('2023年1月“人人持证、技能河南”进度月报尚未报送的单位（报送截止：1月30日）');
  expect(copied).toContain(nameOf(MANUAL_UNIT));
  expect(copied).not.toContain(nameOf(ALIAS_UNIT));
  await screenshots(page, 'remind');

  // 设置: a bad pace is refused with what to fix; the alias is listed
  await selectTab(page, '设置');
  await page.getByRole('textbox', { name: '3月应达（%）' }).fill('abc');
  await page.getByRole('button', { name: '保存进度设置' }).click();
  await page.getByText('3月应达（%）“abc”不是数字。').waitFor();
  await page.getByRole('textbox', { name: '3月应达（%）' }).fill('10');
  await page.getByRole('button', { name: '保存进度设置' }).click();
  await page.getByText('3月的应达进度低于2月：累计进度不能减少。').waitFor();
  await page.getByRole('button', { name: '恢复线性（每月 1/12）' }).click();
  await expect(page.getByRole('table', { name: '别名表' }).getByRole('cell', { name: UNKNOWN_NAME }).count()).resolves.toBe(1);
  await screenshots(page, 'settings');

  // Download and read back headless: the same ledger as after the first merge, the alias, the log
  const final = readBack(await download(page, dir, 'final.xlsx'));
  const first = readBack(afterMerge);
  expect(final.month).toBe(1);
  expect(ledgersEqual(final.ledger, first.ledger)).toBe(true);
  expect(final.ledger.has(MANUAL_UNIT)).toBe(false);
  expect(final.ledger.has(ALIAS_UNIT)).toBe(true);
  expect(final.aliases).toEqual([{ alias: UNKNOWN_NAME, unitId: ALIAS_UNIT, note: '在导入列表中指定' }]);
  expect(final.pace.curve[2]).toBeCloseTo(0.25, 12); // the refused edits were not saved
  const operations = final.log.map((row) => row[1]);
  expect(operations).toContain('撤销');
  expect(final.log.some((row) => row[3] === '手工录入')).toBe(true);
  expect(final.undoStack).toHaveLength(2); // the two file merges
  expect(cliCounts(cliStatus(path.join(dir, 'final.xlsx')))).toEqual(shown);

  // English
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('tab', { name: 'Overview' }).click();
  await page.getByRole('tab', { name: 'Overview', selected: true }).waitFor();
  await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en-US');
  await screenshots(page, 'overview-en');
  await page.getByRole('button', { name: '中文' }).click();

  expect(errors).toEqual([]);
  expect(offOrigin(requests, server.origin)).toEqual([]);
  // The whole month ran under the page's CSP (worker, downloads, clipboard, Fluent's styles) without a violation.
  expect(await cspViolations(page)).toEqual([]);
  expect(refusals).toEqual([]);
  fs.rmSync(dir, { recursive: true, force: true });
  await page.close();
});

test('taskpane.html outside Office (office.js unreachable) points to index.html within 5 s', async () => {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const refusals = recordCspConsole(page);
  const outside: string[] = [];
  // office.js comes from Microsoft's CDN: refuse it as an offline machine would, and note it.
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${server.origin}/`)) return route.continue();
    outside.push(url);
    return route.abort('internetdisconnected');
  });
  const t0 = Date.now();
  await page.goto(`${server.origin}/taskpane.html`, { waitUntil: 'commit' });
  const link = page.getByRole('link', { name: '独立网页（index.html）' });
  await link.waitFor({ timeout: 5000 });
  time('taskpane notice', t0, null);
  expect(Date.now() - t0).toBeLessThan(5000);
  await expect(link.getAttribute('href')).resolves.toBe('index.html');
  await expect(page.getByText('未能加载 Office.js').isVisible()).resolves.toBe(true);
  // The app still works on an in-page master.
  await expect(page.getByRole('button', { name: '新建主表' }).isEnabled()).resolves.toBe(true);
  expect(outside).toEqual(['https://appsforoffice.microsoft.com/lib/1/hosted/office.js']);
  await screenshots(page, 'taskpane-outside-office');
  expect(errors).toEqual([]);
  // The network refused office.js, not the CSP.
  expect(await cspViolations(page)).toEqual([]);
  expect(refusals).toEqual([]);
  await page.close();
});

test('index.html opened from disk (file://): comes up, creates a master and reads reports on the page thread', async () => {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const refusals = recordCspConsole(page);
  await page.goto(`file://${path.join(DIST, 'index.html')}`);
  await page.getByRole('button', { name: '新建主表' }).click();
  await page.getByRole('tab', { name: '概览', selected: true }).waitFor({ timeout: 30_000 });
  await selectTab(page, '导入与合并');
  await page.getByLabel('选择报表文件').setInputFiles(reportPaths.slice(0, 12));
  await page.getByTestId('plan-summary').waitFor({ timeout: 30_000 });
  // Chromium refuses a Worker from a file:// page; the fallback read the files in slices.
  await expect(page.evaluate(() => document.documentElement.dataset.reportParser)).resolves.toBe('main');
  await expect(page.getByRole('heading', { name: '待合并的文件（12 个）' }).isVisible()).resolves.toBe(true);
  await page.getByRole('button', { name: '本月合并（1月）' }).click();
  await page.getByTestId('merge-result').waitFor({ timeout: 30_000 });
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载主表' }).click()]);
  expect(dl.suggestedFilename()).toBe('持证进度主表-2023.xlsx');
  expect(errors).toEqual([]);
  // On file:// the CSP is in force too (its 'self' is the page's folder): no violation, the worker was refused
  // by the browser's file:// rule, not by the policy.
  expect(await cspViolations(page)).toEqual([]);
  expect(refusals).toEqual([]);
  // …and it is enforced there: an injected inline script does not run.
  await expect(page.evaluate(injectInlineScript)).resolves.toBe(false);
  expect(summary(await waitForCspViolations(page, 1))).toEqual(['script-src-elem inline']);
  await page.close();
});

const OFFICE_CDN = 'https://appsforoffice.microsoft.com';
const OFFICE_JS = `${OFFICE_CDN}/lib/1/hosted/office.js`;

/** "directive blocked" for each violation, sorted: what a test compares. */
function summary(violations: readonly CspViolation[]): string[] {
  return violations.map((v) => `${v.directive} ${v.blocked}`).sort();
}

/** Refused URLs and inline scripts the console said nothing about (Chromium logs no message for a caught EvalError). */
function unlogged(violations: readonly CspViolation[], console: readonly string[]): string[] {
  return violations
    .filter((v) => v.blocked !== 'eval')
    .map((v) => (v.blocked === 'inline' ? 'inline script' : v.blocked))
    .filter((what) => !console.some((m) => m.includes(what)));
}

/** "url error" for each request of the page that failed. */
function recordFailedRequests(page: Page): string[] {
  const failed: string[] = [];
  page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
  return failed;
}

/** Runs in the page: adds an inline <script>; true when it ran. */
function injectInlineScript(): boolean {
  const s = document.createElement('script');
  s.textContent = 'window.__inlineRan = true';
  document.head.append(s);
  return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
}

/** Runs in the page: adds <script src=url>; resolves 'loaded' or 'error'. */
function injectScript(url: string): Promise<string> {
  return new Promise((resolve) => {
    const s = document.createElement('script');
    s.src = url;
    s.onload = () => resolve('loaded');
    s.onerror = () => resolve('error');
    document.head.append(s);
  });
}

/**
 * A script that tries to build code from strings. page.evaluate itself is exempt from the page's CSP, so the
 * attempt must come from a script the page loaded: this one is served at a URL the tested policy allows.
 */
const EVAL_PROBE = `(function () {
  var r = {};
  try { r.eval = String(eval('1 + 1')); } catch (e) { r.eval = e.name; }
  try { r.newFunction = String(new Function('return 2')()); } catch (e) { r.newFunction = e.name; }
  window.__evalProbe = r;
})();`;

test('index.html enforces its CSP: its own scripts run; inline script, eval, other origins (even office.js), fetch and images elsewhere are refused', async () => {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const refusals = recordCspConsole(page);
  const failed = recordFailedRequests(page);
  const outside: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    // A script of this site (allowed by 'self') that tries eval and new Function.
    if (url === `${server.origin}/csp-probe.js`) return route.fulfill({ contentType: 'text/javascript', body: EVAL_PROBE });
    if (url.startsWith(`${server.origin}/`)) return route.continue();
    outside.push(url); // never reached the network: this machine has none, and the test must not call out
    return route.abort('internetdisconnected');
  });
  await page.goto(`${server.origin}/index.html`);
  await page.getByRole('button', { name: '新建主表' }).waitFor();
  expect(await cspViolations(page)).toEqual([]);

  await expect(page.evaluate(injectScript, `${server.origin}/csp-probe.js`)).resolves.toBe('loaded');
  await expect(page.evaluate(() => (window as unknown as { __evalProbe: unknown }).__evalProbe)).resolves.toEqual({
    eval: 'EvalError',
    newFunction: 'EvalError',
  });
  await expect(page.evaluate(injectInlineScript)).resolves.toBe(false);
  await expect(page.evaluate(injectScript, OFFICE_JS)).resolves.toBe('error');
  await expect(page.evaluate(injectScript, 'https://example.com/x.js')).resolves.toBe('error');
  await expect(
    page.evaluate(() =>
      fetch('https://example.com/upload', { method: 'POST', body: 'x' }).then(
        () => 'sent',
        () => 'refused',
      ),
    ),
  ).resolves.toBe('refused');
  await expect(
    page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const img = new Image();
          img.onload = () => resolve('loaded');
          img.onerror = () => resolve('error');
          img.src = 'https://example.com/pixel.png';
        }),
    ),
  ).resolves.toBe('error');

  const expected = [
    'connect-src https://example.com/upload',
    'img-src https://example.com/pixel.png',
    'script-src eval',
    'script-src eval',
    `script-src-elem ${OFFICE_JS}`,
    'script-src-elem https://example.com/x.js',
    'script-src-elem inline',
  ];
  const violations = await waitForCspViolations(page, expected.length);
  expect(summary(violations)).toEqual(expected);
  expect(unlogged(violations, refusals)).toEqual([]);
  // Refused by the policy before the network: the route saw none of them, Chromium failed them with the reason "csp".
  expect(outside).toEqual([]);
  expect(failed.filter((f) => !f.startsWith(server.origin)).sort()).toEqual(
    [OFFICE_JS, 'https://example.com/pixel.png', 'https://example.com/x.js'].map((u) => `${u} csp`).sort(),
  );
  expect(errors).toEqual([]);
  await page.close();
});

/**
 * Stands in for Microsoft's CDN, which this machine cannot reach. Like the real office.js it loads its
 * host-specific file from its own folder, and it tries what office.js must not need: eval, new Function, and a
 * telemetry post to Aria (office.js sends those directly from Excel on the web).
 */
const OFFICE_STUB: Record<string, string> = {
  'office.js': `(function () {
  window.__officeStub = ['office.js'];
  var s = document.createElement('script');
  s.src = '${OFFICE_CDN}/lib/1/hosted/excel-web-16.00.js';
  document.head.appendChild(s);
  ${EVAL_PROBE}
  window.__officeTelemetry = 'pending';
  fetch('https://browser.pipe.aria.microsoft.com/Collector/3.0/', { method: 'POST', body: '{}' }).then(
    function () { window.__officeTelemetry = 'sent'; },
    function () { window.__officeTelemetry = 'refused'; });
  window.Office = { onReady: function () { return Promise.resolve({ host: null, platform: null }); } };
})();`,
  'excel-web-16.00.js': `window.__officeStub.push('excel-web-16.00.js');`,
};

test('taskpane.html enforces its CSP: office.js and the scripts it loads from the CDN run; eval, other origins and telemetry posts are refused', async () => {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const refusals = recordCspConsole(page);
  const failed = recordFailedRequests(page);
  const served: string[] = [];
  const outside: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${server.origin}/`)) return route.continue();
    const stub = url.startsWith(`${OFFICE_CDN}/lib/1/hosted/`) ? OFFICE_STUB[url.slice(url.lastIndexOf('/') + 1)] : undefined;
    if (stub !== undefined) {
      served.push(url);
      return route.fulfill({ contentType: 'text/javascript', body: stub });
    }
    outside.push(url);
    return route.abort('internetdisconnected');
  });
  await page.goto(`${server.origin}/taskpane.html`);
  // Office.onReady said "not in Excel": the pane comes up with the notice.
  await page.getByRole('link', { name: '独立网页（index.html）' }).waitFor({ timeout: 10_000 });
  await expect(page.getByRole('button', { name: '新建主表' }).isEnabled()).resolves.toBe(true);

  // The CDN's scripts ran, including the one office.js added itself.
  expect(served).toEqual([OFFICE_JS, `${OFFICE_CDN}/lib/1/hosted/excel-web-16.00.js`]);
  await expect(page.evaluate(() => (window as unknown as { __officeStub: string[] }).__officeStub)).resolves.toEqual(['office.js', 'excel-web-16.00.js']);
  // …but even a script from the allowed CDN cannot eval or post telemetry.
  await expect(page.evaluate(() => (window as unknown as { __evalProbe: unknown }).__evalProbe)).resolves.toEqual({
    eval: 'EvalError',
    newFunction: 'EvalError',
  });
  await page.waitForFunction(() => (window as unknown as { __officeTelemetry: string }).__officeTelemetry !== 'pending');
  await expect(page.evaluate(() => (window as unknown as { __officeTelemetry: string }).__officeTelemetry)).resolves.toBe('refused');
  // Another origin's script and inline script are refused.
  await expect(page.evaluate(injectScript, 'https://example.com/x.js')).resolves.toBe('error');
  await expect(page.evaluate(injectInlineScript)).resolves.toBe(false);

  const expected = [
    'connect-src https://browser.pipe.aria.microsoft.com/Collector/3.0/',
    'script-src eval',
    'script-src eval',
    'script-src-elem https://example.com/x.js',
    'script-src-elem inline',
  ];
  const violations = await waitForCspViolations(page, expected.length);
  expect(summary(violations)).toEqual(expected);
  expect(violations.filter((v) => v.directive === 'script-src').map((v) => v.source)).toEqual([OFFICE_JS, OFFICE_JS]);
  expect(unlogged(violations, refusals)).toEqual([]);
  // The CSP refused them before the network: the route saw no request for example.com or Aria.
  expect(outside).toEqual([]);
  expect(failed).toEqual(['https://example.com/x.js csp']);
  expect(errors).toEqual([]);
  await page.close();
});
