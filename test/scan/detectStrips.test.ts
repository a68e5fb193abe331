import { detectText } from '../../src/scan/detect';
import { OcrEngine, Tensor } from '../../src/scan/engine';
import { GrayImage } from '../../src/scan/raster';

/**
 * The detector runs on strips of a page (its memory grows with its input); the stitched probability map must
 * put every row back where it belongs, so a line lying across a seam is still one box. A stand-in detector whose
 * output at a pixel depends only on that pixel makes the stitched map exactly the whole-page map.
 */
function localDetector(): OcrEngine & { strips: number[][] } {
  const strips: number[][] = [];
  return {
    strips,
    alphabet: [],
    detect: async (input: Tensor) => {
      const [, , H, W] = input.dims;
      strips.push([H, W]);
      const out = new Float32Array(H * W);
      // channel 0 normalised: white ≈ 2.25, black ≈ −2.1
      for (let i = 0; i < H * W; i++) out[i] = input.data[i] < 0 ? 0.95 : 0.01;
      return { data: out, dims: [1, 1, H, W] };
    },
    recognize: () => Promise.reject(new Error('not used')),
    dispose: async () => undefined,
  };
}

const rects = [
  { x: 100, y: 100, w: 300, h: 22 },
  { x: 420, y: 948, w: 260, h: 26 }, // across the first seam (row 960)
  { x: 700, y: 1910, w: 180, h: 20 }, // across the second (row 1920)
  { x: 50, y: 1970, w: 400, h: 14 }, // in the last, short strip, above the white padding
];

function page(width: number, height: number): GrayImage {
  const data = new Uint8Array(width * height).fill(255);
  for (const r of rects) for (let y = r.y; y < Math.min(height, r.y + r.h); y++) data.fill(0, y * width + r.x, y * width + r.x + r.w);
  return { width, height, data };
}

test('a tall page is detected in bounded strips and every line, even one across a seam, is one box in its place', async () => {
  const engine = localDetector();
  const boxes = await detectText(engine, page(1400, 2000));
  expect(engine.strips.length).toBeGreaterThan(1);
  for (const [h, w] of engine.strips) {
    expect(h % 32).toBe(0);
    expect(w).toBe(1408);
    expect(h).toBeLessThanOrEqual(1088);
  }
  expect(boxes).toHaveLength(rects.length);
  for (const r of rects) {
    const b = boxes.find((box) => box.y <= r.y && box.y + box.h >= r.y + r.h && box.x <= r.x && box.x + box.w >= r.x + r.w);
    expect(b).toBeDefined();
    expect(b!.x + b!.w / 2).toBeCloseTo(r.x + r.w / 2, 5);
    expect(b!.y + b!.h / 2).toBeCloseTo(r.y + r.h / 2, 5);
  }
});

test('a page up to 1,088 rows is one run', async () => {
  const engine = localDetector();
  const boxes = await detectText(engine, page(1400, 1000));
  expect(engine.strips).toEqual([[1024, 1408]]);
  expect(boxes).toHaveLength(2); // the lines below row 1000 are not on this page
});
