import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client.ts';
import { useSyncTeam } from '../support/sync-team.ts';

const { tempDir, openBackend, twoLaptops } = useSyncTeam();

/** Everything that belongs to a client, as the client page shows it. */
async function holdings(api: ApiClient, clientId: string) {
  const [contacts, timeline, followups, deals, payments, summary, client] = await Promise.all([
    api.call('contacts.list', { clientId }),
    api.call('interactions.timeline', { clientId }),
    api.call('followups.list', { clientId }),
    api.call('deals.list', { clientId }),
    api.call('payments.list', { clientId }),
    api.call('clients.summary', { id: clientId }),
    api.call('clients.get', { id: clientId }),
  ]);
  return {
    contacts: contacts.items.map((c) => [c.name, c.isPrimary]),
    calls: timeline.items.map((i) => i.summary),
    followups: followups.items.map((f) => f.title),
    deals: deals.items.map((d) => d.title),
    payments: payments.items.length,
    revenue: summary.revenue,
    tags: client.tags.map((t) => t.name),
  };
}

describe('merging a duplicate client', () => {
  it('moves everything to the client kept, fills its blanks, deletes the duplicate, and undoes in one step', async () => {
    const { api } = await openBackend(tempDir(), { dailyBackups: false });
    const keep = await api.call('clients.create', {
      name: 'Steppe Logistics',
      kind: 'company',
      notes: 'Main office in Astana.',
    });
    const dup = await api.call('clients.create', {
      name: 'Steppe Logistics LLP',
      kind: 'company',
      website: 'https://steppe.kz',
      region: 'Akmola',
      vip: true,
      notes: 'Warehouse in Karaganda.',
    });
    const vip = await api.call('tags.create', { name: 'Key account' });
    const rail = await api.call('tags.create', { name: 'Rail' });
    await api.call('clients.tag', { clientId: keep.id, tagId: vip.id });
    await api.call('clients.tag', { clientId: dup.id, tagId: vip.id });
    await api.call('clients.tag', { clientId: dup.id, tagId: rail.id });
    await api.call('contacts.create', { clientId: keep.id, name: 'Aliya', isPrimary: true });
    await api.call('contacts.create', { clientId: dup.id, name: 'Bolat', isPrimary: true });
    await api.call('interactions.log', { clientId: dup.id, kind: 'call', summary: 'Asked for rates' });
    await api.call('followups.create', { clientId: dup.id, title: 'Send rates', dueOn: '2030-01-10' });
    await api.call('deals.create', { clientId: dup.id, title: 'Winter freight' });
    await api.call('payments.record', { clientId: dup.id, kind: 'payment', amount: 1200, currency: 'KZT' });
    const before = await holdings(api, keep.id);

    const merged = await api.call('clients.merge', { id: dup.id, intoId: keep.id });
    expect(merged).toMatchObject({
      id: keep.id,
      name: 'Steppe Logistics',
      website: 'https://steppe.kz',
      region: 'Akmola',
      vip: true,
      notes: 'Main office in Astana.\n\nWarehouse in Karaganda.',
    });
    expect(await holdings(api, keep.id)).toEqual({
      contacts: [
        ['Aliya', true],
        ['Bolat', false],
      ],
      calls: ['Asked for rates'],
      followups: ['Send rates'],
      deals: ['Winter freight'],
      payments: 1,
      revenue: [expect.objectContaining({ currency: 'KZT', amount: 1200 })],
      tags: ['Key account', 'Rail'],
    });
    await expect(api.call('clients.get', { id: dup.id })).rejects.toMatchObject({ code: 'not_found' });
    expect((await api.call('clients.list', {})).items.map((c) => c.name)).toEqual(['Steppe Logistics']);
    const found = await api.call('search.query', { text: 'Bolat' });
    expect(found.groups.flatMap((group) => group.items)).toEqual([
      expect.objectContaining({ entity: 'contact', clientId: keep.id }),
    ]);
    // Removing a tag removes it, even when both clients had it.
    await api.call('clients.untag', { clientId: keep.id, tagId: vip.id });
    expect((await api.call('clients.get', { id: keep.id })).tags.map((t) => t.name)).toEqual(['Rail']);
    await api.call('history.undo', {});

    // One undo takes the whole merge back.
    await api.call('history.undo', {});
    expect(await holdings(api, keep.id)).toEqual(before);
    expect(await holdings(api, dup.id)).toMatchObject({
      contacts: [['Bolat', true]],
      calls: ['Asked for rates'],
      deals: ['Winter freight'],
      tags: ['Key account', 'Rail'],
    });
    expect(await api.call('clients.get', { id: keep.id })).toMatchObject({ website: null, vip: false });
    expect(await api.call('clients.get', { id: dup.id })).toMatchObject({
      deletedAt: null,
      mergedInto: null,
    });
  });

  it('refuses to merge a client into itself or into a deleted client, and changes nothing', async () => {
    const { api } = await openBackend(tempDir(), { dailyBackups: false });
    const one = await api.call('clients.create', { name: 'One', kind: 'person' });
    const two = await api.call('clients.create', { name: 'Two', kind: 'person' });
    await expect(api.call('clients.merge', { id: one.id, intoId: one.id })).rejects.toMatchObject({
      code: 'validation',
      details: { issues: [expect.objectContaining({ path: 'intoId', rule: 'self_merge' })] },
    });
    await api.call('clients.delete', { id: two.id });
    await expect(api.call('clients.merge', { id: one.id, intoId: two.id })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await api.call('clients.get', { id: one.id })).toMatchObject({
      deletedAt: null,
      mergedInto: null,
    });
  });
});

