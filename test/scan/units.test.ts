import * as jpeg from 'jpeg-js';
import { decodeImage, exifOrientation, orient, scanKind } from '../../src/scan/decode';
import { tidyNumberText } from '../../src/scan/layout';
import { bareLabel, findApprox } from '../../src/scan/match';
import { decodePng, encodePng } from '../../src/scan/png';
import { RgbaImage } from '../../src/scan/raster';
import { alphabetFromDictionary } from '../../src/scan/engine';

function gradient(w: number, h: number): RgbaImage {
  const data = new Uint8Array(w * h * 4);
  for (let i = 0; i < w * h; i++) data.set([(i * 7) % 256, (i * 13) % 256, (i * 29) % 256, 255], i * 4);
  return { width: w, height: h, data };
}

test('PNG: what we encode decodes to the same pixels (RGB and grey)', () => {
  const img = gradient(37, 11);
  expect(decodePng(encodePng(img)).data).toEqual(img.data);
  const grey = decodePng(encodePng(img, true));
  expect(grey.data[4]).toBe(img.data[4]);
  expect(grey.data[5]).toBe(img.data[4]);
});

test('file kinds are told by content', () => {
  expect(scanKind(encodePng(gradient(2, 2)))).toBe('png');
  expect(scanKind(new Uint8Array(jpeg.encode({ data: gradient(8, 8).data, width: 8, height: 8 }, 80).data))).toBe('jpeg');
  expect(scanKind(new TextEncoder().encode('%PDF-1.4\n'))).toBe('pdf');
  expect(scanKind(new TextEncoder().encode('PK\u0003\u0004'))).toBeNull();
});

test('EXIF orientation turns a phone picture upright', () => {
  const img = gradient(3, 2);
  const turned = orient(img, 6); // stored turned left: show it turned right
  expect([turned.width, turned.height]).toEqual([2, 3]);
  // top-left of the shown picture is the bottom-left of the stored one
  expect(Array.from(turned.data.subarray(0, 4))).toEqual(Array.from(img.data.subarray(12, 16)));
  expect(orient(orient(img, 3), 3).data).toEqual(img.data);
  const plain = new Uint8Array(jpeg.encode({ data: img.data, width: 3, height: 2 }, 90).data);
  expect(exifOrientation(plain)).toBe(1);
  expect(decodeImage(plain).width).toBe(3);
});

test('OCR slips in number cells are tidied, but a rate keeps its point and percent sign', () => {
  expect(tidyNumberText('5.17%')).toBe('5.17%');
  expect(tidyNumberText('l,2O5')).toBe('1,205');
  expect(tidyNumberText('一')).toBe('—');
  expect(tidyNumberText('１２３ ')).toBe('123');
  expect(tidyNumberText('约100')).toBe('约100');
});

test('labels match leniently and without their unit', () => {
  expect(bareLabel('培训任务（人次）')).toBe('培训任务');
  expect(findApprox('其中高级工及以上(人)', '其中高级工及以上')).toMatchObject({ distance: 0, start: 0, end: 8 });
  expect(findApprox('课计已完成(人次)', '累计已完成').distance).toBe(1);
  expect(findApprox('1+X证书取证人数', '取证人数')).toMatchObject({ distance: 0, start: 5, end: 9 });
});

test('the recogniser classes: blank first, the dictionary, a space last', () => {
  expect(alphabetFromDictionary('a\nb\n')).toEqual(['', 'a', 'b', ' ']);
});
