import type { Kysely } from 'kysely';
import type { PullResponse } from '../shared/sync/protocol.ts';
import type { ServerDatabase } from './schema.ts';
import { teamHead } from './team-head.ts';

const COLUMNS = [
  'seq',
  'table_name',
  'row_id',
  'field',
  'value',
  'hlc',
  'device_id',
  'counter',
  'seen_seq',
] as const;

/**
 * The team's changes after `cursor`, in sequence order. A page never ends inside a mutation, so a row
 * and its first fields always arrive together.
 */
export async function pullChanges(
  db: Kysely<ServerDatabase>,
  teamId: string,
  cursor: number,
  limit: number,
): Promise<PullResponse> {
  const rows = await db
    .selectFrom('change')
    .select(COLUMNS)
    .where('team_id', '=', teamId)
    .where('seq', '>', cursor)
    .orderBy('seq')
    .limit(limit + 1)
    .execute();
  let page = rows.slice(0, limit);
  const last = page.at(-1);
  const next = rows[limit];
  if (last && next && next.device_id === last.device_id && next.counter === last.counter) {
    // Finish the mutation the limit cut.
    const rest = await db
      .selectFrom('change')
      .select(COLUMNS)
      .where('team_id', '=', teamId)
      .where('seq', '>', last.seq)
      .where('device_id', '=', last.device_id)
      .where('counter', '=', last.counter)
      .orderBy('seq')
      .execute();
    page = [...page, ...rest];
  }
  const headSeq = await teamHead(db, teamId);
  const end = page.at(-1)?.seq ?? cursor;
  return {
    changes: page.map((row) => ({
      seq: row.seq,
      table: row.table_name,
      rowId: row.row_id,
      field: row.field,
      value: row.value,
      hlc: row.hlc,
      deviceId: row.device_id,
      seen: row.seen_seq,
    })),
    cursor: end,
    headSeq,
    hasMore: end < headSeq,
  };
}
