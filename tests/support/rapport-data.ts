import BetterSqlite3 from 'better-sqlite3';
import type { ApiClient } from '../../shared/api/client.ts';
import { openBackend } from '../../db/backend.ts';
import { createDirectClient } from '../../db/direct-client.ts';
import type { Logger } from '../../db/logger.ts';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Opens the app's backend on `dataDir`, lets `use` work through the API, and closes it again. */
export async function withApp<T>(dataDir: string, use: (api: ApiClient) => Promise<T>): Promise<T> {
  const backend = await openBackend({ dataDir, logger: quiet });
  try {
    return await use(createDirectClient(backend));
  } finally {
    backend.close();
  }
}

/** Creates companies named `names` through the API, as the app would. */
export async function addClients(dataDir: string, ...names: string[]): Promise<void> {
  await withApp(dataDir, async (api) => {
    for (const name of names) await api.call('clients.create', { name, kind: 'company' });
  });
}

/**
 * Opens a database file to read it. Not `readonly`: a read-only connection leaves a WAL database's
 * -wal and -shm files behind, which would change what the tests look at.
 */
function openToRead(file: string): BetterSqlite3.Database {
  const sqlite = new BetterSqlite3(file, { fileMustExist: true });
  sqlite.pragma('query_only = ON');
  return sqlite;
}

/** The names of the live clients in a database file, sorted. */
export function clientNamesIn(file: string): string[] {
  const sqlite = openToRead(file);
  try {
    const rows = sqlite.prepare('SELECT name FROM client WHERE deleted_at IS NULL ORDER BY name').all();
    return (rows as { name: string }[]).map((row) => row.name);
  } finally {
    sqlite.close();
  }
}

/** What `PRAGMA integrity_check` says about a database file: `ok`, or its first problem. */
export function integrityOf(file: string): string {
  const sqlite = openToRead(file);
  try {
    return sqlite.pragma('integrity_check', { simple: true }) as string;
  } finally {
    sqlite.close();
  }
}
