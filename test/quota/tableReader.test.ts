/**
 * Reading task tables as coordinators have them: headers over several lines, "其中" columns, group headings,
 * section rows, 合计 rows, page furniture; titles that name the keeper; and refusals that name the line or cell
 * and the fix.
 */
import ExcelJS from 'exceljs';

import { INDICATORS_2023 } from '../../src/core/indicators';
import { changeLines, describeImport } from '../../src/quota/describe';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { importQuotaFile, importQuotaText, importQuotaWorkbook } from '../../src/quota/importTable';
import { readNoticeText } from '../../src/quota/noticeText';
import { keeperOfPlace, readTitle, reportsAsOf } from '../../src/quota/title';

const embedded = embeddedQuota2023();
const T = (lines: Array<Array<string | number>>) => lines.map((l) => l.join('\t')).join('\n');
const read = (text: string) => {
  const r = readNoticeText(text);
  if (!r.table) throw new Error(r.problems.join(''));
  return r.table;
};

describe('titles say the year and who keeps the master', () => {
  test.each([
    ['河南省教育系统“人人持证、技能河南” 建设工作 2023 年度任务分配表', 2023, '河南省教育厅', '河南省'],
    ['安阳市教育系统“人人持证、技能河南”建设工作2023年度任务分配表', 2023, '安阳市教育局', '安阳市'],
    ['河南省安阳市教育系统“人人持证、技能河南”建设工作2024年度任务分配表', 2024, '安阳市教育局', '安阳市'],
    ['滑县教育体育局“人人持证、技能河南”建设工作2024年度任务分解表', 2024, '滑县教育体育局', '滑县'],
    ['内黄县2025年度“人人持证、技能河南”建设工作任务分配表', 2025, '内黄县教育体育局', '内黄县'],
    ['林州市教育系统2024年度人人持证任务分配表', 2024, '林州市教育局', '林州市'],
    ['安阳市教育局关于下达2024年度“人人持证、技能河南”建设工作任务的通知', 2024, '安阳市教育局', '安阳市'],
    ['安阳市各县（市、区）及市直学校2024年度培训和取证任务分配表', 2024, '安阳市教育局', '安阳市'],
    ['河南工业职业技术学院“人人持证、技能河南”建设工作2024年度任务分解表', 2024, '河南工业职业技术学院', '河南工业职业技术学院'],
  ])('%s → %d, %s (reports as %s)', (title, year, keeper, reportsAs) => {
    const t = readTitle(['附件1', title]);
    expect(t).toMatchObject({ year, keeper });
    expect(reportsAsOf(t.keeper!)).toBe(reportsAs);
  });

  test('a title without a place names no keeper; a notice header names its office', () => {
    expect(readTitle(['2023年度“人人持证、技能河南”建设工作任务分配表'])).toMatchObject({ year: 2023, keeper: null });
    expect(readTitle(['郑州市教育局文件', '郑教职成〔2024〕12号', '2024年度任务分配表'])).toMatchObject({
      year: 2024,
      keeper: '郑州市教育局',
      notice: '郑教职成〔2024〕12号',
    });
    expect(keeperOfPlace('济源示范区')).toBe('济源示范区教育局');
    expect(reportsAsOf('河南省教育厅办公室')).toBe('河南省');
  });
});

