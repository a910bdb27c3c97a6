import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client.ts';
import { appErrorOf } from '../support/app-error.ts';
import { useTestBackends } from '../support/open-test-backend.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const openBackend = useTestBackends();

const NOW = new Date('2026-06-30T12:00:00Z');
const PERIOD = { from: '2026-01-01', to: '2026-06-30' };

type Payment = [kind: 'payment' | 'refund', amount: number, day: string, cost?: number];

async function clientsWith(api: ApiClient, payments: Record<string, Payment[]>) {
  const ids: Record<string, string> = {};
  for (const [name, list] of Object.entries(payments)) {
    const id = (await api.call('clients.create', { name, kind: 'company' })).id;
    ids[name] = id;
    for (const [kind, amount, day, cost] of list)
      await api.call('payments.record', {
        clientId: id,
        kind,
        amount,
        currency: 'KZT',
        issuedOn: day,
        ...(cost === undefined ? {} : { cost }),
      });
  }
  return ids;
}

/**
 * The segments world, by hand (KZT, period 2026-01-01 – 2026-06-30, today 2026-06-30):
 * - Ace: 100,000 on 04-01, 05-10 and 06-20 → recency 10 days, 3 days, 300,000.
 * - Bolt: 50,000 on 03-01 and 06-25 → recency 5, 2 days, 100,000.
 * - Cobra: 30,000 on 02-01 → recency 149, 1 day, 30,000.
 * - Dune: 40,000 paid and refunded → revenue 0: not paying.
 * - Elm (already VIP): 20,000 on 06-01 → recency 29, 1 day, 20,000.
 * - Fig: 500,000 dated 2026-07-15, after today: not counted. Gale: paid in 2025 only.
 * Mid-rank quintiles of the four paying clients: R Bolt 5, Ace 4, Elm 2, Cobra 1; F Ace 5, Bolt 4,
 * Cobra and Elm 2; M Ace 5, Bolt 4, Cobra 2, Elm 1 → Ace 455 loyal, Bolt 544 champions, Cobra 122 and
 * Elm 221 hibernating. ABC of 450,000: Ace (0 before) A, Bolt (66.7 % before) A, Cobra (88.9 %) B,
 * Elm (95.6 %) C. VIP suggestions: Ace and Bolt.
 */
async function segmentsWorld() {
  const { api } = await openBackend(tempDir(), { now: () => NOW, dailyBackups: false });
  const ids = await clientsWith(api, {
    Ace: [
      ['payment', 100_000, '2026-04-01'],
      ['payment', 100_000, '2026-05-10'],
      ['payment', 100_000, '2026-06-20'],
    ],
    Bolt: [
      ['payment', 50_000, '2026-03-01'],
      ['payment', 50_000, '2026-06-25'],
    ],
    Cobra: [['payment', 30_000, '2026-02-01']],
    Dune: [
      ['payment', 40_000, '2026-01-10'],
      ['refund', 40_000, '2026-01-20'],
    ],
    Elm: [['payment', 20_000, '2026-06-01']],
    Fig: [['payment', 500_000, '2026-07-15']],
    Gale: [['payment', 10_000, '2025-12-15']],
  });
  await api.call('clients.update', { id: ids.Elm ?? '', vip: true });
  return { api, ids };
}

