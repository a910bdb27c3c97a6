import { setImmediate as nextTurn } from 'node:timers/promises';
import { uuidv7 } from '../../shared/ids.ts';
import { type DispatcherOptions, readContext, runWriteBatch } from '../dispatch.ts';
import { undoTransaction } from '../records/history.ts';
import type { Db } from '../sql.ts';
import type { CellProblem, ImportType, MappedRow } from '../import/mapped-row.ts';
import { HISTORY_MATCH, type OnMatch, RowImporter, type RowOutcome, pretendIds } from './import-row.ts';
import { type ImportCounts, finishRun, startRun } from '../records/import-runs.ts';
import { MatchIndex, type MatchKey } from './match-index.ts';
import { RowBatch } from './row-batch.ts';

/** How far an import or a dry run is, sent a few times a second. */
export interface ImportProgress {
  phase: 'reading' | 'writing' | 'undoing';
  rowsDone: number;
  /** Rows in the file when known (from the dry run before), else null. */
  rowsTotal: number | null;
  rowsPerSecond: number;
  /** Null while unknown. */
  secondsLeft: number | null;
}

/** A few rows of each outcome, to show before anything is written. */
export interface OutcomeExample {
  row: number;
  name: string;
  /** What matched it: a key, or a record the client already has. */
  by?: MatchKey | 'record';
  /** The row of this file it repeats. */
  sameFileRow?: number;
}

export interface ImportReport extends ImportCounts {
  /** The import as remembered (null for a dry run, or one cancelled before it wrote). */
  importId: string | null;
  dryRun: boolean;
  cancelled: boolean;
  /** Every problem of the first rejected rows (all are counted in `rejected`). */
  rejectedRows: CellProblem[];
  examples: { created: OutcomeExample[]; updated: OutcomeExample[]; skipped: OutcomeExample[] };
  seconds: number;
}

export interface RunImportOptions {
  /** The file's rows, mapped. */
  rows: AsyncIterable<MappedRow>;
  fileName: string;
  type: ImportType;
  match: readonly MatchKey[];
  onMatch: OnMatch;
  dryRun: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /** Rows the file holds (the dry run counted them), for the time left. */
  expectedRows?: number;
  /** What the user chose, kept with the run. */
  settings: unknown;
  /** Told what became of each row (the rejected-rows file is written from it). */
  onOutcome?: (mapped: MappedRow, outcome: RowOutcome) => void;
  /**
   * Writes every row through the handlers, one by one, instead of new clients many at once: the same
   * records either way (tests import a file both ways and compare the databases).
   */
  perRow?: boolean;
}

/**
 * Rows read ahead, and the longest a batch may hold the database (and so keep other calls waiting).
 * Each commit writes every page the batch touched (the tails of the change log's indexes, the search
 * index's new segment) to the WAL again, so fewer, larger transactions write less: 100 ms batches took
 * an eighth less processor time than 40 ms ones (20k rows into 20k clients), and a call that arrives
 * meanwhile still waits no longer than a person notices.
 */
const BATCH_ROWS = 1000;
const BATCH_MS = 100;
const PROGRESS_MS = 150;
const EXAMPLES = 5;
/** Rejected rows whose problems travel in the report (the rejected-rows file has all of them). */
const REPORTED_REJECTED_ROWS = 1000;

/**
 * Imports mapped rows, or checks them (`dryRun`), as one undo step. Rows are written in short
 * transactions of a few hundred, with a turn of the event loop between them, so other calls (the
 * screens, reminders) are served while a long import runs; all of them log under one transaction id,
 * so one `history.undo` takes the whole import back. Cancelling (the signal) takes back what was
 * written. While it runs, sync holds back this laptop's changes from its first one (db/sync/outbox.ts),
 * so the team never sees half an import.
 */