describe('headers', () => {
  test('labels broken over three lines are joined per column; a heading over the indicators is no part of them', () => {
    const t = read(
      T([
        ['安阳市教育系统2024年度任务分配表'],
        ['序号', '单位名称', '2024年度任务', '', ''],
        ['', '', '培训', '取证', '1+X'],
        ['', '', '任务（人次）', '人数（人）', '证书（人）'],
        [1, '林州市', 100, 80, '—'],
        ['合计', '', 100, 80, '—'],
      ]),
    );
    expect(t.indicators.map((i) => [i.key, i.label, i.unit, i.parent])).toEqual([
      ['training', '培训任务', '人次', null],
      ['certified', '取证人数', '人', null],
      ['i3', '1+X证书', '人', null],
    ]);
    expect(t.total).toEqual({ training: 100, certified: 80, i3: 0 });
  });

  test('“其中” after its parent; 小计 under the parent; a unit for the whole table from “单位：人”', () => {
    const t = read(
      T([
        ['郑州市2025年度任务分配表'],
        ['单位：人'],
        ['序号', '单位', '新增技能人才', '', '职业技能培训（人次）'],
        ['', '', '小计', '其中：新增高技能人才', ''],
        [1, '中牟县', 100, 30, 500],
      ]),
    );
    expect(t.indicators).toEqual([
      { key: 'i1', label: '新增技能人才', unit: '人', parent: null, shortLabel: '新增技能人才' },
      { key: 'i2', label: '其中新增高技能人才', unit: '人', parent: 'i1', shortLabel: '新增高技能人才' },
      { key: 'i3', label: '职业技能培训', unit: '人次', parent: null, shortLabel: '职业技能培训' },
    ]);
  });

  test('a workbook: a parent spanning 小计 and a part without “其中”; a group heading spanning the others', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('任务');
    ws.getCell('A1').value = '郑州市教育系统“人人持证、技能河南”建设工作2025年度任务分配表';
    ws.getCell('A2').value = '序号';
    ws.getCell('B2').value = '单位';
    ws.getCell('C2').value = '取证人数（人）';
    ws.mergeCells('C2:D2');
    ws.getCell('C3').value = '小计';
    ws.getCell('D3').value = '高级工及以上';
    ws.getCell('E2').value = '其他任务（人次）';
    ws.mergeCells('E2:F2');
    ws.getCell('E3').value = '职业技能等级认定';
    ws.getCell('F3').value = '专项职业能力考核';
    ws.getRow(4).values = [1, '中牟县', 100, 20, 40, 10];
    const r = importQuotaWorkbook(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), null, '', embedded);
    expect(r.problems).toEqual([]);
    expect(r.table!.indicators.map((i) => [i.key, i.label, i.unit, i.parent])).toEqual([
      ['certified', '取证人数', '人', null],
      ['advanced', '高级工及以上', '人', 'certified'],
      ['i3', '职业技能等级认定', '人次', null],
      ['i4', '专项职业能力考核', '人次', null],
    ]);
  });

  test('a “其中” column with nothing before it, and nine indicators, are refused with the cells and the fix', () => {
    const first = read(T([['x市2024年度任务分配表'], ['序号', '单位', '其中高级工（人）', '培训（人次）'], [1, '甲县', 1, 2]]));
    expect(first.problems).toEqual(['第 2 行第 3 列的“其中高级工”是“其中”项，但它前面没有它所属的指标列。请把它放在所属指标列的右边。']);
    const labels = Array.from({ length: 9 }, (_, i) => `指标${'甲乙丙丁戊己庚辛壬'[i]}（人）`);
    const nine = importQuotaText(T([['x市2024年度任务分配表'], ['序号', '单位', ...labels], [1, '甲县', ...labels.map(() => 1)]]), null, '', embedded);
    expect(nine.table).toBeNull();
    expect(nine.problems[0]).toMatch(/^任务表有 9 项指标（第 2 行第 3 列“指标甲”、.*），最多 8 项。请删去不属于本年度任务的列后再导入。$/);
  });

  test('columns that are no indicator (备注, 联系人, 毕业生数) are left out and named', () => {
    const r = importQuotaText(
      T([
        ['滑县2024年度任务分配表'],
        ['序号', '学校', '2023届毕业生数（人）', '培训任务（人次）', '联系人', '备注'],
        [1, '滑县职专', 900, 400, '王伟', '含分校'],
        [2, '滑县二职专', 600, 300, '李娜', ''],
      ]),
      null,
      '',
      embedded,
    );
    expect(r.table!.indicators.map((i) => i.label)).toEqual(['培训任务']);
    expect(r.read!.ignoredColumns).toEqual(['2023届毕业生数（人）', '联系人', '备注']);
  });
});

