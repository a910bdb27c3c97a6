import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../shared/api/errors.ts';
import type { ClvModel, ClvModels, ClvUnfitted } from '../../shared/domain/analytics-lifetime.ts';
import type { ReadDb, SqlReads } from '../sql.ts';
import { calendarDay, checkPurchases } from './clv/customer-summary.ts';
import { fitCurrencyHistories, type LifetimeValueModel } from './clv/fit-models.ts';
import { paymentSummaries } from './payment-purchases.ts';

/** What one fit of a database's payments found: a model or a reason per currency, and what it saw. */
export interface PaymentModelFit {
  models: ClvModel[];
  unfitted: ClvUnfitted[];
  /** The newest change-log sequence the fit's read saw: a later payment change makes it stale. */
  seq: number;
}

/**
 * Fits the lifetime-value models per currency on a database's payments up to `today` (later ones are
 * left out), each currency observed up to the last purchase day of the whole database. A currency that
 * cannot be fitted (nobody bought twice, identical amounts) gets its reason instead of failing the others.
 * The purchases and the sequence are read in one transaction, so the sequence is exactly what was seen.
 */
export function fitPaymentModels(sqlite: BetterSqlite3.Database, db: SqlReads, today: string, now: Date) {
  const read = sqlite.transaction(() => ({ read: paymentSummaries(db, today), seq: changeLogSeq(db) }));
  const { read: summaries, seq } = read.deferred();
  const fittedAt = now.toISOString();
  const fit: PaymentModelFit = { models: [], unfitted: [], seq };
  if (summaries.lastDay === undefined) return fit;
  const until = calendarDay(summaries.lastDay);
  const untilDay = summaries.lastDay;
  for (const currency of [...summaries.currencies.keys()].sort()) {
    const customers = summaries.currencies.get(currency);
    try {
      if (customers === undefined) continue;
      // A day the models cannot read refuses the currency's fit as checkPurchases words it.
      if ('unreadable' in customers) checkPurchases([customers.unreadable]);
      else if (customers.size > 0) {
        const fitted = fitCurrencyHistories(
          currency || null,
          () => customers.histories(untilDay, 'week'),
          {},
        );
        if (fitted) fit.models.push({ currency: currency || null, unit: 'week', until, ...fitted, fittedAt });
      }
    } catch (error) {
      const reason = error instanceof AppError ? reasonOf(error) : 'failed';
      const message = error instanceof Error ? error.message : String(error);
      fit.unfitted.push({ currency, reason, message, fittedAt });
    }
  }
  return fit;
}

function reasonOf(error: AppError): string {
  const reason = (error.details as { reason?: unknown } | undefined)?.reason;
  return typeof reason === 'string' ? reason : 'failed';
}

/** The newest change-log sequence (0 for an empty log). */
export function changeLogSeq(db: SqlReads): number {
  const row = db.prepare('SELECT max(seq) AS seq FROM change_log').get() as { seq: number | null };
  return row.seq ?? 0;
}

/** Replaces the stored fits with a new one (all currencies at once: a currency gone is a fit gone). */
export function storePaymentModels(sqlite: BetterSqlite3.Database, fit: PaymentModelFit): void {
  const insert = sqlite.prepare(
    'INSERT INTO clv_model (currency, model, fitted_at, fitted_seq) VALUES (?, ?, ?, ?)',
  );
  sqlite.transaction(() => {
    sqlite.prepare('DELETE FROM clv_model').run();
    for (const { currency, fittedAt, ...model } of fit.models)
      insert.run(currency ?? '', JSON.stringify(model), fittedAt, fit.seq);
    for (const { currency, fittedAt, ...unfitted } of fit.unfitted)
      insert.run(currency, JSON.stringify({ unfitted }), fittedAt, fit.seq);
    // An empty fit (no payments yet) is remembered too, so a start does not fit again for nothing.
    if (fit.models.length === 0 && fit.unfitted.length === 0)
      insert.run('', JSON.stringify({ none: true }), new Date().toISOString(), fit.seq);
  })();
}

type StoredModel =
  | Omit<LifetimeValueModel, 'currency' | 'fittedAt'>
  | { unfitted: Omit<ClvUnfitted, 'currency' | 'fittedAt'> }
  | { none: true };

/** The stored fits, and whether payments (or clients' deletions) changed since. */
export function readPaymentModels(db: ReadDb): ClvModels {
  const rows = db
    .prepare('SELECT currency, model, fitted_at, fitted_seq FROM clv_model ORDER BY currency')
    .all() as { currency: string; model: string; fitted_at: string; fitted_seq: number }[];
  const answer: ClvModels = { models: [], unfitted: [], stale: isStale(db, rows) };
  for (const row of rows) {
    const stored = JSON.parse(row.model) as StoredModel;
    if ('none' in stored) continue;
    if ('unfitted' in stored)
      answer.unfitted.push({ ...stored.unfitted, currency: row.currency, fittedAt: row.fitted_at });
    else answer.models.push({ currency: row.currency || null, ...stored, fittedAt: row.fitted_at });
  }
  return answer;
}

/** The stored model of one currency, undefined when there is none. */
export function storedModelOf(models: ClvModels, currency: string | null): ClvModel | undefined {
  return models.models.find((model) => model.currency === currency);
}

function isStale(db: ReadDb, rows: readonly { fitted_seq: number }[]): boolean {
  const first = rows[0];
  if (first === undefined) return hasPayments(db);
  return paymentsChangedAfter(db, Math.min(...rows.map((row) => row.fitted_seq)));
}

/** Whether a payment, or a client's deletion or merge, was logged after `seq`: a range of the log's key. */
export function paymentsChangedAfter(db: ReadDb, seq: number): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM change_log WHERE seq > ? AND (table_name = 'payment'
           OR (table_name = 'client' AND field IN ('deleted_at', 'merged_into'))) LIMIT 1`,
      )
      .get(seq) !== undefined
  );
}

function hasPayments(db: ReadDb): boolean {
  return (
    db.prepare(`SELECT 1 FROM payment WHERE deleted_at IS NULL AND kind = 'payment' LIMIT 1`).get() !==
    undefined
  );
}

/** Whether the stored fits are missing or older than the payments. */
export function paymentModelsAreStale(db: ReadDb): boolean {
  const rows = db.prepare('SELECT fitted_seq FROM clv_model').all() as { fitted_seq: number }[];
  return isStale(db, rows);
}
