/*
 * @slow — scans read in a real browser: the built report-parsing Web Worker of the standalone page (dist/), in
 * headless Chromium, reads a phone photo of a form (OCR, onnxruntime-web on one wasm thread) and a text-layer
 * PDF (pdf.js in the worker), and the numbers it reads equal the truth the forms were printed from. Everything
 * it fetches comes from the page's own origin, and only once a scan is read. Prints seconds per page and the
 * browser's peak memory (renderer processes' RSS) for the report.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { Browser, Page, chromium } from 'playwright-core';

import type { Indicator } from '../../src/core/indicators';
import type { ParsedReport, ReadReportsResult } from '../../src/core/report';
import { rngFor } from '../../src/samples/prng';
import { scanPng } from '../../src/samples/scans';
import { NodeScanner } from '../../src/scan/nodeScan';
import { decodePng } from '../../src/scan/png';
import { readReportFileAsync } from '../../src/workflow/merge';
import { INDICATORS } from '../helpers/table2023';
import type { ScanPageView } from '../../src/scan/view';
import type { ParseResponse } from '../../src/worker/protocol';
import { degrade } from '../helpers/scanDegrade';
import { ScanSample, printToPdf, rasterize, scanSamples, wordBoxes } from '../helpers/scanForms';
import { CHROMIUM, CHROMIUM_ARGS, DIST, ROOT, StaticServer, ensureDist, offOrigin, recordRequests, serveStatic } from './harness';

jest.setTimeout(600_000);

interface Material {
  sample: ScanSample;
  photo: Uint8Array;
  pdf: Uint8Array;
}

let server: StaticServer;
let browser: Browser;
let page: Page;
let requests: string[];
let material: Material;
let workerUrl: string;

const DPI = 150;

function indicatorsOf(sample: ScanSample): Indicator[] {
  return sample.labels.map((l) => ({ key: l.key, label: l.label, unit: '', parent: null, shortLabel: l.label }));
}

/** The report-parsing worker's script, as the build recorded it (the entry chunk of the "report-parser" group). */
function reportParserScript(): string {
  const record = JSON.parse(fs.readFileSync(path.join(ROOT, 'build/web-chunks.json'), 'utf8')) as { chunkGroups: Record<string, string[]> };
  const files = record.chunkGroups['report-parser'];
  return files[files.length - 1];
}

/** Peak RSS (MB) of Chromium's renderer processes, sampled while `run` runs. */
async function peakRendererRss<T>(run: () => Promise<T>): Promise<{ value: T; peakMb: number; baseMb: number }> {
  const sample = () => {
    try {
      const out = execFileSync('ps', ['-C', path.basename(fs.realpathSync(CHROMIUM)), '-o', 'rss=,args='], { encoding: 'utf8' });
      return out
        .split('\n')
        .filter((l) => l.includes('--type=renderer'))
        .reduce((kb, l) => kb + Number(l.trim().split(/\s+/)[0]), 0);
    } catch {
      return 0;
    }
  };
  const baseKb = sample();
  let peakKb = baseKb;
  const timer = setInterval(() => (peakKb = Math.max(peakKb, sample())), 250);
  try {
    const value = await run();
    return { value, peakMb: Math.round(peakKb / 1024), baseMb: Math.round(baseKb / 1024) };
  } finally {
    clearInterval(timer);
  }
}

interface FileOut {
  result: ReadReportsResult;
  scanPages?: ScanPageView[];
  ms?: number;
}

interface WorkerRun {
  files: FileOut[];
  progress: Array<{ index: number; page: number; pages: number; stage: string; at: number }>;
}

