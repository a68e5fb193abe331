/**
 * Functions the master's formulas may use: present with the same meaning in Excel 2010+, WPS
 * and LibreOffice Calc. No dynamic arrays (FILTER, UNIQUE, SORT…), LET, LAMBDA, XLOOKUP or
 * IFS/MAXIFS (Excel 2019+ only): WPS and older Excel must compute the same figures.
 */
export const PORTABLE_FUNCTIONS: ReadonlySet<string> = new Set([
  'IF',
  'AND',
  'OR',
  'NOT',
  'ISNUMBER',
  'ISBLANK',
  'IFERROR',
  'INDEX',
  'MATCH',
  'MIN',
  'MAX',
  'SUM',
  'SUMIFS',
  'COUNT',
  'COUNTA',
  'COUNTIF',
  'COUNTIFS',
  'ROUND',
  'ABS',
]);

/** Names of the functions a formula calls (text inside string literals is ignored). */
export function formulaFunctions(formula: string): string[] {
  const code = formula.replace(/"(?:[^"]|"")*"/g, '""').replace(/'(?:[^']|'')*'!/g, 'S!');
  const names = new Set<string>();
  for (const m of code.matchAll(/([A-Za-z_][A-Za-z0-9_.]*)\s*\(/g)) names.add(m[1].toUpperCase());
  return [...names];
}

export function nonPortableFunctions(formula: string): string[] {
  return formulaFunctions(formula).filter((f) => !PORTABLE_FUNCTIONS.has(f));
}
