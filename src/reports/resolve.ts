import { Finding } from '../core/findings';
import { ResolvedReport } from '../core/merge';
import { ParsedReport } from '../core/report';
import { where } from '../core/validate';
import { UnitMatcher } from './unitNames';

/** Attach a unit to each report by its written name (or, when the name is blank, its file name). */
export function resolveReports(reports: readonly ParsedReport[], matcher: UnitMatcher): ResolvedReport[] {
  return reports.map((report) => {
    const findings: Finding[] = [];
    const at = where(report, report.unitNameCell);
    if (report.code) {
      // A template's code is read first: it was written by the office, the name was typed by the unit.
      const byCode = report.code.unitId;
      const named = report.unitName ? matcher.match(report.unitName) : null;
      if (!matcher.has(byCode)) {
        findings.push({ code: 'UNKNOWN_UNIT', sheet: report.sheet, cell: report.unitNameCell, message: `${at}的模板代码指向序号 ${byCode}，不在任务分配表中。请该单位使用本年度下发的模板。` });
        return { report, unitId: null, unitFindings: findings };
      }
      if (named && named.unitId !== null && named.unitId !== byCode) {
        findings.push({
          code: 'CODE_NAME_MISMATCH',
          sheet: report.sheet,
          cell: report.unitNameCell,
          message: `${at}的模板属于“${matcher.nameOf(byCode)}”，但填报单位写的是“${report.unitName}”（${matcher.nameOf(named.unitId)}）。可能借用了别的单位的模板：请与该单位确认后重新发送。`,
        });
        return { report, unitId: null, unitFindings: findings };
      }
      return { report, unitId: byCode, unitFindings: [] };
    }
    if (!report.unitName) {
      const fromFile = matcher.matchFileName(report.file);
      if (fromFile !== null) {
        findings.push({
          code: 'NAME_FROM_FILENAME',
          sheet: report.sheet,
          cell: report.unitNameCell,
          message: `${at}没有填写填报单位，已按文件名认定为“${matcher.nameOf(fromFile)}”。请核对。`,
        });
        return { report, unitId: fromFile, unitFindings: findings };
      }
      findings.push({
        code: 'UNKNOWN_UNIT',
        sheet: report.sheet,
        cell: report.unitNameCell,
        message: `${at}没有填写填报单位，文件名中也没有可识别的单位名称。请在导入列表中为它指定单位，或请该单位补填后重新发送。`,
      });
      return { report, unitId: null, unitFindings: findings };
    }
    const m = matcher.match(report.unitName);
    if (m.unitId !== null) return { report, unitId: m.unitId, unitFindings: [] };
    const hint = m.suggestions.length ? `是否为：${m.suggestions.map((u) => u.name).join('、')}？` : '';
    findings.push({
      code: 'UNKNOWN_UNIT',
      sheet: report.sheet,
      cell: report.unitNameCell,
      message: `${at}的填报单位“${report.unitName}”不在任务分配表中。${hint}确认后可在“别名表”中加一行（别名与序号），或在导入列表中为它指定单位，再重新合并。`,
    });
    return { report, unitId: null, unitFindings: findings };
  });
}
