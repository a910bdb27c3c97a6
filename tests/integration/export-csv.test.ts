import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client.ts';
import type { ClientListInput, ClientPage } from '../../shared/domain/client.ts';
import { exportData, type ExportOptions } from '../../db/export/export-data.ts';
import { useDataDbs } from '../support/data-db.ts';
import { importRows } from '../support/import-fixtures.ts';
import { withApp } from '../support/rapport-data.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const openDb = useDataDbs();

/** A data folder with the demo company in it. */
async function demoFolder(): Promise<string> {
  const dataDir = tempDir();
  await withApp(dataDir, (api) => api.call('app.loadDemo', {}));
  return dataDir;
}

async function exportTo(dataDir: string, options: Omit<ExportOptions, 'db' | 'out'>, name = 'out.csv') {
  const out = join(tempDir(), name);
  const result = await exportData({ db: openDb(dataDir), out, ...options });
  return { out, result };
}

/** Every client the list shows with these filters, page by page, as the UI would scroll through it. */
async function listedNames(api: ApiClient, filter: ClientListInput): Promise<string[]> {
  const names: string[] = [];
  let after: string | null = null;
  do {
    const page: ClientPage = await api.call('clients.list', { ...filter, after, limit: 7 });
    names.push(...page.items.map((client) => client.name));
    after = page.nextCursor;
  } while (after !== null);
  return names;
}

