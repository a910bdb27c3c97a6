import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../db/paths.ts';
import { migrations } from '../../db/migrations/index.ts';
import { LATEST_SCHEMA_VERSION, openDatabase } from '../../db/open-database.ts';
import { runRapport } from '../support/rapport-cli.ts';
import { addClients, clientNamesIn, integrityOf, withApp } from '../support/rapport-data.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();

/** A data folder whose database holds the given clients, made through the API. */
async function dataFolderWith(...names: string[]) {
  const root = tempDir();
  const dataDir = join(root, 'data');
  await addClients(dataDir, ...names);
  return { root, dataDir, database: join(dataDir, DATABASE_FILE) };
}

/** Every file in a folder tree with its bytes, to prove that nothing changed. */
function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      files.set(join(entry.parentPath, entry.name), readFileSync(join(entry.parentPath, entry.name)));
  }
  return files;
}

function replacedFiles(dataDir: string): string[] {
  return readdirSync(join(dataDir, 'backups')).filter((name) => name.startsWith('rapport-replaced-'));
}

describe('rapport backup', () => {
  it('writes a checked copy with every client and says where, how big and how many', async () => {
    const { root, dataDir, database } = await dataFolderWith('Acme', 'Globex');
    const out = join(root, 'new folder', 'backup.db');
    const run = runRapport('backup', '--data-dir', dataDir, '--out', out);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const [first, second, third, end] = run.stdout.split('\n');
    expect([first, second, end]).toEqual([`Backed up ${database}`, `to ${out}`, '']);
    expect(third).toMatch(/^\d+\.\d KiB, schema \d+, 2 clients; integrity check ok\.$/);
    expect(integrityOf(out)).toBe('ok');
    expect(clientNamesIn(out)).toEqual(['Acme', 'Globex']);
    expect(readdirSync(dirname(out))).toEqual(['backup.db']);
  });

  it('copies only committed data, while the app has the database open and a write is under way', async () => {
    const { root, dataDir, database } = await dataFolderWith('Acme');
    const out = join(root, 'live.db');
    await withApp(dataDir, async (api) => {
      await api.call('clients.create', { name: 'Globex', kind: 'company' });
      const writer = new BetterSqlite3(database);
      try {
        writer.exec('BEGIN IMMEDIATE');
        writer.prepare('UPDATE client SET name = ?').run('Not committed');
        expect(runRapport('backup', '--data-dir', dataDir, '--out', out).code).toBe(0);
      } finally {
        writer.exec('ROLLBACK');
        writer.close();
      }
    });
    expect(integrityOf(out)).toBe('ok');
    expect(clientNamesIn(out)).toEqual(['Acme', 'Globex']);
  });

  it('refuses to replace an existing file unless --force is given', async () => {
    const { root, dataDir } = await dataFolderWith('Acme');
    const out = join(root, 'precious.db');
    writeFileSync(out, 'keep me');
    const refused = runRapport('backup', '--data-dir', dataDir, '--out', out);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toBe(
      `rapport backup: ${out} already exists. Choose another --out file, or add --force to replace it.\n`,
    );
    expect(readFileSync(out, 'utf8')).toBe('keep me');

    expect(runRapport('backup', '--data-dir', dataDir, '--out', out, '--force').code).toBe(0);
    expect(clientNamesIn(out)).toEqual(['Acme']);
  });

  it('exits 1 when the data folder or its database does not exist', () => {
    const root = tempDir();
    const out = join(root, 'backup.db');
    const noFolder = runRapport('backup', '--data-dir', join(root, 'nowhere'), '--out', out);
    expect(noFolder.code).toBe(1);
    expect(noFolder.stderr).toContain(`There is no folder ${join(root, 'nowhere')}.`);
    const noDatabase = runRapport('backup', '--data-dir', root, '--out', out);
    expect(noDatabase.code).toBe(1);
    expect(noDatabase.stderr).toContain(`${root} holds no Rapport database (no rapport.db)`);
    expect(readdirSync(root)).toEqual([]);
  });

  it('exits 2 without --out or with an unknown flag', () => {
    const missing = runRapport('backup', '--data-dir', tempDir());
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--out FILE is required');
    expect(missing.stderr).toContain("Run 'rapport backup --help'");
    expect(runRapport('backup', '--out', 'x.db', '--overwrite').code).toBe(2);
  });
});

