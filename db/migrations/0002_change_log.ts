import type { Migration } from './migration.ts';

/**
 * The field-level change log (SYNC.md): every change to a synced row, written in the same transaction.
 * It is the record history, the undo stack, and later the sync outbox.
 */
export const m0002ChangeLog: Migration = {
  version: 2,
  name: 'change-log',
  up(sqlite) {
    sqlite.exec(`
      CREATE TABLE change_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        txn_id TEXT NOT NULL,
        hlc TEXT NOT NULL,
        at TEXT NOT NULL,
        table_name TEXT NOT NULL,
        row_id TEXT NOT NULL,
        field TEXT NOT NULL,
        old_value TEXT,
        new_value TEXT,
        user_id TEXT,
        device_id TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('local', 'undo', 'remote')),
        undone_by TEXT
      ) STRICT;

      CREATE INDEX change_log_by_record ON change_log (table_name, row_id, seq);
      CREATE INDEX change_log_by_txn ON change_log (txn_id);
      CREATE INDEX change_log_undoable ON change_log (seq) WHERE origin = 'local' AND undone_by IS NULL;
    `);
  },
};
