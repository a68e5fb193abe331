import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { printedScan } from './printedScans';
import { SampleFile, SampleOptions, sampleSet } from './sampleReports';

/** One line of manifest.json. */
export interface ManifestEntry {
  /** Path relative to the output folder, with "/" ("1月/郑州市2023年1月进度月报.xlsx"). */
  file: string;
  month: number;
  unitId: number | null;
  unitIds: number[];
  traits: string[];
  forms: Array<{ sheet: string; unitId: number | null; unitName: string; date: string; traits: string[]; values: unknown }>;
}

export interface SampleManifest {
  year: number;
  seed: number;
  months: number[];
  files: ManifestEntry[];
  /** month → 序号 of the units that sent nothing. */
  missing: Record<number, number[]>;
}

export interface WriteSampleOptions extends SampleOptions {
  /**
   * The unit that sends only a scan sends a real one (a print of its filled template, scanned or photographed:
   * seeds/sample-scans/) where one was made for that month, instead of the stand-in. The demo does; tests of
   * spreadsheets keep the stand-ins, which need no OCR.
   */
  printedScans?: boolean;
}

function withPrintedScan(f: SampleFile): SampleFile & { printed?: true } {
  if (f.unitId === null || !f.traits.some((t) => t === 'scan-pdf' || t === 'scan-png')) return f;
  const scan = printedScan(f.month, f.unitId);
  if (!scan) return f;
  return { ...f, name: f.name.replace(/\.(pdf|png)$/, `.${scan.ext}`), bytes: scan.bytes, printed: true };
}

/**
 * Writes the sample reports under dir/<month>月/ and dir/manifest.json (file → month, unitId, traits).
 * Node only. Returns the manifest.
 */
export function writeSampleReports(dir: string, options?: WriteSampleOptions): SampleManifest {
  const set = sampleSet(options);
  const files: ManifestEntry[] = [];
  for (const month of set.months) mkdirSync(join(dir, `${month}月`), { recursive: true });
  for (const original of set.files) {
    const f = options?.printedScans ? withPrintedScan(original) : original;
    const rel = `${f.month}月/${f.name}`;
    writeFileSync(join(dir, `${f.month}月`, f.name), f.bytes);
    files.push({
      file: rel,
      month: f.month,
      unitId: f.unitId,
      unitIds: f.unitIds,
      traits: 'printed' in f ? [...f.traits, 'printed-scan'] : f.traits,
      forms: f.forms.map((x) => ({ sheet: x.sheet, unitId: x.unitId, unitName: x.unitName, date: x.date, traits: x.traits, values: x.values })),
    });
  }
  const manifest: SampleManifest = { year: set.year, seed: set.seed, months: set.months, files, missing: set.missing };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}
