import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as XLSX from 'xlsx';
import ExcelJS from 'exceljs';
import { ReportedFigures, SampleFile, SampleForm, sampleSet } from '../../src/samples/sampleReports';
import { rngFor } from '../../src/samples/prng';
import { encodeTemplateCode } from '../../src/core/templateCode';
import { convertWithLibreOffice } from './libreoffice';

/**
 * Forms with known truth for the scan reader: the project's sample reports (附件2 as .xlsx/.xls/.ods),
 * optionally relabelled (another task table's indicators) and given cell borders (ExcelJS), printed to PDF
 * by LibreOffice (a text layer, like a PDF exported from Excel or WPS).
 */

export interface LabelledIndicator {
  key: string;
  label: string;
}

/** The 2023 task table's indicators, as the sample generator writes them. */
export const LABELS_2023: LabelledIndicator[] = [
  { key: 'training', label: '培训任务' },
  { key: 'certified', label: '取证人数' },
  { key: 'advanced', label: '其中高级工及以上' },
  { key: 'onePlusX', label: '1+X证书取证人数' },
];

/** Another year's table with other labels (same number of rows as the sample forms). */
export const LABELS_OTHER: LabelledIndicator[] = [
  { key: 'i2', label: '职业技能等级认定' },
  { key: 'i3', label: '专项职业能力考核' },
  { key: 'i4', label: '其中技师及以上' },
  { key: 'i5', label: '新职业培训人数' },
];

export interface ScanSample {
  id: string;
  unitName: string;
  /** ISO yyyy-mm-dd. */
  date: string;
  labels: LabelledIndicator[];
  /** Truth per indicator key (null = blank, "—", "无"…). */
  values: Record<string, ReportedFigures>;
  bordered: boolean;
  /** A template code printed under the form (every fourth form), as templates will carry it. */
  code: string | null;
  traits: string[];
  /** The form as an .xlsx workbook. */
  xlsx: Uint8Array;
}

function singleForms(seed: number): Array<{ file: SampleFile; form: SampleForm }> {
  const set = sampleSet({ months: [1, 2], seed });
  return (
    set.files
      // labels on two lines ("培训任务\n（人次）") in a one-line row print clipped: unreadable on paper too
      .filter((f) => f.forms.length === 1 && !f.name.endsWith('.csv') && f.forms[0].unitName !== '' && f.forms[0].layout.labelStyle !== 'newline')
      .map((f) => ({ file: f, form: f.forms[0] }))
  );
}

function relabel(ws: XLSX.WorkSheet, labels: LabelledIndicator[]): void {
  const pairs = LABELS_2023.map((l, i) => [l.label, labels[i].label] as const).sort((a, b) => b[0].length - a[0].length);
  const re = new RegExp(pairs.map(([from]) => from.replace(/[+]/g, '\\+')).join('|'), 'g');
  const to = new Map(pairs);
  for (const addr of Object.keys(ws)) {
    if (addr.startsWith('!')) continue;
    const cell = ws[addr] as XLSX.CellObject;
    if (cell.t === 's' && typeof cell.v === 'string' && re.test(cell.v)) {
      re.lastIndex = 0;
      cell.v = cell.v.replace(re, (m) => to.get(m) as string);
      delete cell.w;
      delete cell.h;
      delete cell.r;
    }
    re.lastIndex = 0;
  }
}

