import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_SCHEMA_VERSION } from '../../server/migrations.ts';
import { openSqliteStore } from '../../server/store.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();

describe('a sync server database made by an earlier version', () => {
  it('gains the columns this version needs, keeping every change it holds', async () => {
    const file = join(tempDir(), 'server.db');
    const old = new BetterSqlite3(file);
    old.exec(`CREATE TABLE change (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, team_id TEXT NOT NULL, table_name TEXT NOT NULL, row_id TEXT NOT NULL,
      field TEXT NOT NULL, value TEXT NOT NULL, hlc TEXT NOT NULL, device_id TEXT NOT NULL,
      counter INTEGER NOT NULL, received_at TEXT NOT NULL)`);
    old
      .prepare(
        `INSERT INTO change (team_id, table_name, row_id, field, value, hlc, device_id, counter, received_at)
         VALUES ('t', 'client', 'r', 'name', '"Old"', '00000000000a-00000-abc', 'd', 1, '2026-01-01')`,
      )
      .run();
    old.close();

    const store = await openSqliteStore(file);
    try {
      const rows = await store.db.selectFrom('change').select(['value', 'seen_seq']).execute();
      expect(rows).toEqual([{ value: '"Old"', seen_seq: 0 }]);
    } finally {
      await store.close();
    }
    // Opening it again changes nothing more.
    const again = await openSqliteStore(file);
    await again.close();
  });

  it('is brought to the newest schema version, with the sign-in attempts table, and a newer one is refused', async () => {
    const file = join(tempDir(), 'server.db');
    const store = await openSqliteStore(file);
    try {
      const version = await store.db
        .selectFrom('server_meta')
        .select('value')
        .where('key', '=', 'schema_version')
        .executeTakeFirstOrThrow();
      expect(Number(version.value)).toBe(SERVER_SCHEMA_VERSION);
      expect(SERVER_SCHEMA_VERSION).toBe(2);
      await store.db
        .insertInto('login_attempt')
        .values({ attempt: 'a', bucket: 'email:x', at_ms: 1 })
        .execute();
    } finally {
      await store.close();
    }
    const newer = new BetterSqlite3(file);
    newer.prepare("UPDATE server_meta SET value = '99' WHERE key = 'schema_version'").run();
    newer.close();
    await expect(openSqliteStore(file)).rejects.toThrow(/made by a newer Rapport server \(schema 99/);
  });
});
