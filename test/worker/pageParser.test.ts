import { ReadReportsResult } from '../../src/core/report';
import { ParseProgress, mainThreadParser } from '../../src/taskpane/reportParser';
import { WorkerLike, workerParser } from '../../src/taskpane/workerParser';
import type { ParseResponse, WorkerRequest } from '../../src/worker/protocol';
import type { ScanPageView } from '../../src/scan/view';
import type { ReportFile } from '../../src/workflow/merge';
import { INDICATORS } from '../helpers/table2023';

/** The page side of the report-parsing worker (src/taskpane/workerParser.ts) for scans: progress, views, cancel. */

const files: ReportFile[] = ['a.jpg', 'b.pdf'].map((name) => ({ name, bytes: new Uint8Array([0xff, 0xd8, 0xff, 0]) }));
const result = (name: string): ReadReportsResult => ({
  reports: [],
  failures: [{ file: name, sheet: null, sha256: name, finding: { code: 'SCAN_UNREADABLE', message: name, sheet: null, cell: null, params: { file: name } } }],
});
const view: ScanPageView = {
  file: 'a.jpg',
  sheet: '第1页',
  page: 1,
  source: 'ocr',
  width: 10,
  height: 20,
  png: new Uint8Array([0x89]),
  unitName: null,
  date: null,
  cells: {},
};
const tick = () => new Promise<void>((r) => setTimeout(r, 0));

/** A worker double driven by the test: it records what it is sent and answers only when told. */
class ScriptedWorker implements WorkerLike {
  onmessage: ((e: MessageEvent<ParseResponse>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  sent: WorkerRequest[] = [];
  terminated = false;
  postMessage(m: WorkerRequest) {
    this.sent.push(m);
  }
  reply(m: ParseResponse) {
    this.onmessage?.({ data: m } as MessageEvent<ParseResponse>);
  }
  terminate() {
    this.terminated = true;
  }
}

function scripted() {
  const made: ScriptedWorker[] = [];
  return { made, create: () => made[made.push(new ScriptedWorker()) - 1] };
}

test('a scan file: its pages and stages come as progress, its page views on its result', async () => {
  const { made, create } = scripted();
  const parser = workerParser(create);
  const progress: ParseProgress[] = [];
  const parsed = parser.parse(files, INDICATORS, (p) => progress.push(p));
  const w = made[0];
  w.reply({ id: 1, type: 'progress', index: 0, name: 'a.jpg', page: 1, pages: 1, stage: 'detect' });
  w.reply({ id: 1, type: 'file', index: 0, result: result('a.jpg'), scanPages: [view], ms: 12 });
  w.reply({ id: 1, type: 'progress', index: 1, name: 'b.pdf', page: 2, pages: 3, stage: 'recognize' });
  w.reply({ id: 1, type: 'file', index: 1, result: result('b.pdf') });
  const results = await parsed;
  expect(progress).toEqual([
    { done: 0, total: 2, file: { index: 0, name: 'a.jpg', page: 1, pages: 1, stage: 'detect' } },
    { done: 1, total: 2 },
    { done: 1, total: 2, file: { index: 1, name: 'b.pdf', page: 2, pages: 3, stage: 'recognize' } },
    { done: 2, total: 2 },
  ]);
  expect(results[0]).toEqual({ ...result('a.jpg'), scanPages: [view] });
  expect(results[1]).toEqual(result('b.pdf'));
  expect('scanPages' in results[1]).toBe(false);
});

test('abort: the parse rejects with AbortError at once; a worker that stops in time is kept', async () => {
  const { made, create } = scripted();
  const parser = workerParser(create, mainThreadParser(), { cancelGraceMs: 50 });
  const controller = new AbortController();
  const parsed = parser.parse(files, INDICATORS, undefined, controller.signal);
  const w = made[0];
  w.reply({ id: 1, type: 'file', index: 0, result: result('a.jpg') });
  controller.abort();
  await expect(parsed).rejects.toMatchObject({ name: 'AbortError' });
  expect(w.sent[1]).toEqual({ id: 1, type: 'cancel' });
  w.reply({ id: 1, type: 'cancelled' });
  w.reply({ id: 1, type: 'file', index: 1, result: result('b.pdf') }); // late answers are ignored
  await new Promise((r) => setTimeout(r, 80));
  expect(w.terminated).toBe(false);
  // the same worker (and its OCR engine) reads the next files
  const next = parser.parse(files.slice(0, 1), INDICATORS);
  w.reply({ id: 2, type: 'file', index: 0, result: result('a.jpg') });
  await expect(next).resolves.toEqual([result('a.jpg')]);
  expect(made).toHaveLength(1);
});

test('abort while OCR does not stop in time: the worker is ended and a new one reads what others still wait for', async () => {
  const { made, create } = scripted();
  const parser = workerParser(create, mainThreadParser(), { cancelGraceMs: 30 });
  const controller = new AbortController();
  const cancelled = parser.parse(files, INDICATORS, undefined, controller.signal);
  const other = parser.parse(files, INDICATORS);
  made[0].reply({ id: 2, type: 'file', index: 0, result: result('a.jpg') });
  controller.abort();
  await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
  await new Promise((r) => setTimeout(r, 60));
  expect(made[0].terminated).toBe(true);
  expect(made).toHaveLength(2);
  // the other request goes to the new worker; the file already answered is not sent again
  const resent = made[1].sent[0] as Extract<WorkerRequest, { files: unknown }>;
  expect(resent.id).toBe(2);
  expect(resent.files.map((f) => f.bytes.length)).toEqual([0, 4]);
  made[0].reply({ id: 2, type: 'file', index: 1, result: result('old') }); // the ended worker is not listened to
  made[1].reply({ id: 2, type: 'file', index: 0, result: result('again') });
  made[1].reply({ id: 2, type: 'file', index: 1, result: result('b.pdf') });
  await expect(other).resolves.toEqual([result('a.jpg'), result('b.pdf')]);
});

test('a signal aborted before the parse starts: rejected, nothing sent; the main-thread parser does the same', async () => {
  const { made, create } = scripted();
  const parser = workerParser(create);
  const signal = AbortSignal.abort();
  await expect(parser.parse(files, INDICATORS, undefined, signal)).rejects.toMatchObject({ name: 'AbortError' });
  expect(made.flatMap((w) => w.sent)).toEqual([]);
  await expect(mainThreadParser(() => tick()).parse(files, INDICATORS, undefined, signal)).rejects.toMatchObject({ name: 'AbortError' });
});

test('the main-thread fallback refuses scans with advice in Chinese (NOT_SPREADSHEET), it does not run OCR', async () => {
  const [r] = await mainThreadParser(() => tick()).parse([{ name: 'photo.jpg', bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0]) }], INDICATORS);
  expect(r.failures[0].finding.code).toBe('NOT_SPREADSHEET');
  expect(r.failures[0].finding.message).toContain('手工录入');
});
