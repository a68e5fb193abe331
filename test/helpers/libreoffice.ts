import { execFileSync } from 'child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, rmSync, existsSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join } from 'path';

/** Profile setting that makes Calc recalculate every formula of an .xlsx on load (it trusts cached values otherwise). */
const RECALC_PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>`;

export function sofficePath(): string | null {
  for (const p of ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice']) if (existsSync(p)) return p;
  return null;
}

/**
 * Convert files with LibreOffice headless in one process (batched: start-up dominates), with a fresh
 * profile that forces recalculation. Returns the converted files' bytes, in input order.
 */
export function convertWithLibreOffice(inputs: Array<{ name: string; bytes: Uint8Array }>, format: string): Buffer[] {
  const soffice = sofficePath();
  if (!soffice) throw new Error('LibreOffice (soffice) is not installed: .ci/run installs libreoffice-calc');
  const dir = mkdtempSync(join(tmpdir(), 'lo-'));
  try {
    const profile = join(dir, 'profile');
    mkdirSync(join(profile, 'user'), { recursive: true });
    writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), RECALC_PROFILE);
    const inDir = join(dir, 'in');
    const outDir = join(dir, 'out');
    mkdirSync(inDir);
    mkdirSync(outDir);
    const paths = inputs.map((f) => {
      const p = join(inDir, f.name);
      writeFileSync(p, f.bytes);
      return p;
    });
    execFileSync(soffice, [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', format, '--outdir', outDir, ...paths], {
      stdio: 'pipe',
      timeout: 240_000,
    });
    const ext = format.split(':')[0];
    return paths.map((p) => readFileSync(join(outDir, basename(p).replace(/\.[^.]+$/, `.${ext}`))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
