/** @jest-environment jsdom */
/*
 * The Content-Security-Policy of the built pages, dist/taskpane.html and dist/index.html (docs/csp.md): where the
 * <meta> sits, exactly what each page allows, no inline script, and no eval-based source maps in the bundles.
 * test/browser/standalone.test.ts checks that Chromium enforces these policies and that both pages run under them
 * without a single violation.
 */
import * as fs from 'fs';
import * as path from 'path';

import { DIST, ROOT, ensureDist } from '../browser/harness';

jest.setTimeout(240_000);

const OFFICE_CDN = 'https://appsforoffice.microsoft.com';
const OFFICE_JS = `${OFFICE_CDN}/lib/1/hosted/office.js`;
/**
 * The CDN's new origin (office-js-docs-pr #5882): allowed in the task pane although no tag names it, because the
 * old origin may redirect there and the browser checks a redirect's target against script-src.
 */
const OFFICE_CDN_NEXT = 'https://officeapis.public.onecdn.static.microsoft';
/** Where the pages are pretended to be served from, to tell this site's scripts from other origins'. */
const SITE = 'https://addin.example/chizheng/';

type Policy = Map<string, string[]>;

function parsePolicy(text: string): Policy {
  const policy: Policy = new Map();
  for (const part of text.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (!name) continue;
    const key = name.toLowerCase();
    // A browser uses the first occurrence and ignores the rest: a repeated directive is a mistake.
    if (policy.has(key)) throw new Error(`directive ${key} appears twice`);
    policy.set(key, values);
  }
  return policy;
}

const EXPECTED: Record<string, Record<string, string[]>> = {
  'taskpane.html': {
    'default-src': ["'none'"],
    'script-src': ["'self'", OFFICE_CDN, OFFICE_CDN_NEXT],
    'worker-src': ["'self'"],
    'style-src': ["'unsafe-inline'"],
    // blob: for the circular's chart (src/bulletin/canvasPng.ts: SVG → <img src="blob:…"> → canvas); no data:.
    'img-src': ["'self'", 'blob:'],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
  },
  'index.html': {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    'worker-src': ["'self'"],
    'style-src': ["'unsafe-inline'"],
    // blob: for the circular's chart (src/bulletin/canvasPng.ts: SVG → <img src="blob:…"> → canvas); no data:.
    'img-src': ["'self'", 'blob:'],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
  },
};

interface BuiltPage {
  doc: Document;
  meta: HTMLMetaElement;
  text: string;
  policy: Policy;
}

const pages = new Map<string, BuiltPage>();

beforeAll(() => {
  ensureDist((m) => process.stderr.write(`${m}\n`));
  for (const name of Object.keys(EXPECTED)) {
    const doc = new DOMParser().parseFromString(fs.readFileSync(path.join(DIST, name), 'utf8'), 'text/html');
    const metas = [...doc.querySelectorAll('meta[http-equiv]')].filter(
      (m) => m.getAttribute('http-equiv')!.trim().toLowerCase() === 'content-security-policy',
    ) as HTMLMetaElement[];
    if (metas.length !== 1) throw new Error(`${name}: ${metas.length} Content-Security-Policy <meta> elements, expected 1`);
    const text = metas[0].getAttribute('content') ?? '';
    pages.set(name, { doc, meta: metas[0], text, policy: parsePolicy(text) });
  }
});

const page = (name: string) => pages.get(name)!;

/** What every script-src must avoid: anything that lets injected or string-built code run, or any host at all. */
function unsafeScriptSources(values: readonly string[]): string[] {
  return values.filter(
    (v) =>
      /^'(unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|strict-dynamic)'$/i.test(v) ||
      /^'(nonce|sha256|sha384|sha512)-/i.test(v) ||
      v.includes('*') ||
      /^(data|blob|filesystem|http|https|ws|wss):?$/i.test(v) ||
      /^http:/i.test(v),
  );
}

