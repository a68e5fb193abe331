import { INDICATORS_2023 } from '../core/indicators';
import { QuotaTable } from '../core/units';
import { FORM_NOTE_2023 } from './embedded2023';

const is2023 = (table: Pick<QuotaTable, 'indicators'>) =>
  table.indicators.length === INDICATORS_2023.length && table.indicators.every((i, k) => i.key === INDICATORS_2023[k].key);

/**
 * The 说明 printed under a table's monthly form: the 2023 notice's own note for its four indicators; for any other
 * table, what its "其中" indicators mean (a part is never more than its whole).
 */
export function formNote(table: Pick<QuotaTable, 'indicators'>): string {
  if (is2023(table)) return FORM_NOTE_2023;
  const parts = table.indicators
    .filter((i) => i.parent)
    .map((i) => `“${i.label}”是“${table.indicators.find((p) => p.key === i.parent)?.label ?? ''}”的一部分，不能多于后者`);
  const base = '说明：累计已完成为截至本月底的累计数（含以前各月）；无此项任务的指标填“—”或不填。';
  return parts.length ? `${base}${parts.join('；')}。` : base;
}
