import { wins } from '../../shared/sync/merge.ts';
import type { PulledChange } from '../../shared/sync/protocol.ts';
import { type EntityDecl, columnOf } from '../../shared/entities/define.ts';
import { entities } from '../../shared/entities/entities.ts';
import type { Db } from '../sql.ts';
import { CREATED_FIELD, creationOf } from '../records/creation-entry.ts';
import { insertRow, parseClocks, updateRow } from '../records/record-writer.ts';
import {
  type FieldValue,
  type StoredRow,
  type SyncedTable,
  isSyncedTable,
  specOf,
} from '../records/synced-tables.ts';
import { type ApplyOptions, type ApplyResult, touch } from './apply-result.ts';

/** The device id the server gives the changes of a snapshot (they are current states, not edits). */
export const SNAPSHOT_DEVICE = 'snapshot';

/** The texts of each table whose losing side of a concurrent edit is kept for the conflict inbox. */
const conflictFields = new Map(
  Object.values(entities).map((decl: EntityDecl) => [
    decl.table,
    new Set(
      Object.entries(decl.fields)
        .filter(([, field]) => field.conflict === true)
        .map(([name]) => columnOf(name)),
    ),
  ]),
);

/** True for a text whose lost concurrent edit goes to the inbox. */
export function isConflictField(table: string, field: string): boolean {
  return conflictFields.get(table)?.has(field) ?? false;
}

/** The pulled changes of one row, with the newest write of each field. */
interface RowChanges {
  table: SyncedTable;
  rowId: string;
  /** Every change to the row in the page, in order. */
  all: readonly PulledChange[];
  /** The newest incoming write of each field: the one the merge rule compares. */
  newest: Map<string, PulledChange>;
  /** Every incoming write of each field (texts written concurrently may each be a conflict). */
  writesOf: Map<string, PulledChange[]>;
}

/** What one application shares: its options, its transaction id and time, and its running result. */
interface Step {
  options: ApplyOptions;
  txnId: string;
  at: string;
  result: ApplyResult;
}

/**
 * Applies the changes of one row by the merge rule of SYNC.md; true when it created the row here. A row
 * new here is created from its creating changes; an existing row takes each field whose incoming clock
 * is newer, keeping for the inbox the texts typed here that a concurrent edit replaced or lost to.
 */
export function applyRow(
  changes: PulledChange[],
  options: ApplyOptions,
  txnId: string,
  at: string,
  result: ApplyResult,
): boolean {
  const row = groupRow(changes);
  if (!row) return false;
  const step: Step = { options, txnId, at, result };
  const current = options.db.prepare(`SELECT * FROM "${row.table}" WHERE id = ?`).get(row.rowId) as
    StoredRow | undefined;
  if (!current) return insertArrived(row, step);
  updateArrived(row, current, step);
  return false;
}

function groupRow(changes: readonly PulledChange[]): RowChanges | undefined {
  const first = changes[0];
  if (!first || !isSyncedTable(first.table)) return undefined;
  const newest = new Map<string, PulledChange>();
  const writesOf = new Map<string, PulledChange[]>();
  for (const change of changes) {
    const seen = newest.get(change.field);
    if (!seen || wins(change.hlc, seen.hlc)) newest.set(change.field, change);
    const writes = writesOf.get(change.field) ?? [];
    writes.push(change);
    writesOf.set(change.field, writes);
  }
  return { table: first.table, rowId: first.rowId, all: changes, newest, writesOf };
}

/** Creates a row seen for the first time; without its creation, or unusable, its changes wait. */
function insertArrived(row: RowChanges, { options, txnId, at, result }: Step): boolean {
  const { db } = options;
  const spec = specOf(row.table);
  const waitAll = (reason: string) => {
    for (const change of row.all) quarantine(db, change, reason, at);
    result.quarantined += row.all.length;
    return false;
  };
  if (!row.newest.has('created_at')) return waitAll('missing_row');
  const values: StoredRow = {};
  const clocks: Record<string, string> = {};
  let rowHlc = '';
  for (const [field, change] of row.newest) {
    values[field] = parseValue(change.value);
    clocks[field] = change.hlc;
    if (change.hlc > rowHlc) rowHlc = change.hlc;
  }
  const stored: StoredRow = {
    deleted_at: null,
    merged_into: null,
    ...values,
    ...spec.derive?.(values),
    id: row.rowId,
    created_at: typeof values.created_at === 'string' ? values.created_at : at,
    updated_at: at,
    hlc: rowHlc,
    field_clocks: JSON.stringify(clocks),
  };
  try {
    insertRow(db, row.table, stored);
  } catch (error) {
    // A row whose creating changes are incomplete (a required field missing) waits, whole, for the rest.
    return waitAll(`unusable_row: ${String(error)}`);
  }
  // Rows from a first-sync snapshot start their history on this laptop here: the team's earlier
  // history stays on the server (logging every field of 100k rows would triple the first sync).
  if (row.all[0]?.deviceId !== SNAPSHOT_DEVICE) {
    for (const [field, change] of row.newest) log(db, change, field, null, txnId, at, options.origin);
  }
  if (!options.bulk) spec.afterWrite?.(db, stored, undefined);
  touch(result, row.table, row.rowId);
  result.applied += row.newest.size;
  result.ignored += row.all.length - row.newest.size;
  return true;
}

