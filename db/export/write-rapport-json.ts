import type { EntityDecl } from '../../shared/entities/define.ts';
import { type EntityTable, entities } from '../../shared/entities/entities.ts';
import type { StoredRow } from '../records/synced-tables.ts';
import type { ReadDb } from '../sql.ts';
import { type ClientScope, type SqlTerm, scopeTerm } from './client-scope.ts';
import type { OutputSink } from './output-file.ts';
import type { Progress } from './progress.ts';
import { type RapportJsonHeader, historyEntryOf, jsonTableOrder, recordOf } from './rapport-json-format.ts';

const CHUNK = 64 * 1024;

/**
 * Which rows of a table the export holds: everything for the whole database; for a client or a client
 * list, those clients, every record of theirs (deleted ones too), and the team, tags and campaigns whole
 * (few rows, and what the client's records point to).
 */
function rowsTerm(table: EntityTable, scope: ClientScope): SqlTerm {
  if (scope.kind === 'everyone') return { sql: '1', params: [] };
  if (table === 'client') return scopeTerm(scope, 'id');
  const decl: EntityDecl = entities[table];
  return 'clientId' in decl.fields ? scopeTerm(scope, 'client_id') : { sql: '1', params: [] };
}

/** How many records (and change log entries, for the whole database) the export writes. */
export function countJsonRows(db: ReadDb, scope: ClientScope): number {
  let total = 0;
  for (const table of jsonTableOrder) {
    const term = rowsTerm(table, scope);
    total += (
      db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${term.sql}`).get(...term.params) as { n: number }
    ).n;
  }
  if (scope.kind === 'everyone')
    total += (db.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
  return total;
}

/**
 * Writes the Rapport JSON export (rapport-json-format.ts), a record per line, read row by row from the
 * snapshot. The whole database also carries its change log: every change with who, when, old and new
 * value (the history, for the record; importing starts a new history).
 */
export async function writeRapportJson(
  sink: OutputSink,
  db: ReadDb,
  scope: ClientScope,
  header: RapportJsonHeader,
  progress: Progress,
): Promise<void> {
  let chunk = `{"rapport":${JSON.stringify(header)},\n"tables":{\n`;
  const flush = async (force = false) => {
    if (!force && chunk.length < CHUNK) return;
    await sink.write(chunk);
    chunk = '';
  };
  for (const [index, table] of jsonTableOrder.entries()) {
    chunk += `${JSON.stringify(table)}:[\n`;
    const term = rowsTerm(table, scope);
    let first = true;
    for (const row of db
      .prepare(`SELECT * FROM ${table} WHERE ${term.sql} ORDER BY rowid`)
      .iterate(...term.params)) {
      chunk += `${first ? '' : ',\n'}${JSON.stringify(recordOf(table, row as StoredRow))}`;
      first = false;
      progress.row();
      await flush();
    }
    chunk += `${first ? '' : '\n'}]${index < jsonTableOrder.length - 1 ? ',' : ''}\n`;
  }
  if (scope.kind === 'everyone') {
    chunk += '},\n"changeLog":[\n';
    let first = true;
    for (const row of db.prepare('SELECT * FROM change_log ORDER BY seq').iterate()) {
      chunk += `${first ? '' : ',\n'}${JSON.stringify(historyEntryOf(row as Record<string, unknown>))}`;
      first = false;
      progress.row();
      await flush();
    }
    chunk += `${first ? '' : '\n'}]\n}\n`;
  } else {
    chunk += '}\n}\n';
  }
  await flush(true);
}
