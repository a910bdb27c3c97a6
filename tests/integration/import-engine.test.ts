import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client.ts';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../db/paths.ts';
import { pendingMutations } from '../../db/sync/outbox.ts';
import { createDb } from '../../db/sql.ts';
import { appErrorOf } from '../support/app-error.ts';
import { useTestBackends } from '../support/open-test-backend.ts';
import { useTempDirs } from '../support/temp-dir.ts';

/*
 * An import as the app runs it: a real CSV file uploaded through files.upload, inspected, checked by a
 * dry run and imported through the job methods, on a real SQLite file; then matched again, undone in one
 * step, cancelled half way, and cut short by closing the app.
 */

const tempDir = useTempDirs();
const openBackend = useTestBackends();

const HEADER = 'Company,Contact name,Email,Phone,City,Tags';
const ROWS = [
  'Altyn Foods LLP,Aigerim Bekova,aigerim@altyn.kz,+7 701 555 0101,Almaty,"vip, food"',
  'Steppe Logistics,Dmitry Orlov,dmitry@steppe.kz,+7 702 555 0202,Astana,logistics',
  // The same company again, by its contact's email: merged into the first (its new phone added), never
  // created twice.
  'Altyn Foods,Aigerim Bekova,AIGERIM@altyn.kz,+7 701 555 0199,Almaty,',
  'Bad Mail Ltd,Nurlan Sadykov,nurlan-at-badmail,+7 705 555 0303,Shymkent,',
  'Kazakh Tea House,Sara Ilyasova,sara@tea.kz,8 (707) 555-04-04,Almaty,food',
];

function writeCsv(lines: readonly string[], name = 'clients.csv'): string {
  const path = join(tempDir(), name);
  writeFileSync(path, `${[HEADER, ...lines].join('\r\n')}\r\n`);
  return path;
}

/** Uploads as the UI does, a chunk at a time (small files in tiny chunks, to cross many boundaries). */
async function upload(api: ApiClient, path: string): Promise<string> {
  const bytes = readFileSync(path);
  const chunk = bytes.length < 2000 ? 7 : 64 * 1024;
  let fileId: string | undefined;
  for (let offset = 0; offset < bytes.length; offset += chunk) {
    const part = bytes.subarray(offset, offset + chunk);
    const done = offset + chunk >= bytes.length;
    const result = await api.call('files.upload', {
      ...(fileId ? { fileId } : {}),
      name: 'clients.csv',
      offset,
      data: part.toString('base64'),
      done,
    });
    fileId = result.fileId;
    expect(result.size).toBe(offset + part.length);
  }
  if (fileId === undefined) throw new Error('nothing uploaded');
  return fileId;
}

async function openWithFile(lines: readonly string[] = ROWS) {
  const dataDir = tempDir();
  const opened = await openBackend(dataDir, { sync: false, dailyBackups: false });
  const fileId = await upload(opened.api, writeCsv(lines));
  const inspected = await opened.api.call('imports.inspect', { fileId });
  return { ...opened, dataDir, fileId, inspected };
}

const liveClients = async (api: ApiClient) => (await api.call('clients.list', { limit: 500 })).items;

