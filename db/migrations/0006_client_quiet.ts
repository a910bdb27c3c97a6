import type { Migration } from './migration.ts';

/**
 * "Going quiet": each client's own rhythm of contact. `contact_count` and `first_contact_at` give the
 * usual gap between contacts, and `quiet_since` is when the silence became longer than usual for them
 * (db/records/rollups.ts), so "who is going quiet" is one range of an index at any number of clients.
 */
export const m0006ClientQuiet: Migration = {
  version: 6,
  name: 'client-quiet',
  up(sqlite) {
    sqlite.exec(`
      ALTER TABLE client ADD COLUMN contact_count INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE client ADD COLUMN first_contact_at TEXT;
      ALTER TABLE client ADD COLUMN quiet_since TEXT;
      CREATE INDEX client_live_by_quiet ON client (quiet_since, id) WHERE deleted_at IS NULL;
      -- The few deleted clients, so counts over live rows can leave theirs out cheaply.
      CREATE INDEX client_deleted ON client (id) WHERE deleted_at IS NOT NULL;
    `);
    sqlite.exec(REFRESH_ALL_QUIET_SQL);
  },
};

/** Frozen copy of the rollup of 0006, as migrations must not change when the code does. */
const REFRESH_ALL_QUIET_SQL = `
  UPDATE client SET
    contact_count = (SELECT count(*) FROM interaction WHERE client_id = client.id AND deleted_at IS NULL
      AND kind IN ('call', 'meeting', 'visit', 'email', 'message')),
    first_contact_at = (SELECT min(occurred_at) FROM interaction WHERE client_id = client.id
      AND deleted_at IS NULL AND kind IN ('call', 'meeting', 'visit', 'email', 'message'));
  UPDATE client SET quiet_since = CASE
    WHEN contact_count = 0 THEN NULL
    WHEN contact_count = 1 THEN strftime('%Y-%m-%dT%H:%M:%fZ', last_contact_at, '+30 days')
    ELSE strftime('%Y-%m-%dT%H:%M:%fZ', last_contact_at, '+' || max(14.0,
      2.0 * (julianday(last_contact_at) - julianday(first_contact_at)) / (contact_count - 1)) || ' days')
  END;
`;
