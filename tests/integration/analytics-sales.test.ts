import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client.ts';
import { appErrorOf } from '../support/app-error.ts';
import { useTestBackends } from '../support/open-test-backend.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const openBackend = useTestBackends();

const NOW = new Date('2026-06-30T12:00:00Z');
/** 181 days; the period before it is 2025-07-04 … 2025-12-31. */
const PERIOD = { from: '2026-01-01', to: '2026-06-30' };

interface World {
  api: ApiClient;
  ids: Record<string, string>;
  dana: string;
  erik: string;
}

/**
 * Five clients, two owners, worked out by hand (all moments at 10:00 UTC, so stays are whole days).
 *
 * Lifecycle (stage history):
 * - Ann (Dana, North, Web): created 2026-01-10 as prospect → lead 01-20 (10 days) → active 02-19 (30 days).
 * - Ben (Dana, " north", " web"): created 2026-01-05 with the default stage (nothing logged) → lead 01-25
 *   (20 days), still lead.
 * - Cid (Erik, South, Fair): created 2025-12-01 prospect → active 2026-03-01 (90 days, skipping lead)
 *   → lapsed 04-01 (31 days).
 * - Dee (no owner, no region, Referral): created 2026-02-01 as lead; changed to active 05-01 and undone:
 *   still lead, the undone change does not count.
 * - Eve (Erik, South, Web): created 2026-03-10 prospect → lost 04-10 (31 days).
 * Reached prospect: Ann, Ben, Cid, Eve (4), of whom Ann, Ben, Cid moved further (3/4). Reached lead: Ann,
 * Ben, Dee (3), of whom Ann went on (1/3). Reached active: Ann, Cid; nobody became loyal (0/2).
 * Prospect stays that ended in the period: 10, 20, 90, 31 days → median 25.5. Lead: Ann's 30 (Ben and Dee
 * still in it). Active: Cid's 31 (Ann still in it). The funnel's width (this stage or further): prospect
 * all 5 (Dee started as a lead), lead 4 (Ann, Ben, Dee, and Cid who skipped it), active 2.
 * New in the period: Ann, Ben, Dee, Eve: web 3, referral 1.
 *
 * Sales (KZT, today 2026-06-30): open D1 Ann qualification 100,000 (no probability → 20 % → 20,000,
 * expected 2026-07-15); D2 Ben proposal 200,000 at 30 % → 60,000, expected 2026-05-31 (overdue); D3 Ben
 * negotiation 50,000 (→ 75 % → 37,500, expected 2026-08-02); D4 Dee proposal without value; D5 Eve
 * negotiation 1,000 USD (another currency: left out). Won in the period: Ann 300,000 (created 01-10,
 * closed 03-01: 50 days), Cid 100,000 (02-01 → 02-21: 20 days), Eve 5,000 USD (03-01 → 03-11: 10 days).
 * Lost: Ben "Price" to Acme (04-01), Cid " price " to "ACME " (05-01), Dee "Timing" to Globex (05-10);
 * Ann lost to Acme on 2025-12-20 lies before the period. Win rate 3 / 6; average won 200,000 KZT;
 * cycle median 20 days. Offers in the period: Acme 180,000 against D2 (−10 %), acme 130,000 against D1
 * (+30 %), Acme 900 USD against D5 (another currency), Globex 10,000 with no deal; an Acme offer of
 * 2025-11-01 lies outside. Acme: 3 offers, 2 deals lost, median gap (−0.1 + 0.3) / 2 = +0.1.
 *
 * Team: Dana logs calls with Ann and Cid and a meeting with Ben; Erik a meeting and a visit with Eve
 * (and a call in 2025); a call with Dee has no author. Follow-ups due in the period: Ann's (Dana) done the
 * day before → on time; Ben's (no assignee → Dana) done two days late; Cid's (Erik) open since 06-01 →
 * overdue; Eve's (Erik), due on 06-29 all day, done that evening → on time. Payments: Ann 50,000 in
 * 2025-10 and 100,000 (cost 40,000) in 2026-03 → kept; Ben 20,000 in 2025-09 only → lost; Cid 80,000
 * (cost 30,000) in 2026-04 only → neither; Eve USD in both → kept; Dee in 2025-05 (before both) → neither.
 */
