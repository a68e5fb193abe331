import { PerIndicator } from '../core/indicators';
import { Quota, QuotaTable, Unit, quotaTotals } from '../core/units';
import { parseNoticeQuotaText } from './noticeText';
import { parseQuotaWorkbook } from './workbookTable';

export interface QuotaImport {
  /** Null when the table cannot be used; `problems` says why. */
  table: QuotaTable | null;
  problems: string[];
  /** What changed against the previous year's list, for the coordinator to review. */
  changes: { renamed: string[]; added: string[]; dropped: string[] };
  /** Units whose category is neither stated, nor known from last year, nor evident from the name: to ask. */
  undecided: Array<{ id: number; name: string }>;
}

/** Categories a person chose for units the importer could not place, by 序号. */
export type ChosenCategories = ReadonlyMap<number, string>;

interface SourceRow {
  id: number;
  name: string;
  quota: Quota;
  /** Stated by the source (a 类别 column or a section row); null when it does not say. */
  category: string | null;
}

/**
 * The new year's table from rows read out of a notice, text or workbook. Categories: as the source states
 * them, else the previous year's by name (or by 序号 for a renamed unit), else from the name where evident;
 * units left without one are listed in a single problem. A 合计 row, when present, must equal the sums.
 */
function buildTable(
  rows: readonly SourceRow[],
  total: PerIndicator<number | null> | null,
  parseProblems: readonly string[],
  year: number,
  source: string,
  previous: QuotaTable,
  chosen: ChosenCategories,
): QuotaImport {
  const problems = [...parseProblems];
  const changes = { renamed: [] as string[], added: [] as string[], dropped: [] as string[] };
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
  const undecided: Array<{ id: number; name: string }> = [];
  for (const r of rows) {
    const before = previousByName.get(r.name);
    let category = r.category ?? before?.category ?? null;
    if (!before) {
      const sameId = previousById.get(r.id);
      if (sameId && !names.has(sameId.name)) {
        changes.renamed.push(`${r.id}：${sameId.name} → ${r.name}`);
        category = category ?? sameId.category;
      } else changes.added.push(`${r.id} ${r.name}`);
    }
    category = category ?? chosen.get(r.id) ?? null;
    if (category === null && previous.categories.length) {
      undecided.push({ id: r.id, name: r.name });
      continue;
    }
    units.push({ id: r.id, name: r.name, category: category ?? '', quota: r.quota });
  }
  if (undecided.length) {
    problems.push(
      `无法判断以下 ${undecided.length} 个单位的类别（上一年度的任务表中没有同名单位）：${undecided.map((u) => `${u.id} ${u.name}`).join('、')}。` +
        `请在 .xlsx 任务表中加一列“类别”，为这些单位填写 ${previous.categories.join('、')} 之一，再导入。`,
    );
  }
  for (const u of previous.units) {
    if (!names.has(u.name) && !changes.renamed.some((c) => c.startsWith(`${u.id}：${u.name} →`))) changes.dropped.push(`${u.id} ${u.name}`);
  }
  const { indicators, categories, keeper, reportsAs } = previous;
  if (total && !undecided.length) {
    const sums = quotaTotals({ indicators, units });
    for (const ind of indicators) {
      const t = total[ind.key] ?? null;
      if (t !== null && sums[ind.key] !== t) {
        problems.push(`合计行与各行之和不符（${ind.label}：合计 ${t}，各行之和 ${sums[ind.key]}）。请核对任务表是否完整、数字是否有误。`);
      }
    }
  }
  return { table: problems.length ? null : { year, source, keeper, reportsAs, indicators, categories, units }, problems, changes, undecided };
}

/**
 * A new year's task table from text copied out of the notice (tab-separated, page headers, "—", a 合计 row).
 * Categories come from the previous list by name, else from the name where evident; anything else is asked.
 */
export function importQuotaText(text: string, year: number, source: string, previous: QuotaTable, chosen: ChosenCategories = new Map()): QuotaImport {
  const parsed = parseNoticeQuotaText(text, previous.indicators);
  const problems = [...parsed.problems];
  if (parsed.rows.length === 0) problems.push(`没有找到任务行：每行应为“序号<Tab>单位名称${previous.indicators.map((i) => `<Tab>${i.label}`).join('')}”。`);
  return buildTable(
    parsed.rows.map((r) => ({ ...r, category: null })),
    parsed.total,
    problems,
    year,
    source,
    previous,
    chosen,
  );
}

/**
 * A new year's task table from a workbook (.xlsx, .xls, WPS .et, .ods) or CSV: a sheet with 序号, 单位名称,
 * optionally 类别, and the four indicator columns found by their header labels; "—" is no quota; a 合计 row
 * is checked when present (a table whose totals disagree is refused). Names are compared with `previous`.
 */
export function importQuotaWorkbook(bytes: Uint8Array | string, year: number, source: string, previous: QuotaTable, chosen: ChosenCategories = new Map()): QuotaImport {
  const parsed = parseQuotaWorkbook(bytes, previous.indicators, previous.categories);
  return buildTable(parsed.rows, parsed.total, parsed.problems, year, source, previous, chosen);
}

/** A spreadsheet file by its first bytes: zip (.xlsx/.xlsm/.ods) or OLE compound file (.xls/.et, encrypted .xlsx). */
export function isWorkbookBytes(bytes: Uint8Array): boolean {
  const sig = (s: number[]) => s.every((b, i) => bytes[i] === b);
  return sig([0x50, 0x4b, 0x03, 0x04]) || sig([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
}

/** Text as saved on a Chinese Windows: UTF-8 (with or without BOM), else GB18030 (ANSI). */
export function decodeQuotaText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/**
 * A task table file of any kind, told apart by its content (not its name): a workbook, CSV text (commas, no
 * tabs), or text copied out of the notice's PDF.
 */
export function importQuotaFile(bytes: Uint8Array, year: number, source: string, previous: QuotaTable, chosen: ChosenCategories = new Map()): QuotaImport {
  if (isWorkbookBytes(bytes)) return importQuotaWorkbook(bytes, year, source, previous, chosen);
  const text = decodeQuotaText(bytes);
  const csv = !text.includes('\t') && /^[^\n]*序号[^\n]*,/m.test(text);
  return csv ? importQuotaWorkbook(text, year, source, previous, chosen) : importQuotaText(text, year, source, previous, chosen);
}
