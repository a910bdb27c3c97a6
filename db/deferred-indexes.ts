import type BetterSqlite3 from 'better-sqlite3';

/** The local_meta key holding the indexes a bulk load dropped, until it creates them again. */
const KEY = 'deferred_indexes';

interface IndexDefinition {
  name: string;
  sql: string;
}

/**
 * Drops the indexes of `tables` for a bulk load into them (building an index once, sorted, is several
 * times faster than keeping it up to date row by row), remembering them in the database itself in the same
 * transaction. {@link restoreDeferredIndexes} creates them again; `openDatabase` calls it too, so a load
 * that crashed midway never leaves a database without its indexes.
 */
export function deferIndexes(sqlite: BetterSqlite3.Database, tables: readonly string[]): void {
  sqlite.transaction(() => {
    const indexes = sqlite
      .prepare(
        `SELECT name, sql FROM sqlite_schema
         WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(tables)) as IndexDefinition[];
    const pending = [...pendingIndexes(sqlite), ...indexes];
    sqlite
      .prepare(
        'INSERT INTO local_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(KEY, JSON.stringify(pending));
    // Names come from sqlite_schema, quoted as identifiers.
    for (const index of indexes) sqlite.exec(`DROP INDEX "${index.name.replaceAll('"', '""')}"`);
  })();
}

/** Creates again every index a bulk load deferred; returns how many. Does nothing when none are pending. */
export function restoreDeferredIndexes(sqlite: BetterSqlite3.Database): number {
  const pending = pendingIndexes(sqlite);
  if (pending.length === 0) return 0;
  sqlite.transaction(() => {
    for (const index of pending) {
      const exists = sqlite
        .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?")
        .get(index.name);
      if (exists === undefined) sqlite.exec(index.sql);
    }
    sqlite.prepare('DELETE FROM local_meta WHERE key = ?').run(KEY);
  })();
  return pending.length;
}

function pendingIndexes(sqlite: BetterSqlite3.Database): IndexDefinition[] {
  const row = sqlite.prepare('SELECT value FROM local_meta WHERE key = ?').get(KEY) as
    { value: string } | undefined;
  return row === undefined ? [] : (JSON.parse(row.value) as IndexDefinition[]);
}
