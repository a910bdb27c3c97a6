import { type ClientListArgs, clientFilter, listClients } from '../queries/clients.ts';
import type { ReadDb } from '../sql.ts';

/**
 * Whose records an export holds: everyone's, one client's, or those of the clients a filtered client
 * list shows (the same filter as db/queries/clients.ts, so the export lists exactly those clients).
 */
export type ClientScope =
  | { kind: 'everyone' }
  | { kind: 'one'; clientId: string }
  | { kind: 'list'; filter: ClientListArgs; now: Date };

/** A WHERE term and its parameters; SQL text made of code constants only. */
export interface SqlTerm {
  sql: string;
  params: unknown[];
}

/** Restricts rows whose client id is `column` (`t.client_id`, or `t.id` of the client table) to the scope. */
export function scopeTerm(scope: ClientScope, column: string): SqlTerm {
  switch (scope.kind) {
    case 'everyone':
      return { sql: '1', params: [] };
    case 'one':
      return { sql: `${column} = ?`, params: [scope.clientId] };
    case 'list': {
      const filter = clientFilter(scope.filter, scope.now);
      return {
        sql: `${column} IN (SELECT id FROM client WHERE ${filter.where.join(' AND ')})`,
        params: filter.params,
      };
    }
  }
}

/** Clients per page of the list when an export walks it. */
const LIST_PAGE = 500;

/** The ids of the listed clients, page by page, in the list's own order (its sort, revenue included). */
export function* listedClientIds(db: ReadDb, scope: ClientScope & { kind: 'list' }): Generator<string[]> {
  let after: string | null = null;
  do {
    const page = listClients(db, { ...scope.filter, after, limit: LIST_PAGE }, scope.now);
    if (page.items.length > 0) yield page.items.map((client) => client.id);
    after = page.nextCursor;
  } while (after !== null);
}
