import * as XLSX from 'xlsx';
import * as iconv from 'iconv-lite';
import { INDICATORS_2023 as INDICATORS, IndicatorKey, PerIndicator, perIndicator as perIndicatorOf } from '../core/indicators';
import { DEFAULT_BAND, defaultPace, expectedRate } from '../core/pace';
import { Status, statusOf } from '../core/status';
import { Quota, Unit } from '../core/units';
import { embeddedQuota2023 } from '../quota/embedded2023';
import { Rng, rngFor } from './prng';
import { FormCells, FormLayout, FormValue, IndicatorInput, fullLayout, reportFormCells, writeReportForm } from './reportForm';
import { scanPdf, scanPng } from './scans';

// The samples are the embedded 2023 table's: its four indicators.
const perIndicator = <T>(make: (key: IndicatorKey) => T): PerIndicator<T> => perIndicatorOf(INDICATORS, make);

/**
 * Deterministic, realistic monthly progress reports (附件2) for the 179 units of the 2023 task table,
 * as they arrive by e-mail: mostly .xlsx, some .xls, a few GBK .csv, an .ods, scans, with the usual
 * variety of layouts and typing, and a few of each typical mistake. Every choice is recorded in
 * `traits` so tests can assert the finding a reader should raise.
 */

export type SampleTrait =
  // file formats
  | 'xlsx'
  | 'xls'
  | 'csv-gbk'
  | 'ods'
  | 'scan-pdf'
  | 'scan-png'
  // layouts
  | 'standard'
  | 'compact'
  | 'shifted'
  | 'extra-title-rows'
  | 'blank-first-column'
  | 'period-line'
  | 'name-next-cell'
  | 'date-next-cell'
  | 'empty-sheets'
  | 'two-forms'
  // typing
  | 'text-numbers'
  | 'thousands-separator'
  | 'fullwidth-digits'
  | 'number-with-unit'
  | 'formula-cell'
  | 'rate-percent-format'
  | 'rate-number'
  | 'rate-fraction'
  | 'rate-percent-text'
  | 'rate-text'
  | 'rate-blank'
  | 'date-text'
  | 'date-serial'
  | 'no-quota-dash'
  | 'no-quota-blank'
  | 'no-quota-text'
  // mistakes
  | 'name-variant'
  | 'name-from-filename'
  | 'unknown-unit'
  | 'annual-mismatch'
  | 'cumulative-mismatch'
  | 'missing-cumulative-derivable'
  | 'late';

/** The finding a reader/merge should raise for a trait (the traits not listed raise none). */
export const TRAIT_FINDINGS: Partial<Record<SampleTrait, string>> = {
  'scan-pdf': 'NOT_SPREADSHEET',
  'scan-png': 'NOT_SPREADSHEET',
  'unknown-unit': 'UNKNOWN_UNIT',
  'name-from-filename': 'NAME_FROM_FILENAME',
  'annual-mismatch': 'ANNUAL_MISMATCH',
  'cumulative-mismatch': 'CUMULATIVE_MISMATCH',
  'missing-cumulative-derivable': 'CUMULATIVE_DERIVED',
  late: 'LATE',
};

/** Figures as the unit meant them (what a correct reader gets); null = blank, "—", "无"… */
export interface ReportedFigures {
  annual: number | null;
  monthly: number | null;
  cumulative: number | null;
  /** 累计完成率 as a fraction, as the unit computed and rounded it. */
  rate: number | null;
}

export interface SampleForm {
  /** Sheet name as SheetJS reads it back ("Sheet1" for a CSV). */
  sheet: string;
  /** 序号 of the unit that sent it; null for a name that is no unit of the table. */
  unitId: number | null;
  /** The name as written in the 填报单位 cell ('' = left blank). */
  unitName: string;
  layout: FormLayout;
  cells: FormCells;
  values: PerIndicator<ReportedFigures>;
  /** 填报时间, ISO yyyy-mm-dd. */
  date: string;
  traits: SampleTrait[];
}

export interface SampleFile {
  name: string;
  bytes: Uint8Array;
  month: number;
  /** The one unit the file is from; null for an unknown unit or a workbook with two units' forms. */
  unitId: number | null;
  /** What was done to it, for tests (union of its forms' traits and the file's own). */
  traits: SampleTrait[];
  /** Every unit whose form the file holds (both for two forms; the unit of a scan; none for an unknown unit). */
  unitIds: number[];
  /** The readable forms in it (none for a scan). */
  forms: SampleForm[];
}

export interface SampleOptions {
  months?: number[];
  seed?: number;
}

