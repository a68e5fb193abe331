import { Finding, FindingCode } from '../core/findings';
import { Indicator } from '../core/indicators';
import { Status } from '../core/status';
import { FINDING_TITLES } from '../core/findings';
import type { DoubtReason } from '../core/scanTrust';
import type { ScanStage } from '../scan/types';
import { FINDING_TITLES_EN, findingText } from '../core/messages/findingText';

/**
 * Every text the task pane and the standalone page show, per UI language. zh-CN is the default and the
 * reference. Messages that come from the core (findings, undo, progress stages) are Chinese in both languages:
 * they are what the coordinator forwards to the units.
 */

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

export type TabKey = 'overview' | 'import' | 'manual' | 'remind' | 'settings';
export type RowState = 'ready' | 'warning' | 'rejected';

/**
 * English names of labels the task table prints in Chinese (the 2023 notice's): a table's own labels are data,
 * shown as printed when no English name is known.
 */
const EN_NAMES: Record<string, string> = {
  培训任务: 'Training',
  取证人数: 'Certified',
  其中高级工及以上: 'of which senior level or above',
  '1+X证书取证人数': '1+X certificates',
  人次: 'person-times',
  人: 'people',
  省辖市: 'Prefecture-level cities',
  济源示范区: 'Jiyuan Demonstration Zone',
  '省直管县（市）': 'Province-administered counties',
  本科高校: 'Universities',
  高职高专院校: 'Higher vocational colleges',
  省属中职学校: 'Provincial secondary vocational schools',
};
const english = (zh: string) => EN_NAMES[zh] ?? zh;

/**
 * A number rounded as the master's cells display it, so the page and the workbook show the same digits: first to
 * 15 significant digits (what Excel and LibreOffice keep: 23.25 computed as 23.249999999999996 is 23.25 there),
 * then half away from zero. toFixed alone turned a gap of −1.75 into "−1.7" where the sheet shows −1.8.
 */
export function displayRound(x: number, decimals: number): number {
  const scale = 10 ** decimals;
  const scaled = Number((Math.abs(Number(x.toPrecision(15))) * scale).toPrecision(15));
  const r = Math.round(scaled) / scale;
  return x < 0 ? -r : r;
}
const pct1 = (fraction: number) => `${displayRound(fraction * 100, 1).toFixed(1)}%`;
/** Percentage points with a sign and a real minus: "+0.6", "−2.4". */
const signed = (points: number) => {
  const r = displayRound(points, 1);
  return `${r > 0 ? '+' : r < 0 ? '−' : ''}${Math.abs(r).toFixed(1)}`;
};

