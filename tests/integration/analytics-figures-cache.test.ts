import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client.ts';
import type { ClientFigures } from '../../shared/domain/analytics.ts';
import { useSyncTeam } from '../support/sync-team.ts';
import { uploadText } from '../support/upload-text.ts';

const { tempDir, openBackend, startServer, laptop } = useSyncTeam();

const NOW = new Date('2026-06-30T12:00:00Z');
const PERIOD = { from: '2026-01-01', to: '2026-06-30' };
const SEGMENTS = ['Retail', ' retail', 'RETAIL ', 'Public', 'Опт', null] as const;
const REGIONS = ['Almaty', 'Astana', null] as const;

function daysAfter(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A small deterministic random sequence, so the world is the same on every run. */
function randomOf(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/**
 * Twenty-four clients of two owners with payments, refunds, invoices paid late or not at all,
 * interactions and service requests over the year, some outside the period, in two currencies.
 */
async function seedWorld(api: ApiClient) {
  const random = randomOf(15);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const owners = [
    (await api.call('users.create', { name: 'Dana' })).id,
    (await api.call('users.create', { name: 'Erlan' })).id,
  ];
  const clients: string[] = [];
  for (let i = 0; i < 24; i++) {
    const segment = pick(SEGMENTS);
    const region = pick(REGIONS);
    const owner = pick([...owners, null]);
    clients.push(
      (
        await api.call('clients.create', {
          name: `Client ${String(i).padStart(2, '0')}`,
          kind: 'company',
          ...(segment === null ? {} : { segment }),
          ...(region === null ? {} : { region }),
          ...(owner === null ? {} : { ownerId: owner }),
        })
      ).id,
    );
  }
  const day = () =>
    `2026-${String(1 + Math.floor(random() * 7)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
  const payments: string[] = [];
  const invoices: string[] = [];
  for (let i = 0; i < 60; i++) {
    const kind = pick(['payment', 'payment', 'payment', 'refund', 'invoice'] as const);
    const issuedOn = random() < 0.1 ? '2025-11-15' : day();
    const amount = 1000 + Math.floor(random() * 90_000);
    const recorded = await api.call('payments.record', {
      clientId: pick(clients),
      kind,
      amount,
      currency: random() < 0.9 ? 'KZT' : 'USD',
      issuedOn,
      ...(kind === 'payment' ? { cost: Math.floor(amount * random()) } : {}),
      ...(kind === 'invoice'
        ? {
            dueOn: daysAfter(issuedOn, 10),
            ...(random() < 0.5 ? { paidOn: daysAfter(issuedOn, Math.floor(random() * 80)) } : {}),
          }
        : {}),
    });
    (kind === 'invoice' ? invoices : payments).push(recorded.id);
  }
  const interactions: string[] = [];
  for (let i = 0; i < 40; i++)
    interactions.push(
      (
        await api.call('interactions.log', {
          clientId: pick(clients),
          kind: pick(['call', 'meeting', 'visit'] as const),
          occurredAt: `${day()}T10:00:00.000Z`,
          durationS: 60 * Math.floor(5 + random() * 300),
        })
      ).interaction.id,
    );
  const requests: string[] = [];
  for (let i = 0; i < 10; i++)
    requests.push(
      (await api.call('serviceRequests.open', { clientId: pick(clients), title: `Request ${String(i)}` })).id,
    );
  await api.call('analytics.updateSettings', {
    costCurrency: 'KZT',
    hourlyCost: 6000,
    serviceRequestCost: 10_000,
  });
  return { owners, clients, payments, invoices, interactions, requests };
}

/**
 * Every answer the figures' caches serve, as the pages ask for them, without what is not cached (the time
 * of the answer, and the lifetime figures, made fresh from the stored model on every call).
 */
async function answers(api: ApiClient) {
  const segment = (await api.call('analytics.options', {})).segments[0] ?? 'Retail';
  const drill = async (set: string) =>
    (await api.call('clients.list', { limit: 200, drill: { period: PERIOD, set } })).items
      .map((c) => c.name)
      .sort();
  const clients = await api.call('analytics.clients', {
    period: PERIOD,
    sort: 'profitAfterService',
    limit: 500,
  });
  const dashboard = await api.call('analytics.dashboard', { period: PERIOD });
  return withoutMoments({
    options: await api.call('analytics.options', {}),
    bySegment: await api.call('analytics.revenue', { period: PERIOD, by: 'segment' }),
    byOwner: await api.call('analytics.revenue', { period: PERIOD, by: 'owner' }),
    byRegion: await api.call('analytics.revenue', { period: PERIOD, by: 'region', filters: { segment } }),
    inUsd: await api.call('analytics.revenue', { period: PERIOD, filters: { currency: 'USD' } }),
    clients: withoutLifetime(clients.items),
    losing: withoutLifetime(
      (
        await api.call('analytics.clients', {
          period: PERIOD,
          unprofitable: true,
          sort: 'revenue',
          direction: 'asc',
        })
      ).items,
    ),
    dashboard: { ...dashboard, valueAtRisk: null },
    unprofitable: await drill('unprofitable'),
    topFifth: await drill('topFifth'),
    retail: await drill('group:segment:retail'),
  });
}

/** Rows of analytics.clients without the lifetime figures, which follow the background refits. */
function withoutLifetime(items: readonly ClientFigures[]) {
  return items.map(
    ({
      historicValue: _h,
      predictedValue: _v,
      pAlive: _p,
      expectedPurchases: _e,
      churnRisk: _c,
      churnReasons: _r,
      ...rest
    }) => rest,
  );
}

function withoutMoments<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (key, inner: unknown) => (key === 'computedAt' ? null : inner)),
  ) as T;
}

/** The same answers from a backend opened afresh on the same folder: nothing cached, all computed cold. */
async function coldAnswers(dataDir: string) {
  const { api, backend } = await openBackend(dataDir, { now: () => NOW, dailyBackups: false, sync: false });
  try {
    return await answers(api);
  } finally {
    backend.close();
  }
}

describe('Insights: the figures kept in memory are the figures computed afresh, after every kind of change', () => {
  it('mends them after payments, interactions, service requests, client edits, merges, undo and imports', async () => {
    const dataDir = tempDir();
    const { api } = await openBackend(dataDir, { now: () => NOW, dailyBackups: false, sync: false });
    const world = await seedWorld(api);
    const [a = '', b = '', c = '', d = ''] = world.clients;
    const expectSameAsCold = async (after: string) => {
      const warm = await answers(api);
      expect({ after, ...warm }).toEqual({ after, ...(await coldAnswers(dataDir)) });
    };
    await expectSameAsCold('nothing');
    const changes: [string, () => Promise<unknown>][] = [
      [
        'a payment recorded',
        () =>
          api.call('payments.record', {
            clientId: a,
            kind: 'payment',
            amount: 70_000,
            currency: 'KZT',
            issuedOn: '2026-03-03',
            cost: 1000,
          }),
      ],
      [
        'a payment edited',
        () => api.call('payments.update', { id: world.payments[0] ?? '', amount: 5, currency: 'KZT' }),
      ],
      [
        'a payment moved to another client',
        () => api.call('payments.update', { id: world.payments[1] ?? '', clientId: b }),
      ],
      ['a payment deleted', () => api.call('payments.delete', { id: world.payments[2] ?? '' })],
      ['the deletion undone', () => api.call('history.undo', {})],
      [
        'an invoice paid',
        () => api.call('payments.update', { id: world.invoices[0] ?? '', paidOn: '2026-06-29' }),
      ],
      [
        'a call logged',
        () =>
          api.call('interactions.log', {
            clientId: c,
            kind: 'call',
            occurredAt: '2026-05-05T09:00:00.000Z',
            durationS: 7200,
          }),
      ],
      [
        'an interaction moved',
        () => api.call('interactions.update', { id: world.interactions[0] ?? '', clientId: d }),
      ],
      [
        'an interaction re-dated',
        () =>
          api.call('interactions.update', {
            id: world.interactions[1] ?? '',
            occurredAt: '2025-01-01T00:00:00.000Z',
          }),
      ],
      ['an interaction deleted', () => api.call('interactions.delete', { id: world.interactions[2] ?? '' })],
      [
        'a service request opened',
        () => api.call('serviceRequests.open', { clientId: d, title: 'Late delivery' }),
      ],
      [
        'a service request deleted',
        () => api.call('serviceRequests.delete', { id: world.requests[0] ?? '' }),
      ],
      ['a segment changed', () => api.call('clients.update', { id: a, segment: '  Retail' })],
      ['an owner changed', () => api.call('clients.update', { id: b, ownerId: world.owners[1] ?? null })],
      ['a stage changed', () => api.call('clients.update', { id: c, stage: 'loyal' })],
      ['a client renamed', () => api.call('clients.update', { id: d, name: 'Aaa first now' })],
      ['a client deleted', () => api.call('clients.delete', { id: c })],
      ['the deletion undone', () => api.call('history.undo', {})],
      ['two clients merged', () => api.call('clients.merge', { id: b, intoId: a })],
      [
        'a new client with a payment',
        async () => {
          const id = (
            await api.call('clients.create', { name: 'Newcomer', kind: 'person', segment: 'Public' })
          ).id;
          await api.call('payments.record', {
            clientId: id,
            kind: 'payment',
            amount: 9999,
            currency: 'KZT',
            issuedOn: '2026-06-29',
          });
        },
      ],
      [
        'a team member renamed',
        () => api.call('users.update', { id: world.owners[0] ?? '', name: 'Dana K.' }),
      ],
      ['the hourly cost changed', () => api.call('analytics.updateSettings', { hourlyCost: 60_000 })],
    ];
    for (const [after, change] of changes) {
      await change();
      await expectSameAsCold(after);
    }
    // An import of clients, then the import taken back as one step.
    const fileId = await uploadText(
      api,
      'clients.csv',
      'Company,Segment,Region\r\nSteppe Foods,Retail,Almaty\r\nTea House,wholesale,Astana\r\n',
    );
    const inspected = await api.call('imports.inspect', { fileId });
    const report = await api.call('imports.run', { fileId, mapping: inspected.mapping, expectedRows: 2 });
    expect(report.created).toBe(2);
    await expectSameAsCold('an import');
    const [run] = (await api.call('imports.list', {})).items;
    await api.call('imports.undo', { id: run?.id ?? '' });
    await expectSameAsCold('the import undone');
  });

  it('mends them after changes received by sync', async () => {
    const server = await startServer();
    const one = await laptop(server.url, 'aigerim@steppe.kz', 'correct horse 1', { now: () => NOW });
    const two = await laptop(server.url, 'dmitry@steppe.kz', 'correct horse 2', { now: () => NOW });
    const world = await seedWorld(one.api);
    await one.sync();
    await two.sync();
    const cold = () => coldAnswers(one.dataDir);
    expect(await answers(one.api)).toEqual(await cold());
    const [a = '', b = ''] = world.clients;
    await two.api.call('payments.record', {
      clientId: a,
      kind: 'payment',
      amount: 123_456,
      currency: 'KZT',
      issuedOn: '2026-02-02',
    });
    await two.api.call('clients.update', { id: b, segment: 'Public', stage: 'lost' });
    await two.api.call('interactions.log', {
      clientId: b,
      kind: 'visit',
      occurredAt: '2026-04-04T10:00:00.000Z',
      durationS: 36_000,
    });
    await two.sync();
    await one.sync();
    expect(await answers(one.api)).toEqual(await cold());
  });
});
