import { FINDING_TITLES } from '../findings';
import type { Finding, FindingCode } from '../findings';
import { EntryValues, FileType, UnreadableParams, FindingParams, FindingParamsByCode, OtherReport, CountField, CalendarDay } from './findingParams';
import type { DoubtReason, ScanDoubt, ScanField } from '../scanTrust';
import { Locale, formatCount as n, monthName } from './locale';
import { Place, placeText } from './place';

/**
 * The finding catalogue: one text per finding code (and variant) in each language, rendered from the finding's
 * parameters. The Chinese rendering is the finding's `message`; the English one is what the English UI shows.
 * Pure (no React, no SheetJS): the core, the readers, the CLI and the task pane all import it.
 */

/** `at()` is where the finding points (file, sheet, cell); `at(false)` the file and sheet only. */
type At = (withCell?: boolean) => string;
type Templates = { [C in FindingCode]: (p: FindingParamsByCode[C], at: At) => string };

// ---------- 中文 ----------

const ZH_TYPES: Record<FileType, string> = {
  pdf: 'PDF 文件',
  png: 'PNG 图片',
  jpeg: 'JPEG 图片',
  gif: 'GIF 图片',
  bmp: 'BMP 图片',
  tiff: 'TIFF 图片',
  webp: 'WebP 图片',
  heic: 'HEIC/HEIF 图片',
  rtf: 'RTF 文档',
  docx: 'Word 文档',
  pptx: 'PowerPoint 演示文稿',
  zip: '压缩包',
  doc: 'Word 文档（.doc）',
  ppt: 'PowerPoint 演示文稿（.ppt）',
  html: '网页（HTML）文件',
};
/** What a file that is not a spreadsheet is, in words (“PDF 文件”). */
export const fileTypeText = (type: FileType): string => ZH_TYPES[type];

/** Why a file could not be read, in a few words, for messages about files other than reports (task tables). */
export function unreadableReason(p: UnreadableParams): string {
  switch (p.reason) {
    case 'empty':
      return '文件是空的（0 字节）';
    case 'tooLarge':
      return `文件过大（${p.sizeMb.toFixed(1)} MB，上限 ${p.limitMb} MB）`;
    case 'damagedZip':
      return '压缩结构已损坏（文件可能不完整或下载中断）';
    case 'zipBomb':
      return `解压后过大（${p.unzippedMb} MB）`;
    case 'damagedStructure':
      return '文件结构已损坏';
    case 'unknownOffice':
      return '无法识别的 Office 文件';
    case 'unknownBinary':
      return '无法识别的二进制文件';
    case 'damaged':
      return '文件已损坏或格式无法识别';
    case 'readError':
      return `读取时出错（${p.detail}）`;
  }
}

const IMAGE_TYPES: readonly FileType[] = ['pdf', 'png', 'jpeg', 'gif', 'bmp', 'tiff', 'webp', 'heic'];
const ZH_SCAN_ADVICE = '扫描件和照片无法自动读取：请对照原件在“手工录入”中录入，或请该单位按通知附件2的模板另报电子表格。';
const ZH_FORM_ADVICE = '请该单位按通知附件2的模板填写电子表格（.xlsx）后发送。';
const zhField = (f: CountField) => (f === 'monthly' ? '当月完成' : '累计已完成');
const zhDay = (d: CalendarDay) => `${d.year}年${d.month}月${d.day}日`;
const zhEntry = (e: EntryValues) => (e ? `当月 ${e.monthly === null ? '空' : n(e.monthly)}、累计 ${e.cumulative === null ? '空' : n(e.cumulative)}` : '空');
const zhOther = (o: OtherReport) => (o.sheetless || o.sheet === null ? `“${o.file}”` : `“${o.file}”（${o.sheet}）`);

