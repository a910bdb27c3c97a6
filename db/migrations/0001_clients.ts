import type { Migration } from './migration.ts';

export const m0001Clients: Migration = {
  version: 1,
  name: 'clients',
  up(sqlite) {
    sqlite.exec(`
      CREATE TABLE local_meta (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE client (
        id TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        sort_name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('company', 'person')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT,
        merged_into TEXT,
        hlc TEXT NOT NULL,
        field_clocks TEXT NOT NULL DEFAULT '{}'
      ) STRICT;

      CREATE INDEX client_live_by_name ON client (sort_name, id) WHERE deleted_at IS NULL;
    `);
  },
};
