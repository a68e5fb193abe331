import { isCodeLoadError } from '../../src/taskpane/codeLoadError';

test('webpack’s and the browsers’ failures to fetch code are recognised; other errors are not', () => {
  expect(isCodeLoadError(Object.assign(new Error('Loading chunk 872 failed.'), { name: 'ChunkLoadError' }))).toBe(true);
  expect(isCodeLoadError(new Error('Loading chunk import-tools failed.\n(error: http://x/import-tools.c0c3aeef.js)'))).toBe(true);
  expect(isCodeLoadError(new Error('Loading CSS chunk 3 failed.'))).toBe(true);
  expect(isCodeLoadError(new TypeError('Failed to fetch dynamically imported module: http://x/a.js'))).toBe(true);
  expect(isCodeLoadError(new Error('内存不足'))).toBe(false);
  expect(isCodeLoadError(new Error('Loading the master failed'))).toBe(false);
  expect(isCodeLoadError('Loading chunk 1 failed.')).toBe(false);
});