const ZH_SCAN_FIELD: Record<ScanField, string> = { annual: '年度任务', monthly: '当月完成', cumulative: '累计已完成', rate: '累计完成率' };
const ZH_DOUBT: Record<DoubtReason, string> = {
  rowMissing: '找不到这一行',
  unread: '未能读出数字',
  lowConfidence: '识别把握不足',
  annual: '年度任务与任务分配表不符',
  rateFormat: '完成率未按两位小数印出，无法核对累计',
  rate: '完成率与 累计 ÷ 年度任务 不符',
  monthly: '当月完成与 累计 − 上月累计 不符',
  noQuota: '该指标无任务，数字无法核对',
};
function zhDoubt(d: ScanDoubt): string {
  const cells = d.fields.map((f) => `${ZH_SCAN_FIELD[f]}${d.read[f] !== undefined ? `（读作“${d.read[f] || '空'}”）` : ''}`).join('、');
  const fix = d.proposal ? `，按表内关系${ZH_SCAN_FIELD[d.proposal.field]}可能应为 ${n(d.proposal.value)}（仅供核对，未自动更正）` : '';
  return `“${d.indicator}”${cells}：${ZH_DOUBT[d.reason]}${fix}`;
}

const ZH: Templates = {
  UNREADABLE: (p, at) => {
    switch (p.reason) {
      case 'empty':
        return `${at()}无法读取：文件是空的（0 字节）。请该单位重新发送。`;
      case 'tooLarge':
        return `${at()}过大（${p.sizeMb.toFixed(1)} MB，上限 ${p.limitMb} MB），未读取。月报表只有几十 KB：请该单位只发送月报表。`;
      case 'damagedZip':
        return `${at()}无法读取：压缩结构已损坏（文件可能不完整或下载中断）。请该单位重新发送。`;
      case 'zipBomb':
        return `${at()}无法读取：解压后过大（${p.unzippedMb} MB），可能是恶意构造的压缩文件。请该单位另存为正常的 .xlsx 后重新发送。`;
      case 'damagedStructure':
        return `${at()}无法读取：文件结构已损坏。请该单位重新发送。`;
      case 'unknownOffice':
        return `${at()}无法读取：无法识别的 Office 文件。请该单位另存为 .xlsx 后重新发送。`;
      case 'unknownBinary':
        return `${at()}无法读取：无法识别的二进制文件。请该单位另存为 .xlsx 后重新发送。`;
      case 'damaged':
        return `${at()}已损坏或格式无法识别，无法读取。请该单位重新保存后发送（Excel/WPS：另存为 .xlsx）。`;
      case 'readError':
        return `${at()}读取时出错（${p.detail}）。请该单位重新保存为 .xlsx 后发送。`;
    }
  },
  NOT_SPREADSHEET: (p, at) =>
    p.type === 'html'
      ? `${at()}是网页（HTML）文件，其中没有月报表。${ZH_SCAN_ADVICE}`
      : `${at()}是${ZH_TYPES[p.type]}，不是电子表格。${IMAGE_TYPES.includes(p.type) ? ZH_SCAN_ADVICE : ZH_FORM_ADVICE}`,
  ENCRYPTED: (_p, at) => `${at()}设置了打开密码，无法读取。请该单位取消密码后重新发送（或由您输入密码打开后另存为无密码的文件）。`,
  NO_FORM: (p, at) =>
    p.reason === 'noForm'
      ? `${at(false)}中没有找到月报表（${p.sheetless ? '' : `共 ${p.sheetCount} 个工作表，均`}没有“当月完成”“累计已完成”等栏目）。请该单位使用通知附件2的模板填报。`
      : `${at(false)}的月报表没有填写任何完成数。请该单位填写当月完成和累计已完成后重新发送。`,
  UNKNOWN_UNIT: (p, at) => {
    switch (p.reason) {
      case 'codeNotInTable':
        return `${at()}的模板代码指向序号 ${p.unitId}，不在任务分配表中。请该单位使用本年度下发的模板。`;
      case 'blankName':
        return `${at()}没有填写填报单位，文件名中也没有可识别的单位名称。请在导入列表中为它指定单位，或请该单位补填后重新发送。`;
      case 'notInTable': {
        const hint = p.suggestions.length ? `是否为：${p.suggestions.join('、')}？` : '';
        return `${at()}的填报单位“${p.name}”不在任务分配表中。${hint}确认后可在“别名表”中加一行（别名与序号），或在导入列表中为它指定单位，再重新合并。`;
      }
      case 'unrecognised':
        return `${at()}的单位无法识别。请在导入列表中为它指定单位，或在“别名表”中加一行（别名与序号）后重新合并。`;
    }
  },
  CODE_NAME_MISMATCH: (p, at) =>
    `${at()}的模板属于“${p.templateUnit}”，但填报单位写的是“${p.name}”（${p.namedUnit}）。可能借用了别的单位的模板：请与该单位确认后重新发送。`,
  NOT_A_NUMBER: (p, at) => `${at()}的“${p.indicator}”${zhField(p.field)}“${p.text}”不是数字。请该单位改为数字（如 1234），或在主表中手工录入。`,
  NEGATIVE: (p, at) =>
    p.field === 'cumulative'
      ? `${at()}的“${p.indicator}”累计已完成为负数（${n(p.value)}）。请该单位更正。`
      : `${at()}的“${p.indicator}”当月完成为负数（${n(p.value)}），且与累计已完成对不上。如为更正，请使累计已完成 = 上月累计 + 当月完成。`,
  MISSING_CUMULATIVE: (p, at) =>
    `${at()}的“${p.indicator}”只填了当月完成，没有累计已完成，主表中也没有 ${p.month - 1} 月及以前的累计可以推算。请该单位补填累计已完成。`,
  CONFLICT: (p, at) =>
    `${at(false)}是${p.unitName}的 ${p.month} 月报表，本批还有 ${p.others.length} 份该单位的报表且数字不同：${p.others.map(zhOther).join('、')}${
      p.differences?.length
        ? `（不同之处：${p.differences.map((d) => `“${d.indicator}”${zhField(d.field)} 此份为 ${d.mine === null ? '空' : n(d.mine)}、另一份为 ${d.other === null ? '空' : n(d.other)}`).join('；')}）`
        : ''
    }。这些报表均未合并；请与该单位确认哪一份正确，只导入那一份。`,
  DUPLICATE: (p, at) => `${at(false)}与本批的${zhOther(p.same)}完全相同（${p.unitName} ${p.month} 月）。同一份报表只计入一次，此份不重复计入。`,
  STALE: (p, at) =>
    p.reason === 'pastedSheet'
      ? `${at(false)}${p.formerSheet ? `（当时名为“${p.formerSheet}”）` : ''}已于 ${p.time} 作为 ${p.staleMonth} 月报表合并，内容未变，不再合并为 ${p.month} 月。该表已处理完毕，可以删除；如是${p.unitName || '该单位'}新的 ${p.month} 月报表，请粘贴新报表后再合并。`
      : `${at(false)}所填的当月完成、累计已完成与${p.unitName}已合并的 ${p.staleMonth} 月报表逐项相同，可能是把 ${p.staleMonth} 月的表当作 ${p.month} 月报送，不作为 ${p.month} 月合并。请该单位确认后重新发送 ${p.month} 月的表；如该单位 ${p.month} 月确实没有进展，请在“手工录入”中录入（或直接填入主表台账）。`,
  SCAN_UNCERTAIN: (p, at) =>
    `${at(false)}（扫描件或照片）中以下数字没有通过表格自身的核对，未合并：${p.doubts?.length ? p.doubts.map(zhDoubt).join('；') : p.cells.join('、')}。请在任务窗格或网页的导入列表中点“核对扫描件”，对照扫描件上的原样确认或更正后合并（也可在“手工录入”中录入）。`,
  SCAN_UNREADABLE: (p, at) =>
    `${at(false)}${p.page ? `第 ${p.page} 页` : ''}（扫描件或照片）中找不到完整的月报表（表格可能分在几页上，或不完整、不清晰）。请对照原件在“手工录入”中录入，或请该单位把整张表放在一页上重新扫描或导出 PDF 后发送。`,
  ANNUAL_MISMATCH: (p, at) => `${at()}的“${p.indicator}”年度任务 ${n(p.reported)} 与任务分配表的 ${n(p.quota)} 不同；完成率按任务分配表计算。`,
  CUMULATIVE_MISMATCH: (p, at) =>
    `${at()}的“${p.indicator}”累计已完成 ${n(p.cumulative)} ≠ 上月累计 ${n(p.previous)} + 当月完成 ${n(p.monthly)}（= ${n(p.previous + p.monthly)}）；${
      p.notMerged ? '此表未合并，重新报送时请一并核实。' : '以所填累计为准，请与该单位核实。'
    }`,
  CUMULATIVE_DECREASED: (p, at) => `${at()}的“${p.indicator}”累计已完成 ${n(p.cumulative)} 比上月累计 ${n(p.previous)} 少；请与该单位核实。`,
  CORRECTION: (p, at) => `${at()}的“${p.indicator}”当月完成为 ${n(p.monthly)}：是对以前月份的更正（累计由 ${n(p.previous)} 减为 ${n(p.cumulative)}）。`,
  CUMULATIVE_DERIVED: (p, at) => `${at()}的“${p.indicator}”累计已完成为空，按上月累计 ${n(p.previous)} + 当月 ${n(p.monthly)} = ${n(p.cumulative)} 推算。`,
  RATE_MISMATCH: (p, at) => `${at()}的“${p.indicator}”累计完成率“${p.rate}”与 累计 ÷ 年度任务 = ${(p.computed * 100).toFixed(1)}% 不符；主表按计算值。`,
  ADVANCED_EXCEEDS_CERTIFIED: (p, at) =>
    `${at()}：“${p.part}”累计 ${n(p.partCumulative)} 多于“${p.whole}”累计 ${n(p.wholeCumulative)}（前者是后者的一部分）。请与该单位核实。`,
  DATE_OUTSIDE_MONTH: (p, at) =>
    p.reason === 'date'
      ? `${at()}的填报时间 ${zhDay(p.date)} 不在 ${p.year}年${p.month}月（或次月初）：请确认报的是 ${p.month} 月的数据。`
      : `${at(false)}用的是 ${p.templateYear}年${p.templateMonth}月的模板，现作为 ${p.year}年${p.month}月的报表导入：请确认该单位报的是 ${p.month} 月的数据。`,
  LATE: (p, at) => `${at()}的填报时间 ${zhDay(p.date)} 晚于报送截止日 ${p.month}月${p.dueDay}日。`,
  VALUE_WITHOUT_QUOTA: (p, at) =>
    `${at()}：${p.unitName}没有“${p.indicator}”任务（任务表中为“—”），但填了 ${n(p.value)}；${p.notMerged ? '请与该单位核实。' : '照录入主表，不计入状态。'}`,
  NAME_FROM_FILENAME: (p, at) => `${at()}没有填写填报单位，按文件名认定为“${p.unitName}”。请核对。`,
  REPLACED: (p, at) => `${at(false)}：${p.unitName} ${p.month} 月“${p.indicator}”已有数据，由本次报表替换：${zhEntry(p.before)} → ${zhEntry(p.after)}。`,
  NO_CACHED_VALUE: (_p, at) => `${at()}是公式但没有计算结果（保存前未重算），此格按空白处理。请在 Excel/WPS 中打开后保存，或直接填写数字。`,
  FROM_SCAN: (p, at) =>
    `${at(false)}的数字读自${p.source === 'text-layer' ? ' PDF 的文字层' : '扫描件或照片（文字识别）'}，已通过表内核对（年度任务、完成率、累计）。请对照原件留意。`,
};