describe('Insights: segments', () => {
  it('scores the paying clients, names their segments and sorts them into ABC classes', async () => {
    const { api } = await segmentsWorld();
    const report = await api.call('analytics.segments', { period: PERIOD });
    expect(report.scope).toMatchObject({ currency: 'KZT', clients: 7 });
    expect(report.asOf).toBe('2026-06-30');
    expect(report.payingClients).toBe(4);
    expect(report.revenue).toBe(450_000);
    const sizes = Object.fromEntries(report.segments.map((s) => [s.segment, [s.clients, s.revenue]]));
    expect(sizes).toMatchObject({ champions: [1, 100_000], loyal: [1, 300_000], hibernating: [2, 50_000] });
    expect(report.segments.reduce((sum, s) => sum + s.clients, 0)).toBe(4);
    expect(report.segments.find((s) => s.segment === 'loyal')?.revenueShare).toBeCloseTo(2 / 3, 4);
    const cells = report.grid
      .filter((cell) => cell.clients > 0)
      .map((cell) => [cell.r, cell.f, cell.clients]);
    expect(cells).toEqual([
      [5, 4, 1],
      [4, 5, 1],
      [2, 2, 1],
      [1, 2, 1],
    ]);
    expect(report.abc).toEqual([
      { abc: 'A', clients: 2, revenue: 400_000, clientShare: 0.5, revenueShare: 0.8889 },
      { abc: 'B', clients: 1, revenue: 30_000, clientShare: 0.25, revenueShare: 0.0667 },
      { abc: 'C', clients: 1, revenue: 20_000, clientShare: 0.25, revenueShare: 0.0444 },
    ]);
    expect(report.vipSuggestions.total).toBe(2);
    expect(report.vipSuggestions.items.map((item) => [item.name, item.abc, item.rfm.score])).toEqual([
      ['Ace', 'A', '455'],
      ['Bolt', 'A', '544'],
    ]);

    const page = await api.call('analytics.clients', { period: PERIOD, sort: 'name', direction: 'asc' });
    const byName = Object.fromEntries(page.items.map((item) => [item.name, item]));
    expect(byName.Ace?.rfm).toEqual({ r: 4, f: 5, m: 5, score: '455', segment: 'loyal' });
    expect(byName.Ace?.abc).toBe('A');
    expect(byName.Elm?.abc).toBe('C');
    expect(byName.Dune).toMatchObject({ rfm: null, abc: null });
    expect(byName.Gale).toMatchObject({ rfm: null, abc: null });
  });

  it('opens the client list on a segment, a cell, a class and the suggestions', async () => {
    const { api } = await segmentsWorld();
    const names = async (set: string) =>
      (await api.call('clients.list', { drill: { period: PERIOD, set } })).items.map((c) => c.name).sort();
    expect(await names('rfm:champions')).toEqual(['Bolt']);
    expect(await names('rfm:hibernating')).toEqual(['Cobra', 'Elm']);
    expect(await names('rfm:lost')).toEqual([]);
    expect(await names('rfmCell:1:2')).toEqual(['Cobra']);
    expect(await names('abc:A')).toEqual(['Ace', 'Bolt']);
    expect(await names('abc:C')).toEqual(['Elm']);
    expect(await names('vipSuggested')).toEqual(['Ace', 'Bolt']);
  });

  it('marks a suggested client VIP, then all of them in one step that one undo takes back', async () => {
    const { api, ids } = await segmentsWorld();
    const suggested = async () =>
      (await api.call('analytics.segments', { period: PERIOD })).vipSuggestions.items.map(
        (item) => item.name,
      );
    await api.call('clients.update', { id: ids.Ace ?? '', vip: true });
    expect(await suggested()).toEqual(['Bolt']);
    await api.call('history.undo', {});
    expect(await suggested()).toEqual(['Ace', 'Bolt']);
    expect(await api.call('analytics.markSuggestedVip', { period: PERIOD })).toEqual({ marked: 2 });
    expect(await suggested()).toEqual([]);
    expect((await api.call('clients.get', { id: ids.Bolt ?? '' })).vip).toBe(true);
    await api.call('history.undo', {});
    expect(await suggested()).toEqual(['Ace', 'Bolt']);
    expect(await api.call('analytics.markSuggestedVip', { period: PERIOD })).toEqual({ marked: 2 });
    expect(await api.call('analytics.markSuggestedVip', { period: PERIOD })).toEqual({ marked: 0 });
  });

  it('is empty without payments, scores one client in the middle, and refuses bad input', async () => {
    const { api } = await openBackend(tempDir(), { now: () => NOW, dailyBackups: false });
    const empty = await api.call('analytics.segments', { period: PERIOD });
    expect(empty.scope.currency).toBeNull();
    expect(empty).toMatchObject({ payingClients: 0, revenue: 0, vipSuggestions: { total: 0, items: [] } });
    expect(empty.segments.every((s) => s.clients === 0 && s.revenueShare === 0)).toBe(true);
    expect(empty.abc.every((a) => a.clients === 0 && a.clientShare === 0)).toBe(true);

    await clientsWith(api, { Solo: [['payment', 5_000, '2026-03-03']] });
    const one = await api.call('analytics.segments', { period: PERIOD });
    // One client is in the middle of every ranking (333: need attention) and makes all the revenue (A).
    expect(one.vipSuggestions.items.map((item) => [item.rfm.score, item.rfm.segment, item.abc])).toEqual([
      ['333', 'needAttention', 'A'],
    ]);
    const backwards = await appErrorOf(
      api.call('analytics.segments', { period: { from: '2026-05-01', to: '2026-04-01' } }),
    );
    expect(backwards.code).toBe('validation');
    const unknown = await appErrorOf(
      api.call('analytics.segments', { period: PERIOD, filters: { colour: 'red' } as never }),
    );
    expect(unknown.code).toBe('validation');
    const future = await api.call('analytics.segments', { period: { from: '2026-07-01', to: '2026-12-31' } });
    expect(future.payingClients).toBe(0);
  });
});

