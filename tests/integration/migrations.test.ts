import BetterSqlite3 from 'better-sqlite3';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/api/errors.ts';
import { migrations } from '../../db/migrations/index.ts';
import type { Migration } from '../../db/migrations/migration.ts';
import { LATEST_SCHEMA_VERSION, RAPPORT_APPLICATION_ID, openDatabase } from '../../db/open-database.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();

const addNotes: Migration = {
  version: LATEST_SCHEMA_VERSION + 1,
  name: 'test-only client remark',
  up: (sqlite) => sqlite.exec("ALTER TABLE client ADD COLUMN test_only_remark TEXT NOT NULL DEFAULT ''"),
};

const failing: Migration = {
  version: LATEST_SCHEMA_VERSION + 1,
  name: 'test-only failure halfway',
  up(sqlite) {
    sqlite.exec('CREATE TABLE half_done (x INTEGER)');
    throw new Error('disk on fire');
  },
};

function paths() {
  const dir = tempDir();
  return { file: join(dir, 'rapport.db'), backupDir: join(dir, 'backups') };
}

async function openError(options: Parameters<typeof openDatabase>[0]): Promise<AppError> {
  const error = await openDatabase(options).then(
    (opened) => {
      opened.sqlite.close();
      return undefined;
    },
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

function insertClientRow(file: string, name: string): void {
  const sqlite = new BetterSqlite3(file);
  sqlite
    .prepare(
      `INSERT INTO client (id, name, sort_name, kind, created_at, updated_at, hlc)
       VALUES (?, ?, lower(?), 'company', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '0')`,
    )
    .run(`0190f6a4-0000-7000-8000-00000000000${name.length % 10}`, name, name);
  sqlite.close();
}

describe('the migration list', () => {
  it('numbers versions 1, 2, 3, … without gaps or duplicates', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, index) => index + 1));
    expect(new Set(migrations.map((m) => m.name)).size).toBe(migrations.length);
    expect(LATEST_SCHEMA_VERSION).toBe(migrations.length);
  });
});

