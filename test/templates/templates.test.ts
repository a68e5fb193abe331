import { execFileSync } from 'child_process';
import ExcelJS from 'exceljs';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { unzipSync } from 'fflate';
import * as XLSX from 'xlsx';
import { IndicatorKey, PerIndicator, perIndicator } from '../../src/core/indicators';
import { LedgerEntry, cumulativeAsOf, getEntry } from '../../src/core/ledger';
import { decodeTemplateCode } from '../../src/core/templateCode';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { readReportFile } from '../../src/reports/readReports';
import {
  PREVIOUS_HEADER,
  templateCells,
  TemplateFile,
  buildTemplates,
  templateFileName,
  templatesZip,
  templatesZipName,
} from '../../src/templates/reportTemplate';
import { MasterModel, newMasterModel } from '../../src/workbook/model';
import { ReportFile, planMerge, readReportFiles } from '../../src/workflow/merge';
import { convertWithLibreOffice } from '../helpers/libreoffice';
import { sampleLedger } from '../helpers/sampleLedger';
import { INDICATORS } from '../helpers/table2023';

/**
 * The whole template cycle: 179 templates for month 3, filled in by the units (ExcelJS as Excel would save
 * them, SheetJS for another tool, LibreOffice for units on another office suite), merged back: every one
 * recognised by its code, nothing lost, the numbers equal what was typed.
 */
const table = embeddedQuota2023();
const MONTH = 3;
const model: MasterModel = { ...newMasterModel(table), ledger: sampleLedger(table.units, 2), month: 2 };
/** Units whose filled template goes through LibreOffice (one batch). */
const VIA_LIBREOFFICE = [1, 5, 17, 18, 28, 44, 66, 100, 150, 161, 167, 179];
/** ExcelJS keeps the sheet's protection here (not in its type declarations). */
const protectionOf = (ws: ExcelJS.Worksheet) => (ws as unknown as { sheetProtection?: Record<string, unknown> }).sheetProtection;
/** Whether a cell is locked, from the sheet's and the styles' XML (cells are locked unless their style says not). */
function lockedIn(sheetXml: string, stylesXml: string, a1: string): boolean {
  const style = Number(new RegExp(`<c r="${a1}"[^>]*\\ss="(\\d+)"`).exec(sheetXml)?.[1] ?? 0);
  const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)![1].split(/<xf\b/).slice(1);
  return !/<protection[^>]*locked="(0|false)"/.test(xfs[style].split('</xf>')[0]);
}
const VIA_SHEETJS = (id: number) => id % 4 === 0 && !VIA_LIBREOFFICE.includes(id);

let templates: TemplateFile[];
let filled: ReportFile[];
let lo: Map<number, Uint8Array>;
const typed = new Map<number, PerIndicator<LedgerEntry | null>>();

/** What unit `id` types: a monthly figure and last month's 累计 plus it; nothing where it has no quota. */
function valuesFor(id: number): PerIndicator<LedgerEntry | null> {
  const unit = table.units.find((u) => u.id === id)!;
  const previous = (key: IndicatorKey) => cumulativeAsOf(model.ledger, id, key, MONTH - 1) ?? 0;
  const monthlyOf = (key: IndicatorKey) => {
    const k = INDICATORS.findIndex((i) => i.key === key);
    return Math.round((unit.quota[key]! / 12) * (0.4 + ((id * 7 + k * 13) % 10) / 20));
  };
  return perIndicator(INDICATORS, (key: IndicatorKey) => {
    if (unit.quota[key] === null) return null;
    let monthly = monthlyOf(key);
    if (key === 'advanced' && unit.quota.certified !== null) {
      // 其中高级工及以上 is part of 取证人数: never more, neither this month nor in total.
      const certified = monthlyOf('certified');
      monthly = Math.max(0, Math.min(monthly, certified, previous('certified') + certified - previous('advanced')));
    }
    return { monthly, cumulative: previous(key) + monthly };
  });
}