describe.each(Object.keys(EXPECTED))('dist/%s', (name) => {
  test('has one CSP <meta> in <head>, after <meta charset> only, before every script, link and style', () => {
    const { doc, meta } = page(name);
    expect(meta.parentElement).toBe(doc.head);
    const before = [...doc.head.children].slice(0, [...doc.head.children].indexOf(meta));
    expect(before.map((e) => e.outerHTML)).toEqual(['<meta charset="UTF-8">']);
    const resources = [...doc.querySelectorAll('script, link, style, img, iframe, object, embed, base')];
    expect(resources.length).toBeGreaterThan(0);
    for (const el of resources) expect(meta.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // Report-only policies and the directives browsers ignore in a <meta> would give a false sense of protection.
    expect(doc.querySelectorAll('meta[http-equiv="Content-Security-Policy-Report-Only" i]')).toHaveLength(0);
  });

  test('the policy is exactly the one documented in docs/csp.md', () => {
    expect(Object.fromEntries(page(name).policy)).toEqual(EXPECTED[name]);
  });

  test("default-src 'none'; script-src without inline, eval, wildcards, schemes or nonces; workers from this site only", () => {
    const { policy } = page(name);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    const scriptSrc = policy.get('script-src')!;
    expect(scriptSrc).toContain("'self'");
    expect(unsafeScriptSources(scriptSrc)).toEqual([]);
    expect(policy.get('worker-src')).toEqual(["'self'"]);
    for (const ignoredInMeta of ['frame-ancestors', 'report-uri', 'report-to', 'sandbox']) expect(policy.has(ignoredInMeta)).toBe(false);
    // Nothing may widen what default-src 'none' refuses, except the directives listed in EXPECTED.
    for (const directive of ['connect-src', 'frame-src', 'child-src', 'font-src', 'media-src', 'object-src', 'manifest-src']) {
      expect(policy.has(directive)).toBe(false);
    }
  });

  test('no inline script, no inline event handlers, no javascript: URLs', () => {
    const { doc } = page(name);
    const scripts = [...doc.querySelectorAll('script')];
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) {
      expect(s.getAttribute('src')).toBeTruthy();
      expect(s.textContent!.trim()).toBe('');
    }
    for (const el of doc.querySelectorAll('*')) {
      for (const attr of el.attributes) {
        expect(attr.name.toLowerCase().startsWith('on') ? `${el.tagName} ${attr.name}` : '').toBe('');
        expect(/^\s*javascript:/i.test(attr.value) ? `${el.tagName} ${attr.name}=${attr.value}` : '').toBe('');
      }
    }
  });

  test('every script it loads is allowed by its own script-src, and every allowed origin is used (or is the CDN’s redirect target)', () => {
    const { doc, policy } = page(name);
    const allowed = policy.get('script-src')!;
    const used = new Set<string>();
    for (const s of doc.querySelectorAll('script[src]')) {
      const url = new URL(s.getAttribute('src')!, SITE);
      const source = url.origin === new URL(SITE).origin ? "'self'" : url.origin;
      expect(allowed).toContain(source);
      if (source !== "'self'") expect(url.protocol).toBe('https:');
      used.add(source);
    }
    if (used.has(OFFICE_CDN)) used.add(OFFICE_CDN_NEXT);
    expect([...used].sort()).toEqual([...allowed].sort());
  });
});

test('the task pane loads office.js from Microsoft’s CDN and allows that origin and its new one only; the standalone page allows only itself', () => {
  const pane = page('taskpane.html');
  const external = [...pane.doc.querySelectorAll('script[src^="https:"]')].map((s) => s.getAttribute('src'));
  expect(external).toEqual([OFFICE_JS]);
  expect(pane.policy.get('script-src')).toEqual(["'self'", OFFICE_CDN, OFFICE_CDN_NEXT]);
  const standalone = page('index.html');
  expect(standalone.doc.querySelectorAll('script[src*="//"]')).toHaveLength(0);
  expect(standalone.policy.get('script-src')).toEqual(["'self'"]);
});

