import BetterSqlite3 from 'better-sqlite3';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError, type ErrorCode } from '../shared/api/errors.ts';
import {
  type StorageMoment,
  type StorageProblem,
  type StorageProblemDetails,
  describeStorageProblem,
} from '../shared/api/storage-problem.ts';
import { en } from '../shared/i18n/en.ts';
import { backupFolder } from './backup.ts';
import { dailyBackupFolder } from './backup-rotation.ts';
import { hasSqliteHeader } from './inspect-database.ts';

/** Where the database lives: what every storage message names. */
export interface DatabasePlace {
  file: string;
  dataDir: string;
}

const codeOf: Record<StorageProblem, ErrorCode> = {
  empty_database: 'unavailable',
  not_a_file: 'unavailable',
  read_only_file: 'read_only',
  read_only_folder: 'read_only',
  disk_full: 'disk_full',
};

/** The error of a storage problem: a stable code, English words, and details to say it in any language. */
export function storageError(
  problem: StorageProblem,
  when: StorageMoment,
  place: DatabasePlace,
  newestBackup?: string,
): AppError {
  const details: StorageProblemDetails = {
    storage: problem,
    when,
    file: place.file,
    dataDir: place.dataDir,
    ...(newestBackup === undefined ? {} : { newestBackup }),
  };
  return new AppError(codeOf[problem], describeStorageProblem(details, en), details);
}

/** Errors of the file system and of SQLite that mean "the disk is full". */
const DISK_FULL_ERRNOS = new Set(['ENOSPC', 'EDQUOT']);
/** … and those that mean "you may not write here". */
const NOT_WRITABLE_ERRNOS = new Set(['EACCES', 'EPERM', 'EROFS']);

/**
 * The storage problem behind an error thrown while using the database, if there is one: a full disk,
 * or a file or folder that cannot be written. Null for every other error.
 */
export function storageErrorOf(error: unknown, when: StorageMoment, place: DatabasePlace): AppError | null {
  if (error instanceof AppError) return null;
  if (error instanceof BetterSqlite3.SqliteError) {
    if (error.code.startsWith('SQLITE_FULL')) return storageError('disk_full', when, place);
    if (error.code.startsWith('SQLITE_READONLY')) return storageError(unwritable(place), when, place);
    if (error.code.startsWith('SQLITE_CANTOPEN')) {
      const problem = storageProblemAt(place);
      return problem === null ? null : storageError(problem, when, place);
    }
    return null;
  }
  const errno = errnoOf(error);
  if (errno === undefined) return null;
  if (DISK_FULL_ERRNOS.has(errno)) return storageError('disk_full', when, place);
  if (NOT_WRITABLE_ERRNOS.has(errno)) return storageError(unwritable(place), when, place);
  return null;
}

/** Which of the two cannot be written: the folder (when both cannot, as on a read-only disk), or the file. */
function unwritable(place: DatabasePlace): StorageProblem {
  const folder = dirname(place.file);
  if (existsSync(folder) && !isWritable(folder)) return 'read_only_folder';
  return existsSync(place.file) && !isWritable(place.file) ? 'read_only_file' : 'read_only_folder';
}

/**
 * Checks, before SQLite touches anything, that the database can be opened for work: its name is a file
 * (or free), the file and its folder can be written, and an empty file does not stand where a database
 * was before. Creates the data folder if it is missing. Throws the storage error that says what to do.
 */
export function assertUsableStorage(place: DatabasePlace): void {
  const problem = storageProblemAt(place, { createFolder: true });
  if (problem === 'empty_database') {
    throw storageError(problem, 'opening', place, newestBackup(place.dataDir) ?? undefined);
  }
  if (problem !== null) throw storageError(problem, 'opening', place);
}

function storageProblemAt(
  place: DatabasePlace,
  options: { createFolder?: boolean } = {},
): StorageProblem | null {
  const folder = dirname(place.file);
  if (!existsSync(place.file)) {
    if (options.createFolder === true) {
      try {
        mkdirSync(folder, { recursive: true });
      } catch (error) {
        if (DISK_FULL_ERRNOS.has(errnoOf(error) ?? '')) return 'disk_full';
        // A recursive mkdir reports ENOENT, not EROFS, when a read-only parent refuses the new folder.
        if (NOT_WRITABLE_ERRNOS.has(errnoOf(error) ?? '') || !isWritable(nearestExisting(folder))) {
          return 'read_only_folder';
        }
        throw error;
      }
    }
    return existsSync(folder) && !isWritable(folder) ? 'read_only_folder' : null;
  }
  const stat = statSync(place.file);
  if (!stat.isFile()) return 'not_a_file';
  if (stat.size === 0 && newestBackup(place.dataDir) !== null) return 'empty_database';
  // In WAL mode SQLite creates rapport.db-wal and -shm beside the file, so the folder must be writable
  // too. A read-only disk makes both read-only: the folder is the one to name.
  if (!isWritable(folder)) return 'read_only_folder';
  if (!isWritable(place.file)) return 'read_only_file';
  return null;
}

/**
 * The newest backup of the data folder (made before a migration, by a restore, or daily), by the time
 * it was taken; null when there is none. Only files that start like a SQLite database count.
 */
export function newestBackup(dataDir: string): string | null {
  const candidates = [backupFolder(dataDir), dailyBackupFolder(dataDir)].flatMap((folder) =>
    existsSync(folder)
      ? readdirSync(folder)
          .filter((name) => name.endsWith('.db'))
          .map((name) => join(folder, name))
      : [],
  );
  const backups = candidates
    .filter(hasSqliteHeader)
    .map((file) => ({ file, takenAt: statSync(file).mtimeMs }))
    .sort((a, b) => b.takenAt - a.takenAt);
  return backups[0]?.file ?? null;
}

/**
 * Whether this process may write `path`. `access` asks the kernel, so it sees what matters: file modes
 * (for anyone but root), immutable files, and read-only mounts (for root too).
 */
function isWritable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch (error) {
    if (NOT_WRITABLE_ERRNOS.has(errnoOf(error) ?? '')) return false;
    throw error;
  }
}

/** The closest folder of `path` that exists (the root at worst). */
function nearestExisting(path: string): string {
  let folder = path;
  while (!existsSync(folder) && dirname(folder) !== folder) folder = dirname(folder);
  return folder;
}

function errnoOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
