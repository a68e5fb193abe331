/**
 * The web build carries the pages' platform (src/platform/browser.ts): webpack.config.js resolves ./node to
 * ./browser, so no bundle asks for a Node built-in (a page cannot load node:zlib or node:crypto).
 */
import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { initialJs } from '../../src/bench/initialJs';
import { DIST, ensureDist } from '../browser/harness';

beforeAll(() => ensureDist(), 600_000);

const bundles = () => readdirSync(DIST).filter((f) => f.endsWith('.js'));

test('no bundle requires a node: module or uses what only src/platform/node.ts calls (SheetJS itself names zlib functions)', () => {
  expect(bundles().length).toBeGreaterThan(0);
  for (const file of bundles()) {
    const js = readFileSync(join(DIST, file), 'utf8');
    // onnxruntime-web (the scan reader's lazy ocr-runtime chunk) names node:os in a branch for Node only, behind
    // `typeof navigator > "u"` and a `typeof require` check: never reached in a page (numThreads is set first).
    const allowed = file.startsWith('ocr-runtime.') ? ['"node:os"'] : [];
    expect({ file, node: (js.match(/["']node:[a-z_/]+["']/g) ?? []).filter((m) => !allowed.includes(m)) }).toEqual({ file, node: [] });
    expect({ file, calls: js.match(/isUtf8|maxOutputLength/g) ?? [] }).toEqual({ file, calls: [] });
  }
});

/** Production source maps are written outside dist/ (not deployed): webpack.config.js SOURCE_MAP_DIR. */
const MAPS = join(__dirname, '../../build/sourcemaps');

test('the pages read with the browser platform: its modules are in the source maps, the Node one is not', () => {
  const maps = readdirSync(MAPS).filter((f) => f.endsWith('.js.map'));
  expect(maps.length).toBeGreaterThan(0);
  expect(readdirSync(DIST).filter((f) => f.endsWith('.map'))).toEqual([]);
  const sources = maps.flatMap((f) => (JSON.parse(readFileSync(join(MAPS, f), 'utf8')) as { sources: string[] }).sources);
  expect(sources.some((s) => s.endsWith('src/platform/browser.ts'))).toBe(true);
  expect(sources.filter((s) => s.endsWith('src/platform/node.ts'))).toEqual([]);
});

/**
 * Strings only SheetJS's own code carries (its ZIP reader's error, its HTML export's title): the bundle that holds
 * them is SheetJS. Issue #15: it is loaded when a report, a pasted sheet or an in-page master is read, never at start.
 */
const SHEETJS_MARKERS = ['Unsupported ZIP encryption', 'SheetJS Table Export'];
const hasSheetJs = (file: string) => {
  const js = readFileSync(join(DIST, file), 'utf8');
  return SHEETJS_MARKERS.some((m) => js.includes(m));
};

test('SheetJS is in a lazily loaded chunk, in none of the files either page loads at start (Excel, outside Excel, index.html)', () => {
  // The markers do find SheetJS: it is in the build, once, in a chunk of its own.
  expect(bundles().filter(hasSheetJs)).toHaveLength(1);
  const loads = initialJs(DIST, join(__dirname, '../../build/web-chunks.json'));
  expect(loads.map((l) => l.page).sort()).toEqual(['index.html', 'taskpane.html', 'taskpane.html']);
  for (const load of loads) {
    expect(load.scripts.length).toBeGreaterThan(0);
    expect({ scenario: load.scenario, sheetJs: load.scripts.map((s) => s.file).filter(hasSheetJs) }).toEqual({ scenario: load.scenario, sheetJs: [] });
  }
});
