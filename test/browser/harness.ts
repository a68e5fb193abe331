/*
 * Real-browser test harness: the built dist/ served by a tiny static server on 127.0.0.1, Debian's chromium
 * driven by playwright-core, screenshots saved under test-artifacts/ (every run), to docs/screenshots/ on request.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import type { BrowserContext, Page } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '../..');
export const DIST = path.join(ROOT, 'dist');
export const CLI_MAIN = path.join(ROOT, 'build/cli/src/cli/main.js');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts/browser');
export const DOC_SHOTS = path.join(ROOT, 'docs/screenshots');

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

function newestMtime(entries: string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) visit(path.join(p, e));
    else newest = Math.max(newest, st.mtimeMs);
  };
  entries.forEach((e) => visit(path.join(ROOT, e)));
  return newest;
}

function mtime(p: string): number {
  try {
    return fs.statSync(p).mtimeMs;
  } catch {
    return 0;
  }
}

const WEB_INPUTS = ['src', 'seeds', 'assets', 'manifest.xml', 'webpack.config.js', 'tsconfig.json', 'package-lock.json'];

/**
 * The web build the tests load. `npm test` builds it first (npm run build); run alone, the test builds it
 * when dist/ is missing or older than its sources.
 */
export function ensureDist(log: (m: string) => void = () => undefined): void {
  const built = mtime(path.join(DIST, 'index.html'));
  // CHIZHENG_USE_DIST=1: test whatever dist/ holds (e.g. right after `npm run build`, while sources are edited).
  if (built > 0 && process.env.CHIZHENG_USE_DIST === '1') return;
  if (built >= newestMtime(WEB_INPUTS)) return;
  log('dist/ is missing or stale: npx webpack --mode production');
  execFileSync(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'production'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** The compiled CLI (npm run build:cli), built when missing or older than src/. */
export function ensureCli(): void {
  if (mtime(CLI_MAIN) >= newestMtime(['src', 'seeds', 'tsconfig.cli.json'])) return;
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.cli.json'], { cwd: ROOT, stdio: 'inherit' });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves dir on http://127.0.0.1:<free port>/ (GET only, no directory listings). */
export function serveStatic(dir: string): Promise<StaticServer> {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = path.resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
    if (req.method !== 'GET' || !file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        origin: `http://127.0.0.1:${port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

export function freshDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Screenshots of the page at 320 px and 1280 px wide (the top of the page, at most `maxHeight` px: small PNGs),
 * into test-artifacts/browser/, and into docs/screenshots/ with UPDATE_SCREENSHOTS=1 (so a test run leaves the
 * repository's documentation alone). Leaves the viewport at 1280 px.
 */
export async function screenshots(page: Page, name: string, maxHeight = 1200): Promise<string[]> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const updateDocs = process.env.UPDATE_SCREENSHOTS === '1';
  const out: string[] = [];
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: width === 320 ? 640 : 800 });
    // Let ResizeObserver redraw the chart at the new width.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    const file = path.join(ARTIFACTS, `${name}-${width}.png`);
    await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width, height: Math.min(height, maxHeight) } });
    if (updateDocs) fs.copyFileSync(file, path.join(DOC_SHOTS, `${name}-${width}.png`));
    out.push(file);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  return out;
}

/** Every URL the context requests (pages and workers), to check that nothing leaves 127.0.0.1. */
export function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (r) => urls.push(r.url()));
  return urls;
}

export function offOrigin(urls: readonly string[], origin: string): string[] {
  return urls.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('blob:') && !u.startsWith('data:'));
}

/** One Content-Security-Policy violation the page reported (a securitypolicyviolation event). */
export interface CspViolation {
  /** e.g. script-src-elem, script-src (eval), connect-src, img-src */
  directive: string;
  /** the refused URL, or "inline" / "eval" */
  blocked: string;
  /** the script that made the attempt, when the browser knows it */
  source: string;
}

/**
 * Records every securitypolicyviolation of every page of the context in window.__cspViolations (from before the
 * page's first script runs). Read with cspViolations(page).
 */
export async function recordCspViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __cspViolations?: CspViolation[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__cspViolations!.push({ directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile });
    });
  });
}

export function cspViolations(page: Page): Promise<CspViolation[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations?: CspViolation[] }).__cspViolations ?? []);
}

/** Waits until the page has reported at least n violations (they arrive as events, after the refusal). */
export async function waitForCspViolations(page: Page, n: number): Promise<CspViolation[]> {
  await page.waitForFunction((count) => ((window as unknown as { __cspViolations?: unknown[] }).__cspViolations ?? []).length >= count, n, {
    timeout: 5000,
  });
  return cspViolations(page);
}

/**
 * The browser's own console messages about CSP, a second witness ("Loading the script '…' violates the following
 * Content Security Policy directive …" in Chromium 156; "Refused to load …" in older versions).
 */
export function recordCspConsole(page: Page): string[] {
  const messages: string[] = [];
  page.on('console', (m) => {
    const text = m.text();
    if (/Content Security Policy|^Refused to /.test(text)) messages.push(text);
  });
  return messages;
}
