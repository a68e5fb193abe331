import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import * as XLSX from 'xlsx';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { renderWorkbook } from '../../src/workbook/adapters/xlsxRender';
import { cellAddress } from '../../src/workbook/address';
import { masterSpec } from '../../src/workbook/masterSpec';
import { MasterModel, newMasterModel } from '../../src/workbook/model';
import { FONT, WorkbookSpec } from '../../src/workbook/spec';
import { renderWithExcelJs } from '../helpers/exceljsRender';
import { sampleLedger } from '../helpers/sampleLedger';

/**
 * The streaming writer (#15.3) writes what ExcelJS wrote for the same spec: the same cells, formulas, cached
 * results, number formats, fonts, fills, borders, alignment, merges, conditional formats, validations, frozen
 * panes and print setup, read back by ExcelJS from both files. Shared formulas expand to each cell's own formula.
 */
const table = embeddedQuota2023();
const model: MasterModel = {
  ...newMasterModel(table),
  ledger: sampleLedger(table.units, 4),
  month: 4,
  aliases: [{ alias: '郑州市教育局', unitId: 1, note: '测试' }],
  log: [['2023-05-02 10:00:00', '合并', 4, '郑州/附件2.xlsx', 'Sheet1', 'ab'.repeat(32), 1, '郑州市', '已合并', '[LATE] 填报时间晚于 30 日']],
};
const spec: WorkbookSpec = masterSpec(model);

let ours: ExcelJS.Workbook;
let reference: ExcelJS.Workbook;
let bytes: Uint8Array;

async function load(b: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(b) as unknown as ArrayBuffer);
  return wb;
}

beforeAll(async () => {
  bytes = await renderWorkbook(spec);
  ours = await load(bytes);
  reference = await load(await renderWithExcelJs(spec));
}, 120_000);

/** A cell as ExcelJS reads it, in comparable form. */
function cellContent(cell: ExcelJS.Cell): unknown {
  const v = cell.value as unknown;
  let value: unknown = v;
  if (v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) {
    const f = v as { result?: unknown };
    value = { formula: cell.formula, result: f.result ?? null };
  }
  const font = cell.font ?? {};
  return {
    value: value === '' ? null : (value ?? null),
    numFmt: cell.numFmt ?? null,
    font: { name: font.name, size: font.size, bold: font.bold ?? false, color: font.color?.argb ?? null },
    fill: cell.fill && 'fgColor' in cell.fill ? (cell.fill.fgColor?.argb ?? null) : null,
    alignment: cell.alignment ? { h: cell.alignment.horizontal ?? null, v: cell.alignment.vertical ?? null, wrap: cell.alignment.wrapText ?? false } : null,
    border: cell.border?.top?.style ?? null,
    validation: cell.dataValidation
      ? { type: cell.dataValidation.type, formulae: cell.dataValidation.formulae, prompt: cell.dataValidation.prompt ?? null, error: cell.dataValidation.error }
      : null,
  };
}

