import type BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A file-name-safe UTC timestamp, e.g. `20261122T214210Z`. */
export function fileStamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** Copies a live database with SQLite's online backup API (never a raw file copy). */
export async function backupDatabase(sqlite: BetterSqlite3.Database, destination: string): Promise<string> {
  mkdirSync(dirname(destination), { recursive: true });
  await sqlite.backup(destination);
  return destination;
}

/** Where the automatic backup taken before a migration goes. */
export function preMigrationBackupPath(backupDir: string, from: number, to: number, now: Date): string {
  return join(backupDir, `rapport-before-v${from}-to-v${to}-${fileStamp(now)}.db`);
}