export interface SampleSet {
  year: number;
  seed: number;
  months: number[];
  files: SampleFile[];
  /** month → 序号 of the units that sent no file that month. */
  missing: Record<number, number[]>;
  /** The generator's truth: 序号 → indicator → 累计 at the end of months 1–12 (index month − 1); null = no quota. */
  progress: Record<number, PerIndicator<number[] | null>>;
  /** The status each unit was built to have at month 2 (linear pace, band 0.05), computed with the core rules. */
  statusAtMonth2: Record<number, Status>;
}

export const DEFAULT_SAMPLE_SEED = 20230306;
export const SAMPLE_YEAR = 2023;

const MISSING_PER_MONTH = 8;
const NAME_VARIANT_KINDS = ['bureau', 'province-bureau', 'county-bureau', 'without-contains', 'spaces', 'seal'] as const;
type NameVariantKind = (typeof NAME_VARIANT_KINDS)[number];
const UNKNOWN_UNIT_NAMES = ['豫西职业技能培训中心', '黄淮技能人才服务站', '中州职业培训学校', '伏牛山职业技能鉴定所'];
const UNKNOWN_QUOTA: Quota = { training: 1200, certified: 900, advanced: 500, onePlusX: 160 };

// ---------- the truth: each unit's cumulative progress ----------

function targetCumulative(q: number, cls: Status, r: Rng): number | null {
  const expected = expectedRate(defaultPace(), 2);
  const band = DEFAULT_BAND;
  const status = (c: number) => statusOf(c / q, expected, band);
  let target: number;
  if (cls === 'ok') target = r.chance(0.15) ? r.range(expected + 0.08, expected + 0.2) : r.range(expected + 0.003, expected + 0.08);
  else if (cls === 'amber') target = r.range(expected - band + 0.004, expected - 0.004);
  else target = r.chance(0.3) ? r.range(0, 0.04) : r.range(0.04, expected - band - 0.008);
  const c = Math.max(0, Math.round(q * target));
  if (status(c) === cls) return c;
  for (let d = 1; d <= q; d++) {
    if (c - d >= 0 && status(c - d) === cls) return c - d;
    if (status(c + d) === cls) return c + d;
  }
  return null;
}

function progressOf(quota: Quota, cls: Status, r: Rng): PerIndicator<number[] | null> {
  const withQuota = INDICATORS.filter((i) => quota[i.key] !== null).map((i) => i.key);
  const feasible = (key: IndicatorKey, c: Status) => targetCumulative(quota[key] as number, c, rngFor(0, 'probe')) !== null;
  const designated = cls === 'ok' ? null : r.pick(withQuota.filter((k) => feasible(k, cls)));
  const classOf = (key: IndicatorKey): Status => {
    if (cls === 'ok') return 'ok';
    if (key === designated) return cls;
    const c: Status =
      cls === 'amber'
        ? r.weighted([
            ['ok', 7],
            ['amber', 3],
          ] as const)
        : r.weighted([
            ['ok', 2],
            ['amber', 1],
            ['red', 1],
          ] as const);
    return feasible(key, c) ? c : 'ok';
  };
  // share of month 2's 累计 done in month 1; 其中高级工及以上 follows 取证人数
  const firstMonthShare = perIndicator(() => r.range(0.3, 0.62));
  firstMonthShare.advanced = firstMonthShare.certified;
  const out = perIndicator<number[] | null>((key) => {
    const q = quota[key];
    if (q === null) return null;
    const c2 = targetCumulative(q, classOf(key), r) ?? 0;
    const cum: number[] = [Math.round(c2 * firstMonthShare[key]), c2];
    const pace = Math.max(0.3, (c2 / q) * 6);
    for (let m = 3; m <= 12; m++) cum.push(cum[m - 2] + Math.max(0, Math.round(((q * pace) / 12) * r.range(0.6, 1.4))));
    return cum;
  });
  // 其中高级工及以上 is part of 取证人数: neither its 累计 nor its 当月 exceeds that of 取证人数
  if (out.advanced && out.certified) {
    const cert = out.certified;
    const adv = out.advanced;
    let before = 0;
    out.advanced = adv.map((v, i) => {
      before = Math.min(v, before + cert[i] - (i > 0 ? cert[i - 1] : 0));
      return before;
    });
  }
  return out;
}

function overallStatus(quota: Quota, cum: PerIndicator<number[] | null>, month: number): Status {
  const expected = expectedRate(defaultPace(), month);
  const severity: Record<Status, number> = { none: 0, ok: 1, amber: 2, red: 3 };
  let worst: Status = 'none';
  for (const i of INDICATORS) {
    const q = quota[i.key];
    const c = cum[i.key];
    if (q === null || c === null) continue;
    const s = statusOf(c[month - 1] / q, expected, DEFAULT_BAND);
    if (severity[s] > severity[worst]) worst = s;
  }
  return worst;
}