describe('opening a database', () => {
  it('creates a new database at the latest version, marked as Rapport’s, in WAL mode', async () => {
    const { file, backupDir } = paths();
    const opened = await openDatabase({ file, backupDir });
    expect(opened.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(opened.backupFile).toBeNull();
    expect(opened.sqlite.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(opened.sqlite.pragma('application_id', { simple: true })).toBe(RAPPORT_APPLICATION_ID);
    expect(opened.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(opened.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    opened.sqlite.close();
    expect(existsSync(backupDir)).toBe(false);
  });

  it('backs up existing data with the backup API before migrating, and keeps every row', async () => {
    const { file, backupDir } = paths();
    (await openDatabase({ file, backupDir })).sqlite.close();
    insertClientRow(file, 'Acme');

    const now = new Date('2026-11-22T10:00:00.000Z');
    const opened = await openDatabase({
      file,
      backupDir,
      now: () => now,
      migrations: [...migrations, addNotes],
    });
    expect(opened.schemaVersion).toBe(LATEST_SCHEMA_VERSION + 1);
    expect(opened.sqlite.prepare('SELECT name, test_only_remark FROM client').all()).toEqual([
      { name: 'Acme', test_only_remark: '' },
    ]);
    opened.sqlite.close();

    expect(opened.backupFile).not.toBeNull();
    expect(readdirSync(backupDir)).toEqual([
      `rapport-before-v${LATEST_SCHEMA_VERSION}-to-v${LATEST_SCHEMA_VERSION + 1}-20261122T100000Z.db`,
    ]);
    const backup = new BetterSqlite3(opened.backupFile ?? '', { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(backup.prepare('SELECT name FROM client').all()).toEqual([{ name: 'Acme' }]);
    backup.close();
  });

  it('rolls a failed migration back completely and leaves the database at its old version', async () => {
    const { file, backupDir } = paths();
    (await openDatabase({ file, backupDir })).sqlite.close();
    insertClientRow(file, 'Acme');
    await expect(openDatabase({ file, backupDir, migrations: [...migrations, failing] })).rejects.toThrow(
      'disk on fire',
    );
    const sqlite = new BetterSqlite3(file);
    expect(sqlite.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(sqlite.prepare("SELECT name FROM sqlite_schema WHERE name = 'half_done'").get()).toBeUndefined();
    expect(sqlite.prepare('SELECT count(*) AS n FROM client').get()).toEqual({ n: 1 });
    sqlite.close();
  });

  it('refuses a database written by a newer Rapport, says what to do, and leaves it untouched', async () => {
    const { file, backupDir } = paths();
    (await openDatabase({ file, backupDir, migrations: [...migrations, addNotes] })).sqlite.close();
    const before = readFileSync(file);
    const error = await openError({ file, backupDir });
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/newer version of Rapport/);
    expect(error.message).toMatch(/rapport restore/);
    expect(error.details).toMatchObject({ schemaVersion: LATEST_SCHEMA_VERSION + 1 });
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a damaged file instead of replacing it with an empty database', async () => {
    const { file, backupDir } = paths();
    const garbage = Buffer.from('this is a spreadsheet, honestly\n'.repeat(200));
    writeFileSync(file, garbage);
    const error = await openError({ file, backupDir });
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/damaged or is not a database/);
    expect(readFileSync(file).equals(garbage)).toBe(true);
  });

  it('refuses a database whose pages after the header are corrupt', async () => {
    const { file, backupDir } = paths();
    (await openDatabase({ file, backupDir })).sqlite.close();
    const bytes = readFileSync(file);
    bytes.fill(0xff, 100, bytes.length);
    writeFileSync(file, bytes);
    const error = await openError({ file, backupDir });
    expect(error.code).toBe('unavailable');
  });

  it('refuses the SQLite database of another application', async () => {
    const { file, backupDir } = paths();
    const other = new BetterSqlite3(file);
    other.exec('CREATE TABLE recipes (title TEXT)');
    other.close();
    const error = await openError({ file, backupDir });
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/not one of Rapport/);
  });
});

describe('migration 3: client details', () => {
  it('keeps clients written at version 2 and gives them the default stage and VIP flag', async () => {
    const { file, backupDir } = paths();
    (await openDatabase({ file, backupDir, migrations: migrations.slice(0, 2) })).sqlite.close();
    insertClientRow(file, 'Acme');
    const opened = await openDatabase({ file, backupDir });
    expect(opened.sqlite.prepare('SELECT name, stage, vip, address, notes FROM client').all()).toEqual([
      { name: 'Acme', stage: 'prospect', vip: 0, address: null, notes: null },
    ]);
    const plan = opened.sqlite
      .prepare(
        "EXPLAIN QUERY PLAN SELECT id FROM client WHERE deleted_at IS NULL AND stage = 'lead' ORDER BY sort_name, id",
      )
      .all() as { detail: string }[];
    expect(plan.map((step) => step.detail).join('\n')).toContain('USING INDEX client_live_by_stage');
    opened.sqlite.close();
  });
});

describe('version 9 (merging duplicates)', () => {
  it('copies the change log whole, keeping its sequence, so the outbox counter and undo carry on', async () => {
    const { file, backupDir } = paths();
    (await openDatabase({ file, backupDir, migrations: migrations.slice(0, 8) })).sqlite.close();
    const old = new BetterSqlite3(file);
    const log = old.prepare(
      `INSERT INTO change_log (txn_id, hlc, at, table_name, row_id, field, old_value, new_value, device_id, origin)
       VALUES (?, '0000000000a0-00000-dev', '2026-01-01T00:00:00.000Z', 'client', 'r1', 'name', NULL, '"A"', 'dev', ?)`,
    );
    log.run('t1', 'local');
    log.run('t2', 'remote');
    log.run('t3', 'local');
    old.prepare('DELETE FROM change_log WHERE txn_id = ?').run('t3');
    old.close();

    // Up to version 9 only: later versions add indexes of their own (0011: the clients' stage history).
    const opened = await openDatabase({ file, backupDir, migrations: migrations.slice(0, 9) });
    try {
      const rows = opened.sqlite
        .prepare('SELECT seq, txn_id, origin, seen_seq, server_seq FROM change_log ORDER BY seq')
        .all();
      expect(rows).toEqual([
        { seq: 1, txn_id: 't1', origin: 'local', seen_seq: null, server_seq: null },
        { seq: 2, txn_id: 't2', origin: 'remote', seen_seq: null, server_seq: null },
      ]);
      // The next change continues after the highest sequence ever given, not after the rows left.
      opened.sqlite
        .prepare(
          `INSERT INTO change_log (txn_id, hlc, at, table_name, row_id, field, new_value, device_id, origin)
           VALUES ('t4', 'x', 'x', 'client', 'r1', 'name', '"B"', 'dev', 'sync')`,
        )
        .run();
      expect(opened.sqlite.prepare("SELECT seq FROM change_log WHERE txn_id = 't4'").get()).toEqual({
        seq: 4,
      });
      const indexes = opened.sqlite
        .prepare(
          "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'change_log' ORDER BY name",
        )
        .all();
      expect(indexes).toEqual([
        { name: 'change_log_by_record' },
        { name: 'change_log_by_txn' },
        { name: 'change_log_outbox' },
        { name: 'change_log_undoable' },
      ]);
    } finally {
      opened.sqlite.close();
    }
  });
});

describe('version 14 (interaction cost by client)', () => {
  it("keeps a version 13 database's interactions and groups a period's minutes per client without a sort", async () => {
    const { file, backupDir } = paths();
    (await openDatabase({ file, backupDir, migrations: migrations.slice(0, 13) })).sqlite.close();
    insertClientRow(file, 'Acme');
    const old = new BetterSqlite3(file);
    const clientId = (old.prepare('SELECT id FROM client').get() as { id: string }).id;
    const interaction = old.prepare(
      `INSERT INTO interaction (id, client_id, user_id, kind, occurred_at, duration_s, created_at, updated_at, hlc)
       VALUES (?, ?, 'u1', ?, ?, ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '0')`,
    );
    interaction.run('i1', clientId, 'call', '2026-03-01T10:00:00.000Z', 600);
    interaction.run('i2', clientId, 'meeting', '2026-03-02T10:00:00.000Z', 1800);
    interaction.run('i3', clientId, 'call', '2025-03-01T10:00:00.000Z', 60);
    old.close();

    const opened = await openDatabase({ file, backupDir });
    try {
      const perClient = `SELECT client_id, sum(coalesce(duration_s, 0)) AS seconds
        FROM interaction INDEXED BY interaction_live_cost_by_client
        WHERE deleted_at IS NULL AND occurred_at >= ? AND occurred_at < ? GROUP BY client_id`;
      const period = ['2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'];
      expect(opened.sqlite.prepare(perClient).all(...period)).toEqual([
        { client_id: clientId, seconds: 2400 },
      ]);
      const plan = opened.sqlite.prepare(`EXPLAIN QUERY PLAN ${perClient}`).all(...period) as {
        detail: string;
      }[];
      const steps = plan.map((step) => step.detail).join('\n');
      expect(steps).toContain('USING COVERING INDEX interaction_live_cost_by_client');
      expect(steps).not.toContain('TEMP B-TREE');
      const indexes = opened.sqlite
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name LIKE 'interaction_live%cost%'")
        .all();
      expect(indexes).toEqual([{ name: 'interaction_live_cost_by_client' }]);
    } finally {
      opened.sqlite.close();
    }
  });
});
