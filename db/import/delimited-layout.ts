import { parse } from 'csv-parse/sync';

/** The delimiters the importer tries; the user may give any other single character. */
export const candidateDelimiters = [',', ';', '\t', '|'] as const;

/** Where the data of a delimited text starts and how its fields are separated. */
export interface DelimitedLayout {
  delimiter: string;
  /** 1-based row of the header (rows above it are a preamble, like LinkedIn's "Notes:"). */
  headerRow: number;
  header: string[];
  /** Up to five data rows after the header, for the UI to show. */
  preview: string[][];
}

/** How many records of the sample the layout is judged on. */
const sampleRecords = 50;

/**
 * Finds the delimiter and the header row of decoded text from the start of a file. The delimiter is the
 * one that splits the most rows into the same number of fields (quotes respected, so a comma inside a
 * quoted cell does not count); the header is the first row at least 80% that wide (a preamble line such
 * as "Exported on 1 Dec, by …" is narrower; a header may lack a few unnamed trailing columns).
 */
export function detectDelimitedLayout(
  text: string,
  truncated: boolean,
  delimiter?: string,
  headerRow?: number,
): DelimitedLayout {
  const tried = (delimiter === undefined ? candidateDelimiters : [delimiter]).map((candidate) => {
    const records = sampleOf(text, truncated, candidate);
    return { delimiter: candidate, records, ...consistencyOf(records) };
  });
  // Sort is stable: on a tie the earlier candidate (comma first) wins.
  const best = [...tried].sort((a, b) => b.matches - a.matches || b.width - a.width)[0];
  if (best === undefined) throw new Error('no delimiter candidates');
  const headerIndex = headerRow === undefined ? headerIndexOf(best.records, best.width) : headerRow - 1;
  return {
    delimiter: best.delimiter,
    headerRow: headerIndex + 1,
    header: best.records[headerIndex] ?? [],
    preview: best.records
      .slice(headerIndex + 1)
      .filter(isNotBlank)
      .slice(0, 5),
  };
}

function sampleOf(text: string, truncated: boolean, delimiter: string): string[][] {
  // A sample cut mid-file ends in a partial record: drop the last line, and read what parses.
  const body = truncated ? text.slice(0, Math.max(0, text.lastIndexOf('\n'))) : text;
  try {
    return parseRecords(body, delimiter);
  } catch {
    // A quote left open in the sample (a long multi-line cell cut off): judge the rows before it.
    const lines = body.split('\n');
    for (let keep = lines.length - 1; keep > 0; keep = Math.floor(keep / 2)) {
      try {
        return parseRecords(lines.slice(0, keep).join('\n'), delimiter);
      } catch {
        continue;
      }
    }
    return [];
  }
}

function parseRecords(text: string, delimiter: string): string[][] {
  return parse(text, {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    bom: true,
    to: sampleRecords,
  });
}

function consistencyOf(records: readonly string[][]): { width: number; matches: number } {
  const counts = new Map<number, number>();
  for (const record of records.filter(isNotBlank))
    counts.set(record.length, (counts.get(record.length) ?? 0) + 1);
  let width = 1;
  let matches = 0;
  for (const [fields, times] of counts) {
    if (fields > 1 && times > matches) {
      width = fields;
      matches = times;
    }
  }
  return { width, matches };
}

function headerIndexOf(records: readonly string[][], width: number): number {
  const index = records.findIndex(
    (record) => isNotBlank(record) && record.length >= Math.max(2, Math.ceil(width * 0.8)),
  );
  if (index >= 0) return index;
  const firstText = records.findIndex(isNotBlank);
  return firstText >= 0 ? firstText : 0;
}

function isNotBlank(record: readonly string[]): boolean {
  return record.some((value) => value.trim() !== '');
}
