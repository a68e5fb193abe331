import * as XLSX from 'xlsx';
import { INDICATORS_2023, Indicator, PerIndicator, perIndicator } from '../core/indicators';

/**
 * The notice's 附件2 (任务进度月报表) as units fill it in, written as a SheetJS worksheet.
 * Used by the sample generator and by tests that need one particular form.
 */

export const FORM_TITLE = '河南省教育系统“人人持证、技能河南”建设工作任务进度月报表';
export const FORM_UNIT_LABEL = '填报单位（公章）：';
/** The 2023 notice's 说明 under the form (the sample generator writes 2023 forms). */
export { FORM_NOTE_2023 as FORM_NOTE } from '../quota/embedded2023';
import { FORM_NOTE_2023 as FORM_NOTE } from '../quota/embedded2023';
export const FORM_LEADER_LABEL = '填报单位领导小组组长（签字）：';
export const FORM_FILLER_LABEL = '填报人（签字）：';
export const FORM_PHONE_LABEL = '联系电话：';
export const FORM_DATE_LABEL = '填报时间：';

/**
 * A cell as a person leaves it: a number, text exactly as typed ("1,234", "１２３４", "25%", "—"),
 * blank (null), a number with a display format (0.2534 shown as 25.34%, a date serial shown as a date),
 * or a formula with its cached value (Excel saves both).
 */
export type FormValue = number | string | null | { number: number; format: string } | { formula: string; value: number; format?: string };

/** The four cells of one indicator. */
export interface IndicatorInput {
  annual: FormValue;
  monthly: FormValue;
  cumulative: FormValue;
  rate: FormValue;
}

export interface FormLayout {
  /** standard: the notice's layout (label over two rows, column labels, values below); compact: one header row. */
  kind: 'standard' | 'compact';
  /** Rows above the title ("附件2", blank rows). */
  extraTitleRows: number;
  /** Everything one column to the right. */
  blankFirstColumn: boolean;
  /** A line "（2023年1月）" under the title. */
  periodLine: boolean;
  /** The unit name in the cell after "填报单位（公章）：" instead of in the same cell. */
  nameInNextCell: boolean;
  /** The date in the cell after "填报时间：" (needed for a real date cell). */
  dateInNextCell: boolean;
  /** How column labels carry their unit: （人次）, (人次), or on a second line. */
  labelStyle: 'fullwidth' | 'halfwidth' | 'newline';
  /** The task table's indicators, one block or row each, in order (default: the 2023 notice's four). */
  indicators: readonly Indicator[];
}

export const DEFAULT_LAYOUT: FormLayout = {
  kind: 'standard',
  extraTitleRows: 0,
  blankFirstColumn: false,
  periodLine: false,
  nameInNextCell: false,
  dateInNextCell: false,
  labelStyle: 'fullwidth',
  indicators: INDICATORS_2023,
};

export interface ReportFormInput {
  /** As written on the form; '' leaves the name blank. */
  unitName: string;
  year: number;
  month: number;
  values: PerIndicator<IndicatorInput>;
  filler?: string;
  phone?: string;
  /** 填报时间 after the label: text ("2023年1月28日") or a date serial with a format; null = blank. */
  date?: FormValue;
  layout?: Partial<FormLayout>;
}

/** Where things are on a written form (A1 addresses). */
export interface FormCells {
  title: string;
  unitLabel: string;
  /** The cell holding the name: the label cell itself unless `nameInNextCell`. */
  unitName: string;
  /** Column-label cells per indicator (standard) or the one header row (compact, same for every indicator). */
  indicators: PerIndicator<{
    label: string;
    headers: { annual: string; monthly: string; cumulative: string; rate: string };
    annual: string;
    monthly: string;
    cumulative: string;
    rate: string;
  }>;
  note: string;
  leader: string;
  filler: string;
  dateLabel: string;
  /** The cell holding the date: the label cell itself unless `dateInNextCell`. */
  date: string;
  /** The used range. */
  ref: string;
}

const addr = (r: number, c: number) => XLSX.utils.encode_cell({ r, c });

function withUnit(label: string, unit: string, style: FormLayout['labelStyle']): string {
  if (!unit) return label;
  if (style === 'halfwidth') return `${label}(${unit})`;
  if (style === 'newline') return `${label}\n（${unit}）`;
  return `${label}（${unit}）`;
}

