import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/api/errors.ts';
import { exportData } from '../../db/export/export-data.ts';
import { importRapportJson } from '../../db/export/import-rapport-json.ts';
import { jsonTableOrder } from '../../db/export/rapport-json-format.ts';
import { detectSource } from '../../db/import/detect.ts';
import type { Db } from '../../db/sql.ts';
import { deviceWriter, useDataDbs } from '../support/data-db.ts';
import { withApp } from '../support/rapport-data.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const openDb = useDataDbs();

/**
 * The sync bookkeeping of a row, which differs by design after an import: `hlc` and `field_clocks` are the
 * clocks of the importing laptop's writes (SYNC.md), not of the edits that made the values.
 */
const SYNC_BOOKKEEPING = ['hlc', 'field_clocks'];

/** Every row of a table, every column but the sync bookkeeping, in key order. */
function rowsOf(db: Db, table: string): Record<string, unknown>[] {
  const order = table === 'client_revenue' ? 'client_id, currency' : 'id';
  const rows = db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all() as Record<string, unknown>[];
  return rows.map((row) =>
    Object.fromEntries(Object.entries(row).filter(([column]) => !SYNC_BOOKKEEPING.includes(column))),
  );
}

/** The demo company, with a deleted contact, a merged duplicate and an untagged client, exported whole. */
async function exportedDemo(): Promise<{ source: string; file: string }> {
  const source = tempDir();
  await withApp(source, async (api) => {
    await api.call('app.loadDemo', {});
    const contacts = await api.call('contacts.list', { limit: 1 });
    const contact = contacts.items[0];
    if (contact) await api.call('contacts.delete', { id: contact.id });
    const clients = await api.call('clients.list', { limit: 3 });
    const [kept, duplicate] = clients.items;
    if (kept && duplicate) await api.call('clients.merge', { id: duplicate.id, intoId: kept.id });
  });
  const file = join(tempDir(), 'rapport.json');
  await exportData({ db: openDb(source), what: { type: 'all' }, format: 'json', language: 'en', out: file });
  return { source, file };
}

/** A new, empty data folder, as the app leaves it after its first start. */
async function emptyFolder(): Promise<string> {
  const dataDir = tempDir();
  await withApp(dataDir, () => Promise.resolve());
  return dataDir;
}

async function refusalOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the import to be refused');
}

