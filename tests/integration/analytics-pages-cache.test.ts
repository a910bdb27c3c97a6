import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client.ts';
import type { Method, MethodInput } from '../../shared/api/contract.ts';
import { useTestBackends } from '../support/open-test-backend.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const openBackend = useTestBackends();

const NOW = new Date('2026-06-30T12:00:00Z');
const period = { from: '2026-01-01', to: '2026-06-30' };
const options = { now: () => NOW, dailyBackups: false, lifetimeValueRefits: false };

/** Every page whose figures are kept per client and mended after changes (db/analytics/mended-by-client.ts). */
const pages: { method: Method; input: MethodInput<Method> }[] = [
  { method: 'analytics.lifetime', input: { period } },
  { method: 'analytics.segments', input: { period } },
  { method: 'analytics.retention', input: { period } },
  { method: 'analytics.lifecycle', input: { period } },
  { method: 'analytics.sales', input: { period } },
  { method: 'analytics.team', input: { period, by: 'owner' } },
  { method: 'analytics.team', input: { period, by: 'region' } },
  { method: 'analytics.payments', input: { period } },
  { method: 'analytics.campaigns', input: { period } },
  { method: 'analytics.service', input: { period } },
  { method: 'analytics.segments', input: { period, filters: { region: 'North' } } },
  { method: 'analytics.dashboard', input: { period } },
  { method: 'analytics.dashboard', input: { period, filters: { region: 'North' } } },
  { method: 'analytics.clients', input: { period, sort: 'churnRisk' } },
  { method: 'analytics.clients', input: { period, sort: 'revenue', limit: 1 } },
  { method: 'analytics.clients', input: { period, unprofitable: true, direction: 'asc' } },
  { method: 'analytics.options', input: {} },
  { method: 'analytics.revenue', input: { period, by: 'segment' } },
  { method: 'analytics.revenue', input: { period, by: 'owner' } },
  { method: 'analytics.lifecycle', input: { period, filters: { region: 'North' } } },
  { method: 'analytics.team', input: { period, by: 'owner', filters: { region: 'North' } } },
];

async function answers(api: ApiClient) {
  const all = [];
  for (const page of pages) all.push(await api.call(page.method, page.input));
  return all;
}

describe('Insights pages kept in memory', () => {
  it('answer after every kind of change exactly as a backend that computes them afresh', async () => {
    const dataDir = tempDir();
    const { api } = await openBackend(dataDir, options);
    /** The same pages from a second backend on the same file: nothing kept, everything computed. */
    const fresh = async () => {
      const other = await openBackend(dataDir, options);
      const computed = await answers(other.api);
      other.backend.close();
      return computed;
    };
    const same = async () => expect(await answers(api)).toEqual(await fresh());

    const user = (await api.call('users.create', { name: 'Dana' })).id;
    const client = async (name: string, region: string) =>
      (await api.call('clients.create', { name, kind: 'company', region, ownerId: user })).id;
    const a = await client('Alpha', 'North');
    const b = await client('Bravo', 'South');
    const pay = (clientId: string, amount: number, day: string) =>
      api.call('payments.record', {
        clientId,
        kind: 'payment',
        amount,
        cost: amount / 4,
        currency: 'KZT',
        issuedOn: day,
        paidOn: day,
      });
    await pay(a, 10_000, '2026-02-01');
    await pay(a, 20_000, '2026-04-01');
    await pay(b, 5_000, '2026-03-01');
    const campaign = await api.call('campaigns.create', { name: 'Fair', startsOn: '2026-02-15' });
    await api.call('campaigns.addMember', { campaignId: campaign.id, clientId: a });
    await same();

    // A payment, an invoice, then the payment moved to the other client, re-dated and deleted; undo.
    const late = await pay(b, 7_000, '2026-05-01');
    await same();
    await api.call('payments.record', {
      clientId: a,
      kind: 'invoice',
      amount: 3_000,
      currency: 'KZT',
      issuedOn: '2026-05-01',
      dueOn: '2026-05-15',
    });
    await same();
    await api.call('payments.update', { id: late.id, clientId: a });
    await same();
    await api.call('payments.update', { id: late.id, paidOn: '2025-12-01', issuedOn: '2025-12-01' });
    await same();
    await api.call('payments.delete', { id: late.id });
    await same();
    await api.call('history.undo', {});
    await same();

    // Calls and follow-ups, deals, service requests, competitors' offers.
    await api.call('interactions.log', {
      clientId: b,
      kind: 'call',
      occurredAt: '2026-03-10T10:00:00.000Z',
      durationS: 600,
      userId: user,
    });
    await api.call('followups.create', {
      clientId: b,
      title: 'Call back',
      dueAt: '2026-04-01T10:00:00.000Z',
    });
    await same();
    const deal = await api.call('deals.create', {
      clientId: b,
      title: 'Order',
      stage: 'proposal',
      value: { amount: 50_000, currency: 'KZT' },
    });
    await same();
    await api.call('deals.update', { id: deal.id, stage: 'won', closedOn: '2026-06-01' });
    await same();
    const request = await api.call('serviceRequests.open', {
      clientId: a,
      title: 'Broken',
    });
    await same();
    await api.call('serviceRequests.update', { id: request.id, status: 'resolved', rating: 4 });
    await same();

    // Client edits: its stage (lifecycle), its region (the scope of a filter), a campaign's members, a delete.
    await api.call('clients.update', { id: b, stage: 'active' });
    await same();
    await api.call('clients.update', { id: b, region: 'North' });
    await same();
    await api.call('campaigns.addMember', { campaignId: campaign.id, clientId: b });
    await same();
    await api.call('clients.delete', { id: a });
    await same();
    await api.call('history.undo', {});
    await same();
  });
});

describe('Insights pages kept in memory as time passes', () => {
  it('count a pending follow-up as overdue once its deadline passed, as a fresh backend does', async () => {
    const dataDir = tempDir();
    let now = new Date('2026-06-10T09:00:00Z');
    const clock = { now: () => now, dailyBackups: false, lifetimeValueRefits: false };
    const { api } = await openBackend(dataDir, clock);
    const user = (await api.call('users.create', { name: 'Dana' })).id;
    const client = (await api.call('clients.create', { name: 'Alpha', kind: 'company', ownerId: user })).id;
    await api.call('followups.create', {
      clientId: client,
      title: 'Call',
      dueAt: '2026-06-10T10:00:00.000Z',
    });
    await api.call('followups.create', {
      clientId: client,
      title: 'Mail',
      dueAt: '2026-06-20T10:00:00.000Z',
    });
    const team = async (of: ApiClient) =>
      Promise.all((['owner', 'region'] as const).map((by) => of.call('analytics.team', { period, by })));
    const fresh = async () => {
      const other = await openBackend(dataDir, clock);
      const computed = await team(other.api);
      other.backend.close();
      return computed;
    };
    const before = await team(api);
    expect(before[0]?.rows[0]).toMatchObject({ followupsOverdue: 0 });
    expect(before).toEqual(await fresh());
    // An hour later the first is overdue; ten days later both are. Nothing was written in between.
    for (const later of ['2026-06-10T11:00:00Z', '2026-06-21T00:00:00Z']) {
      now = new Date(later);
      expect(await team(api)).toEqual(await fresh());
    }
    expect((await team(api))[0]?.rows[0]).toMatchObject({ followupsOverdue: 2 });
  });
});
