import { randomBytes } from 'node:crypto';
import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectSource } from '../../db/import/detect.ts';
import { readSource } from '../../db/import/read-source.ts';
import { importProblemOf } from '../../db/import/source-row.ts';
import { importRows } from '../support/import-fixtures.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();

function file(name: string, content: string | Buffer): string {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
}

/** The import problem code a promise is refused with (the test fails if it is not refused). */
async function refusal(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return importProblemOf(error) ?? `not an import problem: ${String(error)}`;
  }
  throw new Error('expected the file to be refused');
}

describe('bad files get a clear answer with a stable code, never a crash', () => {
  it('a binary file renamed .csv is refused as not a text file', async () => {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), randomBytes(4096)]);
    expect(await refusal(detectSource(file('photo.csv', png)))).toBe('unsupported_format');
    expect(await refusal(detectSource(file('random.csv', randomBytes(8192))))).toBe('unsupported_format');
  });

  it('an old .xls (OLE) and a zip that is no workbook are refused with what to do', async () => {
    const xls = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(2048)]);
    expect(await refusal(detectSource(file('old.xls', xls)))).toBe('unsupported_format');
  });

  it('an empty file, and one of only blank lines, are refused as empty', async () => {
    expect(await refusal(detectSource(file('empty.csv', '')))).toBe('empty_file');
    expect(await refusal(detectSource(file('blank.csv', '\r\n  \n\t\n')))).toBe('empty_file');
    expect(await refusal(detectSource(file('bom-only.csv', Buffer.from('efbbbf', 'hex'))))).toBe(
      'empty_file',
    );
  });

  it('a header-only file has its header and no rows', async () => {
    const { detected, rows } = await importRows(file('header.csv', 'Name;Company;Email\r\n'));
    expect(detected).toMatchObject({
      format: 'delimited',
      delimiter: ';',
      header: ['Name', 'Company', 'Email'],
    });
    expect(rows).toEqual([]);
  });

  it('rows with more or fewer fields than the header are read, each with its problem and row number', async () => {
    const text =
      'Name,Company,Email\nAigerim,Steppe,a@x.kz\nDmitry,Taiga\nOlga,Birch,o@x.ru,extra,more\nIvan,Oak,i@x.ru,\n';
    const { rows } = await importRows(file('ragged.csv', text));
    expect(rows.map((row) => [row.row, row.problems.map((p) => p.code)])).toEqual([
      [2, []],
      [3, ['too_few_fields']],
      [4, ['too_many_fields']],
      [5, []], // a trailing delimiter adds an empty field: nothing is lost, nothing to report
    ]);
    expect(rows[1]?.fields).toEqual({ Name: 'Dmitry', Company: 'Taiga', Email: '' });
    expect(rows[2]?.fields).toEqual({
      Name: 'Olga',
      Company: 'Birch',
      Email: 'o@x.ru',
      'Column 4': 'extra',
      'Column 5': 'more',
    });
    expect(rows[2]?.problems[0]).toMatchObject({
      row: 4,
      message: expect.stringContaining('Row 4 has 5 fields') as string,
    });
  });

  it('a quote opened and never closed stops the read with a problem on the row where it opened', async () => {
    const text = 'Name,Note\nA,fine\nB,"never closed\nC,lost\n';
    const { rows } = await importRows(file('quote.csv', text));
    expect(rows.map((row) => row.row)).toEqual([2, 3]);
    expect(rows[1]?.problems).toMatchObject([{ code: 'malformed_row', row: 3 }]);
  });

  it('the detected encoding and delimiter can be overridden', async () => {
    const path = file('pipes.txt', Buffer.from('Name|Town\nCafé|Zürich\n', 'latin1'));
    const detected = await importRows(path);
    expect(detected.detected).toMatchObject({ encoding: 'windows-1252', delimiter: '|' });
    const asComma = await importRows(path, { delimiter: ',', encoding: 'utf-8' });
    expect(asComma.rows[0]?.fields).toEqual({ 'Name|Town': 'Caf\uFFFD|Z\uFFFDrich' });
    expect(await refusal(detectSource(path, { encoding: 'no-such-encoding' }))).toBe('unknown_encoding');
    const fromRow2 = await importRows(path, { headerRow: 2 });
    expect(fromRow2.detected).toMatchObject({ headerRow: 2, header: ['Café', 'Zürich'] });
    expect(fromRow2.rows).toEqual([]);
  });

  it('a vCard whose first card has no END:VCARD still gives both cards, the first with a warning', async () => {
    const text =
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut Off\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Whole\r\nEND:VCARD\r\n';
    const { rows } = await importRows(file('cut.vcf', text));
    expect(rows.map((row) => [row.fields['Full name'], row.problems.map((p) => p.code)])).toEqual([
      ['Cut Off', ['card_not_terminated']],
      ['Whole', []],
    ]);
  });

  it('a Rapport JSON export is recognised, and its import said to be not available yet', async () => {
    const path = file('export.json', '{"rapport": {"version": 1}, "clients": []}');
    const detected = await detectSource(path);
    expect(detected.format).toBe('rapport-json');
    expect(() => readSource(path, detected)).toThrow(/not available yet/);
  });
});

describe('a 200 MB CSV is streamed in bounded memory', () => {
  it(
    'reads every one of its rows while memory grows by far less than the file',
    { timeout: 90_000 },
    async () => {
      const path = join(tempDir(), 'big.csv');
      const rowsWritten = await writeBigCsv(path, 200 * 1024 * 1024);
      const before = process.memoryUsage().rss;
      let peak = before;
      let count = 0;
      let lastRow = 0;
      for await (const row of readSource(path, await detectSource(path))) {
        count++;
        lastRow = row.row;
        if ((count & 8191) === 0) peak = Math.max(peak, process.memoryUsage().rss);
      }
      expect(count).toBe(rowsWritten);
      expect(lastRow).toBe(rowsWritten + 1);
      expect((peak - before) / 1024 / 1024).toBeLessThan(100);
    },
  );
});

/** Writes a CSV of about `bytes` bytes through a stream (never whole in memory); returns its data rows. */
async function writeBigCsv(path: string, bytes: number): Promise<number> {
  const out = createWriteStream(path);
  out.write('Name,Company,Email,Phone,Notes\n');
  let written = 0;
  let rows = 0;
  while (written < bytes) {
    let chunk = '';
    while (chunk.length < 1 << 20) {
      chunk += `Person ${rows},"Company ${rows % 977}, Ltd",p${rows}@example.com,+7 701 ${rows % 9_999_999},"${'note, '.repeat(60)}"\n`;
      rows++;
    }
    written += chunk.length;
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  return rows;
}
