import { waitForOffice } from '../../src/taskpane/officeReady';

describe('waitForOffice', () => {
  test('office.js not loaded: officeMissing at once', async () => {
    await expect(waitForOffice({}, 10_000)).resolves.toBe('officeMissing');
    await expect(waitForOffice({ Office: {} }, 10_000)).resolves.toBe('officeMissing');
  });

  test('ready in Excel', async () => {
    const Office = { onReady: () => Promise.resolve({ host: 'Excel', platform: 'PC' }) };
    await expect(waitForOffice({ Office }, 10_000)).resolves.toBe('excel');
  });

  test('ready outside Office (plain browser) or in another host: notExcel', async () => {
    await expect(waitForOffice({ Office: { onReady: () => Promise.resolve({ host: null, platform: null }) } }, 10_000)).resolves.toBe('notExcel');
    await expect(waitForOffice({ Office: { onReady: () => Promise.resolve({ host: 'Word', platform: 'PC' }) } }, 10_000)).resolves.toBe('notExcel');
  });

  test('onReady never fires: officeTimeout after the timeout', async () => {
    jest.useFakeTimers();
    try {
      const result = waitForOffice({ Office: { onReady: () => new Promise(() => undefined) } }, 5000);
      jest.advanceTimersByTime(4999);
      let settled = false;
      void result.then(() => (settled = true));
      await Promise.resolve();
      expect(settled).toBe(false);
      jest.advanceTimersByTime(1);
      await expect(result).resolves.toBe('officeTimeout');
    } finally {
      jest.useRealTimers();
    }
  });

  test('onReady throwing or rejecting: officeMissing', async () => {
    const throwing = { onReady: () => { throw new Error('x'); } };
    await expect(waitForOffice({ Office: throwing }, 10_000)).resolves.toBe('officeMissing');
    await expect(waitForOffice({ Office: { onReady: () => Promise.reject(new Error('x')) } }, 10_000)).resolves.toBe('officeMissing');
  });
});