describe('exporting a list to CSV', () => {
  it('writes UTF-8 with a BOM, so Excel shows Russian and Kazakh names, and reads back with the same names', async () => {
    const dataDir = await demoFolder();
    const { out, result } = await exportTo(dataDir, {
      what: { type: 'clients' },
      format: 'csv',
      language: 'ru',
    });
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { detected, rows } = await importRows(out);
    expect(detected).toMatchObject({
      format: 'delimited',
      encoding: 'utf-8',
      encodingEvidence: 'bom',
      delimiter: ',',
    });
    if (detected.format !== 'delimited') throw new Error('not delimited');
    expect(detected.header.slice(0, 3)).toEqual(['Название', 'Компания или человек', 'Отрасль']);
    const names = await withApp(dataDir, (api) => listedNames(api, {}));
    // The whole list comes in the order the clients were added; the filtered list test checks the list's order.
    expect(rows.map((row) => row.fields['Название']).sort()).toEqual([...names].sort());
    expect(result.rows).toBe(names.length);
    expect(names.some((name) => /[а-яё]/i.test(name))).toBe(true);
    expect(names.some((name) => /[әғқңөұүһі]/i.test(name))).toBe(true);
    expect(rows.every((row) => row.problems.length === 0)).toBe(true);
  });

  it('separates fields with a semicolon for European Excel, amounts keeping their dot', async () => {
    const dataDir = await demoFolder();
    const { out } = await exportTo(dataDir, {
      what: { type: 'payments' },
      format: 'csv',
      language: 'en',
      delimiter: ';',
    });
    const text = readFileSync(out, 'utf8');
    expect(text.split('\r\n')[0]).toMatch(/^\uFEFFClient;Deal;Kind;Amount;Cost;Currency;Issued;/);
    const { detected, rows } = await importRows(out);
    expect(detected).toMatchObject({ delimiter: ';' });
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      expect(row.fields.Amount).toMatch(/^\d+(\.\d+)?$/);
      expect(row.fields.Issued).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['invoice', 'payment', 'refund']).toContain(row.fields.Kind);
    }
  });

  it('quotes a value holding the delimiter, quotes or line breaks, and gives it back whole', async () => {
    const dataDir = tempDir();
    const name = 'Acme, "Best" Ltd; Алматы';
    const notes = 'First line\r\nsecond; line, with "quotes"\nthird';
    await withApp(dataDir, async (api) => {
      const client = await api.call('clients.create', { name, kind: 'company', notes, vip: true });
      await api.call('contacts.create', {
        clientId: client.id,
        name: 'Дмитрий Орлов',
        phones: [{ value: '+7 701 123 45 67', label: 'mobile' }, { value: '+7 727 250 00 00' }],
        emails: [{ value: 'dmitry@example.kz', label: 'work' }],
      });
    });
    for (const delimiter of [',', ';'] as const) {
      const { out } = await exportTo(dataDir, {
        what: { type: 'clients' },
        format: 'csv',
        language: 'en',
        delimiter,
      });
      const text = readFileSync(out, 'utf8');
      expect(text).toContain(`"Acme, ""Best"" Ltd; Алматы"`);
      expect(text).toContain('"First line\r\nsecond; line, with ""quotes""\nthird"');
      const { rows } = await importRows(out);
      expect(rows).toHaveLength(1);
      expect(rows[0]?.fields).toMatchObject({
        Name: name,
        Notes: notes,
        VIP: 'TRUE',
        'Contact person': 'Дмитрий Орлов',
        'Phone 1': '+7 701 123 45 67',
        'Phone 1 type': 'mobile',
        'Email 1': 'dmitry@example.kz',
        'Email 1 type': 'work',
      });
      // The primary contact's main phone and email; all of them are in the contacts list.
      expect(rows[0]?.fields).not.toHaveProperty('Phone 2');
    }
  });

  it('keeps a spreadsheet from running a value as a formula, and leaves phone numbers as they are', async () => {
    const dataDir = tempDir();
    await withApp(dataDir, async (api) => {
      await api.call('clients.create', {
        name: '=HYPERLINK("http://evil.example","Click")',
        kind: 'company',
      });
      await api.call('clients.create', { name: '@SUM(1+1)', kind: 'company' });
      const client = await api.call('clients.create', { name: 'Plain', kind: 'person', notes: '-2+3' });
      await api.call('contacts.create', {
        clientId: client.id,
        name: 'Plain',
        phones: [{ value: '+7 701 000 00 01' }],
      });
    });
    const { out } = await exportTo(dataDir, { what: { type: 'clients' }, format: 'csv', language: 'en' });
    const { rows } = await importRows(out);
    expect(rows.map((row) => row.fields.Name)).toEqual([
      '\'=HYPERLINK("http://evil.example","Click")',
      "'@SUM(1+1)",
      'Plain',
    ]);
    expect(rows[2]?.fields).toMatchObject({ Notes: "'-2+3", 'Phone 1': '+7 701 000 00 01' });
  });

  it('exports exactly the clients a filtered, sorted client list shows, in its order', async () => {
    const dataDir = await demoFolder();
    const filters: ClientListInput[] = [
      { stage: 'active' },
      { vip: false, sort: 'lastContact', direction: 'desc' },
      { kind: 'company', sort: 'revenue', direction: 'desc' },
      { hasOverdueFollowup: true },
      { goingQuiet: false, sort: 'created' },
    ];
    for (const filter of filters) {
      const expected = await withApp(dataDir, (api) => listedNames(api, filter));
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0);
      const { out, result } = await exportTo(dataDir, {
        what: { clientList: filter },
        format: 'csv',
        language: 'en',
      });
      const { rows } = await importRows(out);
      expect(
        rows.map((row) => row.fields.Name),
        JSON.stringify(filter),
      ).toEqual(expected);
      expect(result.rows).toBe(expected.length);
    }
  });

  it('writes moments in the chosen time zone with its offset, days as they are', async () => {
    const dataDir = tempDir();
    await withApp(dataDir, async (api) => {
      const client = await api.call('clients.create', { name: 'Zone', kind: 'company' });
      await api.call('interactions.log', {
        clientId: client.id,
        kind: 'call',
        occurredAt: '2026-03-31T14:30:00.000Z',
        durationS: 300,
      });
    });
    const { out } = await exportTo(dataDir, {
      what: { type: 'interactions' },
      format: 'csv',
      language: 'en',
      timeZone: 'Asia/Almaty',
    });
    const { rows } = await importRows(out);
    expect(rows[0]?.fields).toMatchObject({
      Client: 'Zone',
      Kind: 'call',
      When: '2026-03-31T19:30:00+05:00',
      Duration: '300',
    });
  });
});
