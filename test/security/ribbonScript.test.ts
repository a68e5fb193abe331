/*
 * The ribbon script of dist/taskpane.html in real Chromium, office.js stubbed (Microsoft's CDN is unreachable here):
 * it runs while the page is still being parsed, before any React bundle, and associates both ribbon actions; a
 * click delivered at that moment (what Office does when a ribbon button starts the shared runtime) waits for
 * Office.onReady and the command code, then runs and completes its event exactly once, under the page's CSP.
 * Also: what the built ribbon chunk is made of (its source map in build/sourcemaps/).
 */
import * as fs from 'fs';
import * as path from 'path';
import { BrowserContext, Page, chromium } from 'playwright-core';

import { CHROMIUM, CHROMIUM_ARGS, DIST, ROOT, StaticServer, cspViolations, ensureDist, freshDir, recordCspViolations, serveStatic } from '../browser/harness';

jest.setTimeout(240_000);

const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/** A moment the stub records: what had been parsed and run when it happened. */
interface Moment {
  what: string;
  readyState: DocumentReadyState;
  /** src of every <script> the parser had reached. */
  scripts: string[];
  /** The page's #root element existed (the body had been parsed). */
  root: boolean;
  /** Webpack chunks pushed so far (the ribbon script holds the runtime: the rest push into its array). */
  chunks: number;
}

/**
 * office.js stand-in. Office.onReady answers "Excel" `readyAfterMs` after the first association. With
 * `clickAtOnce`, it delivers a 本月合并 click the moment that action is associated, as Office does for the click
 * that started the runtime.
 * No Excel global: the command runs into the missing-host path, which must still complete the event.
 */
function officeStub(options: { readyAfterMs: number; clickAtOnce: boolean }): string {
  return `(function () {
  var log = window.__moments = [];
  function moment(what) {
    var chunks = self.webpackChunkchizheng_jindu_zhushou;
    log.push({
      what: what,
      readyState: document.readyState,
      scripts: Array.prototype.map.call(document.getElementsByTagName('script'), function (s) { return s.getAttribute('src'); }),
      root: !!document.getElementById('root'),
      chunks: chunks ? chunks.length : 0
    });
  }
  window.__completed = [];
  var handlers = {};
  // Office gets ready readyAfterMs after the first association (so a click at association comes first, however
  // slowly the machine loads the page).
  var becomeReady;
  var ready = new Promise(function (resolve) { becomeReady = resolve; });
  var readyTimer = null;
  function startReadyTimer() {
    if (readyTimer === null) readyTimer = setTimeout(function () { moment('Office ready'); becomeReady({ host: 'Excel', platform: 'PC' }); }, ${options.readyAfterMs});
  }
  window.Office = {
    onReady: function () { return ready; },
    actions: {
      associate: function (id, fn) {
        handlers[id] = fn;
        moment('associate ' + id);
        startReadyTimer();
        if (${options.clickAtOnce} && id === 'mergeMonth') window.__click('mergeMonth');
      }
    },
    addin: { showAsTaskpane: function () { moment('showAsTaskpane'); return Promise.resolve(); } },
    context: { displayLanguage: 'zh-CN', requirements: { isSetSupported: function () { return true; } } }
  };
  window.__click = function (id) {
    moment('click ' + id);
    handlers[id]({ source: { id: id }, completed: function () { moment('completed ' + id); window.__completed.push(id); } });
  };
})();`;
}

let server: StaticServer;
let context: BrowserContext;

beforeAll(async () => {
  ensureDist((m) => process.stderr.write(`${m}\n`));
  server = await serveStatic(DIST);
  context = await chromium.launchPersistentContext(freshDir('chizheng-ribbon-'), {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    locale: 'zh-CN',
  });
  await recordCspViolations(context);
});

afterAll(async () => {
  await context?.close();
  await server?.close();
});