/** Printed as a person sets a template up: one page wide (and, when `bordered`, thin lines around the table). */
async function pageSetup(xlsx: Uint8Array, form: SampleForm, bordered: boolean): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(xlsx) as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  ws.pageSetup = { ...ws.pageSetup, paperSize: 9, orientation: 'landscape', fitToPage: false, scale: 100 };
  if (!bordered) return new Uint8Array(await wb.xlsx.writeBuffer());
  const at = Object.values(form.cells.indicators);
  const first = XLSX.utils.decode_cell(form.cells.unitLabel);
  const last = at.map((a) => XLSX.utils.decode_cell(a.rate)).reduce((m, c) => (c.r > m.r ? c : m));
  const thin = { style: 'thin' as const };
  for (let r = first.r + 1; r <= last.r; r++) {
    for (let c = first.c; c <= last.c; c++) ws.getCell(r + 1, c + 1).border = { top: thin, left: thin, bottom: thin, right: thin };
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/**
 * 累计完成率 printed as the notice's form and our templates print it, with two decimals (a number formatted
 * 0.00%, or the text the unit typed, "6.23%" / "6.23"): the decimals the form's own check needs. The sample
 * generator's forms carry one decimal as often as two; a scan of those is always held for a person.
 */
function printRatesAsTheNotice(ws: XLSX.WorkSheet, form: SampleForm, labels: LabelledIndicator[], values: Record<string, ReportedFigures>): void {
  LABELS_2023.forEach((l, k) => {
    const at = form.cells.indicators[l.key as keyof typeof form.cells.indicators]?.rate;
    const v = values[labels[k].key];
    if (!at || v.annual === null || v.cumulative === null || v.annual === 0) return;
    const fraction = v.cumulative / v.annual;
    const old = ws[at] as XLSX.CellObject | undefined;
    if (old?.t === 's') {
      const percent = String(old.v).includes('%');
      ws[at] = { t: 's', v: `${(100 * fraction).toFixed(2)}${percent ? '%' : ''}` };
    } else ws[at] = { t: 'n', v: fraction, z: '0.00%' };
    v.rate = fraction;
  });
}

/**
 * `count` forms, deterministic for a seed: every third relabelled with LABELS_OTHER, every second bordered.
 */
export async function scanSamples(count: number, seed = 20231201): Promise<ScanSample[]> {
  const shuffled = rngFor(seed, 'scan-pick').shuffle(singleForms(20230306));
  // every third form in the compact layout (one header row), the others standard
  const compact = shuffled.filter((x) => x.form.layout.kind === 'compact');
  const standard = shuffled.filter((x) => x.form.layout.kind !== 'compact');
  const pool = shuffled.map((_, i) => ((i % 3 === 0 && compact.length) || !standard.length ? compact.shift() : standard.shift()) as (typeof shuffled)[number]);
  const out: ScanSample[] = [];
  for (const [i, { file, form }] of pool.slice(0, count).entries()) {
    const wb = XLSX.read(file.bytes, { type: 'array', cellNF: true, cellFormula: true, cellStyles: true });
    const ws = wb.Sheets[form.sheet];
    const relabelled = i % 3 === 2;
    const labels = relabelled ? LABELS_OTHER : LABELS_2023;
    if (relabelled) relabel(ws, labels);
    const values: Record<string, ReportedFigures> = {};
    LABELS_2023.forEach((l, k) => (values[labels[k].key] = { ...form.values[l.key as keyof typeof form.values] }));
    const twoDecimals = i % 5 !== 4;
    if (twoDecimals) printRatesAsTheNotice(ws, form, labels, values);
    let code: string | null = null;
    if (i % 4 === 0) {
      const month = Number(form.date.slice(5, 7));
      code = encodeTemplateCode({ year: 2023, month, unitId: file.unitId ?? 1 });
      const range = XLSX.utils.decode_range(ws['!ref'] as string);
      ws[XLSX.utils.encode_cell({ r: range.e.r + 2, c: range.s.c })] = { t: 's', v: `模板编码：${code}` };
      range.e.r += 2;
      ws['!ref'] = XLSX.utils.encode_range(range);
    }
    const keep = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(keep, ws, 'Sheet1');
    let xlsx: Uint8Array = new Uint8Array(XLSX.write(keep, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const bordered = i % 2 === 1;
    xlsx = await pageSetup(xlsx, form, bordered);
    out.push({
      id: `s${String(i + 1).padStart(2, '0')}`,
      unitName: form.unitName,
      date: form.date,
      labels,
      values,
      bordered,
      code,
      traits: [
        ...form.traits,
        ...(relabelled ? ['relabelled'] : []),
        ...(bordered ? ['bordered'] : []),
        twoDecimals ? 'rate-two-decimals' : 'rate-one-decimal',
      ],
      xlsx,
    });
  }
  return out;
}

/** Each sample printed to PDF by LibreOffice (one process for all). */
export function printToPdf(samples: ScanSample[]): Buffer[] {
  return convertWithLibreOffice(
    samples.map((s) => ({ name: `${s.id}.xlsx`, bytes: s.xlsx })),
    'pdf',
  );
}

/** The first page of a PDF as a PNG at `dpi` (poppler's pdftoppm). */
export function rasterize(pdf: Uint8Array, dpi: number): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'scan-r-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-png', '-f', '1', '-l', '1', '-singlefile', join(dir, 'in.pdf'), join(dir, 'page')], {
      stdio: 'pipe',
      timeout: 60_000,
    });
    return readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.png')) as string));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface WordBox {
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Word boxes of the PDF's first page in pixels at `dpi` (poppler's pdftotext -bbox): where to put a stamp. */
export function wordBoxes(pdf: Uint8Array, dpi: number): WordBox[] {
  const dir = mkdtempSync(join(tmpdir(), 'scan-w-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', join(dir, 'in.pdf'), '-'], { stdio: 'pipe', timeout: 60_000 }).toString('utf8');
    const k = dpi / 72;
    const out: WordBox[] = [];
    const re = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
    for (let m = re.exec(html); m; m = re.exec(html)) {
      const [x0, y0, x1, y1] = [1, 2, 3, 4].map((i) => Number(m![i]) * k);
      out.push({ text: m[5], x: x0, y: y0, w: x1 - x0, h: y1 - y0 });
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