describe('the streaming writer writes what ExcelJS wrote for the same spec (179 units, month 4)', () => {
  test('the same sheets, in order, with the same visibility, tab colour and frozen panes', () => {
    expect(ours.worksheets.map((w) => [w.name, w.state])).toEqual(reference.worksheets.map((w) => [w.name, w.state]));
    for (const ws of ours.worksheets) {
      const ref = reference.getWorksheet(ws.name)!;
      expect({ sheet: ws.name, tab: ws.properties.tabColor?.argb ?? null }).toEqual({ sheet: ws.name, tab: ref.properties.tabColor?.argb ?? null });
      const pane = (w: ExcelJS.Worksheet) => ({ x: (w.views[0] as { xSplit?: number }).xSplit ?? 0, y: (w.views[0] as { ySplit?: number }).ySplit ?? 0 });
      expect({ sheet: ws.name, ...pane(ws) }).toEqual({ sheet: ws.name, ...pane(ref) });
    }
  });

  test('every cell: value or formula with its cached result, number format, font, fill, alignment, border and validation', () => {
    let compared = 0;
    for (const sheet of spec.sheets) {
      const a = ours.getWorksheet(sheet.name)!;
      const b = reference.getWorksheet(sheet.name)!;
      const rows = Math.max(a.rowCount, b.rowCount);
      const cols = Math.max(a.columnCount, b.columnCount);
      const differences: string[] = [];
      for (let r = 1; r <= rows; r++) {
        for (let c = 1; c <= cols; c++) {
          const x = cellContent(a.getCell(r, c));
          const y = cellContent(b.getCell(r, c));
          if (JSON.stringify(x) !== JSON.stringify(y) && differences.length < 5)
            differences.push(`${cellAddress(r, c)}: ${JSON.stringify(x)} ≠ ${JSON.stringify(y)}`);
          compared++;
        }
      }
      expect({ sheet: sheet.name, differences }).toEqual({ sheet: sheet.name, differences: [] });
    }
    expect(compared).toBeGreaterThan(25_000);
  });

  test('merges, conditional formats, row heights and print setup', () => {
    for (const sheet of spec.sheets) {
      const a = ours.getWorksheet(sheet.name)!;
      const b = reference.getWorksheet(sheet.name)!;
      const merges = (w: ExcelJS.Worksheet) => [...(w.model.merges ?? [])].sort();
      expect({ sheet: sheet.name, merges: merges(a) }).toEqual({ sheet: sheet.name, merges: merges(b) });
      const cfs = (w: ExcelJS.Worksheet) =>
        (w as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings.map((cf) => ({
          ref: cf.ref,
          rules: cf.rules.map((r) => {
            const rule = r as ExcelJS.ExpressionRuleType;
            const fill = rule.style?.fill as ExcelJS.FillPattern | undefined;
            return { type: rule.type, formulae: rule.formulae, priority: rule.priority, fill: fill?.bgColor?.argb, font: rule.style?.font?.color?.argb };
          }),
        }));
      expect({ sheet: sheet.name, cfs: cfs(a) }).toEqual({ sheet: sheet.name, cfs: cfs(b) });
      for (const [row, height] of Object.entries(sheet.rowHeights)) expect(a.getRow(Number(row)).height).toBe(height);
      const page = (w: ExcelJS.Worksheet) => {
        const p = w.pageSetup;
        return {
          orientation: p.orientation,
          paperSize: p.paperSize,
          fitToPage: !!p.fitToPage,
          ...(p.fitToPage ? { fitToWidth: p.fitToWidth, fitToHeight: p.fitToHeight } : { scale: p.scale }),
          titleRows: p.printTitlesRow ?? null,
          titleColumns: p.printTitlesColumn ?? null,
        };
      };
      expect({ sheet: sheet.name, page: page(a) }).toEqual({ sheet: sheet.name, page: page(b) });
    }
  });

  test('row page breaks as the reference writes them; column breaks as the spec asks', () => {
    const files = unzipSync(bytes);
    const sheets = (xml: string) =>
      [...xml.matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="rId(\d+)"/g)].map((m) => ({ name: m[1], file: `xl/worksheets/sheet${m[2]}.xml` }));
    for (const s of sheets(strFromU8(files['xl/workbook.xml']))) {
      const xml = strFromU8(files[s.file]);
      const breaks = (tag: string) =>
        [...(new RegExp(`<${tag}[^>]*>(.*?)</${tag}>`).exec(xml)?.[1] ?? '').matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]) + 1);
      const print = spec.sheets.find((x) => x.name === s.name)!.print;
      expect({ sheet: s.name, rows: breaks('rowBreaks'), columns: breaks('colBreaks') }).toEqual({
        sheet: s.name,
        rows: print.rowBreaks ?? [],
        columns: print.columnBreaks ?? [],
      });
    }
  });

  test('shared formulas: each cell reads back (SheetJS) as its own formula of the spec', () => {
    const wb = XLSX.read(bytes, { type: 'array', cellFormula: true, dense: true });
    let shared = 0;
    for (const sheet of spec.sheets) {
      const rows = wb.Sheets[sheet.name]['!data'] as XLSX.CellObject[][];
      for (let r = 1; r <= sheet.rowCount; r++) {
        sheet.row(r).forEach((cell, k) => {
          if (cell?.formula === undefined) return;
          expect({ at: `${sheet.name}!${cellAddress(r, k + 1)}`, f: rows[r - 1]?.[k]?.f }).toEqual({
            at: `${sheet.name}!${cellAddress(r, k + 1)}`,
            f: cell.formula,
          });
        });
      }
      shared += sheet.filledDown.length;
    }
    expect(shared).toBe(2);
    const overview = strFromU8(unzipSync(bytes)['xl/worksheets/sheet2.xml']);
    expect((overview.match(/<f t="shared" ref=/g) ?? []).length).toBe(1 + 6 * 4);
  });

  test('the same spec gives the same bytes', async () => {
    expect(Buffer.from(await renderWorkbook(spec)).equals(Buffer.from(bytes))).toBe(true);
  });

  test('every font is named (no serif fallback when printed), the default 11 pt', () => {
    const styles = strFromU8(unzipSync(bytes)['xl/styles.xml']);
    const fonts = [...(/<fonts [^>]*>(.*?)<\/fonts>/.exec(styles)?.[1] ?? '').matchAll(/<font>(.*?)<\/font>/g)].map((m) => m[1]);
    expect(fonts.length).toBeGreaterThan(3);
    for (const f of fonts) expect(f).toContain(`<name val="${FONT.name}"/>`);
    expect(fonts[0]).toContain(`<sz val="${FONT.size}"/>`);
  });
});
