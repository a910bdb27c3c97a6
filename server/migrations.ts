import { type Kysely, sql } from 'kysely';
import type { ServerDatabase } from './schema.ts';
import type { ServerStore } from './store.ts';

type Dialect = ServerStore['dialect'];

/** One step of the server's schema, frozen in time: it runs once, in the transaction of its version. */
interface ServerMigration {
  version: number;
  name: string;
  up(db: Kysely<ServerDatabase>, dialect: Dialect): Promise<void>;
}

/** The server's schema versions, oldest first. The version reached is `schema_version` in server_meta. */
export const serverMigrations: readonly ServerMigration[] = [
  {
    version: 1,
    name: 'teams, users, devices, the change log and field states',
    // Written so it also completes a database made before versions were kept (its tables exist already).
    async up(db, dialect) {
      const serial =
        dialect === 'postgres' ? sql`BIGSERIAL PRIMARY KEY` : sql`INTEGER PRIMARY KEY AUTOINCREMENT`;
      const counter = bigint(dialect);
      for (const statement of [
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
    },
  },
  {
    version: 2,
    name: 'sign-in attempts, so every server process applies the same limits, across restarts',
    async up(db, dialect) {
      await sql`CREATE TABLE login_attempt (
        attempt TEXT NOT NULL, bucket TEXT NOT NULL, at_ms ${bigint(dialect)} NOT NULL)`.execute(db);
      await sql`CREATE INDEX login_attempt_by_bucket ON login_attempt (bucket, at_ms)`.execute(db);
      await sql`CREATE INDEX login_attempt_by_age ON login_attempt (at_ms)`.execute(db);
      await sql`CREATE INDEX login_attempt_by_attempt ON login_attempt (attempt)`.execute(db);
    },
  },
];

/** The newest schema this server knows. */
export const SERVER_SCHEMA_VERSION = serverMigrations.at(-1)?.version ?? 0;

function bigint(dialect: Dialect) {
  return dialect === 'postgres' ? sql`BIGINT` : sql`INTEGER`;
}

/**
 * Brings the server's tables up to date in one transaction. On PostgreSQL, processes starting together
 * take turns (an advisory lock), so each step runs once. A database made by a newer server is refused:
 * this version would not know what its tables mean.
 */
export async function migrateServerSchema(db: Kysely<ServerDatabase>, dialect: Dialect): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(7240001)`.execute(trx);
    await sql`CREATE TABLE IF NOT EXISTS server_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)`.execute(
      trx,
    );
    const row = await trx
      .selectFrom('server_meta')
      .select('value')
      .where('key', '=', 'schema_version')
      .executeTakeFirst();
    const current = Number(row?.value ?? 0);
    if (current > SERVER_SCHEMA_VERSION)
      throw new Error(
        `This server database was made by a newer Rapport server (schema ${String(current)}, this one knows ${String(SERVER_SCHEMA_VERSION)}). Run the newer server.`,
      );
    const pending = serverMigrations.filter((migration) => migration.version > current);
    for (const migration of pending) await migration.up(trx, dialect);
    if (pending.length === 0) return;
    await trx
      .insertInto('server_meta')
      .values({ key: 'schema_version', value: String(SERVER_SCHEMA_VERSION) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(SERVER_SCHEMA_VERSION) }))
      .execute();
  });
}
