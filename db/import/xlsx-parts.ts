import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { importFileError } from './source-row.ts';
import type { XlsxArchive } from './xlsx-archive.ts';

/**
 * The small parts of an .xlsx that a sheet needs: the sheet list, the shared strings and which cell
 * styles are dates. XML goes through saxes, a streaming parser that expands no custom entities (no
 * "billion laughs"); element names are compared without their namespace prefix.
 */

export interface SheetRef {
  name: string;
  /** The part holding the sheet, e.g. `xl/worksheets/sheet1.xml`. */
  part: string;
}

export interface WorkbookInfo {
  sheets: SheetRef[];
  /** Dates count from 1904-01-01 (old Mac workbooks) instead of 1899-12-30. */
  date1904: boolean;
}

interface XmlHandlers {
  onOpen?: (name: string, attributes: Record<string, string>) => void;
  onText?: (text: string) => void;
  onClose?: (name: string) => void;
}

/** Calls the handlers for every element of an XML part, reading it as a stream to its end. */
export async function walkXml(stream: Readable, handlers: XmlHandlers): Promise<void> {
  for await (const _ of xmlChunks(stream, handlers)) continue;
}

/**
 * Parses an XML part chunk by chunk, pausing after each: a streaming reader takes what the handlers
 * collected before the next chunk is read, so a sheet of any length is read in bounded memory.
 */
export async function* xmlChunks(stream: Readable, handlers: XmlHandlers): AsyncGenerator<void> {
  const parser = new SaxesParser({ xmlns: false });
  const { onOpen, onText, onClose } = handlers;
  if (onOpen) parser.on('opentag', (tag: SaxesTagPlain) => onOpen(localName(tag.name), tag.attributes));
  if (onText) {
    parser.on('text', onText);
    parser.on('cdata', onText);
  }
  if (onClose) parser.on('closetag', (tag) => onClose(localName(tag.name)));
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      parser.write(decoder.write(chunk));
      yield;
    }
    parser.write(decoder.end()).close();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const code = /too many bytes|too few bytes/.test(reason) ? 'archive_too_large' : 'invalid_xlsx';
    throw importFileError(code, `A part of this .xlsx could not be read: ${reason}.`);
  } finally {
    stream.destroy();
  }
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** The sheets in their order in the workbook, and its date system. */
export async function readWorkbook(archive: XlsxArchive): Promise<WorkbookInfo> {
  const targets = new Map<string, string>();
  if (archive.has('xl/_rels/workbook.xml.rels')) {
    await walkXml(await archive.stream('xl/_rels/workbook.xml.rels'), {
      onOpen: (name, a) => {
        if (name === 'Relationship' && a.Id && a.Target) targets.set(a.Id, a.Target);
      },
    });
  }
  const sheets: SheetRef[] = [];
  let date1904 = false;
  await walkXml(await archive.stream('xl/workbook.xml'), {
    onOpen: (name, a) => {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name !== 'sheet') return;
      const id = a['r:id'] ?? Object.entries(a).find(([key]) => key.endsWith(':id'))?.[1] ?? '';
      const target = targets.get(id) ?? `worksheets/sheet${sheets.length + 1}.xml`;
      sheets.push({ name: a.name ?? `Sheet${sheets.length + 1}`, part: partPath(target) });
    },
  });
  return { sheets, date1904 };
}

function partPath(target: string): string {
  return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
}

/** The shared string table (rich text runs joined, phonetic guides left out). */
export async function readSharedStrings(archive: XlsxArchive): Promise<string[]> {
  const strings: string[] = [];
  if (!archive.has('xl/sharedStrings.xml')) return strings;
  let current: string[] = [];
  let inText = false;
  let inPhonetic = false;
  await walkXml(await archive.stream('xl/sharedStrings.xml'), {
    onOpen: (name) => {
      if (name === 'si') current = [];
      else if (name === 'rPh') inPhonetic = true;
      else if (name === 't' && !inPhonetic) inText = true;
    },
    onText: (text) => {
      if (inText) current.push(text);
    },
    onClose: (name) => {
      if (name === 't') inText = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'si') strings.push(unescapeOoxml(current.join('')));
    },
  });
  return strings;
}

/** OOXML writes characters XML cannot hold as `_xHHHH_` (a carriage return is `_x000D_`). */
export function unescapeOoxml(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

// Built-in number formats that are dates or times (ECMA-376 18.8.30, with the East Asian ones).
const builtInDateFormats = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** For each cell style index, whether its number format shows a date or time. */
export async function readDateStyles(archive: XlsxArchive): Promise<boolean[]> {
  if (!archive.has('xl/styles.xml')) return [];
  const customFormats = new Map<number, string>();
  const dateStyles: boolean[] = [];
  let inCellXfs = false;
  await walkXml(await archive.stream('xl/styles.xml'), {
    onOpen: (name, a) => {
      if (name === 'numFmt' && a.numFmtId) customFormats.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(a.numFmtId ?? 0);
        const custom = customFormats.get(id);
        dateStyles.push(custom === undefined ? builtInDateFormats.has(id) : isDateFormat(custom));
      }
    },
    onClose: (name) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return dateStyles;
}

/** A custom format is a date when, outside quoted text and [colour] sections, it has d, m, y, h or s. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?!h\]|m\]|s\])[^\]]*\]/gi, '');
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** An Excel serial date as ISO 8601: `2024-10-07`, `2024-10-07T14:30:00`, or `14:30:00` for a time. */
export function serialToIso(serial: number, date1904: boolean): string {
  // 1900 system: day 60 is the 29 February 1900 that never was (Lotus 1-2-3's bug, kept by Excel).
  const days = date1904 ? serial + 1462 : serial < 60 ? serial + 1 : serial;
  const ms = Math.round((days - 25569) * 86_400) * 1000;
  const iso = new Date(ms).toISOString();
  if (serial < 1 && serial >= 0) return iso.slice(11, 19);
  return Number.isInteger(serial) ? iso.slice(0, 10) : iso.slice(0, 19);
}

/** Which column a cell reference is in: `C7` → 2. */
export function columnIndex(reference: string): number {
  let index = 0;
  for (const char of reference) {
    const code = char.charCodeAt(0);
    if (code < 65 || code > 90) break;
    index = index * 26 + (code - 64);
  }
  return index - 1;
}

export function missingSheet(name: string, sheets: readonly SheetRef[]): Error {
  return importFileError(
    'sheet_not_found',
    `The workbook has no sheet "${name}"; it has ${sheets.map((s) => `"${s.name}"`).join(', ')}.`,
  );
}
