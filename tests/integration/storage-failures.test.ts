import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dailyBackupFolder, dailyBackupName } from '../../db/backup-rotation.ts';
import { backupToFile } from '../../db/backup-to-file.ts';
import { DATABASE_FILE } from '../../db/paths.ts';
import type { AppError } from '../../shared/api/errors.ts';
import { describeStorageProblem, storageProblemOf } from '../../shared/api/storage-problem.ts';
import { catalogs } from '../../shared/i18n/index.ts';
import { appErrorOf } from '../support/app-error.ts';
import { useTestBackends } from '../support/open-test-backend.ts';
import { runRapportWith } from '../support/rapport-cli.ts';
import { addClients, clientNamesIn, integrityOf } from '../support/rapport-data.ts';
import { useStorageFaults } from '../support/storage-faults.ts';
import { useTempDirs } from '../support/temp-dir.ts';

/*
 * Each way the disk, the file or the folder of the database can fail the app, made for real (see
 * tests/support/storage-faults.ts), through the backend the app opens and through the `rapport` command:
 * the error's code, its words in English and in another language, and that nothing was lost.
 */

const tempDir = useTempDirs();
const faults = useStorageFaults();
const openBackend = useTestBackends();

/** The error's own message is English; the app and the CLI say it in the user's language from its details. */
function inLanguage(error: AppError, language: 'ru' | 'kk'): string {
  const details = storageProblemOf(error);
  if (details === undefined) throw new Error(`not a storage error: ${error.code} ${error.message}`);
  return describeStorageProblem(details, catalogs[language]);
}

/** A data folder whose database holds `names`, made through the API; closed again. */
async function dataFolderWith(root: string, ...names: string[]) {
  const dataDir = join(root, 'data');
  await addClients(dataDir, ...names);
  return { dataDir, database: join(dataDir, DATABASE_FILE) };
}

