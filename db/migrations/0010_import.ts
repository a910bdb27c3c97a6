import type { Migration } from './migration.ts';

/**
 * Importing a client base (issue 14): clients and contacts keep the id another tool gave them, so next
 * month's file matches them again; each import is remembered on this laptop with its counts and the
 * transaction that undoes it; a mapping confirmed once is offered again for a file with the same columns.
 */
export const m0010Import: Migration = {
  version: 10,
  name: 'import',
  up(sqlite) {
    sqlite.exec(`
      ALTER TABLE client ADD COLUMN external_id TEXT;
      ALTER TABLE contact ADD COLUMN external_id TEXT;
      CREATE INDEX client_external_id ON client (external_id) WHERE external_id IS NOT NULL;
      CREATE INDEX contact_external_id ON contact (external_id) WHERE external_id IS NOT NULL;
      CREATE TABLE import_run (
        id TEXT PRIMARY KEY,
        -- The change-log transaction of what the import wrote: one history.undo takes it back.
        txn_id TEXT NOT NULL,
        file_name TEXT NOT NULL,
        type TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'done', 'cancelled', 'failed', 'undone')),
        started_at TEXT NOT NULL,
        finished_at TEXT,
        rows INTEGER NOT NULL DEFAULT 0,
        created INTEGER NOT NULL DEFAULT 0,
        updated INTEGER NOT NULL DEFAULT 0,
        skipped INTEGER NOT NULL DEFAULT 0,
        rejected INTEGER NOT NULL DEFAULT 0,
        -- What the user chose (mapping, matching, what a match does), as JSON.
        options TEXT NOT NULL,
        -- The first rejected rows ({row, column, code, message}), as JSON, for the list in Settings.
        rejected_rows TEXT NOT NULL DEFAULT '[]'
      ) STRICT;
      CREATE INDEX import_run_txn ON import_run (txn_id);
      CREATE TABLE import_mapping (
        -- The file's columns, normalised (db/import/mapping): the same columns find the same mapping.
        fingerprint TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        mapping TEXT NOT NULL,
        saved_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
