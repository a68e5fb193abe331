import { execFileSync } from 'child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { BulletinInputError, bulletinDocx } from '../../src/bulletin/bulletinDocx';
import { BulletinInput } from '../../src/bulletin/input';
import { loadResvgPng, resvgPng } from '../../src/bulletin/resvgPng';
import { convertWithLibreOffice } from '../helpers/libreoffice';
import { DocxParts, attrs, bodyParagraphs, openDocx, pngSize, sections, tables } from './docxParts';
import { CN, STATUS, annexRow, byCategory, count, expectedTop, pct, pts } from './expected';
import { input2023, input5, inputCity3 } from './fixture';

/**
 * The circular built from realistic inputs (the 2023 table: 179 units, 6 categories, 4 indicators; a city without
 * categories and 3 indicators; 5 indicators), read back from its XML and through LibreOffice (PDF, text, page 1 as
 * PNG). Set BULLETIN_PAGE1_PNG=docs/bulletin-page1.png to refresh the picture of page 1 in the docs.
 */

const MONTH = 4;
const cases: Record<string, { input: BulletinInput; bytes: Uint8Array; docx: DocxParts; doc: string; body: string[] }> = {};

/** A fontconfig file mapping the official fonts to the CJK fonts installed here, so the PDF looks as on an office PC. */
const FONTS_CONF = `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
<include ignore_missing="yes">/etc/fonts/fonts.conf</include>
${[
  ['仿宋_GB2312', 'Noto Serif CJK SC'],
  ['仿宋', 'Noto Serif CJK SC'],
  ['宋体', 'Noto Serif CJK SC'],
  ['方正小标宋简体', 'Noto Serif CJK SC'],
  ['楷体_GB2312', 'AR PL UKai CN'],
  ['黑体', 'Noto Sans CJK SC'],
  ['Times New Roman', 'Noto Serif CJK SC'],
]
  .map(([from, to]) => `<alias binding="same"><family>${from}</family><prefer><family>${to}</family><family>Noto Serif CJK SC</family></prefer></alias>`)
  .join('\n')}
</fontconfig>`;

let work: string;
const pdfs: Record<string, string> = {};

function pdftotext(pdf: string, first?: number, last?: number): string {
  const range = first ? ['-f', String(first), '-l', String(last ?? first)] : [];
  return execFileSync('pdftotext', [...range, pdf, '-'], { encoding: 'utf8' });
}

function pageSizes(pdf: string): Array<{ w: number; h: number }> {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '999', pdf], { encoding: 'utf8' });
  return [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => ({ w: Math.round(Number(m[1])), h: Math.round(Number(m[2])) }));
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'bulletin-'));
  const inputs: Record<string, [BulletinInput, Parameters<typeof bulletinDocx>[1]]> = {
    // As the CLI will: the native renderer when this platform has its prebuilt binary (linux-x64 here).
    province: [input2023(MONTH), { renderPng: loadResvgPng() ?? undefined }],
    city: [{ ...inputCity3(MONTH), requirements: ['（一）抓紧补报。未报送的单位请于5月15日前补报。', '请各单位认真落实。'] }, { renderPng: resvgPng }],
    five: [input5(MONTH), { renderPng: resvgPng, topN: 5 }],
  };
  for (const [name, [input, options]] of Object.entries(inputs)) {
    const bytes = await bulletinDocx(input, options);
    const docx = openDocx(bytes);
    const doc = docx.xml('word/document.xml');
    cases[name] = { input, bytes, docx, doc, body: bodyParagraphs(doc) };
  }
  // One LibreOffice run converts the three (its start-up dominates).
  const fontsConf = join(work, 'fonts.conf');
  writeFileSync(fontsConf, FONTS_CONF);
  const before = process.env.FONTCONFIG_FILE;
  process.env.FONTCONFIG_FILE = fontsConf;
  try {
    const names = Object.keys(cases);
    const out = convertWithLibreOffice(
      names.map((n) => ({ name: `${n}.docx`, bytes: cases[n].bytes })),
      'pdf',
    );
    names.forEach((n, i) => {
      pdfs[n] = join(work, `${n}.pdf`);
      writeFileSync(pdfs[n], out[i]);
    });
  } finally {
    if (before === undefined) delete process.env.FONTCONFIG_FILE;
    else process.env.FONTCONFIG_FILE = before;
  }
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The paragraphs of one numbered part of the body: from its heading to the next one. */
function part(body: string[], heading: string): string[] {
  const start = body.indexOf(heading);
  expect(start).toBeGreaterThanOrEqual(0);
  const next = body.findIndex((p, i) => i > start && /^[一二三四五六七八九十]、/.test(p));
  return body.slice(start + 1, next < 0 ? undefined : next);
}

