/** @jest-environment jsdom */
import { XLSX_MIME, saveFile } from '../../src/taskpane/download';

test('saveFile downloads through a temporary link to an object URL, then revokes it', () => {
  jest.useFakeTimers();
  const created: Blob[] = [];
  const createObjectURL = jest.fn((b: Blob) => (created.push(b), 'blob:fake'));
  const revokeObjectURL = jest.fn();
  Object.assign(URL, { createObjectURL, revokeObjectURL });
  const clicked: HTMLAnchorElement[] = [];
  const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push(this);
  });
  try {
    saveFile(new Uint8Array([1, 2, 3]), '持证进度主表-2023.xlsx');
    expect(created).toHaveLength(1);
    expect(created[0].type).toBe(XLSX_MIME);
    expect(created[0].size).toBe(3);
    expect(clicked).toHaveLength(1);
    expect(clicked[0].download).toBe('持证进度主表-2023.xlsx');
    expect(clicked[0].getAttribute('href')).toBe('blob:fake');
    expect(document.querySelector('a')).toBeNull(); // the link is gone again
    expect(revokeObjectURL).not.toHaveBeenCalled();
    jest.advanceTimersByTime(60_000);
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:fake');
  } finally {
    click.mockRestore();
    jest.useRealTimers();
  }
});
