import type { Migration } from './migration.ts';

/**
 * Insights over every live client (issue 15, speed): the figures' cache (db/analytics/live-clients.ts)
 * reads each live client's filter attributes once after opening. The client rows are wide (notes,
 * addresses, field clocks), so a scan of them reads the whole table; this index holds exactly the
 * columns read, so that first read walks the index alone (deleted_at too: SQLite 3.54 does not count the
 * index's own WHERE column as held, and would read every row for it).
 */
export const m0013AnalyticsClients: Migration = {
  version: 13,
  name: 'analytics_clients',
  up(sqlite) {
    sqlite.exec(`
      CREATE INDEX client_live_attributes
        ON client (id, name, segment, industry, region, source, stage, vip, owner_id, deleted_at)
        WHERE deleted_at IS NULL;
    `);
  },
};
