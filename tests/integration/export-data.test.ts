import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/api/errors.ts';
import { exportData, type ExportOptions } from '../../db/export/export-data.ts';
import { sheetKinds } from '../../db/export/export-request.ts';
import { importRapportJson } from '../../db/export/import-rapport-json.ts';
import { catalogs, languages } from '../../shared/i18n/index.ts';
import { sheetColumns } from '../../db/export/sheet-columns.ts';
import { deviceWriter, useDataDbs } from '../support/data-db.ts';
import { importRows } from '../support/import-fixtures.ts';
import { addClients, withApp } from '../support/rapport-data.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const openDb = useDataDbs();

async function refusalOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the export to be refused');
}

/** Two clients, each with a contact, a call, a deal, a payment and a follow-up. */
async function twoClients(dataDir: string): Promise<{ mine: string; other: string }> {
  return withApp(dataDir, async (api) => {
    const ids: string[] = [];
    for (const name of ['Mine', 'Other']) {
      const client = await api.call('clients.create', { name, kind: 'company' });
      await api.call('contacts.create', { clientId: client.id, name: `${name} contact` });
      await api.call('interactions.log', { clientId: client.id, kind: 'call', summary: `${name} call` });
      await api.call('deals.create', { clientId: client.id, title: `${name} deal` });
      await api.call('payments.record', {
        clientId: client.id,
        kind: 'payment',
        amount: 10,
        currency: 'KZT',
      });
      await api.call('followups.create', {
        clientId: client.id,
        title: `${name} next step`,
        dueOn: '2026-12-24',
      });
      ids.push(client.id);
    }
    return { mine: ids[0] ?? '', other: ids[1] ?? '' };
  });
}

