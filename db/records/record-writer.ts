import { AppError } from '../../shared/api/errors.ts';
import type { HybridClock } from '../../shared/hlc.ts';
import { uuidv7 } from '../../shared/ids.ts';
import type { ChangeOrigin } from '../schema.ts';
import { readMeta } from '../local-meta.ts';
import type { Db } from '../sql.ts';
import { SYNC_KEYS } from '../sync/state.ts';
import { indexNewRecords } from '../search/index-record.ts';
import { CREATED_FIELD, creationEntries } from './creation-entry.ts';
import { insertValues, uniformRows } from './insert-many.ts';
import {
  type FieldValue,
  type PatchOf,
  type RowOf,
  type RowPatch,
  type StoredRow,
  type SyncedTable,
  specOf,
} from './synced-tables.ts';

/** Who is writing: this device and its signed-in user (none before sync is set up). */
export interface Actor {
  deviceId: string;
  userId: string | null;
}

/** Stored rows by id, typed by their table. */
export interface RowReader {
  /**
   * The row as stored, deleted or not; `undefined` if there is none. Read once per call: later reads of
   * the same row, and the writers', take it from memory until a write changes it.
   */
  read<T extends SyncedTable>(table: T, id: string): RowOf<T> | undefined;
}

/**
 * Writes synced rows and their field-level change log in the caller's transaction. One writer serves one
 * API call: all its changes share one transaction id (the unit of undo) and one clock.
 */
export interface RecordWriter extends RowReader {
  readonly txnId: string;
  /**
   * Inserts a new row, logged as one creation entry holding every given field (creation-entry.ts). `times` keeps the record's own
   * creation and last change (a record brought back from an export); without it both are now.
   */
  insert<T extends SyncedTable>(table: T, id: string, values: PatchOf<T>, times?: RecordTimes): void;
  /** Changes fields of a row; returns the fields that really changed (unchanged ones are not logged). */
  update<T extends SyncedTable>(table: T, id: string, patch: PatchOf<T>): string[];
  /**
   * Inserts new rows as `insert` would one after the other (the same rows, change log in the same
   * order, search documents), in statements of many rows: for a bulk load (an import). Only for tables
   * whose new rows change nothing else (no rollups); others are refused.
   */
  insertMany(records: readonly NewRecord[]): void;
}

/** A row to insert: its table, id and fields, as `insert` takes them. */
export interface NewRecord {
  table: SyncedTable;
  id: string;
  values: RowPatch;
}

/** When a record was created and last changed, as stored (UTC with milliseconds). */
export interface RecordTimes {
  createdAt: string;
  updatedAt: string;
}

/** The rows one API call has read or written, shared by its reader and writers. */
export type RowCache = Map<string, StoredRow | undefined>;

const keyOf = (table: SyncedTable, id: string) => `${table}\u0000${id}`;

/** Reads rows once per call through `rows` (see {@link RowReader}). */
export function createRowReader(db: Db, rows: RowCache): RowReader {
  return {
    read<T extends SyncedTable>(table: T, id: string) {
      const key = keyOf(table, id);
      if (!rows.has(key))
        rows.set(key, db.prepare(`SELECT * FROM "${table}" WHERE id = ?`).get(id) as StoredRow);
      // Every column of `table` is in its `SELECT *` row; the table's type says which they are.
      return rows.get(key) as RowOf<T> | undefined;
    },
  };
}

export interface RecordWriterOptions {
  db: Db;
  now: () => Date;
  clock: HybridClock;
  actor: Actor;
  origin: ChangeOrigin;
  /** Shared by every writer of one call (an undo writes with another origin but the same rows). */
  rows?: RowCache;
  /**
   * The transaction id to log under; default a new one. A long import writes in many short database
   * transactions, each with its own writer and clock, all under one id: one undo step.
   */
  txnId?: string;
}

