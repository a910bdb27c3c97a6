import { describe, expect, it } from 'vitest';
import { appErrorOf } from '../support/app-error.ts';
import { useTestBackends } from '../support/open-test-backend.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const openTestBackend = useTestBackends();
const MISSING = '0190a5b2-0000-7000-8000-000000000000';

async function setup() {
  const { api } = await openTestBackend(tempDir());
  const client = await api.call('clients.create', { name: 'Qazaq Agro', kind: 'company' });
  return { api, client };
}

describe('contacts', () => {
  it('keeps emails and phones with labels, and makes the first contact primary', async () => {
    const { api, client } = await setup();
    const first = await api.call('contacts.create', {
      clientId: client.id,
      name: 'Aigerim Nurlanovna',
      role: 'Procurement',
      emails: [{ value: 'aigerim@qazaq.kz', label: 'work' }, { value: 'айгерим@почта.рф' }],
      phones: [{ value: '+7 (701) 123-45-67', label: 'mobile' }],
      preferredChannel: 'phone',
      birthday: '1988-04-12',
    });
    expect(first).toMatchObject({
      isPrimary: true,
      emails: [
        { value: 'aigerim@qazaq.kz', label: 'work' },
        { value: 'айгерим@почта.рф', label: null },
      ],
      phones: [{ value: '+7 (701) 123-45-67', label: 'mobile' }],
    });
    const second = await api.call('contacts.create', { clientId: client.id, name: 'Bolat' });
    expect(second.isPrimary).toBe(false);

    // Making the second primary takes the flag from the first, in the same step.
    await api.call('contacts.update', { id: second.id, isPrimary: true });
    const list = await api.call('contacts.list', { clientId: client.id });
    expect(list.items.map((c) => [c.name, c.isPrimary])).toEqual([
      ['Bolat', true],
      ['Aigerim Nurlanovna', false],
    ]);
    const history = await api.call('history.forRecord', { entity: 'contact', id: first.id });
    expect(history.items[0]).toMatchObject({ field: 'isPrimary', oldValue: true, newValue: false });
    await api.call('history.undo', {});
    expect((await api.call('contacts.get', { id: first.id })).isPrimary).toBe(true);
    expect((await api.call('contacts.get', { id: second.id })).isPrimary).toBe(false);
  });

  it('refuses bad emails, phones, dates and duplicates, naming each field and rule, writing nothing', async () => {
    const { api, client } = await setup();
    const error = await appErrorOf(
      api.call('contacts.create', {
        clientId: client.id,
        name: 'X',
        emails: [{ value: 'not-an-email' }],
        phones: [{ value: '+7 701 123 45 67' }, { value: '8-701-1234567' }, { value: '12' }],
        birthday: '1988-02-30',
      }),
    );
    expect(error.code).toBe('validation');
    expect(error.details?.issues?.map((i) => [i.path, i.rule])).toEqual([
      ['emails.0.value', 'email'],
      ['phones.2.value', 'phone'],
      ['birthday', 'date'],
    ]);
    const duplicate = await appErrorOf(
      api.call('contacts.create', {
        clientId: client.id,
        name: 'X',
        phones: [{ value: '+7 701 123 45 67' }, { value: '+7 (701) 1234567' }],
      }),
    );
    expect(duplicate.details?.issues?.[0]).toMatchObject({ path: 'phones.1.value', rule: 'duplicate' });
    expect((await api.call('contacts.list', { clientId: client.id })).items).toEqual([]);
  });

  it('refuses a missing or deleted client, and pages all contacts by folded name', async () => {
    const { api, client } = await setup();
    expect((await appErrorOf(api.call('contacts.create', { clientId: MISSING, name: 'X' }))).code).toBe(
      'not_found',
    );
    for (const name of ['Ölzhas', 'ainur', 'Émile', 'Bolat', 'Ёлка']) {
      await api.call('contacts.create', { clientId: client.id, name });
    }
    const names: string[] = [];
    let after: string | null = null;
    do {
      const page: { items: { name: string }[]; nextCursor: string | null } = await api.call('contacts.list', {
        after,
        limit: 2,
      });
      names.push(...page.items.map((c) => c.name));
      after = page.nextCursor;
    } while (after);
    expect(names).toEqual(['ainur', 'Bolat', 'Émile', 'Ölzhas', 'Ёлка']);
    await api.call('clients.delete', { id: client.id });
    const deleted = await appErrorOf(api.call('contacts.create', { clientId: client.id, name: 'Late' }));
    expect(deleted.code).toBe('not_found');
    expect(deleted.details).toMatchObject({ field: 'clientId' });
  });
});

describe('team members and client owners', () => {
  it('creates, lists active members, and refuses a deleted member as owner', async () => {
    const { api, client } = await setup();
    const dana = await api.call('users.create', { name: 'Dana', email: 'dana@rapport.kz', role: 'admin' });
    const erlan = await api.call('users.create', { name: 'Erlan' });
    expect(erlan).toMatchObject({ role: 'member', active: true });
    await api.call('users.update', { id: erlan.id, active: false });
    expect((await api.call('users.list', { activeOnly: true })).items.map((u) => u.name)).toEqual(['Dana']);
    expect((await api.call('clients.update', { id: client.id, ownerId: dana.id })).ownerId).toBe(dana.id);
    await api.call('users.delete', { id: dana.id });
    const error = await appErrorOf(api.call('clients.update', { id: client.id, ownerId: dana.id }));
    expect(error.code).toBe('not_found');
    expect(error.details).toMatchObject({ field: 'ownerId' });
    expect(
      (await appErrorOf(api.call('users.create', { name: 'X', email: 'x@' }))).details?.issues?.[0],
    ).toMatchObject({
      path: 'email',
      rule: 'email',
    });
  });
});

describe('tags', () => {
  it('tags a client once, untags, and tags again on the same row', async () => {
    const { api, client } = await setup();
    const vip = await api.call('tags.create', { name: 'Harvest 2026', color: '#AA3300' });
    expect(vip.color).toBe('#aa3300');
    const tagged = await api.call('clients.tag', { clientId: client.id, tagId: vip.id });
    expect(tagged.tags.map((t) => t.name)).toEqual(['Harvest 2026']);
    await api.call('clients.tag', { clientId: client.id, tagId: vip.id });
    expect((await api.call('clients.untag', { clientId: client.id, tagId: vip.id })).tags).toEqual([]);
    const again = await api.call('clients.tag', { clientId: client.id, tagId: vip.id });
    expect(again.tags).toHaveLength(1);
    // Deleting the tag hides it everywhere; restoring brings it back on the client.
    await api.call('tags.delete', { id: vip.id });
    expect((await api.call('tags.forClient', { clientId: client.id })).tags).toEqual([]);
    await api.call('tags.restore', { id: vip.id });
    expect((await api.call('tags.forClient', { clientId: client.id })).tags).toHaveLength(1);
    const bad = await appErrorOf(api.call('tags.create', { name: 'X', color: 'red' }));
    expect(bad.details?.issues?.[0]).toMatchObject({ path: 'color', rule: 'color' });
  });
});
