import { MasterModel } from '../workbook/model';
import type { Locale } from './strings';

export const ZIP_MIME = 'application/zip';

export interface TemplatesDownload {
  name: string;
  bytes: Uint8Array;
  count: number;
}

/**
 * Every unit's report template for month M as one .zip. Loaded on demand: the template code (and ExcelJS,
 * which it shares with 新建主表) is a separate chunk, not part of the task pane's first load.
 */
export async function buildTemplatesDownload(model: MasterModel, month: number): Promise<TemplatesDownload> {
  const { templatesZip, templatesZipName } = await import(/* webpackChunkName: "templates" */ '../templates/reportTemplate');
  return { name: templatesZipName(model, month), bytes: await templatesZip(model, month), count: model.table.units.length };
}

/** What the templates section says where the task pane cannot download (Excel on Mac or iPad: download.ts). */
export interface ViaBrowserText {
  title(platform: 'Mac' | 'iOS'): string;
  steps: string;
  /** The same for the circular (概览 → 生成通报（Word）). */
  bulletinSteps: string;
  open: string;
  opened: string;
  cannotOpen: string;
  urlLabel: string;
  copy: string;
  copied: string;
  copyFailed: string;
}

export const VIA_BROWSER_TEXT: Record<Locale, ViaBrowserText> = {
  'zh-CN': {
    title: (platform) => `${platform === 'Mac' ? 'Mac' : 'iPad'} 版 Excel 不能从任务窗格下载文件`,
    steps:
      '报表模板请改在浏览器中下载：先保存本工作簿；再在浏览器中打开独立网页，点“打开主表…”选择刚保存的工作簿；然后在“催报”页选好月份，点“下载报表模板（.zip）”。',
    bulletinSteps:
      '通报请改在浏览器中生成：先保存本工作簿；再在浏览器中打开独立网页，点“打开主表…”选择刚保存的工作簿；然后在“概览”页选好月份，点“生成通报（Word）”。',
    open: '在浏览器中打开独立网页',
    opened: '已在浏览器中打开独立网页。',
    cannotOpen: '此 Excel 不能直接打开浏览器：请复制下面的地址，粘贴到浏览器的地址栏中打开。',
    urlLabel: '独立网页地址',
    copy: '复制地址',
    copied: '地址已复制，请粘贴到浏览器的地址栏中打开。',
    copyFailed: '未能自动复制：地址已选中，请按 Command+C 复制。',
  },
  'en-US': {
    title: (platform) => `Excel on ${platform === 'Mac' ? 'Mac' : 'iPad'} cannot download files from the task pane`,
    steps:
      'Download the report templates in a browser instead: save this workbook; open the standalone page in a browser and use "Open master…" to choose the saved workbook; then, on the Reminders tab, pick the month and use "Download report templates (.zip)".',
    bulletinSteps:
      'Build the circular in a browser instead: save this workbook; open the standalone page in a browser and use "Open master…" to choose the saved workbook; then, on the Overview tab, pick the month and use "Build circular (Word)".',
    open: 'Open the standalone page in a browser',
    opened: 'The standalone page was opened in your browser.',
    cannotOpen: 'This Excel cannot open a browser itself: copy the address below and paste it into the address bar of a browser.',
    urlLabel: 'Address of the standalone page',
    copy: 'Copy address',
    copied: 'Address copied: paste it into the address bar of a browser.',
    copyFailed: 'Could not copy it automatically: the address is selected, press Command+C.',
  },
};