async function world(): Promise<World> {
  let now = NOW;
  const at = (moment: string) => {
    now = new Date(moment.length === 10 ? `${moment}T10:00:00.000Z` : moment);
  };
  const { api } = await openBackend(tempDir(), { now: () => now, dailyBackups: false });
  const dana = (await api.call('users.create', { name: 'Dana' })).id;
  const erik = (await api.call('users.create', { name: 'Erik' })).id;
  const ids: Record<string, string> = {};
  const create = async (
    name: string,
    day: string,
    fields: { stage?: 'prospect' | 'lead'; ownerId?: string; region?: string; source: string },
  ) => {
    at(day);
    ids[name] = (await api.call('clients.create', { name, kind: 'company', ...fields })).id;
  };
  const stage = async (name: string, day: string, to: 'lead' | 'active' | 'lapsed' | 'lost') => {
    at(day);
    await api.call('clients.update', { id: ids[name] ?? '', stage: to });
  };
  await create('Cid', '2025-12-01', { stage: 'prospect', ownerId: erik, region: 'South', source: 'Fair' });
  await create('Ben', '2026-01-05', { ownerId: dana, region: ' north', source: ' web' });
  await create('Ann', '2026-01-10', { stage: 'prospect', ownerId: dana, region: 'North', source: 'Web' });
  await stage('Ann', '2026-01-20', 'lead');
  await stage('Ben', '2026-01-25', 'lead');
  await create('Dee', '2026-02-01', { stage: 'lead', source: 'Referral' });
  await stage('Ann', '2026-02-19', 'active');
  await stage('Cid', '2026-03-01', 'active');
  await create('Eve', '2026-03-10', { ownerId: erik, region: 'South', source: 'Web' });
  await stage('Cid', '2026-04-01', 'lapsed');
  await stage('Eve', '2026-04-10', 'lost');
  await stage('Dee', '2026-05-01', 'active');
  at('2026-05-02');
  await api.call('history.undo', {});

  const deal = async (
    client: string,
    day: string,
    fields: Record<string, unknown> & {
      stage: 'qualification' | 'proposal' | 'negotiation' | 'won' | 'lost';
    },
  ) => {
    at(day);
    return (
      await api.call('deals.create', {
        clientId: ids[client] ?? '',
        title: `${client} deal`,
        ...fields,
      })
    ).id;
  };
  const kzt = (amount: number) => ({ amount, currency: 'KZT' });
  const d1 = await deal('Ann', '2026-06-01', {
    stage: 'qualification',
    value: kzt(100_000),
    expectedCloseOn: '2026-07-15',
  });
  const d2 = await deal('Ben', '2026-04-01', {
    stage: 'proposal',
    value: kzt(200_000),
    probability: 30,
    expectedCloseOn: '2026-05-31',
  });
  await deal('Ben', '2026-04-02', {
    stage: 'negotiation',
    value: kzt(50_000),
    expectedCloseOn: '2026-08-02',
  });
  await deal('Dee', '2026-04-03', { stage: 'proposal', probability: 50 });
  const d5 = await deal('Eve', '2026-04-04', {
    stage: 'negotiation',
    value: { amount: 1000, currency: 'USD' },
  });
  await deal('Ann', '2026-01-10', { stage: 'won', value: kzt(300_000), closedOn: '2026-03-01' });
  await deal('Cid', '2026-02-01', { stage: 'won', value: kzt(100_000), closedOn: '2026-02-21' });
  await deal('Eve', '2026-03-01', {
    stage: 'won',
    value: { amount: 5000, currency: 'USD' },
    closedOn: '2026-03-11',
  });
  await deal('Ben', '2026-02-01', {
    stage: 'lost',
    reason: 'Price',
    competitor: 'Acme',
    closedOn: '2026-04-01',
  });
  await deal('Cid', '2026-02-01', {
    stage: 'lost',
    reason: ' price ',
    competitor: 'ACME ',
    closedOn: '2026-05-01',
  });
  await deal('Dee', '2026-03-01', {
    stage: 'lost',
    reason: 'Timing',
    competitor: 'Globex',
    closedOn: '2026-05-10',
  });
  await deal('Ann', '2025-11-01', { stage: 'lost', competitor: 'Acme', closedOn: '2025-12-20' });
  const offer = (client: string, competitor: string, price: object, offeredOn: string, dealId?: string) =>
    api.call('competitorOffers.create', {
      clientId: ids[client] ?? '',
      competitor,
      price,
      offeredOn,
      ...(dealId ? { dealId } : {}),
    } as never);
  await offer('Ben', 'Acme', kzt(180_000), '2026-04-01', d2);
  await offer('Ann', 'acme', kzt(130_000), '2026-06-02', d1);
  await offer('Eve', 'Acme', { amount: 900, currency: 'USD' }, '2026-04-05', d5);
  await offer('Dee', 'Globex', kzt(10_000), '2026-03-02');
  await offer('Ann', 'Acme', kzt(90_000), '2025-11-01');

  const log = (client: string, kind: 'call' | 'meeting' | 'visit', moment: string, userId: string | null) =>
    api.call('interactions.log', {
      clientId: ids[client] ?? '',
      kind,
      occurredAt: moment,
      durationS: 600,
      userId,
    });
  await log('Ann', 'call', '2026-02-01T10:00:00.000Z', dana);
  await log('Cid', 'call', '2026-02-02T10:00:00.000Z', dana);
  await log('Ben', 'meeting', '2026-03-01T10:00:00.000Z', dana);
  await log('Eve', 'meeting', '2026-04-01T10:00:00.000Z', erik);
  await log('Eve', 'visit', '2026-04-02T10:00:00.000Z', erik);
  await log('Eve', 'call', '2025-12-01T10:00:00.000Z', erik);
  await log('Dee', 'call', '2026-05-01T10:00:00.000Z', null);
  const followup = async (
    client: string,
    due: { dueAt: string } | { dueOn: string },
    assigneeId?: string,
  ) => {
    at('2026-01-02');
    return (
      await api.call('followups.create', {
        clientId: ids[client] ?? '',
        title: `Call ${client}`,
        ...due,
        ...(assigneeId ? { assigneeId } : {}),
      })
    ).id;
  };
  const done = async (id: string, moment: string) => {
    at(moment);
    await api.call('followups.complete', { id });
  };
  await done(await followup('Ann', { dueAt: '2026-02-10T10:00:00.000Z' }, dana), '2026-02-09T10:00:00.000Z');
  await done(await followup('Ben', { dueAt: '2026-03-10T10:00:00.000Z' }), '2026-03-12T10:00:00.000Z');
  await followup('Cid', { dueAt: '2026-06-01T10:00:00.000Z' }, erik);
  await done(await followup('Eve', { dueOn: '2026-06-29' }, erik), '2026-06-29T18:00:00.000Z');
  await followup('Eve', { dueAt: '2026-07-05T10:00:00.000Z' }, erik);

  const pay = (client: string, amount: number, cost: number | null, day: string, currency = 'KZT') =>
    api.call('payments.record', {
      clientId: ids[client] ?? '',
      kind: 'payment',
      amount,
      ...(cost === null ? {} : { cost }),
      currency,
      issuedOn: day,
    });
  at('2026-06-30T12:00:00.000Z');
  await pay('Ann', 50_000, null, '2025-10-01');
  await pay('Ann', 100_000, 40_000, '2026-03-01');
  await pay('Ben', 20_000, null, '2025-09-01');
  await pay('Cid', 80_000, 30_000, '2026-04-01');
  await pay('Eve', 1000, null, '2025-08-01', 'USD');
  await pay('Eve', 2000, null, '2026-02-01', 'USD');
  await pay('Dee', 10_000, null, '2025-05-01');
  now = NOW;
  return { api, ids, dana, erik };
}