// ---------- the plan of each month: who is missing, who makes which mistake ----------

type Role =
  | 'regular'
  | 'scan'
  | 'two-forms'
  | 'name-variant'
  | 'name-from-filename'
  | 'annual-mismatch'
  | 'late'
  | 'cumulative-mismatch'
  | 'missing-cumulative-derivable';

interface MonthPlan {
  month: number;
  missing: number[];
  roles: Map<number, Role>;
  variants: Map<number, NameVariantKind>;
  pair: [number, number];
  scan: number;
}

function variantEligible(kind: NameVariantKind, u: Unit): boolean {
  switch (kind) {
    case 'bureau':
    case 'province-bureau':
      return u.category === '省辖市';
    case 'county-bureau':
      return u.category === '省直管县（市）';
    case 'without-contains':
      return u.name.includes('（含');
    case 'spaces':
    case 'seal':
      return u.id >= 29 && !u.name.includes('（含');
  }
}

function planMonth(seed: number, units: readonly Unit[], month: number, prev: MonthPlan | null): MonthPlan {
  const r = rngFor(seed, `plan-${month}`);
  const order = r.shuffle(units);
  const taken = new Set<number>();
  const take = (n: number, ok: (u: Unit) => boolean = () => true): Unit[] => {
    const got: Unit[] = [];
    for (const u of order) {
      if (got.length === n) break;
      if (taken.has(u.id) || !ok(u)) continue;
      taken.add(u.id);
      got.push(u);
    }
    if (got.length < n) throw new Error(`sample plan: not enough units for month ${month}`);
    return got;
  };
  const roles = new Map<number, Role>();
  const assign = (list: Unit[], role: Role) => list.forEach((u) => roles.set(u.id, role));
  // month ≥ 2 mistakes need an accepted report the month before
  const reportedBefore = (u: Unit) => !prev || (!prev.missing.includes(u.id) && prev.scan !== u.id);
  if (month >= 2) {
    assign(take(1, reportedBefore), 'cumulative-mismatch');
    assign(take(1, reportedBefore), 'missing-cumulative-derivable');
  }
  const missing = take(MISSING_PER_MONTH).map((u) => u.id);
  const [scanUnit] = take(1);
  roles.set(scanUnit.id, 'scan');
  const [a] = take(1, (u) => u.id >= 29);
  const [b] = take(1, (u) => u.category === a.category);
  assign([a, b], 'two-forms');
  const variants = new Map<number, NameVariantKind>();
  for (const kind of NAME_VARIANT_KINDS) {
    const [u] = take(1, (x) => variantEligible(kind, x));
    roles.set(u.id, 'name-variant');
    variants.set(u.id, kind);
  }
  assign(take(1), 'name-from-filename');
  assign(take(1), 'annual-mismatch');
  assign(take(2), 'late');
  for (const u of units) if (!taken.has(u.id)) roles.set(u.id, 'regular');
  return { month, missing: missing.sort((x, y) => x - y), roles, variants, pair: [a.id, b.id], scan: scanUnit.id };
}

// ---------- how a person types things ----------

type CountStyle = 'number' | 'text' | 'thousands' | 'fullwidth' | 'suffix';
type RateStyle = 'percent-format' | 'number' | 'fraction' | 'percent-text' | 'text' | 'blank';
type DateStyle = 'cn' | 'dash' | 'slash' | 'serial';
type NoQuotaStyle = '—' | '-' | '/' | '无' | '';
type FileFormat = 'xlsx' | 'xls' | 'csv' | 'ods';

interface Styles {
  format: FileFormat;
  layout: FormLayout;
  count: CountStyle;
  rate: RateStyle;
  decimals: 1 | 2;
  date: DateStyle;
  noQuota: NoQuotaStyle;
  formula: boolean;
  sheetName: string;
  emptySheets: boolean;
}

const FULLWIDTH_DIGITS = '０１２３４５６７８９';

