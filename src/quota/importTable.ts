import { Indicator, indicatorProblems } from '../core/indicators';
import { QuotaTable, Unit, quotaTotals } from '../core/units';
import { LIMITS, decodeText, restoreZip, sniffFile } from '../reports/fileKind';
import { categoryMatcher } from '../reports/indicatorLabels';
import { normalizeUnitName } from '../reports/unitNames';
import { fileTypeText, unreadableReason } from '../core/messages/findingText';
import { readNoticeText } from './noticeText';
import { ReadTable } from './readTable';
import { reportsAsOf } from './title';
import { readQuotaWorkbook } from './workbookTable';

/**
 * A task table imported from what coordinators have (the notice's text, a workbook, a CSV): the table defines
 * its indicators and categories; its title says the year and who keeps the master. The previous table (the open
 * master's, or the embedded 2023 one) is compared with only when it is the same keeper's: it then gives the
 * categories of units the new table does not place, and the changes (renamed, added, dropped) to review.
 */

export interface QuotaImport {
  /** Null when the table cannot be used; `problems` says why. */
  table: QuotaTable | null;
  problems: string[];
  /** What changed against the previous table (empty when that is another keeper's table), for review. */
  changes: { renamed: string[]; added: string[]; dropped: string[] };
  /** Units whose category is neither stated by the table nor known from the previous one: to ask. */
  undecided: Array<{ id: number; name: string }>;
  /** What was understood, shown by `init` and the pane even when the table is refused; null when nothing was read. */
  read: ImportFacts | null;
}

export interface ImportFacts {
  /** 工作表“…” for a workbook; null for text. */
  sheet: string | null;
  indicators: Indicator[];
  /** Categories in order, with how many units each has; empty for a table without categories. */
  categories: Array<{ label: string; units: number }>;
  /** Where the categories came from. */
  categorySource: 'column' | 'sections' | 'previous' | null;
  unitCount: number;
  /** The 合计 row and its check per indicator; null when the table has none. */
  total: {
    where: string;
    results: Array<{ key: string; label: string; total: number | null; sum: number; /** no unit has this task */ none: boolean }>;
  } | null;
  keeper: string;
  reportsAs: string;
  keeperFrom: 'option' | 'title' | 'previous' | null;
  year: number | null;
  yearFrom: 'option' | 'title' | null;
  /** The title line the year and keeper were read from. */
  title: string | null;
  /** The previous table compared with (same keeper), or null. */
  comparedWith: { year: number; keeper: string } | null;
  /** Header labels of columns that are no indicator (备注, 联系人…). */
  ignoredColumns: string[];
  /** Remarks that do not stop the import (the year given differs from the title's). */
  notes: string[];
}

export interface ImportOptions {
  /** Who keeps the master (init --keeper): wins over the title. */
  keeper?: string;
  /** The name it reports upward as (init --reports-as); derived from the keeper when not given. */
  reportsAs?: string;
}

/** Categories a person chose for units the importer could not place, by 序号. */
export type ChosenCategories = ReadonlyMap<number, string>;

const NO_CHANGES = (): QuotaImport['changes'] => ({ renamed: [], added: [], dropped: [] });

/** Long lists of row problems are cut: the first ones say what to fix, the count says how many more. */
const MAX_PROBLEMS = 20;

function capped(problems: string[]): string[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  return [...problems.slice(0, MAX_PROBLEMS), `……另有 ${problems.length - MAX_PROBLEMS} 处问题未列出（改正以上各处后再导入，会列出其余的）。`];
}

const sameBody = (a: string, b: string) => normalizeUnitName(a) === normalizeUnitName(b);

/** Who keeps the master: --keeper, else the title, else the previous table's keeper when it is the same list. */
function keeperOf(
  read: ReadTable,
  previous: QuotaTable,
  options: ImportOptions,
): { keeper: string; reportsAs: string; from: ImportFacts['keeperFrom'] } | null {
  if (options.keeper?.trim()) {
    const keeper = options.keeper.trim();
    return { keeper, reportsAs: options.reportsAs?.trim() || reportsAsOf(keeper), from: 'option' };
  }
  if (read.title.keeper) return { keeper: read.title.keeper, reportsAs: options.reportsAs?.trim() || reportsAsOf(read.title.keeper), from: 'title' };
  const names = new Set(previous.units.map((u) => normalizeUnitName(u.name)));
  const overlap = read.rows.filter((r) => names.has(normalizeUnitName(r.name))).length;
  if (previous.keeper && (previous.units.length === 0 || overlap * 2 >= read.rows.length)) {
    return { keeper: previous.keeper, reportsAs: options.reportsAs?.trim() || previous.reportsAs, from: 'previous' };
  }
  return null;
}

