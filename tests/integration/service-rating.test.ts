import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations/index.ts';
import { openDatabase } from '../../db/open-database.ts';
import { checkWireChange } from '../../shared/entities/wire.ts';
import { appErrorOf } from '../support/app-error.ts';
import { useTestBackends } from '../support/open-test-backend.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const openTestBackend = useTestBackends();

async function setup() {
  const { api } = await openTestBackend(tempDir());
  const client = await api.call('clients.create', { name: 'Qazaq Agro', kind: 'company' });
  return { api, client };
}

describe('a client’s satisfaction with a service request', () => {
  it('is recorded from 1 to 5 stars when the request is resolved, and kept in its history', async () => {
    const { api, client } = await setup();
    const opened = await api.call('serviceRequests.open', { clientId: client.id, title: 'Tractor stalls' });
    expect(opened.rating).toBeNull();
    const resolved = await api.call('serviceRequests.update', {
      id: opened.id,
      status: 'resolved',
      rating: 4,
    });
    expect(resolved).toMatchObject({ status: 'resolved', rating: 4 });
    const rated = await api.call('serviceRequests.open', {
      clientId: client.id,
      title: 'Invoice in the wrong currency',
      status: 'resolved',
      rating: 5,
    });
    expect(rated.rating).toBe(5);
    const history = await api.call('history.forRecord', { entity: 'serviceRequest', id: opened.id });
    expect(history.items.find((change) => change.field === 'rating')).toMatchObject({ newValue: 4 });
  });

  it('refuses 0, 6 and 2.5 stars with a message that says what to enter, and changes nothing', async () => {
    const { api, client } = await setup();
    const request = await api.call('serviceRequests.open', { clientId: client.id, title: 'Late delivery' });
    for (const [rating, message] of [
      [0, 'The lowest rating is 1.'],
      [6, 'The highest rating is 5.'],
      [2.5, 'Enter a whole number of stars from 1 to 5.'],
    ] as const) {
      const update = await appErrorOf(api.call('serviceRequests.update', { id: request.id, rating }));
      expect(update.code).toBe('validation');
      expect(update.details?.issues?.[0]).toMatchObject({ path: 'rating', message });
      const open = await appErrorOf(
        api.call('serviceRequests.open', { clientId: client.id, title: 'Again', rating }),
      );
      expect(open.details?.issues?.[0]).toMatchObject({ path: 'rating', message });
    }
    expect((await api.call('serviceRequests.get', { id: request.id })).rating).toBeNull();
    expect((await api.call('serviceRequests.list', { clientId: client.id })).items).toHaveLength(1);
  });

  it('is checked from the same declaration when another laptop pushes it', () => {
    expect(checkWireChange('service_request', 'rating', '3')).toMatchObject({ ok: true });
    expect(checkWireChange('service_request', 'rating', 'null')).toMatchObject({ ok: true });
    for (const bad of ['0', '6', '2.5', '"5"'])
      expect(checkWireChange('service_request', 'rating', bad), bad).toMatchObject({
        ok: false,
        rule: 'invalid_type',
      });
  });
});

describe('version 11 (service ratings)', () => {
  it('keeps the requests of version 10 unrated, and the database refuses a rating out of range', async () => {
    const dir = tempDir();
    const file = join(dir, 'rapport.db');
    const backupDir = join(dir, 'backups');
    (await openDatabase({ file, backupDir, migrations: migrations.slice(0, 10) })).sqlite.close();
    const old = new BetterSqlite3(file);
    old
      .prepare(
        `INSERT INTO service_request (id, created_at, updated_at, hlc, client_id, title, opened_at)
         VALUES ('r1', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '0', 'c1', 'Old', '2026-01-01T00:00:00.000Z')`,
      )
      .run();
    old.close();
    const opened = await openDatabase({ file, backupDir });
    try {
      expect(opened.sqlite.prepare('SELECT id, title, rating FROM service_request').all()).toEqual([
        { id: 'r1', title: 'Old', rating: null },
      ]);
      expect(() =>
        opened.sqlite.prepare("UPDATE service_request SET rating = 6 WHERE id = 'r1'").run(),
      ).toThrow(/CHECK constraint/);
    } finally {
      opened.sqlite.close();
    }
  });
});
