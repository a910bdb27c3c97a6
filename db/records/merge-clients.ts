import { AppError } from '../../shared/api/errors.ts';
import { columnOf } from '../../shared/entities/define.ts';
import { clientEntity } from '../../shared/entities/entities.ts';
import type { FieldDecl, MergeRule } from '../../shared/entities/field.ts';
import type { Db } from '../sql.ts';
import type { RecordWriter } from './record-writer.ts';
import { type StoredRow, type SyncedTable, syncedTables } from './synced-tables.ts';

/** The tables whose rows belong to a client (they have a `client_id` field), in a fixed order. */
export const CLIENT_CHILD_TABLES: readonly SyncedTable[] = (
  Object.keys(syncedTables) as SyncedTable[]
).filter((table) => syncedTables[table].fields.includes('client_id'));

/** The client's fields by what a merge does with them (their declaration's `merge`), as columns. */
const mergedAs = (rule: MergeRule) =>
  Object.entries(clientEntity.fields as Record<string, FieldDecl>)
    .filter(([, field]) => field.merge === rule)
    .map(([name]) => columnOf(name));
/** Filled from the duplicate when the winner has none. */
const FILLED_WHEN_EMPTY = mergedAs('fill');
/** Texts of both, joined. */
const COMBINED = mergedAs('combine');
/** Flags set if either had them. */
const EITHER = mergedAs('either');

export interface MergeOutcome {
  /** Rows moved to the winner, per table. */
  moved: Partial<Record<SyncedTable, number>>;
}

/**
 * Merges a duplicate client into another (SYNC.md), in the writer's transaction, so one undo reverts all
 * of it: every live row of the duplicate (contacts, calls, follow-ups, deals, payments, offers,
 * requests, campaign memberships, tags) moves to the winner; the winner keeps its own values and takes
 * the duplicate's where it has none (notes are combined, VIP if either was); the duplicate is deleted
 * with `merged_into` naming the winner, so changes that reach it later from other devices are redirected.
 */
export function mergeClients(
  db: Db,
  writer: RecordWriter,
  loserId: string,
  winnerId: string,
  now: Date,
): MergeOutcome {
  if (loserId === winnerId)
    throw new AppError('validation', 'A client cannot be merged into itself.', {
      issues: [{ path: 'intoId', rule: 'self_merge', message: 'Choose another client to merge into.' }],
    });
  const loser = liveClient(writer, loserId, 'id');
  const winner = liveClient(writer, winnerId, 'intoId');
  const moved: MergeOutcome['moved'] = {};
  const winnerHasPrimary =
    db
      .prepare('SELECT 1 FROM contact WHERE client_id = ? AND deleted_at IS NULL AND is_primary = 1 LIMIT 1')
      .get(winnerId) !== undefined;
  const winnerTags = new Set(
    (
      db
        .prepare('SELECT tag_id FROM client_tag WHERE client_id = ? AND deleted_at IS NULL')
        .all(winnerId) as { tag_id: string }[]
    ).map((row) => row.tag_id),
  );
  for (const table of CLIENT_CHILD_TABLES) {
    const rows = db
      .prepare(`SELECT * FROM "${table}" WHERE client_id = ? AND deleted_at IS NULL ORDER BY id`)
      .all(loserId) as StoredRow[];
    for (const row of rows) {
      const id = String(row.id);
      if (table === 'client_tag' && winnerTags.has(String(row.tag_id))) {
        // The winner has this tag already: the duplicate's tagging goes, not the tag.
        writer.update(table, id, { deleted_at: now.toISOString() });
        continue;
      }
      const patch: StoredRow = { client_id: winnerId };
      // One primary contact per client: the winner's stays primary.
      if (table === 'contact' && winnerHasPrimary && row.is_primary === 1) patch.is_primary = 0;
      writer.update(table, id, patch);
      moved[table] = (moved[table] ?? 0) + 1;
    }
  }
  const fill: StoredRow = {};
  for (const field of FILLED_WHEN_EMPTY) {
    if (isEmpty(winner[field]) && !isEmpty(loser[field])) fill[field] = loser[field] ?? null;
  }
  for (const field of COMBINED) {
    const [kept, other] = [winner[field], loser[field]];
    if (!isEmpty(other) && other !== kept)
      fill[field] = isEmpty(kept) ? (other ?? null) : `${String(kept)}\n\n${String(other)}`;
  }
  for (const field of EITHER) if (loser[field] === 1) fill[field] = 1;
  writer.update('client', winnerId, fill);
  writer.update('client', loserId, { deleted_at: now.toISOString(), merged_into: winnerId });
  return { moved };
}

function liveClient(writer: RecordWriter, id: string, field: string): StoredRow {
  const row = writer.read('client', id);
  if (!row || row.deleted_at !== null)
    throw new AppError('not_found', 'This client does not exist or was deleted.', { id, field });
  return row;
}

function isEmpty(value: StoredRow[string] | undefined): boolean {
  return value === null || value === undefined || value === '';
}
