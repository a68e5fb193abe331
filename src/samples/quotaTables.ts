import ExcelJS from 'exceljs';
import { INDICATORS_2023, Indicator, labelWithUnit } from '../core/indicators';
import { Quota, QuotaTable, Unit, quotaTotals } from '../core/units';
import { embeddedQuota2023 } from '../quota/embedded2023';

/**
 * Task tables of other years and levels, the way offices print them, for tests and demos: the 2022 education
 * notice (培训, 取证, 1+X), the province's 2024 plan (职业技能培训, 新增技能人才 and 其中新增高技能人才), a city
 * bureau's 2024 circular for its counties and schools, a county's five indicators, a city's eight, and 安阳市's
 * own 2023 split of the province's quota. Each is data (what the importer must understand) plus how it is laid out;
 * `quotaTableXlsx` and `quotaTableText` write it.
 */

/** How the header is printed. */
export type HeaderStyle =
  /** One row of labels. */
  | 'flat'
  /** A heading ("2022年度任务") spanning the indicator columns, the labels under it. */
  | 'grouped'
  /** Top-level labels over two rows; a parent over its 小计 and "其中：…" columns. */
  | 'parts';

export interface SampleTable {
  /** A file name without extension. */
  name: string;
  title: string;
  year: number;
  keeper: string;
  reportsAs: string;
  /** What the importer must read from the header, keys included. */
  indicators: Indicator[];
  header: HeaderStyle;
  /** Where the table says the categories: section rows, a 类别 column, or nowhere. */
  categoryStyle: 'sections' | 'column' | 'none';
  /** The name column's header. */
  nameHeader: string;
  /** Categories as the table shows them (empty when it shows none). */
  categories: string[];
  units: Unit[];
  /** A 备注 column after the indicators (not an indicator). */
  remarks?: Record<number, string>;
}

const ind = (key: string, label: string, unit: string, parent: string | null = null): Indicator => ({
  key,
  label,
  unit,
  parent,
  shortLabel: INDICATORS_2023.find((i) => i.key === key)?.shortLabel ?? label.replace(/^其中/, ''),
});

/** Largest-remainder split of a total by weights: integers that add up exactly. */
export function splitTotal(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; left > 0; k++, left--) out[order[k % order.length].i]++;
  return out;
}

const round50 = (x: number) => Math.max(50, Math.round(x / 50) * 50);

/** A unit list with quotas: each indicator split from a total by the same weights ("—" where `none` says). */
function unitsOf(
  names: ReadonlyArray<readonly [string, string]>,
  weights: readonly number[],
  totals: Record<string, number | null>,
  none: (key: string, index: number) => boolean = () => false,
): Unit[] {
  const split: Record<string, number[] | null> = {};
  for (const [key, total] of Object.entries(totals)) {
    const w = weights.map((x, i) => (none(key, i) ? 0 : x));
    split[key] = total === null ? null : splitTotal(total, w);
  }
  return names.map(([name, category], i) => ({
    id: i + 1,
    name,
    category,
    quota: Object.fromEntries(Object.keys(totals).map((k) => [k, split[k] === null || none(k, i) ? null : split[k]![i]])) as Quota,
  }));
}

/** 安阳市's counties, county-level city and districts, and its city schools: 17 units. */
export const ANYANG_UNITS: ReadonlyArray<readonly [string, string]> = [
  ['林州市', '县（市、区）'],
  ['安阳县', '县（市、区）'],
  ['汤阴县', '县（市、区）'],
  ['滑县', '县（市、区）'],
  ['内黄县', '县（市、区）'],
  ['文峰区', '县（市、区）'],
  ['北关区', '县（市、区）'],
  ['殷都区', '县（市、区）'],
  ['龙安区', '县（市、区）'],
  ['安阳市中等职业技术学校', '市直学校'],
  ['安阳市第二职业中等专业学校', '市直学校'],
  ['安阳市第三职业中等专业学校', '市直学校'],
  ['安阳市卫生学校', '市直学校'],
  ['安阳市财经学校', '市直学校'],
  ['安阳市体育运动学校', '市直学校'],
  ['安阳市艺术学校', '市直学校'],
  ['安阳市职业技术教育中心', '市直学校'],
];
const ANYANG_WEIGHTS = [14, 9, 7, 11, 8, 5, 4, 6, 4, 6, 5, 4, 3, 3, 2, 2, 7];