function startingWith(paras: string[], head: string): string {
  const found = paras.filter((p) => p.startsWith(head));
  expect(found).toHaveLength(1);
  return found[0].slice(head.length);
}

describe.each(['province', 'city', 'five'])('%s circular: every figure from the input', (name) => {
  const c = () => cases[name];

  test('title with the keeper and the period, addressees, lead paragraph', () => {
    const { input, body } = c();
    const title = body[0];
    expect(title.replace(/\n/g, '')).toBe(`${input.keeper}关于2023年1–4月“人人持证、技能河南”建设工作任务进度情况的通报`);
    expect(title.split('\n').length).toBe(3);
    expect(body[1]).toBe('各有关单位：');
    expect(body[2]).toContain(`为及时掌握${input.total.label}“人人持证、技能河南”建设工作任务进度，按照教办职成〔2023〕54号文件要求`);
    expect(body[2]).toContain('2023年1–4月任务完成情况');
  });

  test('一、总体进度: per indicator 年度任务, 累计完成, 完成率, 应达进度 and the gap in points, per category', () => {
    const { input, body } = c();
    const paras = part(body, '一、总体进度');
    expect(paras[0]).toBe(
      `截至4月底，按时序进度${input.total.label}应完成年度任务的33.33%。${input.total.label}共${input.units.length}个单位，各项指标完成情况如下：`,
    );
    input.indicators.forEach((ind, i) => {
      const g = input.total.indicators[ind.key];
      const text = startingWith(paras, `（${CN[i]}）${ind.label}（${ind.unit}）。`);
      const gap = (g.rate! - g.expected) * 100;
      const words = `${gap >= 0 ? '高于' : '低于'}应达进度${pts(gap)}个百分点`;
      expect(text).toContain(
        `年度任务${count(g.annual)}${ind.unit}，累计完成${count(g.cumulative)}${ind.unit}，完成率${pct(g.rate)}，应达进度${pct(g.expected)}，${words}。`,
      );
      if (input.categories.length === 0) expect(text).not.toContain('分类别看');
      for (const grp of input.byCategory) {
        const f = grp.indicators[ind.key];
        if (f.annual === 0) expect(text).not.toContain(grp.label);
        else expect(text).toContain(f.rate === null ? `${grp.label}尚无数据` : `${grp.label}${pct(f.rate)}`);
      }
    });
    // Every count of four digits or more carries separators (the year is the only bare one).
    const all = body.join('\n');
    expect([...new Set(all.match(/\d{4,}/g))]).toEqual(['2023']);
    // Every rate has two decimals.
    for (const rate of all.match(/[\d.]+%/g)!) expect(rate).toMatch(/^\d{1,3}(,\d{3})*\.\d{2}%$/);
  });

  test('二、表现突出的单位: the top N by rate with task, figure and rate, in order', () => {
    const { input, body } = c();
    const n = name === 'five' ? 5 : 3;
    const paras = part(body, '二、表现突出的单位');
    expect(paras[0]).toContain(`各项指标完成率居前${n}位的单位`);
    input.indicators.forEach((ind, i) => {
      const text = startingWith(paras, `（${CN[i]}）${ind.label}（${ind.unit}）。`);
      const top = expectedTop(input, ind.key, n);
      expect(top).toHaveLength(n);
      expect(text).toBe(
        top
          .map((u) => {
            const f = u.indicators[ind.key];
            return `${u.name}，年度任务${count(f.annual)}${ind.unit}，累计完成${count(f.cumulative)}${ind.unit}，完成率${pct(f.rate)}`;
          })
          .join('；') + '。',
      );
      for (const u of input.units.filter((x) => x.indicators[ind.key].annual === null)) expect(text).not.toContain(`${u.name}，`);
    });
  });

  test('三、进度滞后的单位: the red units by category; amber and no-data units named apart', () => {
    const { input, body } = c();
    const paras = part(body, '三、进度滞后的单位');
    const red = input.units.filter((u) => u.status === 'red');
    expect(red.length).toBeGreaterThan(0);
    expect(paras[0]).toContain(`共有${red.length}个单位至少一项指标完成率低于应达进度5个百分点以上`);
    const groups = byCategory(input, red);
    groups.forEach(([cat, units], i) => {
      const names = units.map((u) => u.name).join('、') + '。';
      expect(paras[1 + i]).toBe(cat ? `（${CN[i]}）${cat}（${units.length}个）。${names}` : names);
    });
    const amber = input.units.filter((u) => u.status === 'amber');
    expect(paras[1 + groups.length]).toBe(
      `另有${amber.length}个单位进度预警（完成率低于应达进度，差距在5个百分点以内）：${amber.map((u) => u.name).join('、')}。`,
    );
    const noData = input.units.filter((u) => input.indicators.every((ind) => u.indicators[ind.key].cumulative === null));
    expect(noData.length).toBeGreaterThan(0);
    expect(paras[2 + groups.length]).toBe(`另有${noData.length}个单位尚无任何完成数据，无法评估进度：${noData.map((u) => u.name).join('、')}。`);
  });

  test('四、报送情况: who did not report month M by category, who was late', () => {
    const { input, body } = c();
    const paras = part(body, '四、报送情况');
    const missing = input.units.filter((u) => input.missing.includes(u.id));
    expect(missing.length).toBeGreaterThan(0);
    expect(paras[0]).toBe(`4月份应报送进度的单位${input.units.length}个，已报送${input.units.length - missing.length}个，未报送${missing.length}个。`);
    const list = byCategory(input, missing)
      .map(([cat, us]) => (cat ? `${cat}：` : '') + us.map((u) => u.name).join('、'))
      .join('；');
    expect(paras[1]).toBe(`（一）未报送的单位（${missing.length}个）。${list}。`);
    const [late1, late2] = input.late.map((l) => input.units.find((u) => u.id === l.id)!);
    expect(paras[2]).toContain(`（二）逾期报送的单位（2个）。`);
    expect(paras[2]).toContain(`${late1.name}（5月8日报送）`);
    expect(paras[2]).toContain(late2.name);
  });

  test("五、下一步工作要求: the coordinator's text, or the default; then the annex line and the signature", () => {
    const { input, body } = c();
    const all = part(body, '五、下一步工作要求');
    const paras = all.slice(0, all.indexOf('附件')); // the annex section starts with the line 附件
    if (name === 'city') {
      expect(paras.slice(0, 2)).toEqual(['（一）抓紧补报。未报送的单位请于5月15日前补报。', '请各单位认真落实。']);
      expect(body.join()).not.toContain('提高思想认识');
    } else {
      expect(paras[0]).toMatch(/^（一）提高思想认识，压实工作责任。各单位要充分认识“人人持证、技能河南”建设工作的重要意义/);
      expect(paras.filter((p) => /^（[一二三四]）/.test(p))).toHaveLength(4);
    }
    expect(paras).toContain('附件：2023年1–4月各单位任务进度明细表');
    const end = paras.slice(-2);
    expect(end).toEqual([input.keeper, '2023年　　月　　日']);
  });

  test('附件: every unit with task, cumulative, rate and status per indicator; repeated headers; the total', () => {
    const { input, doc } = c();
    const keys = input.indicators.map((i) => i.key);
    const tbls = tables(doc);
    const perTable = name === 'five' ? [3, 2] : [keys.length];
    expect(tbls.map((t) => t[0].cells.length - 2)).toEqual(perTable);
    let offset = 0;
    tbls.forEach((rows, ti) => {
      const tk = keys.slice(offset, offset + perTable[ti]);
      offset += perTable[ti];
      expect(rows[0].header && rows[1].header).toBe(true);
      expect(rows[2].header).toBe(false);
      expect(rows[0].cells).toEqual([
        '序号',
        '单位名称',
        ...tk.map((k) => {
          const ind = input.indicators.find((i) => i.key === k)!;
          return `${ind.label}（${ind.unit}）`;
        }),
      ]);
      expect(rows[0].spans.slice(2)).toEqual(tk.map(() => 4));
      // 序号 and 单位名称 span both header rows (their second-row cells are merge continuations).
      expect(rows[1].cells).toEqual(['', '', ...tk.flatMap(() => ['年度任务', '累计完成', '完成率', '状态'])]);
      expect(/<w:tr(?:\s[^>]*)?>[\s\S]*?<\/w:tr>/.exec(doc.slice(doc.indexOf('<w:tbl>')))![0].match(/<w:vMerge w:val="restart"\/>/g)).toHaveLength(2);
      const body = rows.slice(2);
      const expectedRows: string[][] = [];
      for (const [cat, units] of byCategory(input, input.units)) {
        if (cat) expectedRows.push([`${cat}（${units.length}个）`]);
        for (const u of units) expectedRows.push(annexRow(input, u, tk));
      }
      expectedRows.push([
        '',
        `${input.total.label}合计`,
        ...tk.flatMap((k) => {
          const f = input.total.indicators[k];
          return [count(f.annual), count(f.cumulative), pct(f.rate), STATUS[f.status]];
        }),
      ]);
      expect(body.map((r) => r.cells)).toEqual(expectedRows);
    });
    // The edge cases are in it: over 100%, no quota ("—" for task, rate and status), no data at all.
    const all = tbls.flatMap((t) => t.map((r) => r.cells));
    if (name !== 'city') expect(all.find((r) => r[1] === '郑州市')!.slice(2, 6)).toEqual(['72,100', '86,520', '120.00%', '正常']);
    const noData = input.units.find((u) => u.reported.length === 0)!;
    expect(all.find((r) => r[1] === noData.name)!.slice(2, 6)).toEqual([count(noData.indicators[keys[0]].annual), '—', '—', '—']);
  });
});

