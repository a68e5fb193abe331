import { Indicator } from '../core/indicators';
import { ReadReportsResult } from '../core/report';
import { makeFinding } from '../core/messages/findingText';
import { createBrowserEngine } from '../scan/browserEngine';
import { BrowserPdf, openBrowserPdf } from '../scan/browserPdf';
import { scanKind } from '../scan/decode';
import { OcrEngine } from '../scan/engine';
import { PdfReader } from '../scan/pdfPages';
import { readScan } from '../scan/readScan';
import { ScanPage, ScanResult } from '../scan/types';
import { scanPageViews } from '../scan/viewPages';
import { readReportFileAsync, type ReportFile } from '../workflow/merge';
import type { ReadOneResult, ScanHooks } from './readOne';

/**
 * The scan half of the report-parsing worker (a lazy chunk: OCR and pdf.js come with it). A scan is read with
 * the CLI's readReportFileAsync, so the findings are the same (SCAN_UNREADABLE, ENCRYPTED…); the OCR engine is
 * made on the first page that needs it and kept for the worker's life.
 */

/** dist/, where the worker script is: the models and pdf.js's data are fetched from there. */
const base = () => new URL('./', self.location.href).href;

let engine: Promise<OcrEngine> | null = null;

/** The engine, made once; a failed start is not kept (the next scan tries again). */
function sharedEngine(): Promise<OcrEngine> {
  engine ??= createBrowserEngine(base()).catch((e: unknown) => {
    engine = null;
    throw Object.assign(new Error(e instanceof Error ? e.message : String(e)), { name: 'EngineError' });
  });
  return engine;
}

/** The images of text-layer pages are drawn by pdf.js; OCR pages keep the straightened image they were read from. */
async function pageImages(result: ScanResult, pdf: BrowserPdf | null): Promise<Map<number, Uint8Array | null>> {
  const out = new Map<number, Uint8Array | null>();
  for (const p of result.pages) {
    out.set(p.page, p.source === 'text-layer' ? ((await pdf?.renderPng(p.page, p.width, p.height)) ?? null) : p.image());
  }
  return out;
}

export async function readScanFile(file: ReportFile, indicators: readonly Indicator[], hooks: ScanHooks): Promise<ReadOneResult> {
  let scanned: ScanResult | null = null;
  let pdf: BrowserPdf | null = null;
  let engineError: { stage: 'load' | 'run'; error: Error } | null = null;
  const failed = (stage: 'load' | 'run') => (error: Error) => {
    engineError = { stage, error };
    // a runtime that failed mid-run (out of wasm memory…) is not trusted again: the next scan starts a new one
    if (stage === 'run') engine = null;
    throw error;
  };
  /**
   * The shared engine, watched: its failures are the reader's, not the file's; and a cancelled read stops at the
   * next model run (the recogniser runs once per batch of lines) instead of finishing the page.
   */
  const watchedEngine = async (): Promise<OcrEngine> => {
    const e = await sharedEngine().catch(failed('load'));
    const guard = <T>(run: () => Promise<T>): Promise<T> =>
      hooks.signal?.aborted ? Promise.reject(Object.assign(new Error('aborted'), { name: 'AbortError' })) : run().catch(failed('run'));
    return {
      alphabet: e.alphabet,
      detect: (t) => guard(() => e.detect(t)),
      recognize: (t) => guard(() => e.recognize(t)),
      dispose: () => e.dispose(),
    };
  };
  const pdfReader: PdfReader = async (bytes, signal) => {
    pdf = await openBrowserPdf(bytes, base(), signal);
    return pdf.pages;
  };
  // A photo will need OCR: the models load while it is decoded and cleaned (a failure here is met again, and
  // reported, when the reader asks for the engine).
  const kind = scanKind(file.bytes);
  if (kind === 'png' || kind === 'jpeg') sharedEngine().catch(() => undefined);
  try {
    const result: ReadReportsResult = await readReportFileAsync(file, indicators, async (name, bytes, inds) => {
      scanned = await readScan(name, bytes, {
        indicators: inds,
        engine: watchedEngine,
        pdf: pdfReader,
        onProgress: hooks.onProgress,
        signal: hooks.signal,
      });
      return scanned;
    });
    if (engineError) {
      // Not the file's fault: say the reader failed, not that the scan has no form.
      const { stage, error } = engineError as { stage: 'load' | 'run'; error: Error };
      const detail = `${stage === 'load' ? '文字识别组件未能加载' : '文字识别中途出错'}（${error.message}）`;
      return {
        result: {
          reports: [],
          failures: [
            {
              file: file.name,
              sheet: null,
              sha256: result.failures[0]?.sha256 ?? '',
              finding: makeFinding('UNREADABLE', { file: file.name, reason: 'readError', detail }, null, null),
            },
          ],
        },
      };
    }
    if (!scanned) return { result };
    const done: ScanResult = scanned;
    const images = await pageImages(done, pdf);
    return { result, scanPages: scanPageViews({ ...done, name: file.name }, (p: ScanPage) => images.get(p.page) ?? null) };
  } finally {
    await (pdf as BrowserPdf | null)?.close();
  }
}
