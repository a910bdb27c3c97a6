import type { Migration } from './migration.ts';

/**
 * The device's side of sync (SYNC.md): changes for fields this version does not know (kept and replayed
 * after an upgrade), and the losing side of concurrent edits to text fields (shown in the conflict inbox;
 * nothing typed is silently lost). The outbox is the change log itself, read after the acknowledged
 * counter; cursor, counter, tokens and clock offset live in local_meta under `sync.*`.
 */
export const m0008Sync: Migration = {
  version: 8,
  name: 'sync',
  up(sqlite) {
    sqlite.exec(`
      CREATE TABLE sync_quarantine (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        table_name TEXT NOT NULL,
        row_id TEXT NOT NULL,
        field TEXT NOT NULL,
        value TEXT NOT NULL,
        hlc TEXT NOT NULL,
        device_id TEXT NOT NULL,
        reason TEXT NOT NULL,
        received_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE sync_conflict (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        -- text: a text field lost a concurrent edit; deleted: a record deleted here was edited elsewhere.
        kind TEXT NOT NULL DEFAULT 'text' CHECK (kind IN ('text', 'deleted')),
        table_name TEXT NOT NULL,
        row_id TEXT NOT NULL,
        field TEXT NOT NULL,
        kept_value TEXT NOT NULL,
        kept_hlc TEXT NOT NULL,
        lost_value TEXT NOT NULL,
        lost_hlc TEXT NOT NULL,
        lost_device_id TEXT NOT NULL,
        at TEXT NOT NULL,
        resolved_at TEXT
      ) STRICT;
      CREATE INDEX sync_conflict_open ON sync_conflict (id) WHERE resolved_at IS NULL;
      -- The outbox: this device's own changes, read after the acknowledged counter.
      CREATE INDEX change_log_outbox ON change_log (seq) WHERE origin IN ('local', 'undo');
    `);
  },
};