describe('body rows', () => {
  const text = T([
    ['河南省教育系统“人人持证、技能河南”建设工作2026年度任务分配表'],
    ['序号', '单位名称', '培训任务（人次）', '取证人数（人）'],
    ['一、省辖市'],
    [1, '郑州市', '72,100', '55300'],
    [2, '开 封 市', 14200, '—'],
    ['省辖市小计', '', 86300, 55300],
    ['— 2 —'],
    ['序号', '单位名称', '培训任务（人次）', '取证人数（人）'],
    ['（二）本科高校（2所）'],
    [3, '郑州大学', 5000, 4000],
    [4, '河南大学(含民生学院)', 3000, ''],
    ['合  计', '', 94300, 59300],
    ['注：“—”表示无此项任务。'],
  ]);

  test('sections give categories; subtotals, page numbers, repeated headers and notes are skipped; names cleaned', () => {
    const t = read(text);
    expect(t.problems).toEqual([]);
    expect(t.categories).toEqual(['省辖市', '本科高校']);
    expect(t.rows.map((r) => [r.id, r.name, r.category, r.quota.training, r.quota.certified])).toEqual([
      [1, '郑州市', '省辖市', 72100, 55300],
      [2, '开封市', '省辖市', 14200, null],
      [3, '郑州大学', '本科高校', 5000, 4000],
      [4, '河南大学（含民生学院）', '本科高校', 3000, null],
    ]);
    expect([t.total, t.totalWhere]).toEqual([{ training: 94300, certified: 59300 }, '第 12 行']);
  });

  test('the table is imported with its own categories, in order, and the 合计 checked', () => {
    const r = importQuotaText(text, null, '', embedded);
    expect(r.problems).toEqual([]);
    expect(r.table!.categories).toEqual(['省辖市', '本科高校']);
    expect(r.table!.year).toBe(2026);
    expect(describeImport(r, embedded)).toContain('合计行（第 12 行）与各行之和相符：培训任务 94,300、取证人数 59,300');
  });

  test('each refusal names its line or cell and says what to do', () => {
    const bad = T([
      ['安阳市2024年度任务分配表'],
      ['序号', '单位名称', '培训（人次）', '取证（人）'],
      [1, '林州市', '1200', '约900'],
      [2, '', 800, 600],
      ['', '汤阴县', 700, 500],
      [4, '滑县', 600],
      [5, '内黄县', 500, 400],
      [5, '林州市', 500, 400],
      ['合计', '', 1, 1],
      [7, '龙安区', 1, 1],
    ]);
    const r = importQuotaText(bad, null, '', embedded);
    expect(r.table).toBeNull();
    expect(r.problems).toEqual([
      '第 3 行第 4 列的“约900”不是整数，也不是“—”：请改为整数（无此项任务填“—”）。',
      '第 4 行第 2 列（序号 2）没有单位名称：请补上。',
      '第 5 行有任务数但没有序号（第 5 行第 1 列是“”）：请补上序号，或删去这一行。',
      '第 6 行（序号 4）只有 3 列，应有 4 列（序号、单位名称和 2 项任务数，无任务的填“—”）：这一行可能没有复制完整。',
      '第 10 行（序号 7）在合计行（第 9 行）之后：合计行应在最后一行，请检查是否有任务行放错了位置。',
      // Rows refused above are not counted: the second row read is the fifth.
      '第 7 行的序号是 5，应为 2：序号须从 1 起连续，请检查是否漏行、重行。',
      '单位名称重复：“林州市”（第 3 行序号 1，第 8 行序号 5）。请核对后只保留一个，或改正名称。',
      '合计行与各行之和不符（培训：合计 1，各行之和 2201；合计行在第 9 行）。请核对任务表是否完整、数字是否有误。',
      '合计行与各行之和不符（取证：合计 1，各行之和 801；合计行在第 9 行）。请核对任务表是否完整、数字是否有误。',
    ]);
  });

  test('a table with no title place, no --keeper and units unlike last year’s is refused with both fixes', () => {
    const r = importQuotaText(T([['2024年度任务分配表'], ['序号', '学校', '培训（人次）'], [1, '某某学校', 10]]), null, '', embedded);
    expect(r.problems).toEqual([expect.stringMatching(/^看不出这张任务表由哪个单位保管主表：.*请在表格上方加一行标题.*或在命令行用 --keeper 指明/)]);
    const ok = importQuotaText(T([['2024年度任务分配表'], ['序号', '学校', '培训（人次）'], [1, '某某学校', 10]]), null, '', embedded, new Map(), {
      keeper: '某某县教育体育局',
    });
    expect(ok.table).toMatchObject({ keeper: '某某县教育体育局', reportsAs: '某某县', categories: [] });
    expect(
      importQuotaText(T([['某某学院2024年度任务分解表'], ['序号', '二级学院', '培训（人次）'], [1, '机电学院', 10]]), null, '', embedded).problems,
    ).toEqual([]);
  });

  test('no year in the title and none given: refused, asking for one', () => {
    const r = importQuotaText(T([['安阳市任务分配表'], ['序号', '单位', '培训（人次）'], [1, '林州市', 10]]), null, '', embedded);
    expect(r.problems).toEqual(['任务表的标题中没有年度（如“2024年度任务分配表”）：请指明年度（命令行用 --year 2024，任务窗格填写“年度”）。']);
    expect(importQuotaText(T([['安阳市任务分配表'], ['序号', '单位', '培训（人次）'], [1, '林州市', 10]]), 2024, '', embedded).table!.year).toBe(2024);
  });
});

