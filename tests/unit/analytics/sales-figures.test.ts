import { describe, expect, it } from 'vitest';
import { type ClientLifecycle, lifecycleSets } from '../../../db/analytics/figures/lifecycle.ts';
import {
  followupTiming,
  forecastMonthOf,
  groupTexts,
  median,
  priceGap,
  stageStays,
  weightedValue,
} from '../../../db/analytics/figures/sales-math.ts';
import { type SalesDeal, salesFigures } from '../../../db/analytics/figures/sales.ts';
import { periodBefore, teamTable } from '../../../db/analytics/figures/team.ts';

const day = (d: string) => `${d}T10:00:00.000Z`;
const change = (d: string, from: string | null, to: string) => ({
  at: day(d),
  oldValue: from === null ? null : JSON.stringify(from),
  newValue: JSON.stringify(to),
});

describe('stage history', () => {
  it('starts at the stage logged with the creation, else the first change’s old value, else the current one', () => {
    const until = day('2027-01-01');
    expect(
      stageStays(
        { createdAt: day('2026-01-01'), stage: 'active' },
        [change('2026-01-01', null, 'lead')],
        until,
      ),
    ).toEqual([{ stage: 'lead', from: day('2026-01-01'), to: null }]);
    expect(
      stageStays(
        { createdAt: day('2026-01-01'), stage: 'lead' },
        [change('2026-01-11', 'prospect', 'lead')],
        until,
      ),
    ).toEqual([
      { stage: 'prospect', from: day('2026-01-01'), to: day('2026-01-11') },
      { stage: 'lead', from: day('2026-01-11'), to: null },
    ]);
    expect(stageStays({ createdAt: day('2026-01-01'), stage: 'loyal' }, [], until)).toEqual([
      { stage: 'loyal', from: day('2026-01-01'), to: null },
    ]);
  });

  it('ignores a change back to the stage the client is in (an undo whose change is left out) and cuts at the end', () => {
    const stays = stageStays(
      { createdAt: day('2026-01-01'), stage: 'lead' },
      [
        change('2026-01-01', null, 'lead'),
        change('2026-02-01', 'active', 'lead'),
        change('2026-03-01', 'lead', 'active'),
      ],
      day('2026-02-15'),
    );
    expect(stays).toEqual([{ stage: 'lead', from: day('2026-01-01'), to: null }]);
  });
});

describe('lifecycle funnel', () => {
  const client = (id: string, stays: [string, string, string | null][]): ClientLifecycle => ({
    id,
    stage: 'lead',
    createdAt: day(stays[0]?.[1] ?? '2026-01-01'),
    source: null,
    stays: stays.map(([stage, from, to]) => ({
      stage: stage as ClientLifecycle['stage'],
      from: day(from),
      to: to === null ? null : day(to),
    })),
  });
  // A: prospect 4 days → lead 6 days → active (open). B: prospect 10 days → lost. C: prospect (open).
  // D: prospect since 2025, ended 2026-01-03 after 33 days → active (open, skipping lead).
  const clients = [
    client('A', [
      ['prospect', '2026-01-01', '2026-01-05'],
      ['lead', '2026-01-05', '2026-01-11'],
      ['active', '2026-01-11', null],
    ]),
    client('B', [
      ['prospect', '2026-01-01', '2026-01-11'],
      ['lost', '2026-01-11', null],
    ]),
    client('C', [['prospect', '2026-02-01', null]]),
    client('D', [
      ['prospect', '2025-12-01', '2026-01-03'],
      ['active', '2026-01-03', null],
    ]),
  ];
  const sets = lifecycleSets(clients, {
    fromMoment: day('2026-01-01'),
    toMomentExclusive: day('2026-12-31'),
  });

  it('counts who reached a stage and who later went further (skipping a stage counts)', () => {
    expect([...(sets.reached.get('prospect') ?? [])].sort()).toEqual(['A', 'B', 'C', 'D']);
    // A (lead), D (active) went further; B was lost; C is still a prospect: 2 of 4.
    expect([...(sets.converted.get('prospect') ?? [])].sort()).toEqual(['A', 'D']);
    expect([...(sets.converted.get('lead') ?? [])]).toEqual(['A']);
  });

  it('takes the median over finished stays only and counts the open ones apart', () => {
    // Prospect stays that ended in the period: 4, 10, 33 days (C's is open) → median 10.
    expect(median(sets.completedDays.get('prospect') ?? [])).toBe(10);
    expect([...(sets.open.get('prospect') ?? [])]).toEqual(['C']);
    expect(sets.completedDays.get('active')).toEqual([]);
    expect(sets.open.get('active')?.size).toBe(2);
    // D's prospect stay began before the period: D did not enter it in the period.
    expect([...(sets.entered.get('prospect') ?? [])].sort()).toEqual(['A', 'B', 'C']);
  });
});

