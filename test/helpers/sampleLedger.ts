import { Ledger, emptyLedger, withEntry } from '../../src/core/ledger';
import { Unit } from '../../src/core/units';
import { INDICATOR_KEYS } from './table2023';

/**
 * A deterministic ledger with every kind of case the formulas must get right: units ahead of,
 * near and far behind pace, gaps in months (carry forward), units that never reported,
 * values for indicators without quota, and monthly-only entries (no 累计).
 */
export function sampleLedger(units: readonly Unit[], months: number): Ledger {
  let ledger = emptyLedger();
  units.forEach((u, i) => {
    if (i % 7 === 3) return; // never reported
    const speed = [1.3, 0.97, 0.8, 0.5, 1.0, 0.93][i % 6];
    for (const key of INDICATOR_KEYS) {
      const annual = u.quota[key] ?? 40;
      let cumulative = 0;
      for (let m = 1; m <= months; m++) {
        if (i % 5 === 2 && m === months) continue; // skipped the latest month: carry forward
        const target = Math.round((annual * speed * m) / 12);
        const monthly = target - cumulative;
        cumulative = target;
        const onlyMonthly = i % 11 === 4 && m === 1;
        ledger = withEntry(ledger, u.id, key, m, { monthly, cumulative: onlyMonthly ? null : cumulative });
      }
    }
  });
  return ledger;
}