/** 安阳市's split of its 2023 province quota (11,200 / 8,500 / — / 1,500) among its 17 units. */
export function anyang2023(): SampleTable {
  const province = embeddedQuota2023().units.find((u) => u.name === '安阳市')!;
  return {
    name: '安阳市2023年度任务分配表',
    title: '安阳市教育系统“人人持证、技能河南”建设工作2023年度任务分配表',
    year: 2023,
    keeper: '安阳市教育局',
    reportsAs: '安阳市',
    indicators: INDICATORS_2023.map((i) => ({ ...i })),
    header: 'parts',
    categoryStyle: 'sections',
    nameHeader: '县（市、区）、学校',
    categories: ['县（市、区）', '市直学校'],
    units: unitsOf(ANYANG_UNITS, ANYANG_WEIGHTS, { ...province.quota }),
  };
}

/** 教办职成〔2022〕50号: training, certification and 1+X for the province's 179 units (sections by category). */
export function province2022(): SampleTable {
  const e = embeddedQuota2023();
  return {
    name: '2022年度任务分配表',
    title: '河南省教育系统“人人持证、技能河南”建设工作2022年度任务分配表',
    year: 2022,
    keeper: '河南省教育厅',
    reportsAs: '河南省',
    indicators: [ind('training', '培训任务', '人次'), ind('certified', '取证人数', '人'), ind('onePlusX', '1+X证书取证人数', '人')],
    header: 'grouped',
    categoryStyle: 'sections',
    nameHeader: '省辖市、济源示范区、省直管县（市）、学校',
    categories: [...e.categories],
    units: e.units.map((u) => ({
      ...u,
      quota: {
        training: round50((u.quota.training ?? 0) * 0.85),
        certified: round50((u.quota.certified ?? 0) * 0.85),
        onePlusX: u.quota.onePlusX === null ? null : round50(u.quota.onePlusX * 0.8),
      },
    })),
  };
}

/**
 * The province's 2024 plan for its cities and directly-administered counties: 职业技能培训, 新增技能人才, 其中新增
 * 高技能人才. It prints no categories: the importer takes last year's for these units by name.
 */
export function provincePlan2024(): SampleTable {
  const e = embeddedQuota2023();
  const local = e.units.filter((u) => ['省辖市', '济源示范区', '省直管县（市）'].includes(u.category));
  return {
    name: '2024年度技能人才任务分解表',
    title: '河南省教育系统“人人持证、技能河南”建设工作2024年度任务分解表',
    year: 2024,
    keeper: '河南省教育厅',
    reportsAs: '河南省',
    indicators: [ind('i1', '职业技能培训', '人次'), ind('i2', '新增技能人才', '人'), ind('i3', '其中新增高技能人才', '人', 'i2')],
    header: 'parts',
    categoryStyle: 'none',
    nameHeader: '省辖市、济源示范区、省直管县（市）',
    categories: ['省辖市', '济源示范区', '省直管县（市）'],
    units: local.map((u, i) => {
      const skilled = round50((u.quota.certified ?? 0) * 0.6);
      return {
        id: i + 1,
        name: u.name,
        category: u.category,
        quota: { i1: round50((u.quota.training ?? 0) * 1.1), i2: skilled, i3: Math.round(skilled * 0.3) },
      };
    }),
  };
}

