import { groupLine, unitsByCategory } from '../../core/groups';
import { FINDING_TITLES } from '../../core/findings';
import type { Indicator } from '../../core/indicators';
import type { ReadReportsResult } from '../../core/report';
import type { NodeScanner } from '../../scan/nodeScan';
import { LazyReportFile, MergeJson, ReportFile, ScanReader, readReportFileAsync } from '../../workflow/merge';
import type { MergeRequest } from '../../workflow/session';
import { MasterModel } from '../../workbook/model';
import { UsageError, intOption, nowText, parse } from '../args';
import { assertMasterWritable, readMasterFile } from '../masterFile';
import { masterOnDisk } from '../masterOnDisk';
import { phase, timedAsync } from '../phases';
import { collectReportFiles } from '../reportFiles';

export function mergeText(json: MergeJson, model: MasterModel): string {
  const lines: string[] = [];
  const warned = json.merged.filter((m) => m.warnings.length).length;
  lines.push(
    `${json.month} 月合并：已合并 ${json.merged.length} 份（其中 ${warned} 份有提示），未合并 ${json.rejected.length} 份，仍未报送 ${json.missing.length} 个单位。`,
  );
  if (json.rejected.length) {
    lines.push('', '未合并（需要处理）：');
    for (const r of json.rejected) lines.push(`  [${FINDING_TITLES[r.code]}] ${r.message}`);
  }
  if (warned) {
    lines.push('', '已合并但请核对：');
    for (const m of json.merged) for (const w of m.warnings) lines.push(`  [${FINDING_TITLES[w.code]}] ${w.message}`);
  }
  if (json.missing.length) {
    lines.push('', `${json.month} 月仍未报送：`);
    for (const g of unitsByCategory(model.table, json.missing)) lines.push(`  ${groupLine(g)}`);
  }
  return lines.join('\n');
}

type ReadFile = NonNullable<MergeRequest['readFile']>;

/** Names that are read ahead as scans; a scan named otherwise is still read (in its turn), a misnamed file too. */
const SCAN_NAME = /\.(pdf|png|jpe?g)$/i;

/**
 * Reads report files, scans included, with a progress line per scan on stderr. The scan modules load only when
 * a scan is read. Files named as scans are read ahead, one at a time, from the start: the PDF reader and the OCR
 * engine run in worker threads, so they work while this thread parses the spreadsheets, and the merge takes
 * each result in its turn (the same result as read in order: a file's reading depends on its bytes alone).
 */
function scanFileReader(files: readonly LazyReportFile[], indicators: readonly Indicator[]): { readFile: ReadFile; close: () => Promise<void> } {
  let scanner: Promise<NodeScanner> | null = null;
  const scan: ScanReader = async (name, bytes, wanted) => {
    const reader = await (scanner ??= import('../../scan/nodeScan').then((m) => new m.NodeScanner()));
    process.stderr.write(`正在读取扫描件 ${name} …\n`);
    const started = Date.now();
    const result = await timedAsync('scan files (within report files)', () => reader.read(name, bytes, wanted));
    const pages = result.pages.map((p) => `第${p.page}页：${p.found ? (p.source === 'text-layer' ? '读自文字层' : '文字识别') : '未找到月报表'}`).join('，');
    process.stderr.write(`  ${pages}；用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒\n`);
    return result;
  };
  const read: ReadFile = (file, wanted) => timedAsync('report files', () => readReportFileAsync(file, wanted, scan));
  const ahead = new Map<ReportFile | LazyReportFile, Promise<ReadReportsResult>>();
  let queue: Promise<unknown> = Promise.resolve();
  for (const f of files) {
    if (!SCAN_NAME.test(f.name)) continue;
    const result = queue.then(() => read(f, indicators));
    ahead.set(f, result);
    queue = result.catch(() => undefined);
  }
  const key = JSON.stringify(indicators);
  return {
    readFile: (file, wanted) => {
      const early = ahead.get(file);
      ahead.delete(file);
      // Read ahead for the master's indicators as loaded; should the merge ask for others, the file is read again.
      return early && JSON.stringify(wanted) === key ? early : read(file, wanted);
    },
    close: async () => {
      await queue;
      if (scanner) await (await scanner).close();
    },
  };
}

export async function merge(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { month: { type: 'string' }, json: { type: 'boolean' }, 'dry-run': { type: 'boolean' } });
  const [master, ...paths] = positionals;
  if (!master || paths.length === 0) throw new UsageError('merge 需要主表文件和至少一个报表文件或文件夹，例如：merge 主表.xlsx --month 3 报表/3月');
  let month = intOption(values.month, '--month', 1, 12);
  // A master open elsewhere is refused now, not after every report and scan was read (a dry run writes nothing).
  if (values['dry-run'] !== true) await assertMasterWritable(master);
  const file = await readMasterFile(master);
  phase('merge: master read');
  if (month === undefined) {
    if (file.model.month >= 12) throw new UsageError('主表已合并到 12 月：请用 --month 指明要合并的月份。');
    month = file.model.month + 1;
    process.stderr.write(`未指定 --month，按截至月份 + 1 合并 ${month} 月。\n`);
  }
  const { files, skipped } = await collectReportFiles(paths, master);
  for (const s of skipped) process.stderr.write(`已跳过：${s}\n`);
  phase('merge: report files listed');
  // The same merge as the add-in and the page run (the command layer), over the file: backup, then an atomic write.
  const { master: layer, disk } = await masterOnDisk(master, file, { dryRun: values['dry-run'] === true, time: nowText() });
  phase('merge: command layer loaded the master');
  // Scans and photos: text layer first, OCR when none; the OCR engine starts on first use.
  const scans = scanFileReader(files, layer.state().model!.table.indicators);
  let json: MergeJson;
  try {
    json = await layer.merge({ month, files, includeSheets: false, readFile: scans.readFile });
  } finally {
    await scans.close();
  }
  phase('merge: merged, written, scanner closed');
  if (values['dry-run']) {
    process.stderr.write('试合并（--dry-run）：主表未做任何修改。\n');
  } else {
    process.stderr.write(`已写入主表 ${master}（合并前的主表已备份为 ${disk.backups[0]}）。\n`);
  }
  process.stdout.write(values.json ? `${JSON.stringify(json, null, 2)}\n` : `${mergeText(json, layer.state().model!)}\n`);
  phase('merge: result printed');
}
