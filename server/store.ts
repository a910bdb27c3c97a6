import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type HeadListenerEvents, listenForHeads } from './head-listener.ts';
import { migrateServerSchema } from './migrations.ts';
import type { ServerDatabase } from './schema.ts';

/** The server's database: an embedded SQLite file by default, PostgreSQL for larger teams. */
export interface ServerStore {
  db: Kysely<ServerDatabase>;
  dialect: 'sqlite' | 'postgres';
  /**
   * Hears the heads that pushes of every process sharing the database announce (PostgreSQL LISTEN);
   * null for SQLite, whose file belongs to one server process, which hears its own pushes directly.
   */
  listenForHeads: ((events: HeadListenerEvents) => { close(): Promise<void> }) | null;
  close(): Promise<void>;
}

/** Opens (creating if needed) the server's SQLite database in WAL mode and brings its tables up to date. */
export async function openSqliteStore(file: string): Promise<ServerStore> {
  mkdirSync(dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<ServerDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await migrateServerSchema(db, 'sqlite');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, dialect: 'sqlite', listenForHeads: null, close: () => db.destroy() };
}

/**
 * Connects to PostgreSQL (`postgres://user:pass@host:5432/db`) and brings its tables up to date. Several
 * server processes may share it: pushes take a per-team advisory lock, so sequence numbers commit in
 * order and no pull cursor ever skips a change, and announce the team's new head to all of them
 * (NOTIFY), so every process's event streams wake.
 */
export async function openPostgresStore(url: string): Promise<ServerStore> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // 64-bit integers (sequences, counters) come back as numbers: they stay far below 2^53.
  pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
  const db = new Kysely<ServerDatabase>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateServerSchema(db, 'postgres');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const listeners = new Set<{ close(): Promise<void> }>();
  return {
    db,
    dialect: 'postgres',
    listenForHeads(events) {
      const listener = listenForHeads(url, events);
      listeners.add(listener);
      return {
        close: async () => {
          listeners.delete(listener);
          await listener.close();
        },
      };
    },
    async close() {
      for (const listener of listeners) await listener.close();
      await db.destroy();
    },
  };
}
