import { type Mutation, PUSH_MAX_MUTATIONS, toTuple } from '../../shared/sync/protocol.ts';
import { fieldEntriesOf } from '../records/creation-entry.ts';
import type { Db, ReadDb } from '../sql.ts';

/**
 * Bytes of JSON after which a push takes no further mutation: with one more piece (at most
 * MUTATION_BYTES), still well under the server's 1 MB limit.
 */
const PUSH_BUDGET_BYTES = 600 * 1024;
/** A piece of a big transaction: well under one push. */
const MUTATION_BYTES = 256 * 1024;
const MUTATION_OPS = 2000;

/**
 * Where sending stops while an import runs (db/transfer/run-import.ts): at its first change, so the
 * team never gets half an import, and one cancelled leaves nothing behind. Later changes wait too, since
 * the server takes each device's changes in order.
 */
const HELD_FROM = `COALESCE((SELECT MIN(c.seq) FROM import_run r JOIN change_log c ON c.txn_id = r.txn_id
    WHERE r.status = 'running'), 9223372036854775807)`;

interface OutboxRow {
  seq: number;
  txn_id: string;
  table_name: string;
  row_id: string;
  field: string;
  new_value: string | null;
  hlc: string;
  seen_seq: number | null;
}

/**
 * The changes made on this device after `ackedCounter`, as mutations: one per local transaction (a very
 * big one in pieces), numbered by the change log's sequence of its last change (monotonic on this device,
 * so the server can skip what it already has). Undo is a change like any other; remote changes are not
 * sent back.
 */
export function pendingMutations(db: Db, ackedCounter: number, budgetBytes = PUSH_BUDGET_BYTES): Mutation[] {
  const rows = db
    .prepare(
      `SELECT seq, txn_id, table_name, row_id, field, new_value, hlc, seen_seq FROM change_log
       WHERE seq > ? AND origin IN ('local', 'undo', 'sync') AND seq < ${HELD_FROM} ORDER BY seq LIMIT 20000`,
    )
    .all(ackedCounter) as OutboxRow[];
  const mutations: Mutation[] = [];
  let bytes = 0;
  let txn: string | null = null;
  let mutation: Mutation | null = null;
  let mutationBytes = 0;
  let lastRow: string | null = null;
  for (const row of rows) {
    const rowKey = `${row.table_name}\u0000${row.row_id}`;
    // A transaction too big for one push (a bulk import, the demo) goes in pieces, cut only between
    // rows, so a row and its fields always travel together.
    const cutBigTransaction =
      mutation !== null &&
      txn === row.txn_id &&
      rowKey !== lastRow &&
      (mutationBytes > MUTATION_BYTES || mutation.ops.length >= MUTATION_OPS);
    if (mutation === null || txn !== row.txn_id || cutBigTransaction) {
      if (mutation !== null && (bytes > budgetBytes || mutations.length >= PUSH_MAX_MUTATIONS)) break;
      txn = row.txn_id;
      mutation = { counter: row.seq, seen: row.seen_seq ?? 0, ops: [] };
      mutationBytes = 0;
      mutations.push(mutation);
    }
    lastRow = rowKey;
    // A creation is one entry here and one change per field on the wire, as the server merges them.
    for (const { field, newValue } of fieldEntriesOf(row.field, row.new_value)) {
      const op = toTuple({ table: row.table_name, rowId: row.row_id, field, value: newValue, hlc: row.hlc });
      mutation.ops.push(op);
      const size = JSON.stringify(op).length + 1;
      bytes += size;
      mutationBytes += size;
    }
    mutation.counter = row.seq;
  }
  // A transaction cut by the LIMIT would be sent in halves: leave its tail for the next push.
  if (rows.length === 20000 && mutations.length > 1) mutations.pop();
  return mutations;
}

/** How many local changes are not yet acknowledged by the server. */
export function pendingCount(db: ReadDb, ackedCounter: number): number {
  return (
    db
      .prepare("SELECT count(*) AS n FROM change_log WHERE seq > ? AND origin IN ('local', 'undo', 'sync')")
      .get(ackedCounter) as { n: number }
  ).n;
}
