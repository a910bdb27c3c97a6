import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../db/paths.ts';
import { useSyncTeam } from '../support/sync-team.ts';

const fixture = join(import.meta.dirname, '..', 'fixtures', 'demo-database-schema-9.db.gz');
const team = useSyncTeam();
const stillTimers = { setTimeout: () => ({}), clearTimeout: () => undefined };

describe('a database written before the entity declarations (schema 9, main of 2026-11-27)', () => {
  it('opens with every record as it was, and syncs all of it to a new laptop with nothing set aside', async () => {
    const dir = team.tempDir();
    writeFileSync(join(dir, DATABASE_FILE), gunzipSync(readFileSync(fixture)));
    const { api } = await team.openBackend(dir, { dailyBackups: false, timers: stillTimers });

    const clients = await api.call('clients.list', { limit: 500 });
    expect(clients.items).toHaveLength(42);
    const vip = clients.items.filter((client) => client.vip);
    expect(vip.length).toBeGreaterThan(0);
    const withAddress = clients.items.find((client) => client.address !== null);
    expect(withAddress?.address).toEqual(expect.objectContaining({ city: expect.any(String) as unknown }));
    const history = await api.call('history.forRecord', {
      entity: 'client',
      id: clients.items[0]?.id ?? '',
      limit: 50,
    });
    expect(history.items.length).toBeGreaterThan(0);

    // Every value it holds passes the rules the server and the laptops now apply.
    const server = await team.startServer();
    await api.call('sync.connect', {
      serverUrl: server.url,
      email: 'aigerim@steppe.kz',
      password: 'correct horse 1',
    });
    const status = await api.call('sync.now', {});
    expect(status).toMatchObject({ state: 'synced', pending: 0, setAside: 0, lastError: null });
    const other = await team.laptop(server.url, 'dmitry@steppe.kz', 'correct horse 2');
    expect(await other.sync()).toMatchObject({ state: 'synced', setAside: 0 });
    const received = await other.api.call('clients.list', { limit: 500 });
    expect(received.items.map((client) => [client.name, client.vip, client.stage, client.address])).toEqual(
      clients.items.map((client) => [client.name, client.vip, client.stage, client.address]),
    );
    const payments = async (client: typeof api) =>
      (await client.call('payments.list', { clientId: vip[0]?.id ?? '', limit: 500 })).items.map((p) => [
        p.amount,
        p.currency,
        p.issuedOn,
      ]);
    expect(await payments(other.api)).toEqual(await payments(api));
  });
});