/** 安阳市教育局's 2024 circular: 培训, 取证 and 1+X for its counties and schools, with a 类别 column. */
export function anyang2024(): SampleTable {
  return {
    name: '安阳市2024年度任务分解表',
    title: '安阳市教育局关于下达2024年度“人人持证、技能河南”建设工作任务的通知',
    year: 2024,
    keeper: '安阳市教育局',
    reportsAs: '安阳市',
    indicators: [ind('i1', '培训', '人次'), ind('i2', '取证', '人'), ind('i3', '1+X证书', '人')],
    header: 'flat',
    categoryStyle: 'column',
    nameHeader: '单位名称',
    categories: ['县（市、区）', '市直学校'],
    units: unitsOf(ANYANG_UNITS, ANYANG_WEIGHTS, { i1: 12400, i2: 9300, i3: 1700 }, (k, i) => k === 'i3' && i >= 5 && i <= 8),
  };
}

const HUAXIAN_UNITS: ReadonlyArray<readonly [string, string]> = [
  ['滑县职业中等专业学校', ''],
  ['滑县第二职业中等专业学校', ''],
  ['滑县职业技术教育中心', ''],
  ['滑县道口镇成人文化技术学校', ''],
  ['滑县城关镇成人文化技术学校', ''],
  ['滑县留固镇成人文化技术学校', ''],
  ['滑县白道口镇成人文化技术学校', ''],
  ['滑县万古镇成人文化技术学校', ''],
  ['滑县老店镇成人文化技术学校', ''],
];

/** 滑县教育体育局's 2024 split among its schools: five indicators, no categories. */
export function huaxian2024(): SampleTable {
  return {
    name: '滑县2024年度任务分解表',
    title: '滑县教育体育局“人人持证、技能河南”建设工作2024年度任务分解表',
    year: 2024,
    keeper: '滑县教育体育局',
    reportsAs: '滑县',
    indicators: [
      ind('training', '培训任务', '人次'),
      ind('certified', '取证人数', '人'),
      ind('advanced', '其中高级工及以上', '人', 'certified'),
      ind('onePlusX', '1+X证书取证人数', '人'),
      ind('i5', '职业技能等级认定', '人次'),
    ],
    header: 'parts',
    categoryStyle: 'none',
    nameHeader: '学校',
    categories: [],
    units: unitsOf(HUAXIAN_UNITS, [30, 18, 14, 6, 6, 5, 5, 4, 4], { training: 1300, certified: 1000, advanced: 240, onePlusX: 160, i5: 600 }, (k, i) =>
      k === 'advanced' || k === 'onePlusX' ? i >= 3 : false,
    ),
  };
}

const ZHENGZHOU_UNITS: ReadonlyArray<readonly [string, string]> = [
  ['中牟县', '县（市、区）'],
  ['荥阳市', '县（市、区）'],
  ['新密市', '县（市、区）'],
  ['新郑市', '县（市、区）'],
  ['登封市', '县（市、区）'],
  ['中原区', '县（市、区）'],
  ['二七区', '县（市、区）'],
  ['管城回族区', '县（市、区）'],
  ['金水区', '县（市、区）'],
  ['上街区', '县（市、区）'],
  ['惠济区', '县（市、区）'],
  ['郑州市科技工业学校', '市属中职学校'],
  ['郑州市财贸学校', '市属中职学校'],
  ['郑州市国防科技学校', '市属中职学校'],
  ['郑州市电子信息工程学校', '市属中职学校'],
  ['郑州市经济贸易学校', '市属中职学校'],
  ['郑州市商业技师学院', '市属中职学校'],
  ['郑州城轨交通中等专业学校', '民办学校'],
  ['郑州华夏中等专业学校', '民办学校'],
  ['郑州东方科技中等专业学校', '民办学校'],
];