export async function runImport(
  dispatch: DispatcherOptions,
  options: RunImportOptions,
): Promise<ImportReport> {
  const started = Date.now();
  const { db, now } = dispatch.context;
  const progress = progressReporter(options, started);
  const reading = options.dryRun ? 'reading' : 'writing';
  const index = await MatchIndex.load(db, options.match.length > 0 ? options.match : HISTORY_MATCH, () =>
    progress(0, reading),
  );
  const importer = new RowImporter({
    index,
    match: options.match,
    onMatch: options.onMatch,
    dryRun: options.dryRun,
    newId: pretendIds(),
  });
  const counts: ImportCounts = { rows: 0, created: 0, updated: 0, skipped: 0, rejected: 0 };
  const rejectedRows: CellProblem[] = [];
  const examples: ImportReport['examples'] = { created: [], updated: [], skipped: [] };
  const txnId = uuidv7(now().getTime());
  const importId = options.dryRun ? null : uuidv7(now().getTime());
  if (importId !== null) {
    startRun(db, {
      id: importId,
      txnId,
      fileName: options.fileName,
      type: options.type,
      startedAt: now().toISOString(),
      options: options.settings,
    });
  }
  const count = (mapped: MappedRow, outcome: RowOutcome) => {
    counts.rows++;
    counts[outcome.kind]++;
    options.onOutcome?.(mapped, outcome);
    if (outcome.kind === 'rejected') {
      if (counts.rejected <= REPORTED_REJECTED_ROWS) rejectedRows.push(...outcome.problems);
      return;
    }
    const list = examples[outcome.kind];
    if (list.length < EXAMPLES) list.push(exampleOf(mapped, outcome));
  };

  const restoreSettings = options.dryRun ? undefined : bulkWriteSettings(db);
  let cancelled: boolean;
  try {
    const batch: MappedRow[] = [];
    // Writes rows from the front of `batch` for at most BATCH_MS, so the database is never held longer
    // and progress moves several times a second; what is left waits for the next turn.
    const flush = () => {
      const started = Date.now();
      let done = 0;
      if (options.dryRun) {
        const ctx = readContext(dispatch.context);
        while (done < batch.length && Date.now() - started < BATCH_MS) {
          const mapped = batch[done++] as MappedRow;
          count(mapped, importer.import(mapped, ctx));
        }
      } else {
        runWriteBatch(dispatch, txnId, (ctx, rows) => {
          // New clients are buffered and written many at once; a row that changes what exists is
          // written alone, after them, all or nothing (a savepoint rolled back if a record is refused).
          const rowBatch = new RowBatch(ctx, { buffers: options.perRow !== true });
          while (done < batch.length && Date.now() - started < BATCH_MS) {
            const mapped = batch[done++] as MappedRow;
            const outcome = importer.import(mapped, ctx, rowBatch);
            if (outcome.kind === 'rejected') rows.clear();
            count(mapped, outcome);
          }
          rowBatch.write();
        });
      }
      batch.splice(0, done);
      progress(counts.rows, options.dryRun ? 'reading' : 'writing');
    };
    const drain = async (until: number) => {
      while (batch.length > until) {
        flush();
        await nextTurn();
        if (options.signal?.aborted) return;
      }
    };
    for await (const mapped of options.rows) {
      if (options.signal?.aborted) break;
      batch.push(mapped);
      if (batch.length >= BATCH_ROWS) await drain(BATCH_ROWS / 2);
    }
    if (!options.signal?.aborted) await drain(0);
    cancelled = options.signal?.aborted === true;
  } catch (error) {
    restoreSettings?.();
    if (importId !== null) {
      await takeBack(dispatch, txnId, options);
      finishRun(db, importId, 'failed', counts, rejectedRows, now().toISOString());
    }
    throw error;
  }
  restoreSettings?.();
  if (cancelled && importId !== null) {
    await takeBack(dispatch, txnId, options);
    finishRun(db, importId, 'cancelled', counts, rejectedRows, now().toISOString());
  } else if (importId !== null) {
    finishRun(db, importId, 'done', counts, rejectedRows, now().toISOString());
  }
  return {
    ...counts,
    importId,
    dryRun: options.dryRun,
    cancelled,
    rejectedRows,
    examples,
    seconds: (Date.now() - started) / 1000,
  };
}

/**
 * Takes back what a cancelled, failed or interrupted import wrote, leaving nothing of it behind: its
 * records are deleted again (as an undo would), and since sync held them back, the created records'
 * entries are removed from the change log, so they never reach the team. Changes it made to records
 * that were there before are reverted as logged changes, so every laptop converges on the old values.
 */
