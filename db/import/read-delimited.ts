import { parse, type Info } from 'csv-parse';
import iconv from 'iconv-lite';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { isKnownEncoding } from './encoding.ts';
import { importFileError, uniqueColumnNames, type RowProblem, type SourceRow } from './source-row.ts';

/** How to read a delimited text file: what detectSource found, or what the user changed it to. */
export interface DelimitedSettings {
  /** Any encoding iconv-lite knows (`utf-8`, `windows-1251`, `koi8-r`, `utf-16le`, …); a BOM is skipped. */
  encoding: string;
  /** One character: `,` `;` `\t` `|` or another. */
  delimiter: string;
  /** 1-based row of the header; rows above it (a preamble) are skipped. */
  headerRow: number;
}

/** The longest record (in characters) read before a row is refused: a stray quote cannot eat the file. */
export const maxRecordChars = 1_000_000;

type Record_ = { record: string[]; info: Info };

/**
 * Streams the rows of a CSV, TSV or other delimited text file, one at a time and in bounded memory, with
 * their spreadsheet row numbers. A row with more or fewer fields than the header is still yielded, with a
 * problem saying so; a quote left open stops the read with a problem on the row where it opened.
 */
export async function* readDelimited(path: string, settings: DelimitedSettings): AsyncGenerator<SourceRow> {
  if (!isKnownEncoding(settings.encoding)) {
    throw importFileError('unknown_encoding', `Rapport does not know the encoding "${settings.encoding}".`);
  }
  const parser = parse({
    delimiter: settings.delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    info: true,
    max_record_size: maxRecordChars,
  });
  pipeline(createReadStream(path), iconv.decodeStream(settings.encoding), parser, () => undefined);
  let row = 0;
  let nextLine = 1;
  let columns: string[] | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<Record_>) {
      row++;
      const line = nextLine;
      nextLine = info.lines + 1;
      if (row < settings.headerRow) continue;
      if (columns === undefined) {
        columns = uniqueColumnNames(record);
        continue;
      }
      if (record.every((value) => value === '')) continue;
      yield rowOf(record, columns, row, line);
    }
  } catch (error) {
    // csv-parse's own refusals carry a CSV_ code; anything else (the file vanished) is not the file's fault.
    if (!isParseError(error)) throw error;
    yield malformedRow(error, row + 1, nextLine);
    return;
  }
  if (columns === undefined) {
    throw importFileError(
      'no_header',
      `The file has fewer than ${settings.headerRow} rows: there is no header.`,
    );
  }
}

function rowOf(record: string[], columns: readonly string[], row: number, line: number): SourceRow {
  const fields: Record<string, string> = {};
  const problems: RowProblem[] = [];
  columns.forEach((name, index) => (fields[name] = record[index] ?? ''));
  if (record.length < columns.length) {
    problems.push({
      code: 'too_few_fields',
      row,
      message: `Row ${row} has ${record.length} fields, the header ${columns.length}; the missing ones are empty.`,
    });
  }
  // A trailing delimiter (an empty extra field) is common in exports and loses nothing: only report data.
  const extra = record.slice(columns.length);
  if (extra.some((value) => value !== '')) {
    extra.forEach((value, index) => (fields[`Column ${columns.length + index + 1}`] = value));
    problems.push({
      code: 'too_many_fields',
      row,
      message: `Row ${row} has ${record.length} fields, the header ${columns.length}; the extra ones are kept as "Column ${columns.length + 1}"….`,
    });
  }
  return { row, line, fields, problems };
}

function isParseError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && 'code' in error && String(error.code).startsWith('CSV_');
}

function malformedRow(error: Error, row: number, line: number): SourceRow {
  const reason = error.message;
  return {
    row,
    line,
    fields: {},
    problems: [
      {
        code: 'malformed_row',
        row,
        message: `Row ${row} (line ${line}) could not be read, so the rest of the file was not: ${reason}. Check for a quote that is opened and never closed.`,
      },
    ],
  };
}
