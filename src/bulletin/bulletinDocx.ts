import { AlignmentType, Document, Footer, ImageRun, Packer, PageNumber, PageOrientation, Paragraph, SectionType, TextRun } from 'docx';
import { annexTables, annexTitle } from './annexTable';
import { bulletinChartSvg } from './chartSvg';
import { defaultRequirements } from './defaultText';
import { chineseNumeral, enumerate, formatCount, formatRate, gapPhrase, monthRange, round2 } from './format';
import { BulletinIndicator, BulletinInput, BulletinUnit, bulletinInputProblems } from './input';
import { A4, CHAR, INDENT_2, LANDSCAPE_MARGINS, PORTRAIT_MARGINS, STYLE, bulletinStyles, fontTableXml } from './officialStyle';
import { DEFAULT_TOP_N, groupByCategory, laggingUnits, lateUnits, missingUnits, topUnits, unitsWithoutData, warningUnits } from './selection';

/**
 * The progress circular (进度通报) as a Word draft, in the style of a Chinese official document. Pure and
 * browser-safe: no Node built-ins; the chart's PNG comes from the caller (resvg in the CLI, a canvas in the browser).
 */

/** Rasterises the chart's SVG to PNG bytes at the given pixel size. */
export type RenderPng = (svg: string, widthPx: number, heightPx: number) => Promise<Uint8Array>;

export interface BulletinOptions {
  /** How many units 二、表现突出的单位 names per indicator. Default 3. */
  topN?: number;
  /** Draws the chart; without it the circular has no chart (its figures are in the text). */
  renderPng?: RenderPng;
  /** Indicators per annex table before the columns are split over further tables. Default 4. */
  annexIndicatorsPerTable?: number;
}

export class BulletinInputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'BulletinInputError';
  }
}

/** Display width of the chart in the document, in CSS pixels (14.8 cm of the 15.6 cm line). */
const CHART_DISPLAY_WIDTH = 560;
/** The PNG is drawn at twice the display size so it prints sharply. */
const CHART_SCALE = 2;

const t = (text: string, bold = false) => new TextRun({ text, bold });
const kai = (text: string) => new TextRun({ text, style: STYLE.subheadingRun });
const body = (...children: TextRun[]) => new Paragraph({ style: STYLE.body, children });
const heading = (text: string) => new Paragraph({ style: STYLE.heading, children: [t(text)] });
const blank = () => new Paragraph({ style: STYLE.plain, children: [] });
/** A paragraph led by a 楷体 subheading such as "（一）培训任务。", the rest in the body font. */
const runIn = (head: string, text: string) => body(kai(head), t(text));
const sub = (i: number) => `（${chineseNumeral(i + 1)}）`;

function indicatorTitle(ind: BulletinIndicator): string {
  return `${ind.label}（${ind.unit}）`;
}

/** Widest title line: 二号 characters on the 15.6 cm line. */
const TITLE_LINE_CHARS = 20;

/**
 * The title, broken into lines between meaningful pieces (never inside a name or the period), each line as full as
 * it can be: 河南省教育厅关于2023年1–4月 / “人人持证、技能河南”建设工作 / 任务进度情况的通报.
 */
export function bulletinTitleLines(input: BulletinInput): string[] {
  const pieces = [input.keeper, `关于${input.year}年${monthRange(input.month)}`, `“${input.programme}”`, '建设工作', '任务进度情况的通报'];
  const lines: string[] = [];
  for (const piece of pieces) {
    const last = lines.length - 1;
    if (last >= 0 && charCount(lines[last] + piece) <= TITLE_LINE_CHARS) lines[last] += piece;
    else lines.push(piece);
  }
  return lines;
}

function leadParagraph(input: BulletinInput): Paragraph {
  const basis = input.source ? `按照${input.source}${/号$/.test(input.source) ? '文件' : ''}要求，` : '';
  return body(
    t(
      `为及时掌握${input.total.label}“${input.programme}”建设工作任务进度，${basis}我们对各单位报送的${input.year}年${monthRange(input.month)}` +
        '任务完成情况进行了汇总分析。现将有关情况通报如下：',
    ),
  );
}

function overallSection(input: BulletinInput, chart: Paragraph[]): Paragraph[] {
  const out = [heading('一、总体进度')];
  out.push(
    body(
      t(
        `截至${input.month}月底，按时序进度${input.total.label}应完成年度任务的${formatRate(input.expectedRate)}。` +
          `${input.total.label}共${input.total.unitCount}个单位，各项指标完成情况如下：`,
      ),
    ),
  );
  input.indicators.forEach((ind, i) => {
    const g = input.total.indicators[ind.key];
    let text: string;
    if (!g || g.annual <= 0) text = '本年度无此项任务。';
    else if (g.cumulative === null) text = `年度任务${formatCount(g.annual)}${ind.unit}，尚无完成数据。`;
    else {
      text =
        `年度任务${formatCount(g.annual)}${ind.unit}，累计完成${formatCount(g.cumulative)}${ind.unit}，` +
        `完成率${formatRate(g.rate)}，应达进度${formatRate(g.expected)}，${gapPhrase(g.gap)}。`;
    }
    text += categoryBreakdown(input, ind);
    out.push(runIn(`${sub(i)}${indicatorTitle(ind)}。`, text));
  });
  return [...out, ...chart];
}

