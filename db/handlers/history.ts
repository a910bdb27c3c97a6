import { isSyncedTable } from '../records/synced-tables.ts';
import { recordHistory, undoLastChange } from '../records/history.ts';
import { entityOfSyncedTable, tableOfEntity } from '../records/entities.ts';
import type { Handlers } from './context.ts';
import { markUndone } from '../records/import-runs.ts';

export const historyHandlers = {
  'history.forRecord': (input, ctx) =>
    recordHistory(ctx.db, {
      table: tableOfEntity[input.entity],
      id: input.id,
      before: input.before,
      limit: input.limit,
    }),

  'history.undo': (_input, ctx) => {
    const writer = ctx.writerFor('undo');
    const undone = undoLastChange(ctx.db, writer, ctx.now());
    if (!undone) return { undone: null };
    markUndone(ctx.db, undone.txnId);
    const records = undone.records.flatMap(({ table, id }) =>
      isSyncedTable(table) ? [{ entity: entityOfSyncedTable(table), id }] : [],
    );
    for (const record of records) ctx.emit('data.changed', { entity: record.entity, ids: [record.id] });
    return { undone: { txnId: undone.txnId, records } };
  },
} satisfies Pick<Handlers, 'history.forRecord' | 'history.undo'>;
