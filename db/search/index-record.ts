import type { StoredRow } from '../records/synced-tables.ts';
import type { Db } from '../sql.ts';
import { type SearchKind, type SearchKindName, searchKinds } from './search-kinds.ts';

/** `INSERT INTO search_x(rowid, col…) VALUES (?, ?…)`: SQL text made of code constants only. */
export function insertDocumentSql(kind: SearchKind): string {
  const columns = kind.columns.map((column) => column.name);
  return `INSERT INTO ${kind.fts} (rowid, ${columns.join(', ')}) VALUES (?${', ?'.repeat(columns.length)})`;
}

/**
 * Keeps a record's search document in step with it; the record writer calls this after every insert and
 * update (through `afterWrite` in db/records/synced-tables.ts), so changes made here, by undo and by sync
 * all reach the index in the same transaction. A live record has its document, a deleted one has none.
 */
export function indexRecord(
  db: Db,
  kindName: SearchKindName,
  row: StoredRow,
  previous: StoredRow | undefined,
): void {
  const kind: SearchKind = searchKinds[kindName];
  if (previous && !touchesDocument(kind, row, previous)) return;
  const found = db.prepare(`SELECT rowid FROM ${kind.table} WHERE id = ?`).get(row.id) as
    { rowid: number } | undefined;
  if (!found) return;
  if (previous && previous.deleted_at === null) {
    db.prepare(`DELETE FROM ${kind.fts} WHERE rowid = ?`).run(found.rowid);
  }
  if (row.deleted_at === null || row.deleted_at === undefined) {
    db.prepare(insertDocumentSql(kind)).run(found.rowid, ...kind.document(row));
  }
}

function touchesDocument(kind: SearchKind, row: StoredRow, previous: StoredRow): boolean {
  return (
    row.deleted_at !== previous.deleted_at || kind.fields.some((field) => row[field] !== previous[field])
  );
}

/** Documents per INSERT of {@link indexNewRecords}. */
const DOCUMENTS_PER_STATEMENT = 64;

/**
 * The search documents of new records, inserted together: what {@link indexRecord} does after each
 * insert, in statements of many documents. `rowids` are the records' rowids, in the order of `rows`.
 */
export function indexNewRecords(
  db: Db,
  kindName: SearchKindName,
  rows: readonly StoredRow[],
  rowids: readonly number[],
): void {
  const kind: SearchKind = searchKinds[kindName];
  const tuple = `(?${', ?'.repeat(kind.columns.length)})`;
  const head = insertDocumentSql(kind).replace(/ VALUES .*$/, ' VALUES ');
  let at = 0;
  while (at < rows.length) {
    let count = DOCUMENTS_PER_STATEMENT;
    while (count > rows.length - at) count >>= 1;
    const values: (string | number)[] = [];
    for (let i = at; i < at + count; i++) {
      const row = rows[i];
      const rowid = rowids[i];
      if (row === undefined || rowid === undefined) throw new Error('a new record has no rowid');
      if (row.deleted_at !== null && row.deleted_at !== undefined) continue;
      values.push(rowid, ...kind.document(row));
    }
    const documents = values.length / (kind.columns.length + 1);
    if (documents > 0)
      db.prepare(`${head}${Array.from({ length: documents }, () => tuple).join(', ')}`).run(...values);
    at += count;
  }
}