const zhCN = {
  appTitle: '持证进度助手',
  intro: '汇总各单位“人人持证、技能河南”月报，对照年度任务核对培训、取证、高级工和 1+X 证书进度。先新建一份主表，以后每月把各单位报表合并进去。',
  hostNotice: {
    officeMissing: {
      title: '未能加载 Office.js',
      body: '本页是 Excel 加载项的任务窗格，需要从微软网站加载 Office.js，但加载失败（可能未联网或被网络拦截）。下面的功能仍可使用（主表保存在本页中）；在浏览器中请打开独立网页：',
    },
    officeTimeout: {
      title: 'Excel 未响应',
      body: 'Office.js 已加载，但几秒内没有就绪。Excel 稍后就绪时，本页会提示切换到 Excel；关闭再打开任务窗格不会重新加载本页，如一直没有提示，请保存并关闭工作簿后重新打开（Excel 网页版：刷新浏览器页面）。下面的功能仍可使用（主表保存在本页中）；在浏览器中请打开独立网页：',
    },
    notExcel: {
      title: '未在 Excel 中运行',
      body: '本页是 Excel 加载项的任务窗格。在浏览器中请打开独立网页：',
    },
  } as Partial<Record<HostStatus, { title: string; body: string }>>,
  standaloneLinkText: '独立网页（index.html）',
  languageSwitch: 'English',
  languageSwitchLang: 'en',
  masterLabel: (label: string) => `主表：${label}`,
  missingFeaturesTitle: '此 Excel 版本缺少部分功能',
  loadingMaster: '正在读取主表…',
  working: '正在处理…',

  // master actions
  masterActions: '主表',
  newMaster: '新建主表',
  newMasterInWorkbook: '在本工作簿中新建主表',
  openMaster: '打开主表…',
  openMasterInput: '选择主表文件（.xlsx）',
  downloadMaster: '下载主表',
  reloadMaster: '重新读取主表',
  created: (label: string) => `已新建主表“${label}”。下一步：在“导入与合并”中导入各单位的月报表。`,
  opened: (label: string) => `已打开主表“${label}”。`,
  downloaded: (fileName: string) => `已下载“${fileName}”，请到浏览器的下载列表中查看。`,
  reloaded: '已重新读取主表。',
  confirmTitle: '替换当前主表？',
  confirmBody: '当前主表有尚未下载的修改。新建或打开另一份主表会丢弃这些修改（已下载的文件不受影响）。',
  confirmReplace: '丢弃修改并继续',
  confirmCancel: '取消',
  unsavedWarning: '主表有尚未下载的修改：完成后请点“下载主表”保存。',
  errorTitle: {
    create: '新建主表失败',
    open: '打开主表失败',
    download: '下载主表失败',
    load: '读取主表失败',
    action: '操作失败',
  },
  unexpectedAdvice: '主表没有改变。请重试；如仍失败，请先下载主表备份，再刷新页面。',
  unexpectedAdviceNoMaster: '请重试；如仍失败，请刷新页面。',
  codeLoadFailed: (unsaved: boolean) =>
    `无法从网站加载本工具的程序文件（网络中断，或网站刚刚更新）。主表没有改变。请检查网络连接后重试；如仍失败，请刷新页面${unsaved ? '（刷新前先点“下载主表”保存尚未下载的修改）' : ''}。`,
  screenFailed: '此页面显示出错',
  screenFailedAdvice: '主表中的数据不受影响：请先点“下载主表”保存，再刷新页面。',

  // welcome (no master yet)
  welcomeTitle: '还没有主表',
  welcomeFile:
    '点“新建主表”用内置的 2023 年任务分配表新建一份，或点“打开主表…”继续使用以前下载的主表；新年度点“导入新年度任务表…”。主表只保存在本页中，完成后请下载。',
  welcomeExcel: '本工作簿还不是主表。点“在本工作簿中新建主表”添加主表的工作表；新年度点“导入新年度任务表…”。',
  quotaCardTitle: (year: number) => `${year} 年度任务`,
  quotaCardSubtitle: (source: string) => `依据：${source}`,
  provinceTotals: '全省合计',
  byCategory: '按单位类别',
  unitCount: (n: number) => `${n} 个单位`,
  noQuota: '无此项任务',
  noQuotaNote: '“—”表示通知中该类单位没有这项任务（不是 0）。',
  indicatorLabel: (i: Indicator) => i.label,
  indicatorUnit: (i: Indicator) => i.unit,
  categoryLabel: (category: string) => category || '全部单位',
  masterFileName: (year: number) => `持证进度主表-${year}.xlsx`,

  // tabs
  tabListLabel: '功能',
  tabs: { overview: '概览', import: '导入与合并', manual: '手工录入', remind: '催报', settings: '设置' } as Record<TabKey, string>,

  // statuses: the text that always goes with the colour
  statusLabel: { ok: '正常', amber: '预警', red: '滞后', none: '—' } as Record<Status, string>,
  statusNoneLong: '无数据',
  percent: pct1,
  gapPoints: (points: number) => `${signed(points)} 个百分点`,
  gapShort: signed,
  monthName: (m: number) => `${m}月`,

  // overview
  monthInView: '截至月份',
  monthNone: '未设置（尚未合并）',
  monthSet: (m: number) => `截至月份已改为 ${m} 月：主表中的公式和状态随之更新。`,
  expectedPace: '应达进度',
  expectedPaceValue: (fraction: number, month: number) => (month ? `${pct1(fraction)}（${month}月底）` : '—'),
  bandValue: (band: number) => `预警带宽 ${(band * 100).toFixed(1)} 个百分点`,
  countsTitle: '单位状态',
  countsHint: '按各单位最差的一项指标计；“无数据”为尚无任何完成数的单位。',
  missingCount: (m: number) => (m ? `${m}月未报送` : '未报送'),
  countValue: (n: number) => `${n} 个`,
  monthZeroHint: '尚未合并任何月份：先在“导入与合并”中合并 1 月报表。',
  chartTitle: (indicator: string) => `各类别${indicator}完成率与应达进度`,
  chartIndicator: '图表指标',
  chartDesc: (expected: string, items: string) => `应达进度 ${expected}。${items}`,
  chartItem: (category: string, rate: string, status: string) => `${category} ${rate}（${status}）`,
  chartExpected: (expected: string) => `应达 ${expected}`,
  tableCaption: (indicator: string) => `${indicator}：各类别合计`,
  col: {
    category: '类别',
    annual: '年度任务',
    cumulative: '累计已完成',
    rate: '完成率',
    expected: '应达',
    gap: '差距',
    gapPoints: '差距（百分点）',
    status: '状态',
    unit: '单位',
    worst: '最差指标',
    file: '文件',
    alias: '别名（报表上的写法）',
    note: '备注',
  },
  noData: '—',
  behindTitle: '进度落后的单位（按差距排序）',
  behindEmpty: '没有预警或滞后的单位。',
  selectUnit: (name: string) => `在进度总览中定位${name}`,
  selectUnitHint: '点单位名称可在工作簿的“进度总览”中定位该单位。',

  // import & merge
  importIntro: '选择或拖入各单位发来的月报表。文件只在本机读取，不上传。合并前先检查并列出每个文件的问题。',
  mergeMonth: '合并月份',
  dropZone: '把报表文件拖到这里，或',
  chooseFiles: '选择报表文件…',
  fileInputLabel: '选择报表文件',
  acceptedTypes: '可一次选多个：.xlsx、.xls、.et、.ods、.csv；盖章的扫描件和照片（PDF、PNG、JPG）逐页识别，有疑问的数字可对照图像核对后合并。',
  reading: (done: number, total: number) => `正在读取报表 ${done}/${total}`,
  readingLabel: '读取进度',
  listTitle: (n: number) => `待合并的文件（${n} 个）`,
  listSummary: (ready: number, warning: number, rejected: number) =>
    `可合并 ${ready} 份，有警告 ${warning} 份，不能合并 ${rejected} 份（合并前预检，主表尚未改变）。`,
  rowState: { ready: '可合并', warning: '可合并（有警告）', rejected: '不能合并' } as Record<RowState, string>,
  sheetLabel: (sheet: string) => `工作表“${sheet}”`,
  unitUnknown: '未识别单位',
  writtenAs: (name: string) => `报表上写作“${name}”`,
  blankName: '报表上未填单位',
  assignLabel: (name: string) => `为“${name}”指定单位`,
  searchUnit: '输入单位名称或序号搜索',
  noUnitFound: '没有匹配的单位',
  assigned: (alias: string, unit: string) => `已在别名表中登记：“${alias}”即${unit}。列表已重新检查。`,
  cell: (cell: string) => `单元格 ${cell}`,
  findingsLabel: (file: string) => `${file} 的检查结果`,
  clearList: '清空列表',
  removeFile: (name: string) => `移除 ${name}`,
  mergeButton: (m: number) => `本月合并（${m}月）`,
  includeSheetsNote: '也会合并粘贴在本工作簿中的报表工作表。',
  noFiles: '还没有选择文件。',
  mergeProgress: '合并进度',
  resultTitle: (m: number) => `${m} 月合并结果`,
  resultCounts: { merged: '已合并', warnings: '其中有警告', rejected: '未合并', missing: '仍未报送' },
  resultRejected: '未合并的报表（主表中没有改动）',
  resultWarnings: '已合并但请核实',
  resultMissing: '仍未报送的单位',
  undo: '撤销合并',
  undoHint: '撤销最近一次合并（含手工录入），恢复台账、报送情况和截至月份。',
  undoTitle: '撤销完成',
  mergedTitle: '合并完成',
  unitName: (id: number, name: string) => `${id} ${name}`,
  alreadyListed: (names: readonly string[]) => `${names.map((n) => `“${n}”`).join('、')}已在列表中（文件名、大小和内容都相同），没有重复添加。`,
  sameNameNote: (picked: string) => `与列表中另一个文件同名（“${picked}”）：列表、合并结果和合并日志中以此名称区分。`,
  undoConfirmTitle: (m: number) => `撤销 ${m} 月的合并？`,
  undoConfirmBody: (time: string, m: number, units: number, previous: number) =>
    `将撤销 ${time} 的 ${m} 月合并：恢复 ${units} 个单位合并前的数据，截至月份恢复为${previous ? ` ${previous} 月` : '“未设置”'}。这次合并写入的数字会从主表中去掉（合并日志保留记录）。`,
  undoConfirm: '撤销这次合并',
  undoCancel: '取消',
  undone: (time: string, m: number, units: number, previous: number) =>
    `已撤销 ${time} 的 ${m} 月合并，恢复了 ${units} 个单位合并前的数据；截至月份现为${previous ? ` ${previous} 月` : '“未设置”'}。`,
  planAnnounce: (files: number, ready: number, warning: number, rejected: number) =>
    `已检查 ${files} 个文件：可合并 ${ready} 份，有警告 ${warning} 份，不能合并 ${rejected} 份。`,

  // scans in the import list
  scanStage: { decode: '解码', pdf: '读取PDF', clean: '纠斜去章', detect: '检测文字', recognize: '识别', layout: '版面' } as Record<ScanStage, string>,
  scanWaiting: '排队等待读取…',
  scanStarting: '正在准备识别…',
  scanProgress: (page: number, pages: number, stage: string) => `第 ${page}/${pages} 页：${stage}`,
  scanProgressLabel: (name: string) => `读取扫描件 ${name}`,
  scanCancel: '取消读取',
  scanCancelFile: (name: string) => `取消读取 ${name}`,
  scanCancelled: '已取消',
  scanCancelledNote: '已取消读取：这个文件不会合并。可以重新读取，或从列表中移除。',
  scanCancelledSay: (name: string) => `已取消读取 ${name}。`,
  scanReread: '重新读取',
  scanRereadFile: (name: string) => `重新读取 ${name}`,
  scanReadingBlocksMerge: '扫描件读完（或取消读取）后才能合并。',

  // 核对扫描件
  reviewOpen: '核对扫描件',
  reviewOpenFile: (name: string, sheet: string) => `核对扫描件 ${name} ${sheet}`,
  reviewTitle: (name: string, sheet: string) => `核对扫描件：${name}（${sheet}）`,
  reviewIntro:
    '每个数字左边是扫描件上的原样，右边是读出的值。有疑问的数字标黄，光标先停在第一个上：核对无误按 Enter 确认并跳到下一个；不对就直接输入正确的数字再按 Enter。Tab 键在各格之间移动，Esc 离开（不合并）。全部确认后按“确认并合并”：按手工录入的规则检查后合并，合并日志记下扫描件的文件名和 SHA-256。',
  reviewUnit: '单位',
  reviewUnitRead: (name: string) => `扫描件上写的：${name || '（未读出）'}`,
  reviewMonth: '月份',
  reviewDate: (date: string) => `填报日期：${date || '（未读出）'}`,
  reviewPage: (sheet: string) => `扫描件${sheet}`,
  reviewNoImage: '这一页的图像无法显示，请对照原件核对。',
  reviewCrop: (what: string) => `扫描件上的“${what}”`,
  reviewNoCrop: '无图',
  reviewRead: (text: string) => `读出：${text || '（空）'}`,
  reviewDoubt: {
    rowMissing: '扫描件上没有找到这一行',
    unread: '没有读出数字',
    lowConfidence: '识别把握不大',
    annual: '与任务分配表的年度任务不同',
    rateFormat: '完成率没有两位小数，无法用来核对',
    rate: '完成率与“累计 ÷ 年度任务”不符',
    monthly: '当月完成与累计（减上月累计）不符',
    noQuota: '没有此项任务却填了数字',
  } as Record<DoubtReason, string>,
  reviewProposal: (value: string) => `建议改为 ${value}（按表格自身的算术推出，需您确认）`,
  reviewUseProposal: (what: string, value: string) => `采用建议：${what} 改为 ${value}`,
  reviewToConfirm: '待核对',
  reviewConfirmed: '已确认',
  reviewRemaining: (n: number) => (n ? `还有 ${n} 个待核对的数字。` : '待核对的数字都已确认，可以合并。'),
  reviewAccepted: (what: string, value: string, n: number) => `已确认 ${what}：${value || '空'}。${n ? `还有 ${n} 个待核对。` : '全部确认，可以合并。'}`,
  reviewPending: (n: number) => `还有 ${n} 个待核对的数字：请逐个核对，无误按 Enter 确认，不对就改正。还没有合并。`,
  reviewStillDoubt: '以下几处仍不符合表格自身的算术。如已对照原件确认无误，仍可合并（合并结果会再提示）：',
  reviewMerge: '确认并合并',
  reviewLeave: '离开（不合并）',
  reviewMerged: (unit: string, m: number, file: string) => `已合并${unit} ${m} 月数据（来源：核对扫描件“${file}”，合并日志记有其 SHA-256）。`,

  // manual entry
  manualIntro: '对照扫描件或照片录入一个单位一个月的数字。按与文件相同的规则检查，通过后合并，合并日志中来源记为“手工录入”。',
  manualUnit: '单位',
  manualMonth: '月份',
  manualDate: '填报时间',
  manualDateHint: '扫描件上的填报日期（可不填）',
  fieldLabel: { annual: '年度任务', monthly: '当月完成', cumulative: '累计已完成', rate: '累计完成率（%）' },
  noQuotaField: '无此项任务',
  manualSubmit: '检查并合并',
  manualClear: '清空',
  manualPickUnit: '请先选择单位。',
  manualAlready: (m: number) => `该单位已有 ${m} 月数据：合并后会覆盖，结果中会提示“覆盖了已合并的数据”。`,
  manualMerged: (unit: string, m: number) => `已合并${unit} ${m} 月数据（来源：手工录入）。`,
  manualRejected: (unit: string) => `未合并：${unit}的数据有错误，请改正后再试。主表没有改变。`,
  manualCheck: '请核实',
  manualProblemsTitle: '请先改正下面的数字，还没有合并',
  manualNotANumber: (field: string, text: string) => `${field}“${text}”不是数字：请只输入数字，如 1234 或 1,234（没有的项留空）。`,
  manualRateNotANumber: (field: string, text: string) => `${field}“${text}”不是数字：请输入百分数的数字，如 12.5（可留空，主表按累计 ÷ 年度任务计算）。`,
  manualMissingCumulative: (indicator: string, month: number) =>
    `${indicator}只填了当月完成：主表中没有 ${month - 1} 月及以前的累计可以推算，请同时填写“累计已完成”。`,
  manualNegativeCumulative: (indicator: string) => `${indicator}的“累计已完成”是负数：请填写 0 或正数。`,
  manualNegativeMonthly: (indicator: string) =>
    `${indicator}的“当月完成”是负数，但“累计已完成”不等于上月累计加当月完成。如为更正，请把“累计已完成”填为更正后的累计。`,
  manualNoFigures: '没有填写任何完成数：请至少填写一项指标的“当月完成”或“累计已完成”。',

  // reminders
  remindTitle: '催报名单',
  remindIntro: '列出所选月份没有报送的单位，可复制后发到工作群。',
  remindMonth: '月份',
  dueDate: (y: number, m: number, d: number) => `报送截止：${y}年${m}月${d}日`,
  missingTotal: (n: number) => `${n} 个单位未报送`,
  allReported: '所选月份各单位均已报送。',
  copyList: '复制催报名单',
  copied: '已复制到剪贴板。',
  copyFallback: '无法自动复制：已选中下面的文字，请按 Ctrl+C 复制。',
  copyTextLabel: '催报名单（文本）',
  reminderHeading: (y: number, m: number, due: number) => `${y}年${m}月“人人持证、技能河南”进度月报尚未报送的单位（报送截止：${m}月${due}日）：`,
  reminderGroup: (category: string, n: number, names: string) => `${category}（${n}个）：${names}`,
  reminderTotal: (n: number) => `共 ${n} 个单位，请尽快报送。`,
  listSeparator: '、',

  // report templates (in 催报)
  templatesTitle: '下发报表模板',
  templatesIntro:
    '每个单位一份预填好的月报模板：单位名称、年度任务和上月累计已填好并锁定，带单位代码，合并时据此认定单位。全部打包为一个 .zip，压缩包内的中文文件名在中文 Windows 中解压不乱码。',
  templatesMonth: '模板月份',
  templatesButton: '下载报表模板（.zip）',
  templatesBuilding: (n: number) => `正在生成 ${n} 份报表模板，需要几秒钟…`,
  templatesDone: (n: number, fileName: string) => `已生成 ${n} 份报表模板，已下载“${fileName}”，请到浏览器的下载列表中查看。`,
  templatesFailed: '未能生成报表模板',
  templatesFailedAdvice: '主表没有改变。请重试；如仍失败，可用命令行的 templates 命令生成。',

  // the progress circular (in 概览)
  bulletinTitle: '进度通报（Word）',
  bulletinIntro:
    '按主表中的数字生成所选月份的进度通报草稿（Word）：总体进度与图表、表现突出和进度滞后的单位、报送情况、下一步工作要求（在“设置”页修改）和附表。请在 Word 或 WPS 中修改后印发。',
  bulletinMonth: '通报月份',
  bulletinButton: '生成通报（Word）',
  bulletinBuilding: '正在生成通报，需要几秒钟…',
  bulletinDone: (fileName: string) => `已生成进度通报草稿，已下载“${fileName}”，请到浏览器的下载列表中查看，在 Word 或 WPS 中修改后印发。`,
  bulletinNoChart: (problem: string) => `通报中没有图表，其余内容完整。原因：${problem}`,
  bulletinFailed: '未能生成通报',
  bulletinFailedAdvice: '主表没有改变。请重试；如仍失败，可在电脑上用命令行的 bulletin 命令生成（见使用说明）。',
  bulletinLaterMonth: (month: number, inView: number) => `所选的 ${month} 月晚于截至月份（${inView} 月）：${month} 月尚未合并的数字在通报中为空。`,

  // 下一步工作要求 of the circular (in 设置)
  keeperTitle: '主表保管单位',
  keeperIntro: '新建主表时取自任务表的标题。保管单位写在主表的标题中；向上级报送时，“汇总”另存的月报表以“向上级报送的名称”为填报单位。',
  keeperLabel: '主表保管单位（如“安阳市教育局”）',
  reportsAsLabel: '向上级报送的名称',
  reportsAsHint: '如“安阳市”；不改则随保管单位推出。',
  keeperSave: '保存',
  keeperSaved: (keeper: string, reportsAs: string) => `已保存：主表保管单位“${keeper}”，向上级报送的名称“${reportsAs}”。`,
  requirementsTitle: '通报的“下一步工作要求”',
  requirementsIntro:
    '“生成通报（Word）”把这段文字写入通报的“五、下一步工作要求”。每行一段；以“（一）……。”开头的段落，开头一句排为楷体小标题。文字保存在主表中，以后每月的通报都使用它。',
  requirementsLabel: '下一步工作要求（每行一段）',
  requirementsUsingDefault: '目前使用默认文字。',
  requirementsUsingSaved: '目前使用主表中保存的文字。',
  requirementsSave: '保存',
  requirementsReset: '恢复默认',
  requirementsSaved: '已保存“下一步工作要求”，生成通报时使用。',
  requirementsResetDone: '已恢复默认文字，生成通报时使用。',

  // next year's task table (新建主表)
  quotaImportOpen: '导入新年度任务表…',
  quotaImportTitle: '导入新年度任务表',
  quotaImportIntro: (previousYear: number) =>
    `把通知附件1的任务表从 PDF 中复制出来粘贴到下面（页眉、“—”、合计行可一并复制），或选择任务表文件。先检查：与 ${previousYear} 年度的单位名单对照，合计行与各行之和核对；再用它新建主表。`,
  quotaYear: '年度',
  quotaYearInvalid: '请填写 2000–2100 之间的年份。',
  quotaSource: '任务依据',
  quotaSourceHint: '通知名称或文号，写入主表的“说明”工作表（可不填）',
  quotaSourceDefault: (year: number) => `${year}年度任务分配表`,
  quotaText: '任务表文本（从通知 PDF 复制）',
  quotaTextHint: '每行：序号、单位名称、培训任务、取证人数、其中高级工及以上、1+X证书取证人数，以 Tab 分隔（从 PDF 复制时自动如此）。',
  quotaCheck: '检查',
  quotaChooseFile: '选择任务表文件…',
  quotaFileInput: '选择任务表文件',
  quotaFileTypes: '文件可以是 .xlsx、.xls、.et、.ods、.csv 或 .txt（需有 序号、单位名称 和四项任务列，可另加“类别”列）。',
  quotaFileTooLarge: (name: string) => `“${name}”超过 20 MB，不是任务表。`,
  quotaFromFile: (name: string) => `检查的是文件“${name}”。`,
  quotaChecking: '正在检查…',
  quotaClose: '关闭',
  quotaRefused: '任务表不能使用',
  quotaChangesTitle: (previousYear: number) => `与 ${previousYear} 年度的单位名单相比`,
  quotaRenamed: (n: number) => `改名的单位（${n}）`,
  quotaAdded: (n: number) => `新增的单位（${n}）`,
  quotaDropped: (n: number) => `不再列入的单位（${n}）`,
  quotaNoChanges: (previousYear: number) => `单位名单与 ${previousYear} 年度相同。`,
  quotaUndecidedTitle: (n: number) => `请为 ${n} 个新单位选择类别`,
  quotaUndecidedHint: '从名称无法判断这些单位的类别。全部选择后才能新建主表。',
  quotaCategoryFor: (unit: string) => `“${unit}”的类别`,
  quotaCategoryPlaceholder: '请选择…',
  quotaReady: (year: number, n: number) => `任务表可以使用：${year} 年度，${n} 个单位。请对照通知核对下面的合计。`,
  quotaCreate: '用此任务表新建主表',

  // settings
  paceTitle: '应达进度曲线',
  paceIntro: '每月月底应累计完成全年任务的百分比（累计值，逐月不减，12 月一般为 100%）。',
  paceMonth: (m: number) => `${m}月应达（%）`,
  paceReset: '恢复线性（每月 1/12）',
  bandLabel: '预警带宽（百分点）',
  bandHint: '完成率低于应达进度但差距不超过此值为“预警”，超过为“滞后”。',
  paceSave: '保存进度设置',
  paceSaved: '已保存应达进度和预警带宽。',
  paceInvalid: '进度设置有误，未保存',
  notANumber: (what: string, text: string) => `${what}“${text}”不是数字。`,
  paceOutOfRange: (m: number, text: string) => `${m}月应达（%）“${text}”须在 0 与 100 之间。`,
  bandOutOfRange: (text: string) => `预警带宽“${text}”须不小于 0 且小于 100 个百分点（如 5 表示：低于应达进度不超过 5 个百分点为“预警”）。`,
  aliasTitle: '别名表',
  aliasIntro: '报表上的单位写法与任务分配表不同时，在这里登记；以后合并时自动识别。',
  aliasEmpty: '别名表为空。',
  aliasInput: '别名（报表上的写法）',
  aliasUnit: '对应单位',
  aliasAdd: '添加别名',
  aliasAdded: (alias: string, unit: string) => `已添加别名“${alias}” → ${unit}。`,
  aliasNeedBoth: '请填写别名并选择对应单位。',

  findingTitle: FINDING_TITLES as Record<FindingCode, string>,
  /** A finding's text in this language (the message catalogue renders it from its parameters). */
  findingMessage: (f: Finding): string => findingText(f, 'zh-CN'),
  // 核对扫描件: a row that fails, proposals as hints, the second confirmation, a row without a task, warnings after merging
  reviewRowFailed: '本行未通过核对，请逐一对照',
  reviewProposalHint: (value: string) => `按算术可能是 ${value}，请对照扫描件`,
  reviewNoTask: '—（无此项任务）',
  reviewBlank: '（空）',
  reviewAskTitle: '这些数字仍未通过核对：',
  reviewAskQuestion: '已对照扫描件原件确认无误吗？仍要合并吗？',
  reviewAskAnyway: (n: number) => `还有 ${n} 处数字未通过核对，仍要合并吗？`,
  reviewMergeAnyway: '仍要合并',
  reviewBackToFix: '返回修改',
  reviewMergedWarnings: '合并后仍有以下提示，请对照扫描件核对：',
};

