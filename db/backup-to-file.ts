import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AppError } from '../shared/api/errors.ts';
import { DATABASE_FILE } from './paths.ts';
import { dailyBackupFolder } from './backup-rotation.ts';
import { ALL_PAGES, backupDatabase } from './backup.ts';
import {
  type DatabaseInspection,
  errorMessage,
  hasSqliteHeader,
  inspectDatabase,
  isDamagedDatabaseError,
  openExistingDatabase,
  summarizeProblems,
} from './inspect-database.ts';
import { storageErrorOf } from './storage-errors.ts';

export interface BackupToFileOptions {
  dataDir: string;
  out: string;
  /** Replace `out` if it exists. */
  force: boolean;
}

export interface BackupToFileResult {
  database: string;
  backup: DatabaseInspection;
}

/**
 * Backs the database of `dataDir` up into `out` with the online backup API, from a connection of its
 * own, so it works while the app has the database open. The copy must pass `PRAGMA integrity_check`
 * before it takes the name `out`; an existing `out` is replaced only with `force`.
 */
export async function backupToFile(options: BackupToFileOptions): Promise<BackupToFileResult> {
  const database = existingDatabase(options.dataDir);
  const out = resolve(options.out);
  assertWritableDestination(out, database, options.force);
  if (!hasSqliteHeader(database)) throw damagedDatabase(database, 'not a SQLite database');
  try {
    return { database, backup: await copyVerified(database, out) };
  } catch (error) {
    if (isDamagedDatabaseError(error)) throw damagedDatabase(database, errorMessage(error));
    // A full disk or a read-only destination: backupDatabase removed its partial copy.
    throw storageErrorOf(error, 'writing', { file: out, dataDir: dirname(out) }) ?? error;
  }
}

async function copyVerified(database: string, out: string): Promise<DatabaseInspection> {
  const checked: { copy?: DatabaseInspection } = {};
  const sqlite = openExistingDatabase(database);
  try {
    await backupDatabase(sqlite, out, {
      pagesPerStep: ALL_PAGES,
      verify: (copy) => {
        checked.copy = soundCopy(copy, database);
      },
    });
  } finally {
    sqlite.close();
  }
  if (checked.copy === undefined) throw new Error('the backup was not verified');
  return { ...checked.copy, file: out };
}

/** The database file of a data folder, which must exist. */
function existingDatabase(dataDir: string): string {
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) {
    const message = `There is no folder ${dataDir}. Give Rapport's data folder with --data-dir.`;
    throw new AppError('not_found', message, { dataDir });
  }
  const database = join(dataDir, DATABASE_FILE);
  if (!existsSync(database)) {
    const message = `${dataDir} holds no Rapport database (no ${DATABASE_FILE}). Check --data-dir.`;
    throw new AppError('not_found', message, { dataDir });
  }
  return database;
}

function assertWritableDestination(out: string, database: string, force: boolean): void {
  if (!existsSync(out)) return;
  if (realpathSync(out) === realpathSync(database)) {
    throw new AppError('validation', `--out ${out} is the database itself. Choose another file.`, { out });
  }
  if (statSync(out).isDirectory()) {
    const message = `--out ${out} is a folder. Give the name of the backup file to write.`;
    throw new AppError('validation', message, { out });
  }
  if (!force) {
    const message = `${out} already exists. Choose another --out file, or add --force to replace it.`;
    throw new AppError('conflict', message, { out });
  }
}

function soundCopy(copy: string, database: string): DatabaseInspection {
  let found: DatabaseInspection;
  try {
    found = inspectDatabase(copy);
  } catch (error) {
    // The copy is page for page the database, so whatever is wrong with it is wrong with the database.
    if (error instanceof AppError) throw damagedDatabase(database, 'SQLite cannot read it');
    throw error;
  }
  if (found.problems.length > 0) {
    throw damagedDatabase(database, `integrity check: ${summarizeProblems(found.problems)}`);
  }
  return found;
}

/** The database itself is damaged: say so, and point at the way out. */
function damagedDatabase(database: string, detail: string): AppError {
  const dataDir = dirname(database);
  return new AppError(
    'unavailable',
    `${database} is damaged (${detail}). No backup was written. Restore an earlier backup with ` +
      `\`rapport restore --data-dir "${dataDir}" FILE\` (daily backups are in ${dailyBackupFolder(dataDir)}).`,
    { database },
  );
}
