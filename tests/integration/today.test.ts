import { describe, expect, it } from 'vitest';
import type { Timers } from '../../db/reminders/scheduler.ts';
import { useTestBackends } from '../support/open-test-backend.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const openBackend = useTestBackends();

const DAY = 86_400_000;

/** A clock the test moves by hand, and timers that never fire on their own. */
function fakeClock(start: string) {
  let now = new Date(start);
  const timers: Timers = { setTimeout: () => ({}), clearTimeout: () => undefined };
  return {
    now: () => now,
    timers,
    set(iso: string) {
      now = new Date(iso);
    },
  };
}

describe('going quiet', () => {
  it('knows each client’s own rhythm: quiet after twice their usual gap, at least 14 days', async () => {
    const clock = fakeClock('2026-06-01T12:00:00Z');
    const { api } = await openBackend(tempDir(), {
      now: clock.now,
      timers: clock.timers,
      dailyBackups: false,
    });
    const ago = (days: number) => new Date(clock.now().getTime() - days * DAY).toISOString();
    const log = (clientId: string, daysAgo: number, kind: 'call' | 'note' = 'call') =>
      api.call('interactions.log', { clientId, kind, occurredAt: ago(daysAgo) });

    // Weekly calls for a while, then 20 days of silence: longer than usual (2 × 7 = 14 days).
    const weekly = await api.call('clients.create', { name: 'Weekly', kind: 'company' });
    for (const days of [48, 41, 34, 27, 20]) await log(weekly.id, days);
    // Called every 60 days; 40 days of silence is normal for them.
    const slow = await api.call('clients.create', { name: 'Slow', kind: 'company' });
    for (const days of [160, 100, 40]) await log(slow.id, days);
    // One call 31 days ago: quiet after 30.
    const once = await api.call('clients.create', { name: 'Once', kind: 'person' });
    await log(once.id, 31);
    // Never contacted (notes do not count): a prospect, not going quiet.
    const never = await api.call('clients.create', { name: 'Never', kind: 'company' });
    await log(never.id, 5, 'note');

    const quiet = await api.call('clients.list', { goingQuiet: true, sort: 'quietSince' });
    expect(quiet.items.map((c) => c.name)).toEqual(['Weekly', 'Once']);
    expect(quiet.items[0]?.quietSince).toBe(new Date(Date.parse(ago(20)) + 14 * DAY).toISOString());
    const notQuiet = await api.call('clients.list', { goingQuiet: false });
    expect(notQuiet.items.map((c) => c.name)).toEqual(['Never', 'Slow']);

    // A new call ends the silence at once, in the same transaction.
    await log(weekly.id, 0);
    const after = await api.call('clients.list', { goingQuiet: true });
    expect(after.items.map((c) => c.name)).toEqual(['Once']);
    expect((await api.call('clients.get', { id: never.id })).quietSince).toBeNull();
  });
});

