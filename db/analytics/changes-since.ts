import type { ReadDb } from '../sql.ts';

/** Beyond this many changed rows since an answer, computing it again is cheaper than mending it. */
export const MEND_AT_MOST = 2000;

/**
 * Where the database stands for a cached answer: the newest change-log position and the imports' states.
 * Every change is logged (typed, imported, undone, received by sync), so an answer computed at `seq` is
 * still right while `seq` is the newest; a cancelled import removes its rows *and* their change log
 * (db/export/remove-imported.ts), which only the imports' states show.
 */
export interface DataPosition {
  seq: number;
  imports: string;
}

export function dataPosition(db: ReadDb): DataPosition {
  const { seq } = db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM change_log').get() as { seq: number };
  const { states } = db
    .prepare(`SELECT group_concat(id || ':' || status, ',') AS states FROM import_run`)
    .get() as { states: string | null };
  return { seq, imports: states ?? '' };
}

/** A table whose rows belong to one client through `client_id`, or the client table itself. */
export type ClientOwnedTable =
  | 'client'
  | 'contact'
  | 'interaction'
  | 'followup'
  | 'deal'
  | 'payment'
  | 'competitor_offer'
  | 'service_request';

/*
 * The change log's entries after a position, read along its sequence (the rowid): `+table_name` keeps the
 * planner off change_log_by_record, which would walk every entry ever logged for the table (the whole
 * stage history of every client: hundreds of milliseconds at 100k clients) to find the few new ones.
 */
export const changedRowsSql = `SELECT DISTINCT row_id FROM change_log WHERE seq > ? AND +table_name = ?
  LIMIT ${String(MEND_AT_MOST + 1)}`;
export const movedFromSql = `SELECT DISTINCT json_extract(old_value, '$') AS client_id FROM change_log
  WHERE seq > ? AND +table_name = ? AND field = 'client_id' AND old_value IS NOT NULL`;

/**
 * The clients whose rows in `tables` changed after change-log position `seq`: the client each changed row
 * belongs to now and any it was moved from. `null` when more than MEND_AT_MOST rows changed, so that
 * computing again is cheaper than mending.
 */
export function clientsTouchedSince(
  db: ReadDb,
  seq: number,
  tables: readonly ClientOwnedTable[],
): Set<string> | null {
  const clients = new Set<string>();
  let changedRows = 0;
  for (const table of tables) {
    const changed = db.prepare(changedRowsSql).all(seq, table) as { row_id: string }[];
    changedRows += changed.length;
    if (changedRows > MEND_AT_MOST) return null;
    if (changed.length === 0) continue;
    if (table === 'client') {
      for (const row of changed) clients.add(row.row_id);
      continue;
    }
    const ids = JSON.stringify(changed.map((row) => row.row_id));
    const owners = db
      .prepare(`SELECT DISTINCT client_id FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`)
      .all(ids) as { client_id: string | null }[];
    for (const row of owners) if (row.client_id) clients.add(row.client_id);
    const movedFrom = db.prepare(movedFromSql).all(seq, table) as { client_id: string | null }[];
    for (const row of movedFrom) if (row.client_id) clients.add(row.client_id);
  }
  return clients;
}

/** Whether any row of `tables` changed after `seq` (any table: campaigns, team members…). */
export function changedSince(db: ReadDb, seq: number, tables: readonly string[]): boolean {
  if (tables.length === 0) return false;
  return db.prepare(changedSinceSql).get(seq, JSON.stringify(tables)) !== undefined;
}

export const changedSinceSql = `SELECT 1 FROM change_log
  WHERE seq > ? AND +table_name IN (SELECT value FROM json_each(?)) LIMIT 1`;
