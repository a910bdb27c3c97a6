import { createReadStream } from 'node:fs';
import { AppError } from '../../shared/api/errors.ts';
import type { EntityTable } from '../../shared/entities/entities.ts';
import { LATEST_SCHEMA_VERSION } from '../migrations/index.ts';
import { RAPPORT_JSON_FORMAT, RapportJsonHeader, jsonTableOrder } from './rapport-json-format.ts';

/** One thing read from the file: its header, a record of a table, or an entry of its change log. */
export type RapportJsonItem =
  | { kind: 'header'; header: RapportJsonHeader }
  | { kind: 'record'; table: EntityTable; line: number; value: unknown }
  | { kind: 'history'; line: number };

/** The longest line read: a record holds at most a few hundred kB of text; more is not a Rapport file. */
const MAX_LINE_BYTES = 16 * 1024 * 1024;

type State = 'start' | 'sections' | 'tables' | 'rows' | 'history' | 'end';

/**
 * Streams a Rapport JSON export (rapport-json-format.ts) as Rapport writes it, a line at a time: the
 * header, then each record with its table and line. A file laid out otherwise (reformatted by an editor),
 * of another format version, or from a newer Rapport is refused with what is wrong and where.
 */
export async function* readRapportJson(path: string): AsyncGenerator<RapportJsonItem> {
  let state: State = 'start';
  let table: EntityTable | undefined;
  let lastTable = -1;
  for await (const [text, line] of linesOf(path)) {
    const content = text.trim();
    if (content === '') continue;
    switch (state) {
      case 'start':
        yield { kind: 'header', header: headerOf(content, line) };
        state = 'sections';
        break;
      case 'sections':
        if (content === '"tables":{') state = 'tables';
        else if (content === '"changeLog":[') state = 'history';
        else if (content === '}') state = 'end';
        else throw unexpected(line, 'a "tables" or "changeLog" section');
        break;
      case 'tables': {
        if (content === '}' || content === '},') {
          state = 'sections';
          break;
        }
        const opened = /^"([a-z_]+)":\[$/.exec(content)?.[1];
        const index = jsonTableOrder.findIndex((name) => name === opened);
        if (index <= lastTable) throw unexpected(line, 'the next table of the export, such as "client":[');
        table = jsonTableOrder[index];
        lastTable = index;
        state = 'rows';
        break;
      }
      case 'rows':
        if (content === ']' || content === '],') state = 'tables';
        else if (table !== undefined) yield { kind: 'record', table, line, value: parseLine(content, line) };
        break;
      case 'history':
        if (content === ']' || content === '],') state = 'sections';
        else yield { kind: 'history', line };
        break;
      case 'end':
        throw unexpected(line, 'nothing after the end of the export');
    }
  }
  if (state !== 'end') throw invalid(`The export ends too soon (cut off?): it has no closing "}".`);
}

function headerOf(content: string, line: number): RapportJsonHeader {
  const match = /^\{"rapport":(\{.*\}),$/.exec(content);
  if (!match) {
    throw invalid('This is not a Rapport JSON export: its first line must hold the "rapport" header.', line);
  }
  const header = RapportJsonHeader.safeParse(parseLine(match[1] ?? '', line));
  if (!header.success)
    throw invalid(`The "rapport" header is damaged: ${header.error.issues[0]?.message ?? ''}`, line);
  if (header.data.format !== RAPPORT_JSON_FORMAT) {
    throw invalid(
      `This export is in format ${header.data.format}; this version of Rapport reads format ${RAPPORT_JSON_FORMAT}. Update Rapport to import it.`,
      line,
    );
  }
  if (header.data.schemaVersion > LATEST_SCHEMA_VERSION) {
    throw invalid(
      `This export was made by a newer Rapport (schema ${header.data.schemaVersion}; this version knows up to ${LATEST_SCHEMA_VERSION}). Update Rapport to import it.`,
      line,
    );
  }
  return header.data;
}

/** A line's JSON value, without the comma that separates it from the next. */
function parseLine(content: string, line: number): unknown {
  try {
    return JSON.parse(content.endsWith(',') ? content.slice(0, -1) : content) as unknown;
  } catch (error) {
    throw invalid(
      `Line ${line} is not a JSON record (${error instanceof Error ? error.message : String(error)}).`,
      line,
    );
  }
}

function unexpected(line: number, wanted: string): AppError {
  return invalid(
    `Line ${line} is not laid out as Rapport writes its export (expected ${wanted}); was the file edited or reformatted?`,
    line,
  );
}

function invalid(message: string, line?: number): AppError {
  return new AppError('validation', message, {
    importProblem: 'invalid_rapport_json',
    ...(line ? { line } : {}),
  });
}

/** The lines of a file as UTF-8 text with their numbers (1-based), a BOM and CRs dropped. */
async function* linesOf(path: string): AsyncGenerator<[string, number]> {
  const stream = createReadStream(path);
  let rest: Buffer = Buffer.alloc(0);
  let number = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let data = rest.length === 0 ? chunk : Buffer.concat([rest, chunk]);
      let newline = data.indexOf(0x0a);
      while (newline >= 0) {
        yield [textOf(data.subarray(0, newline), ++number), number];
        data = data.subarray(newline + 1);
        newline = data.indexOf(0x0a);
      }
      if (data.length > MAX_LINE_BYTES)
        throw invalid(`Line ${number + 1} is longer than any record can be.`, number + 1);
      rest = Buffer.from(data);
    }
    if (rest.length > 0) yield [textOf(rest, ++number), number];
  } finally {
    stream.destroy();
  }
}

function textOf(bytes: Buffer, number: number): string {
  const start = number === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const end = bytes.at(-1) === 0x0d ? bytes.length - 1 : bytes.length;
  return bytes.toString('utf8', start, end);
}
