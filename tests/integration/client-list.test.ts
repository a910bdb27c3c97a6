import type BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { encodeCursor } from '../../db/cursor.ts';
import { listClients } from '../../db/queries/clients.ts';
import type { Db } from '../../db/sql.ts';
import type { ApiClient } from '../../shared/api/client.ts';
import {
  type Client,
  ClientListInput,
  type ClientListInput as ListInput,
  type ClientPage,
} from '../../shared/domain/client.ts';
import { appErrorOf } from '../support/app-error.ts';
import { useTestBackends } from '../support/open-test-backend.ts';
import { fullScans, useMigratedDb } from '../support/query-plan.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const openBackend = useTestBackends();
const openDb = useMigratedDb();

const NOW = new Date('2026-06-15T12:00:00Z');
const PLAN_ID = '0190a5b2-0000-7000-8000-000000000000';
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

interface World {
  api: ApiClient;
  clients: Client[];
  owner: string;
  tag: string;
}

/** Twelve clients that differ in every way the list filters and sorts. */
async function world(): Promise<World> {
  const { api } = await openBackend(tempDir(), { now: () => NOW, dailyBackups: false });
  const owner = (await api.call('users.create', { name: 'Dana' })).id;
  const tag = (await api.call('tags.create', { name: 'Key account' })).id;
  const made: string[] = [];
  const specs = [
    { name: 'Alpha', stage: 'active', segment: 'Retail', vip: true, contactDaysAgo: 3, dueInDays: -2 },
    { name: 'Bravo', stage: 'lead', segment: 'Retail', vip: false, contactDaysAgo: 40, dueInDays: 5 },
    {
      name: 'Charlie',
      stage: 'active',
      segment: 'Public',
      vip: false,
      contactDaysAgo: null,
      dueInDays: null,
    },
    { name: 'Delta', stage: 'lapsed', segment: 'Retail', vip: true, contactDaysAgo: 200, dueInDays: -30 },
    { name: 'Echo', stage: 'active', segment: null, vip: false, contactDaysAgo: 10, dueInDays: 1 },
    { name: 'Foxtrot', stage: 'loyal', segment: 'Public', vip: false, contactDaysAgo: 90, dueInDays: null },
    { name: 'Golf', stage: 'active', segment: 'Retail', vip: false, contactDaysAgo: null, dueInDays: -1 },
    { name: 'Hotel', stage: 'prospect', segment: null, vip: false, contactDaysAgo: 1, dueInDays: 20 },
    { name: 'India', stage: 'active', segment: 'Retail', vip: true, contactDaysAgo: 35, dueInDays: null },
    { name: 'Juliett', stage: 'lost', segment: null, vip: false, contactDaysAgo: 365, dueInDays: null },
    { name: 'Kilo', stage: 'active', segment: 'Public', vip: false, contactDaysAgo: null, dueInDays: 3 },
    { name: 'Lima', stage: 'lead', segment: 'Retail', vip: false, contactDaysAgo: 60, dueInDays: -5 },
  ] as const;
  for (const [i, spec] of specs.entries()) {
    const client = await api.call('clients.create', {
      name: spec.name,
      kind: i % 3 === 0 ? 'person' : 'company',
      stage: spec.stage,
      segment: spec.segment,
      vip: spec.vip,
      ownerId: i % 2 === 0 ? owner : null,
    });
    made.push(client.id);
    if (spec.contactDaysAgo !== null) {
      await api.call('interactions.log', {
        clientId: client.id,
        kind: 'call',
        occurredAt: daysAgo(spec.contactDaysAgo),
      });
    }
    if (spec.dueInDays !== null) {
      await api.call('followups.create', {
        clientId: client.id,
        title: 'Call',
        dueAt: daysAgo(-spec.dueInDays),
      });
    }
    if (i % 4 === 1) await api.call('clients.tag', { clientId: client.id, tagId: tag });
  }
  const clients = await Promise.all(made.map((id) => api.call('clients.get', { id })));
  return { api, clients, owner, tag };
}

/** Every page of the list, following cursors. */
async function allPages(api: ApiClient, input: ListInput): Promise<string[]> {
  const names: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 50; page++) {
    const result: ClientPage = await api.call('clients.list', { ...input, after, limit: 3 });
    names.push(...result.items.map((client) => client.name));
    if (result.nextCursor === null) return names;
    after = result.nextCursor;
  }
  throw new Error('the list never ended');
}

const byName = (a: Client, b: Client) => a.name.localeCompare(b.name);
const names = (clients: Client[]) => clients.map((client) => client.name);