async function fillWithExcelJS(bytes: Uint8Array, id: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const values = typed.get(id)!;
  for (const ind of INDICATORS) {
    const v = values[ind.key];
    if (!v) continue;
    ws.getCell(templateCells(INDICATORS).indicators[ind.key].monthly).value = v.monthly;
    ws.getCell(templateCells(INDICATORS).indicators[ind.key].cumulative).value = v.cumulative;
  }
  ws.getCell(templateCells(INDICATORS).filler).value = '张老师';
  ws.getCell(templateCells(INDICATORS).phone).value = '0371-65900000';
  ws.getCell(templateCells(INDICATORS).date).value = new Date(Date.UTC(2023, MONTH - 1, 27));
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function fillWithSheetJS(bytes: Uint8Array, id: number): Uint8Array {
  const wb = XLSX.read(bytes, { type: 'array', cellFormula: true, cellStyles: true, cellNF: true });
  const ws = wb.Sheets[wb.SheetNames[0]];
  const values = typed.get(id)!;
  for (const ind of INDICATORS) {
    const v = values[ind.key];
    if (!v) continue;
    ws[templateCells(INDICATORS).indicators[ind.key].monthly] = { t: 'n', v: v.monthly! };
    ws[templateCells(INDICATORS).indicators[ind.key].cumulative] = { t: 'n', v: v.cumulative! };
  }
  ws[templateCells(INDICATORS).filler] = { t: 's', v: '李四' };
  ws[templateCells(INDICATORS).date] = { t: 's', v: `2023年${MONTH}月28日` };
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

beforeAll(async () => {
  templates = await buildTemplates(model, MONTH);
  for (const t of templates) typed.set(t.unitId, valuesFor(t.unitId));
  filled = [];
  for (const t of templates) {
    const bytes = VIA_SHEETJS(t.unitId) ? fillWithSheetJS(t.bytes, t.unitId) : await fillWithExcelJS(t.bytes, t.unitId);
    filled.push({ name: t.name, bytes });
  }
  // Units on LibreOffice: open the filled template and save it as .xlsx again (one soffice process).
  const picked = templates.map((t, i) => ({ t, i })).filter(({ t }) => VIA_LIBREOFFICE.includes(t.unitId));
  const converted = convertWithLibreOffice(
    picked.map(({ t, i }) => ({ name: `${String(t.unitId).padStart(3, '0')}.xlsx`, bytes: filled[i].bytes })),
    'xlsx',
  );
  lo = new Map();
  picked.forEach(({ t, i }, k) => {
    filled[i] = { name: t.name, bytes: converted[k] };
    lo.set(t.unitId, converted[k]);
  });
}, 300_000);

describe('a template', () => {
  test('file names are <序号>-<单位名称>-<年>年<月>月进度月报.xlsx, one per unit in table order', () => {
    expect(templates).toHaveLength(179);
    expect(templates[0].name).toBe('001-郑州市-2023年3月进度月报.xlsx');
    expect(templates[178].name).toBe(`179-${table.units[178].name}-2023年3月进度月报.xlsx`);
    expect(new Set(templates.map((t) => t.name)).size).toBe(179);
    expect(templateFileName({ id: 7, name: 'A/B:C' }, 2024, 1)).toBe('007-A_B_C-2024年1月进度月报.xlsx');
  });

  test('name and 年度任务 filled in and locked, inputs unlocked with validation, sheet protected without a password', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(templates[0].bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getCell(templateCells(INDICATORS).unitName).value).toBe('填报单位（公章）：郑州市');
    expect(protectionOf(ws)).toMatchObject({ sheet: true });
    expect(protectionOf(ws)).not.toHaveProperty('hashValue');
    const z = templateCells(INDICATORS).indicators;
    expect(ws.getCell(z.training.annual).value).toBe(72100);
    expect(ws.getCell(z.advanced.annual).value).toBe('—');
    // No quota ("—"): nothing to type, so grey and locked like 年度任务, without validation.
    for (const a of [z.advanced.monthly, z.advanced.cumulative]) {
      const cell = ws.getCell(a);
      expect({ a, locked: cell.protection?.locked ?? true, validation: cell.dataValidation ?? null }).toEqual({ a, locked: true, validation: null });
      expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFF2F2F2');
    }
    for (const a of [templateCells(INDICATORS).unitName, z.training.annual, z.training.rate, z.training.previous]) {
      expect({ a, locked: ws.getCell(a).protection?.locked ?? true }).toEqual({ a, locked: true });
    }
    for (const ind of INDICATORS.filter((i) => table.units[0].quota[i.key] !== null)) {
      for (const a of [z[ind.key].monthly, z[ind.key].cumulative]) {
        const cell = ws.getCell(a);
        expect(cell.protection?.locked).toBe(false);
        expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFF2CC');
        expect(cell.dataValidation).toMatchObject({ type: 'whole', showInputMessage: true, errorStyle: 'stop' });
        expect(cell.dataValidation.prompt).toMatch(/[\u4e00-\u9fff]/);
      }
      // 当月完成 may be negative (a correction, as the merge accepts); 累计已完成 not.
      expect(ws.getCell(z[ind.key].monthly).dataValidation).toMatchObject({ operator: 'between', formulae: [-999_999_999, 999_999_999] });
      expect(ws.getCell(z[ind.key].cumulative).dataValidation).toMatchObject({ operator: 'greaterThanOrEqual', formulae: [0] });
    }
    expect(ws.getCell(z.training.cumulative).dataValidation.prompt).toContain(
      `上月累计为 ${cumulativeAsOf(model.ledger, 1, 'training', 2)!.toLocaleString('en-US')}`,
    );
    for (const a of [templateCells(INDICATORS).filler, templateCells(INDICATORS).phone, templateCells(INDICATORS).date])
      expect(ws.getCell(a).protection?.locked).toBe(false);
    expect(ws.getCell(z.training.rate).formula).toBe('IF(AND(ISNUMBER(B5),ISNUMBER(D5)),IF(B5>0,D5/B5,""),"")');
    expect(ws.getCell(z.training.previous).value).toBe(cumulativeAsOf(model.ledger, 1, 'training', 2));
    expect(ws.getCell('F4').value).toBe(PREVIOUS_HEADER);
    expect(ws.getColumn(7).hidden).toBe(true);
    expect(decodeTemplateCode(String(ws.getCell(templateCells(INDICATORS).code).value))).toEqual({ year: 2023, month: 3, unitId: 1 });
  });

  test('a negative 当月完成 (a correction) is allowed by the template and merged by the merge as CORRECTION', async () => {
    const unit = table.units[1];
    const previous = cumulativeAsOf(model.ledger, unit.id, 'training', MONTH - 1)!;
    expect(previous).toBeGreaterThan(5);
    const [t] = await buildTemplates(model, MONTH, [unit.id]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(t.bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const z = templateCells(INDICATORS).indicators.training;
    const rule = ws.getCell(z.monthly).dataValidation;
    // What Excel checks when the unit types −5: a whole number between the rule's bounds.
    expect(rule.type).toBe('whole');
    expect((rule.formulae as number[])[0]).toBeLessThanOrEqual(-5);
    expect((rule.formulae as number[])[1]).toBeGreaterThanOrEqual(-5);
    ws.getCell(z.monthly).value = -5;
    ws.getCell(z.cumulative).value = previous - 5;
    ws.getCell(templateCells(INDICATORS).date).value = new Date(Date.UTC(2023, MONTH - 1, 27));
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const plan = planMerge(model, MONTH, readReportFiles([{ name: t.name, bytes }], INDICATORS), '2023-03-31 09:00:00');
    expect(plan.json.rejected).toEqual([]);
    expect(plan.json.merged.map((m) => m.unitId)).toEqual([unit.id]);
    expect(plan.json.merged[0].warnings.map((w) => w.code)).toContain('CORRECTION');
    expect(getEntry(plan.result.ledger, unit.id, 'training', MONTH)).toEqual({ monthly: -5, cumulative: previous - 5 });
  });

  test('a unit that never reported shows "—" as last month\'s 累计; month 1 has no previous month', async () => {
    const never = table.units[3]; // sampleLedger: every 7th unit from the 4th never reports
    const [t] = await buildTemplates(model, MONTH, [never.id]);
    const ws = XLSX.read(t.bytes, { type: 'array' }).Sheets['进度月报'];
    expect(ws[templateCells(INDICATORS).indicators.training.previous].v).toBe('—');
    const [jan] = await buildTemplates(model, 1, [1]);
    expect(XLSX.read(jan.bytes, { type: 'array' }).Sheets['进度月报'][templateCells(INDICATORS).indicators.training.previous].v).toBe('—');
  });

  test('the reader finds the form, its code first, and the 年度任务', () => {
    const read = readReportFile(templates[17].name, templates[17].bytes, INDICATORS);
    expect(read.failures).toEqual([]);
    expect(read.reports).toHaveLength(1);
    expect(read.reports[0]).toMatchObject({ code: { year: 2023, month: 3, unitId: 18 }, unitName: '济源示范区' });
    expect(read.reports[0].figures.training.annual.value).toBe(table.units[17].quota.training);
  });
});

describe('179 filled templates merged back', () => {
  test('LibreOffice kept the protection, the hidden code and the validation, and computed the rate', async () => {
    for (const [id, bytes] of lo) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      // LibreOffice writes booleans as "true"/"false", which ExcelJS does not read back: look at the XML.
      const xml = new TextDecoder().decode(unzipSync(bytes)['xl/worksheets/sheet1.xml']);
      expect({ id, protected: /<sheetProtection[^>]*\ssheet="(1|true)"/.test(xml) }).toEqual({ id, protected: true });
      expect(xml).not.toMatch(/<sheetProtection[^>]*(hashValue|password)=/);
      expect(xml).toMatch(/<col [^>]*hidden="(1|true)"[^>]*max="7" min="7"|<col [^>]*min="7"[^>]*max="7"[^>]*hidden="(1|true)"/);
      expect(decodeTemplateCode(String(ws.getCell(templateCells(INDICATORS).code).value))?.unitId).toBe(id);
      const styles = new TextDecoder().decode(unzipSync(bytes)['xl/styles.xml']);
      expect(lockedIn(xml, styles, templateCells(INDICATORS).indicators.training.monthly)).toBe(false);
      expect(lockedIn(xml, styles, templateCells(INDICATORS).indicators.training.cumulative)).toBe(false);
      expect(lockedIn(xml, styles, templateCells(INDICATORS).indicators.training.annual)).toBe(true);
      expect(lockedIn(xml, styles, templateCells(INDICATORS).unitName)).toBe(true);
      expect(ws.getCell(templateCells(INDICATORS).indicators.training.monthly).dataValidation?.type).toBe('whole');
      const unit = table.units.find((u) => u.id === id)!;
      const rate = XLSX.read(bytes, { type: 'array' }).Sheets['进度月报'][templateCells(INDICATORS).indicators.training.rate];
      expect(rate.v).toBeCloseTo(typed.get(id)!.training!.cumulative! / unit.quota.training!, 12);
    }
  });

  test('every one is recognised by its code; the merge takes all 179, nothing lost, numbers equal', () => {
    const read = readReportFiles(filled, INDICATORS);
    expect(read.failures).toEqual([]);
    expect(read.reports).toHaveLength(179);
    read.reports.forEach((r, i) =>
      expect({ file: r.file, code: r.code }).toEqual({ file: r.file, code: { year: 2023, month: MONTH, unitId: templates[i].unitId } }),
    );
    const plan = planMerge(model, MONTH, read, '2023-03-31 09:00:00');
    expect(plan.json.rejected).toEqual([]);
    expect(plan.json.merged).toHaveLength(179);
    expect(plan.json.missing).toEqual([]);
    plan.json.merged.forEach((m, i) => expect({ file: m.file, unitId: m.unitId }).toEqual({ file: templates[i].name, unitId: templates[i].unitId }));
    const warnings = plan.json.merged.flatMap((m) => m.warnings.map((w) => `${m.unitId}:${w.code}`));
    expect(warnings).toEqual([]);
    for (const unit of table.units) {
      for (const ind of INDICATORS) {
        const want = typed.get(unit.id)![ind.key];
        expect({ id: unit.id, key: ind.key, entry: getEntry(plan.result.ledger, unit.id, ind.key, MONTH) }).toEqual({ id: unit.id, key: ind.key, entry: want });
      }
    }
  });

  test("a template whose typed name was changed to another unit's is refused with CODE_NAME_MISMATCH", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(filled[0].bytes as unknown as ArrayBuffer); // 郑州市, saved by LibreOffice
    wb.worksheets[0].getCell(templateCells(INDICATORS).unitName).value = '填报单位（公章）：开封市';
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const plan = planMerge(model, MONTH, readReportFiles([{ name: '开封市3月.xlsx', bytes }], INDICATORS), '2023-03-31 09:00:00');
    expect(plan.json.merged).toEqual([]);
    expect(plan.json.rejected).toHaveLength(1);
    expect(plan.json.rejected[0]).toMatchObject({ code: 'CODE_NAME_MISMATCH', unitId: null });
    expect(plan.json.rejected[0].message).toContain('郑州市');
    expect(plan.json.rejected[0].message).toContain('开封市');
  });

  test("a name written differently (郑州市教育局) is still the template's unit", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(filled[1].bytes as unknown as ArrayBuffer); // 开封市
    wb.worksheets[0].getCell(templateCells(INDICATORS).unitName).value = '填报单位（公章）：开封市教育局';
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const plan = planMerge(model, MONTH, readReportFiles([{ name: 'kf.xlsx', bytes }], INDICATORS), '2023-03-31 09:00:00');
    expect(plan.json.merged.map((m) => m.unitId)).toEqual([2]);
  });
});

