import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectSource } from '../../db/import/detect.ts';
import { readSource } from '../../db/import/read-source.ts';
import { importProblemOf, type SourceRow } from '../../db/import/source-row.ts';
import { importRows } from '../support/import-fixtures.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { sheetXml, writeZip, xlsxParts, type TestCell } from '../support/xlsx-file.ts';

const tempDir = useTempDirs();

function workbook(sheets: Record<string, TestCell[][]>, shared: string[] = []): string {
  const path = join(tempDir(), 'book.xlsx');
  writeZip(path, xlsxParts(sheets, shared));
  return path;
}

async function refusal(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return importProblemOf(error) ?? String(error);
  }
  throw new Error('expected a refusal');
}

async function allRows(path: string): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  for await (const row of readSource(path, await detectSource(path))) rows.push(row);
  return rows;
}

const people: TestCell[][] = [
  ['Name', 'Company', 'Phone', 'Born', 'Last call', 'VIP', 'Revenue'],
  [
    { xml: '<v>0</v>', type: 's' },
    'Steppe Sales',
    77011234567,
    { xml: '<v>33239</v>', style: 1 },
    { xml: '<v>45572.6041666667</v>', style: 2 },
    { xml: '<v>1</v>', type: 'b' },
    1234.5,
  ],
  [
    'Дмитрий',
    { xml: '<v>1</v>', type: 's' },
    '+7 701 765 43 21',
    { xml: '<v>1</v>', style: 1 },
    '',
    { xml: '<v>0</v>', type: 'b' },
    0.1,
  ],
];

describe('an .xlsx is read as Excel stores it', () => {
  it('text, numbers as written, dates in date formats as ISO, booleans, shared strings and empty cells', async () => {
    const path = workbook({ Clients: people }, ['Aigerim Nurlanovna', 'ТОО «Тайга»']);
    const detected = await detectSource(path);
    expect(detected).toMatchObject({ format: 'xlsx', sheets: ['Clients'], sheet: 'Clients', headerRow: 1 });
    const rows = await allRows(path);
    expect(rows).toEqual([
      {
        row: 2,
        fields: {
          Name: 'Aigerim Nurlanovna',
          Company: 'Steppe Sales',
          Phone: '77011234567',
          Born: '1991-01-01',
          'Last call': '2024-10-07T14:30:00',
          VIP: 'TRUE',
          Revenue: '1234.5',
        },
        problems: [],
      },
      {
        row: 3,
        fields: {
          Name: 'Дмитрий',
          Company: 'ТОО «Тайга»',
          Phone: '+7 701 765 43 21',
          Born: '1900-01-01',
          'Last call': '',
          VIP: 'FALSE',
          Revenue: '0.1',
        },
        problems: [],
      },
    ]);
  });

  it('formulas give their cached result and are never evaluated; one without a result is reported', async () => {
    const path = workbook({
      Sheet1: [
        ['Name', 'Total', 'Label'],
        [
          'A',
          { xml: '<f>1+1</f><v>42</v>' },
          { xml: '<f>CONCAT("x","y")</f><v>cached text</v>', type: 'str' },
        ],
        [
          'B',
          { xml: '<f>HYPERLINK("http://evil.invalid")</f>' },
          { xml: '<f>NOW()</f><v>#N/A</v>', type: 'e' },
        ],
      ],
    });
    const rows = await allRows(path);
    expect(rows[0]?.fields).toEqual({ Name: 'A', Total: '42', Label: 'cached text' });
    expect(rows[1]?.fields).toEqual({ Name: 'B', Total: '', Label: '#N/A' });
    expect(rows[1]?.problems).toMatchObject([{ code: 'formula_without_value', row: 3 }]);
  });

  it('reads a chosen sheet, and refuses one that is not there, naming the sheets it has', async () => {
    const path = workbook({
      Summary: [['Total'], [3]],
      Contacts: [
        ['Name', 'Email'],
        ['Olga', 'olga@example.ru'],
      ],
    });
    const { detected, rows } = await importRows(path, { sheet: 'Contacts' });
    expect(detected).toMatchObject({
      sheets: ['Summary', 'Contacts'],
      sheet: 'Contacts',
      header: ['Name', 'Email'],
    });
    expect(rows.map((row) => row.fields)).toEqual([{ Name: 'Olga', Email: 'olga@example.ru' }]);
    const error = await detectSource(path, { sheet: 'Leads' }).catch((e: unknown) => e);
    expect(importProblemOf(error)).toBe('sheet_not_found');
    expect(String(error)).toContain('"Summary", "Contacts"');
  });

  it('a title row above the header is skipped, like a CSV preamble', async () => {
    const path = workbook({
      Export: [['Contacts exported 2026-12-01'], ['Name', 'Company', 'Email'], ['Ivan', 'Oak', 'i@x.ru']],
    });
    const { detected, rows } = await importRows(path);
    expect(detected).toMatchObject({ headerRow: 2, header: ['Name', 'Company', 'Email'] });
    expect(rows).toMatchObject([{ row: 3, fields: { Name: 'Ivan', Company: 'Oak', Email: 'i@x.ru' } }]);
  });
});

describe('a zip bomb .xlsx is refused before it can exhaust memory', () => {
  it('a sheet that declares 200 MB from a few hundred KB is refused by its ratio, before it is inflated', async () => {
    const bomb = `<worksheet><sheetData>${'<row><c t="inlineStr"><is><t>AAAAAAAAAAAAAAAAAAAA</t></is></c></row>'.repeat(3_500_000)}</sheetData></worksheet>`;
    const path = join(tempDir(), 'bomb.xlsx');
    writeZip(path, [
      ...xlsxParts({ Sheet1: [] }).filter((p) => !p.name.includes('worksheets')),
      { name: 'xl/worksheets/sheet1.xml', data: bomb },
    ]);
    const before = process.memoryUsage().rss;
    expect(await refusal(detectSource(path))).toBe('archive_too_large');
    expect(await refusal(allRowsOf(path))).toBe('archive_too_large');
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('a sheet that lies about its size is stopped as soon as it inflates past what it declared', async () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => [`Name ${i}`, `Company ${i}`] as TestCell[]);
    const parts = xlsxParts({ Sheet1: [] }).filter((p) => !p.name.includes('worksheets'));
    const path = join(tempDir(), 'liar.xlsx');
    writeZip(path, [
      ...parts,
      { name: 'xl/worksheets/sheet1.xml', data: sheetXml([['Name', 'Company'], ...rows]), claimedSize: 4096 },
    ]);
    let read = 0;
    const failure = await (async () => {
      for await (const _ of readSource(path, {
        format: 'xlsx',
        sheets: ['Sheet1'],
        sheet: 'Sheet1',
        headerRow: 1,
        header: [],
        preview: [],
      }))
        read++;
    })().catch((error: unknown) => error);
    expect(importProblemOf(failure)).toBe('archive_too_large');
    expect(read).toBeLessThan(100);
  });
});

async function allRowsOf(path: string): Promise<void> {
  for await (const _ of readSource(path, {
    format: 'xlsx',
    sheets: ['Sheet1'],
    sheet: 'Sheet1',
    headerRow: 1,
    header: [],
    preview: [],
  })) {
    continue;
  }
}