export type Strings = typeof zhCN;

const enUS: Strings = {
  appTitle: 'Certification Progress Assistant',
  intro:
    'Collects the units\' monthly reports for Henan\'s "certificates for everyone" programme and checks training, certification, senior-level and 1+X progress against the yearly quotas. Start with a new master workbook, then merge the reports into it each month.',
  hostNotice: {
    officeMissing: {
      title: 'Office.js did not load',
      body: 'This page is the task pane of an Excel add-in and needs Office.js from Microsoft, which failed to load (offline or blocked). The features below still work (the master is kept in this page); in a browser, open the standalone page:',
    },
    officeTimeout: {
      title: 'Excel did not respond',
      body: 'Office.js loaded but did not become ready within a few seconds. If Excel gets ready later, this page offers to switch to it; closing and reopening the task pane does not reload this page, so if no offer comes, save and close the workbook and open it again (Excel on the web: reload the browser page). The features below still work (the master is kept in this page); in a browser, open the standalone page:',
    },
    notExcel: {
      title: 'Not running in Excel',
      body: 'This page is the task pane of an Excel add-in. In a browser, open the standalone page:',
    },
  },
  standaloneLinkText: 'standalone page (index.html)',
  languageSwitch: '中文',
  languageSwitchLang: 'zh-CN',
  masterLabel: (label) => `Master: ${label}`,
  missingFeaturesTitle: 'This version of Excel lacks some features',
  loadingMaster: 'Reading the master…',
  working: 'Working…',

  masterActions: 'Master workbook',
  newMaster: 'New master',
  newMasterInWorkbook: 'Make this workbook a master',
  openMaster: 'Open master…',
  openMasterInput: 'Choose a master file (.xlsx)',
  downloadMaster: 'Download master',
  reloadMaster: 'Re-read master',
  created: (label) => `Created the master "${label}". Next: import the units' monthly reports under "Import & merge".`,
  opened: (label) => `Opened the master "${label}".`,
  downloaded: (fileName) => `"${fileName}" is downloaded: see your browser's downloads.`,
  reloaded: 'The master was read again.',
  confirmTitle: 'Replace the current master?',
  confirmBody:
    'The current master has changes that were not downloaded. A new or another master replaces it and those changes are lost (files you downloaded are not affected).',
  confirmReplace: 'Discard changes and continue',
  confirmCancel: 'Cancel',
  unsavedWarning: 'The master has changes that are not downloaded yet: use "Download master" when you are done.',
  errorTitle: {
    create: 'Could not create the master',
    open: 'Could not open the master',
    download: 'Could not download the master',
    load: 'Could not read the master',
    action: 'That did not work',
  },
  unexpectedAdvice: 'The master is unchanged. Try again; if it still fails, download the master as a backup and reload the page.',
  unexpectedAdviceNoMaster: 'Try again; if it still fails, reload the page.',
  codeLoadFailed: (unsaved: boolean) =>
    `Part of this tool could not be loaded from its website (the network dropped, or the site was just updated). The master is unchanged. Check the connection and try again; if it still fails, reload the page${unsaved ? ' (download the master first to keep your changes)' : ''}.`,
  screenFailed: 'This screen could not be shown',
  screenFailedAdvice: 'The master is not affected: download it first, then reload the page.',

  welcomeTitle: 'No master yet',
  welcomeFile:
    'Use "New master" to start one from the built-in 2023 quota table, or "Open master…" to continue with one you downloaded earlier; for a new year, use "Import a new year\'s quota table…". The master lives only in this page: download it when you are done.',
  welcomeExcel:
    'This workbook is not a master yet. Use "Make this workbook a master" to add the master sheets; for a new year, use "Import a new year\'s quota table…".',
  quotaCardTitle: (year) => `${year} quotas`,
  quotaCardSubtitle: (source) => `Source: ${source}`,
  provinceTotals: 'Province total',
  byCategory: 'By type of unit',
  unitCount: (n) => `${n} ${n === 1 ? 'unit' : 'units'}`,
  noQuota: 'no quota',
  noQuotaNote: '"—" means the notice sets no quota of this kind for these units (not zero).',
  indicatorLabel: (i) => english(i.label),
  indicatorUnit: (i) => english(i.unit),
  categoryLabel: (category) => (category ? english(category) : 'All units'),
  // The file name stays Chinese: the file is shared with Chinese-speaking colleagues.
  masterFileName: (year) => `持证进度主表-${year}.xlsx`,

  tabListLabel: 'Sections',
  tabs: { overview: 'Overview', import: 'Import & merge', manual: 'Manual entry', remind: 'Reminders', settings: 'Settings' },

  statusLabel: { ok: 'On track', amber: 'Warning', red: 'Behind', none: 'No data' },
  statusNoneLong: 'No data',
  percent: pct1,
  gapPoints: (points) => `${signed(points)} pts`,
  gapShort: signed,
  monthName: (m) => ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1] ?? String(m),

  monthInView: 'Month in view',
  monthNone: 'Not set (nothing merged yet)',
  monthSet: (m) => `The month in view is now ${m}: the master's formulas and statuses follow it.`,
  expectedPace: 'Expected pace',
  expectedPaceValue: (fraction, month) => (month ? `${pct1(fraction)} (end of month ${month})` : '—'),
  bandValue: (band) => `warning band ${(band * 100).toFixed(1)} pts`,
  countsTitle: 'Units by status',
  countsHint: 'Each unit counts by its worst indicator; "No data" means no figures at all yet.',
  missingCount: (m) => (m ? `Not reported for month ${m}` : 'Not reported'),
  countValue: (n) => String(n),
  monthZeroHint: 'No month merged yet: merge the January reports under "Import & merge" first.',
  chartTitle: (indicator) => `${indicator}: completion by type of unit against the expected pace`,
  chartIndicator: 'Chart indicator',
  chartDesc: (expected, items) => `Expected ${expected}. ${items}`,
  chartItem: (category, rate, status) => `${category} ${rate} (${status})`,
  chartExpected: (expected) => `expected ${expected}`,
  tableCaption: (indicator) => `${indicator}: totals by type of unit`,
  col: {
    category: 'Type',
    annual: 'Quota',
    cumulative: 'Done so far',
    rate: 'Rate',
    expected: 'Expected',
    gap: 'Gap',
    gapPoints: 'Gap (pts)',
    status: 'Status',
    unit: 'Unit',
    worst: 'Worst indicator',
    file: 'File',
    alias: 'Alias (as written in reports)',
    note: 'Note',
  },
  noData: '—',
  behindTitle: 'Units behind pace (largest gap first)',
  behindEmpty: 'No unit is in warning or behind.',
  selectUnit: (name) => `Show ${name} in the progress overview sheet`,
  selectUnitHint: 'Select a unit name to go to its row in the 进度总览 sheet.',

  importIntro:
    "Choose or drop the units' monthly report files. Files are read on this computer and never uploaded. Every file is checked and its problems listed before anything is merged.",
  mergeMonth: 'Month to merge',
  dropZone: 'Drop report files here, or',
  chooseFiles: 'Choose report files…',
  fileInputLabel: 'Choose report files',
  acceptedTypes:
    'Several at once: .xlsx, .xls, .et, .ods, .csv; stamped scans and photos (PDF, PNG, JPG) are read page by page, and doubtful numbers can be checked against the image before merging.',
  reading: (done, total) => `Reading reports ${done}/${total}`,
  readingLabel: 'Reading progress',
  listTitle: (n) => `Files to merge (${n})`,
  listSummary: (ready, warning, rejected) => `${ready} ready, ${warning} with warnings, ${rejected} cannot be merged (a dry run: the master is unchanged).`,
  rowState: { ready: 'Ready', warning: 'Ready (warnings)', rejected: 'Cannot merge' },
  sheetLabel: (sheet) => `sheet "${sheet}"`,
  unitUnknown: 'Unit not recognised',
  writtenAs: (name) => `written as "${name}"`,
  blankName: 'no unit written in the report',
  assignLabel: (name) => `Assign a unit to "${name}"`,
  searchUnit: 'Type a unit name or number',
  noUnitFound: 'No matching unit',
  assigned: (alias, unit) => `Added to the alias table: "${alias}" is ${unit}. The list was checked again.`,
  cell: (cell) => `cell ${cell}`,
  findingsLabel: (file) => `Findings for ${file}`,
  clearList: 'Clear list',
  removeFile: (name) => `Remove ${name}`,
  mergeButton: (m) => `Merge month ${m}`,
  includeSheetsNote: 'Report sheets pasted into this workbook are merged too.',
  noFiles: 'No files chosen yet.',
  mergeProgress: 'Merge progress',
  resultTitle: (m) => `Merge of month ${m}`,
  resultCounts: { merged: 'Merged', warnings: 'with warnings', rejected: 'Not merged', missing: 'Still missing' },
  resultRejected: 'Reports not merged (nothing of them is in the master)',
  resultWarnings: 'Merged, please check',
  resultMissing: 'Units still missing',
  undo: 'Undo merge',
  undoHint: 'Undoes the last merge (or manual entry): the ledger, 报送情况 and the month in view are restored.',
  undoTitle: 'Undo done',
  mergedTitle: 'Merge done',
  unitName: (id, name) => `${id} ${name}`,
  alreadyListed: (names) =>
    `${names.map((n) => `"${n}"`).join(', ')} ${names.length === 1 ? 'is' : 'are'} already in the list (same name, size and content): not added again.`,
  sameNameNote: (picked) =>
    `Has the same name as another file in the list ("${picked}"): the list, the merge result and 合并日志 tell them apart by this name.`,
  undoConfirmTitle: (m) => `Undo the merge of month ${m}?`,
  undoConfirmBody: (time, m, units, previous) =>
    `This undoes the merge of month ${m} made at ${time}: ${units} ${units === 1 ? "unit's" : "units'"} figures go back to what they were before it, and the month in view goes back to ${previous ? `month ${previous}` : '"not set"'}. The figures it wrote are removed from the master (合并日志 keeps a record).`,
  undoConfirm: 'Undo this merge',
  undoCancel: 'Cancel',
  undone: (time, m, units, previous) =>
    `Undid the merge of month ${m} made at ${time}: ${units} ${units === 1 ? "unit's" : "units'"} figures are back to what they were; the month in view is now ${previous ? `month ${previous}` : '"not set"'}.`,
  planAnnounce: (files, ready, warning, rejected) =>
    `Checked ${files} ${files === 1 ? 'file' : 'files'}: ${ready} ready, ${warning} with warnings, ${rejected} cannot be merged.`,

  scanStage: {
    decode: 'decoding',
    pdf: 'reading the PDF',
    clean: 'straightening, removing the stamp',
    detect: 'finding text',
    recognize: 'recognising',
    layout: 'laying out',
  },
  scanWaiting: 'Waiting to be read…',
  scanStarting: 'Preparing recognition…',
  scanProgress: (page, pages, stage) => `Page ${page} of ${pages}: ${stage}`,
  scanProgressLabel: (name) => `Reading the scan ${name}`,
  scanCancel: 'Cancel reading',
  scanCancelFile: (name) => `Cancel reading ${name}`,
  scanCancelled: 'Cancelled',
  scanCancelledNote: 'Reading was cancelled: this file will not be merged. Read it again, or remove it from the list.',
  scanCancelledSay: (name) => `Cancelled reading ${name}.`,
  scanReread: 'Read again',
  scanRereadFile: (name) => `Read ${name} again`,
  scanReadingBlocksMerge: 'Merging is possible once the scans are read (or their reading is cancelled).',

  reviewOpen: 'Check the scan',
  reviewOpenFile: (name, sheet) => `Check the scan ${name} ${sheet}`,
  reviewTitle: (name, sheet) => `Check the scan: ${name} (${sheet})`,
  reviewIntro:
    'Each number shows the scan on the left and the value read on the right. Doubtful numbers are yellow and the cursor starts on the first: if it is right, press Enter to confirm it and go to the next; if not, type the right number, then Enter. Tab moves between fields, Esc leaves without merging. When all are confirmed, "Confirm and merge" checks them by the rules of manual entry and merges; 合并日志 records the scan\'s file name and SHA-256.',
  reviewUnit: 'Unit',
  reviewUnitRead: (name) => `Written on the scan: ${name || '(not read)'}`,
  reviewMonth: 'Month',
  reviewDate: (date) => `Report date: ${date || '(not read)'}`,
  reviewPage: (sheet) => `Scan, ${sheet}`,
  reviewNoImage: 'The image of this page cannot be shown: check against the original.',
  reviewCrop: (what) => `"${what}" on the scan`,
  reviewNoCrop: 'no image',
  reviewRead: (text) => `Read: ${text || '(blank)'}`,
  reviewDoubt: {
    rowMissing: 'this row was not found on the scan',
    unread: 'no number could be read',
    lowConfidence: 'read with low confidence',
    annual: 'differs from the quota table',
    rateFormat: 'the rate lacks its two decimals and cannot check the row',
    rate: 'the rate disagrees with done so far ÷ yearly quota',
    monthly: 'this month disagrees with done so far minus last month',
    noQuota: 'figures where the unit has no quota',
  },
  reviewProposal: (value) => `Suggested: ${value} (from the form's own arithmetic; needs your confirmation)`,
  reviewUseProposal: (what, value) => `Use the suggestion: ${what} = ${value}`,
  reviewToConfirm: 'to check',
  reviewConfirmed: 'confirmed',
  reviewRemaining: (n) => (n ? `${n} ${n === 1 ? 'number' : 'numbers'} left to check.` : 'All doubtful numbers are confirmed: ready to merge.'),
  reviewAccepted: (what, value, n) => `Confirmed ${what}: ${value || 'blank'}. ${n ? `${n} left to check.` : 'All confirmed: ready to merge.'}`,
  reviewPending: (n) => `${n} ${n === 1 ? 'number is' : 'numbers are'} still to check: confirm each with Enter or correct it. Nothing was merged.`,
  reviewStillDoubt:
    "These still disagree with the form's own arithmetic. If you checked them against the original, you may still merge (the result will say so again):",
  reviewMerge: 'Confirm and merge',
  reviewLeave: 'Leave (do not merge)',
  reviewMerged: (unit, m, file) => `Merged ${unit}, month ${m} (source: the checked scan "${file}"; 合并日志 records its SHA-256).`,

  manualIntro:
    "Type one unit's figures for one month from a scan or photo. They are checked by the same rules as a file and merged; the merge log records the source as 手工录入 (manual entry).",
  manualUnit: 'Unit',
  manualMonth: 'Month',
  manualDate: 'Report date',
  manualDateHint: 'The date on the scan (optional)',
  fieldLabel: { annual: 'Yearly quota', monthly: 'This month', cumulative: 'Done so far', rate: 'Rate (%)' },
  noQuotaField: 'no quota',
  manualSubmit: 'Check and merge',
  manualClear: 'Clear',
  manualPickUnit: 'Choose a unit first.',
  manualAlready: (m) => `This unit already has figures for month ${m}: they will be replaced (the result says so).`,
  manualMerged: (unit, m) => `Merged ${unit}, month ${m} (source: manual entry).`,
  manualRejected: (unit) => `Not merged: ${unit}'s figures have errors. Correct them and try again. The master is unchanged.`,
  manualCheck: 'Please check',
  manualProblemsTitle: 'Correct the figures below first: nothing was merged',
  manualNotANumber: (field, text) =>
    `${field}: "${text}" is not a number. Type digits only, such as 1234 or 1,234 (leave a field blank when there is nothing).`,
  manualRateNotANumber: (field, text) =>
    `${field}: "${text}" is not a number. Type the percentage as a number, such as 12.5 (or leave it blank: the master computes it).`,
  manualMissingCumulative: (indicator, month) =>
    `${indicator}: only "This month" is filled and the master has no total up to month ${month - 1} to add it to. Fill in "Done so far" too.`,
  manualNegativeCumulative: (indicator) => `${indicator}: "Done so far" is negative. Type 0 or a positive number.`,
  manualNegativeMonthly: (indicator) =>
    `${indicator}: "This month" is negative but "Done so far" is not last month's total plus this month. For a correction, type the corrected total in "Done so far".`,
  manualNoFigures: 'No figures were typed: fill in "This month" or "Done so far" for at least one indicator.',

  remindTitle: 'Reminder list',
  remindIntro: 'Units with no report for the chosen month; copy the list to send it to them.',
  remindMonth: 'Month',
  dueDate: (y, m, d) => `Due: ${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
  missingTotal: (n) => `${n} ${n === 1 ? 'unit has' : 'units have'} not reported`,
  allReported: 'Every unit has reported for this month.',
  copyList: 'Copy reminder list',
  copied: 'Copied to the clipboard.',
  copyFallback: 'Could not copy automatically: the text below is selected, press Ctrl+C.',
  copyTextLabel: 'Reminder list (text)',
  // The list itself is sent to Chinese-speaking units: it stays Chinese.
  reminderHeading: zhCN.reminderHeading,
  reminderGroup: zhCN.reminderGroup,
  reminderTotal: zhCN.reminderTotal,
  listSeparator: zhCN.listSeparator,

  templatesTitle: 'Report templates for the units',
  templatesIntro:
    "One pre-filled monthly report template per unit: its name, yearly quota and last month's totals filled in and locked, with the unit's code that merging recognises. All in one .zip whose Chinese file names unpack correctly on Chinese Windows.",
  templatesMonth: 'Template month',
  templatesButton: 'Download report templates (.zip)',
  templatesBuilding: (n) => `Building ${n} report templates, this takes a few seconds…`,
  templatesDone: (n, fileName) => `Built ${n} report templates and downloaded "${fileName}": see your browser's downloads.`,
  templatesFailed: 'Could not build the report templates',
  templatesFailedAdvice: "The master is unchanged. Try again; if it still fails, use the command line's templates command.",

  bulletinTitle: 'Progress circular (Word)',
  bulletinIntro:
    'A draft of the progress circular for the chosen month (Word, in Chinese), from the figures of the master: overall progress with a chart, the units ahead and behind, who reported, the next steps (edit them under Settings) and an annex table. Edit it in Word or WPS before issuing it.',
  bulletinMonth: 'Circular month',
  bulletinButton: 'Build circular (Word)',
  bulletinBuilding: 'Building the circular, this takes a few seconds…',
  bulletinDone: (fileName) =>
    `Built the draft circular and downloaded "${fileName}": see your browser's downloads, and edit it in Word or WPS before issuing it.`,
  bulletinNoChart: (problem) => `The circular has no chart; everything else is in it. Reason: ${problem}`,
  bulletinFailed: 'Could not build the circular',
  bulletinFailedAdvice: "The master is unchanged. Try again; if it still fails, use the command line's bulletin command on a computer (see the guide).",
  bulletinLaterMonth: (month, inView) => `Month ${month} is after the month in view (${inView}): figures of months not merged yet are empty in the circular.`,

  keeperTitle: 'Keeper of the master',
  keeperIntro:
    "Taken from the task table's title when the master was made. The keeper is named in the master's titles; the summary saved as the monthly form for the level above is signed with the reporting name.",
  keeperLabel: 'Keeper of the master (e.g. 安阳市教育局)',
  reportsAsLabel: 'Name when reporting upward',
  reportsAsHint: 'E.g. 安阳市; left as it is, it follows the keeper.',
  keeperSave: 'Save',
  keeperSaved: (keeper, reportsAs) => `Saved: keeper "${keeper}", reporting upward as "${reportsAs}".`,
  requirementsTitle: 'Next steps of the circular',
  requirementsIntro:
    '"Build circular (Word)" writes this text as section five (下一步工作要求) of the circular. One paragraph per line; a paragraph starting with "（一）…。" gets that sentence as a subheading. It is saved in the master and used by every later circular.',
  requirementsLabel: 'Next steps (one paragraph per line)',
  requirementsUsingDefault: 'The default text is in use.',
  requirementsUsingSaved: 'The text saved in the master is in use.',
  requirementsSave: 'Save',
  requirementsReset: 'Restore default',
  requirementsSaved: 'Saved the next steps; circulars use them.',
  requirementsResetDone: 'Restored the default text; circulars use it.',

  quotaImportOpen: "Import a new year's quota table…",
  quotaImportTitle: "Import a new year's quota table",
  quotaImportIntro: (previousYear) =>
    `Copy the quota table (附件1) out of the notice's PDF and paste it below (page headers, "—" and the 合计 row may come along), or choose a quota table file. Check it first: its units are compared with ${previousYear}'s list and its 合计 row with the sum of the rows; then create the master from it.`,
  quotaYear: 'Year',
  quotaYearInvalid: 'Enter a year from 2000 to 2100.',
  quotaSource: 'Source',
  quotaSourceHint: "The notice's title or number, written to the master's 说明 sheet (optional)",
  quotaSourceDefault: zhCN.quotaSourceDefault, // written into the master: stays Chinese
  quotaText: "Quota table text (copied from the notice's PDF)",
  quotaTextHint: 'One row per line: 序号, unit name, then the four quotas, separated by tabs (as copying from the PDF gives).',
  quotaCheck: 'Check',
  quotaChooseFile: 'Choose a quota table file…',
  quotaFileInput: 'Choose a quota table file',
  quotaFileTypes: 'A file may be .xlsx, .xls, .et, .ods, .csv or .txt (with 序号, 单位名称 and the four quota columns, optionally 类别).',
  quotaFileTooLarge: (name) => `"${name}" is larger than 20 MB: not a quota table.`,
  quotaFromFile: (name) => `Checked the file "${name}".`,
  quotaChecking: 'Checking…',
  quotaClose: 'Close',
  quotaRefused: 'This quota table cannot be used',
  quotaChangesTitle: (previousYear) => `Compared with ${previousYear}'s list of units`,
  quotaRenamed: (n) => `Renamed (${n})`,
  quotaAdded: (n) => `New (${n})`,
  quotaDropped: (n) => `No longer listed (${n})`,
  quotaNoChanges: (previousYear) => `The same units as in ${previousYear}.`,
  quotaUndecidedTitle: (n) => `Choose the type of ${n} new ${n === 1 ? 'unit' : 'units'}`,
  quotaUndecidedHint: 'Their type cannot be told from the name. The master can be created once every one is chosen.',
  quotaCategoryFor: (unit) => `Type of "${unit}"`,
  quotaCategoryPlaceholder: 'Choose…',
  quotaReady: (year, n) => `The table can be used: ${year}, ${n} units. Compare the totals below with the notice.`,
  quotaCreate: 'Create the master from this table',

  paceTitle: 'Expected pace',
  paceIntro: 'The share of the yearly quota each unit should have done by the end of each month (cumulative, never decreasing; usually 100% in December).',
  paceMonth: (m) => `Month ${m} expected (%)`,
  paceReset: 'Reset to linear (1/12 a month)',
  bandLabel: 'Warning band (percentage points)',
  bandHint: 'Below the expected pace by at most this much is "Warning"; more is "Behind".',
  paceSave: 'Save pace settings',
  paceSaved: 'Saved the expected pace and the warning band.',
  paceInvalid: 'The pace settings have errors and were not saved',
  notANumber: (what, text) => `${what}: "${text}" is not a number.`,
  paceOutOfRange: (m, text) => `Month ${m} expected (%): "${text}" must be between 0 and 100.`,
  bandOutOfRange: (text) =>
    `Warning band: "${text}" must be at least 0 and below 100 percentage points (5 means: up to 5 points below the expected pace is "Warning").`,
  aliasTitle: 'Alias table',
  aliasIntro: 'When a report writes a unit differently from the quota table, record it here; later merges recognise it.',
  aliasEmpty: 'The alias table is empty.',
  aliasInput: 'Alias (as written in reports)',
  aliasUnit: 'Unit',
  aliasAdd: 'Add alias',
  aliasAdded: (alias, unit) => `Added the alias "${alias}" → ${unit}.`,
  aliasNeedBoth: 'Type an alias and choose its unit.',

  findingMessage: (f) => findingText(f, 'en-US'),
  findingTitle: FINDING_TITLES_EN,
  reviewRowFailed: 'this row failed its checks: compare each number',
  reviewProposalHint: (value) => `by the arithmetic it may be ${value}: compare with the scan`,
  reviewNoTask: '— (no task for this indicator)',
  reviewBlank: '(blank)',
  reviewAskTitle: 'These numbers still fail the checks:',
  reviewAskQuestion: 'Have you checked them against the original? Merge anyway?',
  reviewAskAnyway: (n) => `${n} ${n === 1 ? 'check still fails' : 'checks still fail'}: merge anyway?`,
  reviewMergeAnyway: 'Merge anyway',
  reviewBackToFix: 'Back to correct',
  reviewMergedWarnings: 'Merged, with these warnings: check them against the scan:',
};

const STRINGS: Record<Locale, Strings> = { 'zh-CN': zhCN, 'en-US': enUS };

/** A UI language tag (e.g. from ?lang= or Office's display language) to a supported locale; zh-CN otherwise. */
export function pickLocale(tag: string | null | undefined): Locale {
  return tag && /^en\b/i.test(tag) ? 'en-US' : DEFAULT_LOCALE;
}

export function getStrings(locale: Locale = DEFAULT_LOCALE): Strings {
  return STRINGS[locale];
}