describe('templatesZip', () => {
  test('all templates in one zip, Chinese names in UTF-8 with the language-encoding flag (bit 11) set', async () => {
    const zip = await templatesZip(model, MONTH);
    expect(templatesZipName(model, MONTH)).toBe('2023年3月进度月报模板（179个单位）.zip');
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(templates.map((t) => t.name).sort());
    const code = (bytes: Uint8Array) => XLSX.read(bytes, { type: 'array' }).Sheets['进度月报'][templateCells(INDICATORS).code].v;
    expect(code(files[templates[5].name])).toBe(code(templates[5].bytes));
    // Walk the archive as an unzipper does: end of central directory → central entries → local headers.
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    let eocd = zip.length - 22;
    while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
    const count = view.getUint16(eocd + 10, true);
    let at = view.getUint32(eocd + 16, true);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const names: string[] = [];
    for (let k = 0; k < count; k++) {
      expect(view.getUint32(at, true)).toBe(0x02014b50);
      const flags = view.getUint16(at + 8, true);
      const nameLength = view.getUint16(at + 28, true);
      const extra = view.getUint16(at + 30, true);
      const comment = view.getUint16(at + 32, true);
      const localAt = view.getUint32(at + 42, true);
      const name = decoder.decode(zip.subarray(at + 46, at + 46 + nameLength));
      expect({ name, utf8: (flags & 0x0800) !== 0 }).toEqual({ name, utf8: true });
      expect(view.getUint32(localAt, true)).toBe(0x04034b50);
      expect(view.getUint16(localAt + 6, true) & 0x0800).toBe(0x0800);
      expect(decoder.decode(zip.subarray(localAt + 30, localAt + 30 + view.getUint16(localAt + 26, true)))).toBe(name);
      names.push(name);
      at += 46 + nameLength + extra + comment;
    }
    expect(names).toEqual(templates.map((t) => t.name));

    // Info-ZIP's unzip (what a Linux desktop uses) lists and extracts the names as they are
    const dir = mkdtempSync(join(tmpdir(), 'templates-zip-'));
    try {
      writeFileSync(join(dir, 'all.zip'), zip);
      execFileSync('unzip', ['-q', 'all.zip', '-d', 'out'], { cwd: dir });
      expect(readdirSync(join(dir, 'out')).sort()).toEqual(templates.map((t) => t.name).sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
