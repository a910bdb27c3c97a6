import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerStore, openPostgresStore } from '../../server/store.ts';
import type { ApiClient } from '../../shared/api/client.ts';
import { runSimulation } from '../sync-sim/simulation.ts';
import { useTestBackends } from '../support/open-test-backend.ts';
import { runRapport } from '../support/rapport-cli.ts';
import { freshDatabase, postgresAvailable, startPostgres } from '../support/postgres.ts';
import { serveOnLoopback } from '../support/loopback-server.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { describeServerGuardTests } from '../support/server-guard-tests.ts';
import { describeWireTests } from '../support/wire-tests.ts';

const tempDir = useTempDirs();
const openBackend = useTestBackends();
const stillTimers = { setTimeout: () => ({}), clearTimeout: () => undefined };

let postgres: { url: string; stop(): void } | null = null;
beforeAll(async () => {
  // .ci/run installs PostgreSQL; a machine without it fails here, loudly, rather than skipping.
  if (!postgresAvailable())
    throw new Error('PostgreSQL 15 is not installed (apt-get install -y postgresql).');
  postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres?.stop());

/** A sync server process on PostgreSQL; several may share one database. */
async function serverOn(url: string) {
  return serveOnLoopback({ store: await openPostgresStore(url) });
}

async function laptop(serverUrl: string, email: string, password: string): Promise<ApiClient> {
  const { api } = await openBackend(tempDir(), { dailyBackups: false, timers: stillTimers });
  await api.call('sync.connect', { serverUrl, email, password });
  return api;
}

describe('the sync server on PostgreSQL', () => {
  it('serves two laptops through two server processes sharing one database', async () => {
    const url = await freshDatabase(postgres?.url ?? '');
    const one = await serverOn(url);
    const two = await serverOn(url);
    try {
      await one.service.createTeam({
        name: 'Steppe',
        adminEmail: 'a@steppe.kz',
        adminPassword: 'password one',
      });
      await two.service.addUser({
        team: 'Steppe',
        email: 'b@steppe.kz',
        password: 'password two',
        role: 'member',
      });
      const a = await laptop(one.url, 'a@steppe.kz', 'password one');
      const b = await laptop(two.url, 'b@steppe.kz', 'password two');
      const client = await a.call('clients.create', {
        name: 'Postgres Client',
        kind: 'company',
        notes: 'first',
      });
      await a.call('sync.now', {});
      await b.call('sync.now', {});
      expect((await b.call('clients.get', { id: client.id })).notes).toBe('first');
      await a.call('clients.update', { id: client.id, stage: 'active' });
      await b.call('clients.update', { id: client.id, vip: true });
      for (const api of [a, b, a]) await api.call('sync.now', {});
      for (const api of [a, b]) {
        expect(await api.call('clients.get', { id: client.id })).toMatchObject({
          stage: 'active',
          vip: true,
        });
      }
      // A rival team on the same database sees nothing.
      await two.service.createTeam({
        name: 'Rivals',
        adminEmail: 'r@rivals.kz',
        adminPassword: 'password three',
      });
      const rival = await laptop(one.url, 'r@rivals.kz', 'password three');
      expect((await rival.call('clients.list', {})).items).toEqual([]);
    } finally {
      await one.stop();
      await two.stop();
    }
  });

  // The demo's push takes 15 s or more on two cores shared with other work (19 s of 20 before issue 13).
  it(
    'gives a new laptop a snapshot, redirects merged duplicates and refuses a revoked laptop',
    { timeout: 60_000 },
    async () => {
      const url = await freshDatabase(postgres?.url ?? '');
      const server = await serverOn(url);
      try {
        await server.service.createTeam({
          name: 'Steppe',
          adminEmail: 'a@steppe.kz',
          adminPassword: 'password one',
        });
        await server.service.addUser({
          team: 'Steppe',
          email: 'b@steppe.kz',
          password: 'password two',
          role: 'member',
        });
        const a = await laptop(server.url, 'a@steppe.kz', 'password one');
        await a.call('app.loadDemo', { timeZone: 'UTC' });
        const [keep, duplicate] = (await a.call('clients.list', { limit: 2 })).items;
        await a.call('clients.merge', { id: duplicate?.id ?? '', intoId: keep?.id ?? '' });
        expect(await a.call('sync.now', {})).toMatchObject({ state: 'synced', pending: 0 });

        // b joins a team with a long history: a snapshot, the same rows, the merge respected.
        const { api: b, logged } = await openBackend(tempDir(), { dailyBackups: false, timers: stillTimers });
        expect(
          await b.call('sync.connect', {
            serverUrl: server.url,
            email: 'b@steppe.kz',
            password: 'password two',
          }),
        ).toMatchObject({ state: 'synced', received: null });
        expect(logged.map((entry) => entry.message)).toContain('first sync from a snapshot');
        const mine = await a.call('clients.list', { limit: 500 });
        const theirs = await b.call('clients.list', { limit: 500 });
        expect(theirs.items.map((c) => [c.id, c.name, c.lastContactAt])).toEqual(
          mine.items.map((c) => [c.id, c.name, c.lastContactAt]),
        );
        await expect(b.call('clients.get', { id: duplicate?.id ?? '' })).rejects.toMatchObject({
          details: { mergedInto: keep?.id },
        });

        // The admin revokes b from the app; b is told.
        const devices = await a.call('sync.devices', {});
        const other = devices.items.find((device) => !device.current);
        await a.call('sync.revokeDevice', { deviceId: other?.id ?? '' });
        await b.call('clients.update', { id: keep?.id ?? '', notes: 'after revoke' });
        expect((await b.call('sync.now', {})).lastError).toMatch(/disconnected from the team/);
      } finally {
        await server.stop();
      }
    },
  );

  it('is managed with the same commands as on SQLite', async () => {
    const url = await freshDatabase(postgres?.url ?? '');
    expect(
      runRapport(
        'server',
        'create-team',
        '--database-url',
        url,
        '--name',
        'PG Team',
        '--admin-email',
        'a@pg.kz',
        '--admin-password',
        'password one',
      ),
    ).toMatchObject({ code: 0 });
    expect(runRapport('server', 'devices', '--database-url', url)).toMatchObject({
      code: 0,
      stdout: 'No devices have signed in yet.\n',
    });
  });

  it.each([11, 12])(
    'passes the deterministic simulation, seed %i',
    async (seed) => {
      const url = await freshDatabase(postgres?.url ?? '');
      let store: ServerStore | null = null;
      const result = await runSimulation({
        seed,
        steps: 80,
        openStore: async () => (store = await openPostgresStore(url)),
      });
      expect(result.clients).toBeGreaterThan(0);
      expect(store).not.toBeNull();
    },
    120_000,
  );
});

const stopWireServers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const stop of stopWireServers.splice(0)) await stop();
});

describeWireTests('PostgreSQL', async () => {
  const server = await serverOn(await freshDatabase(postgres?.url ?? ''));
  stopWireServers.push(server.stop);
  await server.service.createTeam({
    name: 'Steppe Sales',
    adminEmail: 'aigerim@steppe.kz',
    adminPassword: 'correct horse 1',
  });
  await server.service.addUser({
    team: 'Steppe Sales',
    email: 'dmitry@steppe.kz',
    password: 'correct horse 2',
    role: 'member',
  });
  return { url: server.url, db: server.service.db };
});

describeServerGuardTests('PostgreSQL', async () => {
  const url = await freshDatabase(postgres?.url ?? '');
  return { open: () => openPostgresStore(url), cliArgs: ['--database-url', url] };
});
