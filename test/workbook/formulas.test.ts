import { EQUAL_MARGIN, STATUS_LABELS } from '../../src/core/status';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { formulaFunctions, nonPortableFunctions } from '../../src/workbook/formulas';
import { masterSpec } from '../../src/workbook/masterSpec';
import { newMasterModel } from '../../src/workbook/model';
import { sheetRows, specFormulas } from '../../src/workbook/spec';
import { sampleLedger } from '../helpers/sampleLedger';

describe('portable formulas', () => {
  test('function names are found outside strings and sheet names', () => {
    expect(formulaFunctions(`IF(AND('说明'!$B$6>=1,ISNUMBER(X4)),X4,"SUM(")`).sort()).toEqual(['AND', 'IF', 'ISNUMBER']);
    expect(formulaFunctions(`'IF(x'!A1+xlookup(1,A:A,B:B)`)).toEqual(['XLOOKUP']);
    expect(formulaFunctions(`_xlfn.LET(a,1,a)`)).toEqual(['_XLFN.LET']);
  });

  test.each(['XLOOKUP(A1,B:B,C:C)', 'LET(x,1,x)', 'FILTER(A1:A9,B1:B9>0)', 'IFS(A1>1,1,TRUE,0)', 'LAMBDA(x,x)(1)'])('%s is refused', (f) =>
    expect(nonPortableFunctions(f).length).toBeGreaterThan(0),
  );

  test('every formula and conditional format the master writes uses only whitelisted functions', () => {
    const table = embeddedQuota2023();
    const spec = masterSpec({ ...newMasterModel(table), ledger: sampleLedger(table.units, 3), month: 3 });
    const formulas = specFormulas(spec);
    expect(formulas.length).toBeGreaterThan(179 * 30);
    const offenders = formulas.filter((f) => nonPortableFunctions(f.formula).length > 0);
    expect(offenders).toEqual([]);
    const used = new Set(formulas.flatMap((f) => formulaFunctions(f.formula)));
    expect([...used].sort()).toEqual(['AND', 'COUNT', 'COUNTIF', 'COUNTIFS', 'IF', 'INDEX', 'ISBLANK', 'ISNUMBER', 'MIN', 'NOT', 'SUM', 'SUMIFS']);
    // Excel caps a formula at 8,192 characters.
    expect(Math.max(...formulas.map((f) => f.formula.length))).toBeLessThan(8192);
  });

  test("every comparison of a rate with the pace allows the core's margin (equal at 1e-9 is on pace)", () => {
    const table = embeddedQuota2023();
    const formulas = specFormulas(masterSpec({ ...newMasterModel(table), ledger: sampleLedger(table.units, 3), month: 3 }));
    const withStatus = formulas.filter((f) => f.formula.includes(`"${STATUS_LABELS.ok}"`) && f.formula.includes('>='));
    // Each unit's indicators, the total row, and the summary sheet's rows.
    expect(withStatus.length).toBeGreaterThan(179 * 4);
    const margin = `-${String(EQUAL_MARGIN).toUpperCase()}`;
    for (const { formula } of withStatus) {
      const comparisons = [...formula.matchAll(/>=([^,]+),/g)].map((m) => m[1]);
      expect(comparisons).toHaveLength(2);
      for (const c of comparisons) expect(c.endsWith(margin)).toBe(true);
    }
  });

  test('no formula starts with "=" (adapters add it) and report text never becomes a formula', () => {
    const spec = masterSpec(newMasterModel(embeddedQuota2023()));
    for (const f of specFormulas(spec)) expect(f.formula.startsWith('=')).toBe(false);
    const texts = spec.sheets.flatMap((s) => sheetRows(s).flat()).filter((c) => typeof c?.value === 'string');
    expect(texts.every((c) => c!.formula === undefined)).toBe(true);
  });
});
