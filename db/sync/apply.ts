import { uuidv7 } from '../../shared/ids.ts';
import type { PulledChange, SnapshotRow } from '../../shared/sync/protocol.ts';
import { checkWireChange } from '../../shared/entities/wire.ts';
import type { Db } from '../sql.ts';
import { INVALID, REFUSED, UNKNOWN_FIELD } from './set-aside.ts';
import { refreshAllClientRevenue, refreshAllClientRollups } from '../records/rollups.ts';
import { rebuildSearchIndex } from '../search/rebuild-search-index.ts';
import { insertSql } from '../records/record-writer.ts';
import { type StoredRow, isSyncedTable, specOf } from '../records/synced-tables.ts';
import { type ApplyOptions, type ApplyResult, addResult, emptyResult, touch } from './apply-result.ts';
import { SNAPSHOT_DEVICE, applyRow, quarantine } from './apply-row.ts';

export type { ApplyOptions, ApplyResult } from './apply-result.ts';
export { emptyResult } from './apply-result.ts';

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
