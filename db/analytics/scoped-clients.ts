import type { LifecycleStage } from '../../shared/domain/client.ts';
import type { ReadDb } from '../sql.ts';
import { mendedByClient, onlyClients } from './mended-by-client.ts';
import type { Scope } from './scope.ts';

/** What the Insights pages show and group a scoped client by. */
export interface ClientFacts {
  name: string;
  sortName: string;
  vip: boolean;
  stage: LifecycleStage;
  createdAt: string;
  source: string | null;
  ownerId: string | null;
  region: string | null;
  segment: string | null;
  /** The contact rhythm the record writer keeps (client.quiet_since, client.last_contact_at). */
  quietSince: string | null;
  lastContactAt: string | null;
}

interface FactsRow {
  id: string;
  name: string;
  sort_name: string;
  vip: number;
  stage: LifecycleStage;
  created_at: string;
  source: string | null;
  owner_id: string | null;
  region: string | null;
  segment: string | null;
  quiet_since: string | null;
  last_contact_at: string | null;
}

/**
 * The clients a scope keeps, by id, with their facts: read once per filter and mended after changes
 * (mended-by-client.ts), so a page joins its per-client figures to the scope in memory instead of joining
 * the wide client table on every answer. The contact rhythm is kept by writes of interactions and
 * follow-ups, not logged on the client: changes in those tables mend their clients too.
 */
export function scopedClientFacts(db: ReadDb, scope: Scope): ReadonlyMap<string, ClientFacts> {
  return mendedByClient(db, {
    name: 'scope.clients',
    key: `${scope.clients.sql}\n${JSON.stringify(scope.clients.params)}`,
    tables: ['client', 'interaction', 'followup'],
    read: (ids) => {
      // A plain scan of the clients beats walking a partial index and looking each row up.
      const rows = db
        .prepare(
          `SELECT c.id, c.name, c.sort_name, c.vip, c.stage, c.created_at, c.source, c.owner_id, c.region,
                  c.segment, c.quiet_since, c.last_contact_at
             FROM client AS c ${ids === null ? 'NOT INDEXED' : ''}
            WHERE ${scope.clients.sql} ${onlyClients('c.id', ids)}`,
        )
        .all(...scope.clients.params, ...(ids === null ? [] : [{ ids }])) as FactsRow[];
      return new Map(rows.map((row) => [row.id, factsOf(row)]));
    },
  });
}

function factsOf(row: FactsRow): ClientFacts {
  return {
    name: row.name,
    sortName: row.sort_name,
    vip: row.vip === 1,
    stage: row.stage,
    createdAt: row.created_at,
    source: row.source,
    ownerId: row.owner_id,
    region: row.region,
    segment: row.segment,
    quietSince: row.quiet_since,
    lastContactAt: row.last_contact_at,
  };
}
