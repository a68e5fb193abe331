import { AlignmentType, IStylesOptions, LineRuleType } from 'docx';

/**
 * Page setup, fonts and paragraph styles of a Chinese official document (GB/T 9704-2012 as offices apply it):
 * A4; margins top 3.7 cm, bottom 3.5 cm, left 2.8 cm, right 2.6 cm; title in 方正小标宋 二号; 一、 in 黑体, （一） in
 * 楷体, body in 仿宋_GB2312 三号 at 22 lines a page; page numbers in 宋体 四号 "— 1 —", odd pages right, even left.
 */

/** Twips per centimetre (1 cm = 1440 / 2.54 twips). */
export const cm = (value: number): number => Math.round((value * 1440) / 2.54);

export const A4 = { width: 11906, height: 16838 } as const;
export const PORTRAIT_MARGINS = { top: cm(3.7), bottom: cm(3.5), left: cm(2.8), right: cm(2.6), header: cm(1.5), footer: cm(2.5) };
/** The annex table's landscape pages: room for the columns, the binding edge kept on the left. */
export const LANDSCAPE_MARGINS = { top: cm(2.4), bottom: cm(2.2), left: cm(1.8), right: cm(1.8), header: cm(1.2), footer: cm(1.2) };

export const FONTS = {
  title: '方正小标宋简体',
  heading: '黑体',
  subheading: '楷体_GB2312',
  body: '仿宋_GB2312',
  pageNumber: '宋体',
  /** Latin letters and Arabic numerals. */
  latin: 'Times New Roman',
} as const;

/**
 * The font table: each Chinese font with the name Windows knows it by when the GB2312-era font is not installed
 * (altName), and the GB2312 charset, so Word and WPS substitute a like font rather than their default.
 */
const FONT_TABLE: Array<{ name: string; altName: string; family: string; pitch: string }> = [
  { name: FONTS.title, altName: '黑体', family: 'script', pitch: 'variable' },
  { name: FONTS.heading, altName: 'SimHei', family: 'modern', pitch: 'fixed' },
  { name: FONTS.subheading, altName: '楷体', family: 'modern', pitch: 'fixed' },
  { name: '楷体', altName: 'KaiTi', family: 'modern', pitch: 'fixed' },
  { name: FONTS.body, altName: '仿宋', family: 'modern', pitch: 'fixed' },
  { name: '仿宋', altName: 'FangSong', family: 'modern', pitch: 'fixed' },
  { name: FONTS.pageNumber, altName: 'SimSun', family: 'auto', pitch: 'variable' },
];

export function fontTableXml(): string {
  const fonts = FONT_TABLE.map(
    (f) =>
      `<w:font w:name="${f.name}"><w:altName w:val="${f.altName}"/><w:charset w:val="86"/>` +
      `<w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`,
  ).join('');
  const latin = `<w:font w:name="${FONTS.latin}"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    fonts +
    latin +
    '</w:fonts>'
  );
}

/** Chinese font sizes in half-points: 二号 22 pt, 小二 18 pt, 三号 16 pt, 四号 14 pt, 小五 9 pt; the annex table 8 pt. */
export const SIZE = { erhao: 44, xiaoer: 36, sanhao: 32, sihao: 28, xiaowu: 18, table: 16 } as const;

/** 22 lines on the 22.5 cm of text: 28.95 pt a line. */
export const BODY_LINE = 579;
/** Two characters of 三号 (the first-line indent). */
export const INDENT_2 = 640;
/** One character of 三号. */
export const CHAR = 320;

export const STYLE = {
  title: 'BulletinTitle',
  heading: 'Heading1',
  body: 'BulletinBody',
  plain: 'BulletinPlain',
  caption: 'BulletinCaption',
  tableText: 'BulletinTableText',
  tableHead: 'BulletinTableHead',
  pageNumber: 'BulletinPageNumber',
  subheadingRun: 'BulletinSubheading',
} as const;

const font = (eastAsia: string) => ({ ascii: FONTS.latin, hAnsi: FONTS.latin, eastAsia, cs: FONTS.latin });
const exact = (line: number) => ({ line, lineRule: LineRuleType.EXACT, before: 0, after: 0 });

export function bulletinStyles(): IStylesOptions {
  return {
    default: {
      document: { run: { font: font(FONTS.body), size: SIZE.sanhao }, paragraph: { spacing: exact(BODY_LINE) } },
    },
    paragraphStyles: [
      {
        id: STYLE.title,
        name: '通报标题',
        basedOn: 'Normal',
        next: STYLE.plain,
        run: { font: font(FONTS.title), size: SIZE.erhao },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { ...exact(700), after: BODY_LINE }, keepNext: true },
      },
      {
        id: STYLE.heading,
        name: 'heading 1',
        basedOn: 'Normal',
        next: STYLE.body,
        quickFormat: true,
        run: { font: font(FONTS.heading), size: SIZE.sanhao, bold: false, color: '000000' },
        paragraph: { indent: { firstLine: INDENT_2 }, spacing: exact(BODY_LINE), keepNext: true, outlineLevel: 0 },
      },
      {
        id: STYLE.body,
        name: '通报正文',
        basedOn: 'Normal',
        quickFormat: true,
        run: { font: font(FONTS.body), size: SIZE.sanhao },
        paragraph: { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: INDENT_2 }, spacing: exact(BODY_LINE) },
      },
      {
        id: STYLE.plain,
        name: '通报正文（顶格）',
        basedOn: STYLE.body,
        paragraph: { indent: { firstLine: 0 } },
      },
      {
        id: STYLE.caption,
        name: '通报图题',
        basedOn: 'Normal',
        run: { font: font(FONTS.body), size: SIZE.sihao },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { line: 400, lineRule: LineRuleType.EXACT, before: 0, after: 120 } },
      },
      {
        id: STYLE.tableText,
        name: '通报表格文字',
        basedOn: 'Normal',
        run: { font: font(FONTS.body), size: SIZE.table },
        paragraph: { spacing: { line: 200, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
      },
      {
        id: STYLE.tableHead,
        name: '通报表头',
        basedOn: STYLE.tableText,
        run: { font: font(FONTS.heading), size: SIZE.table },
        paragraph: { alignment: AlignmentType.CENTER },
      },
      {
        id: STYLE.pageNumber,
        name: '页码',
        basedOn: 'Normal',
        run: { font: font(FONTS.pageNumber), size: SIZE.sihao },
        paragraph: { spacing: { line: 280, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
      },
    ],
    characterStyles: [
      {
        id: STYLE.subheadingRun,
        name: '通报小标题（楷体）',
        run: { font: font(FONTS.subheading), size: SIZE.sanhao },
      },
    ],
  };
}
