import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import type { BackendOptions } from '../../db/backend.ts';
import { DATABASE_FILE } from '../../db/paths.ts';
import { openDatabase } from '../../db/open-database.ts';
import { login } from '../../db/sync/sync-client.ts';
import { buildServer } from '../../server/app.ts';
import { SyncService } from '../../server/service.ts';
import { openSqliteStore } from '../../server/store.ts';
import type { ApiClient } from '../../shared/api/client.ts';
import type { SyncStatus } from '../../shared/domain/sync.ts';
import type { Tokens } from '../../shared/sync/protocol.ts';
import { useTestBackends } from './open-test-backend.ts';
import { useTempDirs } from './temp-dir.ts';

export interface Laptop {
  api: ApiClient;
  deviceId: string;
  dataDir: string;
  /** The tokens of a separate sign-in of the same device, for raw HTTP requests in tests. */
  tokens: Tokens;
  sync: () => Promise<SyncStatus>;
}

/** Timers that never fire: tests run sync rounds themselves with sync.now. */
export const stillTimers = { setTimeout: () => ({}), clearTimeout: () => undefined };

/**
 * A sync team for integration tests: a real server on 127.0.0.1 with its own SQLite file and laptops
 * running the app's backend on their own databases, all closed after each test.
 */
export function useSyncTeam() {
  const tempDir = useTempDirs();
  const openBackend = useTestBackends();
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A real sync server on 127.0.0.1 with its own SQLite file, and one team of two people. */
  async function startServer(now?: () => number) {
    const store = await openSqliteStore(join(tempDir(), 'server.db'));
    const service = new SyncService({ store, ...(now ? { now } : {}) });
    const app = buildServer({ service });
    await app.listen({ host: '127.0.0.1', port: 0 });
    cleanups.push(async () => {
      await app.close();
      await store.close();
    });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    await service.createTeam({
      name: 'Steppe Sales',
      adminEmail: 'aigerim@steppe.kz',
      adminPassword: 'correct horse 1',
    });
    await service.addUser({
      team: 'Steppe Sales',
      email: 'dmitry@steppe.kz',
      password: 'correct horse 2',
      role: 'member',
    });
    return { url: `http://127.0.0.1:${String(address.port)}`, service };
  }

  /** A laptop: the app's backend on its own database, connected to the server through the API. */
  async function laptop(
    serverUrl: string,
    email: string,
    password: string,
    options: Omit<BackendOptions, 'dataDir' | 'logger'> = {},
  ): Promise<Laptop> {
    const { api, backend } = await openBackend(tempDir(), {
      dailyBackups: false,
      timers: stillTimers,
      ...options,
    });
    const status = await api.call('sync.connect', { serverUrl, email, password });
    expect(status).toMatchObject({ state: 'synced', email, pending: 0, lastError: null });
    const deviceId = await deviceIdOf(backend.dataDir, options.migrations);
    const tokens = await login(serverUrl, { email, password, deviceId, deviceName: 'test' });
    return { api, deviceId, dataDir: backend.dataDir, tokens, sync: () => api.call('sync.now', {}) };
  }

  async function deviceIdOf(dataDir: string, migrations?: BackendOptions['migrations']): Promise<string> {
    const { sqlite } = await openDatabase({
      file: join(dataDir, DATABASE_FILE),
      backupDir: join(dataDir, 'backups'),
      ...(migrations ? { migrations } : {}),
    });
    try {
      return (
        sqlite.prepare("SELECT value FROM local_meta WHERE key = 'device_id'").get() as { value: string }
      ).value;
    } finally {
      sqlite.close();
    }
  }

  async function twoLaptops() {
    const server = await startServer();
    const a = await laptop(server.url, 'aigerim@steppe.kz', 'correct horse 1');
    const b = await laptop(server.url, 'dmitry@steppe.kz', 'correct horse 2');
    return { server, a, b };
  }

  return { tempDir, openBackend, startServer, laptop, twoLaptops, deviceIdOf };
}
