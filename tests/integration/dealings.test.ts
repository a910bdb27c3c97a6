import { describe, expect, it } from 'vitest';
import { appErrorOf } from '../support/app-error.ts';
import { useTestBackends } from '../support/open-test-backend.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const openTestBackend = useTestBackends();

const NOW = new Date('2026-11-23T09:00:00.000Z');

async function setup() {
  const { api } = await openTestBackend(tempDir(), { now: () => NOW });
  const client = await api.call('clients.create', { name: 'Qazaq Agro', kind: 'company' });
  const contact = await api.call('contacts.create', { clientId: client.id, name: 'Aigerim Nurlanovna' });
  return { api, client, contact };
}

describe('logging a call', () => {
  it('creates the follow-up of its next step in the same step, linked to the call', async () => {
    const { api, client, contact } = await setup();
    const { interaction, followup } = await api.call('interactions.log', {
      clientId: client.id,
      contactId: contact.id,
      kind: 'call',
      direction: 'outbound',
      durationS: 240,
      outcome: 'reached',
      summary: 'Asked for a quote for 40 t of seed',
      nextStep: { title: 'Send the quote', dueAt: '2026-11-24T10:00:00+05:00' },
    });
    expect(interaction).toMatchObject({ kind: 'call', occurredAt: NOW.toISOString(), outcome: 'reached' });
    expect(followup).toMatchObject({
      title: 'Send the quote',
      interactionId: interaction.id,
      clientId: client.id,
      contactId: contact.id,
      dueAt: '2026-11-24T05:00:00.000Z',
      allDay: false,
      status: 'open',
    });
    const timeline = await api.call('interactions.timeline', { clientId: client.id });
    expect(timeline.items.map((i) => [i.id, i.followupIds])).toEqual([[interaction.id, [followup?.id]]]);
    expect(await api.call('clients.get', { id: client.id })).toMatchObject({
      lastContactAt: NOW.toISOString(),
      nextFollowupAt: '2026-11-24T05:00:00.000Z',
    });

    // One undo step takes back both the call and its follow-up.
    const undone = await api.call('history.undo', {});
    expect(undone.undone?.records.map((r) => r.entity).sort()).toEqual(['followup', 'interaction']);
    expect(await api.call('clients.get', { id: client.id })).toMatchObject({
      lastContactAt: null,
      nextFollowupAt: null,
    });
    expect((await api.call('interactions.timeline', { clientId: client.id })).items).toEqual([]);
  });

  it('titles the next step after the summary, and dates an all-day step at midnight in the given zone', async () => {
    const { api, client } = await setup();
    const { followup } = await api.call('interactions.log', {
      clientId: client.id,
      kind: 'call',
      summary: 'Call back about delivery',
      nextStep: { dueOn: '2026-11-25', timeZone: 'Asia/Almaty' },
    });
    expect(followup).toMatchObject({ title: 'Call back about delivery', allDay: true });
    // Almaty is UTC+5: its midnight is 19:00 UTC the evening before.
    expect(followup?.dueAt).toBe('2026-11-24T19:00:00.000Z');
  });

  it('dates an all-day step on the day itself when a DST change skips that day’s midnight', async () => {
    const { api, client } = await setup();
    // Havana springs forward at midnight on 2026-03-08: the day starts at 01:00 CDT (05:00 UTC).
    const { followup } = await api.call('interactions.log', {
      clientId: client.id,
      kind: 'call',
      summary: 'Call back',
      nextStep: { dueOn: '2026-03-08', timeZone: 'America/Havana' },
    });
    expect(followup?.dueAt).toBe('2026-03-08T05:00:00.000Z');
  });

  it('refuses a next step with no title and no summary, and writes nothing', async () => {
    const { api, client } = await setup();
    const error = await appErrorOf(
      api.call('interactions.log', { clientId: client.id, kind: 'call', nextStep: { dueOn: '2026-11-25' } }),
    );
    expect(error.code).toBe('validation');
    expect(error.details?.issues?.[0]?.path).toBe('nextStep.title');
    expect((await api.call('interactions.timeline', { clientId: client.id })).items).toEqual([]);
  });

  it('refuses a contact of another client, a missing client, a deleted contact, and bad values', async () => {
    const { api, client, contact } = await setup();
    const other = await api.call('clients.create', { name: 'Other', kind: 'company' });
    const wrongClient = await appErrorOf(
      api.call('interactions.log', { clientId: other.id, contactId: contact.id, kind: 'call' }),
    );
    expect(wrongClient.code).toBe('validation');
    expect(wrongClient.details?.issues?.[0]).toMatchObject({ path: 'contactId', rule: 'other_client' });

    const missing = await appErrorOf(
      api.call('interactions.log', { clientId: '0190a5b2-0000-7000-8000-000000000000', kind: 'call' }),
    );
    expect(missing.code).toBe('not_found');
    expect(missing.details).toMatchObject({ field: 'clientId' });

    await api.call('contacts.delete', { id: contact.id });
    const deleted = await appErrorOf(
      api.call('interactions.log', { clientId: client.id, contactId: contact.id, kind: 'call' }),
    );
    expect(deleted.code).toBe('not_found');

    const bad = await appErrorOf(
      api.call('interactions.log', {
        clientId: client.id,
        kind: 'call',
        occurredAt: '2026-02-30T10:00:00Z',
        durationS: -1,
        outcome: 'Not A Code',
      }),
    );
    expect(bad.details?.issues?.map((i) => [i.path, i.rule])).toEqual([
      ['occurredAt', 'dateTime'],
      ['durationS', 'too_small'],
      ['outcome', 'invalid_format'],
    ]);
    expect((await api.call('interactions.timeline', { clientId: client.id })).items).toEqual([]);
  });
});

