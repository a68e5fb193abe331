import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { UnitMatcher, isPlaceName, normalizeUnitName } from '../../src/reports/unitNames';
import { ANYANG_UNITS } from '../../src/samples/quotaTables';

const units = embeddedQuota2023().units;
const matcher = new UnitMatcher(units, [{ alias: '河南经贸', unitId: 81 }]);
const id = (raw: string) => matcher.match(raw).unitId;

describe('unit recognition', () => {
  test('normalisation: NFKC, spaces, zero-width characters, 公章, underscores', () => {
    expect(normalizeUnitName(' 郑 州 市\u200b（公章）___ ')).toBe('郑州市');
    expect(normalizeUnitName('填报单位（公章）：开封市')).toBe('开封市');
  });

  test.each([
    ['郑州市', 1],
    ['郑州市教育局', 1],
    ['河南省郑州市教育局', 1],
    ['兰考县教育体育局', 20],
    ['长垣市教育体育局', 23],
    ['河南对外贸易职业学院', 72],
    ['河南对外贸易职业学院(含河南省外贸学校)', 72],
    ['郑州信息科技职业学院（含河南省广播电视中等专业学校）', 154],
    ['河 南 工 业 大 学', 30],
    ['河南经贸', 81],
  ])('%s → %d', (raw, want) => {
    expect(id(raw)).toBe(want);
  });

  test('fuzzy matches are only suggestions, never a match', () => {
    const m = matcher.match('河南工业职业技朮学院');
    expect(m.unitId).toBeNull();
    if (m.unitId === null) expect(m.suggestions.map((u) => u.id)).toContain(75);
    expect(id('郑州')).toBeNull();
    expect(id('某某培训中心')).toBeNull();
  });

  test('school names are not shortened like city bureaus: "河南工业大学教育局" is not a match', () => {
    expect(id('河南工业大学教育局')).toBeNull();
  });

  test('a unit named in the file name, when the form leaves it blank', () => {
    expect(matcher.matchFileName('报表/3月/郑州市2023年3月进度月报.xlsx')).toBe(1);
    expect(matcher.matchFileName('附件2-河南工业大学.xlsx')).toBe(30);
    expect(matcher.matchFileName('月报.xlsx')).toBeNull();
  });
});

describe('the bureau rules apply to every unit that is a place, whatever its category (#13.3)', () => {
  // A city master: its counties, county-level city and districts (category 县（市、区）) and city schools.
  const city = ANYANG_UNITS.map(([name, category], i) => ({ id: i + 1, name, category, quota: {} }));
  const cityMatcher = new UnitMatcher(city);
  const cityId = (raw: string) => cityMatcher.match(raw).unitId;

  test.each([
    ['林州市教育局', '林州市'],
    ['林州市教育体育局', '林州市'],
    ['河南省林州市教育体育局', '林州市'],
    ['滑县教育体育局', '滑县'],
    ['安阳县教育局', '安阳县'],
    ['文峰区教育体育局', '文峰区'],
    ['安阳市文峰区教育体育局', '文峰区'],
    ['河南省安阳市殷都区教育局', '殷都区'],
    ['内黄县教体局', '内黄县'],
  ])('%s → %s', (raw, name) => {
    expect(cityMatcher.nameOf(cityId(raw)!)).toBe(name);
  });

  test('schools are no places; a bureau of a place not in the table is no match', () => {
    expect(isPlaceName('安阳市卫生学校')).toBe(false);
    expect(isPlaceName('安阳市职业技术教育中心')).toBe(false);
    expect(isPlaceName('济源示范区')).toBe(true);
    expect(cityId('安阳市卫生学校教育局')).toBeNull();
    expect(cityId('安阳市教育局')).toBeNull();
    expect(cityId('汤阴县')).toBe(3);
  });

  test('a table without categories: the same rules', () => {
    const plain = new UnitMatcher(city.map((u) => ({ ...u, category: '' })));
    expect(plain.match('龙安区教育体育局').unitId).toBe(9);
  });
});
