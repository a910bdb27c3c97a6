import BetterSqlite3 from 'better-sqlite3';
import { type Db, createDb } from '../sql.ts';

/** A consistent view of the database for the length of an export, on a connection of its own. */
export interface Snapshot {
  db: Db;
  close(): void;
}

/**
 * Opens a second connection to the database file and starts a read transaction on it: every list of the
 * export sees the same moment (no contact without its client, counts that match the rows), the app's
 * connection keeps writing meanwhile (WAL), and the export's long reads never hold that connection.
 * SQLite refuses any write on it (`query_only`).
 */
export function openSnapshot(db: Db): Snapshot {
  const file = db.sqlite.name;
  if (db.sqlite.memory || file === '') {
    throw new Error('An in-memory database has no file to export from.');
  }
  const sqlite = new BetterSqlite3(file, { fileMustExist: true });
  try {
    sqlite.pragma('busy_timeout = 5000');
    // An export reads every page of its tables, and the rows an index points to: a page cache of 64 MiB
    // (not SQLite's 2 MiB) keeps those pages at hand, a fixed amount whatever the size of the export.
    sqlite.pragma('cache_size = -65536');
    sqlite.pragma('query_only = ON');
    sqlite.exec('BEGIN');
    // A read transaction takes its snapshot at its first read.
    sqlite.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return {
    db: createDb(sqlite),
    close() {
      if (sqlite.inTransaction) sqlite.exec('COMMIT');
      sqlite.close();
    },
  };
}
