import {
  type AgingBucket,
  type AgingRow,
  type ClientPaymentDiscipline,
  type ClientPayments,
  type PaymentDisciplineReport,
  agingBucketOf,
  agingBuckets,
  daysSalesOutstanding,
  solvencyRatingOf,
} from '../../../shared/domain/analytics-money.ts';
import { AppError } from '../../../shared/api/errors.ts';
import { currencyDigits } from '../../../shared/domain/fields.ts';
import type { ReadDb } from '../../sql.ts';
import { groupedByClient, mendedByClient, onlyClients, rowsOfClients } from '../mended-by-client.ts';
import { type Scope, daysBetween, scopeOut } from '../scope.ts';
import { scopedClientFacts } from '../scoped-clients.ts';

/** What a client owes at `asOf`, by days past due. */
interface OwedRow {
  client_id: string;
  past: number;
  amount: number;
  invoices: number;
}

/** How a client's invoices due in the period were paid, as of `asOf`. */
interface LatenessRow {
  client_id: string;
  invoices: number;
  on_time: number;
  late_days: number;
}

/**
 * The day figures of payment discipline are counted at: the period's end, or today when the period ends
 * later (nobody knows yet what will be paid tomorrow).
 */
export function asOfDay(scope: Scope, today: string): string {
  return scope.to < today ? scope.to : today;
}

/**
 * Unpaid invoices at `asOf` (issued on or before it, not paid by then) of the scoped clients in the
 * scope's currency, by client and days past due (an invoice with no due day is due when issued). Read
 * per client once and mended after changes (mended-by-client.ts), joined in memory to the scope.
 */
export function owedAt(db: ReadDb, scope: Scope, asOf: string): OwedRow[] {
  const currency = scope.currency ?? '';
  const all = mendedByClient<OwedRow[]>(db, {
    name: 'payments.owed',
    key: `${currency}/${asOf}`,
    tables: ['payment'],
    read: (ids) =>
      byClient(
        db
          .prepare(
            `SELECT client_id, CAST(julianday(@asOf) - julianday(coalesce(due_on, issued_on)) AS INTEGER) AS past,
                    sum(amount_minor) AS amount, count(*) AS invoices
               FROM payment
              WHERE deleted_at IS NULL AND kind = 'invoice' AND currency = @currency AND issued_on <= @asOf
                AND (paid_on IS NULL OR paid_on > @asOf) ${onlyClients('client_id', ids)}
              GROUP BY client_id, past`,
          )
          .all({ asOf, currency, ...(ids === null ? {} : { ids }) }) as OwedRow[],
      ),
  });
  return scoped(db, scope, all);
}

/**
 * Per client, invoices due from `from` to `to` judged as of `asOf`: paid by then — late by the days from
 * the due day to the payment (on time when paid on or before it); unpaid and past due — late by the days
 * to `asOf`; unpaid and not yet due — not judged. `currency` null: every currency. `ids` (a JSON array)
 * keeps some clients, null all of them.
 */
export function latenessOf(
  db: ReadDb,
  ids: string | null,
  window: { from: string; to: string; asOf: string; currency: string | null },
): LatenessRow[] {
  // Every client's lateness is read along the invoices' index by currency and due day (a few ms); the
  // condition written for any currency keeps the planner on the client index, walking every payment.
  // Mending a few clients stays on the client index either way.
  const currencyTerm =
    ids === null && window.currency !== null
      ? 'currency = @currency'
      : '(@currency IS NULL OR currency = @currency)';
  return db
    .prepare(
      `SELECT client_id, count(*) AS invoices, sum(late <= 0) AS on_time, sum(max(late, 0)) AS late_days
         FROM (SELECT client_id,
                      CASE WHEN paid_on IS NOT NULL AND paid_on <= @asOf
                           THEN julianday(paid_on) - julianday(due_on)
                           ELSE julianday(@asOf) - julianday(due_on) END AS late
                 FROM payment
                WHERE deleted_at IS NULL AND kind = 'invoice' AND due_on BETWEEN @from AND @to
                  AND ${currencyTerm}
                  AND ((paid_on IS NOT NULL AND paid_on <= @asOf) OR due_on < @asOf)
                  ${onlyClients('client_id', ids)})
        GROUP BY client_id`,
    )
    .all({ ...window, ...(ids === null ? {} : { ids }) }) as LatenessRow[];
}

/** {@link latenessOf} the scoped clients in the scope's currency, kept and mended after changes. */
function scopedLateness(db: ReadDb, scope: Scope, asOf: string): LatenessRow[] {
  const window = { from: scope.from, to: scope.to, asOf, currency: scope.currency ?? '' };
  const all = mendedByClient<LatenessRow[]>(db, {
    name: 'payments.lateness',
    key: `${window.currency}/${window.from}/${window.to}/${asOf}`,
    tables: ['payment'],
    read: (ids) => byClient(latenessOf(db, ids, window)),
  });
  return scoped(db, scope, all);
}