describe('rapport restore', () => {
  it('brings back exactly what the backup held and keeps the replaced database in backups/', async () => {
    const { root, dataDir, database } = await dataFolderWith('Acme');
    const backup = join(root, 'acme.db');
    expect(runRapport('backup', '--data-dir', dataDir, '--out', backup).code).toBe(0);
    await addClients(dataDir, 'Bravo');

    const run = runRapport('restore', '--data-dir', dataDir, backup);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const [kept, ...others] = replacedFiles(dataDir);
    expect(others).toEqual([]);
    const keptFile = join(dataDir, 'backups', kept ?? '');
    expect(run.stdout).toMatch(/^Checked .*acme\.db: .*schema \d+, 1 client; integrity check ok\.\n/);
    expect(run.stdout).toContain(`Kept the replaced database as ${keptFile}\nRestored it as ${database}\n`);
    expect(clientNamesIn(database)).toEqual(['Acme']);
    expect(clientNamesIn(keptFile)).toEqual(['Acme', 'Bravo']);
    expect(integrityOf(keptFile)).toBe('ok');
    expect(readdirSync(dataDir).sort()).toEqual(['backups', DATABASE_FILE]);

    await addClients(dataDir, 'Charlie');
    expect(clientNamesIn(database)).toEqual(['Acme', 'Charlie']);
  });

  it.each([
    ['a missing file', (file: string) => rmSync(file), /does not exist/],
    ['a file that is not a database', writeSpreadsheet, /is not a SQLite database/],
    ['a database with damaged pages', damagePages, /is damaged: SQLite cannot read it/],
    [
      'a database failing the integrity check',
      breakIndex,
      /integrity check found problems \(.*missing from index/,
    ],
    [
      'the SQLite database of another application',
      writeRecipes,
      /is a SQLite database, but not one of Rapport/,
    ],
    [
      'a database of a newer Rapport',
      (file: string) => setSchemaVersion(file, LATEST_SCHEMA_VERSION + 1),
      new RegExp(
        `newer version of Rapport \\(schema ${LATEST_SCHEMA_VERSION + 1}; this version knows up to ${LATEST_SCHEMA_VERSION}\\)`,
      ),
    ],
  ])('refuses %s and changes nothing', async (_label, make, message) => {
    const { root, dataDir } = await dataFolderWith('Acme');
    const file = join(root, 'candidate.db');
    runRapportBackupTo(dataDir, file);
    make(file);
    const before = snapshot(dataDir);

    const run = runRapport('restore', '--data-dir', dataDir, file);
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/Nothing was changed\.\n$/);
    expect(snapshot(dataDir)).toEqual(before);
  });

  it('refuses while Rapport has the database open, and says to close it', async () => {
    const { root, dataDir, database } = await dataFolderWith('Acme');
    const backup = join(root, 'acme.db');
    runRapportBackupTo(dataDir, backup);
    await withApp(dataDir, async (api) => {
      await api.call('clients.create', { name: 'Bravo', kind: 'company' });
      const run = runRapport('restore', '--data-dir', dataDir, backup);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`Rapport is using ${database} right now`);
      expect(run.stderr).toContain('Close Rapport first, then run the restore again. Nothing was changed.');
    });
    expect(clientNamesIn(database)).toEqual(['Acme', 'Bravo']);
    expect(replacedFiles(dataDir)).toEqual([]);
  });

  it('moves a database too damaged to open aside, whole, and restores over it', async () => {
    const { root, dataDir, database } = await dataFolderWith('Acme');
    const backup = join(root, 'acme.db');
    runRapportBackupTo(dataDir, backup);
    const garbage = writeSpreadsheet(database);

    const run = runRapport('restore', '--data-dir', dataDir, backup);
    expect(run.code).toBe(0);
    const [kept] = replacedFiles(dataDir);
    const keptFile = join(dataDir, 'backups', kept ?? '');
    expect(run.stdout).toContain(`Moved the replaced database, which could not be opened, to ${keptFile}\n`);
    expect(readFileSync(keptFile)).toEqual(garbage);
    expect(clientNamesIn(database)).toEqual(['Acme']);
  });

  it('is the way back from a database of a newer Rapport, which the app refuses to open', async () => {
    const { root, dataDir, database } = await dataFolderWith('Acme');
    const backup = join(root, 'acme.db');
    runRapportBackupTo(dataDir, backup);
    await addClients(dataDir, 'Bravo');
    setSchemaVersion(database, LATEST_SCHEMA_VERSION + 1);
    await expect(addClients(dataDir, 'Charlie')).rejects.toThrow(/newer version of Rapport/);

    expect(runRapport('restore', '--data-dir', dataDir, backup).code).toBe(0);
    const [kept] = replacedFiles(dataDir);
    expect(clientNamesIn(join(dataDir, 'backups', kept ?? ''))).toEqual(['Acme', 'Bravo']);
    await addClients(dataDir, 'Charlie');
    expect(clientNamesIn(database)).toEqual(['Acme', 'Charlie']);
  });

  it('restores a backup of an older schema, which the app upgrades after its own backup', async () => {
    const root = tempDir();
    const older = join(root, 'older.db');
    const opened = await openDatabase({
      file: older,
      backupDir: join(root, 'unused'),
      migrations: migrations.slice(0, LATEST_SCHEMA_VERSION - 1),
    });
    opened.sqlite.close();
    const dataDir = join(root, 'fresh data folder');

    const run = runRapport('restore', '--data-dir', dataDir, older);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('There was no database to replace.\n');
    expect(run.stdout).toContain(
      `Rapport will upgrade it from schema ${LATEST_SCHEMA_VERSION - 1} to ${LATEST_SCHEMA_VERSION} when it next opens it`,
    );
    await addClients(dataDir, 'Acme');
    expect(readdirSync(join(dataDir, 'backups')).some((name) => name.startsWith('rapport-before-v'))).toBe(
      true,
    );
  });

  it('exits 2 without a FILE or with two', () => {
    const none = runRapport('restore', '--data-dir', tempDir());
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('give the backup FILE to restore');
    expect(runRapport('restore', 'a.db', 'b.db').code).toBe(2);
  });
});

