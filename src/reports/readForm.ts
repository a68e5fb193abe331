import { Finding } from '../core/findings';
import { FindingSource } from '../core/messages/findingParams';
import { makeFinding } from '../core/messages/findingText';
import { Indicator, IndicatorKey, PerIndicator } from '../core/indicators';
import { IndicatorFigures, ReportDate, ReportValue } from '../core/report';
import { TemplateCode, decodeTemplateCode } from '../core/templateCode';
import { LabelMatcher, indicatorLabelMatcher } from './indicatorLabels';
import { SheetGrid, address } from './sheetGrid';
import { parseCount, parseRate, parseReportDate } from './values';

/** A 附件2 form found on a sheet, before unit recognition and checks. */
export interface FoundForm {
  /** A pre-filled template's code found in the form's rows (any cell, hidden or not). */
  code: TemplateCode | null;
  unitName: string;
  unitNameCell: string | null;
  /** The figures of each of the table's indicators the form has a row for. */
  figures: PerIndicator<IndicatorFigures>;
  filler: string;
  phone: string;
  date: ReportDate;
  findings: Finding[];
}

interface HeaderColumns {
  annual: number | null;
  monthly: number;
  cumulative: number;
  rate: number | null;
}

function headerColumns(g: SheetGrid, r: number): HeaderColumns | null {
  let annual: number | null = null;
  let monthly: number | null = null;
  let cumulative: number | null = null;
  let rate: number | null = null;
  for (let c = 0; c < g.width(r); c++) {
    const t = g.label(r, c);
    if (!t) continue;
    if (t.includes('年度任务')) annual ??= c;
    else if (t.includes('当月完成')) monthly ??= c;
    else if (t.includes('完成率')) rate ??= c;
    else if (t.includes('累计')) cumulative ??= c;
  }
  return monthly !== null && cumulative !== null ? { annual, monthly, cumulative, rate } : null;
}

const EMPTY: ReportValue = { raw: null, value: null, cell: null };

function isUnitLabel(t: string): boolean {
  return t.startsWith('填报单位') && !t.startsWith('填报单位领导');
}

/** Text after the label's colon in the same cell, else the next non-empty cells to the right. */
function valueAfterLabel(g: SheetGrid, r: number, c: number, stopAt?: RegExp): { text: string; cell: string | null; raw: unknown } {
  const own = g.text(r, c);
  const colon = own.search(/[:：]/);
  let after = colon >= 0 ? own.slice(colon + 1) : '';
  if (stopAt) after = after.split(stopAt)[0];
  after = after.replace(/[_＿]+/g, ' ').trim();
  if (after) return { text: after, cell: address(r, c), raw: after };
  for (let k = c + 1; k < Math.min(g.width(r), c + 6); k++) {
    const t = g
      .text(r, k)
      .replace(/[_＿]+/g, ' ')
      .trim();
    if (!t || /^[:：]$/.test(t)) continue;
    if (stopAt && stopAt.test(g.label(r, k))) break;
    return { text: t, cell: address(r, k), raw: g.raw(r, k) };
  }
  return { text: '', cell: null, raw: null };
}

/** Where findings of the reading point: the file (named by the caller), the sheet. */
interface At {
  source: FindingSource;
  sheet: string;
}

function readCount(g: SheetGrid, r: number, c: number | null, findings: Finding[], at: At): ReportValue {
  if (c === null) return EMPTY;
  const cell = address(r, c);
  if (g.hasFormulaWithoutValue(r, c)) {
    findings.push(makeFinding('NO_CACHED_VALUE', at.source, at.sheet, cell));
    return { raw: null, value: null, cell, problem: 'NO_CACHED_VALUE' };
  }
  if (g.isDateFormat(r, c)) return { raw: g.text(r, c), value: null, cell, problem: 'NOT_A_NUMBER' };
  return parseCount(g.raw(r, c), cell);
}

function readRow(g: SheetGrid, r: number, h: HeaderColumns, findings: Finding[], at: At): IndicatorFigures {
  const rateCell = h.rate === null ? null : address(r, h.rate);
  return {
    annual: readCount(g, r, h.annual, [], at),
    monthly: readCount(g, r, h.monthly, findings, at),
    cumulative: readCount(g, r, h.cumulative, findings, at),
    rate: h.rate === null ? { ...EMPTY, readings: [] } : parseRate(g.raw(r, h.rate), rateCell, g.isPercentFormat(r, h.rate)),
  };
}

/**
 * Indicator label left of the header row's first column (standard layout: the label is merged over the
 * header and value rows, so it sits in the header row; unmerged copies may put it in the value row).
 * A non-indicator label there (such as 指标) means this is not a standard block.
 */