/** Merges the incoming writes into a row already here, field by field, and stores what changed. */
function updateArrived(row: RowChanges, current: StoredRow, step: Step): void {
  const { db } = step.options;
  const spec = specOf(row.table);
  const clocks = parseClocks(current.field_clocks);
  const changed: Record<string, FieldValue> = {};
  let rowHlc = typeof current.hlc === 'string' ? current.hlc : '';
  for (const [field, change] of row.newest) {
    // A field never written has no clock: any write to it is newer.
    const currentClock = clocks[field] ?? null;
    if (!wins(change.hlc, currentClock)) {
      keepLocal(row, current, field, currentClock, step);
      continue;
    }
    clocks[field] = change.hlc;
    if (change.hlc > rowHlc) rowHlc = change.hlc;
    const incoming = takeIncoming(row, current, change, currentClock, step);
    if (incoming !== undefined) changed[field] = incoming.value;
  }
  const next: StoredRow = { ...current, ...changed };
  const anyChange = Object.keys(changed).length > 0;
  const columns: StoredRow = {
    ...changed,
    ...(anyChange ? { ...spec.derive?.(next), updated_at: step.at } : {}),
    hlc: rowHlc,
    field_clocks: JSON.stringify(clocks),
  };
  updateRow(db, row.table, row.rowId, columns);
  if (anyChange) {
    if (!step.options.bulk) spec.afterWrite?.(db, { ...next, ...columns }, current);
    touch(step.result, row.table, row.rowId);
  }
  askAboutEditOfDeleted(row, next, changed, clocks, step);
}

/**
 * The local value of `field` stays (its clock is newer). Each other text in the page written by someone
 * who had not seen it, when it was typed here, was written at the same time: keep it to show.
 */
function keepLocal(
  row: RowChanges,
  current: StoredRow,
  field: string,
  currentClock: string | null,
  step: Step,
): void {
  const { db, deviceId } = step.options;
  step.result.ignored++;
  // Only texts can conflict (and a pull mostly brings this laptop's own changes back): ask the change log
  // who wrote the current value only then.
  if (!isConflictField(row.table, field)) return;
  const kept = lastWrite(db, row.table, row.rowId, field);
  if (!kept || !typedHere(kept)) return;
  const local = { value: current[field] ?? null, hlc: currentClock ?? '' };
  for (const other of row.writesOf.get(field) ?? []) {
    if (other.deviceId === deviceId || other.hlc === currentClock) continue;
    const lostSeq = other.seq > 0 ? other.seq : Number.POSITIVE_INFINITY;
    if ((kept.seen_seq ?? 0) >= lostSeq) continue;
    const lost = { value: parseValue(other.value), hlc: other.hlc, deviceId: other.deviceId };
    if (recordConflict(db, row.table, row.rowId, field, local, lost, step.at)) step.result.conflicts++;
  }
}

/**
 * The newest incoming write of a field wins: logs it and returns its value when it changes the field
 * (undefined when the value is the same, only its clock newer).
 */
function takeIncoming(
  row: RowChanges,
  current: StoredRow,
  change: PulledChange,
  currentClock: string | null,
  { options, txnId, at, result }: Step,
): { value: FieldValue } | undefined {
  const { db } = options;
  const { field } = change;
  const incoming = parseValue(change.value);
  const oldValue = JSON.stringify(current[field] ?? null);
  const overwritten =
    isConflictField(row.table, field) && currentClock !== null
      ? lastWrite(db, row.table, row.rowId, field)
      : undefined;
  // A text typed here is replaced by one written without having seen it (written at the same time, or
  // before it reached the server): keep it to show. A later edit by someone who had seen it is no
  // conflict, just the next version.
  if (
    overwritten &&
    typedHere(overwritten) &&
    (overwritten.server_seq === null || change.seen < overwritten.server_seq)
  ) {
    const kept = { value: incoming, hlc: change.hlc };
    const lost = { value: current[field] ?? null, hlc: currentClock ?? '', deviceId: overwritten.device_id };
    if (recordConflict(db, row.table, row.rowId, field, kept, lost, at)) result.conflicts++;
  }
  if (incoming === current[field]) {
    // Same value, newer clock. A change made here (a redirect) must still travel: every device needs the
    // field's clock, or a later edit would win on some laptops and lose on others.
    if (options.origin === 'sync') log(db, change, field, oldValue, txnId, at, options.origin);
    result.ignored++;
    return undefined;
  }
  log(db, change, field, oldValue, txnId, at, options.origin);
  result.applied++;
  return { value: incoming };
}

/**
 * An edit that arrives for a record deleted here is kept, but does not bring it back: the inbox asks.
 * (A merged duplicate needs no question: sync redirects its later edits to the client it went into.)
 */
