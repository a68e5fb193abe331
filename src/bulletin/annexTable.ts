import { AlignmentType, Paragraph, ShadingType, Table, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlignTable, WidthType } from 'docx';
import { DASH, enumerate, formatCount, formatRate, monthRange } from './format';
import { BulletinGroupFigures, BulletinIndicator, BulletinInput, BulletinStatus, BulletinUnitFigures } from './input';
import { A4, LANDSCAPE_MARGINS, STYLE } from './officialStyle';
import { groupByCategory } from './selection';

/**
 * 附件: every unit's task, cumulative, rate and status per indicator, on A4 landscape pages. Two header rows that
 * repeat on each page; a shaded row opens each category; the total closes the table. More indicators than fit
 * are split over several tables, each repeating 序号 and 单位名称.
 */

export const STATUS_TEXT: Record<BulletinStatus, string> = { ok: '正常', amber: '预警', red: '滞后', none: DASH };

const FIELDS = ['年度任务', '累计完成', '完成率', '状态'] as const;
/** Relative widths of an indicator's four columns: "1,050,000", "1,050,000", "120.00%", "滞后". */
const FIELD_WEIGHTS = [3.3, 3.3, 2.9, 1.8];
const ID_WIDTH = 480;
/** Twips of one character of the table's 8 pt text. */
const TABLE_CHAR = 160;
const CELL_MARGINS = { top: 15, bottom: 15, left: 50, right: 50 };

export function annexTitle(input: BulletinInput): string {
  return `${input.year}年${monthRange(input.month)}各单位任务进度明细表`;
}

/** Splits the indicators into tables of at most `perTable`, as evenly as possible (5 → 3 + 2, not 4 + 1). */
export function splitIndicators(indicators: readonly BulletinIndicator[], perTable: number): BulletinIndicator[][] {
  const tables = Math.max(1, Math.ceil(indicators.length / Math.max(1, perTable)));
  const out: BulletinIndicator[][] = [];
  let start = 0;
  for (let i = 0; i < tables; i++) {
    const size = Math.ceil((indicators.length - start) / (tables - i));
    out.push(indicators.slice(start, start + size));
    start += size;
  }
  return out;
}

interface CellOptions {
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  head?: boolean;
  bold?: boolean;
  shade?: string;
  columnSpan?: number;
  rowSpan?: number;
}

function cell(text: string, o: CellOptions = {}): TableCell {
  return new TableCell({
    children: [
      new Paragraph({
        style: o.head ? STYLE.tableHead : STYLE.tableText,
        alignment: o.align ?? AlignmentType.CENTER,
        children: [new TextRun({ text, bold: o.bold })],
      }),
    ],
    columnSpan: o.columnSpan,
    rowSpan: o.rowSpan,
    verticalAlign: VerticalAlignTable.CENTER,
    margins: CELL_MARGINS,
    shading: o.shade ? { type: ShadingType.CLEAR, color: 'auto', fill: o.shade } : undefined,
  });
}

function figureCells(f: BulletinUnitFigures | BulletinGroupFigures | undefined, status: BulletinStatus, bold = false): TableCell[] {
  const annual = f ? (f.annual === null || f.annual <= 0 ? null : f.annual) : null;
  const right = AlignmentType.RIGHT;
  return [
    cell(formatCount(annual), { align: annual === null ? AlignmentType.CENTER : right, bold }),
    cell(formatCount(f?.cumulative ?? null), { align: f?.cumulative == null ? AlignmentType.CENTER : right, bold }),
    cell(formatRate(annual === null ? null : (f?.rate ?? null)), { align: right, bold }),
    cell(STATUS_TEXT[status], { bold: bold || status === 'red', shade: status === 'red' ? 'F2DCDB' : undefined }),
  ];
}

