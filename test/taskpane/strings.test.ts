import { makeFinding } from '../../src/core/messages/findingText';
import { displayRound, getStrings } from '../../src/taskpane/strings';

const t = getStrings('zh-CN');

test('numbers are rounded as the master’s cells display them (15 digits, then half away from zero)', () => {
  // A unit at 93 of 400 (23.25%) in March (25%): the gap computed in floating point is −1.7499999999999987;
  // the sheet shows −1.8.
  const gap = (93 / 400 - 0.25) * 100;
  expect(gap.toFixed(1)).toBe('-1.7'); // what the page showed
  expect(t.gapShort(gap)).toBe('−1.8');
  expect(t.gapPoints(-1.75)).toBe('−1.8 个百分点');
  expect(t.percent(93 / 400)).toBe('23.3%');
  expect(t.percent(0.25)).toBe('25.0%');
  expect(displayRound(-0.04, 1)).toBe(-0);
  expect(t.gapShort(-0.04)).toBe('0.0');
  expect(t.gapShort(0.06)).toBe('+0.1');
  expect(displayRound(1.005 * 100, 0)).toBe(101);
});

test('the Office time-out notice does not tell a shared-runtime pane to close and reopen (that does not reload it)', () => {
  const zh = getStrings('zh-CN').hostNotice.officeTimeout!.body;
  expect(zh).not.toMatch(/请关闭任务窗格后重新打开/);
  expect(zh).toMatch(/关闭再打开任务窗格不会重新加载本页/);
  expect(zh).toMatch(/关闭工作簿后重新打开/);
  const en = getStrings('en-US').hostNotice.officeTimeout!.body;
  expect(en).not.toMatch(/^.*Close and reopen the task pane;/);
  expect(en).toMatch(/does not reload this page/);
});

test('findings are shown in the UI language, rendered from their parameters (the Chinese message stays the record)', () => {
  const late = makeFinding('LATE', { file: '郑州市-1月.xlsx', date: { year: 2023, month: 2, day: 3 }, month: 1, dueDay: 30 }, 'Sheet1', null);
  expect(getStrings('zh-CN').findingMessage(late)).toBe(late.message);
  const en = getStrings('en-US').findingMessage(late);
  expect(en).toContain('郑州市-1月.xlsx');
  expect(en).toContain('2023-02-03');
  expect(en).not.toMatch(/填报时间|晚于/);
});
