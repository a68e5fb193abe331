/**
 * The JavaScript each page of the web build loads before the coordinator does anything: the <script src> tags of
 * dist/taskpane.html and dist/index.html, plus the lazy chunks the task pane fetches by itself at start (the Excel
 * host in Excel, the in-page host elsewhere), raw and gzip bytes. For `npm run bench` (printed, never asserted) and
 * by hand after `npm run build`:  node build/cli/src/bench/initialJs.js [dist]
 *
 * Which files a lazy chunk needs comes from build/web-chunks.json (written by the production build); without it
 * only the HTML's own scripts are counted. office.js comes from Microsoft's CDN and is listed, not measured.
 */
import { existsSync, readFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { gzipSync } from 'zlib';

export interface ScriptSize {
  file: string;
  /** Loaded while the page is parsed (no defer/async), e.g. the ribbon script. */
  blocking: boolean;
  raw: number;
  gzip: number;
}

export interface InitialLoad {
  /** e.g. "taskpane.html in Excel". */
  scenario: string;
  page: string;
  scripts: ScriptSize[];
  /** Scripts from other origins (office.js), not measured. */
  external: string[];
  raw: number;
  gzip: number;
}

interface ChunkRecord {
  entrypoints: Record<string, string[]>;
  chunkGroups: Record<string, string[]>;
}

/** The src and blocking-ness of every <script src> of an HTML file, in document order. */
export function htmlScripts(html: string): Array<{ src: string; blocking: boolean }> {
  const out: Array<{ src: string; blocking: boolean }> = [];
  for (const [, attrs] of html.matchAll(/<script\b([^>]*)>/gi)) {
    const src = /(?:^|\s)src\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i.exec(attrs);
    if (!src) continue;
    out.push({ src: src[1] ?? src[2] ?? src[3], blocking: !/(?:^|\s)(defer|async)(?:[\s=]|$)/i.test(attrs) && !/type\s*=\s*["']?module/i.test(attrs) });
  }
  return out;
}

/** Per-file sizes; gzip at zlib's default level (what most servers use). */
function measure(dist: string, file: string, blocking: boolean): ScriptSize {
  const bytes = readFileSync(join(dist, file));
  return { file, blocking, raw: bytes.length, gzip: gzipSync(bytes).length };
}

/**
 * The initial JS of each page of `dist` (default: the project's dist/). Scenarios: index.html; taskpane.html in
 * Excel (+ the excel-host chunk group); taskpane.html outside Excel or with office.js missing (+ file-host).
 */
export function initialJs(
  dist: string = resolve(__dirname, '../../../../dist'),
  chunkList: string = join(dirname(dist), 'build/web-chunks.json'),
): InitialLoad[] {
  const record: ChunkRecord | null = existsSync(chunkList) ? (JSON.parse(readFileSync(chunkList, 'utf8')) as ChunkRecord) : null;
  const scenarios: Array<{ scenario: string; page: string; lazy: string[] }> = [
    { scenario: 'index.html (standalone page)', page: 'index.html', lazy: [] },
    { scenario: 'taskpane.html in Excel', page: 'taskpane.html', lazy: ['excel-host'] },
    { scenario: 'taskpane.html outside Excel / office.js missing', page: 'taskpane.html', lazy: ['file-host'] },
  ];
  return scenarios
    .filter((s) => existsSync(join(dist, s.page)))
    .map(({ scenario, page, lazy }) => {
      const tags = htmlScripts(readFileSync(join(dist, page), 'utf8'));
      const external = tags.filter((t) => /^[a-z]+:\/\//i.test(t.src) || t.src.startsWith('//')).map((t) => t.src);
      const seen = new Set<string>();
      const scripts: ScriptSize[] = [];
      const add = (file: string, blocking: boolean) => {
        if (seen.has(file)) return;
        seen.add(file);
        scripts.push(measure(dist, file, blocking));
      };
      for (const t of tags) if (!external.includes(t.src)) add(t.src.replace(/^\.?\//, ''), t.blocking);
      for (const group of lazy) for (const file of record?.chunkGroups[group] ?? []) add(file, false);
      return {
        scenario,
        page,
        scripts,
        external,
        raw: scripts.reduce((n, s) => n + s.raw, 0),
        gzip: scripts.reduce((n, s) => n + s.gzip, 0),
      };
    });
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

/** The report as printed lines. */
export function formatInitialJs(loads: readonly InitialLoad[]): string[] {
  const lines: string[] = [];
  for (const load of loads) {
    lines.push(
      `${load.scenario}: ${kb(load.raw)} raw, ${kb(load.gzip)} gzip in ${load.scripts.length} files${load.external.length ? ` (+ ${load.external.join(', ')}, not measured)` : ''}`,
    );
    for (const s of load.scripts) lines.push(`  ${s.file.padEnd(28)} ${kb(s.raw).padStart(10)} ${kb(s.gzip).padStart(10)}${s.blocking ? '  blocking' : ''}`);
  }
  return lines;
}

if (require.main === module) {
  const dist = process.argv[2] ? resolve(process.argv[2]) : resolve(process.cwd(), 'dist');
  const loads = initialJs(dist);
  if (loads.length === 0) {
    console.error(`No taskpane.html or index.html in ${dist}: run npm run build first.`);
    process.exit(1);
  }
  console.log(formatInitialJs(loads).join('\n'));
}