/** 郑州市教育局's 2025 table: eight indicators (two "其中"), sections, a 备注 column. */
export function zhengzhou2025(): SampleTable {
  return {
    name: '郑州市2025年度任务分配表',
    title: '郑州市教育系统“人人持证、技能河南”建设工作2025年度任务分配表',
    year: 2025,
    keeper: '郑州市教育局',
    reportsAs: '郑州市',
    indicators: [
      ind('training', '培训任务', '人次'),
      ind('certified', '取证人数', '人'),
      ind('advanced', '其中高级工及以上', '人', 'certified'),
      ind('onePlusX', '1+X证书取证人数', '人'),
      ind('i5', '新增技能人才', '人'),
      ind('i6', '其中新增高技能人才', '人', 'i5'),
      ind('i7', '职业技能等级认定', '人次'),
      ind('i8', '专项职业能力考核', '人次'),
    ],
    header: 'parts',
    categoryStyle: 'sections',
    nameHeader: '县（市、区）、学校',
    categories: ['县（市、区）', '市属中职学校', '民办学校'],
    units: unitsOf(
      ZHENGZHOU_UNITS,
      [9, 10, 9, 11, 8, 6, 5, 4, 7, 2, 3, 8, 7, 5, 6, 6, 9, 4, 3, 2],
      { training: 80200, certified: 61000, advanced: 15000, onePlusX: 11000, i5: 36000, i6: 9000, i7: 20000, i8: 4000 },
      (k, i) => (k === 'i8' && i >= 17) || (k === 'advanced' && i < 11),
    ),
    remarks: { 12: '含东校区', 17: '民办' },
  };
}

/** The task table a sample describes, as the importer should build it (source aside). */
export function expectedTable(t: SampleTable, source = ''): QuotaTable {
  return { year: t.year, source, keeper: t.keeper, reportsAs: t.reportsAs, indicators: t.indicators, categories: t.categories, units: t.units };
}

const cell = (v: number | null) => (v === null ? '—' : v);

interface Layout {
  /** Header rows: cells by column (null = empty), merges as [r1, c1, r2, c2] 1-based within the sheet. */
  rows: Array<Array<string | null>>;
  merges: Array<[number, number, number, number]>;
  columns: number;
}

/** Header rows of a sample table, from row `top` (1-based), and the merges they need. */
function headerLayout(t: SampleTable, top: number): Layout {
  const lead = ['序号', t.nameHeader, ...(t.categoryStyle === 'column' ? ['类别'] : [])];
  const tail = t.remarks ? ['备注'] : [];
  const n = lead.length + t.indicators.length + tail.length;
  const merges: Layout['merges'] = [];
  if (t.header === 'flat') return { rows: [[...lead, ...t.indicators.map(labelWithUnit), ...tail]], merges, columns: n };
  const r1: Array<string | null> = new Array(n).fill(null);
  const r2: Array<string | null> = new Array(n).fill(null);
  lead.forEach((l, i) => {
    r1[i] = l;
    merges.push([top, i + 1, top + 1, i + 1]);
  });
  tail.forEach((l, i) => {
    const c = lead.length + t.indicators.length + i;
    r1[c] = l;
    merges.push([top, c + 1, top + 1, c + 1]);
  });
  const first = lead.length;
  if (t.header === 'grouped') {
    r1[first] = `${t.year}年度任务`;
    merges.push([top, first + 1, top, first + t.indicators.length]);
    t.indicators.forEach((x, i) => (r2[first + i] = labelWithUnit(x)));
    return { rows: [r1, r2], merges, columns: n };
  }
  t.indicators.forEach((x, i) => {
    const c = first + i;
    const children = t.indicators.filter((k) => k.parent === x.key);
    if (x.parent) {
      r2[c] = `其中：${x.label.replace(/^其中/, '')}`;
      return;
    }
    r1[c] = labelWithUnit(x);
    if (children.length) {
      r2[c] = '小计';
      merges.push([top, c + 1, top, c + 1 + children.length]);
    } else merges.push([top, c + 1, top + 1, c + 1]);
  });
  return { rows: [r1, r2], merges, columns: n };
}

const SECTION_NUMBERS = '一二三四五六七八九十';

