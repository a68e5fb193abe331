/*
 * Offline checks of manifest.xml beyond its XML schema: the project's choices (host, requirement sets, ribbon, shared
 * runtime), the icons and pages it points to, and the production URL rewrite. Element order, value limits, https
 * and resid references are checked by the schema (schema.test.ts, schema/README.md); `npm run validate` is the
 * online check by Microsoft's web service.
 */
import { readFileSync, existsSync, readdirSync } from 'fs';
import path from 'path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

const ROOT = path.resolve(__dirname, '../..');
const MANIFEST = path.join(ROOT, 'manifest.xml');
const DEV_URL = 'https://localhost:3000/';

interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

function toTree(nodes: OrderedNode[]): El[] {
  const out: El[] = [];
  for (const node of nodes) {
    const name = Object.keys(node).find((k) => k !== ':@');
    if (!name || name === '#text' || name.startsWith('?')) continue;
    const kids = node[name] as OrderedNode[];
    out.push({
      name,
      attrs: node[':@'] ?? {},
      children: toTree(kids),
      text: kids
        .filter((k) => '#text' in k)
        .map((k) => String(k['#text']))
        .join(''),
    });
  }
  return out;
}

function parseManifest(xml: string): El {
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
  });
  const roots = toTree(parser.parse(xml) as OrderedNode[]);
  expect(roots).toHaveLength(1);
  return roots[0];
}

function all(el: El, pred: (e: El) => boolean, acc: El[] = []): El[] {
  for (const c of el.children) {
    if (pred(c)) acc.push(c);
    all(c, pred, acc);
  }
  return acc;
}

function child(el: El, name: string): El {
  const found = el.children.filter((c) => c.name === name);
  if (found.length !== 1) throw new Error(`<${el.name}> has ${found.length} <${name}> children`);
  return found[0];
}

function chars(text: string): number {
  return [...text].length; // XML Schema lengths count characters, not UTF-16 units
}

