import { AppError } from '../../shared/api/errors.ts';
import type { SetAsideList, SyncConflict } from '../../shared/domain/sync.ts';
import { entityOfSyncedTable } from '../records/entities.ts';
import { isSyncedTable } from '../records/synced-tables.ts';
import type { ReadDb } from '../sql.ts';
import { countSetAside, discardSetAside, listSetAside } from '../sync/set-aside.ts';
import { readSyncStatus } from '../sync/state.ts';
import type { Handlers } from './context.ts';

interface ConflictRow {
  id: number;
  kind: 'text' | 'deleted';
  table_name: string;
  row_id: string;
  field: string;
  kept_value: string;
  lost_value: string;
  at: string;
}

/** The local side of sync: its status and the conflict inbox (network methods: db/sync/engine.ts). */
export const syncHandlers = {
  'sync.status': (_input, ctx) => readSyncStatus(ctx.db),
  'sync.conflicts': (_input, ctx) => ({ items: openConflicts(ctx.db) }),
  'sync.setAside': (_input, ctx) => setAside(ctx.db),
  'sync.discardSetAside': ({ id }, ctx) => {
    if (!discardSetAside(ctx.db, id))
      throw new AppError('not_found', 'This change is no longer set aside.', { id });
    ctx.emit('data.changed', { entity: 'syncSetAside', ids: [String(id)] });
    return setAside(ctx.db);
  },
  'sync.resolveConflict': ({ id, choice, text }, ctx) => {
    const row = ctx.db.prepare('SELECT * FROM sync_conflict WHERE id = ? AND resolved_at IS NULL').get(id) as
      ConflictRow | undefined;
    if (!row || !isSyncedTable(row.table_name)) {
      throw new AppError('not_found', 'This conflict does not exist or was already settled.', { id });
    }
    if (row.kind === 'deleted') {
      if (choice !== 'kept') {
        // Restore: a new local change, synced like any other.
        ctx.writer.update(row.table_name, row.row_id, { deleted_at: null });
        ctx.emit('data.changed', { entity: entityOfSyncedTable(row.table_name), ids: [row.row_id] });
      }
    } else if (choice !== 'kept') {
      // A blank combination clears the field, as a blank text does in any edit.
      const value = choice === 'lost' ? (JSON.parse(row.lost_value) as string) : (text ?? null);
      // A new local change: it syncs to every laptop like any edit, and can be undone.
      ctx.writer.update(row.table_name, row.row_id, { [row.field]: value });
      ctx.emit('data.changed', { entity: entityOfSyncedTable(row.table_name), ids: [row.row_id] });
    }
    ctx.db.prepare('UPDATE sync_conflict SET resolved_at = ? WHERE id = ?').run(ctx.now().toISOString(), id);
    ctx.emit('data.changed', { entity: 'syncConflict', ids: [String(id)] });
    return { items: openConflicts(ctx.db) };
  },
} satisfies Pick<
  Handlers,
  'sync.status' | 'sync.conflicts' | 'sync.setAside' | 'sync.discardSetAside' | 'sync.resolveConflict'
>;

function setAside(db: ReadDb): SetAsideList {
  return { items: listSetAside(db), total: countSetAside(db) };
}

function openConflicts(db: ReadDb): SyncConflict[] {
  const rows = db
    .prepare('SELECT * FROM sync_conflict WHERE resolved_at IS NULL ORDER BY id')
    .all() as ConflictRow[];
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    entity: isSyncedTable(row.table_name) ? entityOfSyncedTable(row.table_name) : row.table_name,
    recordId: row.row_id,
    field: row.field,
    kept: String(JSON.parse(row.kept_value) ?? ''),
    lost: String(JSON.parse(row.lost_value) ?? ''),
    at: row.at,
  }));
}
