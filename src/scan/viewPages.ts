import { ScanField } from '../core/scanTrust';
import { Box } from './raster';
import { scanSheetName } from './toReport';
import { ScanPage, ScanResult, ScanValue } from './types';
import { ScanPageView } from './view';

const FIELDS: readonly ScanField[] = ['annual', 'monthly', 'cumulative', 'rate'];

/** Where a value's ink is; none for a cell left blank (its box is only where the cell would be). */
function inkBox(v: ScanValue | undefined): Box | null {
  if (!v || v.how === 'blank' || v.how === 'missing') return null;
  return v.box.w > 0 && v.box.h > 0 ? { ...v.box } : null;
}

const boxOf = (b: Box | undefined | null): Box | null => (b && b.w > 0 && b.h > 0 ? { x: b.x, y: b.y, w: b.w, h: b.h } : null);

/** One page of a scan as the 核对扫描件 view shows it; `png` is the page image its boxes refer to (or null). */
export function scanPageView(file: string, page: ScanPage, png: Uint8Array | null): ScanPageView {
  const cells: ScanPageView['cells'] = {};
  for (const [key, figures] of Object.entries(page.indicators)) {
    const row = {} as Record<ScanField, Box | null>;
    for (const f of FIELDS) row[f] = inkBox(figures[f]);
    cells[key] = row;
  }
  return {
    file,
    sheet: scanSheetName(page.page),
    page: page.page,
    source: page.source,
    width: page.width,
    height: page.height,
    png,
    unitName: boxOf(page.unitName?.box),
    date: boxOf(page.date?.box),
    cells,
  };
}

/**
 * Every page of a scan as views, in page order (pages without a form too: the person sees what was sent).
 * `png` gives a page's image: by default the straightened image the reader kept (null for text-layer pages,
 * which the worker renders with pdf.js instead).
 */
export function scanPageViews(result: ScanResult, png: (page: ScanPage) => Uint8Array | null = (p) => p.image()): ScanPageView[] {
  return result.pages.map((p) => scanPageView(result.name, p, png(p)));
}

/** The buffers of the views' images, to transfer (not copy) them to the page. */
export function viewBuffers(views: readonly ScanPageView[]): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const v of views) if (v.png && v.png.buffer instanceof ArrayBuffer && !out.includes(v.png.buffer)) out.push(v.png.buffer);
  return out;
}
