import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder of the data folder where every backup goes. */
export function backupFolder(dataDir: string): string {
  return join(dataDir, 'backups');
}

/** A file-name-safe UTC timestamp, e.g. `20261122T214210Z`. */
export function fileStamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

export interface BackupOptions {
  /**
   * Pages copied per step. Between steps other work runs; a write by another connection restarts the
   * copy, so a separate connection (the CLI) should copy everything in one step.
   */
  pagesPerStep?: number;
  /** Checks the finished copy before it takes the destination's name; throw to discard it. */
  verify?: (copy: string) => void;
}

/** Backups this process has begun; part of each partial file's name. */
let partialsStarted = 0;

/** Copies everything in one step: one read transaction, one consistent snapshot. */
export const ALL_PAGES = 0x7fffffff;

/**
 * Copies a live database with SQLite's online backup API (never a raw file copy). The copy is written
 * beside `destination` and renamed into place, so a failed backup never leaves a half-written file
 * under a backup's name, and it is switched to rollback-journal mode so it is one self-contained file.
 */
export async function backupDatabase(
  sqlite: BetterSqlite3.Database,
  destination: string,
  options: BackupOptions = {},
): Promise<string> {
  mkdirSync(dirname(destination), { recursive: true });
  // Named per process and per backup, so two backups to one destination at once (the app's daily
  // backup and the CLI, or two in one process) never write the same file.
  partialsStarted += 1;
  const partial = `${destination}.${process.pid}-${partialsStarted}.partial`;
  // A leftover of a crash would be taken for the destination database and overwritten page by page.
  removeDatabaseFiles(partial);
  try {
    const pagesPerStep = options.pagesPerStep;
    await (pagesPerStep === undefined
      ? sqlite.backup(partial)
      : sqlite.backup(partial, { progress: () => pagesPerStep }));
    makeSelfContained(partial);
    options.verify?.(partial);
    renameSync(partial, destination);
    return destination;
  } catch (error) {
    removeDatabaseFiles(partial);
    throw error;
  }
}

/**
 * The backup API copies the source's header, WAL flag included; a WAL-mode file would grow -wal and
 * -shm files beside it whenever it is opened, even read-only.
 */
function makeSelfContained(file: string): void {
  const copy = new BetterSqlite3(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/** The companion files SQLite may keep beside a database file. */
export const SIDECAR_SUFFIXES = ['-wal', '-shm', '-journal'] as const;

/** Deletes a database file that is not in use, with its companion files. */
export function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', ...SIDECAR_SUFFIXES]) rmSync(`${file}${suffix}`, { force: true });
}

/** Where the automatic backup taken before a migration goes. */
export function preMigrationBackupPath(backupDir: string, from: number, to: number, now: Date): string {
  return join(backupDir, `rapport-before-v${from}-to-v${to}-${fileStamp(now)}.db`);
}
