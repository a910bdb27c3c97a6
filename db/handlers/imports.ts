import { AppError } from '../../shared/api/errors.ts';
import { getRun, listRuns, markUndone } from '../records/import-runs.ts';
import { mappingFingerprint } from '../import/mapping/index.ts';
import { undoTransaction } from '../records/history.ts';
import { entityOfSyncedTable } from '../records/entities.ts';
import { isSyncedTable } from '../records/synced-tables.ts';
import type { Handlers } from './context.ts';

/** Past imports and saved mappings (imports.*); the imports themselves are jobs (db/transfer/service.ts). */
export const importHandlers = {
  'imports.list': (_input, ctx) => ({ items: listRuns(ctx.db) }),

  'imports.undo': ({ id }, ctx) => {
    const run = getRun(ctx.db, id);
    if (!run) throw new AppError('not_found', 'There is no such import on this laptop.', { id });
    if (!run.undoable)
      throw new AppError(
        'conflict',
        'This import cannot be taken back: it was undone already or did not finish.',
        {
          id,
          status: run.status,
        },
      );
    const undone = undoTransaction(ctx.db, ctx.writerFor('undo'), run.txnId, ctx.now());
    markUndone(ctx.db, run.txnId);
    const records = undone.records.flatMap(({ table, id: recordId }) =>
      isSyncedTable(table) ? [{ entity: entityOfSyncedTable(table), id: recordId }] : [],
    );
    const byEntity = new Map<string, string[]>();
    for (const record of records)
      byEntity.set(record.entity, [...(byEntity.get(record.entity) ?? []), record.id]);
    for (const [entity, ids] of byEntity) ctx.emit('data.changed', { entity, ids });
    return { undone: { txnId: undone.txnId, records } };
  },

  'imports.saveMapping': ({ header, name, mapping }, ctx) => {
    const fingerprint = mappingFingerprint(header);
    ctx.db.run(
      ctx.db.q
        .insertInto('import_mapping')
        .values({ fingerprint, name, mapping: JSON.stringify(mapping), saved_at: ctx.now().toISOString() })
        .onConflict((oc) =>
          oc
            .column('fingerprint')
            .doUpdateSet({ name, mapping: JSON.stringify(mapping), saved_at: ctx.now().toISOString() }),
        ),
    );
    return { fingerprint, name };
  },
} satisfies Pick<Handlers, 'imports.list' | 'imports.undo' | 'imports.saveMapping'>;
