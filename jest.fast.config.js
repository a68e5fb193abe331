/**
 * `npm run test:fast`: the suite without the tests that start other programs (LibreOffice, Chromium, xmllint,
 * poppler, the OCR engine, the built CLI) and the few long in-process ones (marked `@slow` in their first lines, and
 * test/hardening's scale and fuzz runs) — a few minutes instead of the full run. A test is left out when its file (or
 * a test helper it imports, directly or through other helpers) uses one of them; the list is worked out each run, so new tests fall on the right side.
 */
const fs = require('fs');
const path = require('path');
const base = require('./jest.config');

const SLOW = /helpers\/(libreoffice|unoCalc|scanForms|cli)|browser\/harness|playwright|soffice|xmllint|pdftoppm|NodeScanner|child_process/;
const root = path.join(__dirname, 'test');

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const sources = files(root).filter((f) => /\.(ts|tsx|js)$/.test(f));
const helpers = sources.filter((f) => !/\.test\.tsx?$/.test(f));
/** The test helpers a file imports (relative imports that resolve to a file under test/). */
function imported(file) {
  const out = [];
  for (const m of fs.readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
    const target = path.resolve(path.dirname(file), m[1]);
    for (const ext of ['.ts', '.tsx', '.js', '/index.ts']) if (helpers.includes(target + ext)) out.push(target + ext);
  }
  return out;
}
// Helpers that start another program, directly or through other helpers (worked out to a fixed point).
const slowHelpers = new Set(helpers.filter((f) => SLOW.test(fs.readFileSync(f, 'utf8'))));
for (let grew = true; grew;) {
  grew = false;
  for (const h of helpers) {
    if (!slowHelpers.has(h) && imported(h).some((i) => slowHelpers.has(i))) {
      slowHelpers.add(h);
      grew = true;
    }
  }
}
/** Whether a file, or a test helper it imports, starts another program. */
function slow(file) {
  const text = fs.readFileSync(file, 'utf8');
  if (SLOW.test(text) || /@slow\b/.test(text.slice(0, 400)) || file.includes(`${path.sep}hardening${path.sep}`)) return true;
  return imported(file).some((i) => slowHelpers.has(i));
}

const excluded = sources.filter((f) => /\.test\.tsx?$/.test(f) && slow(f));

module.exports = {
  ...base,
  testPathIgnorePatterns: ['/node_modules/', ...excluded.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))],
};
