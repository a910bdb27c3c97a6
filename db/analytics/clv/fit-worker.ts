import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { SqlReads } from '../../sql.ts';
import { fitPaymentModels, type PaymentModelFit } from '../clv-model-store.ts';

/*
 * The lifetime-value fit, in a worker thread of the backend process (ARCHITECTURE.md "Analytics"): it
 * opens the database file read-only on its own connection (WAL lets it read while the backend writes),
 * fits per currency and posts the result back; the backend stores it. Started once per fit.
 */

/** What the backend gives the worker. */
export interface FitWorkerInput {
  file: string;
  /** The backend's today (YYYY-MM-DD) and now: payments after today are left out. */
  today: string;
  now: string;
}

/** What the worker posts back: the fit, or why it failed. */
export type FitWorkerMessage =
  { ok: true; fit: PaymentModelFit } | { ok: false; message: string; stack?: string };

const input = workerData as FitWorkerInput;
let message: FitWorkerMessage;
const sqlite = new Database(input.file, { readonly: true, fileMustExist: true });
try {
  sqlite.pragma('busy_timeout = 5000');
  message = { ok: true, fit: fitPaymentModels(sqlite, sqlReads(sqlite), input.today, new Date(input.now)) };
} catch (error) {
  message =
    error instanceof Error
      ? { ok: false, message: error.message, ...(error.stack ? { stack: error.stack } : {}) }
      : { ok: false, message: String(error) };
} finally {
  sqlite.close();
}
parentPort?.postMessage(message);

/**
 * Prepared statements of the worker's connection, each prepared once: all its reads need. Not
 * db/sql.ts's createDb, whose query builder (Kysely) would load in this thread too: with it and the
 * contract's validation library (kept out through shared/domain/days-and-currencies.ts), the process
 * held 152-157 MiB after a fit at 100k clients, against 141-142 MiB without them.
 */
function sqlReads(connection: Database.Database): SqlReads {
  const statements = new Map<string, Database.Statement>();
  return {
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement === undefined) statements.set(sql, (statement = connection.prepare(sql)));
      return statement;
    },
  };
}