describe('the timeline', () => {
  it('pages newest first by client, contact and deal', async () => {
    const { api, client, contact } = await setup();
    const deal = await api.call('deals.create', { clientId: client.id, title: 'Seed 2027' });
    const ids: string[] = [];
    for (let day = 1; day <= 7; day += 1) {
      const { interaction } = await api.call('interactions.log', {
        clientId: client.id,
        contactId: day % 2 === 0 ? contact.id : null,
        dealId: day > 5 ? deal.id : null,
        kind: day === 3 ? 'note' : 'call',
        occurredAt: `2026-11-0${day}T10:00:00Z`,
        summary: `Day ${day}`,
      });
      ids.push(interaction.id);
    }
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await api.call(
        'interactions.timeline',
        { clientId: client.id, after, limit: 3 },
      );
      seen.push(...page.items.map((i) => i.id));
      after = page.nextCursor;
    } while (after);
    expect(seen).toEqual([...ids].reverse());
    const byContact = await api.call('interactions.timeline', { contactId: contact.id });
    expect(byContact.items.map((i) => i.summary)).toEqual(['Day 6', 'Day 4', 'Day 2']);
    const byDeal = await api.call('interactions.timeline', { dealId: deal.id });
    expect(byDeal.items.map((i) => i.summary)).toEqual(['Day 7', 'Day 6']);
    const both = await appErrorOf(
      api.call('interactions.timeline', { clientId: client.id, dealId: deal.id }),
    );
    expect(both.code).toBe('validation');
  });
});

describe('a client’s last contact and next follow-up', () => {
  it('stay right through every write, without a recount', async () => {
    const { api, client } = await setup();
    const other = await api.call('clients.create', { name: 'Other', kind: 'company' });
    const last = async (id = client.id) => {
      const c = await api.call('clients.get', { id });
      return [c.lastContactAt, c.nextFollowupAt];
    };
    const log = (occurredAt: string, kind: 'call' | 'note' = 'call') =>
      api.call('interactions.log', { clientId: client.id, kind, occurredAt });

    const late = (await log('2026-11-20T10:00:00Z')).interaction;
    await log('2026-11-10T10:00:00Z');
    await log('2026-11-22T10:00:00Z', 'note');
    expect(await last()).toEqual(['2026-11-20T10:00:00.000Z', null]);

    await api.call('interactions.update', { id: late.id, occurredAt: '2026-11-15T10:00:00Z' });
    expect((await last())[0]).toBe('2026-11-15T10:00:00.000Z');
    await api.call('interactions.update', { id: late.id, clientId: other.id });
    expect((await last())[0]).toBe('2026-11-10T10:00:00.000Z');
    expect((await last(other.id))[0]).toBe('2026-11-15T10:00:00.000Z');
    await api.call('interactions.delete', { id: late.id });
    expect((await last(other.id))[0]).toBeNull();
    await api.call('interactions.restore', { id: late.id });
    expect((await last(other.id))[0]).toBe('2026-11-15T10:00:00.000Z');

    const a = await api.call('followups.create', {
      clientId: client.id,
      title: 'A',
      dueAt: '2026-11-25T10:00:00Z',
    });
    const b = await api.call('followups.create', {
      clientId: client.id,
      title: 'B',
      dueAt: '2026-11-28T10:00:00Z',
    });
    expect((await last())[1]).toBe('2026-11-25T10:00:00.000Z');
    await api.call('followups.complete', { id: a.id });
    expect((await last())[1]).toBe('2026-11-28T10:00:00.000Z');
    await api.call('followups.reopen', { id: a.id });
    expect((await last())[1]).toBe('2026-11-25T10:00:00.000Z');
    await api.call('followups.reschedule', { id: a.id, dueAt: '2026-11-30T10:00:00Z' });
    expect((await last())[1]).toBe('2026-11-28T10:00:00.000Z');
    await api.call('followups.cancel', { id: b.id });
    expect((await last())[1]).toBe('2026-11-30T10:00:00.000Z');
    await api.call('followups.delete', { id: a.id });
    expect((await last())[1]).toBeNull();
    await api.call('history.undo', {});
    expect((await last())[1]).toBe('2026-11-30T10:00:00.000Z');
    await api.call('history.undo', {});
    expect((await last())[1]).toBe('2026-11-28T10:00:00.000Z');
  });
});

