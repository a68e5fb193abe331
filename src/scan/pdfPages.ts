import { RgbaImage } from './raster';

/**
 * What the reader takes from one PDF page: its text runs (a PDF exported from Excel or WPS has them) and
 * its largest image, upright (a scanner's PDF is one JPEG a page). Coordinates: points, origin top-left,
 * page rotation applied. Produced by pdf.js (Node: nodePdf.ts; a browser worker: pdf.js's own worker).
 */
export interface PdfTextRun {
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PdfPage {
  /** 1-based. */
  number: number;
  widthPt: number;
  heightPt: number;
  runs: PdfTextRun[];
  /** The largest image drawn on the page, turned upright, and where it sits (points). */
  image: { pixels: RgbaImage; x: number; y: number; w: number; h: number } | null;
}

/** Reads the pages of a PDF; rejects with a message for a damaged or encrypted file. */
export type PdfReader = (bytes: Uint8Array, signal?: AbortSignal) => Promise<PdfPage[]>;
