import type { Migration } from './migration.ts';

/**
 * Insights (issue 15). Cost to serve sums the minutes of every interaction in a period: an index on the
 * period's column that also holds the client and the duration answers it without reading the table.
 * The lifetime-value models are fitted in the background and kept per currency with the change-log
 * position they were fitted at, so a page reads the newest fit instead of fitting on its path.
 */
export const m0012Analytics: Migration = {
  version: 12,
  name: 'analytics',
  up(sqlite) {
    sqlite.exec(`
      CREATE INDEX interaction_live_by_time_cost ON interaction (occurred_at, client_id, duration_s, user_id, kind)
        WHERE deleted_at IS NULL;
      -- The lifecycle page reads every client's stage history: the stage entries alone, in record order.
      CREATE INDEX change_log_client_stage ON change_log (row_id, seq, at, old_value, new_value)
        WHERE table_name = 'client' AND field = 'stage' AND undone_by IS NULL;
      CREATE INDEX payment_live_by_currency_day ON payment (currency, kind, issued_on, client_id)
        WHERE deleted_at IS NULL;
      -- Payment discipline and service (§8, §10): invoices by due day with what the aging and lateness
      -- read, and requests by the moment they were resolved.
      CREATE INDEX payment_live_invoices_by_due ON payment (currency, due_on, client_id, paid_on, issued_on, amount_minor)
        WHERE deleted_at IS NULL AND kind = 'invoice';
      CREATE INDEX service_request_live_by_resolved ON service_request (resolved_at, client_id)
        WHERE deleted_at IS NULL AND resolved_at IS NOT NULL;
      -- Segments and retention read each client's purchase days in one walk, in client order, from the index.
      CREATE INDEX payment_live_purchases
        ON payment (currency, client_id, coalesce(paid_on, issued_on), kind, amount_minor, cost_minor)
        WHERE deleted_at IS NULL;
      -- Local, derived: the newest fit of the lifetime-value models per currency ('' for none).
      CREATE TABLE clv_model (
        currency TEXT PRIMARY KEY NOT NULL,
        model TEXT NOT NULL,
        fitted_at TEXT NOT NULL,
        -- The change-log sequence the fit saw; a newer change makes it due for a refit.
        fitted_seq INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
