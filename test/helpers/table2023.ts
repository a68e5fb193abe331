/**
 * The embedded 2023 table's shape under the names tests use: its four indicators, six categories, and where they
 * land in a master. The code takes all of this from the task table; the tests of 2023 masters name it.
 */
import { INDICATORS_2023, IndicatorKey } from '../../src/core/indicators';
import { CATEGORIES_2023, embeddedQuota2023 } from '../../src/quota/embedded2023';
import { MasterShape, ledgerSheets, masterSheets, provinceRows, shapeOf, summarySheetName } from '../../src/workbook/layout';

export const INDICATORS = INDICATORS_2023;
export const INDICATOR_KEYS: readonly IndicatorKey[] = INDICATORS_2023.map((i) => i.key);
export const CATEGORIES = CATEGORIES_2023;
export const SHAPE_2023: MasterShape = shapeOf(embeddedQuota2023());
export const INDICATOR_SHEET: Record<IndicatorKey, string> = ledgerSheets(SHAPE_2023);
export const MASTER_SHEETS: readonly string[] = masterSheets(SHAPE_2023);
export const PROVINCE_SHEET = summarySheetName(SHAPE_2023);
export const PROVINCE_ROWS = provinceRows(SHAPE_2023);

/** The embedded table without its units: for tests that write a small table of their own. */
export const TABLE_2023_SHAPE = (({ units: _units, ...rest }) => rest)(embeddedQuota2023());