/** Sends one parse request to a fresh report-parsing worker in the page and collects its answers. */
function readInWorker(p: Page, script: string, files: Array<{ name: string; bytes: Uint8Array }>, indicators: Indicator[]): Promise<WorkerRun> {
  const payload = files.map((f) => ({ name: f.name, b64: Buffer.from(f.bytes).toString('base64') }));
  return p.evaluate(
    ({ script, payload, indicators }) =>
      new Promise<WorkerRun>((resolve, reject) => {
        const files = payload.map((f) => ({ name: f.name, bytes: Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0)) }));
        const worker = new Worker(script, { name: 'report-parser' });
        const out: WorkerRun = { files: [], progress: [] };
        let answered = 0;
        const t0 = performance.now();
        worker.onerror = (e) => reject(new Error(`worker error: ${e.message}`));
        worker.onmessage = (e: MessageEvent<ParseResponse>) => {
          const m = e.data;
          if (m.type === 'progress') out.progress.push({ index: m.index, page: m.page, pages: m.pages, stage: m.stage, at: performance.now() - t0 });
          else if (m.type === 'file') {
            // the PNGs are checked here (a real image the browser can decode) and sent back as sizes only
            out.files[m.index] = { result: m.result, scanPages: m.scanPages, ms: m.ms };
            answered++;
          } else if (m.type === 'error') reject(new Error(m.message));
          if (answered === files.length) {
            worker.terminate();
            resolve(out);
          }
        };
        worker.postMessage({ id: 1, files, indicators });
      }),
    { script, payload, indicators },
  );
}

const FIELDS = ['annual', 'monthly', 'cumulative', 'rate'] as const;

/** Cells whose value differs from the truth (rates: printed rounded, so within half a unit of the last digit). */
function wrongCells(report: ParsedReport, sample: ScanSample): string[] {
  const wrong: string[] = [];
  for (const { key } of sample.labels) {
    for (const f of FIELDS) {
      const got = report.figures[key]?.[f];
      const want = sample.values[key][f];
      let ok: boolean;
      if (!got) ok = false;
      else if (want === null) ok = got.value === null && !got.problem;
      else if (f !== 'rate') ok = got.value === want;
      else {
        const text = got.raw === null ? '' : String(got.raw);
        const decimals = (/\.(\d+)/.exec(text)?.[1] ?? '').length;
        const percent = /%/.test(text) || Number.parseFloat(text) > 1.5;
        const tolerance = 0.5 * 10 ** -decimals * (percent ? 0.01 : 1) + 1e-12;
        const readings = 'readings' in got ? got.readings : got.value === null ? [] : [got.value];
        ok = readings.some((r: number) => Math.abs(r - want) <= tolerance);
      }
      if (!ok) wrong.push(`${key}.${f}: ${got?.raw ?? '∅'} ≠ ${want}`);
    }
  }
  return wrong;
}

const squash = (s: string) => s.replace(/\s+/g, '');