describe('sales figures', () => {
  const deal = (fields: Partial<SalesDeal> & Pick<SalesDeal, 'stage'>): SalesDeal => ({
    clientId: 'c',
    value: null,
    currency: 'KZT',
    probability: null,
    expectedCloseOn: null,
    closedOn: null,
    createdAt: day('2026-01-01'),
    reason: null,
    competitor: null,
    ...fields,
  });

  it('weighs a deal by its probability, else by its stage’s default', () => {
    expect(weightedValue(1000, 40, 'qualification')).toBe(400);
    expect(weightedValue(1000, null, 'qualification')).toBe(200);
    expect(weightedValue(1000, null, 'negotiation')).toBe(750);
    expect(weightedValue(1000, 0, 'negotiation')).toBe(0);
  });

  it('puts an expected close in its month, overdue before today, later past twelve months', () => {
    expect(forecastMonthOf('2026-06-29', '2026-06-30')).toBe('overdue');
    expect(forecastMonthOf('2026-06-30', '2026-06-30')).toBe('2026-06');
    expect(forecastMonthOf('2027-05-31', '2026-06-30')).toBe('2027-05');
    expect(forecastMonthOf('2027-06-01', '2026-06-30')).toBe('later');
    expect(forecastMonthOf(null, '2026-06-30')).toBe('unscheduled');
  });

  it('groups free-text reasons case-insensitively under their most common spelling', () => {
    expect(groupTexts(['Price', ' price', 'PRICE', 'price', 'Timing', null, '  '])).toEqual([
      { key: 'price', label: 'price', count: 4 },
      { key: null, label: null, count: 2 },
      { key: 'timing', label: 'Timing', count: 1 },
    ]);
  });

  it('measures the price gap as a share of our value', () => {
    expect(priceGap(90, 100)).toBeCloseTo(-0.1, 10);
    expect(priceGap(150, 100)).toBe(0.5);
    expect(priceGap(10, 0)).toBeNull();
  });

  it('works out win rate, average won deal and the sales cycle', () => {
    // Won: 1,000 in 10 days, 3,000 in 30 days, 2,000 in 41 days; lost: one. Win rate 3/4, average 2,000,
    // median cycle 30 days. An open deal with no probability in negotiation: 4,000 × 75 % = 3,000.
    const figures = salesFigures(
      [
        deal({ stage: 'won', value: 1000, createdAt: day('2026-01-01'), closedOn: '2026-01-11' }),
        deal({ stage: 'won', value: 3000, createdAt: day('2026-01-01'), closedOn: '2026-01-31' }),
        deal({ stage: 'won', value: 2000, createdAt: day('2026-02-01'), closedOn: '2026-03-14' }),
        deal({ stage: 'lost', reason: 'Price' }),
        deal({ stage: 'negotiation', value: 4000, expectedCloseOn: '2026-01-15' }),
      ],
      [],
      'KZT',
      '2026-03-31',
    );
    expect(figures).toMatchObject({
      won: 3,
      lost: 1,
      winRate: 0.75,
      averageWonValue: 2000,
      salesCycleDays: 30,
    });
    expect(figures.totals).toEqual({ openDeals: 1, openValue: 4000, weighted: 3000, otherCurrency: 0 });
    expect(figures.forecast[0]).toEqual({ month: 'overdue', deals: 1, value: 4000, weighted: 3000 });
  });
});

describe('team figures', () => {
  it('tells follow-ups done on time from late and overdue ones', () => {
    const now = day('2026-06-30');
    const due = { dueAt: day('2026-06-10'), allDay: false };
    expect(followupTiming({ ...due, status: 'done', completedAt: day('2026-06-10') }, now)).toBe('onTime');
    expect(followupTiming({ ...due, status: 'done', completedAt: day('2026-06-11') }, now)).toBe('late');
    expect(followupTiming({ ...due, status: 'open', completedAt: null }, now)).toBe('overdue');
    expect(followupTiming({ ...due, status: 'open', completedAt: null }, day('2026-06-01'))).toBe('pending');
    expect(followupTiming({ ...due, status: 'cancelled', completedAt: null }, now)).toBe('cancelled');
    // Due on a day: done any time that day is on time.
    const allDay = { dueAt: '2026-06-10T00:00:00.000Z', allDay: true };
    expect(followupTiming({ ...allDay, status: 'done', completedAt: '2026-06-10T23:59:00.000Z' }, now)).toBe(
      'onTime',
    );
    expect(followupTiming({ ...allDay, status: 'done', completedAt: '2026-06-11T00:00:00.000Z' }, now)).toBe(
      'late',
    );
  });

  it('counts clients gained, kept and lost per owner', () => {
    const { rows, sets } = teamTable(
      {
        clients: [
          { id: 'a', ownerId: 'u1', region: null, createdAt: day('2026-02-01') },
          { id: 'b', ownerId: 'u1', region: null, createdAt: day('2025-02-01') },
          { id: 'c', ownerId: 'u1', region: null, createdAt: day('2025-02-01') },
          { id: 'd', ownerId: null, region: null, createdAt: day('2025-02-01') },
        ],
        interactions: [{ clientId: 'd', userId: 'u1', calls: 2, meetings: 1 }],
        followups: [],
        payments: [
          { clientId: 'a', paidNow: true, paidBefore: false, revenue: 100, profit: 40 },
          { clientId: 'b', paidNow: true, paidBefore: true, revenue: 50, profit: 10 },
          { clientId: 'c', paidNow: false, paidBefore: true, revenue: 0, profit: 0 },
        ],
        deals: [],
        names: new Map([['u1', 'Dana']]),
      },
      'owner',
      { fromMoment: day('2026-01-01'), toMomentExclusive: day('2026-07-01'), now: day('2026-06-30') },
    );
    // a is new, b paid in both periods, c only before; d has no owner but u1 logged its calls.
    expect(rows.find((row) => row.key === 'u1')).toMatchObject({
      label: 'Dana',
      gained: 1,
      kept: 1,
      lost: 1,
      revenue: 150,
      profit: 50,
      calls: 2,
      meetings: 1,
      winRate: null,
    });
    expect([...(sets.get('u1')?.lost ?? [])]).toEqual(['c']);
  });

  it('compares with the period just before, of the same length', () => {
    expect(periodBefore('2026-01-01', '2026-06-30')).toEqual({ from: '2025-07-04', to: '2025-12-31' });
    expect(periodBefore('2026-03-01', '2026-03-31')).toEqual({ from: '2026-01-29', to: '2026-02-28' });
  });
});