describe('a full export imported into an empty database', () => {
  it('gives back every record of every table, field by field, deleted and merged ones included', async () => {
    const { source, file } = await exportedDemo();
    expect(await detectSource(file)).toMatchObject({ format: 'rapport-json' });
    const target = await emptyFolder();
    const db = openDb(target);
    const writer = deviceWriter(db);
    const result = await importRapportJson({ db, writer, path: file, batchSize: 100 });
    const before = openDb(source);
    for (const table of [...jsonTableOrder, 'client_revenue']) {
      const expected = rowsOf(before, table);
      expect(rowsOf(db, table), table).toEqual(expected);
      if (table !== 'client_revenue')
        expect(result.created[table as keyof typeof result.created] ?? 0, table).toBe(expected.length);
    }
    expect(rowsOf(before, 'contact').some((row) => row.deleted_at !== null)).toBe(true);
    expect(rowsOf(before, 'client').some((row) => row.merged_into !== null)).toBe(true);
    expect(result.historyEntries).toBe(
      (before.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n,
    );
    // The search index is built again from the records: the same documents, so the same finds.
    for (const index of ['search_client', 'search_contact', 'search_interaction']) {
      const documents = (d: Db) => d.prepare(`SELECT rowid FROM ${index} ORDER BY rowid`).all();
      expect(documents(db), index).toEqual(documents(before));
      expect(documents(db).length, index).toBeGreaterThan(0);
    }
    const name =
      String(rowsOf(before, 'client').find((row) => row.deleted_at === null)?.name).split(' ')[0] ?? '';
    const found = (d: Db) =>
      d.prepare('SELECT rowid FROM search_client WHERE search_client MATCH ?').all(`"${name}"*`);
    expect(found(db)).toEqual(found(before));
    expect(found(db).length).toBeGreaterThan(0);
  });

  it('is one step to take back: history.undo removes the whole import', async () => {
    const { file } = await exportedDemo();
    const target = await emptyFolder();
    const db = openDb(target);
    await importRapportJson({ db, writer: deviceWriter(db), path: file });
    const txns = db.prepare('SELECT count(DISTINCT txn_id) AS n FROM change_log').get();
    expect(txns).toEqual({ n: 1 });
    await withApp(target, async (api) => {
      expect((await api.call('clients.list', { limit: 5 })).items.length).toBeGreaterThan(0);
      await api.call('history.undo', {});
      expect((await api.call('clients.list', { limit: 5 })).items).toEqual([]);
      expect((await api.call('contacts.list', { limit: 5 })).items).toEqual([]);
    });
  });

  it('adds nothing the second time the same file is imported', async () => {
    const { file } = await exportedDemo();
    const target = await emptyFolder();
    const db = openDb(target);
    const first = await importRapportJson({ db, writer: deviceWriter(db), path: file });
    const again = await importRapportJson({ db, writer: deviceWriter(db), path: file });
    expect(again.created).toEqual({});
    expect(again.skipped).toEqual(first.created);
  });

  it('refuses a file with a broken record whole, naming its line and field', async () => {
    const { file } = await exportedDemo();
    const lines = readFileSync(file, 'utf8').split('\n');
    const vip = lines.findIndex((line) => line.includes('"vip":'));
    const email = lines.findIndex((line) => /"emails":\[\{"label":[^,]*,"value":"/.test(line));
    lines[vip] = (lines[vip] ?? '').replace(/"vip":(true|false)/, '"vip":"yes"');
    lines[email] = (lines[email] ?? '').replace(/"value":"[^"]*@/, '"value":"no-at-sign');
    const broken = join(tempDir(), 'broken.json');
    writeFileSync(broken, lines.join('\n'));
    const target = await emptyFolder();
    const db = openDb(target);
    const error = await refusalOf(importRapportJson({ db, writer: deviceWriter(db), path: broken }));
    expect(error.code).toBe('validation');
    expect(error.details).toMatchObject({ importProblem: 'invalid_records', problemCount: 2 });
    const problems = (error.details?.problems ?? []) as Record<string, unknown>[];
    expect(problems.map(({ line, table, field, rule }) => ({ line, table, field, rule }))).toEqual([
      { line: vip + 1, table: 'client', field: 'vip', rule: 'invalid_type' },
      { line: email + 1, table: 'contact', field: 'emails', rule: 'email' },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM client').get()).toEqual({ n: 0 });
  });

  it('refuses what is not a whole Rapport export: reformatted, cut off, or from a newer Rapport', async () => {
    const { file } = await exportedDemo();
    const text = readFileSync(file, 'utf8');
    const target = await emptyFolder();
    const db = openDb(target);
    const variants = {
      reformatted: JSON.stringify(JSON.parse(text), null, 2),
      'cut off': text.slice(0, Math.floor(text.length / 2)).replace(/\n[^\n]*$/, '\n'),
      newer: text.replace('"schemaVersion":', '"schemaVersion":99,"was":'),
    };
    for (const [name, content] of Object.entries(variants)) {
      const path = join(tempDir(), `${name}.json`);
      writeFileSync(path, content);
      const error = await refusalOf(importRapportJson({ db, writer: deviceWriter(db), path }));
      expect(error.details, name).toMatchObject({ importProblem: 'invalid_rapport_json' });
    }
    expect(db.prepare('SELECT count(*) AS n FROM change_log').get()).toEqual({ n: 0 });
  });

  it('leaves nothing behind when cancelled part way', async () => {
    const { file } = await exportedDemo();
    const target = await emptyFolder();
    const db = openDb(target);
    const cancel = new AbortController();
    let written = 0;
    const imported = importRapportJson({
      db,
      writer: deviceWriter(db),
      path: file,
      batchSize: 50,
      signal: cancel.signal,
      onProgress: (done) => {
        written = done;
        if (done >= 200) cancel.abort();
      },
    });
    await expect(imported).rejects.toMatchObject({ name: 'AbortError' });
    expect(written).toBe(200);
    for (const table of [
      ...jsonTableOrder,
      'client_revenue',
      'change_log',
      'search_client',
      'search_contact',
    ]) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
    }
  });
});
