import type BetterSqlite3 from 'better-sqlite3';
import { type SearchKind, searchKinds } from './search-kinds.ts';

/**
 * The FTS5 table of one kind. Contentless (`content=''`): the index keeps only terms and positions, not a
 * second copy of every note and call body; `contentless_delete=1` still lets a changed or deleted record's
 * document be removed by rowid. The rowid of a document is the rowid of its record, so a hit maps back to
 * its record with one rowid lookup and no map table (VACUUM and the backup API keep rowids; records are
 * never hard-deleted). Text arrives folded (search-text.ts); unicode61 with remove_diacritics 2 folds
 * the same way again, harmlessly, should anything unfolded ever reach it. Prefix indexes on 1 (names
 * only), 2 and 3 characters answer the short prefixes typed first without merging thousands of terms.
 */
function createFtsSql(kind: SearchKind): string {
  const columns = kind.columns.map((column) => column.name).join(', ');
  return `CREATE VIRTUAL TABLE ${kind.fts} USING fts5(${columns}, content='', contentless_delete=1,
    tokenize="unicode61 remove_diacritics 2", prefix='${kind.table === 'interaction' ? '2 3' : '1 2 3'}')`;
}

/**
 * (Re)creates the search tables empty. The index is derived data: whenever its layout changes, it is
 * dropped, created anew and rebuilt (`rebuildSearchIndex`), never migrated in place.
 */
export function recreateSearchTables(sqlite: BetterSqlite3.Database): void {
  for (const kind of Object.values(searchKinds)) {
    sqlite.exec(`DROP TABLE IF EXISTS ${kind.fts}`);
    sqlite.exec(createFtsSql(kind));
  }
}

/** FTS5's own default share (in %) of a segment's rows deleted before the segment is merged to drop them. */
const DELETE_MERGE_PERCENT = 10;

/**
 * Runs `work`, which deletes many records at once (an import undone or taken back), without FTS5
 * merging segments to drop the deleted documents as it goes: each merge rewrites the segments' shared
 * terms, so deleting 100k contacts' documents one by one took 6.4–10 s, against 0.4–2.5 s when they
 * are only marked deleted. The marked documents are never found and are dropped by the merges later
 * writes make. The setting is a row of the index's own tables: a rolled-back transaction takes it back.
 */
export function withoutDeleteMerges<R>(sqlite: BetterSqlite3.Database, work: () => R): R {
  const tables = Object.values(searchKinds).map((kind) => kind.fts);
  const set = (percent: number) => {
    // FTS5 takes settings only as literals; the names and numbers are constants of this file.
    for (const fts of tables)
      sqlite.exec(`INSERT INTO ${fts} (${fts}, rank) VALUES ('deletemerge', ${percent})`);
  };
  set(0);
  try {
    return work();
  } finally {
    set(DELETE_MERGE_PERCENT);
  }
}
