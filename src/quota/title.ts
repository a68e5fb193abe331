/**
 * What a task table's title says about the table: its year and who keeps its master. Titles name either a place
 * ("安阳市教育系统“人人持证、技能河南”建设工作2023年度任务分配表") or the office itself ("林州市教育体育局2024年度…"),
 * or a school that splits its own quota among its departments.
 */

export interface TitleFacts {
  /** The line the facts were read from; null when no line looks like a title. */
  line: string | null;
  year: number | null;
  /** Who keeps the master (河南省教育厅, 安阳市教育局, 滑县教育体育局, 某某职业技术学院); null when the title names none. */
  keeper: string | null;
  /** The notice number when the text carries one, with the annex the table is (教办职成〔2023〕54号 附件1). */
  notice: string | null;
}

/** Education offices as their names end; the longest first (教育体育局 before 教育局). */
const OFFICE = /(教育和体育局|教育体育局|教体局|教育局|教育厅|教育委员会|教委)(办公室)?$/;
const SCHOOL = /(大学|学院|学校|中心|中专|技校|技工学校|职专|院)$/;
/** A place as names of cities, counties and districts end. */
const PLACE = /(省|自治区|市|县|区|旗)$/;

const compact = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）');

/** The office that keeps a place's master when the title names only the place (overridable: --keeper). */
export function keeperOfPlace(place: string): string {
  if (/省$|自治区$/.test(place)) return `${place}教育厅`;
  if (/县$|旗$/.test(place) || (/区$/.test(place) && !/示范区$/.test(place))) return `${place}教育体育局`;
  return `${place}教育局`;
}

/**
 * The name a keeper reports upward as: its place for an education office or one of its sections (安阳市教育局 and
 * 安阳市教育局职成科 → 安阳市), else itself (a school).
 */
export function reportsAsOf(keeper: string): string {
  const k = compact(keeper);
  const m = k.match(/^(.+?)(教育和体育局|教育体育局|教体局|教育局|教育厅|教育委员会|教委)/);
  return m ? withoutProvince(m[1]) : k;
}

/** "河南省安阳市" → "安阳市": the province in front of a city or county is how people write, not part of the name. */
function withoutProvince(place: string): string {
  return place.replace(/^河南省(?=.{2,}(市|县|区)$)/, '');
}

/** The keeper a title names, or null: the office itself, a school, or a place (whose office is then assumed). */
function keeperIn(title: string): string | null {
  const t = compact(title)
    .replace(/^附件\s*\d*[:：]?/, '')
    .replace(/^关于(下达|印发|分解)?/, '');
  // What stands before the programme's name or the table's subject.
  const head = t.split(/“|"|「|『|关于|20\d\d\s*年|人人持证|技能河南|建设工作|任务分配|任务分解|任务表/)[0] ?? '';
  // "安阳市各县（市、区）及市直学校…", "郑州市所属各学校…": the place stands before 各/所属.
  const subject = head
    .split(/各|所属|及/)[0]
    .replace(/系统$/, '')
    .replace(/教育系统$/, '');
  if (!subject) return null;
  const office = subject.match(new RegExp(`^(.{2,20}?${OFFICE.source.replace(/\$$/, '')})`));
  if (office) return office[1].replace(/办公室$/, '');
  if (SCHOOL.test(subject) && subject.length <= 30) return subject;
  const place = withoutProvince(subject.replace(/教育$/, ''));
  if (PLACE.test(place) && place.length >= 2 && place.length <= 12) return keeperOfPlace(place);
  return null;
}

/** The most title-like line: one that names the table ("任务分配表"), nearest the table; else one with the programme. */
function titleLine(lines: readonly string[]): string | null {
  const texts = lines.map((l) => l.trim()).filter(Boolean);
  for (const pattern of [/任务(分配|分解|下达|安排)?(一览)?表/, /人人持证|技能河南/, /20\d\d\s*年/]) {
    for (let i = texts.length - 1; i >= 0; i--) if (pattern.test(compact(texts[i])) && compact(texts[i]).length <= 80) return texts[i];
  }
  return null;
}

/** Year, keeper and notice number from the lines above a table (title, notice header), nearest first. */
export function readTitle(lines: readonly string[]): TitleFacts {
  const line = titleLine(lines);
  const t = line ? compact(line) : '';
  const year = t.match(/(20\d\d)年/);
  const all = lines.map(compact).join('\n');
  const notice = all.match(/[\u4e00-\u9fff]{2,10}〔20\d\d〕\d{1,4}号/);
  let keeper = line ? keeperIn(line) : null;
  if (!keeper) {
    // A notice's text: "河南省教育厅办公室文件", "安阳市教育局关于下达…的通知".
    for (const l of lines.map(compact)) {
      const m = l.match(/^(.{2,20}?(教育和体育局|教育体育局|教体局|教育局|教育厅))(办公室)?(文件|关于)/);
      if (m) {
        keeper = m[1];
        break;
      }
    }
  }
  // The annex line nearest the table ("附件 1"), not the notice's list of annexes ("附件：1. …").
  const annex = [...lines]
    .reverse()
    .map(compact)
    .find((l) => /^附件\d+$/.test(l));
  return { line, year: year ? Number(year[1]) : null, keeper, notice: notice ? `${notice[0]}${annex ? ` ${annex}` : ''}` : null };
}
