import type { FindingParams } from './messages/findingParams';

/** Finding codes of CONTRACT.md: errors keep a report out of the merge, warnings go with a merged report. */
export const ERROR_CODES = [
  'UNREADABLE',
  'NOT_SPREADSHEET',
  'ENCRYPTED',
  'NO_FORM',
  'UNKNOWN_UNIT',
  'CODE_NAME_MISMATCH',
  'NOT_A_NUMBER',
  'NEGATIVE',
  'MISSING_CUMULATIVE',
  'CONFLICT',
  'DUPLICATE',
  'STALE',
  'SCAN_UNCERTAIN',
  'SCAN_UNREADABLE',
] as const;

export const WARNING_CODES = [
  'ANNUAL_MISMATCH',
  'CUMULATIVE_MISMATCH',
  'CUMULATIVE_DECREASED',
  'CORRECTION',
  'CUMULATIVE_DERIVED',
  'RATE_MISMATCH',
  'ADVANCED_EXCEEDS_CERTIFIED',
  'DATE_OUTSIDE_MONTH',
  'LATE',
  'VALUE_WITHOUT_QUOTA',
  'NAME_FROM_FILENAME',
  'REPLACED',
  'NO_CACHED_VALUE',
  'FROM_SCAN',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
export type WarningCode = (typeof WARNING_CODES)[number];
export type FindingCode = ErrorCode | WarningCode;

/**
 * Shape shared by warnings and findings in the JSON of `merge --json`. Made by `makeFinding` of
 * src/messages/findingText.ts; `findingText(finding, locale)` renders it in the UI's language.
 */
export interface Finding {
  code: FindingCode;
  /** Chinese: what is wrong, where (file, sheet, cell) and how to fix it (the zh-CN rendering of `params`). */
  message: string;
  sheet: string | null;
  cell: string | null;
  /** What the message was made from: file, unit, indicator label, numbers, months (per code). */
  params: FindingParams;
}

export function isError(code: FindingCode): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}

/** Short Chinese names for lists and the task pane. */
export const FINDING_TITLES: Record<FindingCode, string> = {
  UNREADABLE: '文件无法读取',
  NOT_SPREADSHEET: '不是电子表格',
  ENCRYPTED: '文件有密码',
  NO_FORM: '未找到月报表',
  UNKNOWN_UNIT: '无法识别单位',
  CODE_NAME_MISMATCH: '单位代码与名称不符',
  NOT_A_NUMBER: '不是数字',
  NEGATIVE: '负数',
  MISSING_CUMULATIVE: '缺少累计已完成',
  CONFLICT: '同一单位多份不同报表',
  DUPLICATE: '重复报表',
  STALE: '与其他月份数据相同',
  SCAN_UNCERTAIN: '扫描件有待核对的数字',
  SCAN_UNREADABLE: '扫描件中找不到月报表',
  ANNUAL_MISMATCH: '年度任务与任务表不符',
  CUMULATIVE_MISMATCH: '累计与上月累计加当月不符',
  CUMULATIVE_DECREASED: '累计比上月减少',
  CORRECTION: '更正（当月为负数）',
  CUMULATIVE_DERIVED: '累计由上月累计加当月推算',
  RATE_MISMATCH: '完成率与计算值不符',
  ADVANCED_EXCEEDS_CERTIFIED: '“其中”项多于所属指标',
  DATE_OUTSIDE_MONTH: '填报时间不在本月',
  LATE: '逾期报送',
  VALUE_WITHOUT_QUOTA: '无任务的指标填了数',
  NAME_FROM_FILENAME: '单位名称取自文件名',
  REPLACED: '覆盖了已合并的数据',
  NO_CACHED_VALUE: '公式没有计算结果',
  FROM_SCAN: '数字读自扫描件',
};
