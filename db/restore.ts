import BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdirSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AppError } from '../shared/api/errors.ts';
import { DATABASE_FILE } from './paths.ts';
import {
  ALL_PAGES,
  SIDECAR_SUFFIXES,
  backupDatabase,
  backupFolder,
  fileStamp,
  removeDatabaseFiles,
} from './backup.ts';
import {
  type DatabaseInspection,
  hasSqliteHeader,
  inspectDatabase,
  isDamagedDatabaseError,
  isLockedDatabaseError,
  openExistingDatabase,
  summarizeProblems,
} from './inspect-database.ts';
import { LATEST_SCHEMA_VERSION, RAPPORT_APPLICATION_ID } from './open-database.ts';
import { storageErrorOf } from './storage-errors.ts';

export interface RestoreOptions {
  dataDir: string;
  /** The backup to restore. */
  file: string;
  now?: () => Date;
}

/** Where the database that a restore replaced was kept, and how. */
export interface ReplacedDatabase {
  file: string;
  /** `copied` with the backup API; `moved` (renamed) when it was too damaged to open. */
  how: 'copied' | 'moved';
}

export interface RestoreResult {
  database: string;
  restored: DatabaseInspection;
  /** Null when the data folder held no database. */
  replaced: ReplacedDatabase | null;
}

/**
 * Replaces the database of `dataDir` with the backup `file`. The backup must be a sound Rapport
 * database no newer than this build; the current database is kept in the backups folder first. Refuses,
 * changing nothing, when the backup is unfit or when Rapport has the database open.
 */
export async function restoreDatabase(options: RestoreOptions): Promise<RestoreResult> {
  const source = resolve(options.file);
  const database = join(resolve(options.dataDir), DATABASE_FILE);
  const restored = checkRestorable(source, database);
  try {
    mkdirSync(dirname(database), { recursive: true });
  } catch (error) {
    throw storageErrorOf(error, 'writing', { file: database, dataDir: dirname(database) }) ?? error;
  }
  // Copied beside the database first, so that a failed copy leaves the current database in place.
  const staging = `${database}.restoring`;
  try {
    await copyDatabase(source, staging);
    const replaced = existsSync(database)
      ? await keepReplaced(database, backupFolder(dirname(database)), options.now?.() ?? new Date())
      : null;
    // A -wal or -journal left from the old database would be applied to the new one.
    for (const suffix of SIDECAR_SUFFIXES) rmSync(`${database}${suffix}`, { force: true });
    renameSync(staging, database);
    return { database, restored, replaced };
  } catch (error) {
    // A full disk or a read-only folder: the staging copy is removed below, the database is as it was.
    throw storageErrorOf(error, 'writing', { file: database, dataDir: dirname(database) }) ?? error;
  } finally {
    removeDatabaseFiles(staging);
  }
}

/** Checks the backup; every refusal says that nothing was changed. */
function checkRestorable(source: string, database: string): DatabaseInspection {
  if (existsSync(source) && existsSync(database) && realpathSync(source) === realpathSync(database)) {
    throw refused(`${source} is the database itself; give a backup file.`);
  }
  let found: DatabaseInspection;
  try {
    found = inspectDatabase(source);
  } catch (error) {
    if (error instanceof AppError) throw refused(error.message, error.details);
    throw error;
  }
  if (found.applicationId !== RAPPORT_APPLICATION_ID || found.schemaVersion < 1) {
    throw refused(`${source} is a SQLite database, but not one of Rapport.`);
  }
  if (found.schemaVersion > LATEST_SCHEMA_VERSION) {
    throw refused(
      `${source} was written by a newer version of Rapport (schema ${found.schemaVersion}; this version ` +
        `knows up to ${LATEST_SCHEMA_VERSION}). Update Rapport first, or choose an older backup.`,
    );
  }
  if (found.problems.length > 0) {
    throw refused(
      `${source} is damaged: SQLite's integrity check found problems (${summarizeProblems(found.problems)}).`,
    );
  }
  return found;
}

function refused(reason: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('validation', `${reason} Nothing was changed.`, details);
}

async function copyDatabase(source: string, destination: string): Promise<void> {
  const sqlite = openExistingDatabase(source);
  try {
    await backupDatabase(sqlite, destination, { pagesPerStep: ALL_PAGES });
  } finally {
    sqlite.close();
  }
}

/**
 * Keeps the current database in `folder`: copied with the backup API while holding an exclusive lock,
 * or, when SQLite cannot open it, moved there whole (with its -wal and -shm files).
 */
async function keepReplaced(database: string, folder: string, now: Date): Promise<ReplacedDatabase> {
  const kept = unusedName(join(folder, `rapport-replaced-${fileStamp(now)}`), '.db');
  const current = lockCurrentDatabase(database);
  if (current !== null) {
    try {
      await backupDatabase(current, kept, { pagesPerStep: ALL_PAGES });
      return { file: kept, how: 'copied' };
    } catch (error) {
      if (!isDamagedDatabaseError(error)) throw error;
    } finally {
      current.close();
    }
  }
  mkdirSync(folder, { recursive: true });
  for (const suffix of ['', ...SIDECAR_SUFFIXES]) {
    if (existsSync(`${database}${suffix}`)) renameSync(`${database}${suffix}`, `${kept}${suffix}`);
  }
  return { file: kept, how: 'moved' };
}

/**
 * Opens the current database and takes an exclusive lock, which fails while any other connection has
 * it open (in WAL mode every open connection holds a shared lock); null when it is too damaged to open.
 */
function lockCurrentDatabase(database: string): BetterSqlite3.Database | null {
  if (!hasSqliteHeader(database)) return null;
  const sqlite = new BetterSqlite3(database, { fileMustExist: true });
  try {
    sqlite.pragma('busy_timeout = 500');
    // Exclusive locking mode keeps the lock after COMMIT, until the connection closes.
    sqlite.pragma('locking_mode = EXCLUSIVE');
    sqlite.exec('BEGIN EXCLUSIVE; COMMIT');
    return sqlite;
  } catch (error) {
    sqlite.close();
    if (isDamagedDatabaseError(error)) return null;
    if (!isLockedDatabaseError(error)) throw error;
    throw new AppError(
      'conflict',
      `Rapport is using ${database} right now (the app, a preview or another command). ` +
        'Close Rapport first, then run the restore again. Nothing was changed.',
      { database },
    );
  }
}

function unusedName(base: string, extension: string): string {
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? `${base}${extension}` : `${base}-${n}${extension}`;
    if (!existsSync(candidate)) return candidate;
  }
}
