import { readFileSync } from 'fs';
import { join } from 'path';
import * as jpeg from 'jpeg-js';
import { nodePdfReader } from '../../src/scan/nodePdf';
import { imagePdf } from '../helpers/scanDegrade';

/**
 * The reader takes text runs and the largest image of each page from pdf.js, never renders: pdf.js must not
 * load @napi-rs/canvas (a 25 MiB native module) for it, and the image still comes out whole and upright.
 */

const read = nodePdfReader();

/** Native modules the whole process has loaded (worker threads share it): a loaded .node stays loaded. */
function nativeModules(): string[] {
  const report = process.report.getReport() as unknown as { sharedObjects: string[] };
  return report.sharedObjects.filter((f) => f.endsWith('.node'));
}

test('reading a scanned PDF loads no @napi-rs/canvas in the worker, and its page image comes out', async () => {
  const bytes = new Uint8Array(readFileSync(join(__dirname, '../../seeds/sample-scans/2023-01-unit-21.pdf')));
  const pages = await read(bytes);
  expect(pages).toHaveLength(1);
  expect(pages[0].image?.pixels).toMatchObject({ width: 1654, height: 2339 });
  expect(pages[0].image?.pixels.data.length).toBe(1654 * 2339 * 4);
  expect(nativeModules().filter((f) => /napi-rs|canvas|skia/i.test(f))).toEqual([]);
}, 300_000);

test('an image-only PDF gives its image, pixel for pixel where JPEG keeps them, the right way up', async () => {
  const W = 320;
  const H = 200;
  const rgba = new Uint8Array(W * H * 4);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) rgba.set([x < W / 2 ? 250 : 10, y < H / 2 ? 250 : 10, 128, 255], (y * W + x) * 4);
  const jpg = new Uint8Array(jpeg.encode({ data: rgba, width: W, height: H }, 95).data);
  const pages = await read(imagePdf(jpg, W, H, 150));
  const image = pages[0].image;
  expect(image?.pixels).toMatchObject({ width: W, height: H });
  expect(image?.w).toBeCloseTo((W * 72) / 150, 1);
  const at = (x: number, y: number) => Array.from(image!.pixels.data.subarray((y * W + x) * 4, (y * W + x) * 4 + 3));
  const near = (got: number[], want: number[]) => got.every((v, i) => Math.abs(v - want[i]) < 12);
  expect(
    [at(40, 40), at(280, 40), at(40, 160), at(280, 160)].map((p, i) =>
      near(
        p,
        [
          [250, 250, 128],
          [10, 250, 128],
          [250, 10, 128],
          [10, 10, 128],
        ][i],
      ),
    ),
  ).toEqual([true, true, true, true]);
}, 300_000);
