import type { CellKind, CellValue, MomentFormat } from './cell-format.ts';
import type { OutputSink } from './output-file.ts';
import type { Progress } from './progress.ts';
import type { SheetData } from './sheet-columns.ts';

export interface CsvOptions {
  delimiter: string;
  moments: MomentFormat;
}

/** UTF-8's byte order mark: without it Excel reads a CSV in the machine's code page and garbles Cyrillic. */
const BOM = '\uFEFF';
/** Bytes gathered before a write: big enough to cost little, small enough to keep memory flat. */
const CHUNK = 64 * 1024;

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
  const line = (texts: readonly string[]) => `${texts.map(field).join(options.delimiter)}\r\n`;
  let chunk = BOM + line(sheet.columns.map((column) => column.header));
  for (const row of sheet.rows) {
    chunk += line(sheet.columns.map((column) => cellText(column.kind, column.value(row), options.moments)));
    progress.row();
    if (chunk.length >= CHUNK) {
      await sink.write(chunk);
      chunk = '';
    }
  }
  await sink.write(chunk);
}

function cellText(kind: CellKind, value: CellValue, moments: MomentFormat): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return String(value);
  if (kind === 'moment') return moments.text(value);
  return kind === 'text' ? withoutFormula(value) : value;
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