/** Body rows: section headings where the category changes (sections), units, the 合计 row. */
function bodyRows(t: SampleTable): Array<{ kind: 'section' | 'unit' | 'total'; cells: Array<string | number | null> }> {
  const out: Array<{ kind: 'section' | 'unit' | 'total'; cells: Array<string | number | null> }> = [];
  let section = '';
  let k = 0;
  for (const u of t.units) {
    if (t.categoryStyle === 'sections' && u.category !== section) {
      section = u.category;
      out.push({ kind: 'section', cells: [`${SECTION_NUMBERS[k++]}、${section}`] });
    }
    out.push({
      kind: 'unit',
      cells: [
        u.id,
        u.name,
        ...(t.categoryStyle === 'column' ? [u.category] : []),
        ...t.indicators.map((i) => cell(u.quota[i.key] ?? null)),
        ...(t.remarks ? [t.remarks[u.id] ?? null] : []),
      ],
    });
  }
  const totals = quotaTotals(t);
  out.push({
    kind: 'total',
    cells: ['合计', null, ...(t.categoryStyle === 'column' ? [null] : []), ...t.indicators.map((i) => totals[i.key]), ...(t.remarks ? [null] : [])],
  });
  return out;
}

/** The table as an office lays it out in Excel: 附件1 line, title, header (merged cells), sections, 合计. */
export async function quotaTableXlsx(t: SampleTable): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('附件1', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.getCell(1, 1).value = '附件1';
  const head = headerLayout(t, 3);
  ws.getCell(2, 1).value = t.title;
  ws.mergeCells(2, 1, 2, head.columns);
  ws.getCell(2, 1).font = { bold: true, size: 14 };
  ws.getCell(2, 1).alignment = { horizontal: 'center' };
  head.rows.forEach((row, i) => row.forEach((v, c) => v !== null && (ws.getCell(3 + i, c + 1).value = v)));
  for (const [r1, c1, r2, c2] of head.merges) ws.mergeCells(r1, c1, r2, c2);
  let r = 3 + head.rows.length;
  const firstBody = r;
  for (const row of bodyRows(t)) {
    row.cells.forEach((v, c) => v !== null && (ws.getCell(r, c + 1).value = v));
    if (row.kind === 'section') ws.mergeCells(r, 1, r, head.columns);
    if (row.kind === 'total') ws.mergeCells(r, 1, r, 2);
    r++;
  }
  const border: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
  for (let rr = 3; rr < r; rr++) {
    for (let c = 1; c <= head.columns; c++) {
      const x = ws.getCell(rr, c);
      x.border = border;
      x.alignment = { horizontal: rr < firstBody ? 'center' : c === 2 ? 'left' : 'center', vertical: 'middle', wrapText: true };
      if (rr < firstBody) x.font = { bold: true };
    }
  }
  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 30;
  for (let c = 3; c <= head.columns; c++) ws.getColumn(c).width = 13;
  ws.getRow(3).height = 30;
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/**
 * The table as text copied out of the notice's PDF (tabs between cells): the labels broken where the PDF breaks
 * them ("培训 任务 （人次）"), the "其中" label on the next line under its column, section lines, "合 计".
 */
export function quotaTableText(t: SampleTable): string {
  const head = headerLayout(t, 1);
  const broken = (s: string | null) => (s === null ? '' : s.length > 6 ? `${s.slice(0, 4)} ${s.slice(4)}` : s);
  const lines = ['附件 1', '', t.title, ''];
  for (const row of head.rows) lines.push(row.map(broken).join('\t'));
  for (const row of bodyRows(t)) {
    if (row.kind === 'section') lines.push(String(row.cells[0]));
    else if (row.kind === 'total') lines.push(['合 计', ...row.cells.slice(1).map((v) => (v === null ? '' : String(v)))].join('\t'));
    else lines.push(row.cells.map((v) => (v === null ? '' : String(v))).join('\t'));
  }
  return `${lines.join('\n')}\n`;
}
