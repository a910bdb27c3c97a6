import { AppError } from '../../shared/api/errors.ts';
import type { EntityTable } from '../../shared/entities/entities.ts';
import type { RecordWriter } from '../records/record-writer.ts';
import type { Db } from '../sql.ts';
import { type RapportJsonHeader, type StoredRecord, storedRecordOf } from './rapport-json-format.ts';
import { readRapportJson } from './read-rapport-json.ts';
import { removeImportedRecords } from './remove-imported.ts';

export interface RapportJsonImportOptions {
  /** The database to import into (the backend's connection: other calls run between batches). */
  db: Db;
  /** Writes every record with its change log; one writer, so the whole import is one undo step. */
  writer: RecordWriter;
  /** A file written by `exportData` with format `json`. */
  path: string;
  /** Called after each batch is written. */
  onProgress?: (recordsDone: number, recordsTotal: number) => void;
  signal?: AbortSignal;
  /** Records per transaction (default 500): between two, the app answers other calls. */
  batchSize?: number;
}

export interface RapportJsonImportResult {
  header: RapportJsonHeader;
  /** Records written, per table. */
  created: Partial<Record<EntityTable, number>>;
  /** Records left out because one with the same id is here already (importing a file twice adds nothing). */
  skipped: Partial<Record<EntityTable, number>>;
  /** Entries of the file's change log: kept in the file, not imported (the records' history here starts now). */
  historyEntries: number;
}

/** One record of the file that breaks its entity's declaration. */
export interface RecordProblem {
  line: number;
  table: EntityTable;
  id: string | null;
  /** The record's field (API name); empty for the record as a whole. */
  field: string;
  rule: string;
  message: string;
}

/** Problems listed in the error of a refused file; the rest are counted. */
const LISTED_PROBLEMS = 100;

/**
 * Imports a Rapport JSON export, records keeping their ids and times, through the record writer (so they
 * have a change log, sync, and one `history.undo` takes the whole import back). The file is read twice,
 * as a stream both times: first every record is checked against its entity's declaration, and a file
 * with any broken record is refused whole with each problem's line, record and field; then records are
 * written in batches, each its own transaction. Cancelled or failed part way, everything it wrote is
 * taken back. Records whose id exists already are skipped, so an export imports once however often it
 * is imported. The file's change log is not imported.
 */
export async function importRapportJson(options: RapportJsonImportOptions): Promise<RapportJsonImportResult> {
  const checked = await checkFile(options.path, options.signal);
  const result: RapportJsonImportResult = {
    header: checked.header,
    created: {},
    skipped: {},
    historyEntries: checked.historyEntries,
  };
  const batchSize = options.batchSize ?? 500;
  let done = 0;
  let batch: { table: EntityTable; record: StoredRecord & { ok: true } }[] = [];
  const write = () => {
    options.db.sqlite
      .transaction(() => {
        for (const { table, record } of batch) writeRecord(options, table, record, result);
      })
      .immediate();
    done += batch.length;
    batch = [];
    options.onProgress?.(done, checked.records);
  };
  try {
    for await (const item of readRapportJson(options.path)) {
      if (item.kind !== 'record') continue;
      const record = storedRecordOf(item.table, item.value);
      if (!record.ok) throw changedMeanwhile(item.line);
      batch.push({ table: item.table, record });
      if (batch.length >= batchSize) {
        write();
        // Let the app answer other calls (and reminders fire) between two batches.
        await new Promise((resolve) => setImmediate(resolve));
        options.signal?.throwIfAborted();
      }
    }
    write();
  } catch (error) {
    removeImportedRecords(options.db, options.writer.txnId);
    throw error;
  }
  return result;
}

function writeRecord(
  options: RapportJsonImportOptions,
  table: EntityTable,
  record: StoredRecord & { ok: true },
  result: RapportJsonImportResult,
): void {
  if (options.db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(record.id) !== undefined) {
    result.skipped[table] = (result.skipped[table] ?? 0) + 1;
    return;
  }
  options.writer.insert(table, record.id, record.values, record.times);
  result.created[table] = (result.created[table] ?? 0) + 1;
}

/** Reads the whole file once, checking every record; refuses it with the problems found. */
/** Checks every record of the file against its declaration; refuses the file whole with each problem. */
export async function checkFile(
  path: string,
  signal: AbortSignal | undefined,
): Promise<{ header: RapportJsonHeader; records: number; historyEntries: number }> {
  let header: RapportJsonHeader | undefined;
  let records = 0;
  let historyEntries = 0;
  let problemCount = 0;
  const problems: RecordProblem[] = [];
  for await (const item of readRapportJson(path)) {
    if (item.kind === 'header') header = item.header;
    else if (item.kind === 'history') historyEntries++;
    else {
      records++;
      if (records % 1000 === 0) signal?.throwIfAborted();
      const record = storedRecordOf(item.table, item.value);
      if (record.ok) continue;
      problemCount += record.problems.length;
      for (const problem of record.problems) {
        if (problems.length < LISTED_PROBLEMS)
          problems.push({ line: item.line, table: item.table, id: record.id, ...problem });
      }
    }
  }
  if (header === undefined) throw new AppError('validation', 'This file holds no Rapport export.');
  if (problemCount > 0) {
    const first = problems[0];
    throw new AppError(
      'validation',
      `${problemCount} ${problemCount === 1 ? 'value breaks' : 'values break'} Rapport's rules, so nothing was imported` +
        (first ? `; the first, line ${first.line}: ${first.table}.${first.field}: ${first.message}` : '.'),
      { importProblem: 'invalid_records', problemCount, problems },
    );
  }
  return { header, records, historyEntries };
}

function changedMeanwhile(line: number): AppError {
  return new AppError(
    'validation',
    `Line ${line} changed while the file was being imported; nothing was kept. Import it again.`,
    { importProblem: 'invalid_rapport_json', line },
  );
}
