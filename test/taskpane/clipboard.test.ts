/** @jest-environment jsdom */
import { copyText } from '../../src/taskpane/clipboard';

afterEach(() => {
  Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
});

test('uses the Clipboard API when it works', async () => {
  const writeText = jest.fn().mockResolvedValue(undefined);
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  await expect(copyText('名单')).resolves.toBe(true);
  expect(writeText).toHaveBeenCalledWith('名单');
});

test('falls back to a selected textarea and execCommand("copy"), then removes it', async () => {
  Object.defineProperty(navigator, 'clipboard', { value: { writeText: jest.fn().mockRejectedValue(new Error('denied')) }, configurable: true });
  let copied = '';
  document.execCommand = jest.fn(() => {
    const area = document.querySelector('textarea')!;
    copied = area.value.slice(area.selectionStart, area.selectionEnd);
    return true;
  });
  await expect(copyText('郑州市、开封市')).resolves.toBe(true);
  expect(copied).toBe('郑州市、开封市');
  expect(document.querySelector('textarea')).toBeNull();
});

test('says false when nothing could copy (the screen then shows the text selected)', async () => {
  document.execCommand = jest.fn(() => false);
  await expect(copyText('x')).resolves.toBe(false);
});
