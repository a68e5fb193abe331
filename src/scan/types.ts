import { TemplateCode } from '../core/templateCode';
import { OcrEngine } from './engine';
import { PdfReader } from './pdfPages';
import { Box } from './raster';

/** An indicator of the current task table (its key and printed label); never hard-coded in the reader. */
export interface ScanIndicator {
  key: string;
  label: string;
}

export type ScanStage = 'decode' | 'pdf' | 'clean' | 'detect' | 'recognize' | 'layout';

export interface ScanProgress {
  page: number;
  pages: number;
  stage: ScanStage;
}

export interface ScanOptions {
  indicators: readonly ScanIndicator[];
  /** The OCR engine, or a factory called only when a page has no text layer. */
  engine: OcrEngine | (() => Promise<OcrEngine>);
  /** PDF access (pdf.js in a worker thread in Node, pdf.js's own worker in a browser). */
  pdf?: PdfReader;
  onProgress?: (p: ScanProgress) => void;
  signal?: AbortSignal;
  /** Resolution that PDF text-layer pages are laid out at (page-image pixels per inch). Default 150. */
  textLayerDpi?: number;
}

/** How a value was obtained. */
export type ScanHow = 'text-layer' | 'ocr' | 'reread' | 'dash' | 'blank' | 'missing';

export interface ScanText {
  text: string;
  /** 0–1: the recogniser's probability (1 for a PDF text layer). */
  confidence: number;
  /** In page-image pixels. */
  box: Box;
}

export interface ScanValue extends ScanText {
  /** What the text means, parsed like a spreadsheet cell (parseCount / parseRate); null for blank or "—". */
  value: number | null;
  /** Rate cells: every plausible reading as a fraction (a bare "25.3" may be 25.3 % or 0.253…). */
  readings?: number[];
  problem?: 'NOT_A_NUMBER';
  how: ScanHow;
}

export interface ScanFigures {
  annual: ScanValue;
  monthly: ScanValue;
  cumulative: ScanValue;
  rate: ScanValue;
}

export interface ScanPage {
  /** 1-based page of the file. */
  page: number;
  source: 'text-layer' | 'ocr';
  /** False when no 附件2 table was found on the page (the later SCAN_UNREADABLE). */
  found: boolean;
  /** Why not, in Chinese, for a person. */
  reason?: string;
  width: number;
  height: number;
  /** Degrees the page was turned back by before reading (image pages). */
  skewDegrees: number;
  unitName: ScanText | null;
  date: (ScanText & { date: { year: number; month: number; day: number } | null }) | null;
  /** A template code printed on the page ("CZJD-2023-03-017-42"): its text and, when the check digits agree, its meaning. */
  code: (ScanText & { decoded: TemplateCode | null }) | null;
  /** Per indicator key; an indicator whose row was not found is absent. */
  indicators: Record<string, ScanFigures>;
  /** The label as read per indicator key (for the confirmation view). */
  labels: Record<string, ScanText>;
  /** The page as the boxes refer to it (straightened), PNG; null for text-layer pages (render them with pdf.js). */
  image(): Uint8Array | null;
}

export interface ScanResult {
  name: string;
  kind: 'png' | 'jpeg' | 'pdf';
  pages: ScanPage[];
}