/**
 * The retention world, by hand (KZT, period 2026-01-01 – 2026-03-31, today 2026-03-31); a client is
 * lost the day its silence passes the longer of 180 days and twice its mean gap between purchases:
 * - Avon 2025-07-01 only: lost 2025-12-29, before the period. Birch 2025-08-01 (cost 2,000 of
 *   10,000): lost 2026-01-29. Cedar 2025-09-15 and 2026-02-10 (10,000, cost 4,000): never lost.
 * - Dale first 2026-02-20 (10,000). Ember 2025-06-01, lost 2025-11-29, back 2025-12-01: active.
 * - Flint first 2026-01-05 and again 2026-03-02; Grove 2026-01-20 only, refunded 1,000 on 2026-03-10.
 * - Haze paid 9,000 on 2026-05-01, after today: ignored.
 * Active on 2025-12-31: Birch, Cedar, Ember; Birch is lost in January → retention 2 / 3. Retained
 * profit in the period: Cedar 6,000 (Ember paid nothing in it) → 3,000 per retained client.
 * Cohorts: January (Flint, Grove) bought again in March 1 of 2; February (Dale).
 */
async function retentionWorld() {
  const now = new Date('2026-03-31T12:00:00Z');
  const { api } = await openBackend(tempDir(), { now: () => now, dailyBackups: false });
  const ids = await clientsWith(api, {
    Avon: [['payment', 10_000, '2025-07-01', 2000]],
    Birch: [['payment', 10_000, '2025-08-01', 2000]],
    Cedar: [
      ['payment', 10_000, '2025-09-15', 2000],
      ['payment', 10_000, '2026-02-10', 4000],
    ],
    Dale: [['payment', 10_000, '2026-02-20']],
    Ember: [
      ['payment', 10_000, '2025-06-01'],
      ['payment', 10_000, '2025-12-01'],
    ],
    Flint: [
      ['payment', 10_000, '2026-01-05'],
      ['payment', 10_000, '2026-03-02'],
    ],
    Grove: [
      ['payment', 10_000, '2026-01-20'],
      ['refund', 1_000, '2026-03-10'],
    ],
    Haze: [['payment', 9_000, '2026-05-01']],
  });
  return { api, ids };
}

describe('Insights: retention', () => {
  const period = { from: '2026-01-01', to: '2026-03-31' };

  it('works out retention by month, the clients lost, the cohorts and the what-if base', async () => {
    const { api } = await retentionWorld();
    const report = await api.call('analytics.retention', { period });
    expect(report.asOf).toBe('2026-03-31');
    expect(report.period).toEqual({
      activeAtStart: 3,
      retained: 2,
      lost: 1,
      newClients: 3,
      retentionRate: 0.6667,
      retainedProfit: 6000,
      profitPerRetained: 3000,
    });
    expect(
      report.months.map((m) => [m.month, m.activeAtStart, m.lost, m.newClients, m.retentionRate]),
    ).toEqual([
      ['2026-01', 3, 1, 2, 0.6667],
      ['2026-02', 4, 0, 1, 1],
      ['2026-03', 5, 0, 0, 1],
    ]);
    expect(report.cohorts.map((c) => [c.month, c.clients, c.shares.slice(0, 4)])).toEqual([
      ['2026-01', 2, [1, 0, 0.5, null]],
      ['2026-02', 1, [1, 0, null, null]],
    ]);
  });

  it('opens the client list on the clients lost in a month and on a cohort', async () => {
    const { api } = await retentionWorld();
    const names = async (set: string) =>
      (await api.call('clients.list', { drill: { period, set } })).items.map((c) => c.name).sort();
    expect(await names('lost:2026-01')).toEqual(['Birch']);
    expect(await names('lost:2026-02')).toEqual([]);
    expect(await names('lostInPeriod')).toEqual(['Birch']);
    expect((await appErrorOf(names('lost'))).code).toBe('validation');
    expect(await names('cohort:2026-01')).toEqual(['Flint', 'Grove']);
    expect(await names('cohort:2025-06')).toEqual(['Ember']);
    const bad = await appErrorOf(api.call('clients.list', { drill: { period, set: 'cohort:soon' } }));
    expect(bad.code).toBe('validation');
  });

  it('is well defined with no payments and with a single client', async () => {
    const { api } = await openBackend(tempDir(), { now: () => NOW, dailyBackups: false });
    const empty = await api.call('analytics.retention', { period: PERIOD });
    expect(empty.period).toMatchObject({ activeAtStart: 0, retentionRate: null, profitPerRetained: null });
    expect(empty.months.map((m) => [m.month, m.activeAtStart, m.retentionRate])).toEqual([
      ['2026-01', 0, null],
      ['2026-02', 0, null],
      ['2026-03', 0, null],
      ['2026-04', 0, null],
      ['2026-05', 0, null],
      ['2026-06', 0, null],
    ]);
    expect(empty.cohorts).toEqual([]);
    await clientsWith(api, { Solo: [['payment', 5_000, '2026-03-03']] });
    const one = await api.call('analytics.retention', { period: PERIOD });
    expect(one.period).toMatchObject({ activeAtStart: 0, newClients: 1, retentionRate: null });
    expect(one.months.map((m) => m.retentionRate)).toEqual([null, null, null, 1, 1, 1]);
    expect(one.cohorts.map((c) => [c.month, c.clients, c.shares.slice(0, 5)])).toEqual([
      ['2026-03', 1, [1, 0, 0, 0, null]],
    ]);
  });
});