async function openPane(stub: string): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${server.origin}/`)) return route.continue();
    if (url === OFFICE_JS) return route.fulfill({ contentType: 'text/javascript', body: stub });
    return route.abort('internetdisconnected');
  });
  await page.goto(`${server.origin}/taskpane.html`, { waitUntil: 'commit' });
  return { page, requests, errors };
}

const moments = (page: Page) => page.evaluate(() => (window as unknown as { __moments: Moment[] }).__moments);
const completed = (page: Page) => page.evaluate(() => (window as unknown as { __completed: string[] }).__completed);
const file = (url: string) => url.slice(url.lastIndexOf('/') + 1);

test('both actions are associated while the page is parsed, before any React bundle has loaded or run', async () => {
  const { page, errors } = await openPane(officeStub({ readyAfterMs: 100, clickAtOnce: false }));
  await page.waitForFunction(() => document.querySelector('#root [role="tablist"], #root h1') !== null, null, { timeout: 30_000 });
  const all = await moments(page);
  const associated = all.filter((m) => m.what.startsWith('associate '));
  expect(associated.map((m) => m.what)).toEqual(['associate mergeMonth', 'associate undoMerge']);
  for (const m of associated) {
    expect(m.readyState).toBe('loading');
    // The parser had reached office.js and the ribbon script only: the deferred React bundles were not even
    // in the document yet, the body not parsed, and no other webpack chunk had run.
    expect(m.scripts.map((s) => (s === OFFICE_JS ? 'office.js' : s.replace(/\.[0-9a-f]{8}\.js$/, '.js')))).toEqual(['office.js', 'ribbon.js']);
    expect(m.root).toBe(false);
    expect(m.chunks).toBe(0); // the ribbon chunk holds the runtime and pushes nothing; every other chunk does
  }
  // The page then came up as usual: the deferred bundles were added after, and their chunks ran.
  const scripts = await page.evaluate(() => [...document.scripts].map((s) => s.defer));
  expect(scripts.slice(2).length).toBeGreaterThan(2);
  expect(scripts.slice(2).every(Boolean)).toBe(true);
  await expect(
    page.evaluate(() => (self as unknown as { webpackChunkchizheng_jindu_zhushou: unknown[] }).webpackChunkchizheng_jindu_zhushou.length),
  ).resolves.toBeGreaterThan(2);
  expect(await cspViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});

test('a click at the moment of association waits for Office.onReady and the command code, then completes once', async () => {
  const { page, requests, errors } = await openPane(officeStub({ readyAfterMs: 1500, clickAtOnce: true }));
  await page.waitForFunction(() => (window as unknown as { __completed: string[] }).__completed.length > 0, null, { timeout: 60_000 });
  // Long enough for a second completed() to show up if there were one.
  await page.waitForTimeout(500);
  expect(await completed(page)).toEqual(['mergeMonth']);
  const all = await moments(page);
  const at = (what: string) => all.findIndex((m) => m.what === what);
  expect(all[at('click mergeMonth')].readyState).toBe('loading');
  // Waited for Office, then loaded and ran the command: no Excel here, so the command reports the error and asks
  // for the task pane (showAsTaskpane) before it completes.
  expect(at('click mergeMonth')).toBeLessThan(at('Office ready'));
  expect(at('Office ready')).toBeLessThan(at('showAsTaskpane'));
  expect(at('showAsTaskpane')).toBeLessThan(at('completed mergeMonth'));
  // The command code is a lazy chunk of this site, loaded under the page's CSP.
  const loaded = requests.map(file);
  expect(loaded.some((f) => /^commands\.[0-9a-f]{8}\.js$/.test(f))).toBe(true);
  expect(await cspViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});

test('a later click reuses the loaded code; undoMerge completes once too', async () => {
  const { page } = await openPane(officeStub({ readyAfterMs: 50, clickAtOnce: false }));
  await page.waitForFunction(() => document.readyState === 'complete');
  await page.evaluate(() => (window as unknown as { __click(id: string): void }).__click('undoMerge'));
  await page.evaluate(() => (window as unknown as { __click(id: string): void }).__click('mergeMonth'));
  await page.waitForFunction(() => (window as unknown as { __completed: string[] }).__completed.length >= 2, null, { timeout: 60_000 });
  await page.waitForTimeout(500);
  expect((await completed(page)).sort()).toEqual(['mergeMonth', 'undoMerge']);
  expect(await cspViolations(page)).toEqual([]);
  await page.close();
});

describe('the built ribbon chunk', () => {
  const ribbonFile = () => fs.readdirSync(DIST).find((f) => /^ribbon\.[0-9a-f]{8}\.js$/.test(f))!;

  test('holds the webpack runtime and src/commands/{ribbon,earlyActions}.ts only: no React, Fluent UI, SheetJS or ExcelJS', () => {
    const map = JSON.parse(fs.readFileSync(path.join(ROOT, 'build/sourcemaps', `${ribbonFile()}.map`), 'utf8')) as { sources: string[] };
    const ours = map.sources.filter((s) => !/\/webpack\/(bootstrap|runtime\/)/.test(s));
    expect(ours.map((s) => s.replace(/^webpack:\/\/[^/]+\//, '')).sort()).toEqual(['./src/commands/earlyActions.ts', './src/commands/ribbon.ts']);
  });

  test('is small (under 8 KB) and names no UI or workbook library', () => {
    const code = fs.readFileSync(path.join(DIST, ribbonFile()), 'utf8');
    expect(code.length).toBeLessThan(8 * 1024);
    for (const marker of ['react', 'fluent', 'SheetJS', 'xlsx', 'exceljs']) expect(code.toLowerCase().includes(marker.toLowerCase()) ? marker : '').toBe('');
  });
});
