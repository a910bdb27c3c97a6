import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { momentFormat } from '../../db/export/cell-format.ts';
import { exportData } from '../../db/export/export-data.ts';
import { sheetKinds } from '../../db/export/export-request.ts';
import { progressOf } from '../../db/export/progress.ts';
import { writeXlsx } from '../../db/export/write-xlsx.ts';
import { detectSource } from '../../db/import/detect.ts';
import { openXlsxArchive } from '../../db/import/xlsx-archive.ts';
import type { SourceRow } from '../../db/import/source-row.ts';
import { catalogs } from '../../shared/i18n/index.ts';
import { useDataDbs } from '../support/data-db.ts';
import { importRows } from '../support/import-fixtures.ts';
import { withApp } from '../support/rapport-data.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const openDb = useDataDbs();

/** A moment of the CSV (with its offset) as the wall-clock second an Excel date of it reads back as. */
function wallSecond(value: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?([+-]\d{2}:\d{2}|Z)$/.exec(value);
  if (!match) return value;
  const ms = Date.parse(`${match[1] ?? ''}Z`) + Math.round(Number(`0${match[2] ?? ''}`) * 1000);
  return new Date(Math.round(ms / 1000) * 1000).toISOString().slice(0, 19);
}

async function sheetRows(path: string, sheet: string): Promise<{ header: string[]; rows: SourceRow[] }> {
  const { detected, rows } = await importRows(path, { sheet });
  if (detected.format !== 'xlsx') throw new Error(`not a workbook: ${detected.format}`);
  return { header: detected.header, rows };
}