function table(input: BulletinInput, indicators: readonly BulletinIndicator[], contentWidth: number): Table {
  const longest = Math.max(4, ...input.units.map((u) => [...u.name].length), [...`${input.total.label}合计`].length);
  const nameWidth = Math.min(2300, Math.max(1300, longest * TABLE_CHAR + 120));
  const perIndicator = (contentWidth - ID_WIDTH - nameWidth) / indicators.length;
  const weightSum = FIELD_WEIGHTS.reduce((a, b) => a + b, 0);
  const fieldWidths = FIELD_WEIGHTS.map((w) => Math.floor((perIndicator * w) / weightSum));
  const columnWidths = [ID_WIDTH, nameWidth, ...indicators.flatMap(() => fieldWidths)];
  const columns = columnWidths.length;

  const header1 = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [
      cell('序号', { head: true, rowSpan: 2 }),
      cell('单位名称', { head: true, rowSpan: 2 }),
      ...indicators.map((ind) => cell(`${ind.label}（${ind.unit}）`, { head: true, columnSpan: FIELDS.length })),
    ],
  });
  const header2 = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: indicators.flatMap(() => FIELDS.map((f) => cell(f, { head: true }))),
  });

  const rows: TableRow[] = [header1, header2];
  for (const group of groupByCategory(input, input.units)) {
    if (group.category) {
      rows.push(
        new TableRow({
          cantSplit: true,
          children: [cell(`${group.category}（${group.units.length}个）`, { columnSpan: columns, align: AlignmentType.LEFT, bold: true, shade: 'F2F2F2' })],
        }),
      );
    }
    for (const unit of group.units) {
      rows.push(
        new TableRow({
          cantSplit: true,
          children: [
            cell(String(unit.id)),
            cell(unit.name, { align: AlignmentType.LEFT }),
            ...indicators.flatMap((ind) => {
              const f = unit.indicators[ind.key];
              return figureCells(f, f?.status ?? 'none');
            }),
          ],
        }),
      );
    }
  }
  rows.push(
    new TableRow({
      cantSplit: true,
      children: [
        cell(''),
        cell(`${input.total.label}合计`, { align: AlignmentType.LEFT, bold: true }),
        ...indicators.flatMap((ind) => {
          const f = input.total.indicators[ind.key];
          return figureCells(f, f?.status ?? 'none', true);
        }),
      ],
    }),
  );
  return new Table({
    rows,
    columnWidths,
    width: { size: columnWidths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
  });
}

export function annexTables(input: BulletinInput, perTable: number): Array<Paragraph | Table> {
  const contentWidth = A4.height - LANDSCAPE_MARGINS.left - LANDSCAPE_MARGINS.right;
  const parts = splitIndicators(input.indicators, perTable);
  const out: Array<Paragraph | Table> = [
    new Paragraph({ style: STYLE.plain, children: [new TextRun({ text: '附件', font: { eastAsia: '黑体' } })] }),
    new Paragraph({ style: STYLE.title, spacing: { line: 560, lineRule: 'exact', after: 200 }, children: [new TextRun(annexTitle(input))] }),
  ];
  parts.forEach((indicators, i) => {
    if (parts.length > 1) {
      out.push(
        new Paragraph({
          style: STYLE.plain,
          keepNext: true,
          spacing: { before: i === 0 ? 0 : 240, line: 400, lineRule: 'exact' },
          children: [new TextRun({ text: `表${i + 1}  ${enumerate(indicators.map((ind) => ind.label))}`, font: { eastAsia: '黑体' }, size: 24 })],
        }),
      );
    }
    out.push(table(input, indicators, contentWidth));
  });
  out.push(
    new Paragraph({
      style: STYLE.tableText,
      spacing: { before: 120, line: 280, lineRule: 'exact' },
      children: [
        new TextRun(
          `说明：数据截至${input.month}月底，应达进度 ${formatRate(input.expectedRate)}。状态“正常”为完成率不低于应达进度；` +
            `“预警”为低于应达进度 ${Math.round(input.band * 10000) / 100} 个百分点以内；“滞后”为低于 ${Math.round(input.band * 10000) / 100} 个百分点以上；` +
            '“—”为无该项任务或尚无数据。',
        ),
      ],
    }),
  );
  return out;
}
