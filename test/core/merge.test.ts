import fc from 'fast-check';
import { Ledger, emptyLedger, getEntry, ledgerEntries, withEntry } from '../../src/core/ledger';
import { MergeBatch, mergeMonth, undoMerge } from '../../src/core/merge';
import { QuotaTable } from '../../src/core/units';
import { dueDay } from '../../src/core/validate';
import { makeFinding } from '../../src/core/messages/findingText';
import { Figures, parsedReport, resolved } from '../helpers/reports';
import { TABLE_2023_SHAPE } from '../helpers/table2023';

const table: QuotaTable = {
  ...TABLE_2023_SHAPE,
  year: 2023,
  source: 'test',
  units: [
    { id: 1, name: '郑州市', category: '省辖市', quota: { training: 1000, certified: 800, advanced: null, onePlusX: 100 } },
    { id: 2, name: '开封市', category: '省辖市', quota: { training: 500, certified: 400, advanced: null, onePlusX: 50 } },
    { id: 30, name: '河南工业大学', category: '本科高校', quota: { training: 2200, certified: 1700, advanced: 1000, onePlusX: 310 } },
  ],
};

const full = (monthly: number, cumulative: number): Figures => ({
  training: { monthly, cumulative },
  certified: { monthly, cumulative },
  onePlusX: { monthly: 1, cumulative: 1 },
});

function batch(month: number, reports: MergeBatch['reports'], ledger: Ledger = emptyLedger(), currentMonth = month - 1): MergeBatch {
  return { table, ledger, currentMonth, month, reports, failures: [] };
}

const codes = (fs: Array<{ code: string }>) => fs.map((f) => f.code);