// ---------- English ----------

const EN_TYPES: Record<FileType, string> = {
  pdf: 'a PDF file',
  png: 'a PNG image',
  jpeg: 'a JPEG image',
  gif: 'a GIF image',
  bmp: 'a BMP image',
  tiff: 'a TIFF image',
  webp: 'a WebP image',
  heic: 'a HEIC/HEIF image',
  rtf: 'an RTF document',
  docx: 'a Word document',
  pptx: 'a PowerPoint presentation',
  zip: 'a zip archive',
  doc: 'a Word document (.doc)',
  ppt: 'a PowerPoint presentation (.ppt)',
  html: 'a web page (HTML)',
};
const EN_SCAN_ADVICE =
  'Scans and photos are not read automatically: type the figures from the original in "Manual entry", or ask the unit to send the form as a spreadsheet (the notice\'s 附件2 template).';
const EN_FORM_ADVICE = "Ask the unit to fill in the notice's 附件2 template as a spreadsheet (.xlsx) and send it.";
const enField = (f: CountField) => (f === 'monthly' ? '当月完成 (this month)' : '累计已完成 (cumulative)');
const enDay = (d: CalendarDay) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
const enMonth = (month: number, year?: number) => (year === undefined ? monthName(month) : `${monthName(month)} ${year}`);
const enValue = (v: number | null) => (v === null ? 'blank' : n(v));
const enEntry = (e: EntryValues) => (e ? `this month ${enValue(e.monthly)}, cumulative ${enValue(e.cumulative)}` : 'nothing');
const enOther = (o: OtherReport) => (o.sheetless || o.sheet === null ? `"${o.file}"` : `"${o.file}" (sheet "${o.sheet}")`);
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const EN_SCAN_FIELD: Record<ScanField, string> = { annual: 'annual quota', monthly: 'this month', cumulative: 'cumulative', rate: 'rate' };
const EN_DOUBT: Record<DoubtReason, string> = {
  rowMissing: 'row not found',
  unread: 'no number could be read',
  lowConfidence: 'read with low confidence',
  annual: 'annual quota differs from the quota table',
  rateFormat: 'rate not printed with two decimals, so the cumulative cannot be checked',
  rate: 'rate differs from cumulative ÷ annual quota',
  monthly: "this month differs from cumulative − last month's cumulative",
  noQuota: 'the indicator has no quota, so the figures cannot be checked',
};
function enDoubt(d: ScanDoubt): string {
  const cells = d.fields.map((f) => `${EN_SCAN_FIELD[f]}${d.read[f] !== undefined ? ` (read "${d.read[f] || 'blank'}")` : ''}`).join(', ');
  const fix = d.proposal ? `; the form's arithmetic suggests ${EN_SCAN_FIELD[d.proposal.field]} ${n(d.proposal.value)} (a suggestion, not applied)` : '';
  return `"${d.indicator}" ${cells}: ${EN_DOUBT[d.reason]}${fix}`;
}

