#!/usr/bin/env node
import { existsSync, promises as fs } from 'fs';
import { parseArgs } from 'util';
import { statusReport } from '../core/status';
import { embeddedQuota2023 } from '../quota/embedded2023';
import { importQuotaText } from '../quota/importTable';
import { newMasterModel } from '../workbook/model';
import { MasterFileError, openElsewhere, readMasterFile, writeMasterFile } from './masterFile';
import { statusText } from './statusText';

/** Usage errors: exit 1, with a Chinese message and the usage. */
class UsageError extends Error {}

const USAGE = `用法：npm run --silent cli -- <命令> [参数]

命令：
  init --out 文件 [--year 年度] [--quota 任务表文本] [--force]
        新建主表（默认使用内置的 2023 年任务分配表；--quota 导入从通知 PDF 复制的任务表文本）
  status 文件 [--month 月份] [--json]
        各单位截至某月的完成情况（默认为主表的截至月份）

标准输出只输出结果；提示与错误信息输出到标准错误。`;

type Options = Record<string, { type: 'string' | 'boolean' }>;
interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

function parse(args: string[], options: Options): Parsed {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true }) as Parsed;
  } catch (e) {
    const msg = (e as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(msg);
    if (unknown) throw new UsageError(`未知参数：${unknown[1]}`);
    const missing = /Option '([^']+?)(?: <value>)?' argument missing/.exec(msg);
    if (missing) throw new UsageError(`参数 ${missing[1].split(',').pop()!.trim()} 需要一个值。`);
    throw new UsageError(`参数有误：${msg}`);
  }
}

function intOption(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name} 须为 ${min}–${max} 的整数，收到“${value}”。`);
  return n;
}

async function init(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, {
    out: { type: 'string' },
    year: { type: 'string' },
    quota: { type: 'string' },
    force: { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError(`init 不接受位置参数：${positionals.join(' ')}`);
  const out = values.out as string | undefined;
  if (!out) throw new UsageError('init 需要 --out 文件，例如：init --out 主表.xlsx');
  if (!/\.xlsx$/i.test(out)) throw new UsageError(`主表须保存为 .xlsx 文件：${out}`);
  const year = intOption(values.year, '--year', 2000, 2100);
  if (existsSync(out) && !values.force) throw new UsageError(`${out} 已存在。如确实要覆盖，请加 --force（原文件将被替换）。`);
  if (openElsewhere(out)) throw new MasterFileError(`主表 ${out} 正被其他程序打开，请先关闭再重试。`);
  const embedded = embeddedQuota2023();
  let table = embedded;
  if (values.quota) {
    if (!year) throw new UsageError('导入任务表（--quota）时须用 --year 指明年度。');
    const text = await fs.readFile(values.quota as string, 'utf8').catch(() => {
      throw new UsageError(`无法读取任务表文件：${values.quota}`);
    });
    const imported = importQuotaText(text, year, `${values.quota}`, embedded);
    if (!imported.table) throw new UsageError(`任务表 ${values.quota} 无法导入：\n  ${imported.problems.join('\n  ')}`);
    table = imported.table;
    const { renamed, added, dropped } = imported.changes;
    if (renamed.length) process.stderr.write(`与 ${embedded.year} 年相比改名的单位：${renamed.join('；')}\n`);
    if (added.length) process.stderr.write(`新增单位：${added.join('；')}\n`);
    if (dropped.length) process.stderr.write(`不再列入的单位：${dropped.join('；')}\n`);
  } else if (year !== undefined && year !== embedded.year) {
    throw new UsageError(`内置的任务分配表是 ${embedded.year} 年的；新年度请用 --quota 导入该年的任务表。`);
  }
  await writeMasterFile(out, newMasterModel(table));
  process.stderr.write(`已新建主表：${out}（${table.year} 年度，${table.units.length} 个单位）\n`);
}

async function status(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { month: { type: 'string' }, json: { type: 'boolean' } });
  if (positionals.length !== 1) throw new UsageError('status 需要一个主表文件，例如：status 主表.xlsx');
  const month = intOption(values.month, '--month', 1, 12);
  const { model, problems } = await readMasterFile(positionals[0]);
  for (const p of problems) process.stderr.write(`注意：${p.message}\n`);
  const report = statusReport(model.table.year, model.table.units, model.ledger, month ?? model.month, model.pace);
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${statusText(report, model.table.units)}\n`);
}

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = { init, status };

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      process.stderr.write(`${USAGE}\n`);
      return command ? 0 : 1;
    }
    const run = COMMANDS[command];
    if (!run) throw new UsageError(`未知命令：${command}`);
    await run(rest);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`错误：${e.message}\n\n${USAGE}\n`);
      return 1;
    }
    if (e instanceof MasterFileError) {
      process.stderr.write(`错误：${e.message}\n`);
      return 2;
    }
    process.stderr.write(`内部错误：${(e as Error).message}\n请将此信息与所用文件一并反馈给维护者。\n`);
    return 3;
  }
}

if (require.main === module) {
  // `status … | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
