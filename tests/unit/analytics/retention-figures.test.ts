import { describe, expect, it } from 'vitest';
import {
  activeOn,
  cohortsOf,
  dayNumber,
  lostDays,
  periodMonths,
  purchaseHistory,
  retentionOver,
} from '../../../db/analytics/figures/retention.ts';
import { retentionWhatIf } from '../../../shared/domain/analytics-retention.ts';

const d = dayNumber;
const ASOF = d('2026-03-31');
const history = (id: string, days: string[]) => purchaseHistory(id, days.map(d), ASOF);

/**
 * Seven clients, by hand (allowance: the longer of 180 days and twice the mean gap so far):
 * - A bought 2025-07-01 only: lost 181 days later, 2025-12-29 — before the period.
 * - B bought 2025-08-01 only: lost 2026-01-29.
 * - C bought 2025-09-15 (lost on 2026-03-15 unless it buys) and bought again 2026-02-10: never lost.
 * - D first bought 2026-02-20.
 * - E bought 2025-06-01, was lost 2025-11-29, came back 2025-12-01 (mean gap 183 → allowance 366).
 * - F first bought 2026-01-05 and again 2026-03-02; G bought 2026-01-20 only.
 */
const world = [
  history('A', ['2025-07-01']),
  history('B', ['2025-08-01']),
  history('C', ['2025-09-15', '2026-02-10']),
  history('D', ['2026-02-20']),
  history('E', ['2025-06-01', '2025-12-01']),
  history('F', ['2026-01-05', '2026-03-02']),
  history('G', ['2026-01-20']),
];

describe('lost clients', () => {
  it('counts a client lost the day after its allowance: 180 days, or twice its own mean gap', () => {
    expect(lostDays([0])).toEqual([181]);
    expect(lostDays([0, 100])).toEqual([181, 301]);
    expect(lostDays([0, 300, 600])).toEqual([181, 901, 1201]);
  });

  it('knows the days a client was lost and when it was active', () => {
    const a = purchaseHistory('a', [0, 300], 1000);
    expect(a.lapses).toEqual([181, 901]);
    expect([180, 181, 299, 300, 900, 901].map((day) => activeOn(a, day))).toEqual([
      true,
      false,
      false,
      true,
      true,
      false,
    ]);
    expect(purchaseHistory('a', [0, 300], 900).lapses).toEqual([181]);
    expect(world.find((h) => h.clientId === 'E')?.lapses).toEqual([d('2025-11-29')]);
  });
});

describe('retention rate', () => {
  it('is the share of clients active at the start of a stretch that were not lost during it', () => {
    // Active on 2025-12-31: B, C, E. B is lost on 2026-01-29. New: D, F, G.
    expect(retentionOver(world, { from: d('2026-01-01'), to: ASOF })).toMatchObject({
      activeAtStart: 3,
      retained: 2,
      lost: 1,
      newClients: 3,
      retentionRate: 0.6667,
      lostIds: ['B'],
      retainedIds: ['C', 'E'],
    });
  });

  it('per month over the period', () => {
    const months = periodMonths(d('2026-01-01'), ASOF).map(({ month, range }) => {
      const { lostIds: _lost, retainedIds: _kept, ...stretch } = retentionOver(world, range);
      return { month, ...stretch };
    });
    expect(months).toEqual([
      { month: '2026-01', activeAtStart: 3, retained: 2, lost: 1, newClients: 2, retentionRate: 0.6667 },
      { month: '2026-02', activeAtStart: 4, retained: 4, lost: 0, newClients: 1, retentionRate: 1 },
      { month: '2026-03', activeAtStart: 5, retained: 5, lost: 0, newClients: 0, retentionRate: 1 },
    ]);
  });

  it('clips the months to the period and has no rate with nobody active', () => {
    expect(periodMonths(d('2026-01-15'), d('2026-02-10')).map(({ range }) => range)).toEqual([
      { from: d('2026-01-15'), to: d('2026-01-31') },
      { from: d('2026-02-01'), to: d('2026-02-10') },
    ]);
    expect(retentionOver([], { from: 0, to: 10 }).retentionRate).toBeNull();
  });
});

describe('cohorts', () => {
  it('gives each first-purchase month of the period the share that bought in each month after', () => {
    const cohorts = cohortsOf(world, ['2026-01', '2026-02', '2026-03'], ASOF);
    const nulls = (count: number) => new Array<null>(count).fill(null);
    // January: F and G; in February neither bought, in March F did. February: D alone.
    expect(cohorts).toEqual([
      { month: '2026-01', clients: 2, buyers: [2, 0, 1, ...nulls(10)], shares: [1, 0, 0.5, ...nulls(10)] },
      { month: '2026-02', clients: 1, buyers: [1, 0, ...nulls(11)], shares: [1, 0, ...nulls(11)] },
    ]);
  });
});

describe('what if more clients were kept', () => {
  it('keeps N % of the clients active at the start, at most the lost ones, at the retained average', () => {
    const period = { activeAtStart: 3, lost: 1, profitPerRetained: 1000 };
    expect(retentionWhatIf(period, 10)).toEqual({ extraClients: 0.3, profitGained: 300 });
    expect(retentionWhatIf(period, 50)).toEqual({ extraClients: 1, profitGained: 1000 });
    expect(retentionWhatIf(period, -5)).toEqual({ extraClients: 0, profitGained: 0 });
    expect(retentionWhatIf({ ...period, profitPerRetained: null }, 10)).toEqual({
      extraClients: 0.3,
      profitGained: null,
    });
  });
});