describe('text without tabs (copied from a PDF viewer that drops them)', () => {
  const flat = [
    '       安阳市教育局关于下达2024年度“人人持证、技能河南”建设工作任务的通知',
    ' 序号          单位名称       类别     培训（人次）   取证（人）   1+X证书（人）',
    '  1   林州市             县（市、区）    1736     1302     293',
    '  2 安阳市 第二职业中等专业学校 市直学校 620 465 —',
    '合计                              2356    1767     293',
  ].join('\n');

  test('a one-line header: cells at two or more spaces, rows as 序号, name, category and the numbers', () => {
    const r = importQuotaText(flat, null, '', embedded);
    expect(r.problems).toEqual([]);
    expect(r.table!.units).toEqual([
      { id: 1, name: '林州市', category: '县（市、区）', quota: { i1: 1736, i2: 1302, i3: 293 } },
      { id: 2, name: '安阳市第二职业中等专业学校', category: '市直学校', quota: { i1: 620, i2: 465, i3: null } },
    ]);
  });

  test('a header over several lines without tabs is refused: its columns cannot be lined up', () => {
    const r = importQuotaText(
      [
        '              滑县教育体育局“人人持证、技能河南”建设工作2024年度任务分解表',
        '                                      取证人数（人）      1+X证书取证人 职业技能等级认定',
        ' 序号           学校       培训任务（人次）',
        '                                          其中：高级工及以   数（人）     （人次）',
        '  1   滑县职业中等专业学校          424     326        116       77      196',
      ].join('\n'),
      null,
      '',
      embedded,
    );
    expect(r.problems).toEqual([expect.stringMatching(/^第 2–3 行：表头分在几行上，各列之间又没有制表符.*请把表头整理成一行/)]);
  });
});

describe('files that are not task tables', () => {
  test('a PDF, an encrypted or broken workbook, an oversize file: each refused with what to do', () => {
    expect(importQuotaFile(new TextEncoder().encode('%PDF-1.7 ...'), 2024, '', embedded).problems[0]).toMatch(
      /^这是 PDF 文件，不能直接导入：请在 PDF 中选中任务分配表/,
    );
    expect(importQuotaFile(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), 2024, '', embedded).problems[0]).toMatch(/^任务表无法读取：压缩结构已损坏/);
    const big = new Uint8Array(21 * 1024 * 1024).fill(0x31);
    expect(importQuotaFile(big, 2024, '', embedded).problems[0]).toMatch(/^任务表文件过大（21.0 MB，上限 20 MB），未导入/);
  });
  test('UTF-16 text (Excel’s “Unicode 文本”) is read', () => {
    const text = T([['安阳市2024年度任务分配表'], ['序号', '单位', '培训（人次）'], [1, '林州市', 10]]);
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    expect(importQuotaFile(bytes, null, '', embedded).table!.units).toEqual([{ id: 1, name: '林州市', category: '', quota: { i1: 10 } }]);
  });
});