describe('exporting', () => {
  it('one client gives that client with its contacts and history, and nobody else’s', async () => {
    const dataDir = tempDir();
    const { mine } = await twoClients(dataDir);
    const book = join(tempDir(), 'mine.xlsx');
    const result = await exportData({
      db: openDb(dataDir),
      what: { clientId: mine },
      format: 'xlsx',
      language: 'en',
      out: book,
    });
    expect(result.rows).toBe(6);
    const sheets = ['Clients', 'Contacts', 'Interactions', 'Deals', 'Payments', 'Follow-ups'];
    const seen: Record<string, string[]> = {};
    for (const sheet of sheets) {
      const { rows } = await importRows(book, { sheet });
      seen[sheet] = rows.map((row) => row.fields.Client ?? row.fields.Name ?? '');
    }
    expect(seen).toEqual(Object.fromEntries(sheets.map((sheet) => [sheet, ['Mine']])));
    const json = join(tempDir(), 'mine.json');
    await exportData({
      db: openDb(dataDir),
      what: { clientId: mine },
      format: 'json',
      language: 'en',
      out: json,
    });
    const target = tempDir();
    await withApp(target, () => Promise.resolve());
    const db = openDb(target);
    const imported = await importRapportJson({ db, writer: deviceWriter(db), path: json });
    expect(imported.header.scope).toBe('client');
    expect(imported.created).toEqual({
      client: 1,
      contact: 1,
      interaction: 1,
      deal: 1,
      payment: 1,
      followup: 1,
    });
  });

  it('a cancelled export leaves no file, not even a part of one', async () => {
    const dataDir = tempDir();
    await withApp(dataDir, (api) => api.call('app.loadDemo', {}));
    const folder = tempDir();
    const out = join(folder, 'all.json');
    writeFileSync(out, 'the export of last month');
    const cancel = new AbortController();
    const reports: number[] = [];
    const exported = exportData({
      db: openDb(dataDir),
      what: { type: 'all' },
      format: 'json',
      language: 'en',
      out,
      signal: cancel.signal,
      onProgress: (done, total) => {
        reports.push(done);
        expect(total).toBeGreaterThan(done);
        cancel.abort();
      },
    });
    await expect(exported).rejects.toMatchObject({ name: 'AbortError' });
    expect(reports).toEqual([1000]);
    expect(readdirSync(folder)).toEqual(['all.json']);
    expect(readFileSync(out, 'utf8')).toBe('the export of last month');
  });

  it('reports its progress and replaces an older file only once the new one is whole', async () => {
    const dataDir = tempDir();
    await withApp(dataDir, (api) => api.call('app.loadDemo', {}));
    const out = join(tempDir(), 'all.json');
    writeFileSync(out, 'old');
    const reports: [number, number][] = [];
    const result = await exportData({
      db: openDb(dataDir),
      what: { type: 'all' },
      format: 'json',
      language: 'en',
      out,
      onProgress: (done, total) => reports.push([done, total]),
    });
    expect(reports.at(-1)).toEqual([result.rows, result.rows]);
    expect(reports.length).toBe(Math.floor(result.rows / 1000) + 1);
    expect(readFileSync(out, 'utf8')).toMatch(/^\{"rapport":\{"format":1,/);
  });

  it('shows the database as it was when the export began, while the app goes on writing', async () => {
    const dataDir = tempDir();
    await addClients(dataDir, 'Steppe Sales');
    const db = openDb(dataDir);
    // A big team comes first in the file, so the export reports progress before it reaches the clients.
    const member = db.prepare(
      `INSERT INTO team_member (id, created_at, updated_at, hlc, name, sort_name)
       VALUES (?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'x', ?, ?)`,
    );
    for (let i = 0; i < 1500; i++) {
      member.run(`01900000-0000-7000-8000-${String(i).padStart(12, '0')}`, `Member ${i}`, `member ${i}`);
    }
    const out = join(tempDir(), 'all.json');
    let wrote = false;
    await exportData({
      db,
      what: { type: 'all' },
      format: 'json',
      language: 'en',
      out,
      onProgress: () => {
        if (wrote) return;
        // The app renames the client while the export is still on the team.
        db.prepare('UPDATE client SET name = ?').run('Renamed meanwhile');
        wrote = true;
      },
    });
    expect(wrote).toBe(true);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('"name":"Steppe Sales"');
    expect(text).not.toContain('Renamed meanwhile');
  });

  it('says what to do when the file cannot be written, and leaves nothing', async () => {
    const dataDir = tempDir();
    await twoClients(dataDir);
    const common: Omit<ExportOptions, 'out'> = {
      db: openDb(dataDir),
      what: { type: 'clients' },
      format: 'csv',
      language: 'en',
    };
    const missing = await refusalOf(
      exportData({ ...common, out: join(tempDir(), 'no', 'such', 'folder', 'c.csv') }),
    );
    expect(missing).toMatchObject({ code: 'not_found', details: { exportProblem: 'no_folder' } });
    expect(missing.message).toMatch(/does not exist: choose another place for c\.csv/);
    const folder = join(tempDir(), 'a folder');
    mkdirSync(folder);
    const isFolder = await refusalOf(exportData({ ...common, out: folder }));
    expect(isFolder).toMatchObject({ code: 'validation', details: { exportProblem: 'is_folder' } });
    expect(readdirSync(folder)).toEqual([]);
  });

  it('refuses what a format cannot hold, before writing anything', async () => {
    const dataDir = tempDir();
    const { mine } = await twoClients(dataDir);
    const out = join(tempDir(), 'x');
    const cases: Pick<ExportOptions, 'what' | 'format'>[] = [
      { what: { type: 'all' }, format: 'csv' },
      { what: { clientId: mine }, format: 'csv' },
      { what: { type: 'clients' }, format: 'vcf' },
      { what: { type: 'deals' }, format: 'json' },
    ];
    for (const request of cases) {
      const error = await refusalOf(exportData({ db: openDb(dataDir), language: 'en', out, ...request }));
      expect(error.code, JSON.stringify(request)).toBe('validation');
    }
    const gone = await refusalOf(
      exportData({
        db: openDb(dataDir),
        what: { clientId: '01900000-0000-7000-8000-000000000000' },
        format: 'xlsx',
        language: 'en',
        out,
      }),
    );
    expect(gone.code).toBe('not_found');
    const filter = await refusalOf(
      exportData({
        db: openDb(dataDir),
        what: { clientList: { stage: 'bored' as 'lead' } },
        format: 'csv',
        language: 'en',
        out,
      }),
    );
    expect(filter.code).toBe('validation');
    expect(existsSync(out)).toBe(false);
  });

  it('names every column of every list in every language, each header once per list', () => {
    const wide = { phones: { count: 2, typed: true }, emails: { count: 2, typed: true } };
    const shape = { ...wide, pc_phones: wide.phones, pc_emails: wide.emails };
    for (const { code } of languages) {
      for (const kind of sheetKinds) {
        const headers = sheetColumns(kind, catalogs[code], shape).map((column) => column.header);
        expect(new Set(headers).size, `${code} ${kind}: ${headers.join(' | ')}`).toBe(headers.length);
        expect(
          headers.filter((header) => /[a-z]+\.[a-z]+/i.test(header)),
          `${code} ${kind}`,
        ).toEqual([]);
      }
    }
  });
});