beforeAll(async () => {
  ensureDist();
  workerUrl = reportParserScript();
  const [sample] = await scanSamples(1);
  const [pdf] = printToPdf([sample]);
  const png = rasterize(pdf, DPI);
  const photo = degrade(decodePng(new Uint8Array(png)), wordBoxes(pdf, DPI), 'photo', 20231201, sample.id, DPI).bytes;
  material = { sample, photo, pdf: new Uint8Array(pdf) };
  server = await serveStatic(DIST);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext();
  requests = recordRequests(context);
  page = await context.newPage();
  await page.goto(`${server.origin}/index.html`);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('the standalone page loads nothing of OCR or pdf.js until a scan is read', async () => {
  await page.waitForLoadState('networkidle');
  expect(requests.filter((u) => /\/(ocr|pdfjs)\/|\.wasm$|ocr-runtime|pdfjs/.test(u))).toEqual([]);
  // the models travel with their licence (Apache-2.0, PaddleOCR)
  const licence = fs.readFileSync(path.join(DIST, 'ocr/LICENSE.txt'), 'utf8');
  expect(licence).toContain('PaddleOCR');
  expect(licence).toContain('Apache License');
});

test('a photo of a form and a text-layer PDF, read in the worker: the numbers, unit and date are the truth', async () => {
  const { sample, photo, pdf } = material;
  const tiny = scanPng(rngFor(1, 'tiny-photo')); // the sample month's stand-in photo: too small to hold a form
  const files = [
    { name: `${sample.id}-photo.jpg`, bytes: photo },
    { name: `${sample.id}.pdf`, bytes: pdf },
    { name: 'tiny.png', bytes: tiny },
  ];
  const { value: run, peakMb, baseMb } = await peakRendererRss(() => readInWorker(page, workerUrl, files, indicatorsOf(sample)));
  const [photoOut, pdfOut, tinyOut] = run.files;

  for (const [label, out, source] of [
    ['photo', photoOut, 'ocr'],
    ['pdf', pdfOut, 'text-layer'],
  ] as const) {
    expect({ label, failures: out.result.failures.map((f) => f.finding.code) }).toEqual({ label, failures: [] });
    const [report] = out.result.reports;
    expect(report.scan?.source).toBe(source);
    expect({ label, wrong: wrongCells(report, sample) }).toEqual({ label, wrong: [] });
    expect(squash(report.unitName)).toBe(squash(sample.unitName));
    const d = report.date.date;
    expect(d && `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`).toBe(sample.date);
    // the confirmation view's page: a PNG of the page, boxes of every number inside it
    const view = (out.scanPages ?? []).find((v) => v.sheet === report.sheet) as ScanPageView;
    expect(view.source).toBe(source);
    expect(Array.from((view.png as Uint8Array).subarray(0, 4))).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const image = decodePng(view.png as Uint8Array);
    expect([image.width, image.height]).toEqual([view.width, view.height]);
    for (const { key } of sample.labels) {
      for (const f of FIELDS) {
        const box = view.cells[key][f];
        if (sample.values[key][f] === null) continue;
        expect(box && box.x >= 0 && box.y >= 0 && box.x + box.w <= view.width + 1 && box.y + box.h <= view.height + 1).toBe(true);
      }
    }
    expect(view.unitName).not.toBeNull();
  }
  // the same finding as the CLI for a picture too small to hold a form, without starting OCR
  expect(tinyOut.result.failures.map((f) => f.finding.code)).toEqual(['SCAN_UNREADABLE']);

  // progress: the photo's stages in order, one page of one
  const stages = run.progress.filter((p) => p.index === 0).map((p) => p.stage);
  expect(stages).toEqual(['decode', 'clean', 'detect', 'recognize', 'layout']);
  expect(run.progress.filter((p) => p.index === 1).map((p) => `${p.page}/${p.pages}:${p.stage}`)[0]).toBe('1/1:pdf');

  // only the page's own site was asked for anything
  expect(offOrigin(requests, server.origin)).toEqual([]);
  expect(requests.some((u) => u.endsWith('/ocr/ch_PP-OCRv4_rec_infer.onnx'))).toBe(true);

  // when each stage of the photo began (page clock, from the request; "detect" waits for the models on the first scan)
  const timeline = run.progress
    .filter((p) => p.index === 0)
    .map((p) => `${p.stage} ${(p.at / 1000).toFixed(1)}`)
    .join(', ');
  console.log(
    [
      `scan worker in Chromium: photo ${((photoOut.ms ?? 0) / 1000).toFixed(1)} s in the worker (first scan, models loaded; stages began at s: ${timeline}),`,
      `text-layer PDF ${((pdfOut.ms ?? 0) / 1000).toFixed(1)} s (pdf.js loaded, page drawn), tiny photo ${tinyOut.ms ?? 0} ms;`,
      `renderer processes' RSS ${baseMb} MB before, peak ${peakMb} MB`,
    ].join(' '),
  );
});

/** Posts the photo, cancels it when the reader reaches `stage`, and times the worker's 'cancelled'. */
function cancelInWorker(p: Page, script: string, photo: Uint8Array, indicators: Indicator[], stage: string): Promise<{ types: string[]; ms: number }> {
  const b64 = Buffer.from(photo).toString('base64');
  return p.evaluate(
    ({ script, b64, indicators, stage }) =>
      new Promise<{ types: string[]; ms: number }>((resolve, reject) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const worker = new Worker(script, { name: 'report-parser' });
        const types: string[] = [];
        let asked = 0;
        worker.onerror = (e) => reject(new Error(`worker error: ${e.message}`));
        worker.onmessage = (e: MessageEvent<ParseResponse>) => {
          const m = e.data;
          types.push(m.type === 'progress' ? m.stage : m.type);
          if (m.type === 'progress' && m.stage === stage && !asked) {
            asked = performance.now();
            worker.postMessage({ id: 1, type: 'cancel' });
          }
          if (m.type === 'cancelled' || m.type === 'file') {
            worker.terminate();
            resolve({ types, ms: performance.now() - asked });
          }
        };
        worker.postMessage({ id: 1, files: [{ name: 'photo.jpg', bytes }], indicators });
      }),
    { script, b64, indicators, stage },
  );
}

test('a cancelled scan stops in the worker and says so; nothing is read for it', async () => {
  const run = await cancelInWorker(page, workerUrl, material.photo, indicatorsOf(material.sample), 'clean');
  // the cancel is seen when the worker's thread is next free (cleaning and starting the models do not yield): at
  // the latest the detector is asked to run and refuses; nothing is recognised, no result is sent
  expect(run.types.slice(0, 2)).toEqual(['decode', 'clean']);
  expect(run.types[run.types.length - 1]).toBe('cancelled');
  expect(run.types.filter((t) => !['decode', 'clean', 'detect', 'cancelled'].includes(t))).toEqual([]);
  // how long the page would wait without terminating the worker (workerParser terminates it after 1.5 s)
  console.log(`cancel while cleaning (models loading): 'cancelled' ${(run.ms / 1000).toFixed(1)} s after the request`);
});

test('models that cannot be fetched: the scan is UNREADABLE with the reason, not "no form found"', async () => {
  // the same build, served without dist/ocr/
  const server2 = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = path.join(DIST, pathname);
    if (pathname.startsWith('/ocr/') || !file.startsWith(DIST + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404);
      res.end();
      return;
    }
    const type = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm' }[path.extname(file)];
    res.writeHead(200, { 'content-type': type ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server2.listen(0, '127.0.0.1', () => r()));
  const other = await browser.newPage();
  try {
    await other.goto(`http://127.0.0.1:${(server2.address() as { port: number }).port}/index.html`);
    const run = await readInWorker(other, workerUrl, [{ name: 'photo.jpg', bytes: material.photo }], indicatorsOf(material.sample));
    const [failure] = run.files[0].result.failures;
    expect(failure.finding.code).toBe('UNREADABLE');
    expect(failure.finding.message).toContain('文字识别组件未能加载');
    expect(failure.finding.message).toContain('photo.jpg');
  } finally {
    await other.close();
    await new Promise<void>((r) => server2.close(() => r()));
  }
});

test("the sample month's phone photo (seeds/sample-scans): the worker reads it as the CLI's reader does", async () => {
  const month = 2;
  const name = fs.readdirSync(path.join(ROOT, 'seeds/sample-scans')).find((f) => f.startsWith(`2023-0${month}-`) && f.endsWith('.jpg')) as string;
  const bytes = new Uint8Array(fs.readFileSync(path.join(ROOT, 'seeds/sample-scans', name)));
  const indicators = [...INDICATORS];
  // the CLI's reading: the same pipeline, onnxruntime-web's wasm on one thread in Node
  const scanner = new NodeScanner({ runtime: 'web', threads: 1 });
  let cli: ReadReportsResult;
  try {
    cli = await readReportFileAsync({ name, bytes }, indicators, (n, b, ind) => scanner.read(n, b, ind));
  } finally {
    await scanner.close();
  }
  const run = await readInWorker(page, workerUrl, [{ name, bytes }], indicators);
  const web = run.files[0].result;
  const summary = (r: ReadReportsResult) => ({
    failures: r.failures.map((f) => f.finding.code),
    reports: r.reports.map((rep) => ({
      sheet: rep.sheet,
      unit: rep.unitName,
      date: rep.date.date,
      values: Object.fromEntries(Object.entries(rep.figures).map(([k, f]) => [k, FIELDS.map((field) => f[field].value)])),
    })),
  });
  expect(summary(web)).toEqual(summary(cli));
  expect(summary(web).reports).toHaveLength(1);
  console.log(
    `sample photo ${name}: ${((run.files[0].ms ?? 0) / 1000).toFixed(1)} s in the worker; whole result identical to the CLI's: ${JSON.stringify(web) === JSON.stringify(cli)}`,
  );
});
