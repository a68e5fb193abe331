import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';

/**
 * The demo's stamped scans: real prints of a filled template, scanned and photographed (made by
 * test/helpers/demoScans.ts with LibreOffice and kept in seeds/sample-scans/, since a fresh machine
 * running the demo has no LibreOffice). Node only. A scan is used only for the month and unit it was
 * made for; otherwise the sample set keeps its stand-in.
 */

export const PRINTED_SCANS_DIR = join('seeds', 'sample-scans');

/** Month 1: a scanner's PDF; month 2: a phone photo (JPEG). */
export function printedScanName(month: number, unitId: number): string {
  return `2023-${String(month).padStart(2, '0')}-unit-${unitId}.${month === 1 ? 'pdf' : 'jpg'}`;
}

/** The project folder holding seeds/ (the code runs from src/ under jest and from build/cli/src/ once built). */
function seedsRoot(): string | null {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, PRINTED_SCANS_DIR))) return dir;
    if (dirname(dir) === dir) return null;
  }
}

export function printedScan(month: number, unitId: number): { ext: 'pdf' | 'jpg'; bytes: Uint8Array } | null {
  const root = seedsRoot();
  if (!root) return null;
  const name = printedScanName(month, unitId);
  const path = join(root, PRINTED_SCANS_DIR, name);
  if (!existsSync(path)) return null;
  return { ext: name.endsWith('.pdf') ? 'pdf' : 'jpg', bytes: new Uint8Array(readFileSync(path)) };
}
