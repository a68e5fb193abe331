import { Finding } from '../core/findings';
import { ResolvedReport } from '../core/merge';
import { ParsedReport } from '../core/report';
import { reportFinding } from '../core/validate';
import { UnitMatcher } from './unitNames';

/** Attach a unit to each report by its written name (or, when the name is blank, its file name). */
export function resolveReports(reports: readonly ParsedReport[], matcher: UnitMatcher): ResolvedReport[] {
  return reports.map((report) => {
    const findings: Finding[] = [];
    const cell = report.unitNameCell;
    if (report.code) {
      // A template's code is read first: it was written by the office, the name was typed by the unit.
      const byCode = report.code.unitId;
      const named = report.unitName ? matcher.match(report.unitName) : null;
      if (!matcher.has(byCode)) {
        findings.push(reportFinding('UNKNOWN_UNIT', report, cell, { reason: 'codeNotInTable', unitId: byCode }));
        return { report, unitId: null, unitFindings: findings };
      }
      if (named && named.unitId !== null && named.unitId !== byCode) {
        findings.push(
          reportFinding('CODE_NAME_MISMATCH', report, cell, {
            templateUnit: matcher.nameOf(byCode),
            name: report.unitName,
            namedUnit: matcher.nameOf(named.unitId),
          }),
        );
        return { report, unitId: null, unitFindings: findings };
      }
      return { report, unitId: byCode, unitFindings: [] };
    }
    if (!report.unitName) {
      const fromFile = matcher.matchFileName(report.file);
      if (fromFile !== null) {
        findings.push(reportFinding('NAME_FROM_FILENAME', report, cell, { unitName: matcher.nameOf(fromFile) }));
        return { report, unitId: fromFile, unitFindings: findings };
      }
      findings.push(reportFinding('UNKNOWN_UNIT', report, cell, { reason: 'blankName' }));
      return { report, unitId: null, unitFindings: findings };
    }
    const m = matcher.match(report.unitName);
    if (m.unitId !== null) return { report, unitId: m.unitId, unitFindings: [] };
    findings.push(reportFinding('UNKNOWN_UNIT', report, cell, { reason: 'notInTable', name: report.unitName, suggestions: m.suggestions.map((u) => u.name) }));
    return { report, unitId: null, unitFindings: findings };
  });
}