export function createRecordWriter(options: RecordWriterOptions): RecordWriter {
  const txnId = options.txnId ?? uuidv7(options.now().getTime());
  let stamp: { hlc: string; at: string; seen: number } | undefined;
  // One clock per API call, taken at the first real change, so reads never advance the clock; with it,
  // how far this laptop had pulled the team's changes (what the person saw when making this one).
  const stampOnce = () =>
    (stamp ??= {
      hlc: options.clock.tick(),
      at: options.now().toISOString(),
      seen: pulledUpTo(options.db),
    });
  const logEntry = (
    table: SyncedTable,
    id: string,
    field: string,
    oldValue: string | null,
    newValue: FieldValue | Record<string, FieldValue>,
  ): FieldValue[] => {
    const { hlc, at, seen } = stampOnce();
    const { actor, origin } = options;
    return [
      txnId,
      hlc,
      at,
      table,
      id,
      field,
      oldValue,
      JSON.stringify(newValue),
      actor.userId,
      actor.deviceId,
      origin,
      seen,
    ];
  };
  const log = (...entry: Parameters<typeof logEntry>) => {
    // A prepared statement (cached by its text), not a built query: an import logs millions of these.
    options.db.prepare(LOG_SQL).run(...logEntry(...entry));
  };
  // The rows this call has read or written, so a record is read once per call however many steps look at
  // it (checks, the write, the answer). A write may change other rows through its hooks (rollups), so
  // each write forgets the rest and keeps only the row it wrote.
  const rows: RowCache = options.rows ?? new Map<string, StoredRow | undefined>();
  const reader = createRowReader(options.db, rows);
  const read: RowReader['read'] = (table, id) => reader.read(table, id);
  const readStored = (table: SyncedTable, id: string): StoredRow | undefined => reader.read(table, id);
  const wrote = (table: SyncedTable, id: string, row: StoredRow) => {
    rows.clear();
    rows.set(keyOf(table, id), row);
  };

  return {
    txnId,
    read,
    insert(table, id, given, times) {
      const { hlc, at } = stampOnce();
      const { row, fields } = newRow(
        table,
        id,
        given as RowPatch,
        hlc,
        times ?? { createdAt: at, updatedAt: at },
      );
      insertRow(options.db, table, row);
      const { created, ownEntries } = creationEntries(table, row, fields);
      log(table, id, CREATED_FIELD, null, created);
      for (const field of ownEntries) log(table, id, field, null, row[field] ?? null);
      specOf(table).afterWrite?.(options.db, row, undefined);
      // The table fills what was not given (its defaults): the new row is read as stored when needed.
      rows.clear();
    },
    insertMany(records) {
      if (records.length === 0) return;
      const { hlc, at } = stampOnce();
      const byTable = new Map<SyncedTable, StoredRow[]>();
      const entries: FieldValue[][] = [];
      for (const { table, id, values } of records) {
        if (!specOf(table).onlyIndexedAfterWrite)
          throw new Error(`${table} rows keep other rows in step: insert them one by one`);
        const { row, fields } = newRow(table, id, values, hlc, { createdAt: at, updatedAt: at });
        const list = byTable.get(table) ?? [];
        list.push(row);
        byTable.set(table, list);
        const { created, ownEntries } = creationEntries(table, row, fields);
        entries.push(logEntry(table, id, CREATED_FIELD, null, created));
        for (const field of ownEntries) entries.push(logEntry(table, id, field, null, row[field] ?? null));
      }
      for (const [table, list] of byTable) {
        const kind = specOf(table).search;
        const { columns, values } = uniformRows(options.db, table, list);
        const rowids = insertValues(options.db, table, columns, values, kind && 'rowid');
        if (kind) indexNewRecords(options.db, kind, list, rowids);
      }
      insertValues(options.db, 'change_log', LOG_COLUMNS, entries);
      rows.clear();
    },
    update(table, id, given) {
      const patch = given as RowPatch;
      const current = readStored(table, id);
      if (!current) throw new AppError('not_found', `There is no ${table} with this id.`, { table, id });
      const spec = specOf(table);
      assertKnownFields(table, Object.keys(patch));
      const changed = spec.fields.filter(
        (f) => f in patch && patch[f] !== undefined && patch[f] !== current[f],
      );
      if (changed.length === 0) return [];
      const { hlc, at } = stampOnce();
      const next: StoredRow = {
        ...current,
        ...Object.fromEntries(changed.map((f) => [f, patch[f] ?? null])),
      };
      const clocks = {
        ...parseClocks(current.field_clocks),
        ...Object.fromEntries(changed.map((f) => [f, hlc])),
      };
      const columns: StoredRow = {
        ...Object.fromEntries(changed.map((f) => [f, next[f] ?? null])),
        ...spec.derive?.(next),
        updated_at: at,
        hlc,
        field_clocks: JSON.stringify(clocks),
      };
      updateRow(options.db, table, id, columns);
      for (const field of changed)
        log(table, id, field, JSON.stringify(current[field] ?? null), next[field] ?? null);
      const written = { ...next, ...columns };
      spec.afterWrite?.(options.db, written, current);
      wrote(table, id, written);
      return changed;
    },
  };
}

