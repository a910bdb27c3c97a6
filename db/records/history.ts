import type { ChangeLogRow } from '../schema.ts';
import { withoutDeleteMerges } from '../search/search-tables.ts';
import type { Db, ReadDb } from '../sql.ts';
import { fieldEntriesOf } from './creation-entry.ts';
import { apiFieldName, apiValue } from './history-values.ts';
import { runOfTxn } from './import-runs.ts';
import type { RecordWriter } from './record-writer.ts';
import { type StoredRow, type SyncedTable, isSyncedTable } from './synced-tables.ts';

/** Records created by one transaction from which undoing it deletes their search documents in bulk. */
const BULK_UNDO_RECORDS = 1000;

/** What one undo reverted. */
export interface UndoneChange {
  /** The transaction that was undone. */
  txnId: string;
  records: { table: SyncedTable; id: string }[];
}

/** The newest change of this device that is not undone yet (undos themselves are not undoable here). */
function lastUndoableTxn(db: Db): string | undefined {
  return db.first(
    db.q
      .selectFrom('change_log')
      .select('txn_id')
      .where('origin', '=', 'local')
      .where('undone_by', 'is', null)
      .orderBy('seq', 'desc')
      .limit(1),
  )?.txn_id;
}

/**
 * Reverts the last change made on this device, as a new change (so it syncs and has its own history):
 * a created record is deleted again, a deleted one comes back, changed fields get their old values.
 * Called again, it reverts the change before that.
 */
export function undoLastChange(db: Db, writer: RecordWriter, now: Date): UndoneChange | null {
  const txnId = lastUndoableTxn(db);
  if (txnId === undefined) return null;
  return undoTransaction(db, writer, txnId, now);
}

/**
 * Reverts one transaction of this device, whichever it is (an import taken back from the list of past
 * imports): its created records are deleted, its changed fields get their old values back.
 */
export function undoTransaction(db: Db, writer: RecordWriter, txnId: string, now: Date): UndoneChange {
  // A record the transaction created is deleted again whatever else it changed in it, so only its id is
  // read: an import of a million rows is undone without holding its million log entries in memory.
  const created = db
    .prepare(
      `SELECT table_name, row_id FROM change_log WHERE txn_id = ? AND field = 'created_at' ORDER BY seq`,
    )
    .all(txnId) as { table_name: string; row_id: string }[];
  const records: { table: SyncedTable; id: string }[] = [];
  const deleteCreated = () => {
    for (const { table_name: table, row_id: id } of created) {
      if (!isSyncedTable(table)) continue;
      writer.update(table, id, { deleted_at: now.toISOString() });
      records.push({ table, id });
    }
  };
  // An import undone deletes thousands of search documents: marked, not merged away one by one.
  if (created.length >= BULK_UNDO_RECORDS) withoutDeleteMerges(db.sqlite, deleteCreated);
  else deleteCreated();
  const changed = db
    .prepare(
      `SELECT * FROM change_log AS c WHERE c.txn_id = ? AND NOT EXISTS (
         SELECT 1 FROM change_log AS made WHERE made.table_name = c.table_name AND made.row_id = c.row_id
           AND made.txn_id = c.txn_id AND made.field = 'created_at')
       ORDER BY c.seq`,
    )
    .all(txnId) as ChangeLogRow[];
  for (const { table, id, changes } of groupByRecord(changed)) {
    writer.update(table, id, revertPatch(changes, now));
    records.push({ table, id });
  }
  db.run(db.q.updateTable('change_log').set({ undone_by: writer.txnId }).where('txn_id', '=', txnId));
  return { txnId, records };
}

function groupByRecord(entries: ChangeLogRow[]) {
  const byRecord = new Map<string, { table: SyncedTable; id: string; changes: ChangeLogRow[] }>();
  for (const entry of entries) {
    if (!isSyncedTable(entry.table_name)) continue;
    const key = `${entry.table_name}/${entry.row_id}`;
    const group = byRecord.get(key) ?? { table: entry.table_name, id: entry.row_id, changes: [] };
    group.changes.push(entry);
    byRecord.set(key, group);
  }
  return [...byRecord.values()];
}

/** The patch that undoes `changes` (oldest first): the first old value of each field wins. */
function revertPatch(changes: ChangeLogRow[], now: Date): StoredRow {
  // Undoing a creation deletes the record (softly, like every delete).
  if (changes.some((c) => c.field === 'created_at')) return { deleted_at: now.toISOString() };
  const patch: StoredRow = {};
  for (const change of changes) {
    if (change.field in patch) continue;
    patch[change.field] =
      change.old_value === null ? null : (JSON.parse(change.old_value) as string | number | null);
  }
  return patch;
}

/** One entry of a record's history, newest first. */
export interface HistoryRow {
  seq: number;
  txnId: string;
  at: string;
  field: string;
  oldValue: unknown;
  newValue: unknown;
  userId: string | null;
  deviceId: string;
  origin: ChangeLogRow['origin'];
  undone: boolean;
  importedFrom: string | null;
}

/** A page of the change history of one record, newest first (keyset on `seq`). */
export function recordHistory(
  db: ReadDb,
  args: { table: SyncedTable; id: string; before?: number | null | undefined; limit: number },
): { items: HistoryRow[]; nextBefore: number | null } {
  let query = db.q
    .selectFrom('change_log')
    .selectAll()
    .where('table_name', '=', args.table)
    .where('row_id', '=', args.id);
  if (args.before !== null && args.before !== undefined) query = query.where('seq', '<', args.before);
  const rows = db.all(query.orderBy('seq', 'desc').limit(args.limit + 1));
  const imports = new Map<string, string | null>();
  const importedFrom = (txnId: string) => {
    if (!imports.has(txnId)) imports.set(txnId, runOfTxn(db, txnId)?.fileName ?? null);
    return imports.get(txnId) ?? null;
  };
  const items = rows
    .slice(0, args.limit)
    .flatMap((row) =>
      toHistoryRows(args.table, row).map((item) => ({ ...item, importedFrom: importedFrom(row.txn_id) })),
    );
  const last = items.at(-1);
  return { items, nextBefore: rows.length > args.limit && last ? last.seq : null };
}

/**
 * A log row as the API shows it, field by field (a creation holds every field it set, newest first like
 * the rest): field names and values as the entity's own API has them.
 */
function toHistoryRows(table: SyncedTable, row: ChangeLogRow): Omit<HistoryRow, 'importedFrom'>[] {
  const entries = fieldEntriesOf(row.field, row.new_value).reverse();
  return entries.map(({ field, newValue }) => {
    const decode = (json: string | null) =>
      json === null ? null : apiValue(table, field, JSON.parse(json) as unknown);
    return {
      seq: row.seq,
      txnId: row.txn_id,
      at: row.at,
      field: apiFieldName(field),
      // Null for a creation's fields: they had no value before it.
      oldValue: decode(row.old_value),
      newValue: decode(newValue),
      userId: row.user_id,
      deviceId: row.device_id,
      origin: row.origin,
      undone: row.undone_by !== null,
    };
  });
}
