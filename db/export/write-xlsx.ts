import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { type CellKind, type CellValue, type MomentFormat, daySerial } from './cell-format.ts';
import type { OutputSink } from './output-file.ts';
import type { Progress } from './progress.ts';
import type { ExportColumn, SheetData, SheetRow } from './sheet-columns.ts';
import {
  XML_HEAD,
  cellStyles,
  contentTypesXml,
  escapeCellText,
  namespaces,
  packageRelationshipsXml,
  stylesXml,
  workbookRelationshipsXml,
  workbookXml,
} from './xlsx-package.ts';

export interface XlsxOptions {
  moments: MomentFormat;
  /** Data rows per sheet before a list continues on a next sheet (Excel shows at most 1,048,576 rows). */
  maxRowsPerSheet?: number;
}

/** Excel's last row, less the header. */
const EXCEL_DATA_ROWS = 1_048_575;
const CHUNK = 64 * 1024;

/** One worksheet of the workbook: a list, or the next part of one too long for a sheet. */
interface SheetPart {
  name: string;
  columns: ExportColumn[];
  rows: Iterator<SheetRow>;
  limit: number;
}

/**
 * Writes the lists as one workbook, a sheet per list: text as inline strings (no shared-string table to
 * hold in memory), numbers as numbers, days and moments as Excel dates with a date format, flags as
 * booleans, a bold frozen header row. Each sheet's XML streams through yazl's deflate into the file as
 * its rows are read; a list longer than a sheet allows goes on in "Name (2)".
 */
export async function writeXlsx(
  sink: OutputSink,
  sheets: readonly SheetData[],
  options: XlsxOptions,
  progress: Progress,
): Promise<void> {
  const limit = options.maxRowsPerSheet ?? EXCEL_DATA_ROWS;
  const iterators = sheets.map((sheet) => sheet.rows[Symbol.iterator]());
  const parts = sheets.flatMap((sheet, index) => partsOf(sheet, iterators[index] ?? [].values(), limit));
  const names = sheetNames(parts.map((part) => part.name));
  const zip = new ZipFile();
  // Deflate's fastest level: sheet XML still shrinks about tenfold, at a third of the default's time.
  const now = { mtime: new Date(), compressionLevel: 1 };
  zip.addBuffer(Buffer.from(contentTypesXml(parts.length)), '[Content_Types].xml', now);
  zip.addBuffer(Buffer.from(packageRelationshipsXml()), '_rels/.rels', now);
  zip.addBuffer(Buffer.from(workbookXml(names)), 'xl/workbook.xml', now);
  zip.addBuffer(Buffer.from(workbookRelationshipsXml(parts.length)), 'xl/_rels/workbook.xml.rels', now);
  zip.addBuffer(Buffer.from(stylesXml()), 'xl/styles.xml', now);
  try {
    await new Promise<void>((resolve, reject) => {
      parts.forEach((part, index) => {
        zip.addReadStreamLazy(`xl/worksheets/sheet${index + 1}.xml`, now, (ready) => {
          const sheet = Readable.from(sheetXml(part, options.moments, progress), { objectMode: false });
          // yazl does not listen for a failing stream it was given: a cancelled or failed sheet ends the
          // export here (never as an unhandled error).
          sheet.once('error', reject);
          ready(null, sheet);
        });
      });
      zip.on('error', reject);
      sink.stream.once('error', reject);
      zip.outputStream.once('end', resolve);
      zip.outputStream.pipe(sink.stream, { end: false });
      zip.end();
    });
  } finally {
    zip.outputStream.unpipe(sink.stream);
    // A cancelled export stops mid-sheet: its database cursor is closed here, not left open.
    for (const iterator of iterators) iterator.return?.();
  }
}

function partsOf(sheet: SheetData, rows: Iterator<SheetRow>, limit: number): SheetPart[] {
  const count = Math.max(1, Math.ceil(sheet.count / limit));
  return Array.from({ length: count }, (_, index) => ({
    name: index === 0 ? sheet.name : `${sheet.name} (${index + 1})`,
    columns: sheet.columns,
    rows,
    limit,
  }));
}

/** Sheet names as Excel allows them: at most 31 characters, none of : \ / ? * [ ], each once. */
function sheetNames(wanted: readonly string[]): string[] {
  const used = new Set<string>();
  return wanted.map((name) => {
    const base =
      name
        .replace(/[:\\/?*[\]]/g, ' ')
        .replace(/^'+|'+$/g, '')
        .slice(0, 31) || 'Sheet';
    let unique = base;
    for (let n = 2; used.has(unique.toLowerCase()); n++) unique = `${base.slice(0, 26)} (${n})`;
    used.add(unique.toLowerCase());
    return unique;
  });
}

function* sheetXml(part: SheetPart, moments: MomentFormat, progress: Progress): Generator<Buffer> {
  const letters = part.columns.map((_, index) => columnLetters(index));
  const widths = part.columns
    .map((column, i) => `<col min="${i + 1}" max="${i + 1}" width="${widthOf(column)}" customWidth="1"/>`)
    .join('');
  const header = part.columns
    .map((column, i) => textCell(`${letters[i] ?? ''}1`, column.header, cellStyles.header))
    .join('');
  let chunk =
    `${XML_HEAD}<worksheet xmlns="${namespaces.main}" xmlns:r="${namespaces.relationships}">` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    `<sheetFormatPr defaultRowHeight="15"/><cols>${widths}</cols><sheetData><row r="1">${header}</row>`;
  for (let written = 0; written < part.limit; written++) {
    const next = part.rows.next();
    if (next.done === true) break;
    const r = written + 2;
    let cells = '';
    part.columns.forEach((column, i) => {
      cells += cellXml(`${letters[i] ?? ''}${r}`, column.kind, column.value(next.value), moments);
    });
    chunk += `<row r="${r}">${cells}</row>`;
    progress.row();
    if (chunk.length >= CHUNK) {
      yield Buffer.from(chunk);
      chunk = '';
    }
  }
  yield Buffer.from(`${chunk}</sheetData></worksheet>`);
}

function cellXml(reference: string, kind: CellKind, value: CellValue, moments: MomentFormat): string {
  if (value === null || value === '') return '';
  if (typeof value === 'boolean') return `<c r="${reference}" t="b"><v>${value ? 1 : 0}</v></c>`;
  if (typeof value === 'number') return `<c r="${reference}"><v>${value}</v></c>`;
  const serial = kind === 'day' ? daySerial(value) : kind === 'moment' ? moments.serial(value) : null;
  if (serial !== null) {
    const style = kind === 'day' ? cellStyles.day : cellStyles.moment;
    return `<c r="${reference}" s="${style}"><v>${serial}</v></c>`;
  }
  return textCell(reference, value, cellStyles.plain);
}

function textCell(reference: string, text: string, style: number): string {
  const space = /^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : '';
  const styled = style === cellStyles.plain ? '' : ` s="${style}"`;
  return `<c r="${reference}"${styled} t="inlineStr"><is><t${space}>${escapeCellText(text)}</t></is></c>`;
}

/** A column wide enough for its header and what it usually holds. */
function widthOf(column: ExportColumn): number {
  const byKind: Record<CellKind, number> = { text: 18, number: 12, bool: 8, day: 12, moment: 17 };
  return Math.min(40, Math.max(byKind[column.kind], column.header.length + 2));
}

/** `A`, `B`, … `Z`, `AA`, …: the letters of a column by its index. */
function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
