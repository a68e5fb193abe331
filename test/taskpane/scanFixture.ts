import type { Indicator } from '../../src/core/indicators';
import type { Unit } from '../../src/core/units';
import { sha256Hex } from '../../src/reports/readReports';
import { encodePng } from '../../src/scan/png';
import type { Box } from '../../src/scan/raster';
import { scanReports } from '../../src/scan/toReport';
import type { ScanFigures, ScanPage, ScanResult, ScanValue } from '../../src/scan/types';
import { scanPageViews } from '../../src/scan/viewPages';
import type { ParsedFile, ParseProgress, ReportParser } from '../../src/taskpane/reportParser';
import { abortError } from '../../src/taskpane/reportParser';
import type { ReportFile } from '../../src/workflow/merge';

/**
 * A scan as the reader gives it (ScanResult, made here as plain data: the numbers, their confidence and boxes on a
 * page image), turned into what the page gets from its worker by the project's own code (scanReports,
 * scanPageViews). The numbers are one unit's January form, with the misreadings a test asks for.
 */

export interface ScanForm {
  unit: Unit;
  /** Per indicator key: what the unit wrote (monthly = cumulative in January). */
  truth: Record<string, { annual: number | null; cumulative: number | null }>;
  /** Per "key.field": the text the reader saw instead of the truth, and its confidence. */
  misread?: Record<string, { text: string; confidence?: number }>;
}

const W = 600;
const H = 400;
const box = (row: number, col: number): Box => ({ x: 200 + col * 90, y: 120 + row * 50, w: 70, h: 30 });

/** A page image with a dark mark in every number's box (so crops have something to show). */
function pageImage(rows: number): Uint8Array {
  const data = new Uint8Array(W * H * 4).fill(255);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < 4; c++) {
      const b = box(r, c);
      for (let y = b.y + 10; y < b.y + 20; y++) for (let x = b.x + 10; x < b.x + 60; x++) data.set([20, 20, 20, 255], (y * W + x) * 4);
    }
  return encodePng({ width: W, height: H, data });
}

const rateText = (cum: number, annual: number) => `${((cum / annual) * 100).toFixed(2)}%`;

export function scanResultOf(name: string, indicators: readonly Indicator[], form: ScanForm): ScanResult {
  const png = pageImage(indicators.length);
  const figures: Record<string, ScanFigures> = {};
  indicators.forEach((ind, row) => {
    const t = form.truth[ind.key];
    const texts = {
      annual: t.annual === null ? '—' : String(t.annual),
      monthly: t.cumulative === null ? '—' : String(t.cumulative),
      cumulative: t.cumulative === null ? '—' : String(t.cumulative),
      rate: t.annual === null || t.cumulative === null ? '—' : rateText(t.cumulative, t.annual),
    };
    const value = (field: keyof typeof texts, col: number): ScanValue => {
      const wrong = form.misread?.[`${ind.key}.${field}`];
      const text = wrong?.text ?? texts[field];
      const dash = text === '—';
      const n = field === 'rate' ? Number(text.replace('%', '')) / 100 : Number(text.replace(/,/g, ''));
      return {
        text,
        confidence: wrong?.confidence ?? 0.99,
        box: box(row, col),
        value: dash || !Number.isFinite(n) ? null : n,
        how: dash ? 'dash' : 'ocr',
        ...(!dash && !Number.isFinite(n) ? { problem: 'NOT_A_NUMBER' as const } : {}),
      };
    };
    figures[ind.key] = { annual: value('annual', 0), monthly: value('monthly', 1), cumulative: value('cumulative', 2), rate: value('rate', 3) };
  });
  const page: ScanPage = {
    page: 1,
    source: 'ocr',
    found: true,
    width: W,
    height: H,
    skewDegrees: 0,
    unitName: { text: form.unit.name, confidence: 0.98, box: { x: 150, y: 40, w: 240, h: 30 } },
    date: { text: '2023年1月28日', confidence: 0.97, box: { x: 400, y: 350, w: 150, h: 30 }, date: { year: 2023, month: 1, day: 28 } },
    code: null,
    indicators: figures,
    labels: {},
    image: () => png,
  };
  return { name, kind: 'png', pages: [page] };
}

/** What the worker sends the page for a scan file: its reports and its page views. */
export function parsedScan(file: ReportFile, indicators: readonly Indicator[], form: ScanForm): ParsedFile {
  const result = scanResultOf(file.name, indicators, form);
  return { ...scanReports(result, sha256Hex(file.bytes), indicators), scanPages: scanPageViews(result) };
}

/** A PNG's first bytes (what makes the list read a file as a scan) and some content. */
export function scanBytes(seed: string): Uint8Array {
  return new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new TextEncoder().encode(seed)]);
}

/**
 * A parser as the page's worker behaves for scans: progress per page and stage, then the result; aborting the
 * signal rejects with AbortError. `hold(name)` keeps a file from finishing until `release(name)`.
 */
export function fakeScanParser(answer: (file: ReportFile, indicators: readonly Indicator[]) => ParsedFile) {
  const held = new Map<string, () => void>();
  const holding = new Set<string>();
  const calls: string[] = [];
  const parser: ReportParser = {
    mode: () => 'worker',
    async parse(files, indicators, onProgress?: (p: ParseProgress) => void, signal?: AbortSignal) {
      const out: ParsedFile[] = [];
      for (let index = 0; index < files.length; index++) {
        const file = files[index];
        calls.push(file.name);
        if (signal?.aborted) throw abortError();
        onProgress?.({ done: index, total: files.length, file: { index, name: file.name, page: 1, pages: 1, stage: 'recognize' } });
        if (holding.has(file.name)) {
          await new Promise<void>((resolve, reject) => {
            held.set(file.name, resolve);
            signal?.addEventListener('abort', () => reject(abortError()));
          });
        }
        out.push(answer(file, indicators));
        onProgress?.({ done: index + 1, total: files.length });
      }
      return out;
    },
  };
  return {
    parser,
    calls,
    hold: (name: string) => holding.add(name),
    release: (name: string) => {
      holding.delete(name);
      held.get(name)?.();
    },
  };
}
