import type BetterSqlite3 from 'better-sqlite3';
import { existsSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { backupDatabase, backupFolder } from './backup.ts';
import type { Logger } from './logger.ts';

/** How many daily backups are kept; older ones are deleted. */
export const DAILY_BACKUPS_KEPT = 7;

const DAY_MS = 24 * 60 * 60 * 1000;
/** Often enough that a laptop which slept through the day gets its backup soon after waking. */
const CHECK_EVERY_MS = 60 * 60 * 1000;
const DAILY_BACKUP_NAME = /^rapport-daily-\d{8}\.db$/;
/** What a backup interrupted by a crash leaves behind (see backupDatabase). */
const DAILY_PARTIAL_NAME = /^rapport-daily-\d{8}\.db\.\d+(-\d+)?\.partial(-wal|-shm|-journal)?$/;

/** The folder of the rotating daily backups. */
export function dailyBackupFolder(dataDir: string): string {
  return join(backupFolder(dataDir), 'daily');
}

/** `rapport-daily-YYYYMMDD.db`, dated in UTC. */
export function dailyBackupName(now: Date): string {
  return `rapport-daily-${now.toISOString().slice(0, 10).replaceAll('-', '')}.db`;
}

/** True for the file names of daily backups, and for nothing else in their folder. */
export function isDailyBackupName(name: string): boolean {
  return DAILY_BACKUP_NAME.test(name);
}

export interface DailyBackupFile {
  name: string;
  takenAt: Date;
}

/**
 * Due unless a backup was taken in the last 24 hours. A backup stamped in the future (the clock was
 * wrong, then fixed) does not count, or it would hold off every backup until that date.
 */
export function isDailyBackupDue(backups: readonly DailyBackupFile[], now: Date): boolean {
  return !backups.some((backup) => {
    const age = now.getTime() - backup.takenAt.getTime();
    return age >= 0 && age < DAY_MS;
  });
}

/** The daily backups to delete so that only the newest `keep` remain; other names are never chosen. */
export function dailyBackupsToDelete(names: readonly string[], keep = DAILY_BACKUPS_KEPT): string[] {
  // The names embed the date, so sorting them sorts by age.
  return names.filter(isDailyBackupName).sort().reverse().slice(keep);
}

export interface DailyBackupOptions {
  sqlite: BetterSqlite3.Database;
  folder: string;
  now: () => Date;
  logger: Logger;
}

/** Takes a daily backup if one is due and deletes the oldest; resolves with the new file, or null. */
export async function takeDailyBackupIfDue(
  options: Omit<DailyBackupOptions, 'logger'>,
): Promise<string | null> {
  const now = options.now();
  if (!isDailyBackupDue(listDailyBackups(options.folder), now)) return null;
  const file = await backupDatabase(options.sqlite, join(options.folder, dailyBackupName(now)));
  // The app's clock, not the file system's, says when the next one is due: tests inject a clock.
  utimesSync(file, now, now);
  const names = readdirSync(options.folder);
  for (const name of [...dailyBackupsToDelete(names), ...stalePartials(options.folder, names, now)]) {
    rmSync(join(options.folder, name), { force: true });
  }
  return file;
}

/** Partial files a day old are left by a crash: no backup takes that long. */
function stalePartials(folder: string, names: readonly string[], now: Date): string[] {
  return names.filter(
    (name) =>
      DAILY_PARTIAL_NAME.test(name) && now.getTime() - statSync(join(folder, name)).mtime.getTime() >= DAY_MS,
  );
}

function listDailyBackups(folder: string): DailyBackupFile[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter(isDailyBackupName)
    .map((name) => ({ name, takenAt: statSync(join(folder, name)).mtime }));
}

/**
 * Takes a daily backup now if one is due, then checks every hour while the database is open. Runs in
 * the background and only logs its failures: a backup must never keep anyone from working. Returns the
 * function that stops it; call that before closing the database.
 */
export function startDailyBackups(options: DailyBackupOptions): () => void {
  let stopped = false;
  let running = false;
  const run = (): void => {
    if (stopped || running) return;
    running = true;
    void takeDailyBackupIfDue(options)
      .then(
        (file) => {
          if (file !== null) options.logger.info('daily backup taken', { file });
        },
        (error: unknown) => {
          // Closing the database aborts a backup in progress; that is no failure worth reporting.
          if (!stopped) options.logger.error('daily backup failed', { error: describeError(error) });
        },
      )
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(run, CHECK_EVERY_MS);
  timer.unref();
  run();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