describe('follow-ups', () => {
  it('lists open follow-ups due in a window with client and contact names, earliest first, paged', async () => {
    const { api, client, contact } = await setup();
    const member = await api.call('users.create', { name: 'Dana' });
    const make = (title: string, dueAt: string, assigneeId?: string) =>
      api.call('followups.create', { clientId: client.id, contactId: contact.id, title, dueAt, assigneeId });
    await make('Overdue 1', '2026-11-20T08:00:00Z');
    await make('Overdue 2', '2026-11-22T08:00:00Z', member.id);
    const today = await make('Today', '2026-11-23T15:00:00Z', member.id);
    await make('Upcoming', '2026-11-26T08:00:00Z');
    const done = await make('Done today', '2026-11-23T10:00:00Z');
    await api.call('followups.complete', { id: done.id });

    const startOfToday = '2026-11-23T00:00:00Z';
    const overdue = await api.call('followups.listDue', { to: startOfToday, limit: 1 });
    expect(overdue.items.map((f) => f.title)).toEqual(['Overdue 1']);
    const rest = await api.call('followups.listDue', { to: startOfToday, after: overdue.nextCursor });
    expect(rest.items.map((f) => f.title)).toEqual(['Overdue 2']);
    expect(rest.nextCursor).toBeNull();
    const dueToday = await api.call('followups.listDue', { from: startOfToday, to: '2026-11-24T00:00:00Z' });
    expect(dueToday.items).toEqual([
      expect.objectContaining({ id: today.id, clientName: 'Qazaq Agro', contactName: 'Aigerim Nurlanovna' }),
    ]);
    const mine = await api.call('followups.listDue', { to: '2027-01-01T00:00:00Z', assigneeId: member.id });
    expect(mine.items.map((f) => f.title)).toEqual(['Overdue 2', 'Today']);

    // A deleted client's follow-ups leave the Today list.
    await api.call('clients.delete', { id: client.id });
    expect((await api.call('followups.listDue', { to: '2027-01-01T00:00:00Z' })).items).toEqual([]);
  });

  it('completes once, and refuses both or neither due fields and an unknown assignee', async () => {
    const { api, client } = await setup();
    const followup = await api.call('followups.create', {
      clientId: client.id,
      title: 'X',
      dueAt: '2026-11-25T10:00:00Z',
    });
    const completed = await api.call('followups.complete', { id: followup.id });
    expect(completed).toMatchObject({ status: 'done', completedAt: NOW.toISOString() });
    expect(await api.call('followups.complete', { id: followup.id })).toEqual(completed);
    const history = await api.call('history.forRecord', { entity: 'followup', id: followup.id });
    expect(history.items.filter((e) => e.field === 'status')).toHaveLength(2);

    const both = await appErrorOf(
      api.call('followups.create', {
        clientId: client.id,
        title: 'Y',
        dueAt: '2026-11-25T10:00:00Z',
        dueOn: '2026-11-25',
      }),
    );
    expect(both.details?.issues?.[0]?.path).toBe('dueAt');
    const neither = await appErrorOf(api.call('followups.reschedule', { id: followup.id }));
    expect(neither.code).toBe('validation');
    const zone = await appErrorOf(
      api.call('followups.reschedule', { id: followup.id, dueOn: '2026-11-25', timeZone: 'Mars/Olympus' }),
    );
    expect(zone.details?.issues?.[0]).toMatchObject({ path: 'timeZone', rule: 'timeZone' });
    const assignee = await appErrorOf(
      api.call('followups.create', {
        clientId: client.id,
        title: 'Z',
        dueOn: '2026-11-25',
        assigneeId: '0190a5b2-0000-7000-8000-000000000000',
      }),
    );
    expect(assignee.code).toBe('not_found');
    expect((await api.call('followups.list', { clientId: client.id })).items).toHaveLength(1);
  });
});
