import BetterSqlite3 from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../shared/api/errors.ts';
import { restoreDeferredIndexes } from './deferred-indexes.ts';
import { backupDatabase, backupFolder, preMigrationBackupPath } from './backup.ts';
import { LATEST_SCHEMA_VERSION, migrations as allMigrations } from './migrations/index.ts';
import type { Migration } from './migrations/migration.ts';
import { type DatabasePlace, assertUsableStorage, storageErrorOf } from './storage-errors.ts';

/** `PRAGMA application_id` of every Rapport database: "RAPP". */
export const RAPPORT_APPLICATION_ID = 0x52415050;

const SQLITE_HEADER = 'SQLite format 3\0';

export interface OpenDatabaseOptions {
  file: string;
  /** Folder for the automatic backup taken before migrating an existing database. */
  backupDir: string;
  now?: () => Date;
  /** Only tests pass this, to migrate to an older version. */
  migrations?: readonly Migration[];
}

export interface OpenedDatabase {
  sqlite: BetterSqlite3.Database;
  schemaVersion: number;
  /** The backup taken before migrating, if a migration ran on existing data. */
  backupFile: string | null;
}

/**
 * Opens (or creates) a Rapport database and brings its schema up to date. Refuses a file that is not a
 * SQLite database, a database of another application, and one written by a newer Rapport; takes a
 * backup before migrating existing data. Never replaces a damaged file with a new empty database, nor
 * an empty file where a database was before. A file or folder that cannot be written, or a full disk,
 * is refused with a storage error (db/storage-errors.ts) that says what to do; nothing is changed.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  const place: DatabasePlace = { file: options.file, dataDir: dirname(options.file) };
  try {
    return await openChecked(options, place);
  } catch (error) {
    throw storageErrorOf(error, 'opening', place) ?? error;
  }
}

async function openChecked(options: OpenDatabaseOptions, place: DatabasePlace): Promise<OpenedDatabase> {
  const migrations = options.migrations ?? allMigrations;
  const latest = migrations.length;
  assertUsableStorage(place);
  assertLooksLikeSqlite(options.file);
  const sqlite = new BetterSqlite3(options.file);
  try {
    configure(sqlite, options.file);
    const from = sqlite.pragma('user_version', { simple: true }) as number;
    assertOpenable(sqlite, options.file, from, latest);
    let backupFile: string | null = null;
    if (from > 0 && from < latest) {
      const now = options.now?.() ?? new Date();
      backupFile = await backupDatabase(sqlite, preMigrationBackupPath(options.backupDir, from, latest, now));
    }
    migrate(sqlite, migrations, from);
    restoreDeferredIndexes(sqlite);
    return { sqlite, schemaVersion: latest, backupFile };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

function assertLooksLikeSqlite(file: string): void {
  if (!existsSync(file) || statSync(file).size === 0) return;
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_HEADER) throw damaged(file);
}

function configure(sqlite: BetterSqlite3.Database, file: string): void {
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
  } catch (error) {
    if (error instanceof BetterSqlite3.SqliteError && /NOTADB|CORRUPT/.test(error.code)) throw damaged(file);
    throw error;
  }
}

function assertOpenable(sqlite: BetterSqlite3.Database, file: string, version: number, latest: number): void {
  const applicationId = sqlite.pragma('application_id', { simple: true }) as number;
  const isEmpty = version === 0 && applicationId === 0 && !hasTables(sqlite);
  if (!isEmpty && applicationId !== RAPPORT_APPLICATION_ID) {
    throw new AppError(
      'unavailable',
      `${file} is a SQLite database, but not one of Rapport. Choose another data folder.`,
      {
        file,
      },
    );
  }
  if (version > latest) {
    throw new AppError(
      'unavailable',
      `This database was written by a newer version of Rapport (schema ${version}; this version knows up to ${latest}). ` +
        `Update Rapport to open it, or restore an older backup: \`rapport restore --data-dir "${dirname(file)}" FILE\`, ` +
        `with FILE from ${backupFolder(dirname(file))}.`,
      { file, schemaVersion: version, supportedVersion: latest },
    );
  }
}

function hasTables(sqlite: BetterSqlite3.Database): boolean {
  return sqlite.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' LIMIT 1").get() !== undefined;
}

function migrate(sqlite: BetterSqlite3.Database, migrations: readonly Migration[], from: number): void {
  for (const migration of migrations.slice(from)) {
    sqlite
      .transaction(() => {
        migration.up(sqlite);
        sqlite.pragma(`application_id = ${RAPPORT_APPLICATION_ID}`);
        sqlite.pragma(`user_version = ${migration.version}`);
      })
      .immediate();
  }
}

function damaged(file: string): AppError {
  return new AppError(
    'unavailable',
    `${file} is damaged or is not a database. Rapport left it untouched. Restore a backup with ` +
      `\`rapport restore --data-dir "${dirname(file)}" FILE\` (backups are kept in ` +
      `${backupFolder(dirname(file))} and its daily folder), or move the file away to start with an empty database.`,
    { file },
  );
}

export { LATEST_SCHEMA_VERSION };