/** Every file under `dir` with its bytes. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile()) files[path] = readFileSync(path).toString('base64');
  }
  return files;
}

describe('an empty rapport.db where a database was before', () => {
  async function emptiedDatabaseWithBackup() {
    const { dataDir, database } = await dataFolderWith(tempDir(), 'Acme', 'Globex');
    // The backup the app takes every day, in the place it takes it.
    const daily = join(dailyBackupFolder(dataDir), dailyBackupName(new Date()));
    await backupToFile({ dataDir, out: daily, force: false });
    truncateSync(database, 0);
    return { dataDir, database, daily };
  }

  it('is refused, not replaced by a new database, and the newest backup is offered', async () => {
    const { dataDir, database, daily } = await emptiedDatabaseWithBackup();
    const before = snapshot(dataDir);
    const error = await appErrorOf(openBackend(dataDir));
    expect(error.code).toBe('unavailable');
    expect(error.details).toMatchObject({ storage: 'empty_database', when: 'opening', newestBackup: daily });
    expect(error.message).toContain(`${database} is empty (0 bytes)`);
    expect(error.message).toContain(`rapport restore --data-dir "${dataDir}" "${daily}"`);
    expect(inLanguage(error, 'kk')).toContain('бос (0 байт)');
    expect(inLanguage(error, 'ru')).toContain('Восстановите самую свежую резервную копию');
    expect(snapshot(dataDir)).toEqual(before);
    expect(statSync(database).size).toBe(0);
  });

  it('is refused by the CLI in the user’s language, and restoring the offered backup brings the data back', async () => {
    const { dataDir, database, daily } = await emptiedDatabaseWithBackup();
    const run = runRapportWith({ LANG: 'ru_RU.UTF-8' }, 'seed', '--demo', '--data-dir', dataDir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('пуст (0 байт)');
    expect(run.stderr).toContain(`rapport restore --data-dir "${dataDir}" "${daily}"`);
    expect(run.stderr).toContain('[unavailable]');
    expect(statSync(database).size).toBe(0);
    const restore = runRapportWith({}, 'restore', '--data-dir', dataDir, daily);
    expect(restore.code, restore.stderr).toBe(0);
    expect(clientNamesIn(database)).toEqual(['Acme', 'Globex']);
  });

  it('is still a new database when the folder has no history', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, DATABASE_FILE), '');
    const { api } = await openBackend(dataDir, { dailyBackups: false });
    await api.call('clients.create', { name: 'First', kind: 'company' });
    expect((await api.call('clients.list', {})).items.map((c) => c.name)).toEqual(['First']);
  });
});

describe('a read-only database file', () => {
  it('is refused with what to do, and nothing is changed', async () => {
    const { dataDir, database } = await dataFolderWith(tempDir(), 'Acme');
    const before = snapshot(dataDir);
    faults.makeImmutable(database);
    const error = await appErrorOf(openBackend(dataDir));
    expect(error.code).toBe('read_only');
    expect(error.details).toMatchObject({ storage: 'read_only_file', when: 'opening', file: database });
    expect(error.message).toContain(`Rapport can read ${database} but cannot write to it`);
    expect(error.message).toContain('permission to write');
    expect(inLanguage(error, 'ru')).toContain('доступен только для чтения');

    const run = runRapportWith({ LANG: 'kk_KZ.UTF-8' }, 'seed', '--demo', '--data-dir', dataDir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('тек оқуға арналған');
    expect(run.stderr).toContain('[read_only]');
    expect(snapshot(dataDir)).toEqual(before);
    expect(integrityOf(database)).toBe('ok');
    expect(clientNamesIn(database)).toEqual(['Acme']);
  });
});

describe('a folder where the database file should be', () => {
  it('is refused without touching the folder', async () => {
    const dataDir = tempDir();
    const database = join(dataDir, DATABASE_FILE);
    mkdirSync(database);
    writeFileSync(join(database, 'notes.txt'), 'mine');
    const error = await appErrorOf(openBackend(dataDir));
    expect(error.code).toBe('unavailable');
    expect(error.details).toMatchObject({ storage: 'not_a_file', when: 'opening', file: database });
    expect(error.message).toContain(`${database} is a folder`);
    expect(inLanguage(error, 'kk')).toContain('қалта');

    const run = runRapportWith({ RAPPORT_LANG: 'ru' }, 'seed', '--demo', '--data-dir', dataDir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('это папка');
    expect(run.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    expect(readdirSync(database)).toEqual(['notes.txt']);
    expect(readFileSync(join(database, 'notes.txt'), 'utf8')).toBe('mine');
  });
});

describe('a read-only data folder', () => {
  it('with a database in it is refused with what to do, and nothing is changed', async () => {
    const { dataDir, database } = await dataFolderWith(tempDir(), 'Acme', 'Globex');
    const before = snapshot(dataDir);
    const writableAgain = faults.mountReadOnly(dataDir);
    const error = await appErrorOf(openBackend(dataDir));
    expect(error.code).toBe('read_only');
    expect(error.details).toMatchObject({ storage: 'read_only_folder', when: 'opening', dataDir });
    expect(error.message).toContain(`Rapport cannot write in its data folder ${dataDir}`);
    expect(inLanguage(error, 'ru')).toContain('папка доступна только для чтения');

    const run = runRapportWith({ LANG: 'ru_RU.UTF-8' }, 'seed', '--demo', '--data-dir', dataDir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('папка доступна только для чтения');
    expect(run.stderr).toContain('[read_only]');
    expect(snapshot(dataDir)).toEqual(before);
    writableAgain();
    expect(clientNamesIn(database)).toEqual(['Acme', 'Globex']);
  });

  it('that does not exist yet, inside a read-only folder, is refused the same way', async () => {
    const parent = tempDir();
    faults.mountReadOnly(parent);
    const dataDir = join(parent, 'Rapport');
    const error = await appErrorOf(openBackend(dataDir));
    expect(error.code).toBe('read_only');
    expect(error.details).toMatchObject({ storage: 'read_only_folder', dataDir });
    expect(inLanguage(error, 'kk')).toContain('қалта тек оқуға арналған');
    expect(existsSync(dataDir)).toBe(false);
  });
});

describe('a full disk', () => {
  it('refuses the write that does not fit with disk_full, keeps the app running and loses nothing', async () => {
    const dataDir = faults.smallDisk(6 * 1024);
    const { api, backend } = await openBackend(dataDir, { dailyBackups: false });
    const saved: string[] = [];
    await api.call('clients.create', { name: 'Before the disk filled', kind: 'company' });
    saved.push('Before the disk filled');
    const filler = faults.fillDisk(dataDir);
    const notes = 'A long visit report. '.repeat(90);
    let refused: { code: string; message: string; details?: unknown } | undefined;
    for (let n = 1; n <= 2000 && refused === undefined; n += 1) {
      const name = `Client ${String(n).padStart(4, '0')}`;
      const answer = await backend.dispatch('clients.create', { name, kind: 'company', notes });
      if (answer.ok) saved.push(name);
      else refused = answer.error;
    }
    expect(refused?.code).toBe('disk_full');
    expect(refused?.details).toMatchObject({ storage: 'disk_full', when: 'writing', dataDir });
    expect(refused?.message).toContain('The disk is full, so this change was not saved');
    expect(inLanguage(refused as AppError, 'ru')).toContain('Диск заполнен');
    // Still running: it reads, and once there is space again, it writes.
    const listed = await api.call('clients.list', { limit: 500 });
    expect(listed.items.map((c) => c.name).sort()).toEqual([...saved].sort());
    rmSync(filler);
    await api.call('clients.create', { name: 'After space was freed', kind: 'company' });
    saved.push('After space was freed');
    backend.close();
    const database = join(dataDir, DATABASE_FILE);
    expect(integrityOf(database)).toBe('ok');
    expect(clientNamesIn(database)).toEqual([...saved].sort());
  });

  it('stops a restore on the command line before anything is replaced', async () => {
    const root = tempDir();
    const bigger = await dataFolderWith(root, ...Array.from({ length: 300 }, (_, i) => `Backup client ${i}`));
    const backup = join(root, 'backup.db');
    await backupToFile({ dataDir: bigger.dataDir, out: backup, force: false });
    const dataDir = faults.smallDisk(4 * 1024);
    await addClients(dataDir, 'Acme', 'Globex');
    const database = join(dataDir, DATABASE_FILE);
    const filler = faults.fillDisk(dataDir);
    const before = snapshot(dataDir);
    const run = runRapportWith({ LANG: 'kk_KZ.UTF-8' }, 'restore', '--data-dir', dataDir, backup);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Диск толып қалды');
    expect(run.stderr).toContain('[disk_full]');
    expect(snapshot(dataDir)).toEqual(before);
    rmSync(filler);
    expect(integrityOf(database)).toBe('ok');
    expect(clientNamesIn(database)).toEqual(['Acme', 'Globex']);
  });
});
