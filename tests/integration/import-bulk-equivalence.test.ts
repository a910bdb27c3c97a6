import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client.ts';
import type { LocalBackend } from '../../db/backend.ts';
import { DATABASE_FILE } from '../../db/paths.ts';
import { fieldEntriesOf } from '../../db/records/creation-entry.ts';
import { syncedTables } from '../../db/records/synced-tables.ts';
import { searchKinds } from '../../db/search/search-kinds.ts';
import { fixture, fixtureNames } from '../support/import-fixtures.ts';
import { useTestBackends } from '../support/open-test-backend.ts';
import { useTempDirs } from '../support/temp-dir.ts';

/*
 * New clients of an import are written many at once (db/transfer/row-batch.ts), every other row through
 * the handlers one by one. Both ways must leave the same database: the same rows, change log, search
 * index and rollups, so history, undo, sync and search cannot tell them apart. Each test runs one script
 * twice on a clock that stands still, the second time with every row through the handlers (`perRow`),
 * and compares the two databases table by table. Ids and clocks, random by nature, are compared by the
 * order the change log first names them; each database's clocks are checked on their own.
 */

const tempDir = useTempDirs();
const openBackend = useTestBackends();
const NOW = new Date('2026-03-02T09:00:00.000Z');

type Script = (run: { api: ApiClient; backend: LocalBackend; perRow: boolean }) => Promise<void>;
type Choice = {
  match: ('externalId' | 'email' | 'phone' | 'name')[];
  onMatch: 'skip' | 'fill' | 'overwrite';
};

/** Runs `script` on two fresh databases, the bulk way and the per-row way; answers their files. */
async function bothWays(script: Script): Promise<{ bulk: string; perRow: string }> {
  const files: string[] = [];
  for (const perRow of [false, true]) {
    const dir = tempDir();
    const { api, backend } = await openBackend(dir, { now: () => NOW, dailyBackups: false, sync: false });
    if (!('transfer' in backend)) throw new Error('a local backend is expected');
    await script({ api, backend: backend as LocalBackend, perRow });
    backend.close();
    files.push(join(dir, DATABASE_FILE));
  }
  const [bulk, perRow] = files;
  if (bulk === undefined || perRow === undefined) throw new Error('two runs expected');
  return { bulk, perRow };
}

/** Imports a file with the mapping its preview proposes. */
async function importFile(backend: LocalBackend, path: string, perRow: boolean, choice: Choice) {
  const name = path.split('/').pop() ?? 'file';
  const { mapping } = await backend.transfer.inspect(path, name, {});
  return backend.transfer.importFile(
    path,
    name,
    { overrides: {}, mapping, ...choice },
    { dryRun: false, perRow },
  );
}