describe('Insights: lifecycle, sales, team and regions', () => {
  it('draws the lifecycle funnel from the stage history, leaving the undone change out', async () => {
    const { api } = await world();
    const report = await api.call('analytics.lifecycle', { period: PERIOD });
    const byStage = Object.fromEntries(report.stages.map((stage) => [stage.stage, stage]));
    expect(byStage.prospect).toMatchObject({
      reached: 4,
      reachedOrFurther: 5,
      converted: 3,
      conversion: 0.75,
      entered: 3,
      now: 0,
      medianDays: 25.5,
      completedStays: 4,
      openStays: 0,
    });
    expect(byStage.lead).toMatchObject({
      reached: 3,
      reachedOrFurther: 4,
      converted: 1,
      entered: 3,
      now: 2,
      medianDays: 30,
      completedStays: 1,
      openStays: 2,
    });
    expect(byStage.lead?.conversion).toBeCloseTo(1 / 3, 10);
    expect(byStage.active).toMatchObject({
      reached: 2,
      converted: 0,
      conversion: 0,
      medianDays: 31,
      openStays: 1,
    });
    expect(byStage.loyal).toMatchObject({ reached: 0, conversion: null, medianDays: null });
    expect(report).toMatchObject({ lapsed: 1, lost: 1, newClients: 4 });
    expect(report.newBySource).toEqual([
      { key: 'web', label: 'Web', clients: 3 },
      { key: 'referral', label: 'Referral', clients: 1 },
    ]);
  });

  it('weighs the pipeline, forecasts by month and judges wins, losses and competitors', async () => {
    const { api } = await world();
    const report = await api.call('analytics.sales', { period: PERIOD });
    expect(report.scope.currency).toBe('KZT');
    expect(report.pipeline).toEqual([
      {
        stage: 'qualification',
        deals: 1,
        unpriced: 0,
        value: 100_000,
        weighted: 20_000,
        defaultProbability: 20,
      },
      { stage: 'proposal', deals: 2, unpriced: 1, value: 200_000, weighted: 60_000, defaultProbability: 50 },
      {
        stage: 'negotiation',
        deals: 1,
        unpriced: 0,
        value: 50_000,
        weighted: 37_500,
        defaultProbability: 75,
      },
    ]);
    expect(report.totals).toEqual({ openDeals: 4, openValue: 350_000, weighted: 117_500, otherCurrency: 1 });
    const months = Object.fromEntries(report.forecast.map((month) => [month.month, month]));
    expect(report.forecast[0]).toEqual({ month: 'overdue', deals: 1, value: 200_000, weighted: 60_000 });
    expect(months['2026-06']).toEqual({ month: '2026-06', deals: 0, value: 0, weighted: 0 });
    expect(months['2026-07']).toMatchObject({ deals: 1, weighted: 20_000 });
    expect(months['2026-08']).toMatchObject({ deals: 1, weighted: 37_500 });
    expect(months.unscheduled).toMatchObject({ deals: 1, value: 0 });
    expect(report.forecast.filter((month) => /^\d/.test(month.month))).toHaveLength(12);
    expect(report.forecast.at(-2)?.month).toBe('2027-05');
    expect(report).toMatchObject({
      won: 3,
      lost: 3,
      winRate: 0.5,
      averageWonValue: 200_000,
      wonValue: 400_000,
      salesCycleDays: 20,
    });
    expect(report.lostReasons).toEqual([
      { key: 'price', label: 'Price', deals: 2 },
      { key: 'timing', label: 'Timing', deals: 1 },
    ]);
    expect(report.competitors).toEqual([
      { key: 'acme', label: 'Acme', offers: 3, dealsLost: 2, medianPriceGap: 0.1, priceCompared: 2 },
      { key: 'globex', label: 'Globex', offers: 1, dealsLost: 1, medianPriceGap: null, priceCompared: 0 },
    ]);
  });

  it('holds each owner and region to calls, follow-ups, clients gained, kept and lost, revenue and wins', async () => {
    const { api, dana, erik } = await world();
    const owners = await api.call('analytics.team', { period: PERIOD, by: 'owner' });
    expect(owners.previous).toEqual({ from: '2025-07-04', to: '2025-12-31' });
    const byOwner = Object.fromEntries(owners.rows.map((row) => [row.key ?? 'none', row]));
    expect(byOwner[dana]).toEqual({
      key: dana,
      label: 'Dana',
      calls: 2,
      meetings: 1,
      followupsOnTime: 1,
      followupsOverdue: 1,
      gained: 2,
      kept: 1,
      lost: 1,
      revenue: 100_000,
      profit: 60_000,
      dealsWon: 1,
      dealsLost: 1,
      winRate: 0.5,
    });
    expect(byOwner[erik]).toMatchObject({
      label: 'Erik',
      calls: 0,
      meetings: 1,
      followupsOnTime: 1,
      followupsOverdue: 1,
      gained: 1,
      kept: 1,
      lost: 0,
      revenue: 80_000,
      profit: 50_000,
      dealsWon: 2,
      dealsLost: 1,
    });
    expect(byOwner[erik]?.winRate).toBeCloseTo(2 / 3, 10);
    expect(byOwner.none).toMatchObject({ label: null, calls: 1, gained: 1, dealsLost: 1, winRate: 0 });

    const regions = await api.call('analytics.team', { period: PERIOD, by: 'region' });
    const byRegion = Object.fromEntries(regions.rows.map((row) => [row.key ?? 'none', row]));
    expect(byRegion.north).toMatchObject({
      label: 'North',
      calls: 1,
      meetings: 1,
      gained: 2,
      kept: 1,
      lost: 1,
    });
    expect(byRegion.south).toMatchObject({
      label: 'South',
      calls: 1,
      meetings: 1,
      revenue: 80_000,
      dealsWon: 2,
    });
    expect(byRegion.none).toMatchObject({ calls: 1, gained: 1 });
  });

  it('opens the client list on exactly the clients behind each number', async () => {
    const { api, dana, erik } = await world();
    const names = async (set: string) =>
      (await api.call('clients.list', { drill: { period: PERIOD, set } })).items
        .map((client) => client.name)
        .sort();
    expect(await names('reached:lead')).toEqual(['Ann', 'Ben', 'Dee']);
    expect(await names('entered:active')).toEqual(['Ann', 'Cid']);
    // Lead or further: Ann, Ben, Dee (lead) and Cid (active without having been a lead).
    expect(await names('atLeast:lead')).toEqual(['Ann', 'Ben', 'Cid', 'Dee']);
    expect(await names('newClients')).toEqual(['Ann', 'Ben', 'Dee', 'Eve']);
    expect(await names('entered:lapsed')).toEqual(['Cid']);
    expect(await names('group:stage:lead')).toEqual(['Ben', 'Dee']);
    expect(await names('newBySource:WEB')).toEqual(['Ann', 'Ben', 'Eve']);
    expect(await names('newBySource:referral')).toEqual(['Dee']);
    expect(await names('pipeline:proposal')).toEqual(['Ben', 'Dee']);
    expect(await names('lostTo:acme')).toEqual(['Ben', 'Cid']);
    expect(await names('lostReason:price')).toEqual(['Ben', 'Cid']);
    expect(await names('won')).toEqual(['Ann', 'Cid', 'Eve']);
    expect(await names(`team:owner:gained:${dana}`)).toEqual(['Ann', 'Ben']);
    expect(await names(`team:owner:won:${erik}`)).toEqual(['Cid', 'Eve']);
    expect(await names('team:owner:gained:')).toEqual(['Dee']);
    expect(await names('team:region:lost:North')).toEqual(['Ben']);
    expect(await names('team:region:kept:south')).toEqual(['Eve']);
    const unknown = await appErrorOf(
      api.call('clients.list', { drill: { period: PERIOD, set: 'team:colour:gained:x' } }),
    );
    expect(unknown.code).toBe('validation');
    expect(unknown.details?.issues?.[0]?.path).toBe('drill.set');
  });

  it('is empty and well defined with no data, and refuses bad periods and unknown filters', async () => {
    const { api } = await openBackend(tempDir(), { now: () => NOW, dailyBackups: false });
    const sales = await api.call('analytics.sales', { period: PERIOD });
    expect(sales.totals).toEqual({ openDeals: 0, openValue: 0, weighted: 0, otherCurrency: 0 });
    expect(sales).toMatchObject({
      won: 0,
      lost: 0,
      winRate: null,
      averageWonValue: null,
      salesCycleDays: null,
      lostReasons: [],
      competitors: [],
    });
    expect(sales.forecast.every((month) => month.deals === 0)).toBe(true);
    const lifecycle = await api.call('analytics.lifecycle', { period: PERIOD });
    expect(lifecycle.stages.every((stage) => stage.reached === 0 && stage.medianDays === null)).toBe(true);
    expect(lifecycle.stages.every((stage) => stage.conversion === null)).toBe(true);
    expect(lifecycle.newBySource).toEqual([]);
    const team = await api.call('analytics.team', { period: PERIOD });
    expect(team.rows).toEqual([]);
    const backwards = await appErrorOf(
      api.call('analytics.sales', { period: { from: '2026-05-01', to: '2026-04-01' } }),
    );
    expect(backwards.code).toBe('validation');
    const unknown = await appErrorOf(
      api.call('analytics.team', { period: PERIOD, filters: { colour: 'red' } as never }),
    );
    expect(unknown.code).toBe('validation');
  });

  it('counts only the deals of the asked currency in amounts', async () => {
    const { api } = await world();
    const usd = await api.call('analytics.sales', { period: PERIOD, filters: { currency: 'USD' } });
    expect(usd.totals).toMatchObject({ openDeals: 2, openValue: 1000, otherCurrency: 3 });
    expect(usd.averageWonValue).toBe(5000);
    expect(usd.competitors.find((competitor) => competitor.key === 'acme')).toMatchObject({
      medianPriceGap: -0.1,
      priceCompared: 1,
    });
  });
});