/** Column labels of one indicator in the standard layout, as the notice prints them. */
export function columnLabels(indicator: Indicator, style: FormLayout['labelStyle'] = 'fullwidth') {
  const u = indicator.unit;
  return {
    annual: withUnit('年度任务', u, style),
    monthly: withUnit('当月完成', u, style),
    cumulative: withUnit('累计已完成', u, style),
    rate: withUnit('累计完成率', '%', style),
  };
}

export function fullLayout(layout?: Partial<FormLayout>): FormLayout {
  return { ...DEFAULT_LAYOUT, ...(layout ?? {}) };
}

/** The cell map of a layout: pure, so tests can find a form's cells without reading it. */
export function reportFormCells(layoutIn?: Partial<FormLayout>): FormCells {
  const layout = fullLayout(layoutIn);
  const c0 = layout.blankFirstColumn ? 1 : 0;
  let r = layout.extraTitleRows;
  const title = addr(r, c0);
  r += 1;
  if (layout.periodLine) r += 1;
  const unitRow = r;
  r += 1;
  const indicators = {} as FormCells['indicators'];
  if (layout.kind === 'standard') {
    layout.indicators.forEach((ind, i) => {
      const lr = unitRow + 1 + 2 * i;
      indicators[ind.key] = {
        label: addr(lr, c0),
        headers: { annual: addr(lr, c0 + 1), monthly: addr(lr, c0 + 2), cumulative: addr(lr, c0 + 3), rate: addr(lr, c0 + 4) },
        annual: addr(lr + 1, c0 + 1),
        monthly: addr(lr + 1, c0 + 2),
        cumulative: addr(lr + 1, c0 + 3),
        rate: addr(lr + 1, c0 + 4),
      };
    });
    r = unitRow + 1 + 2 * layout.indicators.length;
  } else {
    const hr = unitRow + 1;
    const headers = { annual: addr(hr, c0 + 1), monthly: addr(hr, c0 + 2), cumulative: addr(hr, c0 + 3), rate: addr(hr, c0 + 4) };
    layout.indicators.forEach((ind, i) => {
      const vr = hr + 1 + i;
      indicators[ind.key] = {
        label: addr(vr, c0),
        headers,
        annual: addr(vr, c0 + 1),
        monthly: addr(vr, c0 + 2),
        cumulative: addr(vr, c0 + 3),
        rate: addr(vr, c0 + 4),
      };
    });
    r = hr + 1 + layout.indicators.length;
  }
  const note = addr(r, c0);
  const leader = addr(r + 1, c0);
  const filler = addr(r + 2, c0);
  const dateLabel = addr(r + 3, c0);
  return {
    title,
    unitLabel: addr(unitRow, c0),
    unitName: layout.nameInNextCell ? addr(unitRow, c0 + 1) : addr(unitRow, c0),
    indicators,
    note,
    leader,
    filler,
    dateLabel,
    date: layout.dateInNextCell ? addr(r + 3, c0 + 1) : dateLabel,
    ref: `${addr(0, 0)}:${addr(r + 3, c0 + 4)}`,
  };
}

/** A SheetJS cell for a value; undefined for blank. */
export function formCell(value: FormValue): XLSX.CellObject | undefined {
  if (value === null) return undefined;
  if (typeof value === 'number') return { t: 'n', v: value };
  if (typeof value === 'string') return value === '' ? undefined : { t: 's', v: value };
  if ('formula' in value) {
    const cell: XLSX.CellObject = { t: 'n', v: value.value, f: value.formula.replace(/^=/, '') };
    if (value.format) cell.z = value.format;
    return cell;
  }
  return { t: 'n', v: value.number, z: value.format };
}

/** Text of a value for a cell that also holds a label ("填报时间：2023年1月28日"). */
function inlineText(value: FormValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if ('formula' in value) return String(value.value);
  return String(value.number);
}

