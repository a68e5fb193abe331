/*
 * Issue #15.5: the pane's screens do not bring SheetJS (~350 KB) into the first load; the report reader, the import
 * dry run and the quota importer come with import() when they are used. Checked on the static import graph the
 * bundler follows (value imports; `import type` and imports used only as types are erased; import() starts a chunk).
 * src/bench/initialJs.ts measures the built pages.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');

function resolve(from: string, spec: string): string {
  if (!spec.startsWith('.')) return `package:${spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]}`;
  const base = path.resolve(path.dirname(from), spec);
  for (const c of [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), base]) if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
  throw new Error(`cannot resolve ${spec} from ${from}`);
}

/** Modules a file imports statically, as the emitted code does (what is used only as a type is gone). */
function staticImports(file: string): string[] {
  if (!/\.tsx?$/.test(file)) return [];
  const out = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2021, jsx: ts.JsxEmit.ReactJSX },
    fileName: file,
  }).outputText;
  const specs = [...out.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? m[2]);
  return specs.map((s) => resolve(file, s));
}

/** Shortest static import chain from `entry` to `target` (a file or `package:name`), or null. */
function chain(entry: string, target: string): string[] | null {
  const start = path.join(ROOT, entry);
  const previous = new Map<string, string | null>([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const file = queue.shift()!;
    if (file === target) break;
    if (file.startsWith('package:')) continue;
    for (const next of staticImports(file)) {
      if (previous.has(next)) continue;
      previous.set(next, file);
      queue.push(next);
    }
  }
  if (!previous.has(target)) return null;
  const path_: string[] = [];
  for (let f: string | null | undefined = target; f; f = previous.get(f)) path_.unshift(path.relative(ROOT, f));
  return path_;
}

test('the App and every screen reach neither SheetJS nor ExcelJS nor docx statically', () => {
  // docx (~100 KB gzipped) comes with 生成通报（Word）; resvg is the CLI's chart renderer and never belongs in a page.
  for (const pkg of ['package:xlsx', 'package:exceljs', 'package:docx', 'package:@resvg/resvg-js']) {
    expect({ pkg, chain: chain('src/taskpane/App.tsx', pkg) }).toEqual({ pkg, chain: null });
  }
  // …nor the reader and the merge planning that bring SheetJS.
  for (const file of [
    'src/bulletin/bulletinDocx.ts',
    'src/bulletin/ofMaster.ts',
    'src/reports/readReports.ts',
    'src/reports/fileKind.ts',
    'src/workflow/merge.ts',
    'src/workflow/manualEntry.ts',
    'src/worker/readOne.ts',
  ]) {
    expect({ file, chain: chain('src/taskpane/App.tsx', path.join(ROOT, file)) }).toEqual({ file, chain: null });
  }
});

test('the tracer sees a static path where there is one (it is not blind)', () => {
  expect(chain('src/workflow/merge.ts', 'package:xlsx')).toEqual(expect.arrayContaining(['src/workflow/merge.ts']));
  expect(chain('src/reports/fileKind.ts', 'package:xlsx')).toEqual(['src/reports/fileKind.ts', 'package:xlsx']);
  // The lazily loaded modules are there, behind import().
  expect(fs.readFileSync(path.join(ROOT, 'src/taskpane/reportParser.ts'), 'utf8')).toMatch(
    /import\(\/\* webpackChunkName: "report-reader" \*\/ '\.\.\/worker\/readOne'\)/,
  );
  expect(chain('src/bulletin/ofMaster.ts', 'package:docx')).toEqual(['src/bulletin/ofMaster.ts', 'src/bulletin/bulletinDocx.ts', 'package:docx']);
  expect(fs.readFileSync(path.join(ROOT, 'src/taskpane/bulletinDownload.ts'), 'utf8')).toMatch(
    /import\(\/\* webpackChunkName: "bulletin" \*\/ '\.\.\/bulletin\/ofMaster'\)/,
  );
  expect(fs.readFileSync(path.join(ROOT, 'src/taskpane/screens/ImportMerge.tsx'), 'utf8')).toMatch(
    /import\(\/\* webpackChunkName: "import-tools" \*\/ '\.\.\/importTools'\)/,
  );
});