describe('importing a client list', () => {
  it('detects the file and maps its columns, showing the first rows as they will be imported', async () => {
    const { inspected } = await openWithFile();
    expect(inspected.source).toMatchObject({ format: 'delimited', delimiter: ',', headerRow: 1 });
    expect(inspected.header).toEqual(HEADER.split(','));
    expect(inspected.type).toBe('clients');
    const targets = Object.fromEntries(inspected.mapping.columns.map((c) => [c.column, c.target]));
    expect(targets).toMatchObject({
      Company: 'client.name',
      'Contact name': 'contact.name',
      Email: 'contact.email',
      Phone: 'contact.phone',
      City: 'client.address.city',
      Tags: 'client.tags',
    });
    expect(inspected.preview[0]?.values).toMatchObject({ 'client.name': 'Altyn Foods LLP' });
    expect(inspected.preview[3]?.problems[0]).toMatchObject({
      row: 5,
      column: 'Email',
      code: 'invalid_email',
    });
  });

  it('dry-runs without writing, then imports with rows in = created + updated + skipped + rejected', async () => {
    const { api, dataDir, fileId, inspected } = await openWithFile();
    const settings = { fileId, mapping: inspected.mapping, onMatch: 'fill' as const };
    const changesBefore = changeCount(dataDir);
    const dry = await api.call('imports.dryRun', settings);
    expect(changeCount(dataDir)).toBe(changesBefore);
    expect(await liveClients(api)).toHaveLength(0);
    expect(dry).toMatchObject({ dryRun: true, rows: 5, created: 3, updated: 1, skipped: 0, rejected: 1 });
    expect(dry.examples.updated[0]).toMatchObject({ row: 4, by: 'email', sameFileRow: 2 });
    expect(dry.rejectedRows).toEqual([
      expect.objectContaining({ row: 5, column: 'Email', code: 'invalid_email' }),
    ]);

    const done = await api.call('imports.run', { ...settings, expectedRows: dry.rows });
    expect(done).toMatchObject({ dryRun: false, rows: 5, created: 3, updated: 1, skipped: 0, rejected: 1 });
    expect(done.rows).toBe(done.created + done.updated + done.skipped + done.rejected);
    const clients = await liveClients(api);
    expect(clients.map((c) => c.name).sort()).toEqual([
      'Altyn Foods LLP',
      'Kazakh Tea House',
      'Steppe Logistics',
    ]);
    const altyn = clients.find((c) => c.name === 'Altyn Foods LLP');
    expect(altyn).toMatchObject({ kind: 'company', address: { city: 'Almaty' } });
    expect(altyn?.tags.map((t) => t.name).sort()).toEqual(['food', 'vip']);
    const contacts = await api.call('contacts.list', { clientId: altyn?.id ?? '' });
    expect(contacts.items).toHaveLength(1);
    expect(contacts.items[0]).toMatchObject({ name: 'Aigerim Bekova', isPrimary: true });
    expect(contacts.items[0]?.phones.map((p) => p.value)).toEqual(['+7 701 555 0101', '+7 701 555 0199']);

    // Found by a fragment of the phone number, as typed anywhere in the app.
    const found = await api.call('search.query', { text: '555 04' });
    expect(found.groups.flatMap((g) => g.items).map((i) => i.title)).toContain('Sara Ilyasova');

    const [run] = (await api.call('imports.list', {})).items;
    expect(run).toMatchObject({
      fileName: 'clients.csv',
      status: 'done',
      rows: 5,
      created: 3,
      rejected: 1,
      undoable: true,
    });
  });

  it('creates nothing when the same file is imported again, and one history.undo takes the import back', async () => {
    const { api, fileId, inspected } = await openWithFile();
    const settings = { fileId, mapping: inspected.mapping };
    await api.call('imports.run', settings);
    const again = await api.call('imports.run', settings);
    expect(again).toMatchObject({ created: 0, rejected: 1, skipped: 4 });
    expect(await liveClients(api)).toHaveLength(3);

    // The second import wrote nothing; the first is taken back in one step.
    await api.call('history.undo', {});
    await api.call('history.undo', {});
    expect(await liveClients(api)).toHaveLength(0);
    expect((await api.call('contacts.list', {})).items).toHaveLength(0);
    const runs = (await api.call('imports.list', {})).items;
    expect(runs.map((r) => r.status)).toContain('undone');
  });

  it('undoes an import of a thousand rows and more: nothing of it is found, what was there still is', async () => {
    const lines = Array.from(
      { length: 1200 },
      (_, i) => `Bulk Co ${i},Person ${i},bulk${i}@bulk.kz,+7 701 900 ${String(i).padStart(4, '0')},Almaty,`,
    );
    const { api, dataDir, fileId, inspected } = await openWithFile(lines);
    await api.call('clients.create', { name: 'Typed Before', kind: 'company' });
    expect(await api.call('imports.run', { fileId, mapping: inspected.mapping })).toMatchObject({
      created: 1200,
    });
    const contacts = async (text: string) =>
      (await api.call('search.query', { text })).groups.find((group) => group.kind === 'contact')?.items ??
      [];
    expect(await contacts('7019000123')).toHaveLength(1);

    await api.call('history.undo', {});
    expect(await contacts('7019000123')).toEqual([]);
    expect(await contacts('bulk1199')).toEqual([]);
    expect((await api.call('search.query', { text: 'typed before' })).groups[0]?.items[0]?.title).toBe(
      'Typed Before',
    );
    // The index merges deleted documents away again as it did before the undo (FTS5's default).
    const deleteMerge = peek(dataDir, (db) =>
      db.prepare(`SELECT v FROM search_contact_config WHERE k = 'deletemerge'`).get(),
    );
    expect(deleteMerge).toEqual({ v: 10 });
  });

  it('takes back a past import from the list of imports', async () => {
    const { api, fileId, inspected } = await openWithFile();
    const done = await api.call('imports.run', { fileId, mapping: inspected.mapping });
    await api.call('clients.create', { name: 'Typed by hand', kind: 'company' });
    await api.call('imports.undo', { id: done.importId ?? '' });
    expect((await liveClients(api)).map((c) => c.name)).toEqual(['Typed by hand']);
    expect((await appErrorOf(api.call('imports.undo', { id: done.importId ?? '' }))).code).toBe('conflict');
  });

  it('overwrites or fills a matched client as chosen', async () => {
    const { api, fileId, inspected } = await openWithFile(ROWS.slice(0, 1));
    await api.call('imports.run', { fileId, mapping: inspected.mapping });
    const [client] = await liveClients(api);
    await api.call('clients.update', { id: client?.id ?? '', address: { city: 'Taraz' } });
    const changed = await upload(api, writeCsv([ROWS[0]?.replace('Almaty', 'Almaty city') ?? '']));
    const fill = await api.call('imports.run', {
      fileId: changed,
      mapping: inspected.mapping,
      onMatch: 'fill',
    });
    expect(fill).toMatchObject({ updated: 0, skipped: 1 });
    expect((await liveClients(api))[0]?.address).toMatchObject({ city: 'Taraz' });
    const overwrite = await api.call('imports.run', {
      fileId: changed,
      mapping: inspected.mapping,
      onMatch: 'overwrite',
    });
    expect(overwrite).toMatchObject({ updated: 1 });
    expect((await liveClients(api))[0]?.address).toMatchObject({ city: 'Almaty city' });
  });

  it('writes the rejected rows as a file with the original columns and a reason, to fix and import again', async () => {
    const { api, fileId, inspected } = await openWithFile();
    const made = await api.call('imports.rejectedFile', { fileId, mapping: inspected.mapping });
    expect(made.rows).toBe(1);
    const file = await api.call('files.download', { fileId: made.fileId });
    const text = Buffer.from(file.data, 'base64').toString('utf8');
    expect(text.startsWith('\ufeff')).toBe(true);
    const [header, row] = text.slice(1).trim().split(/\r?\n/);
    expect(header).toBe(`${HEADER},Reason`);
    expect(row).toContain('nurlan-at-badmail');
    expect(row).toMatch(/Email: .*@/);
  });

  it('refuses a file that is not a table, writing nothing', async () => {
    const dataDir = tempDir();
    const { api } = await openBackend(dataDir, { sync: false, dailyBackups: false });
    const path = join(tempDir(), 'photo.csv');
    writeFileSync(
      path,
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]),
    );
    const fileId = await upload(api, path);
    const error = await appErrorOf(api.call('imports.inspect', { fileId }));
    expect(error.code).toBe('validation');
    expect(error.details).toMatchObject({ importProblem: 'unsupported_format' });
    expect(changeCount(dataDir)).toBe(0);
  });
});