/** The form as a SheetJS worksheet (with merges and column widths as a person's template has them). */
export function writeReportForm(input: ReportFormInput): XLSX.WorkSheet {
  const layout = fullLayout(input.layout);
  const cells = reportFormCells(layout);
  const ws: XLSX.WorkSheet = {};
  const merges: XLSX.Range[] = [];
  const c0 = layout.blankFirstColumn ? 1 : 0;
  const set = (a: string, cell: XLSX.CellObject | undefined) => {
    if (cell) ws[a] = cell;
  };
  const text = (a: string, t: string) => set(a, t === '' ? undefined : { t: 's', v: t });
  const mergeRow = (a: string, fromCol: number) => {
    const { r } = XLSX.utils.decode_cell(a);
    merges.push({ s: { r, c: fromCol }, e: { r, c: c0 + 4 } });
  };

  if (layout.extraTitleRows > 0) text(addr(0, c0), '附件2');
  text(cells.title, FORM_TITLE);
  mergeRow(cells.title, c0);
  if (layout.periodLine) {
    const { r } = XLSX.utils.decode_cell(cells.title);
    text(addr(r + 1, c0), `（${input.year}年${input.month}月）`);
    mergeRow(addr(r + 1, c0), c0);
  }
  if (layout.nameInNextCell) {
    text(cells.unitLabel, FORM_UNIT_LABEL);
    text(cells.unitName, input.unitName);
    mergeRow(cells.unitName, c0 + 1);
  } else {
    text(cells.unitLabel, FORM_UNIT_LABEL + input.unitName);
    mergeRow(cells.unitLabel, c0);
  }

  if (layout.kind === 'standard') {
    for (const ind of layout.indicators) {
      const at = cells.indicators[ind.key];
      text(at.label, ind.label);
      const { r, c } = XLSX.utils.decode_cell(at.label);
      merges.push({ s: { r, c }, e: { r: r + 1, c } });
      const labels = columnLabels(ind, layout.labelStyle);
      text(at.headers.annual, labels.annual);
      text(at.headers.monthly, labels.monthly);
      text(at.headers.cumulative, labels.cumulative);
      text(at.headers.rate, labels.rate);
    }
  } else {
    const h = cells.indicators[layout.indicators[0].key].headers;
    const { r } = XLSX.utils.decode_cell(h.annual);
    text(addr(r, c0), '指标');
    text(h.annual, '年度任务');
    text(h.monthly, '当月完成');
    text(h.cumulative, '累计已完成');
    text(h.rate, withUnit('累计完成率', '%', layout.labelStyle));
    for (const ind of layout.indicators) text(cells.indicators[ind.key].label, withUnit(ind.label, ind.unit, layout.labelStyle));
  }
  for (const ind of layout.indicators) {
    const at = cells.indicators[ind.key];
    const v = input.values[ind.key] ?? { annual: null, monthly: null, cumulative: null, rate: null };
    set(at.annual, formCell(v.annual));
    set(at.monthly, formCell(v.monthly));
    set(at.cumulative, formCell(v.cumulative));
    set(at.rate, formCell(v.rate));
  }

  text(cells.note, FORM_NOTE);
  mergeRow(cells.note, c0);
  text(cells.leader, FORM_LEADER_LABEL);
  mergeRow(cells.leader, c0);
  const phone = input.phone ? `  ${FORM_PHONE_LABEL}${input.phone}` : `  ${FORM_PHONE_LABEL}`;
  text(cells.filler, `${FORM_FILLER_LABEL}${input.filler ?? ''}${phone}`);
  mergeRow(cells.filler, c0);
  const date = input.date ?? null;
  if (layout.dateInNextCell) {
    text(cells.dateLabel, FORM_DATE_LABEL);
    set(cells.date, formCell(date));
    mergeRow(cells.date, c0 + 1);
  } else {
    text(cells.dateLabel, FORM_DATE_LABEL + inlineText(date));
    mergeRow(cells.dateLabel, c0);
  }

  ws['!ref'] = cells.ref;
  ws['!merges'] = merges;
  const cols: XLSX.ColInfo[] = [];
  if (layout.blankFirstColumn) cols.push({ wch: 3 });
  cols.push({ wch: layout.kind === 'compact' ? 24 : 14 }, { wch: 16 }, { wch: 16 }, { wch: 16 }, { wch: 16 });
  ws['!cols'] = cols;
  return ws;
}

/** Blank values for every indicator (a convenience for tests). */
export function blankValues(indicators: readonly Indicator[] = INDICATORS_2023): PerIndicator<IndicatorInput> {
  return perIndicator(indicators, () => ({ annual: null, monthly: null, cumulative: null, rate: null }));
}