function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(b.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** The file in assets/ that a manifest URL points to. */
function assetFile(url: string): string {
  expect(url.startsWith(`${DEV_URL}assets/`)).toBe(true);
  return path.join(ROOT, 'assets', url.slice(`${DEV_URL}assets/`.length));
}

const xml = readFileSync(MANIFEST, 'utf8');
const app = parseManifest(xml);
const overrides = child(app, 'VersionOverrides');
const resources = child(overrides, 'Resources');

function collection(name: string): Map<string, El> {
  const m = new Map<string, El>();
  for (const el of child(resources, name).children) {
    expect(m.has(el.attrs.id)).toBe(false); // ids unique within a collection
    m.set(el.attrs.id, el);
  }
  return m;
}

const images = collection('bt:Images');
const urls = collection('bt:Urls');
const shortStrings = collection('bt:ShortStrings');
const longStrings = collection('bt:LongStrings');

/** Every value of a localisable element: its DefaultValue and each Override's Value. */
function values(el: El): string[] {
  return [el.attrs.DefaultValue, ...el.children.filter((c) => /(^|:)Override$/.test(c.name)).map((c) => c.attrs.Value)];
}

function overrideLocales(el: El): string[] {
  return el.children.filter((c) => /(^|:)Override$/.test(c.name)).map((c) => c.attrs.Locale);
}

/** Which resource collection a resid must point into, by the referencing element. */
function expectedCollection(el: El): Map<string, El> {
  if (el.name === 'bt:Image') return images;
  if (['SourceLocation', 'LearnMoreUrl', 'FunctionFile', 'Runtime'].includes(el.name)) return urls;
  if (['Label', 'Title'].includes(el.name)) return shortStrings;
  if (el.name === 'Description') return longStrings;
  throw new Error(`unexpected resid on <${el.name}>`);
}

const referencing = all(overrides, (e) => e.attrs.resid !== undefined);

describe('manifest.xml', () => {
  test('is well-formed XML', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  test('is a TaskPaneApp with the expected namespaces', () => {
    expect(app.name).toBe('OfficeApp');
    expect(app.attrs['xsi:type']).toBe('TaskPaneApp');
    expect(app.attrs.xmlns).toBe('http://schemas.microsoft.com/office/appforoffice/1.1');
    expect(app.attrs['xmlns:bt']).toBe('http://schemas.microsoft.com/office/officeappbasictypes/1.0');
    expect(overrides.attrs.xmlns).toBe('http://schemas.microsoft.com/office/taskpaneappversionoverrides');
    expect(overrides.attrs['xsi:type']).toBe('VersionOverridesV1_0');
  });

  test('Id is a fixed GUID, Version has four parts', () => {
    expect(child(app, 'Id').text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(child(app, 'Version').text).toMatch(/^\d{1,5}(\.\d{1,5}){3}$/);
  });

  test('default locale zh-CN; DisplayName and Description have en-US overrides within their limits', () => {
    expect(child(app, 'DefaultLocale').text).toBe('zh-CN');
    expect(chars(child(app, 'ProviderName').text)).toBeLessThanOrEqual(125);
    const displayName = child(app, 'DisplayName');
    const description = child(app, 'Description');
    expect(displayName.attrs.DefaultValue).toBe('持证进度助手');
    for (const el of [displayName, description]) expect(overrideLocales(el)).toEqual(['en-US']);
    for (const v of values(displayName)) expect(chars(v)).toBeGreaterThan(0);
    for (const v of values(displayName)) expect(chars(v)).toBeLessThanOrEqual(125);
    for (const v of values(description)) expect(chars(v)).toBeLessThanOrEqual(250);
  });

  test('Excel workbook host, ReadWriteDocument; required up front only ExcelApi 1.1 and SharedRuntime 1.1', () => {
    expect(child(app, 'Hosts').children.map((h) => h.attrs.Name)).toEqual(['Workbook']);
    expect(child(app, 'Permissions').text).toBe('ReadWriteDocument');
    const sets = child(child(app, 'Requirements'), 'Sets').children;
    // The shared runtime of the ribbon commands cannot work without SharedRuntime 1.1; every newer ExcelApi set
    // is checked at run time (src/host/excelHost.ts EXCEL_FEATURES), so older Excel still loads and is told why.
    expect(sets.map((s) => [s.name, s.attrs.Name, s.attrs.MinVersion])).toEqual([
      ['Set', 'ExcelApi', '1.1'],
      ['Set', 'SharedRuntime', '1.1'],
    ]);
    expect(all(overrides, (e) => e.name === 'Requirements')).toEqual([]);
  });

  test('one ribbon group: 打开助手 (ShowTaskpane), 本月合并 and 撤销合并 (ExecuteFunction)', () => {
    const groups = all(overrides, (e) => e.name === 'Group');
    expect(groups).toHaveLength(1);
    const controls = all(overrides, (e) => e.name === 'Control');
    expect(controls.map((c) => c.attrs.id)).toEqual(['Chizheng.OpenTaskpane', 'Chizheng.MergeMonth', 'Chizheng.UndoMerge']);
    const ids = all(overrides, (e) => e.attrs.id !== undefined && ['Group', 'Control', 'OfficeTab'].includes(e.name)).map((e) => e.attrs.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(chars(id)).toBeLessThanOrEqual(125);
    for (const control of controls) {
      expect(control.attrs['xsi:type']).toBe('Button');
      // Child order of a Button: Label, Supertip, Icon, Action.
      expect(control.children.map((c) => c.name)).toEqual(['Label', 'Supertip', 'Icon', 'Action']);
    }
    const label = (el: El) => shortStrings.get(child(el, 'Label').attrs.resid)?.attrs.DefaultValue;
    expect(label(groups[0])).toBe('人人持证');
    expect(controls.map(label)).toEqual(['打开助手', '本月合并', '撤销合并']);
    const [open, merge, undo] = controls.map((c) => child(c, 'Action'));
    expect(open.attrs['xsi:type']).toBe('ShowTaskpane');
    expect(urls.get(child(open, 'SourceLocation').attrs.resid)?.attrs.DefaultValue).toBe(`${DEV_URL}taskpane.html`);
    expect([merge, undo].map((a) => [a.attrs['xsi:type'], child(a, 'FunctionName').text])).toEqual([
      ['ExecuteFunction', 'mergeMonth'],
      ['ExecuteFunction', 'undoMerge'],
    ]);
    expect(groups[0].children.map((c) => c.name)).toEqual(['Label', 'Icon', 'Control', 'Control', 'Control']);
  });

  test('shared runtime: Runtimes first in the Host, lifetime long, one page for the runtime, the functions and the pane', () => {
    const host = child(child(overrides, 'Hosts'), 'Host');
    expect(host.attrs['xsi:type']).toBe('Workbook');
    expect(host.children.map((c) => c.name)).toEqual(['Runtimes', 'DesktopFormFactor']);
    const runtimes = child(host, 'Runtimes').children;
    expect(runtimes).toHaveLength(1);
    expect(runtimes[0].name).toBe('Runtime');
    expect(runtimes[0].attrs.lifetime).toBe('long');
    const desktop = child(host, 'DesktopFormFactor');
    expect(desktop.children.map((c) => c.name)).toEqual(['GetStarted', 'FunctionFile', 'ExtensionPoint']);
    // The shared runtime loads only when every reference uses the same resid (Office docs, "Configure your
    // Office Add-in to use a shared runtime").
    const resid = runtimes[0].attrs.resid;
    expect(child(desktop, 'FunctionFile').attrs.resid).toBe(resid);
    for (const a of all(overrides, (e) => e.name === 'Action' && e.attrs['xsi:type'] === 'ShowTaskpane')) {
      expect(child(a, 'SourceLocation').attrs.resid).toBe(resid);
    }
    expect(urls.get(resid)?.attrs.DefaultValue).toBe(child(child(app, 'DefaultSettings'), 'SourceLocation').attrs.DefaultValue);
  });

  test('no ShowTaskpane action under a long-lifetime runtime has a <TaskpaneId> (a shared runtime has one task pane)', () => {
    for (const host of all(overrides, (e) => e.name === 'Host')) {
      const long = all(host, (e) => e.name === 'Runtime' && e.attrs.lifetime === 'long');
      if (long.length === 0) continue;
      const actions = all(host, (e) => e.name === 'Action' && e.attrs['xsi:type'] === 'ShowTaskpane');
      expect(actions.length).toBeGreaterThan(0);
      for (const a of actions) expect(a.children.map((c) => c.name)).not.toContain('TaskpaneId');
    }
  });

  test('each ExecuteFunction name is associated by the ribbon script (and nowhere else), and has a handler', () => {
    const names = all(overrides, (e) => e.name === 'Action' && e.attrs['xsi:type'] === 'ExecuteFunction').map((a) => child(a, 'FunctionName').text);
    const sources: Array<{ file: string; text: string }> = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.tsx?$/.test(entry.name)) sources.push({ file: path.relative(ROOT, file), text: readFileSync(file, 'utf8') });
      }
    };
    walk(path.join(ROOT, 'src'));
    const associated = sources.flatMap(({ file, text }) => [...text.matchAll(/\.actions\.associate\(\s*['"]([^'"]+)['"]/g)].map((m) => `${file} ${m[1]}`));
    expect(names.length).toBeGreaterThan(0);
    expect([...associated].sort()).toEqual(names.map((n) => `src/commands/ribbon.ts ${n}`).sort());
    // The handlers the ribbon script loads (src/commands/commands.ts ribbonHandlers).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect([...require('../../src/commands/commands').RIBBON_FUNCTIONS].sort()).toEqual([...names].sort());
    for (const n of names) expect(chars(n)).toBeLessThanOrEqual(125);
  });

  test('the shared runtime page (taskpane.html) carries the ribbon script first, and the task pane shares its runtime', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const makeConfig = require('../../webpack.config.js');
    const config = await makeConfig({}, { mode: 'production' });
    const page = config.plugins.find(
      (p: { constructor: { name: string }; userOptions: { filename: string } }) =>
        p.constructor.name === 'HtmlWebpackPlugin' && p.userOptions.filename === 'taskpane.html',
    );
    expect(page.userOptions.chunks).toEqual(['ribbon', 'taskpane']);
    expect(config.entry.ribbon.import).toBe('./src/commands/ribbon.ts');
    // One webpack runtime on the page: the command code loaded by the ribbon script and the task pane share
    // module instances (one ExcelHost, one outcome store).
    expect(config.entry.taskpane.dependOn).toBe('ribbon');
    expect(config.plugins.map((p: { constructor: { name: string } }) => p.constructor.name)).toContain('BlockingScriptsPlugin');
  });

  test('every resid resolves to a resource of the right kind, and every resource is used', () => {
    expect(referencing.length).toBeGreaterThan(0);
    const used = new Set<string>();
    for (const el of referencing) {
      const target = expectedCollection(el);
      expect({ resid: el.attrs.resid, found: target.has(el.attrs.resid) }).toEqual({ resid: el.attrs.resid, found: true });
      used.add(el.attrs.resid);
    }
    for (const id of [...images.keys(), ...urls.keys(), ...shortStrings.keys(), ...longStrings.keys()]) {
      expect({ id, used: used.has(id) }).toEqual({ id, used: true });
    }
  });

  test('string resources are within their limits and all have an en-US override', () => {
    for (const [limit, strings] of [
      [125, shortStrings],
      [250, longStrings],
    ] as const) {
      for (const el of strings.values()) {
        expect({ id: el.attrs.id, locales: overrideLocales(el) }).toEqual({ id: el.attrs.id, locales: ['en-US'] });
        for (const v of values(el)) {
          expect(chars(v)).toBeGreaterThan(0);
          expect({ id: el.attrs.id, tooLong: chars(v) > limit }).toEqual({ id: el.attrs.id, tooLong: false });
        }
      }
    }
  });

  test('every URL is https, at most 2048 characters, and under the dev URL the build rewrites', () => {
    const urlElements = [
      child(app, 'IconUrl'),
      child(app, 'HighResolutionIconUrl'),
      child(app, 'SupportUrl'),
      child(child(app, 'DefaultSettings'), 'SourceLocation'),
      ...images.values(),
      ...urls.values(),
    ];
    for (const el of urlElements) {
      for (const v of values(el)) {
        expect(chars(v)).toBeLessThanOrEqual(2048);
        expect(v.startsWith(DEV_URL)).toBe(true);
      }
    }
  });

  test('icons exist in assets/ with the declared pixel sizes', () => {
    const expectSize = (url: string, size: number) => {
      const file = assetFile(url);
      expect(existsSync(file)).toBe(true);
      expect({ url, ...pngSize(file) }).toEqual({ url, width: size, height: size });
    };
    expectSize(child(app, 'IconUrl').attrs.DefaultValue, 32);
    expectSize(child(app, 'HighResolutionIconUrl').attrs.DefaultValue, 64);
    const refs = all(overrides, (e) => e.name === 'bt:Image' && e.attrs.resid !== undefined);
    expect(new Set(refs.map((r) => r.attrs.size))).toEqual(new Set(['16', '32', '80']));
    for (const ref of refs) {
      const image = images.get(ref.attrs.resid)!;
      for (const v of values(image)) expectSize(v, Number(ref.attrs.size));
    }
  });

  test('pages the manifest points to are emitted by the web build', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const makeConfig = require('../../webpack.config.js');
    const config = await makeConfig({}, { mode: 'production' });
    const pages = config.plugins
      .filter((p: { constructor: { name: string } }) => p.constructor.name === 'HtmlWebpackPlugin')
      .map((p: { userOptions: { filename: string } }) => p.userOptions.filename);
    expect(pages).toEqual(expect.arrayContaining(['taskpane.html', 'index.html']));
    for (const el of urls.values()) {
      const page = el.attrs.DefaultValue.slice(DEV_URL.length);
      expect(pages).toContain(page);
    }
    expect(pages).toContain(child(app, 'SupportUrl').attrs.DefaultValue.slice(DEV_URL.length));
  });
});