describe('a long import', () => {
  const many = Array.from(
    { length: 3000 },
    (_, i) => `Company ${i},Person ${i},p${i}@example.com,+7 701 ${String(1_000_000 + i)},Almaty,`,
  );

  it('reports progress, keeps other calls answering, and leaves nothing behind when cancelled', async () => {
    const { api, backend, dataDir, fileId, inspected } = await openWithFile(many);
    const jobId = '01900000-0000-7000-8000-00000000abcd';
    const progress: number[] = [];
    let answeredMeanwhile = false;
    const unsubscribe = backend.subscribe((event) => {
      if (event.event !== 'job.progress' || event.payload.jobId !== jobId) return;
      progress.push(event.payload.rowsDone);
      if (progress.length === 2) {
        // The app answers while the import runs, and sync holds back the half-written import.
        void api.call('clients.list', { limit: 1 }).then(() => (answeredMeanwhile = true));
        expect(peek(dataDir, (db) => pendingMutations(db, 0))).toEqual([]);
        void api.call('imports.cancel', { jobId });
      }
    });
    const report = await api.call('imports.run', {
      fileId,
      jobId,
      mapping: inspected.mapping,
      expectedRows: 3000,
    });
    unsubscribe();
    expect(report.cancelled).toBe(true);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(answeredMeanwhile).toBe(true);
    expect(await liveClients(api)).toHaveLength(0);
    expect(changeCount(dataDir)).toBe(0);
    expect((await api.call('imports.list', {})).items[0]).toMatchObject({
      status: 'cancelled',
      undoable: false,
    });
  });

  it('is taken back at the next start when the app closed in the middle of it', async () => {
    const { api, backend, dataDir, fileId, inspected } = await openWithFile(many);
    const closed = new Promise<void>((resolve) => {
      backend.subscribe((event) => {
        if (event.event === 'job.progress' && event.payload.rowsDone > 0) {
          backend.close();
          resolve();
        }
      });
    });
    const running = api.call('imports.run', { fileId, mapping: inspected.mapping });
    await closed;
    await running.catch(() => undefined);
    const reopened = await openBackend(dataDir, { sync: false, dailyBackups: false });
    expect(await liveClients(reopened.api)).toHaveLength(0);
    expect((await reopened.api.call('imports.list', {})).items[0]).toMatchObject({ status: 'failed' });
  });
});

