/*
 * manifest.xml, the built dist/manifest.xml and a manifest built for another site, validated offline with xmllint
 * against the project's own XSD of the add-in manifest (test/manifest/schema, see its README.md); then manifests
 * broken in one place each, which the schema must reject with a message that names the problem. The online check
 * by Microsoft's service stays `npm run validate`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';

import { DIST, ROOT, ensureDist } from '../browser/harness';
import { ACCEPTED, BROKEN, Sample, applyEdits } from './manifestSamples';
import { XMLLINT_INVALID, validate } from './xmllint';

jest.setTimeout(300_000); // ensureDist may have to run the production web build

const MANIFEST = path.join(ROOT, 'manifest.xml');
const xml = readFileSync(MANIFEST, 'utf8');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'manifest-schema-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, `${name}.xml`);
  writeFileSync(file, text);
  return file;
}

function expectValid(file: string): void {
  const result = validate(file);
  expect({ file, ...result }).toEqual({ file, status: 0, messages: [] });
}

/** The production build's manifest transform (webpack.config.js CopyPlugin) for the given ADDIN_PUBLIC_URL. */
async function builtManifest(publicUrl: string): Promise<string> {
  const saved = process.env.ADDIN_PUBLIC_URL;
  process.env.ADDIN_PUBLIC_URL = publicUrl;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const makeConfig = require('../../webpack.config.js');
    const config = await makeConfig({}, { mode: 'production' });
    const copy = config.plugins.find((p: { constructor: { name: string } }) => p.constructor.name === 'CopyPlugin');
    const pattern = copy.patterns.find((p: { from: string }) => p.from === 'manifest.xml');
    return String(await pattern.transform(Buffer.from(xml), MANIFEST));
  } finally {
    if (saved === undefined) delete process.env.ADDIN_PUBLIC_URL;
    else process.env.ADDIN_PUBLIC_URL = saved;
  }
}

describe('the add-in manifest is valid against the schema', () => {
  test('manifest.xml', () => {
    expectValid(MANIFEST);
  });

  test('dist/manifest.xml (the production build)', () => {
    ensureDist((m) => process.stderr.write(`${m}\n`));
    const built = path.join(DIST, 'manifest.xml');
    expect(readFileSync(built, 'utf8')).toContain('<OfficeApp');
    expectValid(built);
  });

  test('the manifest built with ADDIN_PUBLIC_URL=https://intranet.example/持证/', async () => {
    const out = await builtManifest('https://intranet.example/持证/');
    expect(out).not.toMatch(/https?:\/\/localhost/);
    // The build writes URLs as the URL parser normalises them: the Chinese path percent-encoded.
    expect(out).toContain('DefaultValue="https://intranet.example/%E6%8C%81%E8%AF%81/taskpane.html"');
    expectValid(write('intranet-chinese-path', out));
  });

  test.each(ACCEPTED.map((s) => [s.name, s] as const))('edge case accepted: %s', (name, sample: Sample) => {
    const text = applyEdits(xml, sample.edits);
    expect(text).not.toBe(xml);
    expectValid(write(name, text));
  });
});

describe('broken manifests are rejected with a message naming the problem', () => {
  test('there are at least ten, each with a distinct name', () => {
    expect(BROKEN.length).toBeGreaterThanOrEqual(10);
    expect(new Set(BROKEN.map((s) => s.name)).size).toBe(BROKEN.length);
  });

  test.each(BROKEN.map((s) => [s.name, s] as const))('%s', (name, sample: Sample) => {
    const text = applyEdits(xml, sample.edits);
    expect(text).not.toBe(xml);
    const file = write(name, text);
    const { status, messages } = validate(file);
    // 3 is "not valid": a schema that failed to compile (5) or a sample that is not XML (1) must not pass as rejected.
    expect({ name, status }).toEqual({ name, status: XMLLINT_INVALID });
    const naming = messages.filter((m) => sample.error!.test(m));
    expect({ name, why: sample.why, naming: naming.length > 0, messages }).toMatchObject({ name, naming: true });
    // Each message says where: the sample's file and a line number.
    for (const m of naming) expect(m.startsWith(`${file}:`)).toBe(true);
  });
});
