import { filingDate } from '../../src/summary/filingDate';

/** The keeper's report is dated today only when the level above would take that date for the month. */
test('today when it fits the month (its days and the grace days after), else left blank', () => {
  expect(filingDate(2023, 3, new Date(2023, 2, 1))).toBe('2023年3月1日');
  expect(filingDate(2023, 3, new Date(2023, 2, 31))).toBe('2023年3月31日');
  expect(filingDate(2023, 3, new Date(2023, 3, 10))).toBe('2023年4月10日');
  expect(filingDate(2023, 3, new Date(2023, 3, 16))).toBeNull();
  expect(filingDate(2023, 3, new Date(2023, 1, 28))).toBeNull();
  expect(filingDate(2023, 3, new Date(2026, 11, 1))).toBeNull();
  expect(filingDate(2023, 12, new Date(2024, 0, 15))).toBe('2024年1月15日');
});