const EN: Templates = {
  UNREADABLE: (p, at) => {
    switch (p.reason) {
      case 'empty':
        return `${at()} cannot be read: the file is empty (0 bytes). Ask the unit to send it again.`;
      case 'tooLarge':
        return `${at()} is too large (${p.sizeMb.toFixed(1)} MB, limit ${p.limitMb} MB) and was not read. A monthly form is a few tens of KB: ask the unit to send only the form.`;
      case 'damagedZip':
        return `${at()} cannot be read: its zip structure is damaged (the file may be incomplete or the download interrupted). Ask the unit to send it again.`;
      case 'zipBomb':
        return `${at()} cannot be read: it unpacks to ${p.unzippedMb} MB and may be a malicious archive. Ask the unit to save a normal .xlsx and send it again.`;
      case 'damagedStructure':
        return `${at()} cannot be read: the file structure is damaged. Ask the unit to send it again.`;
      case 'unknownOffice':
        return `${at()} cannot be read: an Office file of an unknown kind. Ask the unit to save it as .xlsx and send it again.`;
      case 'unknownBinary':
        return `${at()} cannot be read: a binary file of an unknown kind. Ask the unit to save it as .xlsx and send it again.`;
      case 'damaged':
        return `${at()} is damaged or in an unknown format and cannot be read. Ask the unit to save it again and send it (Excel/WPS: Save As .xlsx).`;
      case 'readError':
        return `Reading ${at()} failed (${p.detail}). Ask the unit to save it as .xlsx and send it again.`;
    }
  },
  NOT_SPREADSHEET: (p, at) =>
    p.type === 'html'
      ? `${at()} is a web page (HTML) without a monthly form. ${EN_SCAN_ADVICE}`
      : `${at()} is ${EN_TYPES[p.type]}, not a spreadsheet. ${IMAGE_TYPES.includes(p.type) ? EN_SCAN_ADVICE : EN_FORM_ADVICE}`,
  ENCRYPTED: (_p, at) =>
    `${at()} is protected by a password and cannot be read. Ask the unit to remove the password and send it again (or open it with the password and save a copy without one).`,
  NO_FORM: (p, at) =>
    p.reason === 'noForm'
      ? `No monthly form was found in ${at(false)} (${p.sheetless ? 'it has' : `none of its ${p.sheetCount} sheet${p.sheetCount === 1 ? '' : 's'} has`} no 当月完成 / 累计已完成 columns). Ask the unit to use the notice's 附件2 template.`
      : `The monthly form in ${at(false)} has no figures filled in. Ask the unit to fill in 当月完成 and 累计已完成 and send it again.`,
  UNKNOWN_UNIT: (p, at) => {
    switch (p.reason) {
      case 'codeNotInTable':
        return `The template code in ${at()} points to unit no. ${p.unitId}, which is not in the quota table. Ask the unit to use this year's template.`;
      case 'blankName':
        return `${cap(at())} has no 填报单位 (unit name), and the file name names no known unit either. Assign a unit in the import list, or ask the unit to fill it in and send it again.`;
      case 'notInTable': {
        const hint = p.suggestions.length ? ` Did you mean: ${p.suggestions.join(', ')}?` : '';
        return `The unit "${p.name}" in ${at()} is not in the quota table.${hint} Once confirmed, add a row to the 别名表 (alias table: alias and unit no.) or assign a unit in the import list, then merge again.`;
      }
      case 'unrecognised':
        return `The unit of ${at()} is not recognised. Assign a unit in the import list, or add a row to the 别名表 (alias table), then merge again.`;
    }
  },
  CODE_NAME_MISMATCH: (p, at) =>
    `The template in ${at()} belongs to "${p.templateUnit}", but the unit written is "${p.name}" (${p.namedUnit}). It may be another unit's template: check with the unit and have it send the form again.`,
  NOT_A_NUMBER: (p, at) =>
    `"${p.indicator}" ${enField(p.field)} in ${at()} is "${p.text}", not a number. Ask the unit to write a number (e.g. 1234), or type it in the master by hand.`,
  NEGATIVE: (p, at) =>
    p.field === 'cumulative'
      ? `"${p.indicator}" 累计已完成 (cumulative) in ${at()} is negative (${n(p.value)}). Ask the unit to correct it.`
      : `"${p.indicator}" 当月完成 (this month) in ${at()} is negative (${n(p.value)}) and does not agree with the cumulative. If it is a correction, the cumulative must equal last month's cumulative + this month.`,
  MISSING_CUMULATIVE: (p, at) =>
    `"${p.indicator}" in ${at()} has only 当月完成 (this month), no 累计已完成 (cumulative), and the master has no cumulative for ${enMonth(p.month - 1)} or earlier to derive it from. Ask the unit to fill in the cumulative.`,
  CONFLICT: (p, at) =>
    `${cap(at(false))} is ${p.unitName}'s ${enMonth(p.month)} report, and this batch has ${p.others.length} more report${p.others.length === 1 ? '' : 's'} of that unit with different figures: ${p.others.map(enOther).join(', ')}${
      p.differences?.length
        ? ` (they differ in: ${p.differences.map((d) => `"${d.indicator}" ${enField(d.field)} ${enValue(d.mine)} here, ${enValue(d.other)} there`).join('; ')})`
        : ''
    }. None of them is merged; check with the unit which one is right and import only that one.`,
  DUPLICATE: (p, at) =>
    `${cap(at(false))} is identical to ${enOther(p.same)} in this batch (${p.unitName}, ${enMonth(p.month)}). The same report counts once; this copy is not counted again.`,
  STALE: (p, at) =>
    p.reason === 'pastedSheet'
      ? `${cap(at(false))}${p.formerSheet ? ` (then named "${p.formerSheet}")` : ''} was merged on ${p.time} as the ${enMonth(p.staleMonth)} report and has not changed, so it is not merged as ${enMonth(p.month)}. It is done and can be deleted; if it is ${p.unitName || 'the unit'}'s new ${enMonth(p.month)} report, paste the new report and merge again.`
      : `The 当月完成 and 累计已完成 typed in ${at(false)} are identical to ${p.unitName}'s ${enMonth(p.staleMonth)} report already merged: it may be the ${enMonth(p.staleMonth)} form sent as ${enMonth(p.month)}, so it is not merged as ${enMonth(p.month)}. Ask the unit to confirm and send its ${enMonth(p.month)} form; if the unit really made no progress in ${enMonth(p.month)}, type it in "Manual entry" (or in the master's ledger).`,
  SCAN_UNCERTAIN: (p, at) =>
    `Figures of ${at(false)} (a scan or photo) did not pass the form's own checks (not merged): ${p.doubts?.length ? p.doubts.map(enDoubt).join('; ') : p.cells.join(', ')}. In the task pane or the page, open "Check the scan" in the import list, confirm or correct each figure against the image and merge (or type them in "Manual entry").`,
  SCAN_UNREADABLE: (p, at) =>
    `No whole monthly form was found in ${at(false)}${p.page ? `, page ${p.page}` : ''} (a scan or photo; the table may be split over pages, incomplete or unclear). Type the figures from the original in "Manual entry", or ask the unit to scan or export the whole table on one page and send it again.`,
  ANNUAL_MISMATCH: (p, at) =>
    `"${p.indicator}" 年度任务 (annual quota) in ${at()} is ${n(p.reported)}, but the quota table says ${n(p.quota)}; rates use the quota table.`,
  CUMULATIVE_MISMATCH: (p, at) =>
    `"${p.indicator}" cumulative in ${at()} is ${n(p.cumulative)} ≠ last month's cumulative ${n(p.previous)} + this month ${n(p.monthly)} (= ${n(p.previous + p.monthly)}); ${
      p.notMerged ? 'this report is not merged: check this too when it is sent again.' : 'the cumulative as written counts. Check with the unit.'
    }`,
  CUMULATIVE_DECREASED: (p, at) =>
    `"${p.indicator}" cumulative in ${at()} is ${n(p.cumulative)}, less than last month's ${n(p.previous)}. Check with the unit.`,
  CORRECTION: (p, at) =>
    `"${p.indicator}" this month in ${at()} is ${n(p.monthly)}: a correction of earlier months (the cumulative goes from ${n(p.previous)} down to ${n(p.cumulative)}).`,
  CUMULATIVE_DERIVED: (p, at) =>
    `"${p.indicator}" cumulative in ${at()} is blank; derived as last month's cumulative ${n(p.previous)} + this month ${n(p.monthly)} = ${n(p.cumulative)}.`,
  RATE_MISMATCH: (p, at) =>
    `"${p.indicator}" 累计完成率 (rate) in ${at()} is "${p.rate}", not cumulative ÷ annual quota = ${(p.computed * 100).toFixed(1)}%; the master uses the computed rate.`,
  ADVANCED_EXCEEDS_CERTIFIED: (p, at) =>
    `${cap(at())}: "${p.part}" cumulative ${n(p.partCumulative)} is more than "${p.whole}" cumulative ${n(p.wholeCumulative)} (the first is part of the second). Check with the unit.`,
  DATE_OUTSIDE_MONTH: (p, at) =>
    p.reason === 'date'
      ? `The date ${enDay(p.date)} in ${at()} is not in ${enMonth(p.month, p.year)} (or the first days after it): make sure the figures are for ${enMonth(p.month)}.`
      : `${cap(at(false))} uses the template of ${enMonth(p.templateMonth, p.templateYear)} and is imported as ${enMonth(p.month, p.year)}: make sure the unit reported ${enMonth(p.month)}'s figures.`,
  LATE: (p, at) => `The date ${enDay(p.date)} in ${at()} is after the due date, ${enMonth(p.month)} ${p.dueDay}.`,
  VALUE_WITHOUT_QUOTA: (p, at) =>
    `${cap(at())}: ${p.unitName} has no "${p.indicator}" quota ("—" in the quota table) but wrote ${n(p.value)}; ${p.notMerged ? 'check with the unit.' : 'it is recorded in the master but not counted in the status.'}`,
  NAME_FROM_FILENAME: (p, at) => `${cap(at())} has no 填报单位 (unit name); the unit is taken from the file name as "${p.unitName}". Please check.`,
  REPLACED: (p, at) =>
    `${cap(at(false))}: ${p.unitName} already had ${enMonth(p.month)} figures for "${p.indicator}", replaced by this report: ${enEntry(p.before)} → ${enEntry(p.after)}.`,
  NO_CACHED_VALUE: (_p, at) =>
    `${cap(at())} holds a formula without a calculated result (not recalculated before saving); it counts as blank. Open and save the file in Excel/WPS, or type the number.`,
  FROM_SCAN: (p, at) =>
    `The figures of ${at(false)} were read from ${p.source === 'text-layer' ? "a PDF's text layer" : 'a scan or photo (OCR)'} and passed the form's own checks (annual quota, rate, cumulative). Keep the original at hand.`,
};

