import { describe, expect, it } from 'vitest';
import { appErrorOf } from '../support/app-error.ts';
import { useTestBackends } from '../support/open-test-backend.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const openTestBackend = useTestBackends();

describe('what a client record keeps', () => {
  it('stores every detail given at creation and returns it as given', async () => {
    const { api } = await openTestBackend(tempDir());
    const client = await api.call('clients.create', {
      name: 'Qazaq Agro',
      kind: 'company',
      industry: 'Agriculture',
      segment: 'Mid-market',
      stage: 'active',
      vip: true,
      source: 'Trade fair',
      region: 'Almaty',
      address: { street: 'Abay Ave 10', city: 'Almaty', country: 'Kazakhstan' },
      website: 'qazaqagro.kz',
      preferences: 'Calls after 14:00; Russian or Kazakh',
      paymentTerms: 'Net 30',
      solvencyNotes: 'Always paid on time',
      notes: 'Met at AgriTek 2026.',
    });
    expect(await api.call('clients.get', { id: client.id })).toMatchObject({
      stage: 'active',
      vip: true,
      address: { street: 'Abay Ave 10', city: 'Almaty', country: 'Kazakhstan' },
      website: 'qazaqagro.kz',
      paymentTerms: 'Net 30',
      ownerId: null,
    });
  });

  it('starts a new client as a prospect, not VIP, with blank details empty', async () => {
    const { api } = await openTestBackend(tempDir());
    const client = await api.call('clients.create', {
      name: 'New Co',
      kind: 'company',
      industry: '   ',
      notes: '',
    });
    expect(client).toMatchObject({
      stage: 'prospect',
      vip: false,
      industry: null,
      notes: null,
      address: null,
    });
  });

  it('changes only the fields given, and clears a field with null', async () => {
    const { api } = await openTestBackend(tempDir());
    const client = await api.call('clients.create', {
      name: 'Acme',
      kind: 'company',
      industry: 'Retail',
      region: 'North',
    });
    const updated = await api.call('clients.update', { id: client.id, industry: null, vip: true });
    expect(updated).toMatchObject({ name: 'Acme', industry: null, region: 'North', vip: true });
  });

  it('refuses a bad web address, an unknown stage and an overlong note, naming each field', async () => {
    const { api } = await openTestBackend(tempDir());
    const client = await api.call('clients.create', { name: 'Acme', kind: 'company' });
    const website = await appErrorOf(api.call('clients.update', { id: client.id, website: 'not a site' }));
    expect(website.details?.issues).toEqual([
      expect.objectContaining({
        path: 'website',
        message: 'Enter a web address such as example.com or https://example.com.',
      }),
    ]);
    const stage = await appErrorOf(
      api.call('clients.update', { id: client.id, stage: 'bestie' as 'active' }),
    );
    expect(stage.details?.issues?.map((i) => i.path)).toEqual(['stage']);
    const notes = await appErrorOf(api.call('clients.update', { id: client.id, notes: 'x'.repeat(20_001) }));
    expect(notes.details?.issues?.map((i) => [i.path, i.rule])).toEqual([['notes', 'too_big']]);
    const address = await appErrorOf(
      api.call('clients.update', { id: client.id, address: { planet: 'Mars' } as never }),
    );
    expect(address.code).toBe('validation');
    expect(await api.call('clients.get', { id: client.id })).toMatchObject({
      website: null,
      stage: 'prospect',
      notes: null,
    });
  });

  it('treats an address with the same parts as unchanged, and undoes an address change as one', async () => {
    const { api } = await openTestBackend(tempDir());
    const client = await api.call('clients.create', {
      name: 'Acme',
      kind: 'company',
      address: { city: 'Astana', street: 'Kabanbay 1' },
    });
    const before = (await api.call('history.forRecord', { entity: 'client', id: client.id })).items.length;
    await api.call('clients.update', { id: client.id, address: { street: 'Kabanbay 1', city: 'Astana' } });
    expect((await api.call('history.forRecord', { entity: 'client', id: client.id })).items).toHaveLength(
      before,
    );

    await api.call('clients.update', { id: client.id, address: { city: 'Almaty' } });
    await api.call('history.undo', {});
    expect((await api.call('clients.get', { id: client.id })).address).toEqual({
      street: 'Kabanbay 1',
      city: 'Astana',
    });
  });
});

describe('lifecycle stages', () => {
  it('keeps every stage change with its date, for time-in-stage analytics', async () => {
    let now = new Date('2026-01-05T09:00:00.000Z');
    const dir = tempDir();
    const { api } = await openTestBackend(dir, { now: () => now });
    const client = await api.call('clients.create', { name: 'Acme', kind: 'company', stage: 'lead' });
    now = new Date('2026-02-10T09:00:00.000Z');
    await api.call('clients.update', { id: client.id, stage: 'active' });
    now = new Date('2026-06-01T09:00:00.000Z');
    await api.call('clients.update', { id: client.id, stage: 'loyal' });

    const history = await api.call('history.forRecord', { entity: 'client', id: client.id });
    const stages = history.items.filter((e) => e.field === 'stage').map((e) => [e.at, e.newValue]);
    expect(stages).toEqual([
      ['2026-06-01T09:00:00.000Z', 'loyal'],
      ['2026-02-10T09:00:00.000Z', 'active'],
      ['2026-01-05T09:00:00.000Z', 'lead'],
    ]);
  });
});
