import { waitForOffice, watchOffice } from '../../src/taskpane/officeReady';

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
    const throwing = {
      onReady: () => {
        throw new Error('x');
      },
    };
    await expect(waitForOffice({ Office: throwing }, 10_000)).resolves.toBe('officeMissing');
    await expect(waitForOffice({ Office: { onReady: () => Promise.reject(new Error('x')) } }, 10_000)).resolves.toBe('officeMissing');
  });
});

describe('watchOffice: a late Office.onReady', () => {
  function slowOffice(afterMs: number, info: { host: string | null } | Error) {
    return {
      onReady: () => new Promise((resolve, reject) => setTimeout(() => (info instanceof Error ? reject(info) : resolve({ ...info, platform: 'PC' })), afterMs)),
    };
  }

  test('in time: the answer, no late promise', async () => {
    await expect(watchOffice({ Office: slowOffice(10, { host: 'Excel' }) }, 1000)).resolves.toEqual({ status: 'excel' });
  });

  test.each([
    [{ host: 'Excel' }, 'excel'],
    [{ host: null }, 'notExcel'],
    [new Error('gone'), 'officeMissing'],
  ] as const)('after the timeout: officeTimeout now, and Office.onReady’s answer (%p → %s) when it comes', async (info, late) => {
    jest.useFakeTimers();
    try {
      const wait = watchOffice({ Office: slowOffice(8000, info) }, 5000);
      await jest.advanceTimersByTimeAsync(5000);
      const first = await wait;
      expect(first.status).toBe('officeTimeout');
      let answered: string | null = null;
      void first.late!.then((s) => (answered = s));
      await jest.advanceTimersByTimeAsync(2999);
      expect(answered).toBeNull();
      await jest.advanceTimersByTimeAsync(1);
      expect(answered).toBe(late);
    } finally {
      jest.useRealTimers();
    }
  });
});
