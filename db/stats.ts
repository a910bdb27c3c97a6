import { existsSync, statSync } from 'node:fs';
import { AppError } from '../shared/api/errors.ts';
import { isDamagedDatabaseError, openExistingDatabase, hasSqliteHeader } from './inspect-database.ts';
import { syncedTables } from './records/synced-tables.ts';

/** Row counts of one entity. */
export interface EntityCount {
  live: number;
  deleted: number;
}

export interface DatabaseStats {
  file: string;
  schemaVersion: number;
  /** The database file and its write-ahead log, in bytes. */
  bytes: number;
  walBytes: number;
  /** Per synced table, in the order of db/records/synced-tables.ts; tables an older schema lacks are left out. */
  entities: Record<string, EntityCount>;
  /** Field-level changes recorded (SYNC.md): the history and the sync outbox. */
  changeLog: number;
  /** Documents in the search index, per kind. */
  searchDocuments: Record<string, number>;
}

/**
 * Counts the rows of every entity, live and deleted, in the database `file`, without writing to it (it
 * may be open in Rapport meanwhile). Throws an AppError for a missing or damaged file.
 */
export function databaseStats(file: string): DatabaseStats {
  if (!existsSync(file)) {
    throw new AppError('not_found', `There is no Rapport database at ${file}. Check --data-dir.`, { file });
  }
  if (!hasSqliteHeader(file)) {
    throw new AppError('validation', `${file} is not a SQLite database (or its first page is damaged).`, {
      file,
    });
  }
  const sqlite = openExistingDatabase(file);
  try {
    const tables = new Set(
      (sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map(
        (row) => row.name,
      ),
    );
    const count = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
    const entities: Record<string, EntityCount> = {};
    for (const table of Object.keys(syncedTables)) {
      if (!tables.has(table)) continue;
      // Table names come from the code's own registry.
      const row = sqlite
        .prepare(`SELECT count(*) - count(deleted_at) AS live, count(deleted_at) AS deleted FROM ${table}`)
        .get() as EntityCount;
      entities[table] = row;
    }
    const searchDocuments: Record<string, number> = {};
    for (const kind of ['client', 'contact', 'interaction']) {
      const fts = `search_${kind}`;
      if (tables.has(`${fts}_docsize`))
        searchDocuments[kind] = count(`SELECT count(*) AS n FROM ${fts}_docsize`);
    }
    const wal = `${file}-wal`;
    return {
      file,
      schemaVersion: sqlite.pragma('user_version', { simple: true }) as number,
      bytes: statSync(file).size,
      walBytes: existsSync(wal) ? statSync(wal).size : 0,
      entities,
      changeLog: tables.has('change_log') ? count('SELECT count(*) AS n FROM change_log') : 0,
      searchDocuments,
    };
  } catch (error) {
    if (!isDamagedDatabaseError(error)) throw error;
    throw new AppError('validation', `${file} is damaged: SQLite cannot read it.`, { file });
  } finally {
    sqlite.close();
  }
}
