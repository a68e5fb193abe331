import { useState } from 'react';

/**
 * A screen's month picker that starts from 截至月份 and follows it: after a merge, an undo, a manual entry or a
 * change of 截至月份 (here or by the ribbon) the picker shows the month that goes with the master again, whatever
 * the coordinator had chosen before. Between such changes the choice stays.
 */
export function useFollowingMonth(monthInView: number, derive: (monthInView: number) => number): [number, (month: number) => void] {
  const [value, setValue] = useState(() => derive(monthInView));
  const [seen, setSeen] = useState(monthInView);
  if (seen !== monthInView) {
    setSeen(monthInView);
    setValue(derive(monthInView));
  }
  return [value, setValue];
}

/** 催报 and 手工录入 look at 截至月份 itself (January before anything was merged). */
export const monthInViewOrFirst = (month: number) => month || 1;

/** The month a new merge or this month's templates default to: 截至月份 + 1 (1 in a new master), at most 12. */
export const nextMonth = (month: number) => Math.min(12, month + 1);
