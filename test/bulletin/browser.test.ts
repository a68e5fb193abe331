import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { gzipSync } from 'zlib';
import { chromium, BrowserContext } from 'playwright-core';
import webpack from 'webpack';
import { bulletinChartSvg } from '../../src/bulletin/chartSvg';
import { CHROMIUM, CHROMIUM_ARGS } from '../browser/harness';
import { bodyParagraphs, openDocx, pngSize } from './docxParts';
import { inputCity3 } from './fixture';

/**
 * The circular built in real headless Chromium, as the task pane will: the browser-safe entry bundled by webpack
 * with no Node polyfills, the chart drawn by a canvas. Also checks what the page's CSP must allow (img-src blob:).
 */

const ROOT = resolve(__dirname, '../..');
let work: string;
let bundle: string;
let context: BrowserContext;

function bundleEntry(outDir: string): Promise<void> {
  const config: webpack.Configuration = {
    mode: 'production',
    context: ROOT,
    target: 'web',
    devtool: false,
    entry: { bulletin: './test/bulletin/browserEntry.ts' },
    output: { path: outDir, filename: '[name].js' },
    resolve: { extensions: ['.ts', '.js', '.json'] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: { loader: 'ts-loader', options: { configFile: join(ROOT, 'tsconfig.json'), transpileOnly: true, compilerOptions: { module: 'esnext' } } },
        },
      ],
    },
    performance: { hints: false },
  };
  return new Promise((done, fail) =>
    webpack(config, (err, stats) => {
      if (err || !stats || stats.hasErrors()) fail(err ?? new Error(stats?.toString('errors-only')));
      else done();
    }),
  );
}

function page(policy: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${policy}">
<script defer src="bulletin.js"></script></head><body></body></html>`;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'bulletin-web-'));
  await bundleEntry(work);
  bundle = readFileSync(join(work, 'bulletin.js'), 'utf8');
  context = await chromium.launchPersistentContext(join(work, 'profile'), { executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  // Served from memory: no server, no network.
  await context.route('http://bulletin.test/**', (route) => {
    const url = new URL(route.request().url());
    if (url.pathname.endsWith('/bulletin.js')) return route.fulfill({ contentType: 'text/javascript', body: bundle });
    const strict = url.pathname.startsWith('/strict');
    const policy = `default-src 'none'; script-src 'self'; img-src 'self'${strict ? '' : ' blob:'}`;
    return route.fulfill({ contentType: 'text/html', body: page(policy) });
  });
}, 180_000);

afterAll(async () => {
  await context?.close();
  rmSync(work, { recursive: true, force: true });
});

test('the bundle carries no Node module and stays small', () => {
  expect(bundle).not.toMatch(/require\("(fs|path|os|child_process|@resvg\/resvg-js)"\)/);
  const gz = gzipSync(bundle).length;
  // Printed for docs and the report; the bound only catches a Node-only dependency or a second copy of docx.
  console.log(`bulletin bundle: ${Math.round(bundle.length / 1024)} KB, ${Math.round(gz / 1024)} KB gzipped`);
  expect(gz).toBeLessThan(200 * 1024);
});

test('Chromium builds the circular with the chart drawn on a canvas', async () => {
  const tab = await context.newPage();
  await tab.goto('http://bulletin.test/index.html');
  await tab.waitForFunction(() => 'bulletinTest' in window);
  const input = inputCity3(4);
  const base64 = await tab.evaluate(
    (inp) => (window as unknown as { bulletinTest: { build: (i: unknown) => Promise<string> } }).bulletinTest.build(inp),
    input,
  );
  const docx = openDocx(new Uint8Array(Buffer.from(base64, 'base64')));
  const body = bodyParagraphs(docx.xml('word/document.xml'));
  expect(body[0].replace(/\n/g, '')).toBe('安阳市教育局关于2023年1–4月“人人持证、技能河南”建设工作任务进度情况的通报');
  expect(body).toContain('图1 累计完成率与应达进度（截至4月底）');
  const media = Object.keys(docx.files).filter((f) => f.startsWith('word/media/'));
  expect(media).toHaveLength(1);
  const png = docx.files[media[0]];
  const chart = bulletinChartSvg(input);
  expect(pngSize(png)).toEqual({ width: chart.width * 2, height: chart.height * 2 });
  // A blank canvas compresses to a few hundred bytes; bars, labels and the legend do not.
  expect(png.length).toBeGreaterThan(5000);
  if (process.env.BULLETIN_BROWSER_PNG) writeFileSync(process.env.BULLETIN_BROWSER_PNG, png);
  await tab.close();
}, 60_000);

test('a page whose CSP forbids blob: images gets a Chinese message naming the fix', async () => {
  const tab = await context.newPage();
  await tab.goto('http://bulletin.test/strict/index.html');
  await tab.waitForFunction(() => 'bulletinTest' in window);
  const message = await tab.evaluate(async (inp) => {
    try {
      await (window as unknown as { bulletinTest: { build: (i: unknown) => Promise<string> } }).bulletinTest.build(inp);
      return 'built';
    } catch (e) {
      return (e as Error).message;
    }
  }, inputCity3(4));
  expect(message).toContain('img-src blob:');
  await tab.close();
}, 60_000);