describe('finding duplicates', () => {
  it('suggests clients with the same name, phone or email, until merged or dismissed', async () => {
    const { api } = await openBackend(tempDir(), { dailyBackups: false });
    const create = (name: string) => api.call('clients.create', { name, kind: 'company' });
    const main = await create('ТОО «Қазақ Тобы»');
    const sameName = await create('Казак Тобы LLP');
    const samePhone = await create('KT Group');
    const sameEmail = await create('Kazakh Group Almaty');
    const other = await create('Kazakh Grain');
    await api.call('contacts.create', {
      clientId: main.id,
      name: 'Асель',
      phones: [{ value: '+7 701 555 12 34' }],
      emails: [{ value: 'asel@kt.kz' }],
    });
    await api.call('contacts.create', {
      clientId: samePhone.id,
      name: 'Asel',
      phones: [{ value: '8 (701) 5551234' }],
    });
    await api.call('contacts.create', {
      clientId: sameEmail.id,
      name: 'A.',
      emails: [{ value: 'Asel@KT.kz' }],
    });
    await api.call('contacts.create', {
      clientId: other.id,
      name: 'B.',
      phones: [{ value: '+7 701 555 12 35' }],
    });

    const found = await api.call('clients.possibleDuplicates', { id: main.id });
    expect(found.items.map((item) => [item.name, item.reason])).toEqual([
      ['Казак Тобы LLP', 'name'],
      ['KT Group', 'phone'],
      ['Kazakh Group Almaty', 'email'],
    ]);
    // The other side sees it too.
    expect(
      (await api.call('clients.possibleDuplicates', { id: samePhone.id })).items.map((i) => i.id),
    ).toEqual([main.id]);

    const afterDismiss = await api.call('clients.dismissDuplicate', { id: main.id, otherId: sameEmail.id });
    expect(afterDismiss.items.map((item) => item.id)).toEqual([sameName.id, samePhone.id]);
    await api.call('clients.merge', { id: sameName.id, intoId: main.id });
    expect((await api.call('clients.possibleDuplicates', { id: main.id })).items.map((i) => i.id)).toEqual([
      samePhone.id,
    ]);
    expect((await api.call('clients.possibleDuplicates', { id: other.id })).items).toEqual([]);
  });
});

