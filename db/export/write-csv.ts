import type { CellValue, MomentFormat } from './cell-format.ts';
import type { OutputSink } from './output-file.ts';
import type { Progress } from './progress.ts';
import type { ExportColumn, SheetData, SheetRow } from './sheet-columns.ts';

export interface CsvOptions {
  delimiter: string;
  moments: MomentFormat;
}

/** UTF-8's byte order mark: without it Excel reads a CSV in the machine's code page and garbles Cyrillic. */
const BOM = '\uFEFF';
/** Bytes gathered before a write: big enough to cost little, small enough to keep memory flat. */
const CHUNK = 1024 * 1024;

/**
 * Writes one list as CSV (RFC 4180): UTF-8 with a BOM, CRLF between records, a field quoted when it holds
 * the delimiter, a quote or a line break (quotes doubled). Values are plain for people and the importer:
 * ISO days, moments in ISO 8601 with their offset, numbers with a dot, TRUE/FALSE, choices as codes.
 */
export async function writeCsv(
  sink: OutputSink,
  sheet: SheetData,
  options: CsvOptions,
  progress: Progress,
): Promise<void> {
  const quoteWhen = new RegExp(`["\\r\\n${escapeForClass(options.delimiter)}]`);
  const field = (text: string) => (quoteWhen.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  const cells = sheet.columns.map((column) => cellWriter(column, field, options.moments));
  let chunk = `${BOM}${sheet.columns.map((column) => field(column.header)).join(options.delimiter)}\r\n`;
  for (const row of sheet.rows) {
    // The hot loop of a big export: one string per row, no array per row.
    for (let i = 0; i < cells.length; i++) {
      if (i > 0) chunk += options.delimiter;
      chunk += cells[i]?.(row) ?? '';
    }
    chunk += '\r\n';
    progress.row();
    if (chunk.length >= CHUNK) {
      await sink.write(chunk);
      chunk = '';
    }
  }
  await sink.write(chunk);
}

/**
 * How one column's cell is written, decided once per column: only text can hold a delimiter, a quote or
 * a line break (numbers, flags, ISO days and moments never do), so only text is checked for quoting.
 */
function cellWriter(
  column: ExportColumn,
  field: (text: string) => string,
  moments: MomentFormat,
): (row: SheetRow) => string {
  const plain = (value: CellValue) =>
    value === null ? '' : typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : String(value);
  switch (column.kind) {
    case 'text':
      return (row) => {
        const value = column.value(row);
        return typeof value === 'string' ? field(withoutFormula(value)) : plain(value);
      };
    case 'moment':
      return (row) => {
        const value = column.value(row);
        return typeof value === 'string' ? field(moments.text(value)) : plain(value);
      };
    case 'day':
      return (row) => {
        const value = column.value(row);
        return typeof value === 'string' ? field(value) : plain(value);
      };
    case 'number':
    case 'bool':
      return (row) => plain(column.value(row));
  }
}

/** A sign, then only what phone numbers and numbers are made of: "+7 (701) 123-45-67", "-5". */
const PLAIN_SIGNED = /^[+-][\d\s().\-/]*$/;

/**
 * Spreadsheets run a cell that starts with =, +, -, @ as a formula (a name like "=HYPERLINK(…)" could
 * reach the network): such text gets a leading apostrophe, which Excel shows as text. Phone numbers and
 * negative numbers are left as they are.
 */
export function withoutFormula(text: string): string {
  const first = text[0];
  if (first === '=' || first === '@' || first === '\t' || first === '\r') return `'${text}`;
  if ((first === '+' || first === '-') && !PLAIN_SIGNED.test(text)) return `'${text}`;
  return text;
}

function escapeForClass(character: string): string {
  return character.replace(/[\\\]^-]/g, '\\$&');
}
