import type { HybridClock } from '../../shared/hlc.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { wins } from '../../shared/sync/merge.ts';
import type { PulledChange, SnapshotRow } from '../../shared/sync/protocol.ts';
import { type EntityDecl, columnOf } from '../../shared/entities/define.ts';
import { entities } from '../../shared/entities/entities.ts';
import { checkWireChange } from '../../shared/entities/wire.ts';
import type { Db } from '../sql.ts';
import { INVALID, REFUSED, UNKNOWN_FIELD } from './set-aside.ts';
import { refreshAllClientRevenue, refreshAllClientRollups } from '../records/rollups.ts';
import { rebuildSearchIndex } from '../search/rebuild-search-index.ts';
import { insertRow, insertSql, parseClocks, updateRow } from '../records/record-writer.ts';
import { type FieldValue, type StoredRow, isSyncedTable, specOf } from '../records/synced-tables.ts';

/** The device id the server gives the changes of a snapshot (they are current states, not edits). */
const SNAPSHOT_DEVICE = 'snapshot';

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
function isConflictField(table: string, field: string): boolean {
  return conflictFields.get(table)?.has(field) ?? false;
}

export interface ApplyOptions {
  db: Db;
  clock: HybridClock;
  /** This device: its own changes coming back are already applied. */
  deviceId: string;
  now: Date;
  /**
   * A bulk load (a first-sync snapshot): skip the per-row derived data (rollups, search); the caller
   * rebuilds it once at the end with {@link rebuildDerived}.
   */
  bulk?: boolean;
  /**
   * Who the logged changes are from: `remote` (pulled from the server, default) or `sync` (made by sync
   * on this device, such as redirects to a merged client; they are sent to the team like local edits).
   */
  origin?: 'remote' | 'sync';
}

export interface ApplyResult {
  applied: number;
  ignored: number;
  quarantined: number;
  /** Of the quarantined, the changes set aside because their values break the declaration. */
  setAside: number;
  conflicts: number;
  /** The rows created or changed, by table. */
  touched: Map<string, Set<string>>;
}

/** A result with nothing applied yet. */
export function emptyResult(): ApplyResult {
  return { applied: 0, ignored: 0, quarantined: 0, setAside: 0, conflicts: 0, touched: new Map() };
}

/**
 * Applies a page of changes pulled from the server, field by field, by the merge rule of SYNC.md: a field
 * takes the incoming value only if the incoming clock is newer than the field's. Applying a page twice,
 * or pages in another order, ends the same. A row seen for the first time is created from the changes of
 * its creating transaction, which the server never splits across pages. Changes to tables or fields this
 * version does not know wait in quarantine. Every applied change is logged (origin `remote`) as history,
 * and the local derived data (rollups, search) follows through the tables' afterWrite hooks. Call inside
 * the transaction that also stores the new cursor.
 */
export function applyChanges(changes: readonly PulledChange[], options: ApplyOptions): ApplyResult {
  const result = emptyResult();
  const txnId = uuidv7(options.now.getTime());
  const at = options.now.toISOString();
  const byRow = new Map<string, PulledChange[]>();
  for (const change of changes) {
    options.clock.receive(change.hlc);
    // A value the declaration does not allow (a bug or an old version elsewhere) is set aside, visibly,
    // and never written: one bad value must not stop this laptop's sync.
    const verdict = checkWireChange(change.table, change.field, change.value);
    if (!verdict.ok) {
      quarantine(options.db, change, verdict.unknown ? UNKNOWN_FIELD : `${INVALID}${verdict.reason}`, at);
      result.quarantined++;
      if (!verdict.unknown) result.setAside++;
      continue;
    }
    const key = `${change.table}\u0000${change.rowId}`;
    const list = byRow.get(key) ?? [];
    list.push(change);
    byRow.set(key, list);
  }
  const created: [table: string, rowId: string][] = [];
  for (const rowChanges of byRow.values()) {
    if (applyRow(rowChanges, options, txnId, at, result)) {
      const first = rowChanges[0];
      if (first) created.push([first.table, first.rowId]);
    }
  }
  if (created.length > 0) applyWaitingEdits(created, options, result);
  return result;
}

