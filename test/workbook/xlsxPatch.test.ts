import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { XMLValidator } from 'fast-xml-parser';
import * as XLSX from 'xlsx';

import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { readWorkbook } from '../../src/workbook/adapters/xlsxRead';
import { renderWorkbook } from '../../src/workbook/adapters/xlsxRender';
import { CellPatch, SheetPatch, WorkbookPatchError, patchWorkbook, shiftFormula } from '../../src/workbook/adapters/xlsxPatch';
import { cellAt } from '../../src/workbook/grids';
import { SHEET, totalRow } from '../../src/workbook/layout';
import { masterSpec } from '../../src/workbook/masterSpec';
import { newMasterModel } from '../../src/workbook/model';
import { CellValue } from '../../src/workbook/spec';
import { entries, fixtureXlsx, partText, prefixMainNamespace, rowElements, sheetPath, storedEntries, withParts, worksheet } from '../helpers/patchFixtures';
import { UnoInspection, runUno } from '../helpers/unoCalc';
import { INDICATOR_SHEET } from '../helpers/table2023';

const table = embeddedQuota2023();
const TRAINING = INDICATOR_SHEET.training;
const TOTAL_ROW = totalRow(table.units.length);

let master: Uint8Array;
beforeAll(async () => {
  master = new Uint8Array(await renderWorkbook(masterSpec(newMasterModel(table))));
});

const cell = (row: number, col: number, value: CellValue): CellPatch => ({ row, col, value });

/** Sheet XML of a workbook, by sheet name. */
const sheetXml = (bytes: Uint8Array, name: string) => partText(bytes, sheetPath(bytes, name));

/** The <c> element of a cell in an unprefixed sheet. */
function cellElement(xml: string, ref: string): string | undefined {
  return new RegExp(`<c r="${ref}"[^>]*?(?:/>|>[\\s\\S]*?</c>)`).exec(xml)?.[0];
}

/** Every zip entry except `changed` has the same content, and entries keep their order. */
function expectOtherEntriesIdentical(before: Uint8Array, after: Uint8Array, changed: string[], removed: string[] = []) {
  const a = entries(before).filter(([n]) => !removed.includes(n));
  const b = entries(after);
  expect(b.map(([n]) => n)).toEqual(a.map(([n]) => n));
  for (let i = 0; i < a.length; i++) {
    if (changed.includes(a[i][0])) continue;
    expect({ name: a[i][0], same: Buffer.compare(Buffer.from(a[i][1]), Buffer.from(b[i][1])) === 0 }).toEqual({ name: a[i][0], same: true });
  }
}

/** Every XML part of the package is well-formed. */
function expectWellFormed(bytes: Uint8Array) {
  for (const [name, data] of entries(bytes)) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    expect({ name, result: XMLValidator.validate(Buffer.from(data).toString('utf8')) }).toEqual({ name, result: true });
  }
}

