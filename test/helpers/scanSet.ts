import { decodePng } from '../../src/scan/png';
import { DEGRADATIONS, Degradation, degrade } from './scanDegrade';
import { ScanSample, printToPdf, rasterize, scanSamples, wordBoxes } from './scanForms';

/** Test material in memory: each form as a text PDF, a clean page image, and degraded copies. */
export interface ScanCase {
  sample: ScanSample;
  pdf: Uint8Array;
  png: Uint8Array;
  degraded: Array<{ kind: Degradation; name: string; bytes: Uint8Array }>;
}

export interface ScanSetOptions {
  count: number;
  seed?: number;
  dpi?: number;
  /** Degradations per form, taken in turn from DEGRADATIONS so every kind is covered. */
  kindsPerForm?: number;
  /** Skip the degraded copies (text-layer and clean tests). */
  clean?: boolean;
}

export async function scanSet(options: ScanSetOptions): Promise<ScanCase[]> {
  const dpi = options.dpi ?? 150;
  const seed = options.seed ?? 20231201;
  const samples = await scanSamples(options.count, seed);
  const pdfs = printToPdf(samples);
  const per = options.kindsPerForm ?? 2;
  let turn = 0;
  return samples.map((sample, i) => {
    const pdf = new Uint8Array(pdfs[i]);
    const png = new Uint8Array(rasterize(pdf, dpi));
    const degraded: ScanCase['degraded'] = [];
    if (!options.clean) {
      const words = wordBoxes(pdf, dpi);
      const img = decodePng(png);
      for (let k = 0; k < per; k++) {
        const kind = DEGRADATIONS[turn++ % DEGRADATIONS.length];
        const d = degrade(img, words, kind, seed, sample.id, dpi);
        degraded.push({ kind, name: `${sample.id}-${kind}.${kind === 'pdf-image' ? 'pdf' : 'jpg'}`, bytes: d.bytes });
      }
    }
    return { sample, pdf, png, degraded };
  });
}
