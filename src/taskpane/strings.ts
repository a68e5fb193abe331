import { INDICATORS, IndicatorKey } from '../core/indicators';
import { CATEGORIES, Category } from '../core/units';

/** Every text the task pane shows, per UI language. zh-CN is the default and the reference. */

export type Locale = 'zh-CN' | 'en-US';
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** How the page was opened; decided by the entry (taskpane.ts / index.tsx), shown by the App. */
export type HostStatus =
  /** index.html: the standalone web page, office.js never loaded. */
  | 'standalone'
  /** Inside Excel. */
  | 'excel'
  /** office.js loaded and ready, but not inside Excel (a plain browser or another Office application). */
  | 'notExcel'
  /** office.js did not load (offline, blocked). */
  | 'officeMissing'
  /** office.js loaded but Office.onReady did not fire in time. */
  | 'officeTimeout';

export interface Strings {
  appTitle: string;
  intro: string;
  hostNotice: Partial<Record<HostStatus, { title: string; body: string }>>;
  standaloneLinkText: string;
  quotaCardTitle: (year: number) => string;
  quotaCardSubtitle: (source: string) => string;
  provinceTotals: string;
  byCategory: string;
  unitCount: (n: number) => string;
  noQuota: string;
  noQuotaNote: string;
  indicatorLabel: Record<IndicatorKey, string>;
  indicatorUnit: Record<IndicatorKey, string>;
  categoryLabel: Record<Category, string>;
  newMasterButton: string;
  newMasterHint: string;
  working: string;
  downloaded: (fileName: string) => string;
  errorTitle: string;
  masterFileName: (year: number) => string;
}

const zhIndicatorLabel = Object.fromEntries(INDICATORS.map((i) => [i.key, i.label])) as Record<IndicatorKey, string>;
const zhIndicatorUnit = Object.fromEntries(INDICATORS.map((i) => [i.key, i.unit])) as Record<IndicatorKey, string>;
const zhCategoryLabel = Object.fromEntries(CATEGORIES.map((c) => [c, c])) as Record<Category, string>;

const zhCN: Strings = {
  appTitle: '持证进度助手',
  intro:
    '汇总各单位“人人持证、技能河南”月报，对照年度任务核对培训、取证、高级工和 1+X 证书进度。先新建一份主表，以后每月把各单位报表合并进去。',
  hostNotice: {
    officeMissing: {
      title: '未能加载 Office.js',
      body: '本页是 Excel 加载项的任务窗格，需要从微软网站加载 Office.js，但加载失败（可能未联网或被网络拦截）。下面的功能仍可使用；在浏览器中请打开独立网页：',
    },
    officeTimeout: {
      title: 'Excel 未响应',
      body: 'Office.js 已加载，但几秒内没有就绪。请关闭任务窗格后重新打开；在浏览器中请打开独立网页：',
    },
    notExcel: {
      title: '未在 Excel 中运行',
      body: '本页是 Excel 加载项的任务窗格。在浏览器中请打开独立网页：',
    },
  },
  standaloneLinkText: '独立网页（index.html）',
  quotaCardTitle: (year) => `${year} 年度任务`,
  quotaCardSubtitle: (source) => `依据：${source}`,
  provinceTotals: '全省合计',
  byCategory: '按单位类别',
  unitCount: (n) => `${n} 个单位`,
  noQuota: '无此项任务',
  noQuotaNote: '“—”表示通知中该类单位没有这项任务（不是 0）。',
  indicatorLabel: zhIndicatorLabel,
  indicatorUnit: zhIndicatorUnit,
  categoryLabel: zhCategoryLabel,
  newMasterButton: '新建主表（下载 .xlsx）',
  newMasterHint: '主表含年度任务、各指标月度台账、进度总览和合并日志，可用 Excel 或 WPS 打开。',
  working: '正在生成主表…',
  downloaded: (fileName) => `已生成“${fileName}”，请到浏览器的下载列表中查看。`,
  errorTitle: '生成主表失败',
  masterFileName: (year) => `持证进度主表-${year}.xlsx`,
};

const enUS: Strings = {
  appTitle: 'Certification Progress Assistant',
  intro:
    "Collects the units' monthly reports for Henan's \"certificates for everyone\" programme and checks training, certification, senior-level and 1+X progress against the yearly quotas. Start with a new master workbook, then merge the reports into it each month.",
  hostNotice: {
    officeMissing: {
      title: 'Office.js did not load',
      body: 'This page is the task pane of an Excel add-in and needs Office.js from Microsoft, which failed to load (offline or blocked). The features below still work; in a browser, open the standalone page:',
    },
    officeTimeout: {
      title: 'Excel did not respond',
      body: 'Office.js loaded but did not become ready within a few seconds. Close and reopen the task pane; in a browser, open the standalone page:',
    },
    notExcel: {
      title: 'Not running in Excel',
      body: 'This page is the task pane of an Excel add-in. In a browser, open the standalone page:',
    },
  },
  standaloneLinkText: 'standalone page (index.html)',
  quotaCardTitle: (year) => `${year} quotas`,
  quotaCardSubtitle: (source) => `Source: ${source}`,
  provinceTotals: 'Province total',
  byCategory: 'By type of unit',
  unitCount: (n) => `${n} ${n === 1 ? 'unit' : 'units'}`,
  noQuota: 'no quota',
  noQuotaNote: '"—" means the notice sets no quota of this kind for these units (not zero).',
  indicatorLabel: {
    training: 'Training',
    certified: 'Certified',
    advanced: 'of which senior level or above',
    onePlusX: '1+X certificates',
  },
  indicatorUnit: { training: 'person-times', certified: 'people', advanced: 'people', onePlusX: 'people' },
  categoryLabel: {
    省辖市: 'Prefecture-level cities',
    济源示范区: 'Jiyuan Demonstration Zone',
    '省直管县（市）': 'Province-administered counties',
    本科高校: 'Universities',
    高职高专院校: 'Higher vocational colleges',
    省属中职学校: 'Provincial secondary vocational schools',
  },
  newMasterButton: 'New master workbook (download .xlsx)',
  newMasterHint:
    'The master holds the yearly quotas, a monthly ledger per indicator, the progress overview and the merge log; it opens in Excel and WPS.',
  working: 'Building the master workbook…',
  downloaded: (fileName) => `"${fileName}" is ready: see your browser's downloads.`,
  errorTitle: 'Could not build the master workbook',
  // The file name stays Chinese: the file is shared with Chinese-speaking colleagues.
  masterFileName: (year) => `持证进度主表-${year}.xlsx`,
};

const STRINGS: Record<Locale, Strings> = { 'zh-CN': zhCN, 'en-US': enUS };

/** A UI language tag (e.g. from ?lang= or Office's display language) to a supported locale; zh-CN otherwise. */
export function pickLocale(tag: string | null | undefined): Locale {
  return tag && /^en\b/i.test(tag) ? 'en-US' : DEFAULT_LOCALE;
}

export function getStrings(locale: Locale = DEFAULT_LOCALE): Strings {
  return STRINGS[locale];
}
