/**
 * The import boundaries of eslint.config.mjs fire where the architecture says they must (issue #12): a core module
 * importing anything but the core, a module below the shells importing a shell, the CLI importing the Office.js
 * adapter, the task pane importing an adapter. Linted as if the text were in the file named.
 */
import { spawnSync } from 'child_process';
import { join } from 'path';

const ROOT = join(__dirname, '../..');
const use = (path: string) => `import * as m from '${path}';\nexport const used = m;\n`;

const REFUSED: Array<[string, string, RegExp]> = [
  ['src/core/probe.ts', '../workbook/layout', /src\/core imports only src\/core/],
  ['src/core/probe.ts', 'xlsx', /src\/core imports only src\/core/],
  ['src/core/probe.ts', 'fs', /src\/core imports only src\/core/],
  ['src/core/messages/probe.ts', '../../workbook/layout', /src\/core imports only src\/core/],
  ['src/core/messages/probe.ts', 'fflate', /src\/core imports only src\/core/],
  ['src/reports/probe.ts', '../taskpane/App', /Only the shells/],
  ['src/workflow/probe.ts', '../cli/args', /Only the shells/],
  ['src/cli/probe.ts', '../workbook/adapters/officeJs', /must not import the Office.js adapter/],
  ['src/cli/probe.ts', '../host/excelHost', /must not import the Office.js adapter/],
  ['src/taskpane/probe.ts', '../workbook/adapters/xlsxRead', /through its host/],
];
const ALLOWED: Array<[string, string]> = [
  ['src/core/probe.ts', './units'],
  ['src/core/messages/probe.ts', '../findings'],
  ['src/reports/probe.ts', '../core/units'],
  ['src/cli/probe.ts', '../workbook/adapters/xlsxRead'],
  ['src/taskpane/probe.ts', '../host/host'],
  ['src/commands/probe.ts', '../host/excelHost'],
];

/**
 * ESLint's own API in a node process of its own (it loads eslint.config.mjs with a dynamic import, which jest's
 * module system does not offer): the boundary messages of each probe text, linted as the file named.
 */
function lintProbes(probes: Array<[string, string]>): string[][] {
  const script = `
    const { ESLint } = require('eslint');
    const probes = JSON.parse(process.argv[1]);
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = [];
      for (const [file, text] of probes) {
        const [r] = await eslint.lintText(text, { filePath: require('path').join(process.cwd(), file) });
        out.push(r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message));
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((e) => { console.error(e); process.exit(1); });`;
  const r = spawnSync(process.execPath, ['-e', script, JSON.stringify(probes)], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as string[][];
}

let results: string[][];
beforeAll(() => {
  results = lintProbes([...REFUSED, ...ALLOWED].map(([file, path]) => [file, use(path)]));
}, 120_000);

test.each(REFUSED.map((r, i) => [...r, i] as const))('%s importing %s is refused', (_file, _path, message, i) => {
  expect(results[i]).toHaveLength(1);
  expect(results[i][0]).toMatch(message);
});

test.each(ALLOWED.map((a, i) => [...a, REFUSED.length + i] as const))('%s importing %s is allowed', (_file, _path, i) => {
  expect(results[i]).toEqual([]);
});
