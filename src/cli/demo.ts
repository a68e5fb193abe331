import { mkdirSync } from 'fs';
import { join } from 'path';
import { main } from './main';

/** `npm run demo`: the main job on the embedded 2023 data — a new master under out/ and its summary. */
async function demo(): Promise<number> {
  const outDir = join(process.cwd(), 'out');
  mkdirSync(outDir, { recursive: true });
  const master = join(outDir, '持证进度主表-2023.xlsx');
  const steps = [
    ['init', '--out', master, '--force'],
    ['status', master],
  ];
  for (const step of steps) {
    process.stderr.write(`\n$ cli ${step.join(' ')}\n`);
    const code = await main(step);
    if (code !== 0) return code;
  }
  return 0;
}

demo().then((code) => {
  process.exitCode = code;
});