describe('patchWorkbook on a rendered master', () => {
  const trainingCells: CellPatch[] = [
    cell(4, 3, 12),
    cell(4, 4, 34.5),
    cell(5, 3, '=1+2'),
    cell(5, 4, '<b>&'),
    cell(6, 3, '  leading and trailing  '),
    cell(6, 4, true),
    cell(7, 3, false),
    cell(7, 4, '@SUM(A1)'),
    cell(8, 3, '_x0041_ stays as typed'),
    cell(8, 4, 'a\r\nb\tc'),
    cell(9, 3, 'ctl\u0001\u001f\uFFFEchars'),
    cell(9, 4, 'emoji 🎉 "double" \'single\' 河南'),
    cell(10, 3, 0.1 + 0.2),
    cell(10, 4, -1.5e-7),
    cell(11, 3, 1e21),
    cell(11, 4, Number.MAX_VALUE),
    cell(12, 3, 5e-324),
    cell(12, 4, ''),
    cell(TOTAL_ROW, 3, null), // a SUM formula cell: cleared, keeps its style
    cell(190, 2, '新行'),
    cell(200, 30, 3.25),
  ];
  const expected = new Map<string, CellValue>([
    ['4,3', 12],
    ['4,4', 34.5],
    ['5,3', '=1+2'],
    ['5,4', '<b>&'],
    ['6,3', '  leading and trailing  '],
    ['6,4', true],
    ['7,3', false],
    ['7,4', '@SUM(A1)'],
    ['8,3', '_x0041_ stays as typed'],
    ['8,4', 'a\nb\tc'], // the file keeps the CR (&#13;); SheetJS turns CRLF into LF when it reads
    ['9,3', 'ctlchars'],
    ['9,4', 'emoji 🎉 "double" \'single\' 河南'],
    ['10,3', 0.1 + 0.2],
    ['10,4', -1.5e-7],
    ['11,3', 1e21],
    ['11,4', Number.MAX_VALUE],
    ['12,3', 5e-324],
    ['12,4', ''],
    [`${TOTAL_ROW},3`, null],
    ['190,2', '新行'],
    ['200,30', 3.25],
  ]);
  const patches = (): SheetPatch[] => [
    { sheet: TRAINING, cells: trainingCells },
    // 进度总览 row 1 holds A1, D1:G1: B1 and C1 go in the middle of the row.
    { sheet: SHEET.overview, cells: [cell(1, 3, 7), cell(1, 2, '插入')] },
    // 合并日志 has rows 1–3: new rows at the end.
    { sheet: SHEET.log, cells: [cell(5, 1, '第五行'), cell(4, 10, 'J4'), cell(4, 1, '第四行')] },
  ];

  test('values read back with SheetJS; text is never a formula; every other cell is unchanged', () => {
    const patched = patchWorkbook(master, patches());
    expectWellFormed(patched);
    const before = readWorkbook(master);
    const after = readWorkbook(patched);
    expect(after.sheetNames).toEqual(before.sheetNames);

    const training = after.sheets.get(TRAINING);
    for (const [key, value] of expected) {
      const [r, c] = key.split(',').map(Number);
      expect({ key, value: cellAt(training, r, c) }).toEqual({ key, value });
    }
    expect(cellAt(after.sheets.get(SHEET.overview), 1, 2)).toBe('插入');
    expect(cellAt(after.sheets.get(SHEET.overview), 1, 3)).toBe(7);
    expect(cellAt(after.sheets.get(SHEET.log), 4, 1)).toBe('第四行');
    expect(cellAt(after.sheets.get(SHEET.log), 4, 10)).toBe('J4');
    expect(cellAt(after.sheets.get(SHEET.log), 5, 1)).toBe('第五行');

    const touched = new Set<string>();
    for (const p of patches()) for (const c of p.cells) touched.add(`${p.sheet}|${c.row}|${c.col}`);
    let compared = 0;
    for (const name of before.sheetNames) {
      const a = before.sheets.get(name) ?? [];
      const b = after.sheets.get(name) ?? [];
      const rows = Math.max(a.length, b.length);
      for (let r = 1; r <= rows; r++) {
        const cols = Math.max(a[r - 1]?.length ?? 0, b[r - 1]?.length ?? 0);
        for (let c = 1; c <= cols; c++) {
          if (touched.has(`${name}|${r}|${c}`)) continue;
          expect({ at: `${name}!${r},${c}`, v: cellAt(b, r, c) }).toEqual({ at: `${name}!${r},${c}`, v: cellAt(a, r, c) });
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(3_000);
  });

  test('formulas: a text cell holds an inline string, never <f>; a cleared formula cell keeps its style only', () => {
    const patched = patchWorkbook(master, patches());
    const xml = sheetXml(patched, TRAINING);
    const original = sheetXml(master, TRAINING);
    const styleOf = (el: string | undefined) => /\ss="(\d+)"/.exec(el ?? '')?.[1];
    const s = styleOf(cellElement(original, 'C5'));
    expect(s).toMatch(/^\d+$/);
    expect(cellElement(xml, 'C5')).toBe(`<c r="C5" s="${s}" t="inlineStr"><is><t xml:space="preserve">=1+2</t></is></c>`);
    expect(cellElement(xml, 'D5')).toBe(`<c r="D5" s="${s}" t="inlineStr"><is><t xml:space="preserve">&lt;b&gt;&amp;</t></is></c>`);
    expect(cellElement(xml, 'C4')).toBe(`<c r="C4" s="${s}"><v>12</v></c>`);
    expect(cellElement(xml, 'D6')).toBe(`<c r="D6" s="${s}" t="b"><v>1</v></c>`);
    expect(cellElement(xml, 'C10')).toBe(`<c r="C10" s="${s}"><v>0.30000000000000004</v></c>`);
    expect(cellElement(xml, 'C8')).toContain('>_x005F_x0041_ stays as typed<');
    expect(cellElement(xml, 'D8')).toContain('>a&#13;\nb\tc<');
    // The style of the total cell survives; its formula does not.
    expect(cellElement(original, `C${TOTAL_ROW}`)).toContain('<f>SUM(');
    expect(cellElement(xml, `C${TOTAL_ROW}`)).toBe(`<c r="C${TOTAL_ROW}" s="${styleOf(cellElement(original, `C${TOTAL_ROW}`))}"/>`);
    expect(cellElement(xml, `D${TOTAL_ROW}`)).toBe(cellElement(original, `D${TOTAL_ROW}`));
    // SheetJS sees no formula in any patched text cell.
    const wb = XLSX.read(patched, { type: 'array', cellFormula: true, dense: true, sheetStubs: true });
    const rows = wb.Sheets[TRAINING]['!data'] as XLSX.CellObject[][];
    expect(rows[4][2].f).toBeUndefined();
    expect(rows[4][2].t).toBe('s');
    expect(rows[TOTAL_ROW - 1][3].f).toBe(`SUM(D4:D${TOTAL_ROW - 1})`);
  });

  test('untouched rows keep their exact XML; new rows and cells are in order; dimension and spans are updated', () => {
    const patched = patchWorkbook(master, patches());
    const beforeRows = rowElements(sheetXml(master, TRAINING));
    const afterRows = rowElements(sheetXml(patched, TRAINING));
    const touchedRows = new Set(trainingCells.map((c) => c.row));
    for (const [r, el] of beforeRows) if (!touchedRows.has(r)) expect(afterRows.get(r)).toBe(el);
    expect([...afterRows.keys()]).toEqual([...[...beforeRows.keys()], 190, 200].sort((a, b) => a - b));
    expect(afterRows.get(190)).toBe('<row r="190"><c r="B190" t="inlineStr"><is><t xml:space="preserve">新行</t></is></c></row>');
    expect(afterRows.get(200)).toBe('<row r="200"><c r="AD200"><v>3.25</v></c></row>');
    expect(sheetXml(patched, TRAINING)).toContain('<dimension ref="A1:AD200"/>');

    const overview = rowElements(sheetXml(patched, SHEET.overview)).get(1) ?? '';
    expect([...overview.matchAll(/<c r="([A-Z]+)1"/g)].map((m) => m[1])).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
    expect(overview).toMatch(/^<row r="1" spans="1:7"/);

    const log = sheetXml(patched, SHEET.log);
    expect([...rowElements(log).keys()]).toEqual([...rowElements(sheetXml(master, SHEET.log)).keys(), 4, 5]);
    expect(rowElements(log).get(4)).toMatch(/^<row r="4"><c r="A4"[^>]*t="inlineStr">.*<c r="J4"/);
    expect(log).toContain('<dimension ref="A1:J5"/>');
  });

  test('every other zip entry is byte-identical (workbook.xml too: ExcelJS already sets fullCalcOnLoad)', () => {
    const patched = patchWorkbook(master, patches());
    expectOtherEntriesIdentical(master, patched, [sheetPath(master, TRAINING), sheetPath(master, SHEET.overview), sheetPath(master, SHEET.log)]);
    expect(partText(patched, 'xl/workbook.xml')).toBe(partText(master, 'xl/workbook.xml'));
    // Unchanged entries are copied with their compressed bytes, not deflated again.
    const before = storedEntries(master);
    const after = storedEntries(patched);
    const changed = new Set([TRAINING, SHEET.overview, SHEET.log].map((n) => sheetPath(master, n)));
    let copied = 0;
    for (const [name, e] of before) {
      if (changed.has(name)) continue;
      expect(after.get(name)?.crc).toBe(e.crc);
      expect(Buffer.compare(after.get(name)?.data ?? Buffer.alloc(0), e.data)).toBe(0);
      copied++;
    }
    expect(copied).toBe(before.size - 3);
  });

  test('patching is deterministic and can be repeated on its own output', () => {
    const once = patchWorkbook(master, patches());
    expect(Buffer.compare(Buffer.from(once), Buffer.from(patchWorkbook(master, patches())))).toBe(0);
    const twice = patchWorkbook(once, [{ sheet: SHEET.log, cells: [cell(4, 5, 'middle'), cell(5, 1, null)] }]);
    const log = readWorkbook(twice).sheets.get(SHEET.log);
    expect(cellAt(log, 4, 1)).toBe('第四行');
    expect(cellAt(log, 4, 5)).toBe('middle');
    expect(cellAt(log, 4, 10)).toBe('J4');
    expect(cellAt(log, 5, 1)).toBeNull();
    // A new cell without a style is removed when cleared: row 5 is left empty, the dimension shrinks.
    expect(rowElements(sheetXml(twice, SHEET.log)).get(5)).toBe('<row r="5"></row>');
    expect(sheetXml(twice, SHEET.log)).toContain('<dimension ref="A1:J4"/>');
  });
});

describe('cells, rows and parts', () => {
  const one = (inner: string, extra: Parameters<typeof fixtureXlsx>[1] = {}) => fixtureXlsx([{ name: 'S', xml: worksheet(inner) }], extra);
  const xmlOf = (bytes: Uint8Array) => partText(bytes, 'xl/worksheets/sheet1.xml');

  test('numbers are written in their shortest exact form and read back identically', () => {
    const values = [0, -0, 1, -1, 0.1, 0.1 + 0.2, 1 / 3, 123456789012345680000, 1e-300, 2 ** 53 + 2, -1.7976931348623157e308, 4.9e-324];
    const patched = patchWorkbook(one('<sheetData/>'), [{ sheet: 'S', cells: values.map((v, i) => cell(1, i + 1, v)) }]);
    const row = readWorkbook(patched).sheets.get('S')?.[0] ?? [];
    values.forEach((v, i) => expect(row[i]).toBe(v === 0 ? 0 : v));
    expect(xmlOf(patched)).toContain('<c r="A1"><v>0</v></c><c r="B1"><v>0</v></c>');
  });

  test('NaN and infinities are rejected', () => {
    for (const v of [NaN, Infinity, -Infinity]) {
      expect(() => patchWorkbook(one('<sheetData/>'), [{ sheet: 'S', cells: [cell(1, 1, v)] }])).toThrow(WorkbookPatchError);
    }
    expect(() => patchWorkbook(one('<sheetData/>'), [{ sheet: 'S', cells: [cell(1, 1, NaN)] }])).toThrow(/数值无效/);
  });

  test('text longer than an Excel cell can hold is rejected', () => {
    expect(() => patchWorkbook(one('<sheetData/>'), [{ sheet: 'S', cells: [cell(1, 1, 'x'.repeat(32_768))] }])).toThrow(/文字太长/);
    expect(readWorkbook(patchWorkbook(one('<sheetData/>'), [{ sheet: 'S', cells: [cell(1, 1, 'x'.repeat(32_767))] }])).sheets.get('S')?.[0]?.[0]).toHaveLength(
      32_767,
    );
  });

  test('invalid positions are rejected', () => {
    for (const [r, c] of [
      [0, 1],
      [1, 0],
      [1.5, 1],
      [1_048_577, 1],
      [1, 16_385],
    ]) {
      expect(() => patchWorkbook(one('<sheetData/>'), [{ sheet: 'S', cells: [cell(r, c, 1)] }])).toThrow(/单元格位置无效/);
    }
  });

  test('null keeps a styled cell (attributes but no value, type or formula), removes an unstyled one, creates nothing', () => {
    const bytes = one(
      '<sheetData><row r="1" spans="1:4"><c r="A1" s="3" t="s" cm="1"><f>B1&amp;"x"</f><v>0</v></c><c r="B1" t="str"><v>t</v></c><c r="C1"><v>3</v></c></row></sheetData>',
    );
    const xml = xmlOf(patchWorkbook(bytes, [{ sheet: 'S', cells: [cell(1, 1, null), cell(1, 2, null), cell(1, 4, null), cell(9, 9, null)] }]));
    expect(xml).toContain('<sheetData><row r="1" spans="1:4"><c r="A1" s="3"/><c r="C1"><v>3</v></c></row></sheetData>');
  });

  test('an existing cell keeps its style and other attributes; t, cm and vm go', () => {
    const bytes = one('<sheetData><row r="2"><c r="B2" s="7" t="e" ph="1" vm="2"><v>#N/A</v></c></row></sheetData>');
    const xml = xmlOf(patchWorkbook(bytes, [{ sheet: 'S', cells: [cell(2, 2, 'ok')] }]));
    expect(xml).toContain('<c r="B2" s="7" ph="1" t="inlineStr"><is><t xml:space="preserve">ok</t></is></c>');
  });

  test('new cells take the row style (customFormat) or the column style', () => {
    const bytes = one(
      '<cols><col min="1" max="3" width="9" style="5" customWidth="1"/><col min="4" max="4" width="9"/></cols>' +
        '<sheetData><row r="1" s="8" customFormat="1"><c r="A1" s="1"><v>1</v></c></row><row r="2"><c r="A2"><v>1</v></c></row></sheetData>',
    );
    const xml = xmlOf(patchWorkbook(bytes, [{ sheet: 'S', cells: [cell(1, 2, 1), cell(2, 2, 2), cell(2, 4, 3), cell(3, 3, 4)] }]));
    expect(xml).toContain('<c r="B1" s="8"><v>1</v></c>');
    expect(xml).toContain('<c r="B2" s="5"><v>2</v></c><c r="D2"><v>3</v></c>');
    expect(xml).toContain('<row r="3"><c r="C3" s="5"><v>4</v></c></row>');
  });

  test('self-closing sheetData and rows, rows and cells without r, rows inserted before, between and after', () => {
    expect(xmlOf(patchWorkbook(one('<dimension ref="A1"/><sheetData/>'), [{ sheet: 'S', cells: [cell(2, 2, 1)] }]))).toContain(
      '<dimension ref="B2"/><sheetData><row r="2"><c r="B2"><v>1</v></c></row></sheetData>',
    );
    const bytes = one(
      '<dimension ref="A2:C4"/><sheetData><row r="2" ht="20" customHeight="1"/><row><c><v>1</v></c><c r="C3"><v>3</v></c><c><v>4</v></c></row><row r="6"/></sheetData>',
    );
    const patched = patchWorkbook(bytes, [{ sheet: 'S', cells: [cell(1, 1, 'a'), cell(2, 2, 'b'), cell(3, 2, 'c'), cell(5, 1, 'd'), cell(7, 1, 'e')] }]);
    const xml = xmlOf(patched);
    expect(xml).toContain(
      '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve">a</t></is></c></row>' +
        '<row r="2" ht="20" customHeight="1"><c r="B2" t="inlineStr"><is><t xml:space="preserve">b</t></is></c></row>' +
        '<row r="3"><c r="A3"><v>1</v></c><c r="B3" t="inlineStr"><is><t xml:space="preserve">c</t></is></c><c r="C3"><v>3</v></c><c r="D3"><v>4</v></c></row>' +
        '<row r="5"><c r="A5" t="inlineStr"><is><t xml:space="preserve">d</t></is></c></row>' +
        '<row r="6"/>' +
        '<row r="7"><c r="A7" t="inlineStr"><is><t xml:space="preserve">e</t></is></c></row></sheetData>',
    );
    expect(xml).toContain('<dimension ref="A1:D7"/>');
    expect(readWorkbook(patched).sheets.get('S')?.[2]).toEqual([1, 'c', 3, 4]);
  });

  test('comments, CDATA and ">" inside attribute values do not confuse the scanner', () => {
    const bytes = one('<sheetData><!-- <row r="1"><c r="A1"/></row> --><row r="1" x:note="a>b" xmlns:x="urn:x"><c r="A1" s="1"><v>1</v></c></row></sheetData>');
    const xml = xmlOf(patchWorkbook(bytes, [{ sheet: 'S', cells: [cell(1, 1, 2)] }]));
    expect(xml).toContain('<!-- <row r="1"><c r="A1"/></row> --><row r="1" x:note="a>b" xmlns:x="urn:x"><c r="A1" s="1"><v>2</v></c></row>');
  });

  test('sheet names are XML-unescaped; absolute and ../ targets resolve', () => {
    const bytes = fixtureXlsx([
      { name: 'A&B "<x>"', xml: worksheet('<sheetData/>'), target: '/xl/worksheets/abs.xml' },
      { name: '第二', xml: worksheet('<sheetData/>'), target: '../xl/worksheets/./rel.xml' },
    ]);
    const patched = patchWorkbook(bytes, [
      { sheet: 'A&B "<x>"', cells: [cell(1, 1, 1)] },
      { sheet: '第二', cells: [cell(1, 1, 2)] },
    ]);
    expect(partText(patched, 'xl/worksheets/abs.xml')).toContain('<row r="1"><c r="A1"><v>1</v></c></row>');
    expect(partText(patched, 'xl/worksheets/rel.xml')).toContain('<row r="1"><c r="A1"><v>2</v></c></row>');
    // SheetJS resolves the absolute target (not the ../ one).
    expect(XLSX.read(patched, { type: 'array' }).Sheets['A&B "<x>"'].A1.v).toBe(1);
  });

  test('calcPr: fullCalcOnLoad added to an existing calcPr, set to 1, or a calcPr inserted in schema order', () => {
    const wb = (tail: string) =>
      partText(patchWorkbook(one('<sheetData/>', { workbookTail: tail }), [{ sheet: 'S', cells: [cell(1, 1, 1)] }]), 'xl/workbook.xml');
    expect(wb('<calcPr calcId="191029"/>')).toContain('</sheets><calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>');
    expect(wb('<calcPr fullCalcOnLoad="0" calcId="1"/>')).toContain('<calcPr fullCalcOnLoad="1" calcId="1"/>');
    expect(wb('<definedNames><definedName name="n">S!$A$1</definedName></definedNames><oleSize ref="A1"/><extLst/>')).toContain(
      '</definedNames><calcPr fullCalcOnLoad="1"/><oleSize ref="A1"/><extLst/></workbook>',
    );
    expect(wb('<extLst><ext uri="{x}"><calcPr/></ext></extLst>')).toContain('</sheets><calcPr fullCalcOnLoad="1"/><extLst>');
    expect(wb('')).toContain('</sheets><calcPr fullCalcOnLoad="1"/></workbook>');
  });

  const CALC_CHAIN_CT = '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/>';
  const CALC_CHAIN_REL =
    '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/>';
  const withChain = () =>
    one('<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><f>A1*2</f><v>2</v></c></row></sheetData>', {
      parts: {
        'xl/calcChain.xml': '<?xml version="1.0"?><calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="B1" i="1"/></calcChain>',
      },
      contentTypes: CALC_CHAIN_CT,
      rels: CALC_CHAIN_REL,
    });

  test('replacing a formula removes calcChain, its content type and its relationship', () => {
    const bytes = withChain();
    const patched = patchWorkbook(bytes, [{ sheet: 'S', cells: [cell(1, 2, 5)] }]);
    expect(entries(patched).map(([n]) => n)).not.toContain('xl/calcChain.xml');
    expect(partText(patched, '[Content_Types].xml')).not.toContain('calcChain');
    expect(partText(patched, 'xl/_rels/workbook.xml.rels')).not.toContain('calcChain');
    expect(partText(patched, 'xl/_rels/workbook.xml.rels')).toContain('worksheets/sheet1.xml');
    expectOtherEntriesIdentical(
      bytes,
      patched,
      ['xl/worksheets/sheet1.xml', 'xl/workbook.xml', '[Content_Types].xml', 'xl/_rels/workbook.xml.rels'],
      ['xl/calcChain.xml'],
    );
  });

  test('replacing values only keeps calcChain', () => {
    const bytes = withChain();
    const patched = patchWorkbook(bytes, [{ sheet: 'S', cells: [cell(1, 1, 5)] }]);
    expectOtherEntriesIdentical(bytes, patched, ['xl/worksheets/sheet1.xml', 'xl/workbook.xml']);
  });

  test('replacing the master cell of a shared formula gives the other cells their own formulas', () => {
    const bytes = one(
      '<sheetData>' +
        '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:C3" si="0">A1*2+$A$1+SUM(A:A)+\'My Sheet\'!A1</f><v>4</v></c><c r="C1"><f t="shared" si="0"/><v>6</v></c></row>' +
        '<row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>8</v></c></row>' +
        '<row r="3"><c r="A3"><v>3</v></c><c r="B3"><f t="shared" si="0"/><v>12</v></c><c r="C3"><f t="shared" si="0"/></c></row>' +
        '</sheetData>',
    );
    const patched = patchWorkbook(bytes, [{ sheet: 'S', cells: [cell(1, 2, 100), cell(2, 2, 'text')] }]);
    expectWellFormed(patched);
    const xml = xmlOf(patched);
    expect(xml).toContain('<c r="C1"><f>B1*2+$A$1+SUM(B:B)+\'My Sheet\'!B1</f><v>6</v></c>');
    expect(xml).toContain('<c r="B3"><f>A3*2+$A$1+SUM(A:A)+\'My Sheet\'!A3</f><v>12</v></c>');
    expect(xml).toContain('<c r="C3"><f>B3*2+$A$1+SUM(B:B)+\'My Sheet\'!B3</f></c>');
    expect(xml).not.toContain('si="0"');
    const ws = XLSX.read(patched, { type: 'array', cellFormula: true, sheetStubs: true }).Sheets.S;
    expect(ws.B1.v).toBe(100);
    expect(ws.C3.f).toBe("B3*2+$A$1+SUM(B:B)+'My Sheet'!B3");
  });

  test('a dependent cell of a shared formula is replaced alone', () => {
    const bytes = one(
      '<sheetData><row r="1"><c r="A1"><f t="shared" ref="A1:A2" si="3">ROW()</f><v>1</v></c></row><row r="2"><c r="A2"><f t="shared" si="3"/><v>2</v></c></row></sheetData>',
    );
    const xml = xmlOf(patchWorkbook(bytes, [{ sheet: 'S', cells: [cell(2, 1, 9)] }]));
    expect(xml).toContain('<c r="A1"><f t="shared" ref="A1:A2" si="3">ROW()</f><v>1</v></c>');
    expect(xml).toContain('<c r="A2"><v>9</v></c>');
  });

  test('clearCachedResults drops the cached results of every formula cell of every worksheet', () => {
    const bytes = fixtureXlsx([
      { name: 'S', xml: worksheet('<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1" s="2" t="str"><f>A1&amp;""</f><v>1</v></c></row></sheetData>') },
      { name: 'T', xml: worksheet('<sheetData><row r="1"><c r="A1" t="e"><f>S!A1/0</f><v>#DIV/0!</v></c><c r="B1"><v>5</v></c></row></sheetData>') },
      { name: 'U', xml: worksheet('<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>') },
    ]);
    const patched = patchWorkbook(bytes, [{ sheet: 'S', cells: [cell(1, 1, 2)] }], { clearCachedResults: true });
    expect(partText(patched, 'xl/worksheets/sheet1.xml')).toContain('<c r="A1"><v>2</v></c><c r="B1" s="2"><f>A1&amp;""</f></c>');
    expect(partText(patched, 'xl/worksheets/sheet2.xml')).toContain('<c r="A1"><f>S!A1/0</f></c><c r="B1"><v>5</v></c>');
    expectOtherEntriesIdentical(bytes, patched, ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/workbook.xml']);
  });

  // Compact cells lose their t, vm and value by cuts inside the cell; others are written again. Same result.
  test.each([
    ['compact, Excel', '<c r="A1" s="2" t="str"><f>X</f><v>a</v></c>', '<c r="A1" s="2"><f>X</f></c>'],
    ['compact, LibreOffice', '<c r="A1" s="2" t="n"><f aca="false">X</f><v>1</v></c>', '<c r="A1" s="2"><f aca="false">X</f></c>'],
    ['compact, no result yet', '<c r="A1" s="2"><f>X</f></c>', '<c r="A1" s="2"><f>X</f></c>'],
    ['single quotes, inline string', "<c r='A1' t='str'><f>X</f><is><t>a</t></is></c>", "<c r='A1'><f>X</f></c>"],
    ['vm and extLst after the value', '<c r="A1" vm="1"><f>X</f><v>1</v><extLst><ext/></extLst></c>', '<c r="A1"><f>X</f><extLst><ext/></extLst></c>'],
    ['two spaces between attributes', '<c r="A1"  s="2" t="n"><f>X</f><v>1</v></c>', '<c r="A1" s="2"><f>X</f></c>'],
    ['the value before the formula', '<c r="A1" t="n"><v>1</v><f>X</f></c>', '<c r="A1"><f>X</f></c>'],
    ['white space between children', '<c r="A1" t="n"><f>X</f>\n  <v>1</v></c>', '<c r="A1"><f>X</f></c>'],
    ['extLst before the formula', '<c r="A1"><extLst><ext/></extLst><f>X</f><v>1</v></c>', '<c r="A1"><f>X</f><extLst><ext/></extLst></c>'],
    ['no r', '<c s="3" t="n"><f>X</f><v>1</v></c>', '<c r="A1" s="3"><f>X</f></c>'],
    ['an end tag with a space', '<c r="A1" t="n"><f>X</f><v>1</v></c >', '<c r="A1"><f>X</f></c>'],
  ])('clearCachedResults on a formula cell: %s', (_case, before, after) => {
    const bytes = fixtureXlsx([{ name: 'S', xml: worksheet(`<sheetData><row r="1">${before}<c r="B1"><v>7</v></c></row></sheetData>`) }]);
    const xml = partText(patchWorkbook(bytes, [], { clearCachedResults: true }), 'xl/worksheets/sheet1.xml');
    expect(xml).toContain(`<row r="1">${after}<c r="B1"><v>7</v></c></row>`);
  });

  // Rows whose formula cells need nothing are left alone, unless their start tag would change.
  test.each([
    [
      'nothing to change',
      '<row r="1" spans="1:3"><c r="A1"><f>X</f></c><c r="C1"><v>1</v></c></row>',
      '<row r="1" spans="1:3"><c r="A1"><f>X</f></c><c r="C1"><v>1</v></c></row>',
    ],
    [
      'spans too narrow',
      '<row r="1" spans="1:1"><c r="A1"><f>X</f></c><c r="C1"><v>1</v></c></row>',
      '<row r="1" spans="1:3"><c r="A1"><f>X</f></c><c r="C1"><v>1</v></c></row>',
    ],
    ['spans unreadable', '<row r="1" spans="a"><c r="A1"><f>X</f></c></row>', '<row r="1"><c r="A1"><f>X</f></c></row>'],
    ['no r on the row', '<row spans="1:1"><c r="A1"><f>X</f></c></row>', '<row r="1" spans="1:1"><c r="A1"><f>X</f></c></row>'],
  ])('clearCachedResults on a row: %s', (_case, before, after) => {
    const bytes = fixtureXlsx([{ name: 'S', xml: worksheet(`<sheetData>${before}</sheetData>`) }]);
    const xml = partText(patchWorkbook(bytes, [], { clearCachedResults: true }), 'xl/worksheets/sheet1.xml');
    expect(xml).toContain(`<sheetData>${after}</sheetData>`);
  });
});

describe('formula results (SheetPatch.results)', () => {
  const one = (inner: string) => fixtureXlsx([{ name: 'S', xml: worksheet(inner) }]);
  const xmlOf = (bytes: Uint8Array) => partText(bytes, 'xl/worksheets/sheet1.xml');
  const result = (row: number, col: number, value: CellValue): SheetPatch => ({ sheet: 'S', cells: [], results: [cell(row, col, value)] });

  // Compact cells get their result by edits inside the cell; others are written again. The formula always stays.
  test.each([
    ['a number into a cell without result', '<c r="A1" s="2"><f>X</f></c>', 0.25, '<c r="A1" s="2"><f>X</f><v>0.25</v></c>'],
    ['a number over text', '<c r="A1" s="2" t="str"><f>X</f><v>a</v></c>', -3, '<c r="A1" s="2"><f>X</f><v>-3</v></c>'],
    [
      'text over a number (LibreOffice)',
      '<c r="A1" s="2" t="n"><f aca="false">X</f><v>1</v></c>',
      '滞后',
      '<c r="A1" s="2" t="str"><f aca="false">X</f><v>滞后</v></c>',
    ],
    [
      'text is escaped, never a formula',
      '<c r="A1"><f>X</f><v>1</v></c>',
      '=1+2 <b>&"\'',
      '<c r="A1" t="str"><f>X</f><v>=1+2 &lt;b&gt;&amp;&quot;&apos;</v></c>',
    ],
    ['empty text', '<c r="A1"><f>X</f><v>1</v></c>', '', '<c r="A1" t="str"><f>X</f><v></v></c>'],
    ['a boolean', '<c r="A1" t="str"><f>X</f><v>a</v></c>', true, '<c r="A1" t="b"><f>X</f><v>1</v></c>'],
    ['null drops the result', '<c r="A1" t="str" vm="1"><f>X</f><v>a</v></c>', null, '<c r="A1"><f>X</f></c>'],
    ['an error result is replaced', '<c r="A1" t="e"><f>1/0</f><v>#DIV/0!</v></c>', 2, '<c r="A1"><f>1/0</f><v>2</v></c>'],
    ['single quotes, inline string', "<c r='A1' t='str'><f>X</f><is><t>a</t></is></c>", 5, "<c r='A1'><f>X</f><v>5</v></c>"],
    ['extLst after the value', '<c r="A1"><f>X</f><v>1</v><extLst><ext/></extLst></c>', 'b', '<c r="A1" t="str"><f>X</f><v>b</v><extLst><ext/></extLst></c>'],
    ['the value before the formula', '<c r="A1" t="n"><v>1</v><f>X</f></c>', 4, '<c r="A1"><f>X</f><v>4</v></c>'],
    ['no r', '<c s="3"><f>X</f><v>1</v></c>', 'x', '<c r="A1" s="3" t="str"><f>X</f><v>x</v></c>'],
    ['white space between children', '<c r="A1"><f>X</f>\n <v>1</v></c>', 7, '<c r="A1"><f>X</f><v>7</v></c>'],
  ] as Array<[string, string, CellValue, string]>)('%s', (_case, before, value, after) => {
    const bytes = one(`<sheetData><row r="1">${before}<c r="B1"><v>7</v></c></row></sheetData>`);
    const patched = patchWorkbook(bytes, [result(1, 1, value)]);
    expect(xmlOf(patched)).toContain(`<row r="1">${after}<c r="B1"><v>7</v></c></row>`);
    expectWellFormed(patched);
    // Only the sheet and workbook.xml (fullCalcOnLoad) change: a result is no new formula, the calculation chain stays.
    expectOtherEntriesIdentical(bytes, patched, ['xl/worksheets/sheet1.xml', 'xl/workbook.xml']);
  });

  test('a cell that already holds its result is not touched', () => {
    const bytes = one('<sheetData><row r="1"><c r="A1" t="str"><f>X</f><v>正常</v></c><c r="B1"><f>Y</f><v>0.5</v></c></row></sheetData>');
    const patched = patchWorkbook(bytes, [{ sheet: 'S', cells: [], results: [cell(1, 1, '正常'), cell(1, 2, 0.5)] }]);
    expect(xmlOf(patched)).toBe(xmlOf(bytes));
  });

  test('the new sheet is the UTF-8 of the edited text (Chinese, characters outside the BMP); no change keeps the stored part', () => {
    const bytes = one('<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>单位𠀀</t></is></c><c r="B1"><f>Y</f><v>1</v></c></row></sheetData>');
    const patched = patchWorkbook(bytes, [{ sheet: 'S', cells: [cell(1, 3, '𠮷野家·郑州')], results: [cell(1, 2, '合计😀')] }]);
    const xml = xmlOf(patched);
    expect(xml).toContain('<t>单位𠀀</t>');
    expect(xml).toContain('<c r="B1" t="str"><f>Y</f><v>合计😀</v></c>');
    expect(xml).toContain('𠮷野家·郑州');
    // The same result again: the sheet's compressed bytes are those of the input file.
    const again = patchWorkbook(patched, [{ sheet: 'S', cells: [], results: [cell(1, 2, '合计😀')] }]);
    expect(storedEntries(again).get('xl/worksheets/sheet1.xml')!.data.equals(storedEntries(patched).get('xl/worksheets/sheet1.xml')!.data)).toBe(true);
  });

  test('a shared formula: the master and its dependent cells keep their formula and get their results', () => {
    const bytes = one(
      '<sheetData><row r="1"><c r="A1"><f t="shared" ref="A1:A3" si="0">ROW()</f></c></row><row r="2"><c r="A2"><f t="shared" si="0"/></c></row><row r="3"><c r="A3" t="str"><f t="shared" si="0"/><v>x</v></c></row></sheetData>',
    );
    const patched = patchWorkbook(bytes, [{ sheet: 'S', cells: [], results: [cell(1, 1, 1), cell(2, 1, 2), cell(3, 1, 3)] }]);
    const xml = xmlOf(patched);
    expect(xml).toContain('<c r="A1"><f t="shared" ref="A1:A3" si="0">ROW()</f><v>1</v></c>');
    expect(xml).toContain('<c r="A2"><f t="shared" si="0"/><v>2</v></c>');
    expect(xml).toContain('<c r="A3"><f t="shared" si="0"/><v>3</v></c>');
    const ws = XLSX.read(patched, { type: 'array', cellFormula: true }).Sheets.S;
    expect([ws.A1.v, ws.A2.v, ws.A3.v]).toEqual([1, 2, 3]);
    expect(ws.A3.f).toBe('ROW()');
  });

  test('a replaced shared master: its dependent cell gets its own formula and its result', () => {
    const bytes = one(
      '<sheetData><row r="1"><c r="A1"><f t="shared" ref="A1:A2" si="0">B1*2</f><v>2</v></c></row><row r="2"><c r="A2"><f t="shared" si="0"/><v>4</v></c></row></sheetData>',
    );
    const patched = patchWorkbook(bytes, [{ sheet: 'S', cells: [cell(1, 1, 9)], results: [cell(1, 1, 99), cell(2, 1, 6)] }]);
    const xml = xmlOf(patched);
    expect(xml).toContain('<c r="A1"><v>9</v></c>'); // the value wins over a result for the same cell
    expect(xml).toContain('<c r="A2"><f>B2*2</f><v>6</v></c>');
  });

  test('results go only into formula cells: values, missing cells and missing sheets are left alone', () => {
    const bytes = one('<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1" t="s"><v>0</v></c></row></sheetData>');
    const patched = patchWorkbook(bytes, [
      { sheet: 'S', cells: [], results: [cell(1, 1, 5), cell(1, 2, 'x'), cell(1, 3, 6), cell(4, 1, 7)] },
      { sheet: 'Gone', cells: [], results: [cell(1, 1, 1)] },
    ]);
    expect(xmlOf(patched)).toBe(xmlOf(bytes));
  });

  test('an invalid result position is refused', () => {
    const bytes = one('<sheetData/>');
    expect(() => patchWorkbook(bytes, [result(0, 1, 1)])).toThrow(WorkbookPatchError);
  });

  test('with clearCachedResults, only formula cells without a result lose theirs, in every worksheet', () => {
    const bytes = fixtureXlsx([
      { name: 'S', xml: worksheet('<sheetData><row r="1"><c r="A1"><f>1+1</f><v>1</v></c><c r="B1" t="str"><f>"a"</f><v>b</v></c></row></sheetData>') },
      { name: 'Mine', xml: worksheet('<sheetData><row r="1"><c r="A1"><f>S!A1*2</f><v>2</v></c></row></sheetData>') },
    ]);
    const patched = patchWorkbook(bytes, [result(1, 1, 2)], { clearCachedResults: true });
    expect(partText(patched, 'xl/worksheets/sheet1.xml')).toContain('<row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1"><f>"a"</f></c></row>');
    expect(partText(patched, 'xl/worksheets/sheet2.xml')).toContain('<c r="A1"><f>S!A1*2</f></c>');
  });

  test('a prefixed main namespace', () => {
    const bytes = fixtureXlsx([{ name: 'S', xml: prefixMainNamespace(worksheet('<sheetData><row r="1"><c r="A1"><f>X</f><v>1</v></c></row></sheetData>')) }]);
    const xml = xmlOf(patchWorkbook(bytes, [result(1, 1, 'ok')]));
    expect(xml).toContain('<x:c r="A1" t="str"><x:f>X</x:f><x:v>ok</x:v></x:c>');
  });

  test("SheetJS reads the results as the cells' values without recalculating", () => {
    const bytes = one(
      '<sheetData><row r="1"><c r="A1"><f>X</f></c><c r="B1"><f>Y</f></c><c r="C1"><f>Z</f></c><c r="D1"><f>W</f><v>1</v></c></row></sheetData>',
    );
    const patched = patchWorkbook(bytes, [
      { sheet: 'S', cells: [], results: [cell(1, 1, 0.1 + 0.2), cell(1, 2, '<预警>&'), cell(1, 3, false), cell(1, 4, null)] },
    ]);
    const ws = XLSX.read(patched, { type: 'array' }).Sheets.S;
    expect([ws.A1.v, ws.B1.v, ws.C1.v, ws.D1?.v]).toEqual([0.1 + 0.2, '<预警>&', false, undefined]);
  });
});

describe('shiftFormula (shared formulas)', () => {
  test.each([
    ['A1+B$2+$C3+$D$4', 1, 1, 'B2+C$2+$C4+$D$4'],
    ['SUM(A1:B2)*2', 2, 0, 'SUM(A3:B4)*2'],
    ['SUM(A:A,$B:C,1:1,$2:3)', 1, 1, 'SUM(B:B,$B:D,2:2,$2:4)'],
    ['"A1"&A1&\'Sheet A1\'!A1&说明!B6', 1, 0, '"A1"&A2&\'Sheet A1\'!A2&说明!B7'],
    ['LOG10(A1)+ATAN2(1,2)+_xlfn.XLOOKUP(A1,B:B,C:C)', 0, 1, 'LOG10(B1)+ATAN2(1,2)+_xlfn.XLOOKUP(B1,C:C,D:D)'],
    ['Table1[[#This Row],[A1]]+[1]Sheet1!A1+MyName+TRUE+1.5E+3', 1, 0, 'Table1[[#This Row],[A1]]+[1]Sheet1!A2+MyName+TRUE+1.5E+3'],
    ['A1-B1', -1, 0, '#REF!-#REF!'],
    ['IF(A1="",#N/A,#DIV/0!)', 0, 1, 'IF(B1="",#N/A,#DIV/0!)'],
    ['XFD1+A1048576', 1, 1, '#REF!+#REF!'],
  ])('%s moved by (%i, %i)', (formula, dr, dc, out) => {
    expect(shiftFormula(formula, dr, dc)).toBe(out);
  });
});

describe('namespace prefixes (WPS and other writers)', () => {
  test('a master whose parts use <x:…> elements patches with the same prefix and SheetJS reads it', () => {
    const prefixed = prefixedMaster();
    const patched = patchWorkbook(prefixed, [
      { sheet: TRAINING, cells: [cell(4, 3, 11), cell(4, 4, '文本'), cell(TOTAL_ROW + 2, 2, true)] },
      { sheet: SHEET.overview, cells: [cell(1, 2, 'B1')] },
    ]);
    expectWellFormed(patched);
    const xml = partText(patched, sheetPath(patched, TRAINING));
    const s = /<c r="C4" s="(\d+)"/.exec(partText(master, sheetPath(master, TRAINING)))?.[1];
    expect(xml).toContain(`<x:c r="C4" s="${s}"><x:v>11</x:v></x:c>`);
    expect(xml).toContain(`<x:c r="D4" s="${s}" t="inlineStr"><x:is><x:t xml:space="preserve">文本</x:t></x:is></x:c>`);
    expect(xml).toContain(`<x:row r="${TOTAL_ROW + 2}"><x:c r="B${TOTAL_ROW + 2}" t="b"><x:v>1</x:v></x:c></x:row></x:sheetData>`);
    expect(xml).toContain(`<x:dimension ref="A1:Z${TOTAL_ROW + 2}"/>`);
    expect(xml).not.toMatch(/<(?!\/?x:|\?xml)[a-z]/); // no unprefixed element was written
    expect(partText(patched, 'xl/workbook.xml')).toContain('<x:calcPr fullCalcOnLoad="1"/></x:workbook>');

    const grids = readWorkbook(patched);
    expect(cellAt(grids.sheets.get(TRAINING), 4, 3)).toBe(11);
    expect(cellAt(grids.sheets.get(TRAINING), 4, 4)).toBe('文本');
    expect(cellAt(grids.sheets.get(TRAINING), TOTAL_ROW + 2, 2)).toBe(true);
    expect(cellAt(grids.sheets.get(SHEET.overview), 1, 2)).toBe('B1');
    expect(cellAt(grids.sheets.get(TRAINING), 4, 2)).toBe(cellAt(readWorkbook(master).sheets.get(TRAINING), 4, 2));
  });
});

/** The rendered master with every worksheet and workbook.xml rewritten to an x: prefix, calcPr removed. */
function prefixedMaster(): Uint8Array {
  const parts: Record<string, string> = {};
  for (const [name] of entries(master)) {
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) parts[name] = prefixMainNamespace(partText(master, name));
  }
  parts['xl/workbook.xml'] = prefixMainNamespace(partText(master, 'xl/workbook.xml').replace(/<calcPr[^>]*\/>/, ''));
  return withParts(master, parts);
}

describe('errors', () => {
  test('an unknown sheet: WorkbookPatchError with a Chinese message', () => {
    expect(() => patchWorkbook(master, [{ sheet: '不存在', cells: [cell(1, 1, 1)] }])).toThrow(WorkbookPatchError);
    expect(() => patchWorkbook(master, [{ sheet: '不存在', cells: [] }])).toThrow('找不到工作表“不存在”');
  });

  test('an .xls or password-protected workbook (OLE compound file) gets its own message', () => {
    const cfb = new Uint8Array(512);
    cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(() => patchWorkbook(cfb, [])).toThrow(/旧版 \.xls 文件或加密/);
  });

  test('not a zip, an empty file, a zip without a workbook, broken sheet XML', () => {
    for (const bytes of [new TextEncoder().encode('这不是 xlsx 文件'.repeat(20)), new Uint8Array(0), new Uint8Array([0x50, 0x4b, 0x05, 0x06])]) {
      expect(() => patchWorkbook(bytes, [])).toThrow(WorkbookPatchError);
      expect(() => patchWorkbook(bytes, [])).toThrow(/不是有效的 \.xlsx 工作簿/);
    }
    const noWorkbook = withParts(master, { 'xl/workbook.xml': null });
    expect(() => patchWorkbook(noWorkbook, [])).toThrow(/找不到工作簿部件/);
    const broken = fixtureXlsx([{ name: 'S', xml: worksheet('<sheetData><row r="1"><c r="A1"><v>1</v></c>') }]);
    expect(() => patchWorkbook(broken, [{ sheet: 'S', cells: [cell(1, 1, 2)] }])).toThrow(/工作表“S”.*XML 无法解析/);
    const truncated = master.slice(0, master.length - 10);
    expect(() => patchWorkbook(truncated, [])).toThrow(WorkbookPatchError);
  });
});

describe('performance', () => {
  test('a monthly merge of ~1,500 cells over 7 sheets', () => {
    const ledger = (sheet: string): SheetPatch => ({ sheet, cells: table.units.flatMap((_, i) => [cell(4 + i, 9, i * 3), cell(4 + i, 10, i * 7 + 0.5)]) });
    const patches: SheetPatch[] = [
      ...Object.values(INDICATOR_SHEET).map(ledger),
      { sheet: SHEET.reports, cells: table.units.map((_, i) => cell(4 + i, 7, '已报')) },
      { sheet: SHEET.readme, cells: [cell(6, 2, 4)] },
      { sheet: SHEET.log, cells: Array.from({ length: 5 }, (_, i) => Array.from({ length: 10 }, (_, c) => cell(4 + i, c + 1, `日志 ${i}-${c}`))).flat() },
    ];
    const count = patches.reduce((n, p) => n + p.cells.length, 0);
    const times: number[] = [];
    for (let i = 0; i < 12; i++) {
      const t = performance.now();
      patchWorkbook(master, patches);
      times.push(performance.now() - t);
    }
    const warm = times.slice(2).sort((a, b) => a - b);
    const median = warm[warm.length >> 1];
    console.log(`patchWorkbook: ${count} cells, ${master.length} bytes: first call ${times[0].toFixed(0)} ms, then median ${median.toFixed(0)} ms`);
    expect(median).toBeLessThan(1000); // generous: shared CI machines
  });
});

describe('LibreOffice: the coordinator’s own work survives a patch', () => {
  let dir: string;
  let decorated: Uint8Array;
  let patched: Uint8Array;
  let patchedCleared: Uint8Array;
  let prefixedPatched: Uint8Array;
  let inspected: UnoInspection;
  let inspectedCleared: UnoInspection;
  let inspectedPrefixed: UnoInspection;
  let resaved: Uint8Array;
  const ledgerPatch = (): SheetPatch[] => [
    { sheet: TRAINING, cells: [cell(4, 3, 12), cell(4, 4, 34.5)] },
    { sheet: SHEET.readme, cells: [cell(6, 2, 3)] },
  ];
  const probe: Array<[string, string]> = [
    [TRAINING, 'C4'],
    [TRAINING, 'D4'],
    [TRAINING, `C${TOTAL_ROW}`],
    [SHEET.readme, 'B6'],
    [SHEET.readme, 'B7'],
  ];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'xlsx-patch-'));
    const p = (name: string) => join(dir, name);
    writeFileSync(p('master.xlsx'), master);
    runUno([{ op: 'decorate', in: p('master.xlsx'), out: p('decorated.xlsx') }]);
    decorated = new Uint8Array(readFileSync(p('decorated.xlsx')));
    patched = patchWorkbook(decorated, ledgerPatch());
    patchedCleared = patchWorkbook(decorated, ledgerPatch(), { clearCachedResults: true });
    prefixedPatched = patchWorkbook(prefixedMaster(), ledgerPatch(), { clearCachedResults: true });
    writeFileSync(p('patched.xlsx'), patched);
    writeFileSync(p('cleared.xlsx'), patchedCleared);
    writeFileSync(p('prefixed.xlsx'), prefixedPatched);
    const results = runUno([
      { op: 'inspect', in: p('patched.xlsx'), cells: probe, saveAs: p('resaved.xlsx') },
      { op: 'inspect', in: p('cleared.xlsx'), cells: probe },
      { op: 'inspect', in: p('prefixed.xlsx'), cells: probe },
    ]) as UnoInspection[];
    [inspected, inspectedCleared, inspectedPrefixed] = results;
    resaved = new Uint8Array(readFileSync(p('resaved.xlsx')));
  }, 300_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const value = (r: UnoInspection, sheet: string, ref: string) => r.cells.find((c) => c.sheet === sheet && c.ref === ref)?.value;

  test('the decorated file has a chart, a drawing, a comment and the new sheet (LibreOffice wrote them)', () => {
    const names = entries(decorated).map(([n]) => n);
    expect(names.some((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toBe(true);
    expect(names.some((n) => /^xl\/comments\d*\.xml$/.test(n))).toBe(true);
    expect(readWorkbook(decorated).sheetNames).toContain('我的图表');
  });

  test('only the patched sheets and workbook.xml change; chart, drawing and comment parts are byte-identical and still referenced', () => {
    expectWellFormed(patched);
    expectWellFormed(patchedCleared);
    const changed = [sheetPath(decorated, TRAINING), sheetPath(decorated, SHEET.readme), 'xl/workbook.xml'];
    expectOtherEntriesIdentical(decorated, patched, changed);
    const names = entries(patched).map(([n]) => n);
    const chart = names.find((n) => /^xl\/charts\/chart\d+\.xml$/.test(n)) as string;
    const drawing = names.find((n) => /^xl\/drawings\/drawing\d+\.xml$/.test(n)) as string;
    expect(chart).toBeDefined();
    expect(drawing).toBeDefined();
    const chartSheet = sheetPath(patched, '我的图表');
    const chartSheetRels = chartSheet.replace(/([^/]+)$/, '_rels/$1.rels');
    expect(partText(patched, chartSheet)).toMatch(/<drawing r:id="rId\d+"\/>/);
    expect(partText(patched, chartSheetRels)).toContain(`Target="../drawings/${drawing.split('/').pop()}"`);
    expect(partText(patched, drawing.replace(/([^/]+)$/, '_rels/$1.rels'))).toContain(`Target="../charts/${chart.split('/').pop()}"`);
    expect(partText(patched, '[Content_Types].xml')).toContain(`/${chart}`);
    expect(partText(patched, 'xl/workbook.xml')).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
  });

  test('SheetJS reads the patched values and the coordinator’s numbers', () => {
    const grids = readWorkbook(patched);
    expect(cellAt(grids.sheets.get(TRAINING), 4, 3)).toBe(12);
    expect(cellAt(grids.sheets.get(TRAINING), 4, 4)).toBe(34.5);
    expect(cellAt(grids.sheets.get(SHEET.readme), 6, 2)).toBe(3);
    expect((grids.sheets.get('我的图表') ?? []).map((r) => r[1])).toEqual(['完成数', 10, 25, 42.5, 61]);
  });

  test('LibreOffice opens the patched file: chart, comment, fill, the new sheet and the patched values are there', () => {
    expect(inspected.sheets).toContain('我的图表');
    expect(inspected.charts).toHaveLength(1);
    expect(inspected.chartValues).toEqual([10, 25, 42.5, 61]);
    expect(inspected.annotations).toEqual([{ col: 1, row: 3, text: '协调员的批注：请核实' }]);
    expect(inspected.background).toBe(0xffff00);
    expect(value(inspected, TRAINING, 'C4')).toBe(12);
    expect(value(inspected, TRAINING, 'D4')).toBe(34.5);
    expect(value(inspected, SHEET.readme, 'B6')).toBe(3);
  });

  test('LibreOffice can save the patched file again and the values survive', () => {
    const grids = readWorkbook(resaved);
    expect(cellAt(grids.sheets.get(TRAINING), 4, 3)).toBe(12);
    expect(cellAt(grids.sheets.get(SHEET.readme), 6, 2)).toBe(3);
    expect(grids.sheetNames).toContain('我的图表');
  });

  test('LibreOffice trusts cached results; with clearCachedResults it recalculates the totals', () => {
    const stale = value(inspected, TRAINING, `C${TOTAL_ROW}`);
    console.log(
      `LibreOffice, total ${TRAINING}!C${TOTAL_ROW} after the patch: ${stale} with cached results kept, ${value(inspectedCleared, TRAINING, `C${TOTAL_ROW}`)} with clearCachedResults`,
    );
    expect(value(inspectedCleared, TRAINING, `C${TOTAL_ROW}`)).toBe(12);
    expect(value(inspectedCleared, SHEET.readme, 'B7')).toBeGreaterThan(0); // 应达进度 for month 3
    expect(inspectedCleared.charts).toHaveLength(1);
    expect(inspectedCleared.annotations).toHaveLength(1);
  });

  test('LibreOffice opens a patched x:-prefixed workbook', () => {
    expect(value(inspectedPrefixed, TRAINING, 'C4')).toBe(12);
    expect(value(inspectedPrefixed, TRAINING, 'D4')).toBe(34.5);
    expect(value(inspectedPrefixed, SHEET.readme, 'B6')).toBe(3);
    expect(value(inspectedPrefixed, TRAINING, `C${TOTAL_ROW}`)).toBe(12); // the master's cached results dropped by the patch
  });
});