const CATALOGUE: Record<Locale, Templates> = { 'zh-CN': ZH, 'en-US': EN };

export const FINDING_TITLES_EN: Record<FindingCode, string> = {
  UNREADABLE: 'Unreadable file',
  NOT_SPREADSHEET: 'Not a spreadsheet',
  ENCRYPTED: 'Password-protected',
  NO_FORM: 'No report form found',
  UNKNOWN_UNIT: 'Unit not recognised',
  CODE_NAME_MISMATCH: 'Unit code and name disagree',
  NOT_A_NUMBER: 'Not a number',
  NEGATIVE: 'Negative number',
  MISSING_CUMULATIVE: 'Cumulative missing',
  CONFLICT: 'Conflicting reports',
  DUPLICATE: 'Duplicate report',
  STALE: 'Same as another month',
  SCAN_UNCERTAIN: 'Scan: figures to confirm',
  SCAN_UNREADABLE: 'Scan: no form found',
  ANNUAL_MISMATCH: 'Quota differs from the table',
  CUMULATIVE_MISMATCH: 'Cumulative ≠ previous + this month',
  CUMULATIVE_DECREASED: 'Cumulative decreased',
  CORRECTION: 'Correction (negative month)',
  CUMULATIVE_DERIVED: 'Cumulative derived',
  RATE_MISMATCH: 'Rate differs from computed',
  ADVANCED_EXCEEDS_CERTIFIED: 'Part exceeds its whole',
  DATE_OUTSIDE_MONTH: 'Date outside the month',
  LATE: 'Late',
  VALUE_WITHOUT_QUOTA: 'Figure without a quota',
  NAME_FROM_FILENAME: 'Unit taken from the file name',
  REPLACED: 'Replaced merged figures',
  NO_CACHED_VALUE: 'Formula without a result',
  FROM_SCAN: 'Read from a scan',
};