describe('a merge meeting offline work on another laptop', () => {
  it('redirects calls logged and edits made on the duplicate elsewhere, on every laptop, keeping both notes', async () => {
    const { a, b } = await twoLaptops();
    const keep = await a.api.call('clients.create', {
      name: 'Altyn Foods',
      kind: 'company',
      notes: 'Prefers email.',
    });
    const dup = await a.api.call('clients.create', { name: 'Altyn Food', kind: 'company' });
    await a.sync();
    await b.sync();

    // b, offline, keeps working on the duplicate it knows.
    const { interaction: call } = await b.api.call('interactions.log', {
      clientId: dup.id,
      kind: 'call',
      summary: 'Order for May',
    });
    // a merges the duplicate away, and syncs.
    await a.api.call('clients.merge', { id: dup.id, intoId: keep.id });
    expect(await a.sync()).toMatchObject({ state: 'synced', pending: 0 });
    // b's edits to the duplicate are made after the merge (in clock order).
    await b.api.call('clients.update', { id: dup.id, region: 'Almaty', notes: 'Call after 3 pm.' });

    // b comes back: its call and edits go up, the merge comes down and moves them to the client kept.
    await b.sync();
    await b.sync();
    await a.sync();
    for (const laptop of [a, b]) {
      expect(await laptop.api.call('sync.status', {})).toMatchObject({ state: 'synced', pending: 0 });
      const timeline = await laptop.api.call('interactions.timeline', { clientId: keep.id });
      expect(timeline.items.map((i) => i.id)).toEqual([call.id]);
      expect(await laptop.api.call('clients.get', { id: keep.id })).toMatchObject({
        name: 'Altyn Foods',
        region: 'Almaty',
        notes: 'Call after 3 pm.',
        lastContactAt: call.occurredAt,
      });
      await expect(laptop.api.call('clients.get', { id: dup.id })).rejects.toMatchObject({
        code: 'not_found',
      });
      expect((await laptop.api.call('clients.list', {})).items.map((c) => c.name)).toEqual(['Altyn Foods']);
      // A merged record asks no "restore?".
      const conflicts = (await laptop.api.call('sync.conflicts', {})).items;
      expect(conflicts.filter((c) => c.kind === 'deleted')).toEqual([]);
    }
    // The note the redirect replaced was typed on a: a keeps it for the inbox (b lost nothing).
    const notes = async (laptop: typeof a) =>
      (await laptop.api.call('sync.conflicts', {})).items.map((c) => [c.recordId, c.field, c.kept, c.lost]);
    expect(await notes(a)).toEqual([[keep.id, 'notes', 'Call after 3 pm.', 'Prefers email.']]);
    expect(await notes(b)).toEqual([]);
  });

  it('keeps converging when both laptops redirect the same call at once', async () => {
    const { a, b } = await twoLaptops();
    const keep = await a.api.call('clients.create', { name: 'Keep', kind: 'company' });
    const dup = await a.api.call('clients.create', { name: 'Dup', kind: 'company' });
    await a.sync();
    await b.sync();
    const { interaction: call } = await b.api.call('interactions.log', {
      clientId: dup.id,
      kind: 'visit',
      summary: 'Site visit',
    });
    await b.sync();
    // a merges without having seen b's visit; both then redirect or move it on their own.
    await a.api.call('clients.merge', { id: dup.id, intoId: keep.id });
    await b.api.call('interactions.update', { id: call.id, summary: 'Site visit, signed' });
    await a.sync();
    await b.sync();
    await a.sync();
    await b.sync();
    for (const laptop of [a, b]) {
      const visit = await laptop.api.call('interactions.get', { id: call.id });
      expect(visit).toMatchObject({ clientId: keep.id, summary: 'Site visit, signed' });
      expect(await laptop.api.call('sync.status', {})).toMatchObject({ pending: 0 });
    }
  });
});

describe('two laptops merging the same two clients into each other', () => {
  it('end with the client the later merge kept, holding both clients’ calls, the same on both laptops', async () => {
    const { a, b } = await twoLaptops();
    const first = await a.api.call('clients.create', { name: 'Orda Build', kind: 'company' });
    const second = await a.api.call('clients.create', { name: 'Orda Building', kind: 'company' });
    await a.api.call('interactions.log', { clientId: first.id, kind: 'call', summary: 'First call' });
    await a.api.call('interactions.log', { clientId: second.id, kind: 'call', summary: 'Second call' });
    await a.sync();
    await b.sync();
    // Both offline: a keeps the first, then b (later) keeps the second.
    await a.api.call('clients.merge', { id: second.id, intoId: first.id });
    await b.api.call('clients.merge', { id: first.id, intoId: second.id });
    for (let round = 0; round < 3; round++) {
      await a.sync();
      await b.sync();
    }
    for (const laptop of [a, b]) {
      expect((await laptop.api.call('clients.list', {})).items.map((c) => c.name)).toEqual(['Orda Building']);
      const timeline = await laptop.api.call('interactions.timeline', { clientId: second.id });
      expect(timeline.items.map((i) => i.summary).sort()).toEqual(['First call', 'Second call']);
      expect(await laptop.api.call('clients.get', { id: second.id })).toMatchObject({ mergedInto: null });
      await expect(laptop.api.call('clients.get', { id: first.id })).rejects.toMatchObject({
        details: { mergedInto: second.id },
      });
      expect(await laptop.api.call('sync.status', {})).toMatchObject({ pending: 0 });
    }
  });
});