/** Payments received minus refunds from `from` to `asOf`, in minor units of the scope's currency. */
function revenueMinor(db: ReadDb, scope: Scope, asOf: string): number {
  const currency = scope.currency ?? '';
  const all = mendedByClient<{ client_id: string; revenue: number }[]>(db, {
    name: 'payments.revenue',
    key: `${currency}/${scope.from}/${asOf}`,
    tables: ['payment'],
    read: (ids) =>
      byClient(
        db
          .prepare(
            `SELECT client_id, sum(CASE kind WHEN 'payment' THEN amount_minor ELSE -amount_minor END) AS revenue
               FROM payment
              WHERE deleted_at IS NULL AND kind IN ('payment', 'refund') AND currency = @currency
                AND issued_on <= @asOf AND coalesce(paid_on, issued_on) BETWEEN @from AND @asOf
                ${onlyClients('client_id', ids)}
              GROUP BY client_id`,
          )
          .all({ currency, from: scope.from, asOf, ...(ids === null ? {} : { ids }) }) as {
          client_id: string;
          revenue: number;
        }[],
      ),
  });
  return scoped(db, scope, all).reduce((sum, row) => sum + row.revenue, 0);
}

/** Rows of a per-client read grouped by their `client_id`. */
function byClient<T extends { client_id: string }>(rows: readonly T[]): Map<string, T[]> {
  return groupedByClient(rows, (row) => row.client_id);
}

/** The rows of the scoped clients. */
function scoped<T>(db: ReadDb, scope: Scope, all: ReadonlyMap<string, readonly T[]>): T[] {
  return rowsOfClients(all, scopedClientFacts(db, scope));
}

/** Each client's share on time, average days late and rating from its lateness row. */
export function disciplineOf(row: { invoices: number; on_time: number; late_days: number } | undefined) {
  if (!row || row.invoices === 0)
    return { invoices: 0, onTimeShare: null, averageDaysLate: null, rating: null };
  const onTimeShare = row.on_time / row.invoices;
  const averageDaysLate = Math.round((row.late_days / row.invoices) * 10) / 10;
  return {
    invoices: row.invoices,
    onTimeShare,
    averageDaysLate,
    rating: solvencyRatingOf(onTimeShare, averageDaysLate),
  };
}

/** Every scoped client's discipline figures keyed by id (names left empty), and the sums over them all. */
export function clientDiscipline(db: ReadDb, scope: Scope, today: string) {
  const asOf = asOfDay(scope, today);
  const unit = 10 ** currencyDigits(scope.currency ?? 'USD');
  const clients = new Map<string, ClientPaymentDiscipline>();
  const judged = { invoices: 0, onTime: 0, lateDays: 0 };
  const entry = (clientId: string) => {
    let found = clients.get(clientId);
    if (!found) {
      found = { clientId, name: '', overdue: 0, notDue: 0, oldestDaysPastDue: 0, ...disciplineOf(undefined) };
      clients.set(clientId, found);
    }
    return found;
  };
  for (const row of owedAt(db, scope, asOf)) {
    const client = entry(row.client_id);
    if (row.past > 0) {
      client.overdue += row.amount / unit;
      client.oldestDaysPastDue = Math.max(client.oldestDaysPastDue, row.past);
    } else client.notDue += row.amount / unit;
  }
  for (const row of scopedLateness(db, scope, asOf)) {
    Object.assign(entry(row.client_id), disciplineOf(row));
    judged.invoices += row.invoices;
    judged.onTime += row.on_time;
    judged.lateDays += row.late_days;
  }
  return { clients, judged };
}

/** Late payers: clients whose invoices rate "watch" or "poor". */
export function latePayerIds(discipline: Map<string, ClientPaymentDiscipline>): string[] {
  return [...discipline.values()]
    .filter((c) => c.rating === 'watch' || c.rating === 'poor')
    .map((c) => c.clientId);
}

/** The clients with unpaid invoices in one aging bucket at `asOf`. */
export function agingClientIds(db: ReadDb, scope: Scope, today: string, bucket: AgingBucket): string[] {
  const ids = new Set<string>();
  for (const row of owedAt(db, scope, asOfDay(scope, today)))
    if (agingBucketOf(row.past) === bucket) ids.add(row.client_id);
  return [...ids];
}