describe('exporting to .xlsx', () => {
  it('writes every list on a sheet of its own that reads back through the importer as its CSV does', async () => {
    const dataDir = tempDir();
    await withApp(dataDir, (api) => api.call('app.loadDemo', {}));
    const db = openDb(dataDir);
    const common = { db, language: 'kk', timeZone: 'Asia/Almaty' } as const;
    const book = join(tempDir(), 'all.xlsx');
    const exported = await exportData({ ...common, what: { type: 'all' }, format: 'xlsx', out: book });
    const detected = await detectSource(book);
    const names = sheetKinds.map((kind) => catalogs.kk[`export.sheet.${kind}`]);
    expect(detected).toMatchObject({ format: 'xlsx', sheets: names, headerRow: 1 });
    let total = 0;
    for (const [index, kind] of sheetKinds.entries()) {
      const csv = join(tempDir(), `${kind}.csv`);
      await exportData({ ...common, what: { type: kind }, format: 'csv', out: csv });
      const expected = await importRows(csv);
      const sheet = await sheetRows(book, names[index] ?? '');
      if (expected.detected.format !== 'delimited') throw new Error('not a CSV');
      expect(sheet.header, kind).toEqual(expected.detected.header);
      expect(sheet.rows.length, kind).toBe(expected.rows.length);
      expect(sheet.rows.length, kind).toBeGreaterThan(0);
      sheet.rows.forEach((row, i) => {
        const fields = Object.fromEntries(
          Object.entries(expected.rows[i]?.fields ?? {}).map(([column, value]) => [
            column,
            wallSecond(value),
          ]),
        );
        expect(row.fields, `${kind} row ${row.row}`).toEqual(fields);
      });
      total += sheet.rows.length;
    }
    expect(exported.rows).toBe(total);
  });

  it('stores numbers as numbers and days and moments as Excel dates, under a bold frozen header', async () => {
    const dataDir = tempDir();
    await withApp(dataDir, async (api) => {
      const client = await api.call('clients.create', { name: 'Steppe Sales', kind: 'company', vip: true });
      await api.call('payments.record', {
        clientId: client.id,
        kind: 'invoice',
        amount: 1234.5,
        cost: 1000,
        currency: 'KZT',
        issuedOn: '1900-01-10',
        paidOn: '2026-03-31',
      });
    });
    const book = join(tempDir(), 'payments.xlsx');
    await exportData({
      db: openDb(dataDir),
      what: { type: 'payments' },
      format: 'xlsx',
      language: 'en',
      out: book,
    });
    const archive = await openXlsxArchive(book);
    let xml: string;
    try {
      xml = await archive.readText('xl/worksheets/sheet1.xml');
    } finally {
      archive.close();
    }
    expect(xml).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(xml).toMatch(/<c r="A1" s="1" t="inlineStr"><is><t>Client<\/t><\/is><\/c>/);
    expect(xml).toMatch(/<c r="D2"><v>1234.5<\/v><\/c>/);
    expect(xml).toMatch(/<c r="G2" s="2"><v>10<\/v><\/c>/);
    expect(xml).toMatch(/<c r="I2" s="2"><v>46112<\/v><\/c>/);
    const { rows } = await sheetRows(book, 'Payments');
    expect(rows[0]?.fields).toMatchObject({
      Client: 'Steppe Sales',
      Amount: '1234.5',
      Cost: '1000',
      Currency: 'KZT',
      Issued: '1900-01-10',
      Paid: '2026-03-31',
    });
  });

  it('gives back text as typed: XML specials, line breaks with CR, tabs, and what looks like an Excel escape', async () => {
    const dataDir = tempDir();
    const notes = 'a & b <c> "d"\r\nline _x0041_ and _x005F_ kept\ttab\n=1+1';
    await withApp(dataDir, (api) =>
      api.call('clients.create', { name: 'Қазақ & Co', kind: 'company', notes }),
    );
    const book = join(tempDir(), 'clients.xlsx');
    await exportData({
      db: openDb(dataDir),
      what: { type: 'clients' },
      format: 'xlsx',
      language: 'en',
      out: book,
    });
    const { rows } = await sheetRows(book, 'Clients');
    expect(rows[0]?.fields).toMatchObject({ Name: 'Қазақ & Co', Notes: notes, VIP: 'FALSE' });
  });

  it('stops with the error when a sheet fails part way (a cancelled export), never as an unhandled error', async () => {
    const book = join(tempDir(), 'failing.xlsx');
    const stream = createWriteStream(book);
    let closed = false;
    function* failingRows() {
      try {
        for (let i = 1; i <= 5; i++) {
          if (i === 3) throw new DOMException('The export was cancelled.', 'AbortError');
          yield { name: `Client ${i}` };
        }
      } finally {
        closed = true;
      }
    }
    const written = writeXlsx(
      {
        stream,
        write: async (chunk) => {
          if (!stream.write(chunk)) await once(stream, 'drain');
        },
      },
      [
        {
          name: 'Clients',
          columns: [{ header: 'Name', kind: 'text', value: (row) => String(row.name) }],
          rows: failingRows(),
          count: 5,
        },
      ],
      { moments: momentFormat('UTC') },
      progressOf(5),
    );
    await expect(written).rejects.toMatchObject({ name: 'AbortError' });
    expect(closed).toBe(true);
    stream.destroy();
  });

  it('goes on to a next sheet when a list is longer than a sheet can hold', async () => {
    const book = join(tempDir(), 'long.xlsx');
    const stream = createWriteStream(book);
    const rows = Array.from({ length: 7 }, (_, i) => ({ name: `Client ${i + 1}` }));
    await writeXlsx(
      {
        stream,
        write: async (chunk) => {
          if (!stream.write(chunk)) await once(stream, 'drain');
        },
      },
      [
        {
          name: 'Clients',
          columns: [{ header: 'Name', kind: 'text', value: (row) => String(row.name) }],
          rows,
          count: rows.length,
        },
      ],
      { moments: momentFormat('UTC'), maxRowsPerSheet: 3 },
      progressOf(rows.length),
    );
    stream.end();
    await once(stream, 'close');
    const detected = await detectSource(book);
    expect(detected).toMatchObject({ sheets: ['Clients', 'Clients (2)', 'Clients (3)'] });
    const names: string[] = [];
    for (const sheet of ['Clients', 'Clients (2)', 'Clients (3)']) {
      names.push(...(await sheetRows(book, sheet)).rows.map((row) => row.fields.Name ?? ''));
    }
    expect(names).toEqual(rows.map((row) => row.name));
  });
});
