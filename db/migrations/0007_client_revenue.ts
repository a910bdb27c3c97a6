import type { Migration } from './migration.ts';

/**
 * A client's lifetime revenue per currency (payments minus refunds), kept by every write of a payment
 * (db/records/rollups.ts). Local derived data, not synced. One row per client and currency, indexed by
 * currency and amount, so "clients by revenue in KZT" is an ordered walk of one index: amounts in
 * different currencies are never added up or compared.
 */
export const m0007ClientRevenue: Migration = {
  version: 7,
  name: 'client-revenue',
  up(sqlite) {
    sqlite.exec(`
      CREATE TABLE client_revenue (
        client_id TEXT NOT NULL,
        currency TEXT NOT NULL,
        revenue_minor INTEGER NOT NULL,
        PRIMARY KEY (client_id, currency)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX client_revenue_by_amount ON client_revenue (currency, revenue_minor, client_id);
      INSERT INTO client_revenue (client_id, currency, revenue_minor)
        SELECT client_id, currency, sum(CASE kind WHEN 'payment' THEN amount_minor ELSE -amount_minor END)
        FROM payment WHERE deleted_at IS NULL AND kind IN ('payment', 'refund')
        GROUP BY client_id, currency;
    `);
  },
};