/** Takes back every import, newest first, each with one history.undo. */
async function undoImports(api: ApiClient): Promise<void> {
  const runs = (await api.call('imports.list', {})).items.filter((run) => run.undoable);
  const undone: (string | undefined)[] = [];
  for (const _run of runs) undone.push((await api.call('history.undo', {})).undone?.txnId);
  // The clock stands still, so the list cannot tell which import came last: compare as sets.
  expect(undone.sort()).toEqual(runs.map((run) => run.txnId).sort());
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const HLC = /[0-9a-z]{12}-[0-9a-z]{5}-[0-9a-f]{16}/g;

type Row = Record<string, unknown>;

/**
 * Everything an import leaves, comparable across databases: the change log in its order, every synced
 * table, revenue rollups, past imports, and the terms of each search document by record. Ids become
 * `#n` in the order the change log first names them; clocks become `HLC`.
 */
function snapshot(file: string): Record<string, unknown[]> {
  const db = new Database(file);
  try {
    // The index's terms, read through fts5vocab (a table of this connection only).
    for (const kind of Object.values(searchKinds))
      db.exec(`CREATE VIRTUAL TABLE temp.${kind.fts}_terms USING fts5vocab(main, ${kind.fts}, instance)`);
    const labels = new Map<string, string>();
    const device = db.prepare(`SELECT value FROM local_meta WHERE key = 'device_id'`).get() as {
      value: string;
    };
    labels.set(device.value, 'DEVICE');
    const label = (id: string) => {
      if (!labels.has(id)) labels.set(id, `#${String(labels.size)}`);
      return labels.get(id) ?? id;
    };
    const log = db.prepare('SELECT * FROM change_log ORDER BY seq').all() as Row[];
    for (const entry of log) {
      label(String(entry.txn_id));
      label(String(entry.row_id));
    }
    const canonical = (row: Row): Row =>
      Object.fromEntries(
        Object.entries(row).map(([column, value]) => [
          column,
          typeof value === 'string' ? value.replace(UUID, label).replace(HLC, 'HLC') : value,
        ]),
      );
    const sorted = (rows: Row[]) => rows.map((row) => JSON.stringify(canonical(row))).sort();
    const all = (sql: string) => db.prepare(sql).all() as Row[];

    const result: Record<string, unknown[]> = { change_log: log.map(canonical) };
    for (const table of [...Object.keys(syncedTables), 'client_revenue'])
      result[table] = sorted(all(`SELECT * FROM "${table}"`));
    result.import_run = sorted(all('SELECT * FROM import_run').map(({ id: _id, ...run }) => run));
    for (const kind of Object.values(searchKinds)) {
      result[kind.fts] = sorted(
        all(`SELECT t.id, v.term, v.col, v."offset" FROM temp.${kind.fts}_terms AS v
             JOIN ${kind.table} AS t ON t.rowid = v.doc`),
      );
    }
    return result;
  } finally {
    db.close();
  }
}

/**
 * A record's clock is that of its newest change, and each field's clock that of the field's newest
 * change: what sync merges by (SYNC.md).
 */
function expectConsistentClocks(file: string): void {
  const db = new Database(file, { readonly: true });
  try {
    const changes = db.prepare(
      'SELECT field, new_value, hlc FROM change_log WHERE table_name = ? AND row_id = ? ORDER BY seq',
    );
    for (const table of Object.keys(syncedTables)) {
      const rows = db.prepare(`SELECT id, hlc, field_clocks FROM "${table}"`).all() as {
        id: string;
        hlc: string;
        field_clocks: string;
      }[];
      for (const row of rows) {
        const log = changes.all(table, row.id) as { field: string; new_value: string | null; hlc: string }[];
        const newest: Record<string, string> = {};
        // A creation entry stands for every field it set.
        for (const change of log)
          for (const { field } of fieldEntriesOf(change.field, change.new_value)) newest[field] = change.hlc;
        expect(row.hlc, `${table} ${row.id}`).toBe(log.at(-1)?.hlc);
        expect(JSON.parse(row.field_clocks), `${table} ${row.id}`).toEqual(newest);
      }
    }
  } finally {
    db.close();
  }
}

function expectSameDatabases(files: { bulk: string; perRow: string }): void {
  expectConsistentClocks(files.bulk);
  expectConsistentClocks(files.perRow);
  const bulk = snapshot(files.bulk);
  const perRow = snapshot(files.perRow);
  expect(Object.keys(bulk)).toEqual(Object.keys(perRow));
  for (const table of Object.keys(perRow)) expect(bulk[table], table).toEqual(perRow[table]);
}

/** What search finds for a few things a user would type, by client and contact name. */
async function found(api: ApiClient, texts: readonly string[]): Promise<string[][]> {
  const answers: string[][] = [];
  for (const text of texts) {
    const result = await api.call('search.query', { text });
    answers.push(
      result.groups.flatMap((group) => group.items.map((item) => `${group.kind} ${item.title}`)).sort(),
    );
  }
  return answers;
}

const HEADER = 'Company,Contact name,Email,Phone,City,Industry,Owner,Tags,Notes';

/**
 * A spreadsheet of `rows` clients, each with a contact, and every kind of row an import meets: rows of
 * clients that exist (by email, by phone, by name), a company listed twice with another person, the
 * same person twice in the file, tags new and known (twice in one cell, in other case), an owner on
 * the team and one who is not, an email without @ and a tag name too long for a tag.
 */
function spreadsheet(rows: number): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    let company = `Company ${String(i)} LLP`;
    let person = `Person ${String(i)} Фамилия`;
    let email = `p${String(i)}@import.example`;
    let phone = `+7 702 ${String(1_000_000 + i)}`;
    if (i % 10 === 0) email = `old${String(i % 40)}@known.example`;
    if (i % 10 === 1) phone = `+7 701 000 ${String(1000 + (i % 40))}`;
    if (i % 10 === 2) company = `Known ${String(i % 40)}, LLP`;
    if (i % 17 === 0 && i > 5) email = `p${String(i - 5)}@import.example`;
    if (i % 13 === 0 && i > 0) {
      company = `Company ${String(i - 1)} LLP`;
      person = `Second ${String(i)}`;
    }
    if (i % 23 === 0) email = `p${String(i)}-at-nowhere`;
    const owner = i % 29 === 0 ? 'Nobody Known' : i % 7 === 0 ? 'Aliya Sarsen' : '';
    const tags = [
      i % 3 === 0 ? 'vip, VIP' : '',
      i % 5 === 0 ? `group ${String(i % 4)}` : '',
      i % 97 === 0 ? 'x'.repeat(80) : '',
    ]
      .filter(Boolean)
      .join(', ');
    const city = i % 2 === 0 ? 'Almaty' : '';
    const industry = i % 4 === 0 ? 'Retail' : i % 4 === 1 ? '' : 'Logistics';
    lines.push(
      [company, person, email, phone, city, industry, owner, tags, i % 6 === 0 ? 'Met at the fair' : '']
        .map((cell) => `"${cell.replaceAll('"', '""')}"`)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The clients a file will meet: with emails, phones and names the spreadsheet repeats, some fields empty. */
async function seedKnownClients(api: ApiClient): Promise<void> {
  await api.call('users.create', { name: 'Aliya Sarsen', email: 'aliya@team.example' });
  await api.call('tags.create', { name: 'VIP', color: null });
  for (let i = 0; i < 40; i++) {
    const client = await api.call('clients.create', {
      name: `Known ${String(i)}, LLP`,
      kind: 'company',
      ...(i % 2 === 0 ? { industry: 'Farming' } : {}),
    });
    await api.call('contacts.create', {
      clientId: client.id,
      name: `Known Person ${String(i)}`,
      emails: [{ value: `old${String(i)}@known.example`, label: null }],
      phones: [{ value: `+7 701 000 ${String(1000 + i)}`, label: null }],
    });
  }
}

describe('an import written many rows at once leaves the database the handlers would', () => {
  it('for a spreadsheet of new and known clients, imported to fill, then overwrite, then skip, and undone', async () => {
    const sheet = join(tempDir(), 'clients.csv');
    writeFileSync(sheet, spreadsheet(1300));
    const reports: unknown[] = [];
    const searches: unknown[] = [];
    const files = await bothWays(async ({ api, backend, perRow }) => {
      await seedKnownClients(api);
      for (const onMatch of ['fill', 'overwrite', 'skip'] as const) {
        const {
          seconds: _seconds,
          importId: _id,
          ...report
        } = await importFile(backend, sheet, perRow, {
          match: ['email', 'phone', 'name'],
          onMatch,
        });
        reports.push({ perRow, onMatch, report });
      }
      searches.push(await found(api, ['Company 12', 'Фамилия', '7021000', 'Known Person 3', 'vip']));
    });
    expectSameDatabases(files);
    const [bulkReports, perRowReports] = [reports.slice(0, 3), reports.slice(3)];
    expect(bulkReports.map((r) => ({ ...(r as object), perRow: true }))).toEqual(perRowReports);
    expect(searches[0]).toEqual(searches[1]);
    expect(JSON.stringify(bulkReports)).toMatch(/"created":[1-9]/);
  }, 240_000);

  it('and so does the history.undo of each import, which takes everything of it back', async () => {
    const sheet = join(tempDir(), 'clients.csv');
    writeFileSync(sheet, spreadsheet(700));
    const files = await bothWays(async ({ api, backend, perRow }) => {
      await seedKnownClients(api);
      await importFile(backend, sheet, perRow, { match: ['email', 'phone'], onMatch: 'fill' });
      await importFile(backend, sheet, perRow, { match: ['email', 'phone', 'name'], onMatch: 'overwrite' });
      await undoImports(api);
      const clients = await api.call('clients.list', { limit: 100 });
      expect(clients.items.map((client) => client.name).sort()).toEqual(
        Array.from({ length: 40 }, (_, i) => `Known ${String(i)}, LLP`).sort(),
      );
      expect((await found(api, ['Фамилия', '7021000'])).flat()).toEqual([]);
    });
    expectSameDatabases(files);
  }, 240_000);

  it('for every real export in the fixtures, one after the other', async () => {
    const paths = [
      ...fixtureNames('csv').map((name) => fixture('csv', name)),
      ...['vcard21', 'vcard30', 'vcard40'].flatMap((folder) =>
        fixtureNames(folder).map((name) => fixture(folder, name)),
      ),
    ];
    const counts: unknown[] = [];
    const files = await bothWays(async ({ backend, perRow }) => {
      for (const path of paths) {
        const { created, updated, skipped, rejected } = await importFile(backend, path, perRow, {
          match: ['email', 'phone'],
          onMatch: 'fill',
        });
        counts.push({ path, created, updated, skipped, rejected });
      }
    });
    expectSameDatabases(files);
    expect(counts.slice(0, paths.length)).toEqual(counts.slice(paths.length));
  }, 240_000);
});
