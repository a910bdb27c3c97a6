import type { AnalyticsOptions } from '../../shared/domain/analytics.ts';
import { revenueCurrencies } from '../queries/clients.ts';
import type { ReadDb } from '../sql.ts';

/**
 * The choices of the Insights filters: the team members who own clients, and the segments, industries,
 * regions and sources typed on live clients (one spelling each, the most common, by how people read
 * them: ignoring case and surrounding spaces), and the currencies paid in.
 */
export function analyticsOptions(db: ReadDb): AnalyticsOptions {
  const owners = db
    .prepare(
      `SELECT t.id, t.name FROM team_member AS t
        WHERE t.deleted_at IS NULL AND EXISTS (SELECT 1 FROM client AS c WHERE c.owner_id = t.id AND c.deleted_at IS NULL)
        ORDER BY t.sort_name, t.id`,
    )
    .all() as { id: string; name: string }[];
  return {
    owners,
    segments: valuesOf(db, 'segment'),
    industries: valuesOf(db, 'industry'),
    regions: valuesOf(db, 'region'),
    sources: valuesOf(db, 'source'),
    currencies: revenueCurrencies(db),
  };
}

function valuesOf(db: ReadDb, column: 'segment' | 'industry' | 'region' | 'source'): string[] {
  const rows = db
    .prepare(
      `SELECT lower(trim(${column})) AS key, trim(${column}) AS spelling, count(*) AS n FROM client
        WHERE deleted_at IS NULL AND trim(coalesce(${column}, '')) <> ''
        GROUP BY key, spelling ORDER BY key, n DESC, spelling`,
    )
    .all() as { key: string; spelling: string }[];
  const seen = new Set<string>();
  const values: string[] = [];
  for (const row of rows)
    if (!seen.has(row.key)) {
      seen.add(row.key);
      values.push(row.spelling);
    }
  return values.sort((a, b) => a.localeCompare(b));
}