/** The new table from what was read, checked; compared with `previous` when it is the same keeper's. */
function buildTable(
  read: ReadTable,
  yearGiven: number | null,
  source: string,
  previous: QuotaTable,
  chosen: ChosenCategories,
  options: ImportOptions,
): QuotaImport {
  // How many indicators the header has is already said by the reader (none found, more than eight).
  const problems = [...read.problems, ...indicatorProblems(read.indicators).filter((p) => !p.startsWith('任务表应有'))];
  const notes: string[] = [];
  const rows = read.rows;
  if (rows.length === 0 && read.indicators.length > 0 && !read.problems.length) problems.push('表头下没有任务行：每个单位一行，第一列是序号（1、2、3…）。');

  const year = yearGiven ?? read.title.year;
  if (year === null) problems.push('任务表的标题中没有年度（如“2024年度任务分配表”）：请指明年度（命令行用 --year 2024，任务窗格填写“年度”）。');
  else if (yearGiven !== null && read.title.year !== null && read.title.year !== yearGiven) {
    notes.push(`任务表标题写的是 ${read.title.year} 年度，按指定的 ${yearGiven} 年度建立主表。`);
  }

  const who = keeperOf(read, previous, options);
  if (!who) {
    problems.push(
      '看不出这张任务表由哪个单位保管主表：标题中没有“河南省教育系统…”“安阳市教育系统…”或“××县教育体育局…”之类的字样，单位名单也与上一年度的不同。' +
        '请在表格上方加一行标题（如“安阳市教育系统“人人持证、技能河南”建设工作2024年度任务分配表”），或在命令行用 --keeper 指明（如 --keeper 安阳市教育局）。',
    );
  }
  const keeper = who?.keeper ?? '';
  const reportsAs = who?.reportsAs ?? '';
  const related = !!who && !!previous.reportsAs && sameBody(reportsAs, previous.reportsAs);

  if (related) {
    const was = new Set(previous.indicators.map((i) => i.label));
    const now = new Set(read.indicators.map((i) => i.label));
    const gone = previous.indicators.filter((i) => !now.has(i.label)).map((i) => `“${i.label}”`);
    const added = read.indicators.filter((i) => !was.has(i.label)).map((i) => `“${i.label}”`);
    if (gone.length || added.length) {
      notes.push(
        `与 ${previous.year} 年度任务表相比，指标有变化：${[added.length ? `新增${added.join('、')}` : '', gone.length ? `不再有${gone.join('、')}` : ''].filter(Boolean).join('；')}。`,
      );
    }
  }
  rows.forEach((r, i) => {
    if (r.id !== i + 1 && (i === 0 || rows[i - 1].id === i)) {
      problems.push(`${r.where}的序号是 ${r.id}，应为 ${i + 1}：序号须从 1 起连续，请检查是否漏行、重行。`);
    }
  });
  const names = new Map<string, { id: number; where: string }>();
  for (const r of rows) {
    const seen = names.get(r.name);
    if (seen) problems.push(`单位名称重复：“${r.name}”（${seen.where}序号 ${seen.id}，${r.where}序号 ${r.id}）。请核对后只保留一个，或改正名称。`);
    else names.set(r.name, r);
  }

  // Categories: as the table states them (mapped onto last year's spelling), else last year's by name.
  const match = related && previous.categories.length ? categoryMatcher(previous.categories) : null;
  const labelOf = (text: string) => (match ? (match(text) ?? text) : text);
  const stated = read.categories.map(labelOf);
  const changes = NO_CHANGES();
  const previousByName = new Map(related ? previous.units.map((u) => [u.name, u]) : []);
  const previousById = new Map(related ? previous.units.map((u) => [u.id, u]) : []);
  const used: string[] = [];
  const units: Unit[] = [];
  const undecided: Array<{ id: number; name: string }> = [];
  let fromPrevious = false;
  for (const r of rows) {
    const before = previousByName.get(r.name);
    let category = r.category !== null ? labelOf(r.category) : null;
    if (category === null && before) {
      category = before.category || null;
      fromPrevious ||= category !== null;
    }
    if (related && !before) {
      const sameId = previousById.get(r.id);
      if (sameId && !names.has(sameId.name)) {
        changes.renamed.push(`${r.id}：${sameId.name} → ${r.name}`);
        if (category === null && sameId.category) {
          category = sameId.category;
          fromPrevious = true;
        }
      } else changes.added.push(`${r.id} ${r.name}`);
    }
    category ??= chosen.get(r.id) ?? null;
    if (category !== null && !used.includes(category)) used.push(category);
    units.push({ id: r.id, name: r.name, category: category ?? '', quota: r.quota });
  }
  if (related) {
    const renamedIds = new Set(changes.renamed.map((c) => Number(c.slice(0, c.indexOf('：')))));
    for (const u of previous.units) if (!names.has(u.name) && !renamedIds.has(u.id)) changes.dropped.push(`${u.id} ${u.name}`);
  }
  const inheritedOnly = stated.length === 0 && fromPrevious;
  // Inherited categories keep last year's order; only those in use are kept (a table of cities has no 本科高校).
  const categories = inheritedOnly
    ? [...previous.categories.filter((c) => used.includes(c)), ...used.filter((c) => !previous.categories.includes(c))]
    : [...new Set([...stated, ...used])];
  if (categories.length) {
    for (const u of units) if (!u.category) undecided.push({ id: u.id, name: u.name });
  }
  if (undecided.length) {
    problems.push(
      `无法判断以下 ${undecided.length} 个单位的类别（任务表没有写，上一年度的任务表中也没有同名单位）：${undecided
        .slice(0, 50)
        .map((u) => `${u.id} ${u.name}`)
        .join('、')}${undecided.length > 50 ? ` 等` : ''}。` + `请在 .xlsx 任务表中加一列“类别”，为这些单位填写 ${categories.join('、')} 之一，再导入。`,
    );
  }

  let total: ImportFacts['total'] = null;
  if (read.total && read.totalWhere) {
    const sums = quotaTotals({ indicators: read.indicators, units });
    total = {
      where: read.totalWhere,
      results: read.indicators.map((i) => ({
        key: i.key,
        label: i.label,
        total: read.total![i.key] ?? null,
        sum: sums[i.key],
        none: units.every((u) => u.quota[i.key] === null),
      })),
    };
    if (!undecided.length) {
      for (const t of total.results) {
        if (t.total !== null && t.total !== t.sum) {
          problems.push(
            `合计行与各行之和不符（${t.label}：合计 ${t.total}，各行之和 ${t.sum}；合计行在${read.totalWhere}）。请核对任务表是否完整、数字是否有误。`,
          );
        }
      }
    }
  }

  const read2: ImportFacts = {
    sheet: read.sheet,
    indicators: read.indicators,
    categories: categories.map((label) => ({ label, units: units.filter((u) => u.category === label).length })),
    categorySource: read.categorySource ?? (fromPrevious ? 'previous' : null),
    unitCount: units.length,
    total,
    keeper,
    reportsAs,
    keeperFrom: who?.from ?? null,
    year,
    yearFrom: yearGiven !== null ? 'option' : read.title.year !== null ? 'title' : null,
    title: read.title.line,
    comparedWith: related ? { year: previous.year, keeper: previous.keeper } : null,
    ignoredColumns: read.ignoredColumns,
    notes,
  };
  const table: QuotaTable | null =
    problems.length || year === null
      ? null
      : { year, source: source || (read.title.notice ?? ''), keeper, reportsAs, indicators: read.indicators, categories, units };
  return { table, problems: capped(problems), changes, undecided, read: read2 };
}

