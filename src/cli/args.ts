import { parseArgs } from 'util';

/** Usage errors: exit 1, with a Chinese message and the usage. */
export class UsageError extends Error {}

type Options = Record<string, { type: 'string' | 'boolean' }>;
export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export function parse(args: string[], options: Options): Parsed {
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

export function intOption(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name} 须为 ${min}–${max} 的整数，收到“${value}”。`);
  return n;
}

/** Local time as the log shows it: 2023-03-28 14:05:09. */
export { localTime as nowText } from '../core/clock';
