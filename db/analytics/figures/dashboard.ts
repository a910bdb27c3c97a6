import type { DashboardReport } from '../../../shared/domain/analytics.ts';
import { currencyDigits } from '../../../shared/domain/fields.ts';
import type { ReadDb } from '../../sql.ts';
import { type Scope, daysBetween, scopeOut } from '../scope.ts';

/** The period of the same length just before `from`–`to`. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const days = daysBetween(from, to) + 1;
  const end = new Date(`${from}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() - 1);
  const start = new Date(end);
  start.setUTCDate(start.getUTCDate() - (days - 1));
  return { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
}

/**
 * The totals of the dashboard that are plain sums, each one grouped scan: revenue, profit and paying
 * clients this period and the one before, open deals (weighted by their probability; a deal with none
 * counts at its stage's usual odds), and invoices overdue at the period's end.
 */
export function dashboardTotals(
  db: ReadDb,
  scope: Scope,
  unprofitable: DashboardReport['unprofitable'],
): DashboardReport {
  const currency = scope.currency ?? '';
  const unit = 10 ** currencyDigits(currency || 'USD');
  const previous = previousPeriod(scope.from, scope.to);
  const sums = (from: string, to: string) =>
    db
      .prepare(
        `SELECT coalesce(sum(CASE p.kind WHEN 'payment' THEN p.amount_minor ELSE -p.amount_minor END), 0) AS revenue,
                coalesce(sum(CASE p.kind WHEN 'payment' THEN coalesce(p.cost_minor, 0) ELSE 0 END), 0) AS cost,
                count(DISTINCT CASE p.kind WHEN 'payment' THEN p.client_id END) AS paying
           FROM payment AS p JOIN client AS c ON c.id = p.client_id
          WHERE p.deleted_at IS NULL AND p.kind IN ('payment', 'refund') AND p.currency = ?
            AND coalesce(p.paid_on, p.issued_on) BETWEEN ? AND ? AND ${scope.clients.sql}`,
      )
      .get(currency, from, to, ...scope.clients.params) as { revenue: number; cost: number; paying: number };
  const now = sums(scope.from, scope.to);
  const before = sums(previous.from, previous.to);
  const pipeline = db
    .prepare(
      `SELECT count(*) AS deals, coalesce(sum(d.value_minor), 0) AS value,
              coalesce(sum(d.value_minor * coalesce(d.probability,
                CASE d.stage WHEN 'qualification' THEN 20 WHEN 'proposal' THEN 50 ELSE 75 END) / 100.0), 0) AS weighted
         FROM deal AS d JOIN client AS c ON c.id = d.client_id
        WHERE d.deleted_at IS NULL AND d.stage NOT IN ('won', 'lost') AND d.currency = ? AND ${scope.clients.sql}`,
    )
    .get(currency, ...scope.clients.params) as { deals: number; value: number; weighted: number };
  const overdue = db
    .prepare(
      `SELECT count(*) AS invoices, count(DISTINCT p.client_id) AS clients, coalesce(sum(p.amount_minor), 0) AS amount
         FROM payment AS p JOIN client AS c ON c.id = p.client_id
        WHERE p.deleted_at IS NULL AND p.kind = 'invoice' AND p.currency = ? AND p.issued_on <= ?
          AND p.due_on < ? AND (p.paid_on IS NULL OR p.paid_on > ?) AND ${scope.clients.sql}`,
    )
    .get(currency, scope.to, scope.to, scope.to, ...scope.clients.params) as {
    invoices: number;
    clients: number;
    amount: number;
  };
  const money = (minor: number) => Math.round(minor) / unit;
  const byMonth = new Map(
    (
      db
        .prepare(
          `SELECT substr(coalesce(p.paid_on, p.issued_on), 1, 7) AS month,
                  sum(CASE p.kind WHEN 'payment' THEN p.amount_minor ELSE -p.amount_minor END) AS revenue,
                  sum(CASE p.kind WHEN 'payment' THEN coalesce(p.cost_minor, 0) ELSE 0 END) AS cost
             FROM payment AS p JOIN client AS c ON c.id = p.client_id
            WHERE p.deleted_at IS NULL AND p.kind IN ('payment', 'refund') AND p.currency = ?
              AND coalesce(p.paid_on, p.issued_on) BETWEEN ? AND ? AND ${scope.clients.sql}
            GROUP BY month`,
        )
        .all(currency, scope.from, scope.to, ...scope.clients.params) as {
        month: string;
        revenue: number;
        cost: number;
      }[]
    ).map((row) => [row.month, row]),
  );
  return {
    scope: scopeOut(scope),
    previous,
    revenue: { current: money(now.revenue), previous: money(before.revenue) },
    profit: { current: money(now.revenue - now.cost), previous: money(before.revenue - before.cost) },
    payingClients: { current: now.paying, previous: before.paying },
    unprofitable,
    openPipeline: { deals: pipeline.deals, value: money(pipeline.value), weighted: money(pipeline.weighted) },
    overdueReceivables: {
      invoices: overdue.invoices,
      clients: overdue.clients,
      amount: money(overdue.amount),
    },
    months: monthsOf(scope.from, scope.to).map((month) => {
      const row = byMonth.get(month);
      return {
        month,
        revenue: money(row?.revenue ?? 0),
        profit: money((row?.revenue ?? 0) - (row?.cost ?? 0)),
      };
    }),
  };
}

/** The calendar months (YYYY-MM) a period touches, in order. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${String(year)}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) return months;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}
