import { describe, expect, it } from 'vitest';
import type { BackendEvent } from '../../shared/api/events.ts';
import { appErrorOf } from '../support/app-error.ts';
import { useTestBackends } from '../support/open-test-backend.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const openTestBackend = useTestBackends();

describe('clients through the API contract', () => {
  it('creates a client, lists it and gets it by id', async () => {
    const { api } = await openTestBackend(tempDir());
    const created = await api.call('clients.create', { name: '  Acme Trading  ', kind: 'company' });
    expect(created).toMatchObject({ name: 'Acme Trading', kind: 'company' });
    expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);

    const page = await api.call('clients.list', {});
    expect(page.items.map((c) => c.name)).toEqual(['Acme Trading']);
    expect(page.nextCursor).toBeNull();
    await expect(api.call('clients.get', { id: created.id })).resolves.toEqual(created);
  });

  it('keeps clients after the backend is closed and opened again on the same folder', async () => {
    const dir = tempDir();
    const first = await openTestBackend(dir);
    await first.api.call('clients.create', { name: 'Берик Сейтказы', kind: 'person' });
    first.backend.close();

    const second = await openTestBackend(dir);
    const page = await second.api.call('clients.list', {});
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ name: 'Берик Сейтказы', kind: 'person' });
  });

  it('pages through clients in name order, case- and accent-insensitively, without repeats', async () => {
    const { api } = await openTestBackend(tempDir());
    const names = ['delta', 'Álpha', 'charlie', 'Echo', 'bravo', 'алмаз', 'foxtrot', 'alpha'];
    for (const name of names) await api.call('clients.create', { name, kind: 'company' });

    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: { items: { name: string }[]; nextCursor: string | null } = await api.call('clients.list', {
        after,
        limit: 3,
      });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((c) => c.name));
      after = page.nextCursor;
      pages += 1;
    } while (after !== null);

    expect(pages).toBe(3);
    expect(seen).toHaveLength(names.length);
    expect(new Set(seen).size).toBe(names.length);
    expect(seen.slice(0, 2).sort()).toEqual(['alpha', 'Álpha'].sort());
    expect(seen.slice(2, 7)).toEqual(['bravo', 'charlie', 'delta', 'Echo', 'foxtrot']);
    expect(seen[7]).toBe('алмаз');
  });

  it('announces a created client to subscribers after it is committed', async () => {
    const { api } = await openTestBackend(tempDir());
    const events: unknown[] = [];
    const stop = api.on('data.changed', (payload) => events.push(payload));
    const created = await api.call('clients.create', { name: 'Globex', kind: 'company' });
    stop();
    await api.call('clients.create', { name: 'Initech', kind: 'company' });
    expect(events).toEqual([{ entity: 'client', ids: [created.id] }]);
  });
});

describe('bad input is refused with a clear error and changes nothing', () => {
  it('names the field and the rule for a missing name, and writes nothing', async () => {
    const { api } = await openTestBackend(tempDir());
    const error = await appErrorOf(api.call('clients.create', { name: '   ', kind: 'company' }));
    expect(error.code).toBe('validation');
    expect(error.details?.issues).toEqual([
      expect.objectContaining({ path: 'name', rule: 'too_small', message: 'Enter the client’s name.' }),
    ]);
    expect((await api.call('clients.list', {})).items).toEqual([]);
  });

  it('refuses wrong types, unknown kinds, unknown fields and non-object input', async () => {
    const { backend } = await openTestBackend(tempDir());
    const cases: [unknown, string][] = [
      [{ name: 42, kind: 'company' }, 'name'],
      [{ name: 'X', kind: 'robot' }, 'kind'],
      [{ name: 'X' }, 'kind'],
      [{ name: 'X', kind: 'company', admin: true }, ''],
      ['just a string', ''],
      [null, ''], // null is a value, not "no input"
      [undefined, 'name'], // no input at all is read as {}
    ];
    for (const [input, path] of cases) {
      const envelope = await backend.dispatch('clients.create', input);
      expect(envelope.ok, JSON.stringify(input)).toBe(false);
      if (envelope.ok) continue;
      expect(envelope.error.code).toBe('validation');
      expect(envelope.error.details?.issues?.map((i) => i.path)).toContain(path);
    }
    const listed = await backend.dispatch('clients.list', {});
    expect(listed).toEqual({ ok: true, value: { items: [], nextCursor: null } });
  });

  it('answers an unknown method with not_found and a missing client with not_found', async () => {
    const { backend, api } = await openTestBackend(tempDir());
    const unknown = await backend.dispatch('clients.drop', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const missing = await appErrorOf(api.call('clients.get', { id: '0190f6a4-0000-7000-8000-000000000000' }));
    expect(missing.code).toBe('not_found');
    const notAnId = await appErrorOf(api.call('clients.get', { id: 'not-an-id' }));
    expect(notAnId.code).toBe('validation');
  });

  it('refuses a forged pagination cursor instead of failing inside SQL', async () => {
    const { api, logged } = await openTestBackend(tempDir());
    const error = await appErrorOf(api.call('clients.list', { after: 'bm90LWpzb24', limit: 5 }));
    expect(error.code).toBe('validation');
    expect(logged.filter((entry) => entry.level === 'error')).toEqual([]);
  });

  it('returns every event shape the contract declares', async () => {
    const { backend } = await openTestBackend(tempDir());
    const events: BackendEvent[] = [];
    backend.subscribe((event) => events.push(event));
    await backend.dispatch('clients.create', { name: 'Hooli', kind: 'company' });
    await backend.dispatch('clients.create', { name: '', kind: 'company' });
    expect(events.map((e) => e.event)).toEqual(['data.changed']);
  });
});