export async function takeBack(
  dispatch: DispatcherOptions,
  txnId: string,
  options: { onProgress?: (progress: ImportProgress) => void } = {},
): Promise<void> {
  options.onProgress?.({
    phase: 'undoing',
    rowsDone: 0,
    rowsTotal: null,
    rowsPerSecond: 0,
    secondsLeft: null,
  });
  const { db, now } = dispatch.context;
  runWriteBatch(dispatch, txnId, (ctx) => {
    const writer = ctx.writerFor('undo');
    const created = db
      .prepare(`SELECT table_name, row_id FROM change_log WHERE txn_id = ? AND field = 'created_at'`)
      .all(txnId) as { table_name: string; row_id: string }[];
    const hasChanges = db.prepare('SELECT 1 AS yes FROM change_log WHERE txn_id = ? LIMIT 1').get(txnId);
    if (hasChanges === undefined) return;
    undoTransaction(db, writer, txnId, now());
    const forget = db.prepare(
      'DELETE FROM change_log WHERE table_name = ? AND row_id = ? AND txn_id IN (?, ?)',
    );
    for (const row of created) forget.run(row.table_name, row.row_id, txnId, writer.txnId);
  });
  await nextTurn();
}

/**
 * While an import writes: a larger page cache, since its index pages are touched batch after batch, and
 * a WAL checkpoint every {@link BULK_CHECKPOINT_PAGES} pages instead of every 1000. A checkpoint copies
 * the pages the WAL holds into the database file, and an import's batches rewrite the same index tails
 * over and over: checkpointing them less often copies each of them fewer times. Importing 20k rows into
 * the 100k-client base took 13.4 and 13.5 processor seconds with it, against 19.7 and 15.1 without
 * (40k pages, a 160 MB WAL, was slower again: 16.5). Returns what puts the everyday settings back.
 */
function bulkWriteSettings(db: Db): () => void {
  const cacheSize = db.sqlite.pragma('cache_size', { simple: true }) as number;
  const checkpointPages = db.sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.sqlite.pragma(`cache_size = ${String(BULK_CACHE_KIB)}`);
  db.sqlite.pragma(`wal_autocheckpoint = ${String(BULK_CHECKPOINT_PAGES)}`);
  return () => {
    db.sqlite.pragma(`cache_size = ${String(cacheSize)}`);
    db.sqlite.pragma(`wal_autocheckpoint = ${String(checkpointPages)}`);
  };
}

/** The page cache while importing (negative: KiB). */
const BULK_CACHE_KIB = -32_768;
/** WAL pages between checkpoints while importing (about 40 MB of 4 KiB pages). */
const BULK_CHECKPOINT_PAGES = 10_000;

function exampleOf(mapped: MappedRow, outcome: Exclude<RowOutcome, { kind: 'rejected' }>): OutcomeExample {
  const name =
    stringOf(mapped.client?.values.name) ??
    stringOf(mapped.contact?.values.name) ??
    stringOf(mapped.record?.values.title) ??
    stringOf(mapped.record?.values.summary) ??
    '';
  return {
    row: mapped.row,
    name,
    ...('by' in outcome ? { by: outcome.by } : {}),
    ...('sameFileRow' in outcome && outcome.sameFileRow !== undefined
      ? { sameFileRow: outcome.sameFileRow }
      : {}),
  };
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Sends progress at most every PROGRESS_MS, with the rate and the time left. */
function progressReporter(
  options: RunImportOptions,
  started: number,
): (rowsDone: number, phase: ImportProgress['phase']) => void {
  let last = 0;
  return (rowsDone, phase) => {
    if (!options.onProgress) return;
    const at = Date.now();
    if (at - last < PROGRESS_MS) return;
    last = at;
    const seconds = Math.max((at - started) / 1000, 0.001);
    const rate = rowsDone / seconds;
    const total = options.expectedRows ?? null;
    options.onProgress({
      phase,
      rowsDone,
      rowsTotal: total,
      rowsPerSecond: Math.round(rate),
      secondsLeft: total !== null && rate > 0 ? Math.max(0, (total - rowsDone) / rate) : null,
    });
  };
}