describe('what init prints', () => {
  test('changes are counted and abbreviated', () => {
    const added = Array.from({ length: 9821 }, (_, i) => `${i + 180} 单位${i}`);
    const lines = changeLines({ renamed: ['30：甲 → 乙'], added, dropped: [] }, 3);
    expect(lines).toEqual(['改名 1 个：30：甲 → 乙', '新增 9,821 个：180 单位0；181 单位1；182 单位2；……（共 9,821 个，只列出前 3 个）']);
  });

  test('a table of another keeper is not compared with the previous one; its indicators, parents and keys are listed', () => {
    const r = importQuotaText(
      T([['滑县教育体育局2024年度任务分解表'], ['序号', '学校', '取证人数（人）', '其中高级工及以上（人）'], [1, '滑县职专', 10, 2], ['合计', '', 10, 2]]),
      null,
      '',
      embedded,
    );
    expect(r.changes).toEqual({ renamed: [], added: [], dropped: [] });
    expect(describeImport(r, embedded)).toEqual([
      '标题：滑县教育体育局2024年度任务分解表',
      '年度：2024（取自标题）',
      '主表保管单位：滑县教育体育局（取自标题；如不对，请用 --keeper 指明），向上级报送时的填报单位名称：滑县',
      '指标 2 项：',
      '  1. 取证人数（人）；JSON 键 certified',
      '  2. 其中高级工及以上（人），是“取证人数”的一部分（不能多于它）；JSON 键 advanced',
      '单位 1 个，不分类别',
      '合计行（第 4 行）与各行之和相符：取证人数 10、其中高级工及以上 2',
      '（这张任务表由滑县教育体育局保管，与 2023 年度的河南省教育厅任务表不是同一张，不比较单位名单。）',
    ]);
  });

  test('the 2023 indicators keep their keys wherever they stand', () => {
    const r = importQuotaText(
      T([['河南省2024年度任务分配表'], ['序号', '单位', '1+X证书取证人数（人）', '培训任务（人次）'], [1, '郑州市', 5, 9]]),
      null,
      '',
      embedded,
    );
    expect(r.table!.indicators.map((i) => i.key)).toEqual(['onePlusX', 'training']);
    expect(r.table!.indicators[0]).toEqual(INDICATORS_2023[3]);
  });
});

describe('categories against the previous table', () => {
  test('inherited by name and only those in use; a new unit is asked for, a chosen one completes the table', () => {
    const kept = embedded.units
      .filter((u) => u.category === '省辖市' || u.category === '省直管县（市）')
      .map((u, i) => [i + 1, u.name, u.quota.training ?? '—']);
    const text = T([['河南省2024年度任务分配表'], ['序号', '单位', '培训任务（人次）'], ...kept, [kept.length + 1, '新设县', 1]]);
    const asked = importQuotaText(text, null, '', embedded);
    expect(asked.undecided).toEqual([{ id: 28, name: '新设县' }]);
    expect(asked.problems[0]).toContain('无法判断以下 1 个单位的类别');
    const chosen = importQuotaText(text, null, '', embedded, new Map([[28, '省直管县（市）']]));
    expect(chosen.problems).toEqual([]);
    expect(chosen.table!.categories).toEqual(['省辖市', '省直管县（市）']);
    expect(chosen.read!.categorySource).toBe('previous');
    expect(chosen.changes.added).toEqual(['28 新设县']);
    expect(chosen.changes.dropped).toHaveLength(179 - 27);
  });
});
