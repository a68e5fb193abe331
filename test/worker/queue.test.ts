import { ReadReportsResult } from '../../src/core/report';
import type { ParseRequest, ParseResponse } from '../../src/worker/protocol';
import { ReadFile, requestQueue } from '../../src/worker/queue';
import type { ReportFile } from '../../src/workflow/merge';
import { INDICATORS } from '../helpers/table2023';

const result = (name: string): ReadReportsResult => ({
  reports: [],
  failures: [
    {
      file: name,
      sheet: null,
      sha256: name,
      finding: { code: 'NO_FORM', message: name, sheet: null, cell: null, params: { file: name, reason: 'noFigures' } },
    },
  ],
});
const file = (name: string): ReportFile => ({ name, bytes: new Uint8Array([1, 2, 3]) });
const request = (id: number, names: string[]): ParseRequest => ({ id, files: names.map(file), indicators: [...INDICATORS] });
const tick = () => new Promise((r) => setTimeout(r, 0));

/** A reader whose files finish when the test says so; it reports two stages a file and honours the signal. */
function gatedReader() {
  const gates: Array<{ name: string; open: () => void; signal?: AbortSignal }> = [];
  const read: ReadFile = (f, _ind, hooks) =>
    new Promise((resolve, reject) => {
      hooks.onProgress?.({ page: 1, pages: 1, stage: 'decode' });
      const done = () => {
        if (hooks.signal?.aborted) return reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
        hooks.onProgress?.({ page: 1, pages: 1, stage: 'layout' });
        resolve({ result: result(f.name) });
      };
      gates.push({ name: f.name, open: done, signal: hooks.signal });
    });
  return { read, gates };
}

test('requests are read one after another, their files in order, with progress per file and the time taken', async () => {
  const { read, gates } = gatedReader();
  const posted: ParseResponse[] = [];
  const q = requestQueue(read, (m) => posted.push(m));
  q.receive(request(1, ['a.png', 'b.pdf']));
  q.receive(request(2, ['c.xlsx']));
  await tick();
  expect(gates.map((g) => g.name)).toEqual(['a.png']); // one at a time
  for (let i = 0; i < 3; i++) {
    gates[i].open();
    await tick();
  }
  expect(gates.map((g) => g.name)).toEqual(['a.png', 'b.pdf', 'c.xlsx']);
  expect(posted.map((m) => `${m.id}:${m.type}:${'index' in m ? m.index : ''}${m.type === 'progress' ? `:${m.name}:${m.stage}` : ''}`)).toEqual([
    '1:progress:0:a.png:decode',
    '1:progress:0:a.png:layout',
    '1:file:0',
    '1:progress:1:b.pdf:decode',
    '1:progress:1:b.pdf:layout',
    '1:file:1',
    '2:progress:0:c.xlsx:decode',
    '2:progress:0:c.xlsx:layout',
    '2:file:0',
  ]);
  const first = posted.find((m) => m.type === 'file') as Extract<ParseResponse, { type: 'file' }>;
  expect(first.result).toEqual(result('a.png'));
  expect(typeof first.ms).toBe('number');
});

test('a cancel stops the request being read at its next step and says so; the next request is read', async () => {
  const { read, gates } = gatedReader();
  const posted: ParseResponse[] = [];
  const q = requestQueue(read, (m) => posted.push(m));
  q.receive(request(1, ['a.png', 'b.pdf']));
  q.receive(request(2, ['c.xlsx']));
  await tick();
  q.receive({ id: 1, type: 'cancel' });
  expect(gates[0].signal?.aborted).toBe(true);
  gates[0].open();
  await tick();
  await tick();
  expect(posted.filter((m) => m.id === 1).map((m) => m.type)).toEqual(['progress', 'cancelled']);
  expect(gates.map((g) => g.name)).toEqual(['a.png', 'c.xlsx']);
  gates[1].open();
  await tick();
  expect(posted.filter((m) => m.id === 2).map((m) => m.type)).toEqual(['progress', 'progress', 'file']);
});

test('a cancel of a waiting request drops it at once; a cancel of an unknown one is ignored', async () => {
  const { read, gates } = gatedReader();
  const posted: ParseResponse[] = [];
  const q = requestQueue(read, (m) => posted.push(m));
  q.receive(request(1, ['a.png']));
  q.receive(request(2, ['b.png']));
  q.receive({ id: 2, type: 'cancel' });
  q.receive({ id: 9, type: 'cancel' });
  expect(posted.filter((m) => m.id !== 1)).toEqual([{ id: 2, type: 'cancelled' }]);
  await tick();
  gates[0].open();
  await tick();
  await tick();
  expect(gates.map((g) => g.name)).toEqual(['a.png']);
  expect(posted.map((m) => `${m.id}:${m.type}`)).toEqual(['1:progress', '2:cancelled', '1:progress', '1:file']);
});

test('a reader that throws gives an error message for that file; the others are read', async () => {
  const read: ReadFile = async (f) => {
    if (f.name === 'bad.pdf') throw new Error('boom');
    return { result: result(f.name) };
  };
  const posted: ParseResponse[] = [];
  const q = requestQueue(read, (m) => posted.push(m));
  q.receive(request(1, ['bad.pdf', 'good.xlsx']));
  for (let i = 0; i < 4; i++) await tick();
  expect(posted.map((m) => (m.type === 'error' ? `error:${m.index}:${m.message}` : `${m.type}:${'index' in m ? m.index : ''}`))).toEqual([
    'error:0:boom',
    'file:1',
  ]);
});