/** "分类别看，省辖市 38.10%，…；低于应达进度的有…。" — empty without categories. */
function categoryBreakdown(input: BulletinInput, ind: BulletinIndicator): string {
  const groups = input.byCategory.filter((g) => (g.indicators[ind.key]?.annual ?? 0) > 0);
  if (input.categories.length === 0 || groups.length === 0) return '';
  const rates = groups.map((g) => {
    const rate = g.indicators[ind.key].rate;
    return rate === null ? `${g.label}尚无数据` : `${g.label}${formatRate(rate)}`;
  });
  const behind = groups.filter((g) => {
    const f = g.indicators[ind.key];
    return f.rate !== null && f.gap !== null && round2(f.gap) < 0;
  });
  const tail = behind.length === 0 ? '各类别均不低于应达进度。' : `低于应达进度的有${enumerate(behind.map((g) => g.label))}。`;
  return `分类别看，${rates.join('，')}；${tail}`;
}

function topSection(input: BulletinInput, n: number): Paragraph[] {
  const out = [heading('二、表现突出的单位')];
  out.push(body(t(`按累计完成率排序，各项指标完成率居前${n}位的单位如下（无该项任务的单位不参与排名）：`)));
  input.indicators.forEach((ind, i) => {
    const top = topUnits(input, ind.key, n);
    const text =
      top.length === 0
        ? '尚无单位报送该项指标的完成数据。'
        : top
            .map(
              (r) =>
                `${r.unit.name}，年度任务${formatCount(r.annual)}${ind.unit}，累计完成${formatCount(r.cumulative)}${ind.unit}，完成率${formatRate(r.rate)}`,
            )
            .join('；') + '。';
    out.push(runIn(`${sub(i)}${indicatorTitle(ind)}。`, text));
  });
  return out;
}

function bandPoints(band: number): string {
  return String(round2(band * 100));
}

function laggingSection(input: BulletinInput): Paragraph[] {
  const out = [heading('三、进度滞后的单位')];
  const lagging = laggingUnits(input);
  const since = `截至${input.month}月底`;
  if (lagging.length === 0) {
    out.push(body(t(`${since}，没有进度滞后的单位（完成率低于应达进度${bandPoints(input.band)}个百分点以上）。`)));
  } else {
    out.push(
      body(
        t(
          `${since}，共有${lagging.length}个单位至少一项指标完成率低于应达进度${bandPoints(input.band)}个百分点以上，进度滞后` + '（各项指标完成情况见附件）：',
        ),
      ),
    );
    groupByCategory(input, lagging).forEach((g, i) => {
      const names = enumerate(g.units.map((u) => u.name)) + '。';
      out.push(g.category ? runIn(`${sub(i)}${g.category}（${g.units.length}个）。`, names) : body(t(names)));
    });
  }
  const warned = warningUnits(input);
  if (warned.length > 0) {
    out.push(
      body(
        t(
          `另有${warned.length}个单位进度预警（完成率低于应达进度，差距在${bandPoints(input.band)}个百分点以内）：` +
            `${enumerate(warned.map((u) => u.name))}。`,
        ),
      ),
    );
  }
  const noData = unitsWithoutData(input);
  if (noData.length > 0) {
    out.push(body(t(`另有${noData.length}个单位尚无任何完成数据，无法评估进度：${enumerate(noData.map((u) => u.name))}。`)));
  }
  return out;
}

function byCategoryText(input: BulletinInput, units: readonly BulletinUnit[], name: (u: BulletinUnit) => string): string {
  return (
    groupByCategory(input, units)
      .map((g) => (g.category ? `${g.category}：${enumerate(g.units.map(name))}` : enumerate(g.units.map(name))))
      .join('；') + '。'
  );
}

function reportingSection(input: BulletinInput): Paragraph[] {
  const out = [heading('四、报送情况')];
  const missing = missingUnits(input);
  const late = lateUnits(input);
  const total = input.units.length;
  out.push(body(t(`${input.month}月份应报送进度的单位${total}个，已报送${total - missing.length}个，未报送${missing.length}个。`)));
  out.push(runIn(`（一）未报送的单位（${missing.length}个）。`, missing.length === 0 ? '无，各单位均已报送。' : byCategoryText(input, missing, (u) => u.name)));
  const noteOf = new Map(late.map((l) => [l.unit.id, l.note]));
  out.push(
    runIn(
      `（二）逾期报送的单位（${late.length}个）。`,
      late.length === 0
        ? '无。'
        : byCategoryText(
            input,
            late.map((l) => l.unit),
            (u) => (noteOf.get(u.id) ? `${u.name}（${noteOf.get(u.id)}）` : u.name),
          ),
    ),
  );
  return out;
}

