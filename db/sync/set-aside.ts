import type { SetAsideChange } from '../../shared/domain/sync.ts';
import type { Mutation, PushResponse } from '../../shared/sync/protocol.ts';
import { entityOfSyncedTable } from '../records/entities.ts';
import { isSyncedTable } from '../records/synced-tables.ts';
import type { Db, ReadDb } from '../sql.ts';

/**
 * What sync keeps aside instead of writing (the `sync_quarantine` table): changes for fields this version
 * does not know (a newer app's, replayed after an upgrade), pulled values that break the declaration, and
 * this laptop's own changes the server refused. Only the last two are problems a person should see.
 */

/** A field or table this version does not know: normal between versions, not shown as a problem. */
export const UNKNOWN_FIELD = 'unknown_field';
/** A pulled value that breaks the declaration (the reason follows). */
export const INVALID = 'invalid: ';
/** A change of this laptop's the server refused (the server's reason follows). */
export const REFUSED = 'refused: ';

/** How many changes are set aside as problems. */
export function countSetAside(db: ReadDb): number {
  return (
    db.prepare('SELECT count(*) AS n FROM sync_quarantine WHERE reason <> ?').get(UNKNOWN_FIELD) as {
      n: number;
    }
  ).n;
}

interface QuarantinedRow {
  seq: number;
  table_name: string;
  row_id: string;
  field: string;
  value: string;
  reason: string;
  received_at: string;
}

const RULE = /\(([a-z_]+)\)$/;

/** The newest problems set aside (at most `limit`), with what was wrong. */
export function listSetAside(db: ReadDb, limit = 200): SetAsideChange[] {
  const rows = db
    .prepare('SELECT * FROM sync_quarantine WHERE reason <> ? ORDER BY seq DESC LIMIT ?')
    .all(UNKNOWN_FIELD, limit) as QuarantinedRow[];
  return rows.map((row) => {
    const out = row.reason.startsWith(REFUSED);
    const reason = row.reason.startsWith(INVALID)
      ? row.reason.slice(INVALID.length)
      : out
        ? row.reason.slice(REFUSED.length)
        : row.reason;
    return {
      id: row.seq,
      direction: out ? 'out' : 'in',
      entity: isSyncedTable(row.table_name) ? entityOfSyncedTable(row.table_name) : row.table_name,
      recordId: row.row_id,
      field: row.field,
      value: row.value.length > 500 ? `${row.value.slice(0, 500)}…` : row.value,
      rule: RULE.exec(reason)?.[1] ?? ruleOfRowProblem(row.reason),
      reason,
      at: row.received_at,
    };
  });
}

/**
 * Keeps the ops of ours the server refused, with its reason, so the person sees what did not reach the
 * team (their value stays here, as typed). A retried push gets the same refusals: kept once.
 */
export function recordRefusals(
  db: Db,
  mutations: readonly Mutation[],
  rejected: PushResponse['rejected'],
  deviceId: string,
  at: string,
): void {
  const known = db.prepare(
    'SELECT 1 FROM sync_quarantine WHERE table_name = ? AND row_id = ? AND field = ? AND hlc = ? AND device_id = ?',
  );
  const insert = db.prepare(
    `INSERT INTO sync_quarantine (table_name, row_id, field, value, hlc, device_id, reason, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const refusal of rejected) {
    const op = mutations.find((m) => m.counter === refusal.counter)?.ops[refusal.index];
    if (!op) continue;
    const [table, rowId, field, value, hlc] = op;
    if (known.get(table, rowId, field, hlc, deviceId) !== undefined) continue;
    insert.run(table, rowId, field, value, hlc, deviceId, `${REFUSED}${refusal.reason}`, at);
  }
}

/**
 * Removes one problem set aside, once a person discarded it; false when there is none with this id (a
 * change kept for a newer app's field is not a problem and cannot be discarded).
 */
export function discardSetAside(db: Db, id: number): boolean {
  return (
    db.prepare('DELETE FROM sync_quarantine WHERE seq = ? AND reason <> ?').run(id, UNKNOWN_FIELD).changes > 0
  );
}

/** The rows sync could not create: an edit of a record never created here, or a creation lacking a field. */
function ruleOfRowProblem(reason: string): string | null {
  if (reason.startsWith('missing_row')) return 'missing_row';
  if (reason.startsWith('unusable_row')) return 'incomplete_row';
  return null;
}