describe('mergeMonth: the contract', () => {
  test('merges month M for units with an accepted report; others keep what they had; missing listed', () => {
    let ledger = withEntry(emptyLedger(), 2, 'training', 1, { monthly: 5, cumulative: 5 });
    const r = mergeMonth(batch(1, [resolved(parsedReport('a.xlsx', '郑州市', full(100, 100)), 1)], ledger));
    expect(r.merged.map((m) => [m.unitId, m.unitName, m.warnings])).toEqual([[1, '郑州市', []]]);
    expect(getEntry(r.ledger, 1, 'training', 1)).toEqual({ monthly: 100, cumulative: 100 });
    expect(getEntry(r.ledger, 2, 'training', 1)).toEqual({ monthly: 5, cumulative: 5 });
    expect(r.missing).toEqual([30]);
    ledger = r.ledger;
    const again = mergeMonth(batch(1, [resolved(parsedReport('a.xlsx', '郑州市', full(100, 100)), 1)], ledger));
    expect(ledgerEntries(again.ledger)).toEqual(ledgerEntries(ledger));
    expect(again.changedUnits).toEqual([]);
    expect(codes(again.merged[0].warnings)).toEqual([]);
  });

  test('re-merging a month with other values replaces it with REPLACED (old → new), never adds', () => {
    const first = mergeMonth(batch(1, [resolved(parsedReport('a.xlsx', '郑州市', full(100, 100)), 1)]));
    const second = mergeMonth(batch(1, [resolved(parsedReport('b.xlsx', '郑州市', full(120, 120)), 1)], first.ledger));
    expect(getEntry(second.ledger, 1, 'training', 1)).toEqual({ monthly: 120, cumulative: 120 });
    const replaced = second.merged[0].warnings.filter((w) => w.code === 'REPLACED');
    expect(replaced).toHaveLength(2);
    expect(replaced[0].message).toContain('当月 100、累计 100 → 当月 120、累计 120');
  });

  test('two different reports for one unit: CONFLICT, neither merged; identical: one merged, DUPLICATE', () => {
    const conflict = mergeMonth(
      batch(1, [resolved(parsedReport('a.xlsx', '郑州市', full(100, 100)), 1), resolved(parsedReport('b.xlsx', '郑州市', full(90, 90)), 1)]),
    );
    expect(conflict.merged).toEqual([]);
    expect(codes(conflict.rejected)).toEqual(['CONFLICT', 'CONFLICT']);
    expect(conflict.rejected[0].message).toContain('a.xlsx');
    expect(conflict.ledger.size).toBe(0);
    const dup = mergeMonth(
      batch(1, [resolved(parsedReport('b.xlsx', '郑州市', full(100, 100)), 1), resolved(parsedReport('a.xlsx', '郑州市', full(100, 100)), 1)]),
    );
    expect(dup.merged.map((m) => m.file)).toEqual(['a.xlsx']);
    expect(dup.rejected.map((r) => [r.file, r.code])).toEqual([['b.xlsx', 'DUPLICATE']]);
  });

  test('STALE: a report identical to another month already merged is refused', () => {
    const jan = mergeMonth(batch(1, [resolved(parsedReport('jan.xlsx', '郑州市', full(100, 100)), 1)]));
    const feb = mergeMonth(batch(2, [resolved(parsedReport('feb.xlsx', '郑州市', full(100, 100)), 1)], jan.ledger));
    expect(codes(feb.rejected)).toEqual(['STALE']);
    expect(feb.rejected[0].message).toContain('1 月');
  });

  test('STALE compares what was typed: a blank 累计 re-sent is not derived again', () => {
    const jan = mergeMonth(batch(1, [resolved(parsedReport('jan.xlsx', '郑州市', full(100, 100)), 1)]));
    const typedFeb: Figures = {
      training: { monthly: 50, cumulative: null },
      certified: { monthly: 50, cumulative: null },
      onePlusX: { monthly: 1, cumulative: null },
    };
    const feb = mergeMonth(batch(2, [resolved(parsedReport('feb.csv', '郑州市', typedFeb), 1)], jan.ledger));
    expect(getEntry(feb.ledger, 1, 'training', 2)).toEqual({ monthly: 50, cumulative: 150 });
    const march = (figures: Figures) => mergeMonth(batch(3, [resolved(parsedReport('mar.xlsx', '郑州市', figures), 1)], feb.ledger));
    // The same typed values: STALE, February stays the last month counted.
    expect(codes(march(typedFeb).rejected)).toEqual(['STALE']);
    expect(ledgerEntries(march(typedFeb).ledger)).toEqual(ledgerEntries(feb.ledger));
    // 累计 written out as February's: the master cannot tell it from the derived one, so STALE too.
    expect(
      codes(
        march({ training: { monthly: 50, cumulative: 150 }, certified: { monthly: 50, cumulative: 150 }, onePlusX: { monthly: 1, cumulative: 2 } }).rejected,
      ),
    ).toEqual(['STALE']);
    // Any typed difference is a new month.
    expect(march({ ...typedFeb, training: { monthly: 60, cumulative: null } }).merged).toHaveLength(1);
    expect(march({ ...typedFeb, training: { monthly: 50, cumulative: 200 } }).merged).toHaveLength(1);
    expect(march({ ...typedFeb, onePlusX: { monthly: null, cumulative: null } }).merged).toHaveLength(1);
    // No progress sent twice is identical typing: STALE (the message offers 手工录入).
    const zero: Figures = { training: { monthly: 0, cumulative: 150 }, certified: { monthly: 0, cumulative: 150 }, onePlusX: { monthly: 0, cumulative: 2 } };
    const marchZero = mergeMonth(
      batch(3, [resolved(parsedReport('mar.xlsx', '郑州市', zero), 1)], march({ ...typedFeb, onePlusX: { monthly: 1, cumulative: 2 } }).ledger),
    );
    const aprilZero = mergeMonth(batch(4, [resolved(parsedReport('apr.xlsx', '郑州市', zero), 1)], marchZero.ledger));
    expect(codes(aprilZero.rejected)).toEqual(['STALE']);
    expect(aprilZero.rejected[0].message).toContain('手工录入');
    const byHand = { ...parsedReport('手工录入', '郑州市', zero), enteredByHand: true };
    expect(mergeMonth(batch(4, [resolved(byHand, 1)], marchZero.ledger)).merged).toHaveLength(1);
  });

  test('errors: NOT_A_NUMBER and NEGATIVE only for indicators with a quota; MISSING_CUMULATIVE without history', () => {
    const r = mergeMonth(
      batch(2, [
        resolved(parsedReport('a.xlsx', '郑州市', { training: { monthly: '约100', cumulative: 100 } }), 1),
        resolved(parsedReport('b.xlsx', '开封市', { training: { monthly: 10, cumulative: -5 } }), 2),
        resolved(parsedReport('c.xlsx', '河南工业大学', { training: { monthly: 10, cumulative: null } }), 30),
        resolved(parsedReport('d.xlsx', '郑州市', { training: { monthly: 1, cumulative: 1 }, advanced: { monthly: 'x', cumulative: 3 } }), 1),
      ]),
    );
    expect(r.rejected.map((x) => [x.file, x.code, x.findings[0].cell])).toEqual([
      ['a.xlsx', 'NOT_A_NUMBER', 'C4'],
      ['b.xlsx', 'NEGATIVE', 'D4'],
      ['c.xlsx', 'MISSING_CUMULATIVE', 'D4'],
    ]);
    expect(r.merged.map((m) => [m.file, codes(m.warnings)])).toEqual([['d.xlsx', ['VALUE_WITHOUT_QUOTA']]]);
    expect(getEntry(r.ledger, 1, 'advanced', 2)).toEqual({ monthly: null, cumulative: 3 });
  });

  test('warnings: derived cumulative, mismatch, decrease, correction, annual, rate, advanced > certified', () => {
    let ledger = emptyLedger();
    for (const [id, k, c] of [
      [1, 'training', 300],
      [2, 'training', 200],
      [30, 'training', 500],
      [30, 'certified', 100],
    ] as const) {
      ledger = withEntry(ledger, id, k, 1, { monthly: c, cumulative: c });
    }
    const r = mergeMonth(
      batch(
        2,
        [
          resolved(parsedReport('a.xlsx', '郑州市', { training: { monthly: 50, cumulative: null, annual: 999, rate: 0.35 } }), 1),
          resolved(parsedReport('b.xlsx', '开封市', { training: { monthly: -20, cumulative: 180 } }), 2),
          resolved(
            parsedReport('c.xlsx', '河南工业大学', {
              training: { monthly: 10, cumulative: 400 },
              certified: { monthly: 0, cumulative: 100 },
              advanced: { monthly: 150, cumulative: 150 },
            }),
            30,
          ),
        ],
        ledger,
      ),
    );
    expect(r.rejected).toEqual([]);
    const byFile = Object.fromEntries(r.merged.map((m) => [m.file, codes(m.warnings)]));
    expect(byFile['a.xlsx']).toEqual(['ANNUAL_MISMATCH', 'CUMULATIVE_DERIVED']);
    expect(getEntry(r.ledger, 1, 'training', 2)).toEqual({ monthly: 50, cumulative: 350 });
    expect(byFile['b.xlsx']).toEqual(['CORRECTION']);
    expect(byFile['c.xlsx']).toEqual(['CUMULATIVE_MISMATCH', 'CUMULATIVE_DECREASED', 'ADVANCED_EXCEEDS_CERTIFIED']);
    const rate = mergeMonth(batch(1, [resolved(parsedReport('r.xlsx', '郑州市', { training: { monthly: 250, cumulative: 250, rate: 0.3 } }), 1)]));
    expect(codes(rate.merged[0].warnings)).toEqual(['RATE_MISMATCH']);
  });

  test('dates: LATE after the due day (the 30th, or the last day of February), DATE_OUTSIDE_MONTH far off', () => {
    expect(dueDay(2023, 2)).toBe(28);
    expect(dueDay(2023, 3)).toBe(30);
    const at = (day: { year: number; month: number; day: number }) =>
      codes(mergeMonth(batch(2, [resolved(parsedReport('a.xlsx', '郑州市', full(5, 5), day), 1)])).merged[0]?.warnings ?? []).filter(
        (c) => c !== 'CUMULATIVE_MISMATCH',
      );
    expect(at({ year: 2023, month: 2, day: 27 })).toEqual([]);
    expect(at({ year: 2023, month: 3, day: 2 })).toEqual(['LATE']);
    expect(at({ year: 2023, month: 5, day: 2 })).toEqual(['DATE_OUTSIDE_MONTH']);
    expect(at({ year: 2022, month: 2, day: 20 })).toEqual(['DATE_OUTSIDE_MONTH']);
  });

  test('unknown units are rejected with the resolver finding, never merged', () => {
    const r = mergeMonth(
      batch(1, [
        {
          report: parsedReport('x.xlsx', '某某学院', full(1, 1)),
          unitId: null,
          unitFindings: [makeFinding('UNKNOWN_UNIT', { file: 'x.xlsx', reason: 'notInTable', name: '某某学院', suggestions: [] }, 'Sheet1', 'A2')],
        },
      ]),
    );
    expect(codes(r.rejected)).toEqual(['UNKNOWN_UNIT']);
    expect(r.ledger.size).toBe(0);
  });
});