describe('clients.list filters', () => {
  it('narrows by each filter, and by several at once (AND)', async () => {
    const { api, clients, owner, tag } = await world();
    const expectFilter = async (input: ListInput, keep: (client: Client) => boolean) => {
      expect(await allPages(api, input), JSON.stringify(input)).toEqual(
        names(clients.filter(keep).sort(byName)),
      );
    };
    await expectFilter({}, () => true);
    await expectFilter({ stage: 'active' }, (c) => c.stage === 'active');
    await expectFilter({ segment: 'Retail' }, (c) => c.segment === 'Retail');
    await expectFilter({ vip: true }, (c) => c.vip);
    await expectFilter({ vip: false }, (c) => !c.vip);
    await expectFilter({ kind: 'person' }, (c) => c.kind === 'person');
    await expectFilter({ ownerId: owner }, (c) => c.ownerId === owner);
    await expectFilter({ ownerId: null }, (c) => c.ownerId === null);
    await expectFilter({ tagId: tag }, (c) => c.tags.some((t) => t.id === tag));
    await expectFilter(
      { lastContactBefore: daysAgo(30) },
      (c) => c.lastContactAt === null || c.lastContactAt < daysAgo(30),
    );
    await expectFilter(
      { hasOverdueFollowup: true },
      (c) => c.nextFollowupAt !== null && c.nextFollowupAt < NOW.toISOString(),
    );
    await expectFilter(
      { hasOverdueFollowup: false },
      (c) => c.nextFollowupAt === null || c.nextFollowupAt >= NOW.toISOString(),
    );
    await expectFilter(
      { stage: 'active', segment: 'Retail', lastContactBefore: daysAgo(30), hasOverdueFollowup: true },
      (c) =>
        c.stage === 'active' &&
        c.segment === 'Retail' &&
        (c.lastContactAt === null || c.lastContactAt < daysAgo(30)) &&
        c.nextFollowupAt !== null &&
        c.nextFollowupAt < NOW.toISOString(),
    );
    // The combination above is not empty, so the test proves something.
    expect(await allPages(api, { stage: 'active', segment: 'Retail', hasOverdueFollowup: true })).toEqual([
      'Alpha',
      'Golf',
    ]);
  });

  it('includes tags on every client, and leaves out deleted tags and clients', async () => {
    const { api, clients, tag } = await world();
    const tagged = clients.filter((c) => c.tags.length > 0);
    expect(tagged.length).toBe(3);
    expect(tagged[0]?.tags).toEqual([{ id: tag, name: 'Key account', color: null }]);
    const first = tagged[0];
    if (!first) throw new Error('no tagged client');
    await api.call('clients.delete', { id: first.id });
    expect(await allPages(api, { tagId: tag })).toHaveLength(2);
    await api.call('tags.delete', { id: tag });
    const listed = await api.call('clients.list', { limit: 50 });
    expect(listed.items.every((client) => client.tags.length === 0)).toBe(true);
  });
});

describe('clients.list sorts', () => {
  it('sorts by name, last contact, next follow-up and creation, both ways, empty values last', async () => {
    const { api, clients } = await world();
    const sorted = (key: (c: Client) => string | null, direction: 'asc' | 'desc') => {
      const withValue = clients.filter((c) => key(c) !== null);
      const without = clients.filter((c) => key(c) === null);
      const sign = direction === 'asc' ? 1 : -1;
      withValue.sort(
        (a, b) => sign * ((key(a) ?? '').localeCompare(key(b) ?? '') || a.id.localeCompare(b.id)),
      );
      without.sort((a, b) => sign * a.id.localeCompare(b.id));
      return names([...withValue, ...without]);
    };
    for (const direction of ['asc', 'desc'] as const) {
      expect(await allPages(api, { sort: 'name', direction })).toEqual(
        sorted((c) => c.name.toLowerCase(), direction),
      );
      expect(await allPages(api, { sort: 'lastContact', direction })).toEqual(
        sorted((c) => c.lastContactAt, direction),
      );
      expect(await allPages(api, { sort: 'nextFollowup', direction })).toEqual(
        sorted((c) => c.nextFollowupAt, direction),
      );
      expect(await allPages(api, { sort: 'created', direction })).toEqual(
        sorted((c) => c.createdAt, direction),
      );
    }
    // Quietest first, with a filter: the "going quiet" view.
    const quiet = await api.call('clients.list', {
      sort: 'lastContact',
      lastContactBefore: daysAgo(30),
      limit: 3,
    });
    expect(names(quiet.items)).toEqual(['Juliett', 'Delta', 'Foxtrot']);
  });

  it('refuses a cursor that is not one, and a bad filter value, with the field named', async () => {
    const { api } = await world();
    expect((await appErrorOf(api.call('clients.list', { after: 'garbage' }))).code).toBe('validation');
    const badDate = await appErrorOf(api.call('clients.list', { lastContactBefore: 'last week' }));
    expect(badDate.code).toBe('validation');
    expect(JSON.stringify(badDate.details)).toContain('lastContactBefore');
    expect((await appErrorOf(api.call('clients.list', { sort: 'profit' as 'name' }))).code).toBe(
      'validation',
    );
  });
});

