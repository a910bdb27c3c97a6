import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ServerDatabase } from './schema.ts';

/** The server's database: an embedded SQLite file by default, PostgreSQL for larger teams. */
export interface ServerStore {
  db: Kysely<ServerDatabase>;
  dialect: 'sqlite' | 'postgres';
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
  await createTables(db, 'sqlite');
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/**
 * Connects to PostgreSQL (`postgres://user:pass@host:5432/db`) and brings its tables up to date. Several
 * server processes may share it: pushes take a per-team advisory lock, so sequence numbers commit in
 * order and no pull cursor ever skips a change.
 */
export async function openPostgresStore(url: string): Promise<ServerStore> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // 64-bit integers (sequences, counters) come back as numbers: they stay far below 2^53.
  pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
  const db = new Kysely<ServerDatabase>({ dialect: new PostgresDialect({ pool }) });
  await createTables(db, 'postgres');
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

async function createTables(db: Kysely<ServerDatabase>, dialect: ServerStore['dialect']): Promise<void> {
  const serial = dialect === 'postgres' ? sql`BIGSERIAL PRIMARY KEY` : sql`INTEGER PRIMARY KEY AUTOINCREMENT`;
  const counter = dialect === 'postgres' ? sql`BIGINT` : sql`INTEGER`;
  for (const statement of [
    sql`CREATE TABLE IF NOT EXISTS server_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)`,
    sql`CREATE TABLE IF NOT EXISTS team (id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL)`,
    sql`CREATE TABLE IF NOT EXISTS app_user (
      id TEXT PRIMARY KEY NOT NULL, team_id TEXT NOT NULL REFERENCES team (id), email TEXT NOT NULL UNIQUE,
      password_hash TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('admin', 'member')),
      disabled_at TEXT, created_at TEXT NOT NULL)`,
    sql`CREATE TABLE IF NOT EXISTS device (
      id TEXT PRIMARY KEY NOT NULL, team_id TEXT NOT NULL REFERENCES team (id),
      user_id TEXT NOT NULL REFERENCES app_user (id), name TEXT NOT NULL, refresh_hash TEXT NOT NULL,
      created_at TEXT NOT NULL, last_seen_at TEXT NOT NULL, revoked_at TEXT, last_counter ${counter} NOT NULL DEFAULT 0)`,
    sql`CREATE TABLE IF NOT EXISTS change (
      seq ${serial}, team_id TEXT NOT NULL, table_name TEXT NOT NULL, row_id TEXT NOT NULL,
      field TEXT NOT NULL, value TEXT NOT NULL, hlc TEXT NOT NULL, device_id TEXT NOT NULL,
      counter ${counter} NOT NULL, seen_seq ${counter} NOT NULL DEFAULT 0, received_at TEXT NOT NULL)`,
    sql`CREATE INDEX IF NOT EXISTS change_by_team ON change (team_id, seq)`,
    // A push retried after a lost reply is answered from what was stored (its re-stamped clocks).
    sql`CREATE INDEX IF NOT EXISTS change_by_device ON change (device_id, counter)`,
    sql`CREATE TABLE IF NOT EXISTS field_state (
      team_id TEXT NOT NULL, table_name TEXT NOT NULL, row_id TEXT NOT NULL, field TEXT NOT NULL,
      value TEXT NOT NULL, hlc TEXT NOT NULL, PRIMARY KEY (team_id, table_name, row_id, field))`,
  ]) {
    await statement.execute(db);
  }
  // Databases made before changes carried what their writer had seen.
  const columns =
    dialect === 'postgres'
      ? await sql<{ name: string }>`SELECT column_name AS name FROM information_schema.columns
          WHERE table_name = 'change' AND table_schema = current_schema()`.execute(db)
      : await sql<{ name: string }>`SELECT name FROM pragma_table_info('change')`.execute(db);
  if (!columns.rows.some((column) => column.name === 'seen_seq'))
    await sql`ALTER TABLE change ADD COLUMN seen_seq ${counter} NOT NULL DEFAULT 0`.execute(db);
}
