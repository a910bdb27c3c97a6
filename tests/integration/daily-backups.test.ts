import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DAILY_BACKUPS_KEPT,
  dailyBackupFolder,
  dailyBackupName,
  dailyBackupsToDelete,
  isDailyBackupDue,
  isDailyBackupName,
  takeDailyBackupIfDue,
} from '../../db/backup-rotation.ts';
import { backupDatabase } from '../../db/backup.ts';
import { openDatabase } from '../../db/open-database.ts';
import { useTestBackends } from '../support/open-test-backend.ts';
import { clientNamesIn, integrityOf } from '../support/rapport-data.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const openTestBackend = useTestBackends();

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const start = new Date('2026-03-01T09:00:00.000Z');

function at(ms: number): Date {
  return new Date(start.getTime() + ms);
}

/** Waits until `check` holds, or fails after a few seconds. */
async function eventually(check: () => boolean): Promise<void> {
  for (let waited = 0; !check(); waited += 20) {
    if (waited > 5_000) throw new Error('gave up waiting');
    await new Promise((done) => setTimeout(done, 20));
  }
}

describe('when a daily backup is due', () => {
  it('is due with no backup, and again 24 hours after the last one', () => {
    const last = { name: dailyBackupName(start), takenAt: start };
    expect(isDailyBackupDue([], start)).toBe(true);
    expect(isDailyBackupDue([last], at(DAY - 1))).toBe(false);
    expect(isDailyBackupDue([last], at(DAY))).toBe(true);
  });

  it('does not wait for a backup stamped in the future by a clock that was wrong', () => {
    expect(isDailyBackupDue([{ name: 'rapport-daily-20300101.db', takenAt: at(300 * DAY) }], start)).toBe(
      true,
    );
  });

  it('names backups by their UTC date and deletes only the oldest of them', () => {
    expect(dailyBackupName(new Date('2026-12-31T23:30:00.000Z'))).toBe('rapport-daily-20261231.db');
    expect(isDailyBackupName('rapport-daily-20261231.db')).toBe(true);
    expect(isDailyBackupName('rapport-daily-20261231.db.bak')).toBe(false);
    const names = [
      'rapport-daily-20260103.db',
      'notes.txt',
      'rapport-daily-20260101.db',
      'rapport-daily-20260102.db',
    ];
    expect(dailyBackupsToDelete(names, 2)).toEqual(['rapport-daily-20260101.db']);
  });
});

describe('rotating daily backups', () => {
  it('over ten days keeps the newest seven, never two within 24 hours, and leaves other files alone', async () => {
    const dir = tempDir();
    const backups = join(dir, 'backups');
    const folder = dailyBackupFolder(dir);
    const { sqlite } = await openDatabase({ file: join(dir, 'rapport.db'), backupDir: backups });
    const unrelated = [
      join(folder, 'notes.txt'),
      join(folder, 'rapport-daily-latest.db'),
      join(folder, 'rapport-daily-20200101.db.bak'),
      join(backups, 'rapport-before-v1-to-v2-20200101T000000Z.db'),
      join(backups, 'rapport-replaced-20200101T000000Z.db'),
    ];
    mkdirSync(folder, { recursive: true });
    for (const file of unrelated) writeFileSync(file, 'not a daily backup');
    // Left by a crash: named as older versions and as this one name their partial copies.
    const leftByCrashes = [
      join(folder, 'rapport-daily-20260227.db.4242.partial'),
      join(folder, 'rapport-daily-20260227.db.4242-3.partial'),
    ];
    for (const leftOver of leftByCrashes) {
      writeFileSync(leftOver, 'half a backup');
      utimesSync(leftOver, at(-2 * DAY), at(-2 * DAY));
    }
    try {
      for (let day = 0; day < 10; day += 1) {
        const morning = at(day * DAY);
        const taken = await takeDailyBackupIfDue({ sqlite, folder, now: () => morning });
        expect(taken).toBe(join(folder, dailyBackupName(morning)));
        expect(await takeDailyBackupIfDue({ sqlite, folder, now: () => at(day * DAY + DAY - 1) })).toBeNull();
      }
    } finally {
      sqlite.close();
    }
    const kept = readdirSync(folder).filter(isDailyBackupName).sort();
    expect(kept).toHaveLength(DAILY_BACKUPS_KEPT);
    expect(kept).toEqual([3, 4, 5, 6, 7, 8, 9].map((day) => dailyBackupName(at(day * DAY))));
    for (const file of unrelated) expect(existsSync(file)).toBe(true);
    for (const leftOver of leftByCrashes) expect(existsSync(leftOver)).toBe(false);
    expect(integrityOf(join(folder, kept.at(-1) ?? ''))).toBe('ok');
  });

  it('is taken in the background when the app opens, and again when it opens a day later', async () => {
    const dir = tempDir();
    const firstDay = join(dailyBackupFolder(dir), dailyBackupName(at(0)));
    const first = await openTestBackend(dir, { now: () => at(0) });
    await eventually(() => existsSync(firstDay));
    await first.api.call('clients.create', { name: 'Acme', kind: 'company' });
    first.backend.close();

    const nextDay = join(dailyBackupFolder(dir), dailyBackupName(at(DAY)));
    await openTestBackend(dir, { now: () => at(DAY) });
    await eventually(() => existsSync(nextDay));
    expect(clientNamesIn(firstDay)).toEqual([]);
    expect(clientNamesIn(nextDay)).toEqual(['Acme']);
    expect(integrityOf(nextDay)).toBe('ok');
  });

  it('and a backup to the same file begun meanwhile both finish, leaving one sound copy', async () => {
    // The app takes its daily backup in the background right after opening, while someone runs
    // `rapport backup --out` to the same file: each copy has its own partial file.
    const dir = tempDir();
    const { sqlite } = await openDatabase({ file: join(dir, 'rapport.db'), backupDir: join(dir, 'backups') });
    const folder = dailyBackupFolder(dir);
    try {
      sqlite.exec('CREATE TABLE filler (x TEXT)');
      const insert = sqlite.prepare('INSERT INTO filler VALUES (?)');
      for (let n = 0; n < 2000; n += 1) insert.run('x'.repeat(500));
      const daily = join(folder, dailyBackupName(at(0)));
      const [taken, copied] = await Promise.all([
        takeDailyBackupIfDue({ sqlite, folder, now: () => at(0) }),
        backupDatabase(sqlite, daily, { pagesPerStep: 10 }),
      ]);
      expect([taken, copied]).toEqual([daily, daily]);
      expect(integrityOf(daily)).toBe('ok');
      expect(readdirSync(folder)).toEqual([dailyBackupName(at(0))]);
    } finally {
      sqlite.close();
    }
  });

  it('logs a failed backup and lets the app open and work all the same', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'backups'));
    writeFileSync(dailyBackupFolder(dir), 'a file where the folder of daily backups belongs');
    const { api, logged } = await openTestBackend(dir);
    await eventually(() => logged.some((entry) => entry.level === 'error'));
    expect(logged).toContainEqual({ level: 'error', message: 'daily backup failed' });
    const client = await api.call('clients.create', { name: 'Acme', kind: 'company' });
    expect(client.name).toBe('Acme');
  });
});