describe('the Today screen’s data', () => {
  it('lists the newest interactions with every client, with client and contact names', async () => {
    const { api } = await openBackend(tempDir(), { dailyBackups: false });
    const acme = await api.call('clients.create', { name: 'Acme', kind: 'company' });
    const ann = await api.call('contacts.create', { clientId: acme.id, name: 'Ann' });
    const bolt = await api.call('clients.create', { name: 'Bolt', kind: 'company' });
    await api.call('interactions.log', {
      clientId: acme.id,
      contactId: ann.id,
      kind: 'call',
      summary: 'Old',
      occurredAt: '2026-01-01T10:00:00Z',
    });
    await api.call('interactions.log', {
      clientId: bolt.id,
      kind: 'email',
      summary: 'New',
      occurredAt: '2026-02-01T10:00:00Z',
    });
    await api.call('interactions.log', {
      clientId: acme.id,
      kind: 'meeting',
      summary: 'Middle',
      occurredAt: '2026-01-15T10:00:00Z',
    });
    const first = await api.call('interactions.recent', { limit: 2 });
    expect(first.items.map((i) => [i.summary, i.clientName, i.contactName])).toEqual([
      ['New', 'Bolt', null],
      ['Middle', 'Acme', null],
    ]);
    const second = await api.call('interactions.recent', { limit: 2, after: first.nextCursor });
    expect(second.items.map((i) => [i.summary, i.clientName, i.contactName])).toEqual([
      ['Old', 'Acme', 'Ann'],
    ]);
    expect(second.nextCursor).toBeNull();
  });

  it('counts overdue follow-ups and announces each change of the count', async () => {
    const clock = fakeClock('2026-06-01T12:00:00Z');
    const { api, backend } = await openBackend(tempDir(), {
      now: clock.now,
      timers: clock.timers,
      dailyBackups: false,
    });
    const counts: number[] = [];
    backend.subscribe((event) => {
      if (event.event === 'followups.overdue') counts.push(event.payload.count);
    });
    const acme = await api.call('clients.create', { name: 'Acme', kind: 'company' });
    const late = await api.call('followups.create', {
      clientId: acme.id,
      title: 'Late',
      dueAt: '2026-05-30T09:00:00Z',
    });
    await api.call('followups.create', { clientId: acme.id, title: 'Soon', dueAt: '2026-06-02T09:00:00Z' });
    expect(await api.call('followups.overdueCount', {})).toEqual({ count: 1 });
    await api.call('followups.complete', { id: late.id });
    expect(await api.call('followups.overdueCount', {})).toEqual({ count: 0 });
    expect(counts).toEqual([1, 0]);
    // A deleted client's follow-ups do not count.
    clock.set('2026-06-03T00:00:00Z');
    expect(await api.call('followups.overdueCount', {})).toEqual({ count: 1 });
    await api.call('clients.delete', { id: acme.id });
    expect(await api.call('followups.overdueCount', {})).toEqual({ count: 0 });
  });

  it('counts a follow-up due on a whole day as overdue only once that day is over', async () => {
    const clock = fakeClock('2026-06-01T15:00:00Z');
    const { api } = await openBackend(tempDir(), {
      now: clock.now,
      timers: clock.timers,
      dailyBackups: false,
    });
    const acme = await api.call('clients.create', { name: 'Acme', kind: 'company' });
    await api.call('followups.create', {
      clientId: acme.id,
      title: 'Today',
      dueOn: '2026-06-01',
      timeZone: 'UTC',
    });
    expect(await api.call('followups.overdueCount', {})).toEqual({ count: 0 });
    clock.set('2026-06-01T23:59:00Z');
    expect(await api.call('followups.overdueCount', {})).toEqual({ count: 0 });
    clock.set('2026-06-02T00:00:00Z');
    expect(await api.call('followups.overdueCount', {})).toEqual({ count: 1 });
  });

  it('sums a client’s lifetime revenue and profit per currency, and counts what is open', async () => {
    const { api } = await openBackend(tempDir(), { dailyBackups: false });
    const acme = await api.call('clients.create', { name: 'Acme', kind: 'company' });
    const pay = (kind: 'invoice' | 'payment' | 'refund', amount: number, currency: string, cost?: number) =>
      api.call('payments.record', { clientId: acme.id, kind, amount, currency, cost: cost ?? null });
    await pay('invoice', 1000, 'KZT');
    await pay('payment', 1000.5, 'KZT', 600);
    await pay('payment', 250, 'USD', 100);
    await pay('refund', 50, 'USD', 20);
    const deleted = await pay('payment', 999, 'USD');
    await api.call('payments.delete', { id: deleted.id });
    await api.call('deals.create', { clientId: acme.id, title: 'Open', stage: 'proposal' });
    await api.call('deals.create', { clientId: acme.id, title: 'Won', stage: 'won', closedOn: '2026-01-01' });
    await api.call('followups.create', { clientId: acme.id, title: 'Call', dueOn: '2026-12-01' });

    expect(await api.call('clients.summary', { id: acme.id })).toEqual({
      id: acme.id,
      revenue: [
        { currency: 'KZT', amount: 1000.5 },
        { currency: 'USD', amount: 200 },
      ],
      profit: [
        { currency: 'KZT', amount: 400.5 },
        { currency: 'USD', amount: 120 },
      ],
      openInvoices: 1,
      openDeals: 1,
      openFollowups: 1,
    });
  });
});