function runRapportBackupTo(dataDir: string, file: string): void {
  const run = runRapport('backup', '--data-dir', dataDir, '--out', file);
  if (run.code !== 0) throw new Error(`backup failed: ${run.stderr}`);
}

function writeSpreadsheet(file: string): Buffer {
  const garbage = Buffer.from('name;kind\nAcme;company\n'.repeat(300));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, garbage);
  return garbage;
}

/** Keeps SQLite's header but overwrites every page after it. */
function damagePages(file: string): void {
  const bytes = readFileSync(file);
  bytes.fill(0xff, 100);
  writeFileSync(file, bytes);
}

/** A readable database whose index disagrees with its table: only integrity_check notices. */
function breakIndex(file: string): void {
  const sqlite = new BetterSqlite3(file);
  sqlite.exec(`
    CREATE TABLE test_only (a INTEGER, b INTEGER);
    CREATE INDEX test_only_by_a ON test_only (a);
    INSERT INTO test_only VALUES (1, 2), (3, 4);
  `);
  sqlite.unsafeMode(true);
  sqlite.pragma('writable_schema = ON');
  sqlite
    .prepare("UPDATE sqlite_schema SET sql = 'CREATE INDEX test_only_by_a ON test_only (b)' WHERE name = ?")
    .run('test_only_by_a');
  sqlite.close();
}

function writeRecipes(file: string): void {
  rmSync(file);
  const sqlite = new BetterSqlite3(file);
  sqlite.exec("CREATE TABLE recipe (title TEXT); INSERT INTO recipe VALUES ('Borscht')");
  sqlite.close();
}

function setSchemaVersion(file: string, version: number): void {
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma(`user_version = ${version}`);
  sqlite.close();
}
