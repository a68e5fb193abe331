import { INDICATOR_KEYS, indicatorByKey } from '../core/indicators';
import { Category, QuotaTable, Unit, quotaTotals } from '../core/units';
import { parseNoticeQuotaText } from './noticeText';

export interface QuotaImport {
  /** Null when the table cannot be used; `problems` says why. */
  table: QuotaTable | null;
  problems: string[];
  /** What changed against the previous year's list, for the coordinator to review. */
  changes: { renamed: string[]; added: string[]; dropped: string[] };
}

/** A category read off a name where it is evident; null where a person must decide. */
function categoryFromName(name: string): Category | null {
  if (name === '济源示范区') return '济源示范区';
  if (/(职业|高等专科)/.test(name) && /(学院|大学|学校)$/.test(name.replace(/（.*）$/, ''))) return '高职高专院校';
  if (/^河南省.*学校$/.test(name)) return '省属中职学校';
  return null;
}

/**
 * A new year's task table from text copied out of the notice (tab-separated, page headers, "—", a 合计 row).
 * Categories come from the previous list by name, else from the name where evident; anything else is asked.
 */
export function importQuotaText(text: string, year: number, source: string, previous: QuotaTable): QuotaImport {
  const parsed = parseNoticeQuotaText(text);
  const problems = [...parsed.problems];
  const changes = { renamed: [] as string[], added: [] as string[], dropped: [] as string[] };
  const rows = parsed.rows;
  if (rows.length === 0) problems.push('没有找到任务行：每行应为“序号<Tab>单位名称<Tab>培训任务<Tab>取证人数<Tab>其中高级工及以上<Tab>1+X证书取证人数”。');
  rows.forEach((r, i) => {
    if (r.id !== i + 1) problems.push(`序号不连续：第 ${i + 1} 个任务行的序号是 ${r.id}，应为 ${i + 1}。`);
  });
  const names = new Map<string, number>();
  for (const r of rows) {
    if (names.has(r.name)) problems.push(`单位名称重复：“${r.name}”（序号 ${names.get(r.name)} 和 ${r.id}）。`);
    names.set(r.name, r.id);
  }
  const previousByName = new Map(previous.units.map((u) => [u.name, u]));
  const previousById = new Map(previous.units.map((u) => [u.id, u]));
  const units: Unit[] = [];
  for (const r of rows) {
    const before = previousByName.get(r.name);
    let category = before?.category ?? categoryFromName(r.name);
    if (!before) {
      const sameId = previousById.get(r.id);
      if (sameId && !names.has(sameId.name)) {
        changes.renamed.push(`${r.id}：${sameId.name} → ${r.name}`);
        category = category ?? sameId.category;
      } else changes.added.push(`${r.id} ${r.name}`);
    }
    if (!category) {
      problems.push(`无法判断“${r.name}”（序号 ${r.id}）的类别：请在 .xlsx 任务表中为它填写类别后再导入。`);
      continue;
    }
    units.push({ id: r.id, name: r.name, category, quota: r.quota });
  }
  for (const u of previous.units) {
    if (!names.has(u.name) && !changes.renamed.some((c) => c.startsWith(`${u.id}：${u.name} →`))) changes.dropped.push(`${u.id} ${u.name}`);
  }
  if (parsed.total) {
    const sums = quotaTotals(units);
    for (const key of INDICATOR_KEYS) {
      if (sums[key] !== parsed.total[key]) {
        problems.push(`合计行与各行之和不符（${indicatorByKey(key).label}：合计 ${parsed.total[key]}，各行之和 ${sums[key]}）。请核对复制的文本是否完整。`);
      }
    }
  }
  return { table: problems.length ? null : { year, source, units }, problems, changes };
}
