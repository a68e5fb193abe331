import { decodeTemplateCode } from '../../src/core/templateCode';
import { nodePdfReader } from '../../src/scan/nodePdf';
import { readScan } from '../../src/scan/readScan';
import { ScanOptions } from '../../src/scan/types';
import { ScanCase, scanSet } from '../helpers/scanSet';
import { scorePage, trustedPage } from '../helpers/scanScore';
import * as jpeg from 'jpeg-js';
import { imagePdf } from '../helpers/scanDegrade';

/**
 * A PDF printed from a spreadsheet (here by LibreOffice) carries its text: the reader takes numbers,
 * unit name, date and template code from the text layer, exactly, without starting OCR.
 */

let cases: ScanCase[];
const pdf = nodePdfReader();
const noOcr: ScanOptions['engine'] = () => Promise.reject(new Error('OCR must not run on a text-layer page'));

beforeAll(async () => {
  cases = await scanSet({ count: 8, clean: true });
}, 240_000);

test('the material covers both layouts, relabelled tables, borders, dashes and template codes', () => {
  const traits = new Set(cases.flatMap((c) => c.sample.traits));
  for (const t of ['standard', 'compact', 'relabelled', 'bordered']) expect(traits).toContain(t);
  expect(cases.some((c) => c.sample.code)).toBe(true);
});

test('every number, the unit name and the date of each text PDF read exactly', async () => {
  for (const c of cases) {
    const res = await readScan(`${c.sample.id}.pdf`, c.pdf, { indicators: c.sample.labels, engine: noOcr, pdf });
    expect(res.kind).toBe('pdf');
    const page = res.pages[0];
    expect(page.source).toBe('text-layer');
    const score = scorePage(page, c.sample);
    expect({ id: c.sample.id, wrong: score.wrong, unread: score.unread, name: score.unitName, date: score.date }).toEqual({
      id: c.sample.id,
      wrong: [],
      unread: [],
      name: true,
      date: true,
    });
    for (const fig of Object.values(page.indicators)) for (const v of Object.values(fig)) expect(v.confidence).toBe(1);
    if (c.sample.code) expect(page.code?.decoded).toEqual(decodeTemplateCode(c.sample.code));
    else expect(page.code).toBeNull();
    expect({ id: c.sample.id, trusted: trustedPage(page, c.sample) }).toEqual({ id: c.sample.id, trusted: c.sample.traits.includes('rate-two-decimals') });
  }
}, 120_000);

test('labels come from the task table given: the 2023 labels do not find a relabelled form', async () => {
  const other = cases.find((c) => c.sample.traits.includes('relabelled')) as ScanCase;
  const mine = cases.find((c) => !c.sample.traits.includes('relabelled')) as ScanCase;
  const res = await readScan('x.pdf', other.pdf, { indicators: mine.sample.labels, engine: noOcr, pdf });
  expect(res.pages[0].found).toBe(false);
  expect(res.pages[0].reason).toContain('指标');
});

test('a page without a form says so (the blank second page LibreOffice adds, an empty page)', async () => {
  const c = cases[0];
  const res = await readScan('x.pdf', c.pdf, { indicators: c.sample.labels, engine: noOcr, pdf });
  for (const p of res.pages.slice(1)) {
    expect(p.found).toBe(false);
    expect(p.reason).toBeTruthy();
  }
});

test('an image-only PDF goes to OCR (the engine is asked for)', async () => {
  const white = new Uint8Array(jpeg.encode({ data: new Uint8Array(800 * 800 * 4).fill(255), width: 800, height: 800 }, 80).data);
  const fake = imagePdf(white, 800, 800, 150);
  const c = cases[0];
  await expect(readScan('scan.pdf', fake, { indicators: c.sample.labels, engine: noOcr, pdf })).rejects.toThrow('OCR must not run');
});

test('an image too small to hold a form is answered without OCR', async () => {
  const icon = new Uint8Array(jpeg.encode({ data: new Uint8Array(120 * 90 * 4).fill(255), width: 120, height: 90 }, 80).data);
  const c = cases[0];
  const res = await readScan('logo.jpg', icon, { indicators: c.sample.labels, engine: noOcr, pdf });
  expect(res.pages.map((p) => [p.found, p.reason])).toEqual([[false, expect.stringContaining('太小')]]);
});

test('an aborted read stops with an AbortError', async () => {
  const c = cases[0];
  const ac = new AbortController();
  ac.abort();
  await expect(readScan('x.pdf', c.pdf, { indicators: c.sample.labels, engine: noOcr, pdf, signal: ac.signal })).rejects.toMatchObject({
    name: 'AbortError',
  });
});
