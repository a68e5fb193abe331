/*
 * src/bench/initialJs.ts: what each page loads before the coordinator does anything. On a hand-made dist/ (exact
 * sums) and on the real build (the ribbon script is the only blocking file of ours, the Excel path adds excel-host).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { gzipSync } from 'zlib';

import { formatInitialJs, htmlScripts, initialJs } from '../../src/bench/initialJs';
import { DIST, ROOT, ensureDist } from '../browser/harness';

jest.setTimeout(240_000);

test('htmlScripts: src and blocking-ness from minified and ordinary HTML', () => {
  expect(
    htmlScripts(
      '<script src=https://cdn.example/office.js></script><script src=ribbon.1.js></script><script defer src=a.js></script>' +
        '<script src="b.js" async></script><script type="module" src=\'c.js\'></script><script>inline()</script>',
    ),
  ).toEqual([
    { src: 'https://cdn.example/office.js', blocking: true },
    { src: 'ribbon.1.js', blocking: true },
    { src: 'a.js', blocking: false },
    { src: 'b.js', blocking: false },
    { src: 'c.js', blocking: false },
  ]);
});

test('sums the HTML scripts once each, plus the lazy chunk groups of each scenario; external scripts only listed', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'chizheng-initialjs-'));
  try {
    const dist = path.join(root, 'dist');
    fs.mkdirSync(dist);
    fs.mkdirSync(path.join(root, 'build'));
    const files: Record<string, string> = {
      'ribbon.js': 'r'.repeat(100),
      'shared.js': 'var a = 1;'.repeat(300),
      'pane.js': 'p'.repeat(50),
      'page.js': 'q'.repeat(70),
      'excel.js': 'x'.repeat(40),
      'file.js': 'f'.repeat(30),
    };
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dist, name), text);
    fs.writeFileSync(
      path.join(dist, 'taskpane.html'),
      '<script src=https://cdn.example/office.js></script><script src=ribbon.js></script><script defer src=shared.js></script><script defer src=pane.js></script>',
    );
    fs.writeFileSync(path.join(dist, 'index.html'), '<script defer src=shared.js></script><script defer src=page.js></script>');
    fs.writeFileSync(
      path.join(root, 'build/web-chunks.json'),
      JSON.stringify({ entrypoints: {}, chunkGroups: { 'excel-host': ['shared.js', 'excel.js'], 'file-host': ['file.js'] } }),
    );
    const gz = (name: string) => gzipSync(Buffer.from(files[name])).length;
    const raw = (names: string[]) => names.reduce((n, f) => n + files[f].length, 0);
    const loads = initialJs(dist);
    expect(loads.map((l) => [l.scenario, l.scripts.map((s) => s.file), l.external])).toEqual([
      ['index.html (standalone page)', ['shared.js', 'page.js'], []],
      ['taskpane.html in Excel', ['ribbon.js', 'shared.js', 'pane.js', 'excel.js'], ['https://cdn.example/office.js']],
      ['taskpane.html outside Excel / office.js missing', ['ribbon.js', 'shared.js', 'pane.js', 'file.js'], ['https://cdn.example/office.js']],
    ]);
    expect(loads[1].raw).toBe(raw(['ribbon.js', 'shared.js', 'pane.js', 'excel.js']));
    expect(loads[1].gzip).toBe(['ribbon.js', 'shared.js', 'pane.js', 'excel.js'].reduce((n, f) => n + gz(f), 0));
    expect(loads[1].scripts.filter((s) => s.blocking).map((s) => s.file)).toEqual(['ribbon.js']);
    expect(formatInitialJs(loads)[0]).toMatch(/^index\.html \(standalone page\): [\d.]+ KiB raw, [\d.]+ KiB gzip in 2 files$/);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('on the real build: the ribbon script is the task pane’s only blocking file of ours, and Excel adds the excel-host chunk', () => {
  ensureDist((m) => process.stderr.write(`${m}\n`));
  const loads = initialJs(DIST, path.join(ROOT, 'build/web-chunks.json'));
  const [page, excel, outside] = loads;
  expect(page.external).toEqual([]);
  expect(page.scripts.every((s) => !s.blocking)).toBe(true);
  expect(excel.scripts.filter((s) => s.blocking).map((s) => s.file.replace(/\.[0-9a-f]{8}\.js$/, '.js'))).toEqual(['ribbon.js']);
  expect(excel.scripts.some((s) => s.file.startsWith('excel-host.'))).toBe(true);
  expect(outside.scripts.some((s) => s.file.startsWith('file-host.'))).toBe(true);
  expect(excel.scripts.some((s) => s.file.startsWith('file-host.'))).toBe(false);
  for (const load of loads) {
    expect(load.raw).toBe(load.scripts.reduce((n, s) => n + fs.statSync(path.join(DIST, s.file)).size, 0));
    expect(load.gzip).toBeLessThan(load.raw);
  }
  process.stderr.write(`${formatInitialJs(loads).join('\n')}\n`);
});
