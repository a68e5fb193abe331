import { unzipSync } from 'fflate';
import { MasterBytesProblem, masterProblemText } from '../core/messages/masterText';
import { sniffBinary } from './fileKind';

export interface MasterBytesOptions {
  /** false: the caller inflates every part itself (failing fast) before SheetJS sees the file; the check skips it. */
  inflate?: boolean;
}

/**
 * The master's bytes judged before any parsing, with the limits reports get (size, zip bomb, encryption) and
 * one rule for every command: only .xlsx is a master (an .ods or .xls is refused with "另存为 .xlsx", never
 * half-read by SheetJS). Pure (no Node, no DOM): the CLI and the page call it first.
 */
export function masterBytesProblem(bytes: Uint8Array, options: MasterBytesOptions = {}): MasterBytesProblem | null {
  const kind = sniffBinary(bytes);
  if (!kind) return { reason: 'notWorkbook' };
  switch (kind.kind) {
    case 'encrypted':
      return { reason: 'encrypted' };
    case 'notSpreadsheet':
      return { reason: 'notWorkbook' };
    case 'unreadable': {
      const p = kind.problem;
      if (p.reason === 'empty') return { reason: 'empty' };
      if (p.reason === 'tooLarge') return { reason: 'tooLarge', sizeMb: p.sizeMb, limitMb: p.limitMb };
      if (p.reason === 'zipBomb') return { reason: 'zipBomb', unzippedMb: p.unzippedMb };
      if (p.reason === 'damagedZip') return { reason: 'damaged' };
      return { reason: 'notWorkbook' };
    }
    case 'workbook':
      if (kind.format !== 'xlsx') return { reason: 'saveAsXlsx', format: kind.format };
      return options.inflate === false || inflates(bytes) ? null : { reason: 'damaged' };
  }
}

/**
 * Every entry inflates (sizes were bounded by the sniff): SheetJS's own inflater can loop on a corrupt deflate
 * stream (found by fuzzing the report reader), fflate fails fast.
 */
function inflates(bytes: Uint8Array): boolean {
  try {
    unzipSync(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The Chinese message why `name` cannot be opened as the master, or null when its bytes may be read. */
export function checkMasterBytes(name: string, bytes: Uint8Array, options: MasterBytesOptions = {}): string | null {
  const problem = masterBytesProblem(bytes, options);
  return problem ? masterProblemText(name, problem, 'zh-CN') : null;
}