function askAboutEditOfDeleted(
  row: RowChanges,
  next: StoredRow,
  changed: Record<string, FieldValue>,
  clocks: Record<string, string>,
  { options, at, result }: Step,
): void {
  const editedFields = Object.keys(changed).filter(
    (field) => field !== 'deleted_at' && field !== 'merged_into',
  );
  const editor = editedFields.length > 0 ? row.newest.get(editedFields[0] ?? '') : undefined;
  const merged = next.merged_into !== null && next.merged_into !== undefined;
  if (next.deleted_at === null || next.deleted_at === undefined || !editor || merged) return;
  options.db
    .prepare(
      `INSERT INTO sync_conflict (kind, table_name, row_id, field, kept_value, kept_hlc, lost_value, lost_hlc, lost_device_id, at)
       VALUES ('deleted', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      row.table,
      row.rowId,
      editor.field,
      JSON.stringify(next.deleted_at),
      clocks.deleted_at ?? '',
      editor.value,
      editor.hlc,
      editor.deviceId,
      at,
    );
  result.conflicts++;
}

/**
 * Keeps the losing side of two different texts written to one field: `kept` is what the field holds
 * after the merge. Returns true when a conflict was recorded. Only text fields, only different non-empty
 * texts: a lost "Call back" versus "Call back" is no loss.
 */
function recordConflict(
  db: Db,
  table: string,
  rowId: string,
  field: string,
  kept: { value: FieldValue; hlc: string },
  lost: { value: FieldValue; hlc: string; deviceId: string },
  at: string,
): boolean {
  if (!isConflictField(table, field)) return false;
  if (typeof lost.value !== 'string' || lost.value === '' || lost.value === kept.value) return false;
  // The same lost write seen again (pulled a second time) is one conflict.
  const known = db
    .prepare('SELECT 1 FROM sync_conflict WHERE table_name = ? AND row_id = ? AND field = ? AND lost_hlc = ?')
    .get(table, rowId, field, lost.hlc);
  if (known !== undefined) return false;
  db.prepare(
    `INSERT INTO sync_conflict (table_name, row_id, field, kept_value, kept_hlc, lost_value, lost_hlc, lost_device_id, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    table,
    rowId,
    field,
    JSON.stringify(kept.value),
    kept.hlc,
    JSON.stringify(lost.value),
    lost.hlc,
    lost.deviceId,
    at,
  );
  return true;
}

interface FieldWrite {
  device_id: string;
  origin: string;
  seen_seq: number | null;
  server_seq: number | null;
}

/**
 * The write that gave a field its value here, from the change log (none for a snapshot's rows): its
 * newest entry, or else the record's creation when that set the field (creation-entry.ts).
 */
function lastWrite(db: Db, table: string, rowId: string, field: string): FieldWrite | undefined {
  const write = db
    .prepare(
      `SELECT device_id, origin, seen_seq, server_seq FROM change_log
       WHERE table_name = ? AND row_id = ? AND field = ? ORDER BY seq DESC LIMIT 1`,
    )
    .get(table, rowId, field) as FieldWrite | undefined;
  if (write !== undefined || field === CREATED_FIELD) return write;
  const creation = db
    .prepare(
      `SELECT device_id, origin, seen_seq, server_seq, new_value FROM change_log
       WHERE table_name = ? AND row_id = ? AND field = '${CREATED_FIELD}' ORDER BY seq DESC LIMIT 1`,
    )
    .get(table, rowId) as (FieldWrite & { new_value: string | null }) | undefined;
  const created = creation?.new_value ? creationOf(creation.new_value) : undefined;
  if (creation === undefined || created === undefined || !(field in created)) return undefined;
  const { device_id, origin, seen_seq, server_seq } = creation;
  return { device_id, origin, seen_seq, server_seq };
}

/** Typed by the person on this laptop (or their undo), as opposed to pulled or redirected. */
function typedHere(write: FieldWrite): boolean {
  return write.origin === 'local' || write.origin === 'undo';
}

function log(
  db: Db,
  change: PulledChange,
  field: string,
  oldValue: string | null,
  txnId: string,
  at: string,
  origin: ApplyOptions['origin'] = 'remote',
): void {
  db.prepare(
    `INSERT INTO change_log (txn_id, hlc, at, table_name, row_id, field, old_value, new_value, user_id,
       device_id, origin, seen_seq, server_seq)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)`,
  ).run(
    txnId,
    change.hlc,
    at,
    change.table,
    change.rowId,
    field,
    oldValue,
    change.value,
    change.deviceId,
    origin,
    change.seen,
    change.seq > 0 ? change.seq : null,
  );
}

export function quarantine(db: Db, change: PulledChange, reason: string, at: string): void {
  db.prepare(
    `INSERT INTO sync_quarantine (table_name, row_id, field, value, hlc, device_id, reason, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(change.table, change.rowId, change.field, change.value, change.hlc, change.deviceId, reason, at);
}

/** A pulled JSON value as stored in a column. */
export function parseValue(json: string): FieldValue {
  const value: unknown = JSON.parse(json);
  return typeof value === 'string' || typeof value === 'number'
    ? value
    : value === null
      ? null
      : JSON.stringify(value);
}
