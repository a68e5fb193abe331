import { strToU8, zipSync } from 'fflate';
import * as XLSX from 'xlsx';
import { FindingCode } from '../core/findings';
import { perIndicator } from '../core/indicators';
import { QuotaTable } from '../core/units';
import { FormValue, IndicatorInput, writeReportForm } from '../samples/reportForm';

/**
 * The bad-input corpus: files as they really arrive by email when something is wrong, generated (no
 * hand-made binaries in the repository). Each entry says what must happen to it; docs/bad-inputs.md is
 * the same table for people.
 */
export interface BadInput {
  kind: string;
  name: string;
  bytes: Uint8Array;
  /** The error code it must be rejected with, or 'merged' (optionally with these warnings). */
  expected: FindingCode | 'merged';
  warnings?: FindingCode[];
}

function book(...sheets: Array<[string, XLSX.WorkSheet]>): XLSX.WorkBook {
  const wb = XLSX.utils.book_new();
  for (const [name, ws] of sheets) XLSX.utils.book_append_sheet(wb, ws, name);
  return wb;
}

const write = (wb: XLSX.WorkBook, bookType: XLSX.BookType = 'xlsx') => new Uint8Array(XLSX.write(wb, { type: 'array', bookType }) as ArrayBuffer);

export function badInputs(table: QuotaTable): BadInput[] {
  const unit = (id: number) => table.units.find((u) => u.id === id)!;
  const form = (id: number, name: string, values: Partial<Record<string, Partial<IndicatorInput>>> = {}, date: FormValue = '2023年1月27日') => {
    const u = unit(id);
    const full = perIndicator(table.indicators, (k): IndicatorInput => {
      const q = u.quota[k];
      const base: IndicatorInput = { annual: q ?? '—', monthly: q === null ? '—' : 10, cumulative: q === null ? '—' : 10, rate: null };
      return { ...base, ...(values[k] ?? {}) };
    });
    return writeReportForm({ unitName: name, year: 2023, month: 1, values: full, date, layout: { indicators: table.indicators } });
  };
  const valid = write(book(['Sheet1', form(1, '郑州市')]));
  const big = (() => {
    const lines = ['河南省教育系统“人人持证、技能河南”建设工作任务进度月报表'];
    for (let i = 0; i < 1_000_000; i++) lines.push(String(i));
    return strToU8(lines.join('\n'));
  })();
  const mergedAcross = (() => {
    const ws = form(2, '开封市');
    // A person merged the training values row across 当月完成 and 累计已完成: only the first cell holds a value.
    ws['!merges'] = [...(ws['!merges'] ?? []), { s: { r: 3, c: 2 }, e: { r: 3, c: 3 } }];
    delete ws.D4;
    return write(book(['Sheet1', ws]));
  })();
  const errors = (() => {
    const ws = form(3, '洛阳市');
    ws.C4 = { t: 'e', v: 0x07, w: '#DIV/0!' };
    return write(book(['Sheet1', ws]));
  })();
  const rateError = (() => {
    const ws = form(5, '安阳市');
    ws.E4 = { t: 'e', v: 0x17, w: '#REF!', f: 'D4/#REF!' };
    return write(book(['Sheet1', ws]));
  })();
  const injection = '=HYPERLINK("http://evil.example","点我")';
  const htmlForm = (() => XLSX.utils.sheet_to_html(form(7, '新乡市')))();
  return [
    { kind: '截断的 .xlsx（下载中断）', name: 'truncated.xlsx', bytes: valid.subarray(0, Math.floor(valid.length / 2)), expected: 'UNREADABLE' },
    {
      kind: 'zip 炸弹（解压后 210 MB）',
      name: 'bomb.xlsx',
      bytes: zipSync({ 'xl/workbook.xml': new Uint8Array(210 * 1024 * 1024) }, { level: 9 }),
      expected: 'UNREADABLE',
    },
    { kind: '空文件', name: 'empty.xlsx', bytes: new Uint8Array(0), expected: 'UNREADABLE' },
    { kind: '100 万行的表（有界读取）', name: 'million.csv', bytes: big, expected: 'NO_FORM' },
    {
      kind: 'PNG 改名为 .xlsx',
      name: 'photo.xlsx',
      bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      expected: 'NOT_SPREADSHEET',
    },
    { kind: 'PDF 改名为 .xlsx', name: 'scan.xlsx', bytes: strToU8('%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF'), expected: 'NOT_SPREADSHEET' },
    {
      kind: 'Word .docx 改名为 .xlsx',
      name: 'letter.xlsx',
      bytes: zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document/>') }),
      expected: 'NOT_SPREADSHEET',
    },
    { kind: '网页另存为 .xls，含月报表', name: 'web-form.xls', bytes: strToU8(htmlForm), expected: 'merged' },
    {
      kind: '网页另存为 .xls，无月报表',
      name: 'web-page.xls',
      bytes: strToU8('<html><body><table><tr><td>通知</td></tr></table></body></html>'),
      expected: 'NOT_SPREADSHEET',
    },
    { kind: '空工作簿', name: 'blank.xlsx', bytes: write(book(['Sheet1', XLSX.utils.aoa_to_sheet([[]])])), expected: 'NO_FORM' },
    {
      kind: '缺行的表（只有培训任务）',
      name: 'partial.xlsx',
      bytes: write(
        book([
          'Sheet1',
          XLSX.utils.aoa_to_sheet([
            ['填报单位（公章）：平顶山市'],
            ['培训任务', '年度任务', '当月完成', '累计已完成', '累计完成率'],
            [null, 7000, 300, 300, '4.3%'],
          ]),
        ]),
      ),
      expected: 'merged',
    },
    { kind: '合并单元格跨过数值', name: 'merged-cells.xlsx', bytes: mergedAcross, expected: 'merged', warnings: ['CUMULATIVE_DERIVED'] },
    { kind: '数值格中的错误值 #DIV/0!', name: 'div0.xlsx', bytes: errors, expected: 'NOT_A_NUMBER' },
    { kind: '完成率格中的错误值 #REF!', name: 'ref-rate.xlsx', bytes: rateError, expected: 'merged' },
    {
      kind: '数值格中填了日期',
      name: 'date-in-count.xlsx',
      bytes: write(
        book([
          'Sheet1',
          (() => {
            const ws = form(6, '鹤壁市');
            ws.D4 = { t: 'n', v: 44950, z: 'yyyy-mm-dd' };
            return ws;
          })(),
        ]),
      ),
      expected: 'NOT_A_NUMBER',
    },
    {
      kind: '小数与极大的数',
      name: 'huge.xlsx',
      bytes: write(book(['Sheet1', form(8, '焦作市', { training: { monthly: 12.5, cumulative: 1e15 } })])),
      expected: 'merged',
      warnings: ['CUMULATIVE_MISMATCH'],
    },
    { kind: '单位名含零宽字符', name: 'zero-width.xlsx', bytes: write(book(['Sheet1', form(9, '濮\u200b阳\u200d市')])), expected: 'merged' },
    {
      kind: '单位名含形近字（Latin/西里尔字母）',
      name: 'lookalike.xlsx',
      bytes: write(book(['Sheet1', form(30, 'Hеnan河南工业大学')])),
      expected: 'UNKNOWN_UNIT',
    },
    {
      kind: '各文字栏填了公式注入文本',
      name: 'injection.xlsx',
      bytes: write(
        book([
          'Sheet1',
          (() => {
            const ws = form(10, '许昌市');
            ws.A13 = { t: 's', v: `填报人（签字）：${injection}` };
            ws.A14 = { t: 's', v: `填报时间：${injection}` };
            return ws;
          })(),
        ]),
      ),
      expected: 'merged',
    },
    { kind: '名称栏填了公式注入文本', name: 'injection-name.xlsx', bytes: write(book(['Sheet1', form(11, injection)])), expected: 'UNKNOWN_UNIT' },
    {
      kind: '一个工作簿两个单位',
      name: 'two-units.xlsx',
      bytes: write(book(['三门峡', form(12, '三门峡市')], ['南阳', form(13, '南阳市')])),
      expected: 'merged',
    },
    {
      kind: '一个工作簿同一单位两张不同的表',
      name: 'same-unit-twice.xlsx',
      bytes: write(book(['A', form(14, '商丘市')], ['B', form(14, '商丘市', { training: { monthly: 11, cumulative: 11 } })])),
      expected: 'CONFLICT',
    },
    {
      kind: '一个工作簿同一单位两张相同的表',
      name: 'same-unit-copy.xlsx',
      bytes: write(book(['A', form(15, '信阳市')], ['B', form(15, '信阳市')])),
      expected: 'merged',
    },
  ];
}
