/** ZipPackage (src/platform/zip.ts): zips read once, parts inflated once, stored again for SheetJS. */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { ZipFormatError, ZipPackage, writeZip } from '../../src/platform/zip';

const text = (n: number) => strToU8(Array.from({ length: n }, (_, i) => `<row r="${i}">单元格 ${i}</row>`).join(''));

/** Flip one byte of the first local entry's compressed data (its CRC then no longer matches). */
function corruptData(zip: Uint8Array): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const dataStart = 30 + view.getUint16(26, true) + view.getUint16(28, true);
  out[dataStart + 10] ^= 0xff;
  return out;
}

test('every part inflates to what was zipped, deflated or stored, and stays one copy', () => {
  const files = { 'a.xml': text(3000), 'big.xml': text(40_000), 'dir/': new Uint8Array(0), 'stored.bin': [text(50), { level: 0 }] as const };
  const pkg = ZipPackage.read(zipSync(files as never, { level: 6 }));
  expect(pkg.entries.map((e) => e.name)).toEqual(['a.xml', 'big.xml', 'dir/', 'stored.bin']);
  expect(strFromU8(pkg.content(pkg.entries[1]))).toBe(strFromU8(text(40_000)));
  expect(pkg.content(pkg.entries[1])).toBe(pkg.content(pkg.entries[1])); // inflated once
  expect(strFromU8(pkg.content(pkg.entries[3]))).toBe(strFromU8(text(50)));
});

test('stored(): the same names, order and contents, uncompressed', () => {
  const files = { '[Content_Types].xml': text(10), 'xl/workbook.xml': text(200), 'xl/worksheets/sheet1.xml': text(20_000) };
  const stored = ZipPackage.read(zipSync(files, { level: 9 })).stored();
  const again = ZipPackage.read(stored);
  expect(again.entries.map((e) => [e.name, e.method])).toEqual(Object.keys(files).map((n) => [n, 0]));
  const back = unzipSync(stored);
  for (const [name, bytes] of Object.entries(files)) expect(strFromU8(back[name])).toBe(strFromU8(bytes));
});

test('stored() of a fresh package is made once, its parts views into it; after a part was read it is made anew, same bytes', () => {
  const files = { 'a.xml': text(300), 'b.xml': text(5_000) };
  const zip = zipSync(files, { level: 6 });
  const fresh = ZipPackage.read(zip);
  const first = fresh.stored();
  expect(fresh.stored()).toBe(first);
  expect(fresh.content(fresh.entries[1]).buffer).toBe(first.buffer); // no second copy of the part
  const used = ZipPackage.read(zip);
  used.content(used.entries[0]);
  const made = used.stored();
  expect(used.stored()).not.toBe(made);
  expect(Buffer.from(made).equals(Buffer.from(first))).toBe(true);
});

test('a name zipped twice keeps its first place and its last content, as fflate unzipSync gave it', () => {
  // fflate's zipSync takes an object (unique names): rename the third entry to the first's name and zip again.
  const pkg = ZipPackage.read(zipSync({ 'x.xml': strToU8('first'), 'y.xml': strToU8('y'), 'z.xml': strToU8('second') }, { level: 0 }));
  const [x, y, z] = pkg.entries;
  const twice = writeZip([x, y, { ...z, name: 'x.xml', nameBytes: x.nameBytes }], new Uint8Array(0));
  expect(ZipPackage.read(twice).entries.map((e) => e.name)).toEqual(['x.xml', 'y.xml', 'x.xml']);
  const back = ZipPackage.read(ZipPackage.read(twice).stored());
  expect(back.entries.map((e) => e.name)).toEqual(['x.xml', 'y.xml']);
  expect(strFromU8(back.content(back.entries[0]))).toBe('second');
  expect(strFromU8(unzipSync(twice)['x.xml'])).toBe('second');
});

test('a damaged part: refused when its CRC is checked (default), passed on as fflate did when it is not', () => {
  const damaged = corruptData(zipSync({ 'a.xml': text(2000) }, { level: 0 }));
  const checked = ZipPackage.read(damaged);
  expect(() => checked.content(checked.entries[0])).toThrow(ZipFormatError);
  const unchecked = ZipPackage.read(damaged, { verifyCrc: false });
  expect(unchecked.content(unchecked.entries[0]).length).toBe(text(2000).length);
});

test('a corrupt deflate stream or a part longer than declared fails fast, as ZipFormatError', () => {
  const zip = zipSync({ 'a.xml': text(30_000) }, { level: 6 });
  const broken = ZipPackage.read(corruptData(zip), { verifyCrc: false });
  expect(() => broken.content(broken.entries[0])).toThrow(ZipFormatError);
  const pkg = ZipPackage.read(zip, { verifyCrc: false });
  const shorter = { ...pkg.entries[0], size: pkg.entries[0].size - 1 };
  expect(() => pkg.content(shorter)).toThrow(ZipFormatError);
});

test('what is not a zip is refused', () => {
  expect(() => ZipPackage.read(strToU8('not a zip at all, just text'))).toThrow(ZipFormatError);
  const zip = zipSync({ 'a.xml': text(100) });
  expect(() => ZipPackage.read(zip.subarray(0, zip.length - 30))).toThrow();
});
