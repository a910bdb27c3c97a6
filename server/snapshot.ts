import { type Kysely, sql } from 'kysely';
import type { SnapshotResponse, SnapshotRow } from '../shared/sync/protocol.ts';
import type { ServerDatabase } from './schema.ts';
import { teamHead } from './team-head.ts';

/** Where a snapshot page starts: after this row of this table. */
export interface SnapshotAfter {
  table: string;
  rowId: string;
}

/**
 * A page of the team's current rows (their merged field states), in (table, row) order after `after`:
 * a new device starts from this instead of replaying the whole change log.
 */
export async function snapshotPage(
  db: Kysely<ServerDatabase>,
  teamId: string,
  after: SnapshotAfter | null,
  limit: number,
): Promise<SnapshotResponse> {
  const headSeq = await teamHead(db, teamId);
  let rowsQuery = db
    .selectFrom('field_state')
    .select(['table_name', 'row_id'])
    .distinct()
    .where('team_id', '=', teamId);
  if (after) {
    // A row-value comparison: one range of the primary key, however far into the team's rows.
    rowsQuery = rowsQuery.where(sql<boolean>`(table_name, row_id) > (${after.table}, ${after.rowId})`);
  }
  const rows = await rowsQuery.orderBy('table_name').orderBy('row_id').limit(limit).execute();
  const last = rows.at(-1);
  if (!last) return { tables: {}, after: null, headSeq };
  const tables: SnapshotResponse['tables'] = {};
  for (const [table, range] of rangesByTable(rows)) {
    tables[table] = await rowsInRange(db, teamId, table, range);
  }
  return {
    tables,
    after: rows.length < limit ? null : { table: last.table_name, rowId: last.row_id },
    headSeq,
  };
}

/**
 * The page's rows by table (a page spans at most a few tables): each table's part is one range of the
 * primary key, from its first row to its last.
 */
function rangesByTable(rows: readonly { table_name: string; row_id: string }[]) {
  const ranges = new Map<string, { first: string; last: string }>();
  for (const row of rows) {
    const range = ranges.get(row.table_name);
    if (range) range.last = row.row_id;
    else ranges.set(row.table_name, { first: row.row_id, last: row.row_id });
  }
  return ranges;
}

/** The rows of one table in a range, each with its fields' values and clocks. */
async function rowsInRange(
  db: Kysely<ServerDatabase>,
  teamId: string,
  table: string,
  range: { first: string; last: string },
): Promise<SnapshotRow[]> {
  const fields = await db
    .selectFrom('field_state')
    .select(['row_id', 'field', 'value', 'hlc'])
    .where('team_id', '=', teamId)
    .where('table_name', '=', table)
    .where('row_id', '>=', range.first)
    .where('row_id', '<=', range.last)
    .orderBy('row_id')
    .execute();
  const out: SnapshotRow[] = [];
  let current: SnapshotRow | undefined;
  for (const field of fields) {
    if (current?.[0] !== field.row_id) {
      current = [field.row_id, {}];
      out.push(current);
    }
    current[1][field.field] = [field.value, field.hlc];
  }
  return out;
}
