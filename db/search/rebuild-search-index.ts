import type BetterSqlite3 from 'better-sqlite3';
import type { StoredRow } from '../records/synced-tables.ts';
import type { Db } from '../sql.ts';
import { insertDocumentSql } from './index-record.ts';
import { type SearchKind, searchKinds } from './search-kinds.ts';
import { recreateSearchTables } from './search-tables.ts';

/** Rows read per batch: big enough to amortize the statement, small enough to keep memory flat. */
const BATCH = 2000;

/** FTS5 settings while loading in bulk and afterwards (FTS5's defaults). */
const BULK = { hashsize: 64 * 1024 * 1024, automerge: 0 };
const EVERYDAY = { hashsize: 1024 * 1024, automerge: 4 };

function configure(sqlite: BetterSqlite3.Database, kind: SearchKind, settings: typeof BULK): void {
  for (const [name, value] of Object.entries(settings)) {
    // FTS5 takes these only as literals; names and numbers are constants of this file.
    sqlite.exec(`INSERT INTO ${kind.fts} (${kind.fts}, rank) VALUES ('${name}', ${value})`);
  }
}

/**
 * Rebuilds the whole search index from the live records, in one transaction (a savepoint when the caller
 * already has one). For bulk loads that write rows directly (seed, import), and for migrations that
 * change the index layout. Returns how many documents were indexed.
 */
export function rebuildSearchIndex(db: Db | BetterSqlite3.Database): number {
  const sqlite = 'sqlite' in db ? db.sqlite : db;
  return sqlite.transaction(() => {
    recreateSearchTables(sqlite);
    let documents = 0;
    for (const kind of Object.values(searchKinds)) {
      // Bulk mode: big in-memory batches and no merging while loading, then one merge into a single
      // segment (the fastest to query), then the defaults again for the small writes of everyday use.
      configure(sqlite, kind, BULK);
      documents += indexAll(sqlite, kind);
      sqlite.prepare(`INSERT INTO ${kind.fts} (${kind.fts}) VALUES ('optimize')`).run();
      configure(sqlite, kind, EVERYDAY);
    }
    return documents;
  })();
}

function indexAll(sqlite: BetterSqlite3.Database, kind: SearchKind): number {
  // A migration rebuilding the index runs before later migrations add their columns: read the fields
  // the table has now (a field added later starts empty, so the index lacks nothing).
  const columns = new Set(
    (sqlite.prepare(`PRAGMA table_info(${kind.table})`).all() as { name: string }[]).map((c) => c.name),
  );
  const fields = kind.fields.filter((field) => columns.has(field));
  const read = sqlite.prepare(
    `SELECT rowid AS rowid_, id${fields.map((field) => `, ${field}`).join('')} FROM ${kind.table}
     WHERE rowid > ? AND deleted_at IS NULL ORDER BY rowid LIMIT ${BATCH}`,
  );
  const insert = sqlite.prepare(insertDocumentSql(kind));
  let after = 0;
  let documents = 0;
  for (;;) {
    const rows = read.all(after) as (StoredRow & { rowid_: number })[];
    for (const row of rows) insert.run(row.rowid_, ...kind.document(row));
    documents += rows.length;
    const last = rows.at(-1);
    if (!last || rows.length < BATCH) return documents;
    after = last.rowid_;
  }
}
