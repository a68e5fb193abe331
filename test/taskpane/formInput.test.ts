import { makeFinding } from '../../src/core/messages/findingText';
import { defaultPace, linearCurve } from '../../src/core/pace';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { emptyFigures, fieldProblems, manualProblem, manualWarning } from '../../src/taskpane/manualInput';
import { percentText, readPaceInput } from '../../src/taskpane/paceInput';
import { getStrings } from '../../src/taskpane/strings';
import { ledgerFromEntries } from '../../src/core/ledger';
import { newMasterModel } from '../../src/workbook/model';
import { ManualFigures, emptyManualFigures, manualReport } from '../../src/workflow/manualEntry';
import { planMerge } from '../../src/workflow/merge';
import { INDICATORS } from '../helpers/table2023';

const zh = getStrings('zh-CN');
const en = getStrings('en-US');
const table = embeddedQuota2023();

describe('设置: the pace form speaks in the units it asks for', () => {
  const base = defaultPace();
  const texts = base.curve.map(percentText);
  const band = percentText(base.band);

  test('a warning band of 150 (百分点) is refused in 百分点, not as the fraction 1.5', () => {
    const { problems } = readPaceInput({ base, curveTexts: texts, bandText: '150' }, zh);
    expect(problems).toEqual(['预警带宽“150”须不小于 0 且小于 100 个百分点（如 5 表示：低于应达进度不超过 5 个百分点为“预警”）。']);
    expect(problems.join('')).not.toMatch(/1\.5|0 与 1/);
    expect(readPaceInput({ base, curveTexts: texts, bandText: '-2' }, en).problems[0]).toMatch(
      /^Warning band: "-2" must be at least 0 and below 100 percentage points/,
    );
  });

  test('a month over 100 % is refused in %, and the curve order still comes from the core', () => {
    const curve = [...texts];
    curve[2] = '150';
    expect(readPaceInput({ base, curveTexts: curve, bandText: band }, zh).problems).toEqual(['3月应达（%）“150”须在 0 与 100 之间。']);
    curve[2] = '10';
    expect(readPaceInput({ base, curveTexts: curve, bandText: band }, zh).problems).toEqual(['3月的应达进度低于2月：累计进度不能减少。']);
    curve[2] = 'abc';
    expect(readPaceInput({ base, curveTexts: curve, bandText: band }, zh).problems).toEqual(['3月应达（%）“abc”不是数字。']);
  });

  test('valid input: untouched fields keep their exact values, typed ones are fractions', () => {
    const curve = [...texts];
    curve[1] = '20%';
    const { pace, problems } = readPaceInput({ base, curveTexts: curve, bandText: '8' }, zh);
    expect(problems).toEqual([]);
    expect(pace.curve[0]).toBe(linearCurve()[0]);
    expect(pace.curve[1]).toBeCloseTo(0.2, 12);
    expect(pace.band).toBeCloseTo(0.08, 12);
  });
});

describe('手工录入: problems say what to type in the form', () => {
  const unit = table.units.find((u) => u.quota.training !== null && u.quota.onePlusX !== null)!;
  const figures = (set: (f: ManualFigures) => void): ManualFigures => {
    const f = emptyFigures(INDICATORS);
    set(f);
    return f;
  };
  /** The core's judgement of the typed figures, as 手工录入 merges them. */
  function rejectedFindings(f: ManualFigures, month: number, model = newMasterModel(table)) {
    const json = planMerge(model, month, { reports: [manualReport(unit, INDICATORS, f, '')], failures: [] }, 't').json;
    expect(json.merged).toEqual([]);
    return json.rejected[0].findings;
  }

  test('the form’s empty figures are the workflow’s', () => {
    expect(emptyFigures(INDICATORS)).toEqual(emptyManualFigures(INDICATORS));
  });

  test('text that is not a number is named by indicator and field, with what to type (not "请该单位改为数字")', () => {
    const f = figures((x) => {
      x.training.monthly = '约100';
      x.certified.cumulative = '1,200'; // a number
      x.onePlusX.rate = '12,5%';
    });
    const problems = fieldProblems(INDICATORS, f, zh);
    expect(problems.map((p) => [p.indicator, p.field])).toEqual([
      ['training', 'monthly'],
      ['onePlusX', 'rate'],
    ]);
    expect(problems[0].message).toBe('培训任务 当月完成“约100”不是数字：请只输入数字，如 1234 或 1,234（没有的项留空）。');
    expect(problems.map((p) => p.message).join('')).not.toMatch(/该单位|模板|重新发送/);
    // The core would have refused it with the file import's advice: the form never sends it.
    expect(
      rejectedFindings(f, 1)
        .map((x) => x.message)
        .join(''),
    ).toMatch(/请该单位改为数字/);
  });

  test('the core’s other refusals are said again for the form', () => {
    const missing = rejectedFindings(
      figures((x) => (x.training.monthly = '100')),
      3,
    );
    const said = missing.map((x) => manualProblem(x, INDICATORS, 3, zh));
    expect(said).toEqual(['培训任务只填了当月完成：主表中没有 2 月及以前的累计可以推算，请同时填写“累计已完成”。']);

    const negative = rejectedFindings(
      figures((x) => (x.certified.cumulative = '-5')),
      1,
    );
    expect(negative.map((x) => manualProblem(x, INDICATORS, 1, zh))).toContain('取证人数的“累计已完成”是负数：请填写 0 或正数。');

    const nothing = rejectedFindings(
      figures(() => undefined),
      1,
    );
    expect(nothing.map((x) => manualProblem(x, INDICATORS, 1, zh))).toEqual([zh.manualNoFigures]);

    for (const x of [...missing, ...negative, ...nothing]) expect(manualProblem(x, INDICATORS, 3, zh)).not.toMatch(/该单位|“手工录入”工作表/);
  });

  test('the same figures as a merged month typed by hand are merged: 手工录入 is how a month without progress is entered', () => {
    const typed = figures((x) => {
      x.training.monthly = '100';
      x.training.cumulative = '100';
    });
    const model = newMasterModel(table);
    const ledger = ledgerFromEntries([{ unitId: unit.id, month: 1, key: 'training', entry: { monthly: 100, cumulative: 100 } }]);
    const json = planMerge({ ...model, ledger, month: 1 }, 2, { reports: [manualReport(unit, INDICATORS, typed, '')], failures: [] }, 't').json;
    expect(json.rejected).toEqual([]);
    expect(json.merged.map((m) => m.unitId)).toEqual([unit.id]);
  });

  test('warnings lose the typed report’s "file and sheet"', () => {
    expect(manualWarning(makeFinding('LATE', { file: '手工录入', date: { year: 2023, month: 2, day: 3 }, month: 1, dueDay: 30 }, '手工录入', null))).toBe(
      '填报时间 2023年2月3日 晚于报送截止日 1月30日。',
    );
  });
});
