import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../db/paths.ts';
import { appErrorOf } from '../support/app-error.ts';
import { useTestBackends } from '../support/open-test-backend.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const openTestBackend = useTestBackends();

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return (await appErrorOf(promise)).code;
}

function rawRow(dir: string, id: string) {
  const sqlite = new BetterSqlite3(join(dir, DATABASE_FILE), { readonly: true });
  const row = sqlite.prepare('SELECT name, kind, hlc, field_clocks FROM client WHERE id = ?').get(id) as {
    name: string;
    hlc: string;
    field_clocks: string;
  };
  const changes = (sqlite.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
  sqlite.close();
  return { ...row, clocks: JSON.parse(row.field_clocks) as Record<string, string>, changes };
}

describe('every change is recorded field by field', () => {
  it('shows who changed which field, from what to what, newest first', async () => {
    const { api } = await openTestBackend(tempDir());
    const client = await api.call('clients.create', { name: 'Acme', kind: 'company' });
    await api.call('clients.update', { id: client.id, name: 'Acme Holdings' });
    await api.call('clients.update', { id: client.id, kind: 'person', name: 'Acme Holdings' });

    const history = await api.call('history.forRecord', { entity: 'client', id: client.id });
    expect(history.items.map((e) => [e.field, e.oldValue, e.newValue, e.origin])).toEqual([
      ['kind', 'company', 'person', 'local'],
      ['name', 'Acme', 'Acme Holdings', 'local'],
      // The creation is one entry (db/records/creation-entry.ts), shown field by field; the stage keeps
      // an entry of its own, written after it.
      ['stage', null, 'prospect', 'local'],
      ['vip', null, false, 'local'],
      ['kind', null, 'company', 'local'],
      ['name', null, 'Acme', 'local'],
      ['createdAt', null, client.createdAt, 'local'],
    ]);
    const [latest] = history.items;
    expect(latest?.deviceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(latest?.undone).toBe(false);
  });

  it('moves only the clocks of the fields that changed, and writes nothing for a no-op update', async () => {
    const dir = tempDir();
    const { api } = await openTestBackend(dir);
    const client = await api.call('clients.create', { name: 'Acme', kind: 'company' });
    const before = rawRow(dir, client.id);
    const stamp = before.hlc;
    expect(before.clocks).toEqual({ created_at: stamp, name: stamp, kind: stamp, stage: stamp, vip: stamp });

    await api.call('clients.update', { id: client.id, name: 'Acme' });
    expect(rawRow(dir, client.id)).toEqual(before);

    const updated = await api.call('clients.update', { id: client.id, name: 'Acme Ltd' });
    const after = rawRow(dir, client.id);
    expect(after.hlc > before.hlc).toBe(true);
    expect(after.clocks).toEqual({ ...before.clocks, name: after.hlc });
    expect(after.changes).toBe(before.changes + 1);
    expect(updated.updatedAt >= client.updatedAt).toBe(true);
  });

  it('keeps clocks increasing after a restart', async () => {
    const dir = tempDir();
    const first = await openTestBackend(dir);
    const client = await first.api.call('clients.create', { name: 'Acme', kind: 'company' });
    const stamped = rawRow(dir, client.id).hlc;
    first.backend.close();
    const second = await openTestBackend(dir);
    await second.api.call('clients.update', { id: client.id, name: 'Acme 2' });
    expect(rawRow(dir, client.id).hlc > stamped).toBe(true);
  });

  it('writes no change for refused input', async () => {
    const dir = tempDir();
    const { api } = await openTestBackend(dir);
    const client = await api.call('clients.create', { name: 'Acme', kind: 'company' });
    const before = rawRow(dir, client.id).changes;
    expect(await codeOf(api.call('clients.update', { id: client.id, name: '' }))).toBe('validation');
    expect(
      await codeOf(api.call('clients.update', { id: '0190f6a4-0000-7000-8000-000000000000', name: 'X' })),
    ).toBe('not_found');
    expect(rawRow(dir, client.id).changes).toBe(before);
  });
});

describe('delete and restore', () => {
  it('hides a deleted client from the list and from get, and restores it', async () => {
    const { api } = await openTestBackend(tempDir());
    const client = await api.call('clients.create', { name: 'Acme', kind: 'company' });
    await api.call('clients.create', { name: 'Globex', kind: 'company' });

    const deleted = await api.call('clients.delete', { id: client.id });
    expect(deleted.deletedAt).not.toBeNull();
    expect((await api.call('clients.list', {})).items.map((c) => c.name)).toEqual(['Globex']);
    expect(await codeOf(api.call('clients.get', { id: client.id }))).toBe('not_found');
    expect(await codeOf(api.call('clients.update', { id: client.id, name: 'Zombie' }))).toBe('not_found');
    expect(await codeOf(api.call('clients.delete', { id: client.id }))).toBe('not_found');

    const restored = await api.call('clients.restore', { id: client.id });
    expect(restored.deletedAt).toBeNull();
    expect((await api.call('clients.list', {})).items.map((c) => c.name)).toEqual(['Acme', 'Globex']);
  });
});

describe('history.undo', () => {
  it('reverts the last change, then the one before, and so on, until nothing is left', async () => {
    const { api } = await openTestBackend(tempDir());
    const client = await api.call('clients.create', { name: 'Acme', kind: 'company' });
    await api.call('clients.update', { id: client.id, name: 'Acme Ltd' });
    await api.call('clients.update', { id: client.id, kind: 'person' });
    await api.call('clients.delete', { id: client.id });

    await api.call('history.undo', {});
    expect(await api.call('clients.get', { id: client.id })).toMatchObject({
      name: 'Acme Ltd',
      kind: 'person',
    });
    await api.call('history.undo', {});
    expect(await api.call('clients.get', { id: client.id })).toMatchObject({
      name: 'Acme Ltd',
      kind: 'company',
    });
    await api.call('history.undo', {});
    expect(await api.call('clients.get', { id: client.id })).toMatchObject({ name: 'Acme', kind: 'company' });
    const last = await api.call('history.undo', {});
    expect(last.undone?.records).toEqual([{ entity: 'client', id: client.id }]);
    expect(await codeOf(api.call('clients.get', { id: client.id }))).toBe('not_found');

    expect(await api.call('history.undo', {})).toEqual({ undone: null });
  });

  it('records undos as changes of their own and marks what they undid', async () => {
    const { api } = await openTestBackend(tempDir());
    const client = await api.call('clients.create', { name: 'Acme', kind: 'company' });
    await api.call('clients.update', { id: client.id, name: 'Acme Ltd' });
    await api.call('history.undo', {});

    const [undo, original] = (await api.call('history.forRecord', { entity: 'client', id: client.id })).items;
    expect(undo).toMatchObject({
      field: 'name',
      oldValue: 'Acme Ltd',
      newValue: 'Acme',
      origin: 'undo',
      undone: false,
    });
    expect(original).toMatchObject({
      field: 'name',
      oldValue: 'Acme',
      newValue: 'Acme Ltd',
      origin: 'local',
      undone: true,
    });
  });

  it('announces what it changed, so open screens refresh', async () => {
    const { api } = await openTestBackend(tempDir());
    const client = await api.call('clients.create', { name: 'Acme', kind: 'company' });
    const seen: unknown[] = [];
    api.on('data.changed', (payload) => seen.push(payload));
    await api.call('history.undo', {});
    expect(seen).toEqual([{ entity: 'client', ids: [client.id] }]);
  });

  it('pages through a long history without gaps', async () => {
    const { api } = await openTestBackend(tempDir());
    const client = await api.call('clients.create', { name: 'v0', kind: 'company' });
    for (let i = 1; i <= 12; i += 1) await api.call('clients.update', { id: client.id, name: `v${i}` });
    const fields: string[] = [];
    let before: number | null = null;
    do {
      const page: { items: { newValue: unknown }[]; nextBefore: number | null } = await api.call(
        'history.forRecord',
        { entity: 'client', id: client.id, before, limit: 5 },
      );
      fields.push(...page.items.map((e) => String(e.newValue)));
      before = page.nextBefore;
    } while (before !== null);
    expect(fields.slice(0, 12)).toEqual(Array.from({ length: 12 }, (_, i) => `v${12 - i}`));
    expect(fields.slice(12)).toEqual(['prospect', 'false', 'company', 'v0', client.createdAt]);
  });
});
