import { readFileSync } from 'fs';
import { join } from 'path';

import { Unit, quotaTotals } from '../../src/core/units';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { INDICATORS, INDICATOR_KEYS } from '../helpers/table2023';

/** The notice 教办职成〔2023〕54号 as text (seeds/), the way test/quota reads it: its 附件1 is the 2023 table. */
export const noticeText = readFileSync(join(__dirname, '../../seeds/henan-2023-notice-jiaobanzhicheng-54.txt'), 'utf8');

/** The notice's text with its 合计 row's 培训任务 off by `delta`. */
export function noticeWithWrongTotal(delta: number): string {
  const lines = noticeText.split('\n');
  const i = lines.findIndex((l) => /^合\s*计\t/.test(l));
  if (i < 0) throw new Error('the seed notice has no 合计 row');
  const cells = lines[i].split('\t');
  cells[2] = String(Number(cells[2]) + delta);
  lines[i] = cells.join('\t');
  return lines.join('\n');
}

/** A task table as copied from a PDF: a page header, tab-separated rows, "—" for no quota, a right 合计 row. */
export function pastedTable(units: readonly Unit[], spell: (u: Unit) => string = (u) => u.name): string {
  const cell = (v: number | null) => (v === null ? '—' : String(v));
  const totals = quotaTotals({ indicators: INDICATORS, units });
  return [
    '序号\t单位名称\t培训任务（人次）\t取证人数（人）\t其中高级工及以上（人）\t1+X证书取证人数（人）',
    ...units.map((u) => [u.id, spell(u), ...INDICATOR_KEYS.map((k) => cell(u.quota[k]))].join('\t')),
    ['合 计', '', ...INDICATOR_KEYS.map((k) => String(totals[k]))].join('\t'),
  ].join('\n');
}

export const RENAMED = '河南新名字大学';
export const NEW_UNIT = '河南某某大学';

/**
 * Next year's list: unit 30 renamed (its name broken by a stray space, as PDFs do), unit 100 gone (the rest
 * move up one 序号), and a new unit at the end whose category cannot be told from its name.
 */
export function nextYearUnits(): Unit[] {
  const embedded = embeddedQuota2023().units;
  const kept = embedded.filter((u) => u.id !== 100).map((u, i) => ({ ...u, id: i + 1, name: u.id === 30 ? RENAMED : u.name }));
  return [...kept, { id: kept.length + 1, name: NEW_UNIT, category: '本科高校', quota: { training: 1000, certified: 600, advanced: 200, onePlusX: null } }];
}

export const nextYearText = () => pastedTable(nextYearUnits(), (u) => (u.name === RENAMED ? '河南新名字 大学' : u.name));