/** The Payment discipline page: DSO, aging, lateness overall and the clients owing most and paying latest. */
export function paymentDisciplineReport(db: ReadDb, scope: Scope, today: string): PaymentDisciplineReport {
  const asOf = asOfDay(scope, today);
  const unit = 10 ** currencyDigits(scope.currency ?? 'USD');
  const aging = new Map<AgingBucket, AgingRow & { ids: Set<string> }>(
    agingBuckets.map((bucket) => [bucket, { bucket, amount: 0, invoices: 0, clients: 0, ids: new Set() }]),
  );
  for (const row of owedAt(db, scope, asOf)) {
    const bucket = aging.get(agingBucketOf(row.past));
    if (!bucket) continue;
    bucket.amount += row.amount;
    bucket.invoices += row.invoices;
    bucket.ids.add(row.client_id);
  }
  const agingRows = [...aging.values()].map(({ ids, ...row }) => ({
    ...row,
    amount: row.amount / unit,
    clients: ids.size,
  }));
  const receivables = agingRows.reduce((sum, row) => sum + row.amount, 0);
  const overdue = receivables - (agingRows[0]?.amount ?? 0);
  const days = Math.max(0, daysBetween(scope.from, asOf) + 1);
  const revenue = revenueMinor(db, scope, asOf) / unit;
  const dso = daysSalesOutstanding(receivables, revenue, days);
  const { clients: discipline, judged } = clientDiscipline(db, scope, today);
  const { invoices, onTime, lateDays } = judged;
  const all = [...discipline.values()];
  const mostOverdue = all
    .filter((c) => c.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue)
    .slice(0, 20);
  const latest = all
    .filter((c) => c.averageDaysLate !== null && c.averageDaysLate > 0)
    .sort((a, b) => (b.averageDaysLate ?? 0) - (a.averageDaysLate ?? 0) || b.overdue - a.overdue)
    .slice(0, 20);
  nameClients(db, [...mostOverdue, ...latest]);
  return {
    scope: scopeOut(scope),
    asOf,
    days,
    receivables: round(receivables, unit),
    overdue: round(overdue, unit),
    revenue: round(revenue, unit),
    dso: dso === null ? null : Math.round(dso * 10) / 10,
    aging: agingRows.map((row) => ({ ...row, amount: round(row.amount, unit) })),
    invoices,
    onTimeShare: invoices > 0 ? Math.round((onTime / invoices) * 10_000) / 10_000 : null,
    averageDaysLate: invoices > 0 ? Math.round((lateDays / invoices) * 10) / 10 : null,
    latePayers: latePayerIds(discipline).length,
    mostOverdue: mostOverdue.map((c) => ({
      ...c,
      overdue: round(c.overdue, unit),
      notDue: round(c.notDue, unit),
    })),
    latest: latest.map((c) => ({ ...c, overdue: round(c.overdue, unit), notDue: round(c.notDue, unit) })),
  };
}

/** A client's solvency over the 12 months ending today, across currencies, for its header. */
export function clientPayments(
  db: ReadDb,
  clientId: string,
  now: Date,
): Omit<ClientPayments, 'scope'> & { from: string; to: string } {
  const to = now.toISOString().slice(0, 10);
  const start = new Date(now);
  start.setUTCFullYear(start.getUTCFullYear() - 1);
  start.setUTCDate(start.getUTCDate() + 1);
  const from = start.toISOString().slice(0, 10);
  const [row] = latenessOf(db, JSON.stringify([clientId]), { from, to, asOf: to, currency: null });
  const { overdue, notes } =
    (db
      .prepare(
        `SELECT (SELECT count(*) FROM payment AS p
                WHERE p.client_id = c.id AND p.deleted_at IS NULL AND p.kind = 'invoice' AND p.paid_on IS NULL
                  AND coalesce(p.due_on, p.issued_on) < @to) AS overdue,
              c.solvency_notes AS notes
         FROM client AS c WHERE c.id = @id`,
      )
      .get({ id: clientId, to }) as { overdue: number; notes: string | null } | undefined) ??
    notFound(clientId);
  const figures = disciplineOf(row);
  return {
    from,
    to,
    clientId,
    invoices: figures.invoices,
    onTime: row?.on_time ?? 0,
    onTimeShare: figures.onTimeShare,
    averageDaysLate: figures.averageDaysLate,
    overdueInvoices: overdue,
    rating: figures.rating,
    solvencyNotes: notes,
  };
}

function notFound(clientId: string): never {
  throw new AppError('not_found', `No client has the id ${clientId}.`);
}

function nameClients(db: ReadDb, clients: ClientPaymentDiscipline[]): void {
  if (clients.length === 0) return;
  const ids = [...new Set(clients.map((c) => c.clientId))];
  const rows = db
    .prepare(`SELECT id, name FROM client WHERE id IN (${ids.map(() => '?').join(', ')})`)
    .all(...ids) as { id: string; name: string }[];
  const names = new Map(rows.map((row) => [row.id, row.name]));
  for (const client of clients) client.name = names.get(client.clientId) ?? '';
}

function round(value: number, unit: number): number {
  return Math.round(value * unit) / unit;
}
