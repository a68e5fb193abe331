import { NodeScanner } from '../../src/scan/nodeScan';
import { decodeTemplateCode } from '../../src/core/templateCode';
import { ScanCase, scanSet } from '../helpers/scanSet';
import { PageScore, scorePage, trustedPage } from '../helpers/scanScore';

/**
 * OCR of real page images (heavy: runs PP-OCRv4; a fast lane skips `*.ocr.test.ts`). Forms from the sample
 * generator printed by LibreOffice, rasterised at 150 dpi by pdftoppm, then degraded like scans and
 * phone photos (rotation, blur, noise, JPEG 50–60, perspective, uneven light, a red stamp over numbers,
 * image-only PDFs). Accuracy floors are set below what was measured; the test prints accuracy per degradation.
 * Five forms: about 15 page reads (every degradation at least once) plus printing the forms — the heaviest file of the
 * suite, kept small so the whole suite stays within its time on 2 cores (twelve forms took over 10 minutes in CI).
 */

const scanner = new NodeScanner({ runtime: 'node', threads: 2 });
let cases: ScanCase[];

beforeAll(async () => {
  cases = await scanSet({ count: 5, kindsPerForm: 2 });
}, 600_000);

afterAll(() => scanner.close());

test('clean page images: every number, unit name and date read exactly; "—" cells and template codes found', async () => {
  // the first five forms and every form with a "—" row (no quota)
  const picked = cases.filter((c, i) => i < 5 || c.sample.traits.includes('no-quota-dash'));
  let dashes = 0;
  for (const c of picked) {
    const res = await scanner.read(`${c.sample.id}.png`, c.png, c.sample.labels);
    const page = res.pages[0];
    expect(page.source).toBe('ocr');
    const s = scorePage(page, c.sample);
    expect({ id: c.sample.id, wrong: s.wrong, unread: s.unread, name: s.unitName, date: s.date }).toEqual({
      id: c.sample.id,
      wrong: [],
      unread: [],
      name: true,
      date: true,
    });
    if (c.sample.code) expect(page.code?.decoded).toEqual(decodeTemplateCode(c.sample.code));
    // the form's own check passes when its rates carry the notice's two decimals, and never on one decimal
    expect({ id: c.sample.id, trusted: trustedPage(page, c.sample) }).toEqual({ id: c.sample.id, trusted: c.sample.traits.includes('rate-two-decimals') });
    // the detector never boxes a lone "—": those cells come from the cut-out cell
    const hows = Object.values(page.indicators).flatMap((f) => Object.values(f).map((v) => v.how));
    if (c.sample.traits.includes('no-quota-dash')) {
      expect(hows).toContain('dash');
      dashes++;
    }
    // boxes are in page-image pixels and the page image is there for a person to confirm
    const png = page.image();
    expect(png && png.length > 1000).toBe(true);
    for (const fig of Object.values(page.indicators)) {
      for (const v of Object.values(fig)) {
        expect(v.box.x).toBeGreaterThanOrEqual(0);
        expect(v.box.x + v.box.w).toBeLessThanOrEqual(page.width + 1);
      }
    }
  }
  expect(dashes).toBeGreaterThan(0);
}, 600_000);

test('degraded scans and photos: per-cell accuracy above the measured floor', async () => {
  const byKind = new Map<string, PageScore[]>();
  const trust: Array<{ name: string; trusted: boolean; twoDecimals: boolean; misread: boolean }> = [];
  let pages = 0;
  for (const c of cases) {
    for (const d of c.degraded) {
      const res = await scanner.read(d.name, d.bytes, c.sample.labels);
      const s = scorePage(res.pages[0], c.sample);
      byKind.set(d.kind, [...(byKind.get(d.kind) ?? []), s]);
      const trusted = trustedPage(res.pages[0], c.sample);
      trust.push({ name: d.name, trusted, twoDecimals: c.sample.traits.includes('rate-two-decimals'), misread: s.wrong.length + s.unread.length > 0 });
      pages++;
    }
  }
  expect(pages).toBeGreaterThanOrEqual(10);
  const rows = [...byKind].map(([kind, list]) => {
    const cells = list.reduce((n, s) => n + s.cells, 0);
    const correct = list.reduce((n, s) => n + s.correct, 0);
    return { kind, pages: list.length, accuracy: correct / cells, wrong: list.flatMap((s) => s.wrong), names: list.filter((s) => s.unitName).length };
  });
  console.info(
    rows
      .map((r) => `${r.kind}: ${r.pages} pages, ${(100 * r.accuracy).toFixed(1)}% of cells, names ${r.names}/${r.pages}, wrong: ${r.wrong.join('; ') || '—'}`)
      .join('\n'),
  );
  const all = [...byKind.values()].flat();
  const accuracy = all.reduce((n, s) => n + s.correct, 0) / all.reduce((n, s) => n + s.cells, 0);
  // Floors below the scratch evaluation (a strongly blurred compact form can lose its header row whole)
  expect(accuracy).toBeGreaterThanOrEqual(0.85);
  for (const r of rows) expect(r.accuracy).toBeGreaterThanOrEqual(0.6);
  expect(all.filter((s) => s.found).length / all.length).toBeGreaterThanOrEqual(0.9);
  expect(all.filter((s) => s.unitName).length / all.length).toBeGreaterThanOrEqual(0.75);

  // The trust rule: no page with a misread number is merged by itself, nor one whose rates lost their decimals.
  // Of the forms printed as the notice prints them (rates with two decimals), three degraded scans and photos in
  // four must merge by themselves (the goal); measured here 7 of 8 (the phone photo loses a cell to the
  // reader and is rightly held). Cells read with less than the trust rule's confidence are read again on the cut-out
  // cell, which settled the blurred page's doubtful rate.
  const notice = trust.filter((t) => t.twoDecimals);
  const held = notice.filter((t) => !t.trusted).map((t) => `${t.name}${t.misread ? '（有误读或未读出的数字）' : ''}`);
  console.info(`merged automatically: ${notice.filter((t) => t.trusted).length}/${notice.length}; held for a person: ${held.join(', ') || '—'}`);
  expect(trust.filter((t) => t.trusted && t.misread).map((t) => t.name)).toEqual([]);
  expect(trust.filter((t) => t.trusted && !t.twoDecimals).map((t) => t.name)).toEqual([]);
  expect(notice.length).toBeGreaterThanOrEqual(6);
  expect(notice.filter((t) => t.trusted).length / notice.length).toBeGreaterThanOrEqual(0.75);
}, 900_000);
