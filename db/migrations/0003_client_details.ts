import type { Migration } from './migration.ts';

/** Everything a CRM keeps about a client besides its name and kind. */
export const m0003ClientDetails: Migration = {
  version: 3,
  name: 'client-details',
  up(sqlite) {
    sqlite.exec(`
      ALTER TABLE client ADD COLUMN industry TEXT;
      ALTER TABLE client ADD COLUMN segment TEXT;
      ALTER TABLE client ADD COLUMN stage TEXT NOT NULL DEFAULT 'prospect'
        CHECK (stage IN ('prospect', 'lead', 'active', 'loyal', 'lapsed', 'lost'));
      ALTER TABLE client ADD COLUMN vip INTEGER NOT NULL DEFAULT 0 CHECK (vip IN (0, 1));
      ALTER TABLE client ADD COLUMN owner_id TEXT;
      ALTER TABLE client ADD COLUMN source TEXT;
      ALTER TABLE client ADD COLUMN region TEXT;
      ALTER TABLE client ADD COLUMN address TEXT;
      ALTER TABLE client ADD COLUMN website TEXT;
      ALTER TABLE client ADD COLUMN preferences TEXT;
      ALTER TABLE client ADD COLUMN payment_terms TEXT;
      ALTER TABLE client ADD COLUMN solvency_notes TEXT;
      ALTER TABLE client ADD COLUMN notes TEXT;

      CREATE INDEX client_live_by_stage ON client (stage, sort_name, id) WHERE deleted_at IS NULL;
      CREATE INDEX client_live_by_owner ON client (owner_id, sort_name, id) WHERE deleted_at IS NULL;
    `);
  },
};
