import type { Migration } from './migration.ts';

/**
 * Merging duplicate clients (SYNC.md): a merged client points at the one it was merged into, and sync
 * redirects changes that arrive later for it. Those redirects are changes this device makes on its own
 * (origin `sync`): they are sent to the team like local edits but are not on the user's undo stack.
 * Each logged change also keeps what its writer had seen and where the server put it, so only truly
 * concurrent edits of a text reach the conflict inbox. SQLite cannot change a CHECK constraint in place,
 * so the change log is copied into a new table, keeping its sequence (the outbox counter) where it was.
 */
export const m0009Merge: Migration = {
  version: 9,
  name: 'merge',
  up(sqlite) {
    sqlite.exec(`
      CREATE TABLE change_log_next (
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
        origin TEXT NOT NULL CHECK (origin IN ('local', 'undo', 'remote', 'sync')),
        undone_by TEXT,
        -- The writer's pull cursor when it made the change, and the change's server sequence once known:
        -- two edits of a text are a conflict only if the newer one had not seen the older.
        seen_seq INTEGER,
        server_seq INTEGER
      ) STRICT;
      INSERT INTO change_log_next (seq, txn_id, hlc, at, table_name, row_id, field, old_value, new_value,
          user_id, device_id, origin, undone_by)
        SELECT seq, txn_id, hlc, at, table_name, row_id, field, old_value, new_value,
          user_id, device_id, origin, undone_by FROM change_log;
      DELETE FROM sqlite_sequence WHERE name = 'change_log_next';
      INSERT INTO sqlite_sequence (name, seq)
        SELECT 'change_log_next', seq FROM sqlite_sequence WHERE name = 'change_log';
      DROP TABLE change_log;
      ALTER TABLE change_log_next RENAME TO change_log;

      CREATE INDEX change_log_by_record ON change_log (table_name, row_id, seq);
      CREATE INDEX change_log_by_txn ON change_log (txn_id);
      CREATE INDEX change_log_undoable ON change_log (seq) WHERE origin = 'local' AND undone_by IS NULL;
      CREATE INDEX change_log_outbox ON change_log (seq) WHERE origin IN ('local', 'undo', 'sync');

      CREATE INDEX client_merged ON client (merged_into) WHERE merged_into IS NOT NULL;
    `);
  },
};