/** The parts of a finding the text is made from. */
export type FindingInput = Pick<Finding, 'code' | 'sheet' | 'cell' | 'params'>;

function render(f: FindingInput, locale: Locale): string {
  const template = CATALOGUE[locale][f.code] as (p: FindingParams, at: At) => string;
  const place: Place = { file: f.params.file, sheet: f.sheet, cell: f.cell, sheetless: f.params.sheetless };
  return template(f.params, (withCell = true) => placeText(place, locale, withCell));
}

/**
 * A finding in the UI's language: the same information as its `message` (file, sheet, cell, the fix).
 * A finding without parameters (made by an older version) can only be shown as its Chinese message.
 */
export function findingText(finding: FindingInput & { message?: string }, locale: Locale): string {
  if (!finding.params) return finding.message ?? '';
  return render(finding, locale);
}

/** A finding made from its parameters: `message` is the Chinese rendering (the contract's language). */
export function makeFinding<C extends FindingCode>(code: C, params: FindingParamsByCode[C], sheet: string | null, cell: string | null): Finding {
  const f = { code, params, sheet, cell } as FindingInput;
  return { code, message: render(f, 'zh-CN'), sheet, cell, params } as Finding;
}

/**
 * The warnings of a report that was not merged: texts that would say how it was merged ("以所填累计为准",
 * "照录入主表") say that it was not.
 */
export function asNotMerged(f: Finding): Finding {
  if (f.code === 'CUMULATIVE_MISMATCH')
    return makeFinding(f.code, { ...(f.params as FindingParamsByCode['CUMULATIVE_MISMATCH']), notMerged: true }, f.sheet, f.cell);
  if (f.code === 'VALUE_WITHOUT_QUOTA')
    return makeFinding(f.code, { ...(f.params as FindingParamsByCode['VALUE_WITHOUT_QUOTA']), notMerged: true }, f.sheet, f.cell);
  return f;
}

/** A finding code's short title in the UI's language. */
export function findingTitle(code: FindingCode, locale: Locale): string {
  return locale === 'zh-CN' ? FINDING_TITLES[code] : FINDING_TITLES_EN[code];
}
