import type { EntityDecl } from '../../shared/entities/define.ts';
import { entities } from '../../shared/entities/entities.ts';
import { refreshClientRevenue, refreshClientRollups } from '../records/rollups.ts';
import { searchKinds } from '../search/search-kinds.ts';
import type { Db } from '../sql.ts';
import { jsonTableOrder } from './rapport-json-format.ts';

/**
 * Takes back, whole, what an import that did not finish (cancelled, or failed part way) wrote in its
 * earlier transactions: every record created by its writer's transaction id, their search documents,
 * their change log, and the rollups of the clients they belonged to. An import only creates records
 * (one whose id exists already is skipped), so nothing that was here before is touched.
 */
export function removeImportedRecords(db: Db, txnId: string): void {
  db.sqlite
    .transaction(() => {
      const clients = new Set<string>();
      for (const table of [...jsonTableOrder].reverse()) {
        const created = `SELECT row_id FROM change_log WHERE txn_id = ? AND table_name = '${table}' AND field = 'created_at'`;
        const decl: EntityDecl = entities[table];
        if ('clientId' in decl.fields) {
          const owners = db
            .prepare(`SELECT DISTINCT client_id FROM ${table} WHERE id IN (${created})`)
            .all(txnId);
          for (const { client_id: clientId } of owners as { client_id: string }[]) clients.add(clientId);
        }
        if (Object.hasOwn(searchKinds, table)) {
          const { fts } = searchKinds[table as keyof typeof searchKinds];
          db.prepare(
            `DELETE FROM ${fts} WHERE rowid IN (SELECT rowid FROM ${table} WHERE id IN (${created}) AND deleted_at IS NULL)`,
          ).run(txnId);
        }
        db.prepare(`DELETE FROM ${table} WHERE id IN (${created})`).run(txnId);
      }
      db.prepare('DELETE FROM change_log WHERE txn_id = ?').run(txnId);
      for (const clientId of clients) {
        if (db.prepare('SELECT 1 FROM client WHERE id = ?').get(clientId) === undefined) {
          db.prepare('DELETE FROM client_revenue WHERE client_id = ?').run(clientId);
        } else {
          refreshClientRollups(db, clientId);
          refreshClientRevenue(db, clientId);
        }
      }
    })
    .immediate();
}