describe('clients.list by revenue', () => {
  it('orders by lifetime revenue in one currency, then the rest by name, and follows every payment', async () => {
    const { api } = await openBackend(tempDir(), { dailyBackups: false });
    const made: Record<string, string> = {};
    for (const name of ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo']) {
      made[name] = (await api.call('clients.create', { name, kind: 'company' })).id;
    }
    const pay = (name: string, kind: 'payment' | 'refund' | 'invoice', amount: number, currency = 'KZT') =>
      api.call('payments.record', { clientId: made[name] ?? '', kind, amount, currency });
    await pay('Alpha', 'payment', 100);
    await pay('Bravo', 'payment', 500);
    await pay('Bravo', 'refund', 450); // 50 left
    await pay('Charlie', 'payment', 300);
    await pay('Charlie', 'invoice', 9999); // an invoice is not revenue
    const gone = await pay('Delta', 'payment', 1000);
    await pay('Echo', 'payment', 5000, 'USD'); // another currency: not compared with KZT
    await api.call('payments.delete', { id: gone.id });

    const names = (input: ListInput) =>
      allPages(api, { sort: 'revenue', revenueCurrency: 'KZT', direction: 'desc', ...input });
    expect(await names({})).toEqual(['Charlie', 'Alpha', 'Bravo', 'Delta', 'Echo']);
    expect(await names({ direction: 'asc' })).toEqual(['Bravo', 'Alpha', 'Charlie', 'Delta', 'Echo']);
    expect(await allPages(api, { sort: 'revenue', revenueCurrency: 'USD', direction: 'desc' })).toEqual([
      'Echo',
      'Alpha',
      'Bravo',
      'Charlie',
      'Delta',
    ]);
    // The currency most clients paid in is the default.
    expect(await allPages(api, { sort: 'revenue', direction: 'desc' })).toEqual(await names({}));
    expect(await api.call('clients.revenueCurrencies', {})).toEqual({
      currencies: [
        { currency: 'KZT', clients: 3 },
        { currency: 'USD', clients: 1 },
      ],
    });
    // Restoring the deleted payment puts Delta on top, in the same transaction.
    await api.call('payments.restore', { id: gone.id });
    expect((await names({}))[0]).toBe('Delta');
    // Filters still apply.
    await api.call('clients.update', { id: made.Charlie ?? '', stage: 'lost' });
    expect(await names({ stage: 'prospect' })).toEqual(['Delta', 'Alpha', 'Bravo', 'Echo']);
  });
});

describe('clients.list query plans', () => {
  /** Runs the list with a Db whose statements only explain themselves; returns every plan step. */
  async function plansOf(input: ListInput): Promise<string[]> {
    const db = await openDb(tempDir());
    const steps: string[] = [];
    const explaining: Db = {
      ...db,
      prepare: (sql: string) =>
        ({
          all: (...params: unknown[]) => {
            const rows = db.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as {
              detail: string;
            }[];
            steps.push(...rows.map((row) => row.detail));
            return [];
          },
        }) as unknown as BetterSqlite3.Statement,
    };
    listClients(explaining, ClientListInput.parse(input), NOW);
    return steps;
  }

  it.each([
    [{ sort: 'name' }, 'client_live_by_name'],
    [{ sort: 'name', direction: 'desc' }, 'client_live_by_name'],
    [{ sort: 'lastContact' }, 'client_live_by_last_contact'],
    [{ sort: 'nextFollowup', direction: 'desc' }, 'client_live_by_next_followup'],
    [{ sort: 'created', direction: 'desc' }, 'client_live_by_created'],
    [{ sort: 'quietSince', goingQuiet: true }, 'client_live_by_quiet'],
    [{ sort: 'revenue', revenueCurrency: 'KZT' }, 'client_revenue_by_amount'],
    [{ sort: 'name', stage: 'active' }, 'client_live_by_stage'],
    [{ sort: 'name', after: encodeCursor([0, 'm', PLAN_ID]) }, 'client_live_by_name'],
    [
      { sort: 'lastContact', direction: 'desc', after: encodeCursor([0, NOW.toISOString(), PLAN_ID]) },
      'client_live_by_last_contact',
    ],
    [{ sort: 'nextFollowup', after: encodeCursor([1, '', PLAN_ID]) }, 'client_live_by_next_followup'],
    [{ sort: 'name', ownerId: PLAN_ID }, 'client_live_by_owner'],
    [{ sort: 'lastContact', lastContactBefore: NOW.toISOString() }, 'client_live_by_last_contact'],
    [{ sort: 'nextFollowup', hasOverdueFollowup: true }, 'client_live_by_next_followup'],
  ] as [ListInput, string][])('%j walks %s without a sort step or a full scan', async (input, index) => {
    const plan = await plansOf(input);
    expect(plan.join('\n')).toContain(index);
    expect(fullScans(plan)).toEqual([]);
    expect(plan.filter((step) => step.includes('TEMP B-TREE'))).toEqual([]);
  });
});