describe('page setup, fonts and page numbers of an official document', () => {
  test('A4 portrait with 3.7/3.5/2.8/2.6 cm margins, then an A4 landscape section for the annex', () => {
    const [main, annex] = sections(cases.province.doc);
    expect(attrs(main, 'w:pgSz')).toMatchObject({ 'w:w': '11906', 'w:h': '16838', 'w:orient': 'portrait' });
    // 1 cm = 567 twips: 3.7 → 2098, 3.5 → 1984, 2.8 → 1587, 2.6 → 1474.
    expect(attrs(main, 'w:pgMar')).toMatchObject({ 'w:top': '2098', 'w:bottom': '1984', 'w:left': '1587', 'w:right': '1474' });
    expect(attrs(main, 'w:pgNumType')).toMatchObject({ 'w:start': '1' });
    expect(attrs(annex, 'w:pgSz')).toMatchObject({ 'w:w': '16838', 'w:h': '11906', 'w:orient': 'landscape' });
    expect(attrs(annex, 'w:type')).toMatchObject({ 'w:val': 'nextPage' });
  });

  test('fonts: 仿宋_GB2312 三号 body, 方正小标宋 title, 黑体 一、, 楷体 （一）, with fallbacks in the font table', () => {
    const styles = cases.province.docx.xml('word/styles.xml');
    const style = (id: string) => new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>([\\s\\S]*?)</w:style>`).exec(styles)![1];
    const docDefaults = /<w:docDefaults>([\s\S]*?)<\/w:docDefaults>/.exec(styles)![1];
    expect(attrs(docDefaults, 'w:rFonts')['w:eastAsia']).toBe('仿宋_GB2312');
    expect(attrs(docDefaults, 'w:sz')['w:val']).toBe('32');
    expect(attrs(style('BulletinTitle'), 'w:rFonts')['w:eastAsia']).toBe('方正小标宋简体');
    expect(attrs(style('BulletinTitle'), 'w:sz')['w:val']).toBe('44');
    expect(attrs(style('Heading1'), 'w:rFonts')['w:eastAsia']).toBe('黑体');
    expect(attrs(style('BulletinSubheading'), 'w:rFonts')['w:eastAsia']).toBe('楷体_GB2312');
    expect(attrs(style('BulletinBody'), 'w:spacing')).toMatchObject({ 'w:line': '579', 'w:lineRule': 'exact' });
    expect(attrs(style('BulletinBody'), 'w:ind')).toMatchObject({ 'w:firstLine': '640' });
    // The subheadings really use the 楷体 style, in 一、 and 二、 at least.
    expect((cases.province.doc.match(/<w:rStyle w:val="BulletinSubheading"\/>/g) ?? []).length).toBeGreaterThanOrEqual(8);
    const fonts = cases.province.docx.xml('word/fontTable.xml');
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/>');
    expect(fonts).toContain('<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>');
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="黑体"/>');
  });

  test('page numbers "— N —" in the footer, odd pages right and even pages left', () => {
    const { docx, doc } = cases.province;
    expect(docx.xml('word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
    const [main] = sections(doc);
    const refs = [...main.matchAll(/<w:footerReference w:type="(\w+)" r:id="(\w+)"\/>/g)].map((m) => m[1]).sort();
    expect(refs).toEqual(['default', 'even']);
    const footers = Object.keys(docx.files)
      .filter((f) => /^word\/footer\d+\.xml$/.test(f))
      .map((f) => docx.xml(f));
    expect(footers.length).toBeGreaterThanOrEqual(2);
    for (const f of footers) {
      expect(f).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
      expect(f).toContain('— </w:t>');
      expect(f).toContain('> —</w:t>');
    }
    expect(footers.some((f) => f.includes('<w:jc w:val="right"/>'))).toBe(true);
    expect(footers.some((f) => f.includes('<w:jc w:val="left"/>'))).toBe(true);
  });

  test('the chart is a PNG drawn at twice its size on the page', () => {
    expect(loadResvgPng()).toBe(resvgPng);
    const media = Object.keys(cases.province.docx.files).filter((f) => f.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    const png = cases.province.docx.files[media[0]];
    expect(pngSize(png).width).toBe(1280);
    expect(png.length).toBeLessThan(200 * 1024);
    expect(cases.province.body).toContain('图1 各类别累计完成率与应达进度（截至4月底）');
    expect(cases.city.body).toContain('图1 累计完成率与应达进度（截至4月底）');
    expect(cases.province.doc).toMatch(/<wp:extent cx="5334000" cy="\d+"\/>/); // 560 px = 14.8 cm
  });

  test('no renderer: no chart, the rest unchanged; an unusable input is refused in Chinese', async () => {
    const docx = openDocx(await bulletinDocx(input2023(MONTH)));
    expect(Object.keys(docx.files).some((f) => f.startsWith('word/media/'))).toBe(false);
    expect(bodyParagraphs(docx.xml('word/document.xml'))).toContain('一、总体进度');
    await expect(bulletinDocx({ ...input2023(MONTH), month: 0 })).rejects.toThrow(BulletinInputError);
    await expect(bulletinDocx({ ...input2023(MONTH), month: 0 })).rejects.toThrow(/截至月份/);
  });
});

describe('as LibreOffice lays it out', () => {
  test('portrait A4 pages, then landscape A4 pages for the annex', () => {
    for (const name of Object.keys(pdfs)) {
      const sizes = pageSizes(pdfs[name]);
      const firstLandscape = sizes.findIndex((s) => s.w > s.h);
      expect(firstLandscape).toBeGreaterThan(0);
      expect(sizes.slice(0, firstLandscape).every((s) => s.w === 595 && s.h === 842)).toBe(true);
      expect(sizes.slice(firstLandscape).every((s) => s.w === 842 && s.h === 595)).toBe(true);
      // The annex's landscape pages begin with it.
      expect(pdftotext(pdfs[name], firstLandscape + 1)).toMatch(/^附件/);
    }
  });

  test('the printed text carries the figures, every unit of the annex and the page numbers', () => {
    const { input } = cases.province;
    const text = pdftotext(pdfs.province);
    const flat = text.replace(/\s+/g, '');
    // Long names wrap in the annex's cells, where pdftotext interleaves the 序号 column: compare without digits.
    const letters = flat.replace(/\d/g, '');
    expect(flat).toContain('河南省教育厅关于2023年1–4月“人人持证、技能河南”建设工作任务进度情况的通报');
    const g = input.total.indicators.training;
    expect(flat).toContain(`年度任务${count(g.annual)}人次，累计完成${count(g.cumulative)}人次，完成率${pct(g.rate)}`);
    for (const u of input.units) expect(letters).toContain(u.name);
    const pages = pageSizes(pdfs.province).length;
    for (const p of [1, 2, pages]) expect(pdftotext(pdfs.province, p, p)).toMatch(new RegExp(`—\\s?${p}\\s?—\\s*$`));
  });

  test('page 1 as a picture', () => {
    const prefix = join(work, 'page');
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', pdfs.province, prefix]);
    const file = readdirSync(work).find((f) => f.startsWith('page') && f.endsWith('.png'))!;
    const png = readFileSync(join(work, file));
    expect(pngSize(png)).toEqual({ width: 662, height: 936 });
    expect(png.length).toBeLessThan(300 * 1024);
    if (process.env.BULLETIN_PAGE1_PNG) copyFileSync(join(work, file), process.env.BULLETIN_PAGE1_PNG);
  });
});
