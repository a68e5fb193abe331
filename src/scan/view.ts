import { ScanField } from '../core/scanTrust';
import { Box } from './raster';

/**
 * What the 核对扫描件 view needs of one page of a scan, as plain cloneable data (it crosses from the reading
 * Web Worker to the page): the page image the boxes refer to and where every number sits on it. The values
 * themselves travel in the report (ParsedReport.scan); a view is matched to its report by file and sheet.
 */
export interface ScanPageView {
  /** The report file's name, as in ParsedReport.file. */
  file: string;
  /** As in ParsedReport.sheet (第N页). */
  sheet: string;
  page: number;
  source: 'text-layer' | 'ocr';
  /** Pixels of `png`; boxes are in these pixels. */
  width: number;
  height: number;
  /** The page, straightened as read (PNG); for a text-layer PDF page rendered by pdf.js; null when it could not be drawn. */
  png: Uint8Array | null;
  unitName: Box | null;
  date: Box | null;
  /** Per indicator key, per field: where the number was read (null when no box: a "—" or a blank cell found by position). */
  cells: Record<string, Record<ScanField, Box | null>>;
}