/** A second connection to the data folder's database, as another process would open it. */
function peek<R>(dataDir: string, read: (db: ReturnType<typeof createDb>) => R): R {
  const sqlite = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return read(createDb(sqlite));
  } finally {
    sqlite.close();
  }
}

function changeCount(dataDir: string): number {
  return peek(dataDir, (db) => (db.prepare('SELECT COUNT(*) AS n FROM change_log').get() as { n: number }).n);
}

describe('a Rapport JSON export', () => {
  it('comes back whole into an empty database through the same upload, dry run and import, and goes in one undo', async () => {
    const source = await openBackend(tempDir(), { sync: false, dailyBackups: false });
    await source.api.call('app.loadDemo', {});
    const made = await source.api.call('exports.run', { type: 'all', format: 'json' });
    const downloaded = await source.api.call('files.download', {
      fileId: made.fileId,
      length: 8 * 1024 * 1024,
    });
    expect(downloaded.done).toBe(true);
    const path = join(tempDir(), made.name);
    writeFileSync(path, Buffer.from(downloaded.data, 'base64'));

    const target = await openBackend(tempDir(), { sync: false, dailyBackups: false });
    const fileId = await upload(target.api, path);
    const inspected = await target.api.call('imports.inspect', { fileId });
    expect(inspected.source.format).toBe('rapport-json');
    const dry = await target.api.call('imports.dryRun', { fileId, mapping: inspected.mapping });
    expect(dry).toMatchObject({ dryRun: true, skipped: 0, rejected: 0 });
    expect(dry.created).toBeGreaterThan(100);
    const done = await target.api.call('imports.run', { fileId, mapping: inspected.mapping });
    expect(done.created).toBe(dry.created);
    const names = async (api: ApiClient) => (await liveClients(api)).map((c) => `${c.id} ${c.name}`).sort();
    expect(await names(target.api)).toEqual(await names(source.api));
    const again = await target.api.call('imports.run', { fileId, mapping: inspected.mapping });
    expect(again).toMatchObject({ created: 0, skipped: done.created });
    await target.api.call('history.undo', {});
    await target.api.call('history.undo', {});
    expect(await liveClients(target.api)).toHaveLength(0);
  });
});