describe('mergeMonth: properties', () => {
  const unitIds = table.units.map((u) => u.id);
  const reportArb = fc.record({
    unit: fc.constantFrom(...unitIds),
    variant: fc.integer({ min: 0, max: 2 }),
    monthly: fc.integer({ min: 0, max: 300 }),
  });
  const reportsArb = fc.array(reportArb, { maxLength: 8 }).map((rs) =>
    rs.map((r, i) => {
      const unit = table.units.find((u) => u.id === r.unit)!;
      // Variants make identical copies (DUPLICATE) and different ones (CONFLICT) likely.
      const m = r.monthly - (r.monthly % 3) + r.variant;
      return resolved(parsedReport(`f${i}.xlsx`, unit.name, full(m, m)), unit.id);
    }),
  );
  const ledgerArb = fc
    .array(fc.tuple(fc.constantFrom(...unitIds), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 500 })), { maxLength: 6 })
    .map((xs) => xs.reduce<Ledger>((l, [id, m, c]) => withEntry(l, id, 'training', m, { monthly: c, cumulative: c }), emptyLedger()));

  test('merging the same batch twice changes nothing the second time (idempotent)', () => {
    fc.assert(
      fc.property(ledgerArb, reportsArb, fc.integer({ min: 1, max: 4 }), (ledger, reports, month) => {
        const once = mergeMonth(batch(month, reports, ledger));
        const twice = mergeMonth(batch(month, reports, once.ledger, month));
        expect(ledgerEntries(twice.ledger)).toEqual(ledgerEntries(once.ledger));
        expect(twice.changedUnits).toEqual([]);
      }),
      { seed: 20230306, numRuns: 300 },
    );
  });

  test('the result does not depend on the order of the files', () => {
    fc.assert(
      fc.property(ledgerArb, reportsArb, fc.integer({ min: 1, max: 4 }), fc.integer(), (ledger, reports, month, seed) => {
        const shuffled = [...reports].sort((a, b) => ((a.report.file.length * 31 + seed) % 7) - ((b.report.file.length * 17 + seed) % 5));
        const a = mergeMonth(batch(month, reports, ledger));
        const b = mergeMonth(batch(month, shuffled.reverse(), ledger));
        expect(ledgerEntries(b.ledger)).toEqual(ledgerEntries(a.ledger));
        expect(b.merged).toEqual(a.merged);
        expect(new Set(b.rejected.map((r) => `${r.file}:${r.code}`))).toEqual(new Set(a.rejected.map((r) => `${r.file}:${r.code}`)));
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  test('undo restores the ledger and 截至月份 exactly', () => {
    fc.assert(
      fc.property(ledgerArb, reportsArb, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 3 }), (ledger, reports, month, current) => {
        const r = mergeMonth(batch(month, reports, ledger, current));
        const back = undoMerge(r.ledger, r.undo);
        expect(ledgerEntries(back.ledger)).toEqual(ledgerEntries(ledger));
        expect(back.month).toBe(current);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
