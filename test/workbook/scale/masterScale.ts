/**
 * Figures for the README (never run by jest): create a master of N units × K indicators and print the time,
 * the peak RSS and the file's size; or print the XML size of each sheet of a master.
 *   npx tsc -p test/workbook/scale/tsconfig.json && node build/scale/test/workbook/scale/masterScale.js create 10000 8 /tmp/m.xlsx
 *   node build/scale/test/workbook/scale/masterScale.js sizes /tmp/m.xlsx
 * Run `/usr/bin/time -v` around it for an outside view of the peak RSS.
 */
import { readFileSync, writeFileSync } from 'fs';
import { unzipSync, strFromU8 } from 'fflate';
import { renderWorkbook } from '../../../src/workbook/adapters/xlsxRender';
import { masterSpec } from '../../../src/workbook/masterSpec';
import { newMasterModel } from '../../../src/workbook/model';
import { scaleTable } from '../../helpers/scaleTable';

async function main(): Promise<void> {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === 'create') {
    const [n, k, out] = [Number(args[0]), Number(args[1]), args[2]];
    const t = process.hrtime.bigint();
    const bytes = await renderWorkbook(masterSpec(newMasterModel(scaleTable(n, k))));
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    writeFileSync(out, bytes);
    const rss = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(JSON.stringify({ units: n, indicators: k, ms: Math.round(ms), maxRssMiB: Math.round(rss), bytes: bytes.length }) + '\n');
  } else if (mode === 'walk') {
    // Building every cell of the spec once (what a merge's cached results cost), for profiling.
    const [n, k] = [Number(args[0]), Number(args[1])];
    const t = process.hrtime.bigint();
    const spec = masterSpec(newMasterModel(scaleTable(n, k)));
    let cells = 0;
    for (const s of spec.sheets) for (let r = 1; r <= s.rowCount; r++) cells += s.row(r).length;
    process.stdout.write(JSON.stringify({ units: n, indicators: k, cells, ms: Math.round(Number(process.hrtime.bigint() - t) / 1e6) }) + '\n');
  } else if (mode === 'sizes') {
    const files = unzipSync(readFileSync(args[0]));
    const wb = strFromU8(files['xl/workbook.xml']);
    const rels = strFromU8(files['xl/_rels/workbook.xml.rels']);
    const sizes: Record<string, number> = {};
    for (const m of wb.matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) {
      const target = new RegExp(`Id="${m[2]}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${m[2]}"`).exec(rels)!;
      const path = (target[1] ?? target[2]).replace(/^\/?(xl\/)?/, 'xl/');
      sizes[m[1]] = files[path].length;
    }
    const total = Object.values(files).reduce((s, f) => s + f.length, 0);
    process.stdout.write(JSON.stringify({ file: readFileSync(args[0]).length, xmlTotal: total, sheets: sizes }) + '\n');
  } else throw new Error('usage: create N K out.xlsx | sizes file.xlsx');
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
