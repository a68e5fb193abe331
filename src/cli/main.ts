#!/usr/bin/env node
import { UsageError } from './args';
import { MasterFileError } from './errors';
import { phase } from './phases';

const USAGE = `用法：npm run --silent cli -- <命令> [参数]

命令：
  init --out 文件 [--quota 任务表] [--year 年度] [--keeper 保管单位] [--reports-as 上报名称] [--force]
        新建主表（默认使用内置的 2023 年任务分配表；--quota 导入任一年度、任一层级的任务表：.xlsx/.xls/.et/.ods/.csv，或从通知 PDF 复制的文本；年度和保管单位取自标题）
  status 文件 [--month 月份] [--json]
        各单位截至某月的完成情况（默认为主表的截至月份）
  merge 文件 --month 月份 报表文件或文件夹... [--json] [--dry-run]
        把各单位的月报表合并到主表的该月（重新合并同一月会替换，不会重复计数）
  undo 文件
        撤销最近一次合并
  check 文件 [--json]
        重新检查台账各月数据是否前后一致
  templates 文件 [--month 月份] --out 文件夹或.zip [--force]
        为每个单位生成预填好的月报模板（单位名称、年度任务、上月累计已填好并锁定，默认为截至月份的下一个月）
  summary 文件 [--month 月份] [--out 月报.xlsx]
        全省（全市）及各类别的汇总（对照应达进度）；--out 另存为本单位向上级报送的附件2月报表
  bulletin 文件 [--month 月份] --out 通报.docx [--top 个数] [--requirements 文本.txt] [--force]
        生成进度通报（Word 草稿）：总体进度、表现突出和进度滞后的单位、报送情况、下一步工作要求、附表

标准输出只输出结果；提示与错误信息输出到标准错误。`;

type Command = (args: string[]) => Promise<void>;

/** Each command loads its own modules when it runs: `status` and `merge` never load ExcelJS (init and summary do). */
const COMMANDS: Record<string, () => Promise<Command>> = {
  init: async () => (await import('./commands/init')).init,
  status: async () => (await import('./commands/status')).status,
  merge: async () => (await import('./commands/merge')).merge,
  undo: async () => (await import('./commands/undo')).undo,
  check: async () => (await import('./commands/check')).check,
  templates: async () => (await import('./commands/templates')).templates,
  summary: async () => (await import('./commands/summary')).summary,
  bulletin: async () => (await import('./commands/bulletin')).bulletin,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      process.stderr.write(`${USAGE}\n`);
      return command ? 0 : 1;
    }
    const load = Object.prototype.hasOwnProperty.call(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!load) throw new UsageError(`未知命令：${command}`);
    phase('main module loaded');
    const run = await load();
    phase(`${command}: modules loaded`);
    await run(rest);
    phase(`${command}: done`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      // The whole usage only when the command itself is wrong; otherwise the message says what to change.
      const known = command !== undefined && Object.prototype.hasOwnProperty.call(COMMANDS, command);
      process.stderr.write(known ? `错误：${e.message}\n（各命令的用法：npm run --silent cli -- --help）\n` : `错误：${e.message}\n\n${USAGE}\n`);
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
