/**
 * The floor the merge is measured against (`npm run bench`): what any tool must do at least, as a bare script.
 * Reads every report file with SheetJS, then reads the master with SheetJS and writes it again.
 *   node floor.js MASTER REPORTS_DIR OUT
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'fs';
import { join } from 'path';
import * as XLSX from 'xlsx';

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? files(p) : [p];
    });
}

const [master, reports, out] = process.argv.slice(2);
for (const f of files(reports)) {
  try {
    XLSX.read(readFileSync(f), { type: 'buffer', dense: true });
  } catch {
    // scans and PDFs are not spreadsheets: the read is what is timed
  }
}
// Not dense: SheetJS 0.20.3 fails to write a dense sheet with empty rows.
const wb = XLSX.read(readFileSync(master), { type: 'buffer', cellFormula: true });
writeFileSync(out, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }));
