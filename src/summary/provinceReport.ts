import { labelWithUnit } from '../core/indicators';
import { STATUS_LABELS } from '../core/status';
import { QuotaTable } from '../core/units';
import { formNote } from '../quota/formNote';
import { NUM, RATE_FORMAT, drawForm, formWorkbook, rateFormula, setBox, workbookBytes } from '../templates/formSheet';
import { ProvinceSummary } from './provinceSummary';

/**
 * The keeper's own 附件2 report as .xlsx bytes, for the level above: the first sheet is the notice's form
 * (填报单位 = the keeper, e.g. 河南省教育厅 or 安阳市教育局, whose name the level above recognises as its unit; the
 * totals; 累计完成率 as a formula with its result saved), sheet 分类汇总 the reports and alerts per category and each
 * indicator per category against the expected pace. Our own reader reads the first sheet back as a form; the
 * second has none.
 */
export async function provinceReportBytes(
  s: ProvinceSummary,
  table: Pick<QuotaTable, 'indicators' | 'keeper' | 'reportsAs'>,
  options: { filler?: string; phone?: string; date?: string } = {},
): Promise<Uint8Array> {
  const total = s.province.label;
  const { wb, ws } = formWorkbook(total, `${table.reportsAs} ${s.year}年${s.month}月进度月报`, new Date());
  const TEMPLATE_CELLS = drawForm(ws, {
    unitName: table.keeper || table.reportsAs,
    year: s.year,
    month: s.month,
    indicators: table.indicators,
    note: formNote(table),
    extraColumn: null,
  });
  for (const ind of table.indicators) {
    const at = TEMPLATE_CELLS.indicators[ind.key];
    const p = s.province.indicators[ind.key];
    // No unit has this indicator's task (a city's table with "—" in the column): "—", as the notice prints it,
    // so the level above reads "no task", not a task of 0.
    const none = p.annual === 0 && p.cumulative === null;
    for (const [a, v] of [
      [at.annual, none ? '—' : p.annual],
      [at.monthly, p.monthly],
      [at.cumulative, p.cumulative],
    ] as const) {
      const cell = ws.getCell(a);
      if (v !== null) cell.value = v;
      cell.numFmt = NUM;
      setBox(cell, null);
    }
    const rate = ws.getCell(at.rate);
    rate.value = { formula: rateFormula(TEMPLATE_CELLS, ind.key), result: p.rate ?? '', date1904: false };
    rate.numFmt = RATE_FORMAT;
    setBox(rate, null);
  }
  if (options.filler) ws.getCell(TEMPLATE_CELLS.filler).value = options.filler;
  if (options.phone) ws.getCell(TEMPLATE_CELLS.phone).value = options.phone;
  if (options.date) ws.getCell(TEMPLATE_CELLS.date).value = options.date;

  // 分类汇总: units, reports and alerts per category, then one block per indicator (as the master's 全省汇总).
  const cs = wb.addWorksheet('分类汇总', {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'normal', showGridLines: false }],
  });
  [16, 12, 12, 12, 11, 10, 11, 8].forEach((w, i) => (cs.getColumn(i + 1).width = w));
  const groups = [...s.categories, s.province].filter((g) => g.unitCount > 0);
  let r = 1;
  const title = cs.getCell(r, 1);
  title.value = `${s.year}年${s.month}月 ${total}及各类别任务进度（应达进度 ${(s.expectedRate * 100).toFixed(1)}%，预警带宽 ${(s.band * 100).toFixed(1)} 个百分点）`;
  title.font = { bold: true, size: 12 };
  cs.mergeCells(r, 1, r, 8);
  const headerRow = (labels: string[]) => {
    labels.forEach((h, i) => {
      const c = cs.getCell(r, i + 1);
      c.value = h;
      setBox(c, 'FFDDEBF7', true);
    });
    cs.getRow(r).height = 30;
    r++;
  };
  const valueRow = (isTotal: boolean, values: Array<string | number | null>, formats: Array<string | undefined>) => {
    values.forEach((v, i) => {
      const cell = cs.getCell(r, i + 1);
      if (v !== null) cell.value = v;
      if (formats[i]) cell.numFmt = formats[i]!;
      setBox(cell, isTotal ? 'FFF2F2F2' : null, isTotal);
    });
    r++;
  };
  r += 2;
  cs.getCell(r++, 1).value = '一、报送与预警';
  headerRow(['单位类别', '单位数', `${s.month}月已报`, `${s.month}月未报`, '总体滞后', '总体预警']);
  for (const g of groups) {
    const reported = s.month >= 1;
    valueRow(g === s.province, [g.label, g.unitCount, reported ? g.reported : null, reported ? g.missing : null, g.red, g.amber], []);
  }
  r++;
  cs.getCell(r++, 1).value = '二、分类进度';
  for (const ind of table.indicators) {
    const label = cs.getCell(r, 1);
    label.value = labelWithUnit(ind);
    setBox(label, 'FFBDD7EE', true);
    cs.mergeCells(r, 1, r, 8);
    r++;
    headerRow(['单位类别', '年度任务', '当月完成', '累计已完成', '累计完成率', '应达进度', '差距（百分点）', '状态']);
    for (const g of groups) {
      const p = g.indicators[ind.key];
      const none = p.annual === 0 && p.cumulative === null;
      valueRow(
        g === s.province,
        [g.label, none ? '—' : p.annual, p.monthly, p.cumulative, p.rate, p.expected, p.gap, STATUS_LABELS[p.status]],
        [undefined, NUM, NUM, NUM, '0.0%', '0.0%', '+0.0;-0.0;0.0', undefined],
      );
    }
    r++;
  }
  return workbookBytes(wb);
}
