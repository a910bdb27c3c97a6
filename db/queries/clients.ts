import type { Client } from '../../shared/domain/client.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { ClientRow } from '../schema.ts';
import type { Db } from '../sql.ts';

/** Maps a row to the domain shape the API returns. */
export function toClient(row: ClientRow): Client {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  };
}

/** The client with this id, deleted or not. */
export function findClient(db: Db, id: string): Client | undefined {
  const row = db.first(db.q.selectFrom('client').selectAll().where('id', '=', id));
  return row && toClient(row);
}

/** One page of live clients ordered by folded name, then id (index `client_live_by_name`). */
export function listClientsByName(
  db: Db,
  args: { after?: string | null | undefined; limit: number },
): { items: Client[]; nextCursor: string | null } {
  let query = db.q.selectFrom('client').selectAll().where('deleted_at', 'is', null);
  if (args.after) {
    const [sortName, id] = decodeCursor(args.after, 2);
    query = query.where((eb) =>
      eb.or([
        eb('sort_name', '>', String(sortName)),
        eb.and([eb('sort_name', '=', String(sortName)), eb('id', '>', String(id))]),
      ]),
    );
  }
  const rows = db.all(
    query
      .orderBy('sort_name')
      .orderBy('id')
      .limit(args.limit + 1),
  );
  const items = rows.slice(0, args.limit);
  const last = items.at(-1);
  const nextCursor = rows.length > args.limit && last ? encodeCursor([last.sort_name, last.id]) : null;
  return { items: items.map(toClient), nextCursor };
}