const SUBHEAD = /^(（[一二三四五六七八九十]+）[^。]*。)([\s\S]*)$/;

function requirementsSection(input: BulletinInput): Paragraph[] {
  const text = input.requirements && input.requirements.some((p) => p.trim()) ? input.requirements : defaultRequirements(input.programme);
  const out = [heading('五、下一步工作要求')];
  for (const para of text) {
    const m = SUBHEAD.exec(para.trim());
    out.push(m ? runIn(m[1], m[2]) : body(t(para.trim())));
  }
  return out;
}

/** Width of a line of text in characters of the body font (numerals are half a character). */
function charCount(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u2e80-\uffef]/.test(ch) ? 1 : 0.5;
  return n;
}

function signature(input: BulletinInput): Paragraph[] {
  const date = input.issuedOn ?? `${input.year}年　　月　　日`;
  // The date sits four characters from the right margin; the keeper's name is centred over it.
  const dateIndent = 4 * CHAR;
  const keeperIndent = Math.max(0, Math.round(dateIndent + ((charCount(date) - charCount(input.keeper)) / 2) * CHAR));
  const right = (text: string, indent: number) =>
    new Paragraph({ style: STYLE.plain, alignment: AlignmentType.RIGHT, indent: { right: indent }, children: [t(text)] });
  return [blank(), blank(), right(input.keeper, keeperIndent), right(date, dateIndent)];
}

function pageFooter(side: 'odd' | 'even'): Footer {
  // "— 1 —": odd pages right, even pages left, one character in from the edge of the text.
  return new Footer({
    children: [
      new Paragraph({
        style: STYLE.pageNumber,
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: 280 } : { left: 280 },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })],
      }),
    ],
  });
}

async function chartParagraphs(input: BulletinInput, renderPng: RenderPng | undefined): Promise<Paragraph[]> {
  if (!renderPng) return [];
  const chart = bulletinChartSvg(input);
  const png = await renderPng(chart.svg, chart.width * CHART_SCALE, chart.height * CHART_SCALE);
  const height = Math.round((chart.height * CHART_DISPLAY_WIDTH) / chart.width);
  const caption = input.categories.length > 0 ? '图1 各类别累计完成率与应达进度' : '图1 累计完成率与应达进度';
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 120, after: 60, line: 240, lineRule: 'auto' },
      keepNext: true,
      children: [
        new ImageRun({
          type: 'png',
          data: png,
          transformation: { width: CHART_DISPLAY_WIDTH, height },
          altText: { name: 'chart', title: caption, description: `${caption}（截至${input.month}月底）` },
        }),
      ],
    }),
    new Paragraph({ style: STYLE.caption, children: [t(`${caption}（截至${input.month}月底）`)] }),
  ];
}

/** Builds the circular. Throws `BulletinInputError` (Chinese messages) when the input cannot make one. */
export async function bulletinDocx(input: BulletinInput, options: BulletinOptions = {}): Promise<Uint8Array> {
  const problems = bulletinInputProblems(input);
  if (problems.length > 0) throw new BulletinInputError(problems);
  const topN = options.topN ?? DEFAULT_TOP_N;
  const chart = await chartParagraphs(input, options.renderPng);
  const titleLines = bulletinTitleLines(input);
  const annexName = annexTitle(input);

  const main = [
    new Paragraph({ style: STYLE.title, children: titleLines.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined })) }),
    new Paragraph({ style: STYLE.plain, children: [t(input.addressees ?? '各有关单位：')] }),
    leadParagraph(input),
    ...overallSection(input, chart),
    ...topSection(input, topN),
    ...laggingSection(input),
    ...reportingSection(input),
    ...requirementsSection(input),
    blank(),
    new Paragraph({ style: STYLE.body, indent: { left: INDENT_2 + 3 * CHAR, hanging: 3 * CHAR, firstLine: 0 }, children: [t(`附件：${annexName}`)] }),
    ...signature(input),
  ];
  const footers = { default: pageFooter('odd'), even: pageFooter('even') };

  const doc = new Document({
    creator: input.keeper,
    title: titleLines.join(''),
    description: `${input.year}年${monthRange(input.month)}任务进度通报（草稿）`,
    styles: bulletinStyles(),
    evenAndOddHeaderAndFooters: true,
    sections: [
      {
        properties: {
          page: { size: { ...A4, orientation: PageOrientation.PORTRAIT }, margin: PORTRAIT_MARGINS, pageNumbers: { start: 1 } },
        },
        footers,
        children: main,
      },
      {
        properties: {
          type: SectionType.NEXT_PAGE,
          page: { size: { ...A4, orientation: PageOrientation.LANDSCAPE }, margin: LANDSCAPE_MARGINS },
        },
        footers,
        children: annexTables(input, options.annexIndicatorsPerTable ?? 4),
      },
    ],
  });
  return Packer.pack(doc, 'uint8array', false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
}