function withThousands(n: number): string {
  const s = String(Math.abs(n));
  const grouped = s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${grouped}` : grouped;
}

function typedCount(n: number, style: CountStyle, unit: string): FormValue {
  switch (style) {
    case 'number':
      return n;
    case 'text':
      return String(n);
    case 'thousands':
      return withThousands(n);
    case 'fullwidth':
      return String(n).replace(/\d/g, (d) => FULLWIDTH_DIGITS[Number(d)]);
    case 'suffix':
      return `${n}${unit}`;
  }
}

const round = (x: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
};

/** The rate as the unit rounds it, as a fraction: 25.34% → 0.2534 (exactly as typed, no float residue). */
function roundedRate(fraction: number, decimals: 1 | 2): number {
  return Number((round(fraction * 100, decimals) / 100).toFixed(decimals + 2));
}

function typedRate(fraction: number, style: RateStyle, decimals: 1 | 2): FormValue {
  const pct = round(fraction * 100, decimals);
  switch (style) {
    case 'percent-format':
      return { number: roundedRate(fraction, decimals), format: decimals === 1 ? '0.0%' : '0.00%' };
    case 'number':
      return pct;
    case 'fraction':
      return roundedRate(fraction, decimals);
    case 'percent-text':
      return `${pct.toFixed(decimals)}%`;
    case 'text':
      return pct.toFixed(decimals);
    case 'blank':
      return null;
  }
}

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Excel serial of a calendar date (1900 system), independent of the time zone. */
export function dateSerial(year: number, month: number, day: number): number {
  return (Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

function typedDate(y: number, m: number, d: number, style: DateStyle, r: Rng): FormValue {
  switch (style) {
    case 'cn':
      return `${y}年${m}月${d}日`;
    case 'dash':
      return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    case 'slash':
      return `${y}/${m}/${d}`;
    case 'serial':
      return { number: dateSerial(y, m, d), format: r.pick(['yyyy"年"m"月"d"日"', 'yyyy/m/d', 'yyyy-mm-dd']) };
  }
}

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文辉力鹏飞晓东雪梅海燕春林斌宇浩凯丹婷慧颖佳琳';

function personName(r: Rng): string {
  const given = r.chance(0.6) ? r.pick([...GIVEN]) + r.pick([...GIVEN]) : r.pick([...GIVEN]);
  return r.pick([...SURNAMES]) + given;
}

function phone(r: Rng): string {
  if (r.chance(0.45)) return `0371-${r.int(6, 6)}${String(r.int(0, 9_999_999)).padStart(7, '0')}`;
  return `1${r.pick(['35', '37', '38', '39', '51', '58', '59', '80', '83', '86', '87', '88'])}${String(r.int(0, 99_999_999)).padStart(8, '0')}`;
}

function pickLayout(r: Rng, format: FileFormat, dateStyle: DateStyle): FormLayout {
  const shifted = r.chance(0.12);
  const shiftKind = shifted ? r.pick(['rows', 'column', 'both'] as const) : null;
  return fullLayout({
    kind: r.chance(0.2) ? 'compact' : 'standard',
    extraTitleRows: shiftKind === 'rows' || shiftKind === 'both' ? r.int(1, 2) : 0,
    blankFirstColumn: shiftKind === 'column' || shiftKind === 'both',
    periodLine: r.chance(0.15),
    nameInNextCell: r.chance(0.4),
    dateInNextCell: dateStyle === 'serial' || (format !== 'csv' && r.chance(0.3)),
    labelStyle: r.weighted([
      ['fullwidth', 6],
      ['halfwidth', 3],
      ['newline', 1],
    ] as const),
  });
}

function pickSheetName(r: Rng, month: number): string {
  return r.weighted([
    ['Sheet1', 50],
    ['月报', 10],
    [`${month}月`, 15],
    [`${month === 1 ? 12 : month - 1}月`, 5],
    ['附件2', 10],
    ['进度月报表', 10],
  ] as const);
}

// ---------- building one form ----------

interface FormSpec {
  unitId: number | null;
  writtenName: string;
  quota: Quota;
  cumulative: PerIndicator<number[] | null>;
  month: number;
  role: Role | 'unknown-unit';
  styles: Styles;
  seedLabel: string;
}

function wrongAnnual(q: number, r: Rng): number {
  const options = [
    Math.round((q * 0.9) / 50) * 50, // last year's figure
    Math.round(q / 10), // a zero dropped
    q + 1000,
    Math.round((q * 1.1) / 100) * 100,
  ].filter((x) => x !== q && x > 0);
  return r.pick(options);
}

function buildForm(seed: number, spec: FormSpec): { input: Parameters<typeof writeReportForm>[0]; form: Omit<SampleForm, 'sheet'> } {
  const r = rngFor(seed, spec.seedLabel);
  const { month, styles } = spec;
  const year = SAMPLE_YEAR;
  const traits: SampleTrait[] = [];
  const cells = reportFormCells(styles.layout);
  const values = {} as PerIndicator<ReportedFigures>;
  const inputs = {} as PerIndicator<IndicatorInput>;
  const mismatchKey: IndicatorKey = 'training';
  let noQuotaSeen = false;

  for (const ind of INDICATORS) {
    const q = spec.quota[ind.key];
    const cum = spec.cumulative[ind.key];
    if (q === null || cum === null) {
      noQuotaSeen = true;
      const token: FormValue = styles.noQuota === '' ? null : styles.noQuota;
      inputs[ind.key] = { annual: '—', monthly: token, cumulative: token, rate: token };
      values[ind.key] = { annual: null, monthly: null, cumulative: null, rate: null };
      continue;
    }
    let annual = q;
    const cumulative = cum[month - 1];
    let monthly = cumulative - (month >= 2 ? cum[month - 2] : 0);
    let reportedCumulative: number | null = cumulative;
    if (spec.role === 'annual-mismatch' && ind.key === mismatchKey) annual = wrongAnnual(q, r);
    if (spec.role === 'cumulative-mismatch' && ind.key === mismatchKey) monthly += Math.max(7, Math.round(monthly * 0.3)) + r.int(1, 9);
    if (spec.role === 'missing-cumulative-derivable') reportedCumulative = null;
    const rate = reportedCumulative === null ? null : reportedCumulative / annual;
    const ta = typedCount(annual, styles.count, ind.unit);
    const tm = typedCount(monthly, styles.count, ind.unit);
    let tc: FormValue = reportedCumulative === null ? null : typedCount(reportedCumulative, styles.count, ind.unit);
    let tr: FormValue = rate === null ? null : typedRate(rate, styles.rate, styles.decimals);
    let reportedRate: number | null = rate === null || styles.rate === 'blank' ? null : roundedRate(rate, styles.decimals);
    if (styles.formula && reportedCumulative !== null) {
      // 累计 typed as "=上月累计+当月" and the rate as "=累计/年度任务", as Excel saves them (formula and cached value)
      const at = cells.indicators[ind.key];
      tc = month >= 2 ? { formula: `${cum[month - 2]}+${at.monthly}`, value: reportedCumulative } : { formula: at.monthly, value: reportedCumulative };
      tr = { formula: `${at.cumulative}/${at.annual}`, value: reportedCumulative / annual, format: '0.00%' };
      reportedRate = reportedCumulative / annual;
    }
    inputs[ind.key] = { annual: ta, monthly: tm, cumulative: tc, rate: tr };
    values[ind.key] = { annual, monthly, cumulative: reportedCumulative, rate: reportedRate };
  }

  // 填报时间: within the month up to the due day; late ones in the first days of the next month
  const due = Math.min(30, lastDay(year, month));
  const late = spec.role === 'late';
  const [dy, dm] = late ? (month === 12 ? [year + 1, 1] : [year, month + 1]) : [year, month];
  const dd = late ? r.int(1, 4) : r.int(due - 6, due);
  const date = typedDate(dy, dm, dd, styles.date, r);

  const role = spec.role;
  if (role !== 'regular' && role !== 'two-forms' && role !== 'scan') traits.push(role);
  const l = styles.layout;
  traits.push(l.kind);
  if (l.extraTitleRows > 0 || l.blankFirstColumn) traits.push('shifted');
  if (l.extraTitleRows > 0) traits.push('extra-title-rows');
  if (l.blankFirstColumn) traits.push('blank-first-column');
  if (l.periodLine) traits.push('period-line');
  if (l.nameInNextCell) traits.push('name-next-cell');
  if (l.dateInNextCell) traits.push('date-next-cell');
  if (styles.count !== 'number') traits.push('text-numbers');
  if (styles.count === 'thousands') traits.push('thousands-separator');
  if (styles.count === 'fullwidth') traits.push('fullwidth-digits');
  if (styles.count === 'suffix') traits.push('number-with-unit');
  if (styles.formula) traits.push('formula-cell');
  else {
    const csv = styles.format === 'csv';
    const rateTrait: Record<RateStyle, SampleTrait> = {
      'percent-format': csv ? 'rate-percent-text' : 'rate-percent-format',
      number: 'rate-number',
      fraction: 'rate-fraction',
      'percent-text': 'rate-percent-text',
      text: 'rate-text',
      blank: 'rate-blank',
    };
    traits.push(rateTrait[styles.rate]);
  }
  traits.push(styles.date === 'serial' && styles.format !== 'csv' ? 'date-serial' : 'date-text');
  if (noQuotaSeen) traits.push(styles.noQuota === '' ? 'no-quota-blank' : styles.noQuota === '无' ? 'no-quota-text' : 'no-quota-dash');

  const filler = personName(r);
  return {
    input: { unitName: spec.writtenName, year, month, values: inputs, filler, phone: phone(r), date, layout: l },
    form: {
      unitId: spec.unitId,
      unitName: spec.writtenName,
      layout: l,
      cells,
      values,
      date: `${dy}-${String(dm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`,
      traits,
    },
  };
}

function writtenName(u: Unit, kind: NameVariantKind | undefined): string {
  switch (kind) {
    case undefined:
      return u.name;
    case 'bureau':
      return `${u.name}教育局`;
    case 'province-bureau':
      return `河南省${u.name}教育局`;
    case 'county-bureau':
      return `${u.name}教育体育局`;
    case 'without-contains':
      return u.name.replace(/（含.*）$/, '');
    case 'spaces':
      return `${u.name.slice(0, 2)} ${u.name.slice(2)} `;
    case 'seal':
      return `${u.name}（公章）`;
  }
}

function fileBaseName(r: Rng, name: string, month: number): string {
  return r.pick([
    `${name}${SAMPLE_YEAR}年${month}月进度月报`,
    `${name}-${month}月`,
    `附件2-${name}`,
    `附件2：${name}${month}月份任务进度月报表`,
    `${name}“人人持证、技能河南”${month}月进度月报表`,
    `${month}月份月报（${name}）`,
    `${SAMPLE_YEAR}年${month}月${name}持证进度`,
    `${name}`,
  ]);
}

function toBytes(data: ArrayBuffer | Uint8Array): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

let builtinFormats: Record<number, string> | null = null;

/**
 * SheetJS's built-in number formats. Its writer otherwise copies a process-wide format table that grows
 * with every custom format any workbook used, so styles.xml would depend on what ran before. Writing a
 * workbook that carries its own table resets the global one first, so this snapshot is pristine.
 */
function pristineFormats(): Record<number, string> {
  if (!builtinFormats) {
    const probe = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(probe, XLSX.utils.aoa_to_sheet([[1]]), 'Sheet1');
    (probe as { SSF?: Record<number, string> }).SSF = { 0: 'General' };
    XLSX.write(probe, { type: 'array', bookType: 'xlsx' });
    builtinFormats = { ...(XLSX.SSF.get_table() as Record<number, string>) };
  }
  return builtinFormats;
}

function workbookBytes(sheets: Array<{ name: string; ws: XLSX.WorkSheet }>, format: FileFormat, author: string, created: Date): Uint8Array {
  const wb = XLSX.utils.book_new();
  (wb as { SSF?: Record<number, string> }).SSF = { ...pristineFormats() };
  for (const s of sheets) XLSX.utils.book_append_sheet(wb, s.ws, s.name);
  wb.Props = { Title: '任务进度月报表', Author: author, LastAuthor: author, CreatedDate: created };
  const bookType = format === 'xls' ? 'biff8' : format === 'ods' ? 'ods' : 'xlsx';
  return toBytes(XLSX.write(wb, { type: 'array', bookType, bookSST: true, compression: true }));
}

/** A CSV the way Excel on a Chinese Windows saves one ("CSV (逗号分隔)"): GBK, CRLF, values as displayed. */
export function csvGbkBytes(ws: XLSX.WorkSheet): Uint8Array {
  // not sheet_to_csv: it leaves fields with a bare line break ("年度任务\n（人次）") unquoted
  const range = XLSX.utils.decode_range(ws['!ref'] ?? 'A1');
  const quote = (t: string) => (/[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
  const lines: string[] = [];
  for (let r = range.s.r; r <= range.e.r; r++) {
    const fields: string[] = [];
    for (let c = range.s.c; c <= range.e.c; c++) {
      const cell = ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined;
      fields.push(cell ? quote(XLSX.utils.format_cell(cell)) : '');
    }
    lines.push(fields.join(','));
  }
  return new Uint8Array(iconv.encode(lines.join('\r\n') + '\r\n', 'gbk'));
}

function uniqueName(used: Set<string>, base: string, ext: string): string {
  let name = `${base}.${ext}`;
  for (let i = 2; used.has(name); i++) name = `${base}(${i}).${ext}`;
  used.add(name);
  return name;
}

// ---------- the whole set ----------

/** Every sample report for the given months, with the plan and the truth behind them. */
export function sampleSet(options?: SampleOptions): SampleSet {
  const seed = options?.seed ?? DEFAULT_SAMPLE_SEED;
  const months = [...new Set(options?.months ?? [1, 2])].sort((a, b) => a - b);
  for (const m of months) if (!Number.isInteger(m) || m < 1 || m > 12) throw new RangeError(`month ${m} is not 1–12`);
  const units = embeddedQuota2023().units;

  // truth
  const classRng = rngFor(seed, 'classes');
  const shuffled = classRng.shuffle(units.map((u) => u.id));
  const nOk = Math.round(units.length * 0.6);
  const nAmber = Math.round(units.length * 0.2);
  const cls = new Map<number, Status>(shuffled.map((id, i) => [id, i < nOk ? 'ok' : i < nOk + nAmber ? 'amber' : 'red']));
  const progress: Record<number, PerIndicator<number[] | null>> = {};
  const statusAtMonth2: Record<number, Status> = {};
  for (const u of units) {
    progress[u.id] = progressOf(u.quota, cls.get(u.id) as Status, rngFor(seed, `truth-${u.id}`));
    statusAtMonth2[u.id] = overallStatus(u.quota, progress[u.id], 2);
  }
  const unknownProgress = progressOf(UNKNOWN_QUOTA, 'ok', rngFor(seed, 'truth-unknown'));

  // plans for every month up to the last one asked (month M depends on M − 1)
  const plans: MonthPlan[] = [];
  const maxMonth = months.length ? months[months.length - 1] : 0;
  for (let m = 1; m <= maxMonth; m++) plans.push(planMonth(seed, units, m, plans[m - 2] ?? null));

  const files: SampleFile[] = [];
  const missing: Record<number, number[]> = {};
  for (const month of months) {
    const plan = plans[month - 1];
    missing[month] = plan.missing;
    files.push(...monthFiles(seed, units, plan, progress, unknownProgress));
  }
  return { year: SAMPLE_YEAR, seed, months, files, missing, progress, statusAtMonth2 };
}

/** The sample report files (default: months 1 and 2 of 2023, fixed seed); same options → byte-identical files. */
export function sampleReports(options?: SampleOptions): SampleFile[] {
  return sampleSet(options).files;
}

function monthFiles(
  seed: number,
  units: readonly Unit[],
  plan: MonthPlan,
  progress: Record<number, PerIndicator<number[] | null>>,
  unknownProgress: PerIndicator<number[] | null>,
): SampleFile[] {
  const month = plan.month;
  const r = rngFor(seed, `files-${month}`);
  const used = new Set<string>();
  const files: SampleFile[] = [];
  const byId = new Map(units.map((u) => [u.id, u]));

  // single-form spreadsheet files: every unit with a role except scan / two-forms, plus the unknown unit
  const singles = units.filter((u) => {
    const role = plan.roles.get(u.id);
    return role !== undefined && role !== 'scan' && role !== 'two-forms' && !plan.missing.includes(u.id);
  });
  const order = r.shuffle(singles.map((u) => u.id));
  const nXls = Math.round(singles.length * 0.1);
  const nCsv = Math.round(singles.length * 0.05);
  const format = new Map<number, FileFormat>();
  order.forEach((id, i) => format.set(id, i < nXls ? 'xls' : i < nXls + nCsv ? 'csv' : i === nXls + nCsv ? 'ods' : 'xlsx'));
  // guaranteed counts of typing variants, among regular .xlsx/.xls/.csv reports
  const typingOrder = r.shuffle(singles.filter((u) => plan.roles.get(u.id) === 'regular' && format.get(u.id) !== 'ods').map((u) => u.id));
  const count = new Map<number, CountStyle>();
  const countPlan: Array<[CountStyle, number]> = [
    ['fullwidth', 3],
    ['suffix', 3],
    ['thousands', 3],
    ['text', 4],
  ];
  let at = 0;
  for (const [style, n] of countPlan) for (let i = 0; i < n; i++) count.set(typingOrder[at++], style);
  const formulaIds = new Set(
    typingOrder
      .slice(at)
      .filter((id) => format.get(id) === 'xlsx')
      .slice(0, 2),
  );

  const stylesFor = (key: string, fmt: FileFormat, countStyle: CountStyle, formula: boolean): Styles => {
    const s = rngFor(seed, `styles-${month}-${key}`);
    const date: DateStyle = s.weighted([
      ['cn', 5],
      ['dash', 2],
      ['slash', 2],
      ['serial', fmt === 'ods' ? 0 : 3],
    ] as const);
    const rate: RateStyle =
      fmt === 'ods'
        ? s.pick(['number', 'percent-text'] as const)
        : s.weighted([
            ['percent-format', 35],
            ['number', 25],
            ['percent-text', 15],
            ['fraction', 10],
            ['text', 8],
            ['blank', 7],
          ] as const);
    return {
      format: fmt,
      layout: pickLayout(s, fmt, date),
      count: countStyle,
      rate,
      decimals: s.pick([1, 2] as const),
      date,
      noQuota: s.weighted([
        ['—', 5],
        ['-', 2],
        ['/', 1],
        ['无', 1],
        ['', 2],
      ] as const),
      formula,
      sheetName: pickSheetName(s, month),
      emptySheets: fmt === 'xls' && s.chance(0.35),
    };
  };

  const created = (form: Omit<SampleForm, 'sheet'>) => {
    const [y, m, d] = form.date.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d, 1 + (d % 8), (d * 7) % 60, 0));
  };

  const emit = (fileName: string, spec: FormSpec, unitId: number | null, unitIds: number[]) => {
    const { input, form } = buildForm(seed, spec);
    const ws = writeReportForm(input);
    const fmt = spec.styles.format;
    const fileTraits: SampleTrait[] = [fmt === 'csv' ? 'csv-gbk' : fmt];
    let bytes: Uint8Array;
    let sheet = spec.styles.sheetName;
    if (fmt === 'csv') {
      bytes = csvGbkBytes(ws);
      sheet = 'Sheet1';
    } else {
      const sheets = [{ name: sheet, ws }];
      if (spec.styles.emptySheets) {
        fileTraits.push('empty-sheets');
        sheets.push({ name: sheet === 'Sheet2' ? 'Sheet4' : 'Sheet2', ws: {} }, { name: 'Sheet3', ws: {} });
      }
      bytes = workbookBytes(sheets, fmt, input.filler ?? '', created(form));
    }
    const ext = fmt === 'xls' ? 'xls' : fmt;
    files.push({
      name: uniqueName(used, fileName, ext),
      bytes,
      month,
      unitId,
      traits: [...new Set([...fileTraits, ...form.traits])],
      unitIds,
      forms: [{ ...form, sheet }],
    });
  };

  for (const u of units) {
    const role = plan.roles.get(u.id);
    if (role === undefined || plan.missing.includes(u.id) || role === 'two-forms' || role === 'scan') continue;
    const kind = plan.variants.get(u.id);
    const written = role === 'name-from-filename' ? '' : writtenName(u, kind);
    const fileNameUnit = kind === 'spaces' || kind === 'seal' ? u.name : written;
    const fmt = format.get(u.id) as FileFormat;
    const styles = stylesFor(String(u.id), fmt, count.get(u.id) ?? 'number', formulaIds.has(u.id));
    const fileName = fileBaseName(rngFor(seed, `name-${month}-${u.id}`), fileNameUnit, month);
    emit(
      role === 'name-from-filename' ? `${u.name}${month}月进度月报表` : fileName,
      { unitId: u.id, writtenName: written, quota: u.quota, cumulative: progress[u.id], month, role, styles, seedLabel: `form-${month}-${u.id}` },
      u.id,
      [u.id],
    );
  }

  // a name that is no unit of the table
  {
    const name = UNKNOWN_UNIT_NAMES[(month - 1) % UNKNOWN_UNIT_NAMES.length];
    const styles = stylesFor('unknown', 'xlsx', 'number', false);
    emit(
      `${name}${month}月进度月报`,
      {
        unitId: null,
        writtenName: name,
        quota: UNKNOWN_QUOTA,
        cumulative: unknownProgress,
        month,
        role: 'unknown-unit',
        styles,
        seedLabel: `form-${month}-unknown`,
      },
      null,
      [],
    );
  }

  // one workbook with two units' forms, one per sheet
  {
    const [a, b] = plan.pair.map((id) => byId.get(id) as Unit);
    const sheets: Array<{ name: string; ws: XLSX.WorkSheet }> = [];
    const forms: SampleForm[] = [];
    let author = '';
    for (const u of [a, b]) {
      const styles = stylesFor(`pair-${u.id}`, 'xlsx', 'number', false);
      const { input, form } = buildForm(seed, {
        unitId: u.id,
        writtenName: u.name,
        quota: u.quota,
        cumulative: progress[u.id],
        month,
        role: 'two-forms',
        styles,
        seedLabel: `form-${month}-${u.id}`,
      });
      const sheet = u.name.replace(/（.*$/, '').slice(0, 31);
      sheets.push({ name: sheet, ws: writeReportForm(input) });
      forms.push({ ...form, sheet, traits: ['two-forms', ...form.traits] });
      author ||= input.filler ?? '';
    }
    const [y, m, d] = forms[0].date.split('-').map(Number);
    files.push({
      name: uniqueName(used, `${month}月进度月报（${a.name}、${b.name}）`, 'xlsx'),
      bytes: workbookBytes(sheets, 'xlsx', author, new Date(Date.UTC(y, m - 1, d, 2, 0, 0))),
      month,
      unitId: null,
      traits: [...new Set<SampleTrait>(['xlsx', ...forms.flatMap((f) => f.traits)])],
      unitIds: [a.id, b.id],
      forms,
    });
  }

  // a unit that sent only a scan / photo
  {
    const u = byId.get(plan.scan) as Unit;
    const s = rngFor(seed, `scan-${month}`);
    const pdf = month % 2 === 1;
    files.push({
      name: pdf ? uniqueName(used, `${u.name}${month}月任务进度月报表（盖章扫描件）`, 'pdf') : uniqueName(used, `${u.name}-${month}月月报表`, 'png'),
      bytes: pdf ? scanPdf(s) : scanPng(s),
      month,
      unitId: u.id,
      traits: [pdf ? 'scan-pdf' : 'scan-png'],
      unitIds: [u.id],
      forms: [],
    });
  }

  return files.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}
