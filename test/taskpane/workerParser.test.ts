import { ReadReportsResult } from '../../src/core/report';
import { mainThreadParser } from '../../src/taskpane/reportParser';
import { isScanFile } from '../../src/taskpane/importList';
import { WorkerLike, routedParser, workerParser } from '../../src/taskpane/workerParser';
import type { ParseRequest, ParseResponse } from '../../src/worker/protocol';
import type { ReportFile } from '../../src/workflow/merge';
import { INDICATORS } from '../helpers/table2023';

const files: ReportFile[] = ['a.xlsx', 'b.xlsx', 'c.xlsx'].map((name) => ({ name, bytes: new TextEncoder().encode(`not a spreadsheet ${name}`) }));
const fake = (name: string): ReadReportsResult => ({
  reports: [],
  failures: [
    { file: name, sheet: null, sha256: 'w', finding: { code: 'NO_FORM', message: name, sheet: null, cell: null, params: { file: name, reason: 'noFigures' } } },
  ],
});

/** A worker double: answers each file on the next tick, or as told. */
class FakeWorker implements WorkerLike {
  onmessage: ((e: MessageEvent<ParseResponse>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  requests: ParseRequest[] = [];
  terminated = false;
  constructor(private readonly answer: (req: ParseRequest, w: FakeWorker) => void = FakeWorker.all) {}
  static all(req: ParseRequest, w: FakeWorker) {
    // out of order, as a worker may not be, to show results land by index
    [...req.files.keys()].reverse().forEach((index) => w.reply({ id: req.id, type: 'file', index, result: fake(req.files[index].name) }));
  }
  postMessage(req: ParseRequest) {
    this.requests.push(req);
    setTimeout(() => this.answer(req, this), 0);
  }
  reply(m: ParseResponse) {
    this.onmessage?.({ data: m } as MessageEvent<ParseResponse>);
  }
  fail() {
    this.onerror?.({ preventDefault: () => undefined } as unknown as ErrorEvent);
  }
  terminate() {
    this.terminated = true;
  }
}

test('files are read in the worker, results in the order given, with progress', async () => {
  const worker = new FakeWorker();
  const parser = workerParser(() => worker);
  const progress: number[] = [];
  const results = await parser.parse(files, INDICATORS, (p) => progress.push(p.done));
  expect(results.map((r) => r.failures[0].finding.message)).toEqual(['a.xlsx', 'b.xlsx', 'c.xlsx']);
  expect(progress).toEqual([1, 2, 3]);
  expect(parser.mode()).toBe('worker');
  expect(await parser.parse([], INDICATORS)).toEqual([]);
});

test('a worker that cannot start (file://): the page reads the files itself, the same way', async () => {
  const parser = workerParser(() => {
    throw new DOMException('Script cannot be accessed from origin null', 'SecurityError');
  });
  const progress: number[] = [];
  const results = await parser.parse(files, INDICATORS, (p) => progress.push(p.done));
  expect(results).toEqual(await mainThreadParser().parse(files, INDICATORS));
  expect(results[0].failures[0].finding.code).toBe('NO_FORM');
  expect(progress).toEqual([1, 2, 3]);
  expect(parser.mode()).toBe('main');
});

test('a worker that dies half way: what it answered is kept, the rest is read on the page', async () => {
  const worker = new FakeWorker((req, w) => {
    w.reply({ id: req.id, type: 'file', index: 0, result: fake('a.xlsx') });
    w.fail();
  });
  const parser = workerParser(() => worker);
  const progress: number[] = [];
  const results = await parser.parse(files, INDICATORS, (p) => progress.push(p.done));
  expect(results[0].failures[0].finding.message).toBe('a.xlsx'); // from the worker
  expect(results[1].failures[0].finding.message).toContain('b.xlsx'); // read here
  expect(results[2].failures[0].sha256).not.toBe('w');
  expect(progress).toEqual([1, 2, 3]);
  expect(worker.terminated).toBe(true);
  expect(parser.mode()).toBe('main');
  // and it is not tried again
  await parser.parse(files, INDICATORS);
  expect(worker.requests).toHaveLength(1);
});

test('a file the worker crashed on is listed as unreadable; the others are unaffected', async () => {
  const worker = new FakeWorker((req, w) => {
    w.reply({ id: req.id, type: 'error', index: 1, message: 'boom' });
    w.reply({ id: req.id, type: 'file', index: 0, result: fake('a.xlsx') });
    w.reply({ id: req.id, type: 'file', index: 2, result: fake('c.xlsx') });
  });
  const results = await workerParser(() => worker).parse(files, INDICATORS);
  expect(results[1].failures[0].finding.code).toBe('UNREADABLE');
  expect(results[1].failures[0].finding.message).toContain('b.xlsx');
  expect(results[2].failures[0].finding.message).toBe('c.xlsx');
});

test('the main-thread parser yields to the page between files', async () => {
  const events: string[] = [];
  const parser = mainThreadParser(async () => {
    events.push('yield');
  });
  await parser.parse(files, INDICATORS, (p) => events.push(`file ${p.done}`));
  expect(events).toEqual(['yield', 'file 1', 'yield', 'file 2', 'yield', 'file 3']);
});

test('spreadsheets are not held up by a scan being read: two workers, the scan one started only for scans', async () => {
  const sheetWorker = new FakeWorker();
  const scanWorker = new FakeWorker(() => undefined); // a scan still being read (never answers in this test)
  let scanStarted = 0;
  const parser = routedParser(
    workerParser(() => sheetWorker),
    workerParser(() => (scanStarted++, scanWorker)),
    isScanFile,
  );
  expect(await parser.parse(files, INDICATORS)).toHaveLength(3);
  expect(scanStarted).toBe(0);
  const photo: ReportFile = { name: 'photo.jpg', bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]) };
  const reading = parser.parse([photo], INDICATORS);
  let scanDone = false;
  void reading.then(() => (scanDone = true));
  // while the photo is read, spreadsheets picked after it are read at once
  const later = await parser.parse(files.slice(0, 2), INDICATORS);
  expect(later.map((r) => r.failures[0].finding.message)).toEqual(['a.xlsx', 'b.xlsx']);
  expect(scanDone).toBe(false);
  expect(scanStarted).toBe(1);
  expect(scanWorker.requests.map((r) => r.files.map((f) => f.name))).toEqual([['photo.jpg']]);
  expect(sheetWorker.requests.flatMap((r) => r.files.map((f) => f.name))).not.toContain('photo.jpg');
});
