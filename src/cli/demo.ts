import { mkdirSync, rmSync } from 'fs';
import { join } from 'path';
import { writeSampleReports } from '../samples/writeSamples';
import { main } from './main';

/**
 * `npm run demo`: the main job on the embedded 2023 data. A new master under out/, realistic sample
 * reports of all 179 units for January and February (every layout and the usual mistakes), both months
 * merged (the unit that sends only a stamped scan sends a real one: read by OCR), then the Chinese summary: who is behind, who is missing, which files were rejected.
 */
async function demo(): Promise<number> {
  const outDir = join(process.cwd(), 'out');
  const reports = join(outDir, '示例报表');
  rmSync(reports, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const manifest = writeSampleReports(reports, { printedScans: true });
  process.stderr.write(`已生成示例报表：${manifest.files.length} 个文件，位于 ${reports}\n`);
  const master = join(outDir, '持证进度主表-2023.xlsx');
  const steps = [
    ['init', '--out', master, '--force'],
    ['merge', master, '--month', '1', join(reports, '1月')],
    ['merge', master, '--month', '2', join(reports, '2月')],
    ['status', master],
  ];
  for (const step of steps) {
    process.stderr.write(`\n$ npm run --silent cli -- ${step.map((a) => a.replace(process.cwd() + '/', '')).join(' ')}\n`);
    const code = await main(step);
    if (code !== 0) return code;
  }
  process.stderr.write(`\n主表：${master}（可用 Excel、WPS 或 LibreOffice 打开；“进度总览”中红色为滞后、黄色为预警）\n`);
  return 0;
}

demo().then((code) => {
  process.exitCode = code;
});