/** The change-log columns a writer fills, in the order of its entries (undone_by, server_seq stay NULL). */
const LOG_COLUMNS = [
  'txn_id',
  'hlc',
  'at',
  'table_name',
  'row_id',
  'field',
  'old_value',
  'new_value',
  'user_id',
  'device_id',
  'origin',
  'seen_seq',
] as const;

const LOG_SQL = `INSERT INTO change_log (${LOG_COLUMNS.join(', ')}) VALUES (${LOG_COLUMNS.map(() => '?').join(', ')})`;

/**
 * A new row as stored, with the fields its change log names (the given ones, in the table's order):
 * not deleted, derived columns filled, every given field stamped with the clock of its creation.
 */
function newRow(
  table: SyncedTable,
  id: string,
  given: RowPatch,
  hlc: string,
  times: RecordTimes,
): { row: StoredRow; fields: string[] } {
  const values = definedOnly(given);
  const spec = specOf(table);
  assertKnownFields(table, Object.keys(values));
  const fields = spec.fields.filter((field) => field in values);
  const row: StoredRow = {
    deleted_at: null,
    merged_into: null,
    ...values,
    ...spec.derive?.(values),
    id,
    created_at: times.createdAt,
    updated_at: times.updatedAt,
    hlc,
    field_clocks: JSON.stringify(Object.fromEntries(['created_at', ...fields].map((f) => [f, hlc]))),
  };
  return { row, fields };
}

/** The sync cursor: every team change up to it is applied here (0 before the first sync). */
function pulledUpTo(db: Db): number {
  return Number(readMeta(db, SYNC_KEYS.cursor) ?? 0);
}

/** Inserts a row as given; column names come from the table's spec or the code, never from input. */
export function insertRow(db: Db, table: SyncedTable, row: StoredRow): void {
  const columns = Object.keys(row);
  db.prepare(insertSql(table, columns)).run(...columns.map((c) => row[c] ?? null));
}

/** `INSERT` of these columns, values bound in their order. */
export function insertSql(table: SyncedTable, columns: readonly string[]): string {
  return `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
}

/** Sets columns of one row; column names come from the table's spec or the code, never from input. */
export function updateRow(db: Db, table: SyncedTable, id: string, columns: StoredRow): void {
  const names = Object.keys(columns);
  const sql = `UPDATE "${table}" SET ${names.map((c) => `"${c}" = ?`).join(', ')} WHERE id = ?`;
  db.prepare(sql).run(...names.map((c) => columns[c] ?? null), id);
}

/** A row's per-field clocks (SYNC.md). */
export function parseClocks(value: FieldValue | undefined): Record<string, string> {
  if (typeof value !== 'string') return {};
  const parsed: unknown = JSON.parse(value);
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {};
}

/** Column names end up in SQL text: only the table's declared fields may pass. */
function assertKnownFields(table: SyncedTable, names: string[]): void {
  const fields: readonly string[] = specOf(table).fields;
  const unknown = names.filter((name) => !fields.includes(name));
  if (unknown.length > 0) throw new Error(`${table} has no synced field ${unknown.join(', ')}`);
}

function definedOnly(patch: RowPatch): StoredRow {
  const row: StoredRow = {};
  for (const [key, value] of Object.entries(patch)) if (value !== undefined) row[key] = value;
  return row;
}