describe('production manifest (webpack copy transform)', () => {
  const saved = process.env.ADDIN_PUBLIC_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.ADDIN_PUBLIC_URL;
    else process.env.ADDIN_PUBLIC_URL = saved;
  });

  async function transformedManifest(): Promise<string> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const makeConfig = require('../../webpack.config.js');
    const config = await makeConfig({}, { mode: 'production' });
    const copy = config.plugins.find((p: { constructor: { name: string } }) => p.constructor.name === 'CopyPlugin');
    const pattern = copy.patterns.find((p: { from: string }) => p.from === 'manifest.xml');
    return String(await pattern.transform(Buffer.from(xml), MANIFEST));
  }

  test('ADDIN_PUBLIC_URL replaces every https://localhost:3000/ URL', async () => {
    process.env.ADDIN_PUBLIC_URL = 'https://chizheng.example.org/addin';
    const out = await transformedManifest();
    expect(out).not.toMatch(/https?:\/\/localhost/);
    expect(XMLValidator.validate(out)).toBe(true);
    expect(out).toContain('https://chizheng.example.org/addin/taskpane.html');
    expect(out).toContain('https://chizheng.example.org/addin/assets/icon-80.png');
  });

  test('without ADDIN_PUBLIC_URL the manifest is copied unchanged', async () => {
    delete process.env.ADDIN_PUBLIC_URL;
    expect(await transformedManifest()).toBe(xml);
  });

  test('a non-https ADDIN_PUBLIC_URL is refused', async () => {
    process.env.ADDIN_PUBLIC_URL = 'http://chizheng.example.org/';
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const makeConfig = require('../../webpack.config.js');
    await expect(makeConfig({}, { mode: 'production' })).rejects.toThrow(/https/);
  });
});