function labelLeftOf(g: SheetGrid, r: number, before: number, indicatorOfLabel: LabelMatcher): IndicatorKey | null {
  for (const row of [r, r + 1]) {
    for (let c = before - 1; c >= 0; c--) {
      const t = g.label(row, c);
      if (t) return indicatorOfLabel(t);
    }
  }
  return null;
}

function compactLabelColumn(g: SheetGrid, r: number, before: number): number | null {
  for (let c = before - 1; c >= 0; c--) if (/^(指标|项目|指标名称|类别)/.test(g.label(r, c))) return c;
  return null;
}

/**
 * Find every 附件2 form on a sheet, in either layout and at any offset: the standard one (an indicator
 * label, a row of column labels, the values below) or the compact one (指标 | 年度任务 | 当月完成 | 累计已完成 |
 * 累计完成率, the indicators as rows). A new "填报单位" starts a new form. `source` names the file in findings.
 */
export function findForms(g: SheetGrid, sheet: string, indicators: readonly Indicator[], source: FindingSource = { file: '' }): FoundForm[] {
  const indicatorOfLabel = indicatorLabelMatcher(indicators);
  const at: At = { source, sheet };
  const unitRows: Array<{ r: number; c: number }> = [];
  const headers: Array<{ r: number; h: HeaderColumns }> = [];
  for (let r = 0; r < g.rowCount; r++) {
    for (let c = 0; c < g.width(r); c++) if (isUnitLabel(g.label(r, c))) unitRows.push({ r, c });
    const h = headerColumns(g, r);
    if (h) headers.push({ r, h });
  }
  const starts = unitRows.length ? unitRows : [{ r: 0, c: -1 }];
  const forms: FoundForm[] = [];
  starts.forEach((start, i) => {
    const from = i === 0 ? 0 : start.r;
    const to = i + 1 < starts.length ? starts[i + 1].r : g.rowCount;
    const findings: Finding[] = [];
    const figures: PerIndicator<IndicatorFigures> = {};
    let found = 0;
    for (const { r, h } of headers.filter((x) => x.r >= from && x.r < to)) {
      const first = Math.min(h.annual ?? h.monthly, h.monthly);
      const key = labelLeftOf(g, r, first, indicatorOfLabel);
      if (key) {
        if (!figures[key]) {
          figures[key] = readRow(g, r + 1, h, findings, at);
          found++;
        }
        continue;
      }
      const labelCol = compactLabelColumn(g, r, first);
      if (labelCol === null) continue;
      for (let row = r + 1; row < Math.min(to, r + 12); row++) {
        const k = indicatorOfLabel(g.label(row, labelCol));
        if (k && !figures[k]) {
          figures[k] = readRow(g, row, h, findings, at);
          found++;
        }
      }
    }
    if (!found) return;
    const name = start.c >= 0 ? valueAfterLabel(g, start.r, start.c) : { text: '', cell: null };
    let filler = '';
    let phone = '';
    let date: ReportDate = { text: '', cell: null, date: null };
    let code: TemplateCode | null = null;
    for (let r = from; r < to; r++) {
      for (let c = 0; c < g.width(r); c++) {
        const t = g.label(r, c);
        if (!code && t.includes('CZJD-')) code = decodeTemplateCode(t);
        if (t.startsWith('填报人')) filler = valueAfterLabel(g, r, c, /联系电话/).text;
        if (t.includes('联系电话')) {
          const own = g.text(r, c);
          const idx = own.indexOf('联系电话');
          const rest = own
            .slice(idx + 4)
            .replace(/^[:：\s]+/, '')
            .replace(/[_＿]+/g, '')
            .trim();
          phone = rest || valueAfterLabel(g, r, c).text;
        }
        if (t.startsWith('填报时间') || t.startsWith('填报日期')) {
          const v = valueAfterLabel(g, r, c);
          const joined = v.cell && v.cell !== address(r, c) && typeof v.raw === 'string' ? rowText(g, r, c + 1) : v.text;
          date = parseReportDate(typeof v.raw === 'number' ? v.raw : joined, v.cell);
          if (typeof v.raw === 'string' && !date.date) date = { ...date, text: joined };
        }
      }
    }
    forms.push({
      code,
      unitName: name.text.replace(/[(（]\s*公章\s*[)）]/g, '').trim(),
      unitNameCell: name.cell,
      figures,
      filler,
      phone,
      date,
      findings,
    });
  });
  return forms;
}

/** Cells to the right joined: "2023" "年" "3" "月" "28" "日" → "2023年3月28日". */
function rowText(g: SheetGrid, r: number, from: number): string {
  let s = '';
  for (let c = from; c < Math.min(g.width(r), from + 8); c++) s += g.text(r, c);
  return s.replace(/[_＿]+/g, '').trim();
}
