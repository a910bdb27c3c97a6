import BetterSqlite3 from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { AppError } from '../shared/api/errors.ts';

const SQLITE_HEADER = 'SQLite format 3\0';

/** What a database file holds, as far as backup and restore care. */
export interface DatabaseInspection {
  file: string;
  bytes: number;
  applicationId: number;
  schemaVersion: number;
  /** What `PRAGMA integrity_check` reported; empty when it said `ok`. */
  problems: string[];
  /** Clients not deleted; null when the database has no client table. */
  clients: number | null;
}

/** True when `file` is a regular file that starts with SQLite's header. */
export function hasSqliteHeader(file: string): boolean {
  if (!existsSync(file) || !statSync(file).isFile()) return false;
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(file, 'r');
  try {
    const read = readSync(fd, header, 0, header.length, 0);
    return read === header.length && header.toString('latin1') === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

/** True for the errors SQLite raises on a file that is damaged or is not a database at all. */
export function isDamagedDatabaseError(error: unknown): boolean {
  return error instanceof BetterSqlite3.SqliteError && /^SQLITE_(NOTADB|CORRUPT)/.test(error.code);
}

/** True when another connection holds a lock SQLite waited for in vain. */
export function isLockedDatabaseError(error: unknown): boolean {
  return error instanceof BetterSqlite3.SqliteError && /^SQLITE_(BUSY|LOCKED)/.test(error.code);
}

/**
 * Opens an existing database that this connection will not write to. Read-write rather than read-only
 * on purpose: a read-only connection leaves the -wal and -shm files of a WAL-mode database behind,
 * while the last read-write connection to close removes them.
 */
export function openExistingDatabase(file: string): BetterSqlite3.Database {
  const sqlite = new BetterSqlite3(file, { fileMustExist: true });
  sqlite.pragma('query_only = ON');
  return sqlite;
}

/**
 * Reads what `file` holds and runs `PRAGMA integrity_check` on it. Throws an AppError when the file is
 * missing, is not a SQLite database, or is too damaged to read at all; the caller judges the rest.
 */
export function inspectDatabase(file: string): DatabaseInspection {
  if (!existsSync(file)) throw new AppError('not_found', `${file} does not exist.`, { file });
  if (!hasSqliteHeader(file)) {
    throw new AppError('validation', `${file} is not a SQLite database (or its first page is damaged).`, {
      file,
    });
  }
  const sqlite = openExistingDatabase(file);
  try {
    return {
      file,
      bytes: statSync(file).size,
      applicationId: sqlite.pragma('application_id', { simple: true }) as number,
      schemaVersion: sqlite.pragma('user_version', { simple: true }) as number,
      problems: integrityProblems(sqlite),
      clients: countClients(sqlite),
    };
  } catch (error) {
    if (!isDamagedDatabaseError(error)) throw error;
    throw new AppError('validation', `${file} is damaged: SQLite cannot read it (${errorMessage(error)}).`, {
      file,
    });
  } finally {
    sqlite.close();
  }
}

function integrityProblems(sqlite: BetterSqlite3.Database): string[] {
  const rows = sqlite.pragma('integrity_check') as { integrity_check: string }[];
  const messages = rows.map((row) => row.integrity_check);
  return messages.length === 1 && messages[0] === 'ok' ? [] : messages;
}

function countClients(sqlite: BetterSqlite3.Database): number | null {
  const hasTable = sqlite
    .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'client'")
    .get();
  if (hasTable === undefined) return null;
  const row = sqlite.prepare('SELECT count(*) AS n FROM client WHERE deleted_at IS NULL').get() as {
    n: number;
  };
  return row.n;
}

/** One line for people: size, schema and clients. */
export function describeDatabase(found: DatabaseInspection): string {
  const parts = [formatBytes(found.bytes), `schema ${found.schemaVersion}`];
  if (found.clients !== null) parts.push(`${found.clients} ${found.clients === 1 ? 'client' : 'clients'}`);
  return parts.join(', ');
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** The first few problems integrity_check reported, for a one-line message. */
export function summarizeProblems(problems: readonly string[]): string {
  const shown = problems.slice(0, 3).join('; ');
  return problems.length > 3 ? `${shown}; and ${problems.length - 3} more` : shown;
}

/** The message of any thrown value. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