function refused(problems: string[]): QuotaImport {
  return { table: null, problems, changes: NO_CHANGES(), undecided: [], read: null };
}

/** From text copied out of the notice (or a spreadsheet): see readNoticeText. `year` null: the title's. */
export function importQuotaText(
  text: string,
  year: number | null,
  source: string,
  previous: QuotaTable,
  chosen: ChosenCategories = new Map(),
  options: ImportOptions = {},
): QuotaImport {
  const read = readNoticeText(text, previous.indicators);
  if (!read.table) return refused(read.problems);
  return buildTable(read.table, year, source, previous, chosen, options);
}

/** From a workbook (.xlsx, .xls, WPS .et, .ods) or CSV text: see readQuotaWorkbook. */
export function importQuotaWorkbook(
  bytes: Uint8Array | string,
  year: number | null,
  source: string,
  previous: QuotaTable,
  chosen: ChosenCategories = new Map(),
  options: ImportOptions = {},
): QuotaImport {
  const read = readQuotaWorkbook(bytes, previous.indicators);
  if (!read.table) return refused(read.problems);
  return buildTable(read.table, year, source, previous, chosen, options);
}

/** A spreadsheet file by its first bytes: zip (.xlsx/.xlsm/.ods) or OLE compound file (.xls/.et, encrypted .xlsx). */
export function isWorkbookBytes(bytes: Uint8Array): boolean {
  const sig = (s: number[]) => s.every((b, i) => bytes[i] === b);
  return sig([0x50, 0x4b, 0x03, 0x04]) || sig([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
}

/** Text as saved on a Chinese Windows: the one decoder reports use too (BOM, else strict UTF-8, else GB18030). */
export const decodeQuotaText = decodeText;

const isUtf16 = (b: Uint8Array) => (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff);

/**
 * A task table file of any kind, told apart by its content (not its name): a workbook, CSV text (commas, no
 * tabs), a web page saved as .xls, or text copied out of the notice. The size, zip-bomb and encryption checks
 * are those of reports.
 */
export function importQuotaFile(
  bytes: Uint8Array,
  year: number | null,
  source: string,
  previous: QuotaTable,
  chosen: ChosenCategories = new Map(),
  options: ImportOptions = {},
): QuotaImport {
  if (bytes.length > LIMITS.maxBytes) {
    return refused([
      `任务表文件过大（${(bytes.length / 1024 / 1024).toFixed(1)} MB，上限 ${LIMITS.maxBytes / 1024 / 1024} MB），未导入。请只保留任务分配表所在的工作表后另存再导入。`,
    ]);
  }
  let text: string;
  if (isUtf16(bytes)) text = decodeText(bytes);
  else {
    const kind = sniffFile(bytes);
    if (kind.kind === 'unreadable') return refused([`任务表无法读取：${unreadableReason(kind.problem)}。请在 Excel/WPS 中打开确认后另存为 .xlsx 再导入。`]);
    if (kind.kind === 'encrypted') return refused(['任务表文件设置了密码：请在 Excel/WPS 中取消密码后另存，再导入。']);
    if (kind.kind === 'notSpreadsheet') {
      const pdf = kind.type === 'pdf';
      return refused([
        pdf
          ? '这是 PDF 文件，不能直接导入：请在 PDF 中选中任务分配表（连同表头）复制，粘贴到“导入任务表”的文本框中；或粘贴到记事本保存为 .txt 后导入。'
          : `这是${fileTypeText(kind.type)}，不是任务表：请导入 Excel/WPS 表格（.xlsx、.xls、.et、.ods）、CSV，或从通知中复制的文字（.txt）。`,
      ]);
    }
    if (kind.kind === 'workbook') {
      const clean = kind.format === 'xls' ? bytes : restoreZip(bytes);
      if (!clean) return refused(['任务表无法读取：文件已损坏（压缩结构有误）。请在 Excel/WPS 中打开确认后另存为 .xlsx 再导入。']);
      return importQuotaWorkbook(clean, year, source, previous, chosen, options);
    }
    if (kind.html) return importQuotaWorkbook(kind.text, year, source, previous, chosen, options);
    text = kind.text;
  }
  const csv = !text.includes('\t') && /^[^\n]*序号[^\n]*,/m.test(text);
  return csv ? importQuotaWorkbook(text, year, source, previous, chosen, options) : importQuotaText(text, year, source, previous, chosen, options);
}