describe('script order of dist/taskpane.html (the shared runtime’s page, also its FunctionFile)', () => {
  const scripts = () => [...page('taskpane.html').doc.querySelectorAll('script')];
  const blocking = (s: Element) => !s.hasAttribute('defer') && !s.hasAttribute('async') && s.getAttribute('type') !== 'module';

  test('office.js first, then the ribbon script, both blocking; then only deferred bundles', () => {
    const all = scripts();
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(all[0].getAttribute('src')).toBe(OFFICE_JS);
    expect(all[1].getAttribute('src')).toMatch(/^ribbon\.[0-9a-f]{8}\.js$/);
    expect(all.slice(0, 2).map(blocking)).toEqual([true, true]);
    expect(all.slice(2).map((s) => [s.getAttribute('src'), blocking(s)])).toEqual(all.slice(2).map((s) => [s.getAttribute('src'), false]));
    // The task pane's own entry is among the deferred ones (the React bundles run after the ribbon script).
    expect(all.slice(2).some((s) => /^taskpane\.[0-9a-f]{8}\.js$/.test(s.getAttribute('src')!))).toBe(true);
  });

  test('the standalone page has no blocking script and no ribbon script', () => {
    const all = [...page('index.html').doc.querySelectorAll('script')];
    expect(all.filter((s) => blocking(s))).toEqual([]);
    expect(all.some((s) => /ribbon/.test(s.getAttribute('src')!))).toBe(false);
  });
});

describe('the built JavaScript', () => {
  const bundles = () => fs.readdirSync(DIST).filter((f) => f.endsWith('.js'));

  test('no source map in dist/ and no sourceMappingURL (issue #15); no eval-wrapped module either', () => {
    const files = bundles();
    // Entries, shared chunks, lazy chunks and the worker.
    expect(files.length).toBeGreaterThanOrEqual(6);
    expect(files.some((f) => f.startsWith('report-parser.'))).toBe(true);
    expect(fs.readdirSync(DIST).filter((f) => f.endsWith('.map'))).toEqual([]);
    for (const file of files) {
      const code = fs.readFileSync(path.join(DIST, file), 'utf8');
      // eval devtools put every module into eval("…//# sourceURL=webpack://…"); real source maps never do.
      expect(code.includes('//# sourceURL=') ? file : '').toBe('');
      expect(/[#@] sourceMappingURL=/.test(code) ? file : '').toBe('');
    }
  });

  test('every bundle has its source map in build/sourcemaps/ (for reading stack traces), with real sources', () => {
    const maps = path.join(ROOT, 'build/sourcemaps');
    for (const file of bundles()) {
      const map = JSON.parse(fs.readFileSync(path.join(maps, `${file}.map`), 'utf8')) as { version: number; sources: string[] };
      expect(map.version).toBe(3);
      expect(map.sources.length).toBeGreaterThan(0);
    }
  });

  test('every html page in dist/ is one of the two checked here', () => {
    expect(
      fs
        .readdirSync(DIST)
        .filter((f) => f.endsWith('.html'))
        .sort(),
    ).toEqual(Object.keys(EXPECTED).sort());
  });
});

describe('webpack.config.js', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const webpackConfig = require(path.join(ROOT, 'webpack.config.js')) as ((env: object, argv: object) => Promise<{ devtool: unknown }>) & {
    devServerPolicy(policy: string): string;
  };

  test.each(['production', 'development'])('%s mode uses no eval devtool (the policies have no unsafe-eval)', async (mode) => {
    const config = await webpackConfig({}, { mode });
    expect(typeof config.devtool).toBe('string');
    expect(config.devtool).not.toMatch(/eval/);
  });

  test('production maps are hidden (no sourceMappingURL) and written outside dist/', async () => {
    const config = (await webpackConfig({}, { mode: 'production' })) as unknown as { devtool: string; output: { path: string; sourceMapFilename: string } };
    expect(config.devtool).toBe('hidden-source-map');
    const target = path.resolve(config.output.path, config.output.sourceMapFilename.replace('[file]', 'x.js'));
    expect(target).toBe(path.join(ROOT, 'build/sourcemaps/x.js.map'));
    expect(path.relative(DIST, target).startsWith('..')).toBe(true);
  });

  test.each(Object.keys(EXPECTED))("the dev server serves %s with connect-src 'self' added and nothing else changed", (name) => {
    const { text, policy } = page(name);
    const dev = parsePolicy(webpackConfig.devServerPolicy(text));
    expect(dev.get('connect-src')).toEqual(["'self'"]);
    dev.delete('connect-src');
    expect(dev).toEqual(policy);
    expect(() => webpackConfig.devServerPolicy(`${text}; connect-src *`)).toThrow(/connect-src/);
  });
});
