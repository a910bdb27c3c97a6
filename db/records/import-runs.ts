import type { ImportRunTable } from '../schema.ts';
import type { Db, ReadDb } from '../sql.ts';
import type { CellProblem } from '../import/mapped-row.ts';

/** The counts every import reports: rows in = created + updated + skipped + rejected. */
export interface ImportCounts {
  rows: number;
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
}

/** One past (or running) import as Settings lists it. */
export interface ImportRun extends ImportCounts {
  id: string;
  txnId: string;
  fileName: string;
  type: string;
  status: ImportRunTable['status'];
  startedAt: string;
  finishedAt: string | null;
  rejectedRows: CellProblem[];
  /** True while its records can be taken back in one step (done, not undone since). */
  undoable: boolean;
}

/** Rejected rows kept with a run for the list (the file of all of them is made on request). */
export const KEPT_REJECTED_ROWS = 100;

export function startRun(
  db: Db,
  run: { id: string; txnId: string; fileName: string; type: string; startedAt: string; options: unknown },
): void {
  db.run(
    db.q.insertInto('import_run').values({
      id: run.id,
      txn_id: run.txnId,
      file_name: run.fileName,
      type: run.type,
      status: 'running',
      started_at: run.startedAt,
      finished_at: null,
      ...{ rows: 0, created: 0, updated: 0, skipped: 0, rejected: 0 },
      options: JSON.stringify(run.options),
      rejected_rows: '[]',
    }),
  );
}

export function finishRun(
  db: Db,
  id: string,
  status: Exclude<ImportRunTable['status'], 'running'>,
  counts: ImportCounts,
  rejectedRows: readonly CellProblem[],
  finishedAt: string,
): void {
  db.run(
    db.q
      .updateTable('import_run')
      .set({
        status,
        finished_at: finishedAt,
        ...counts,
        rejected_rows: JSON.stringify(rejectedRows.slice(0, KEPT_REJECTED_ROWS)),
      })
      .where('id', '=', id),
  );
}

/** Marks the import whose transaction was undone (by history.undo or from the list). */
export function markUndone(db: Db, txnId: string): void {
  db.run(db.q.updateTable('import_run').set({ status: 'undone' }).where('txn_id', '=', txnId));
}

/** Imports a crash or a closed app left running: the caller takes their rows back. */
export function interruptedRuns(db: ReadDb): { id: string; txnId: string }[] {
  return db
    .all(db.q.selectFrom('import_run').select(['id', 'txn_id']).where('status', '=', 'running'))
    .map((row) => ({ id: row.id, txnId: row.txn_id }));
}

/** Past imports, newest first. */
export function listRuns(db: ReadDb, limit = 50): ImportRun[] {
  const rows = db.all(db.q.selectFrom('import_run').selectAll().orderBy('started_at', 'desc').limit(limit));
  return rows.map((row) => toRun(db, row));
}

export function getRun(db: ReadDb, id: string): ImportRun | undefined {
  const row = db.first(db.q.selectFrom('import_run').selectAll().where('id', '=', id));
  return row && toRun(db, row);
}

/** The import whose records a change-log transaction wrote, if it was one (for history's "imported from"). */
export function runOfTxn(db: ReadDb, txnId: string): { id: string; fileName: string } | undefined {
  const row = db.first(
    db.q.selectFrom('import_run').select(['id', 'file_name']).where('txn_id', '=', txnId).limit(1),
  );
  return row && { id: row.id, fileName: row.file_name };
}

function toRun(db: ReadDb, row: ImportRunTable): ImportRun {
  const live = db.prepare(`SELECT 1 AS yes FROM change_log WHERE txn_id = ? AND undone_by IS NULL LIMIT 1`);
  return {
    id: row.id,
    txnId: row.txn_id,
    fileName: row.file_name,
    type: row.type,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    rows: row.rows,
    created: row.created,
    updated: row.updated,
    skipped: row.skipped,
    rejected: row.rejected,
    rejectedRows: JSON.parse(row.rejected_rows) as CellProblem[],
    undoable: row.status === 'done' && live.get(row.txn_id) !== undefined,
  };
}