/** Applies the changes of one row; true when it created the row here. */
function applyRow(
  changes: PulledChange[],
  options: ApplyOptions,
  txnId: string,
  at: string,
  result: ApplyResult,
): boolean {
  const first = changes[0];
  if (!first || !isSyncedTable(first.table)) return false;
  const table = first.table;
  const spec = specOf(table);
  const { db } = options;
  const current = db.prepare(`SELECT * FROM "${table}" WHERE id = ?`).get(first.rowId) as
    StoredRow | undefined;
  // The newest incoming write of each field.
  const newest = new Map<string, PulledChange>();
  const writesOf = new Map<string, PulledChange[]>();
  for (const change of changes) {
    const seen = newest.get(change.field);
    if (!seen || wins(change.hlc, seen.hlc)) newest.set(change.field, change);
    const writes = writesOf.get(change.field) ?? [];
    writes.push(change);
    writesOf.set(change.field, writes);
  }
  if (!current) {
    if (!newest.has('created_at')) {
      for (const change of changes) quarantine(db, change, 'missing_row', at);
      result.quarantined += changes.length;
      return false;
    }
    const values: StoredRow = {};
    const clocks: Record<string, string> = {};
    let rowHlc = '';
    for (const [field, change] of newest) {
      values[field] = parseValue(change.value);
      clocks[field] = change.hlc;
      if (change.hlc > rowHlc) rowHlc = change.hlc;
    }
    const createdAt = typeof values.created_at === 'string' ? values.created_at : at;
    const row: StoredRow = {
      deleted_at: null,
      merged_into: null,
      ...values,
      ...spec.derive?.(values),
      id: first.rowId,
      created_at: createdAt,
      updated_at: at,
      hlc: rowHlc,
      field_clocks: JSON.stringify(clocks),
    };
    try {
      insertRow(db, table, row);
    } catch (error) {
      // A row whose creating changes are incomplete (a required field missing) waits, whole, for the rest.
      for (const change of changes) quarantine(db, change, `unusable_row: ${String(error)}`, at);
      result.quarantined += changes.length;
      return false;
    }
    // Rows from a first-sync snapshot start their history on this laptop here: the team's earlier
    // history stays on the server (logging every field of 100k rows would triple the first sync).
    if (first.deviceId !== SNAPSHOT_DEVICE) {
      for (const [field, change] of newest) log(db, change, field, null, txnId, at, options.origin);
    }
    if (!options.bulk) spec.afterWrite?.(db, row, undefined);
    touch(result, table, first.rowId);
    result.applied += newest.size;
    result.ignored += changes.length - newest.size;
    return true;
  }
  const clocks = parseClocks(current.field_clocks);
  const changed: Record<string, FieldValue> = {};
  let rowHlc = typeof current.hlc === 'string' ? current.hlc : '';
  for (const [field, change] of newest) {
    // A field never written has no clock: any write to it is newer.
    const currentClock = clocks[field] ?? null;
    const incoming = parseValue(change.value);
    const local = { value: current[field] ?? null, hlc: currentClock ?? '' };
    // Only texts can conflict (and a pull mostly brings this laptop's own changes back): ask the change
    // log who wrote the current value only then.
    const text = isConflictField(table, field);
    if (!wins(change.hlc, currentClock)) {
      // The local value stays. Each other text in the page written by someone who had not seen it, when
      // it was typed here, was written at the same time: keep it to show.
      const kept = text ? lastWrite(db, table, first.rowId, field) : undefined;
      if (kept && typedHere(kept)) {
        for (const other of writesOf.get(field) ?? []) {
          if (other.deviceId === options.deviceId || other.hlc === currentClock) continue;
          const lostSeq = other.seq > 0 ? other.seq : Number.POSITIVE_INFINITY;
          if ((kept.seen_seq ?? 0) >= lostSeq) continue;
          const lost = { value: parseValue(other.value), hlc: other.hlc, deviceId: other.deviceId };
          if (recordConflict(db, table, first.rowId, field, local, lost, at)) result.conflicts++;
        }
      }
      result.ignored++;
      continue;
    }
    const overwritten = text && currentClock !== null ? lastWrite(db, table, first.rowId, field) : undefined;
    // A text typed here is replaced by one written without having seen it (written at the same time,
    // or before it reached the server): keep it to show. A later edit by someone who had seen it is no
    // conflict, just the next version.
    if (
      overwritten &&
      typedHere(overwritten) &&
      (overwritten.server_seq === null || change.seen < overwritten.server_seq)
    ) {
      const lost = { ...local, deviceId: overwritten.device_id };
      if (recordConflict(db, table, first.rowId, field, { value: incoming, hlc: change.hlc }, lost, at))
        result.conflicts++;
    }
    clocks[field] = change.hlc;
    if (change.hlc > rowHlc) rowHlc = change.hlc;
    if (incoming === current[field]) {
      // Same value, newer clock. A change made here (a redirect) must still travel: every device needs
      // the field's clock, or a later edit would win on some laptops and lose on others.
      if (options.origin === 'sync')
        log(db, change, field, JSON.stringify(current[field] ?? null), txnId, at, options.origin);
      result.ignored++;
      continue;
    }
    changed[field] = incoming;
    log(db, change, field, JSON.stringify(current[field] ?? null), txnId, at, options.origin);
    result.applied++;
  }
  const next: StoredRow = { ...current, ...changed };
  const columns: StoredRow = {
    ...changed,
    ...(Object.keys(changed).length > 0 ? { ...spec.derive?.(next), updated_at: at } : {}),
    hlc: rowHlc,
    field_clocks: JSON.stringify(clocks),
  };
  updateRow(db, table, first.rowId, columns);
  if (Object.keys(changed).length > 0) {
    if (!options.bulk) spec.afterWrite?.(db, { ...next, ...columns }, current);
    touch(result, table, first.rowId);
  }
  // An edit that arrives for a record deleted here is kept, but does not bring it back: the inbox asks.
  // (A merged duplicate needs no question: sync redirects its later edits to the client it went into.)
  const editedFields = Object.keys(changed).filter(
    (field) => field !== 'deleted_at' && field !== 'merged_into',
  );
  const editor = editedFields.length > 0 ? newest.get(editedFields[0] ?? '') : undefined;
  const merged = next.merged_into !== null && next.merged_into !== undefined;
  if (next.deleted_at !== null && next.deleted_at !== undefined && editor && !merged) {
    db.prepare(
      `INSERT INTO sync_conflict (kind, table_name, row_id, field, kept_value, kept_hlc, lost_value, lost_hlc, lost_device_id, at)
       VALUES ('deleted', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      table,
      first.rowId,
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
  return false;
}

/**
 * Edits that arrived before their record (set aside as `missing_row`: an app that edited a record it had
 * not synced yet) are applied once the record is created here, so they are neither lost nor shown as a
 * problem any longer. Asks the quarantine only when something waits there.
 */
function applyWaitingEdits(
  created: readonly [table: string, rowId: string][],
  options: ApplyOptions,
  result: ApplyResult,
): void {
  const { db } = options;
  const waits = db.prepare("SELECT 1 FROM sync_quarantine WHERE reason = 'missing_row' LIMIT 1").get();
  if (waits === undefined) return;
  const find = db.prepare(
    "SELECT * FROM sync_quarantine WHERE reason = 'missing_row' AND table_name = ? AND row_id = ? ORDER BY seq",
  );
  const rows = created.flatMap(([table, rowId]) => find.all(table, rowId) as QuarantineRow[]);
  if (rows.length === 0) return;
  const remove = db.prepare('DELETE FROM sync_quarantine WHERE seq = ?');
  for (const row of rows) remove.run(row.seq);
  addResult(result, applyChanges(rows.map(asPulledChange), options));
}

/**
 * Applies a page of a first-sync snapshot: rows new to this laptop are inserted straight from their
 * fields (the common case, and the bulk of a first sync); anything else (a row already here, a table or
 * field this version does not know, a row missing its creation) goes through {@link applyChanges}, so the
 * merge rule and quarantine hold for snapshots too. Same result as applying the rows as changes.
 */
export function applySnapshotRows(tables: Record<string, SnapshotRow[]>, options: ApplyOptions): ApplyResult {
  const { db } = options;
  const at = options.now.toISOString();
  const result = emptyResult();
  const rest: PulledChange[] = [];
  const asChanges = (table: string, rowId: string, fields: SnapshotRow[1]) => {
    for (const [field, [value, hlc]] of Object.entries(fields))
      rest.push({ seq: 0, table, rowId, field, value, hlc, deviceId: SNAPSHOT_DEVICE, seen: 0 });
  };
  for (const [table, rows] of Object.entries(tables)) {
    if (!isSyncedTable(table)) {
      for (const [rowId, fields] of rows) asChanges(table, rowId, fields);
      continue;
    }
    const spec = specOf(table);
    const known = new Set<string>(['created_at', ...spec.fields]);
    const exists = db.prepare(`SELECT 1 FROM "${table}" WHERE id = ?`);
    // One statement per set of fields a row brings (rows of a table mostly bring the same): the
    // columns it leaves out keep their defaults.
    const derived = Object.keys(spec.derive?.({}) ?? {});
    const statements = new Map<string, { columns: string[]; insert: ReturnType<Db['prepare']> }>();
    const statementFor = (names: string[]) => {
      const signature = names.join(',');
      let statement = statements.get(signature);
      if (!statement) {
        const columns = [
          ...new Set([...names, ...derived, 'id', 'created_at', 'updated_at', 'hlc', 'field_clocks']),
        ];
        statement = { columns, insert: db.prepare(insertSql(table, columns)) };
        statements.set(signature, statement);
      }
      return statement;
    };
    for (const [rowId, fields] of rows) {
      const names = Object.keys(fields);
      // Each value is checked (and decoded) once; a row with a bad or unknown one takes the general path,
      // which sets aside just what breaks the rules.
      const values: StoredRow = {};
      const clocks: Record<string, string> = {};
      let rowHlc = '';
      let usable = 'created_at' in fields;
      for (const name of names) {
        const [value, hlc] = fields[name] ?? ['null', ''];
        const verdict = known.has(name) ? checkWireChange(table, name, value) : null;
        if (!verdict?.ok) {
          usable = false;
          break;
        }
        values[name] = verdict.value;
        clocks[name] = hlc;
        if (hlc > rowHlc) rowHlc = hlc;
      }
      if (!usable || exists.get(rowId)) {
        asChanges(table, rowId, fields);
        continue;
      }
      options.clock.receive(rowHlc);
      const row: StoredRow = {
        ...values,
        ...spec.derive?.(values),
        id: rowId,
        created_at: typeof values.created_at === 'string' ? values.created_at : at,
        updated_at: at,
        hlc: rowHlc,
        field_clocks: JSON.stringify(clocks),
      };
      const { columns, insert } = statementFor(names);
      try {
        insert.run(...columns.map((column) => row[column] ?? null));
      } catch {
        // A required field missing: the general path keeps the row's changes in quarantine.
        asChanges(table, rowId, fields);
        continue;
      }
      touch(result, table, rowId);
      result.applied += names.length;
    }
  }
  addResult(result, applyChanges(rest, options));
  return result;
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

/** The write that gave a field its value here, from the change log (none for a snapshot's rows). */
function lastWrite(db: Db, table: string, rowId: string, field: string): FieldWrite | undefined {
  return db
    .prepare(
      `SELECT device_id, origin, seen_seq, server_seq FROM change_log
       WHERE table_name = ? AND row_id = ? AND field = ? ORDER BY seq DESC LIMIT 1`,
    )
    .get(table, rowId, field) as FieldWrite | undefined;
}

/** Typed by the person on this laptop (or their undo), as opposed to pulled or redirected. */
function typedHere(write: FieldWrite): boolean {
  return write.origin === 'local' || write.origin === 'undo';
}

/** Adds what another application of changes did to `result`. */
function addResult(result: ApplyResult, other: ApplyResult): void {
  result.applied += other.applied;
  result.ignored += other.ignored;
  result.quarantined += other.quarantined;
  result.setAside += other.setAside;
  result.conflicts += other.conflicts;
  for (const [table, ids] of other.touched) for (const id of ids) touch(result, table, id);
}

function touch(result: ApplyResult, table: string, rowId: string): void {
  const rows = result.touched.get(table) ?? new Set<string>();
  rows.add(rowId);
  result.touched.set(table, rows);
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

function quarantine(db: Db, change: PulledChange, reason: string, at: string): void {
  db.prepare(
    `INSERT INTO sync_quarantine (table_name, row_id, field, value, hlc, device_id, reason, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(change.table, change.rowId, change.field, change.value, change.hlc, change.deviceId, reason, at);
}

function parseValue(json: string): FieldValue {
  const value: unknown = JSON.parse(json);
  return typeof value === 'string' || typeof value === 'number'
    ? value
    : value === null
      ? null
      : JSON.stringify(value);
}

interface QuarantineRow {
  seq: number;
  reason: string;
  table_name: string;
  row_id: string;
  field: string;
  value: string;
  hlc: string;
  device_id: string;
}

/** A quarantined change as it was pulled. */
function asPulledChange(row: QuarantineRow): PulledChange {
  return {
    seq: 0,
    table: row.table_name,
    rowId: row.row_id,
    field: row.field,
    value: row.value,
    hlc: row.hlc,
    deviceId: row.device_id,
    seen: 0,
  };
}

/**
 * Replays quarantined changes this version now understands (after an upgrade added their field or
 * table, or once the rest of a row arrived), in one transaction, and removes them from quarantine. The
 * merge rule makes late application safe. Returns how many were applied.
 */
export function replayQuarantine(options: ApplyOptions): number {
  const { db } = options;
  const rows = db.prepare('SELECT * FROM sync_quarantine ORDER BY seq').all() as QuarantineRow[];
  // What this version now understands and allows (an upgrade may know a field or a value more); what a
  // laptop's own change the server refused stays for the person to see.
  const ready = rows.filter(
    (row) => !row.reason.startsWith(REFUSED) && checkWireChange(row.table_name, row.field, row.value).ok,
  );
  if (ready.length === 0) return 0;
  db.sqlite.transaction(() => {
    for (const row of ready) db.prepare('DELETE FROM sync_quarantine WHERE seq = ?').run(row.seq);
    applyChanges(ready.map(asPulledChange), options);
  })();
  return ready.length;
}

/** Rebuilds every piece of local derived data after a bulk load: client rollups, revenue, search. */
export function rebuildDerived(db: Db): void {
  refreshAllClientRollups(db);
  refreshAllClientRevenue(db);
  rebuildSearchIndex(db);
}
