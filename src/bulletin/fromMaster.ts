import { statusReport } from '../core/status';
import { provinceSummary } from '../summary/provinceSummary';
import { LOG_HEADERS } from '../workbook/layout';
import { MasterModel } from '../workbook/model';
import { BulletinInput, BulletinLateUnit } from './input';

/** The programme every task table of this tool belongs to (the circular's title quotes it). */
export const PROGRAMME = '人人持证、技能河南';

export interface BulletinSettings {
  /** 五、下一步工作要求: paragraphs; default: the master's saved text (配置), else the default draft. */
  requirements?: string[];
  addressees?: string;
  issuedOn?: string;
}

const column = (name: (typeof LOG_HEADERS)[number]) => LOG_HEADERS.indexOf(name);

/**
 * Units whose report for month M came after the due day: the LATE warning of the merge that gave the ledger its
 * month M (the latest merged row of the unit for M in 合并日志), with the date it was filled in.
 */
export function lateFromLog(model: MasterModel, month: number): BulletinLateUnit[] {
  const late = new Map<number, string | undefined>();
  for (const row of model.log) {
    if (row[column('操作')] !== '合并' || row[column('月份')] !== month || row[column('结果')] !== '已合并') continue;
    const id = row[column('序号')];
    if (typeof id !== 'number') continue;
    const text = String(row[column('说明')] ?? '');
    const warning = text.split('\n').find((line) => line.startsWith('[LATE]'));
    if (!warning) {
      late.delete(id);
      continue;
    }
    const filled = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(warning);
    late.set(id, filled ? `${Number(filled[2])}月${Number(filled[3])}日报送` : undefined);
  }
  const reported = new Set(
    statusReport(model.table, model.ledger, month, model.pace)
      .units.filter((u) => u.reported.includes(month))
      .map((u) => u.id),
  );
  return [...late].filter(([id]) => reported.has(id)).map(([id, note]) => (note ? { id, note } : { id }));
}

/** The master's saved 下一步工作要求 as paragraphs (one per line); undefined when none was saved. */
export function requirementParagraphs(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const paragraphs = text
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return paragraphs.length ? paragraphs : undefined;
}

/** What the circular of month M is written from: the master's own figures (the core's), nothing computed twice. */
export function bulletinInput(model: MasterModel, month: number, settings: BulletinSettings = {}): BulletinInput {
  const { table } = model;
  const status = statusReport(table, model.ledger, month, model.pace);
  const summary = provinceSummary(table, model.ledger, month, model.pace);
  return {
    programme: PROGRAMME,
    keeper: table.keeper || table.reportsAs,
    addressees: settings.addressees,
    source: table.source,
    issuedOn: settings.issuedOn,
    year: table.year,
    month,
    expectedRate: status.expectedRate,
    band: status.band,
    indicators: table.indicators.map(({ key, label, unit, parent, shortLabel }) => ({ key, label, unit, parent, shortLabel })),
    categories: [...table.categories],
    total: summary.province,
    byCategory: summary.categories,
    units: status.units,
    missing: status.missing,
    late: lateFromLog(model, month),
    requirements: (settings.requirements ?? requirementParagraphs(model.requirements))?.filter((p) => p.trim() !== ''),
  };
}
