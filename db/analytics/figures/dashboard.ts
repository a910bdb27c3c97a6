import type { DashboardReport } from '../../../shared/domain/analytics.ts';
import { currencyDigits } from '../../../shared/domain/fields.ts';
import type { ReadDb } from '../../sql.ts';
import { mendedByClient, onlyClients } from '../mended-by-client.ts';
import { scopedClientFacts } from '../scoped-clients.ts';
import { type Scope, daysBetween, nextDay, scopeOut } from '../scope.ts';
import { type ClientActivity, clientActivity } from './client-activity.ts';
import { activityWindow } from './client-figures.ts';
import { asOfDay, owedAt } from './payments.ts';

/** The period of the same length just before `from`–`to`. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const days = daysBetween(from, to) + 1;
  const end = new Date(`${from}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() - 1);
  const start = new Date(end);
  start.setUTCDate(start.getUTCDate() - (days - 1));
  return { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
}

/** The dashboard's tiles that other pages compute, as those pages do. */
export interface DashboardTiles {
  unprofitable: DashboardReport['unprofitable'];
  retention: DashboardReport['retention'];
  valueAtRisk: DashboardReport['valueAtRisk'];
}

/**
 * The totals of the dashboard that are plain sums: revenue, profit and paying clients this period and
 * the one before (from the periods' mended activity, client-activity.ts, of the kept clients), open deals
 * (weighted by their probability; a deal with none counts at its stage's usual odds), and invoices
 * overdue as the Payment discipline page counts them (payments.ts owedAt: unpaid at the period's end or
 * today, whichever is first, and past their due day).
 */
export function dashboardTotals(
  db: ReadDb,
  scope: Scope,
  today: string,
  tiles: DashboardTiles,
): DashboardReport {
  const currency = scope.currency ?? '';
  const unit = 10 ** currencyDigits(currency || 'USD');
  const previous = previousPeriod(scope.from, scope.to);
  const clients = scopedClientFacts(db, scope);
  const now = sumsOf(clients, clientActivity(db, activityWindow(scope, today)), true);
  const previousScope = {
    ...scope,
    ...previous,
    fromMoment: `${previous.from}T00:00:00.000Z`,
    toMomentExclusive: `${nextDay(previous.to)}T00:00:00.000Z`,
  };
  const before = sumsOf(clients, clientActivity(db, activityWindow(previousScope, today)), false);
  const pipeline = openPipeline(db, scope);
  const overdue = { invoices: 0, clients: new Set<string>(), amount: 0 };
  for (const row of owedAt(db, scope, asOfDay(scope, today)))
    if (row.past > 0) {
      overdue.invoices += row.invoices;
      overdue.clients.add(row.client_id);
      overdue.amount += row.amount;
    }
  const money = (minor: number) => Math.round(minor) / unit;
  return {
    scope: scopeOut(scope),
    previous,
    revenue: { current: money(now.revenue), previous: money(before.revenue) },
    profit: { current: money(now.revenue - now.cost), previous: money(before.revenue - before.cost) },
    payingClients: { current: now.paying, previous: before.paying },
    ...tiles,
    openPipeline: {
      deals: pipeline.deals,
      value: money(pipeline.value),
      weighted: money(pipeline.weightedPercent / 100),
    },
    overdueReceivables: {
      invoices: overdue.invoices,
      clients: overdue.clients.size,
      amount: money(overdue.amount),
    },
    months: monthsOf(scope.from, scope.to).map((month) => {
      const row = now.months.get(month);
      return {
        month,
        revenue: money(row?.revenue ?? 0),
        profit: money((row?.revenue ?? 0) - (row?.cost ?? 0)),
      };
    }),
  };
}

/**
 * A period's sums over the scope's clients, in minor units, and per month when asked. Integer minor
 * units add up exactly in any order, so the period's active clients are walked, not every kept one.
 */
function sumsOf(
  clients: ReadonlyMap<string, unknown>,
  activity: ReadonlyMap<string, ClientActivity>,
  byMonth: boolean,
) {
  const sums = {
    revenue: 0,
    cost: 0,
    paying: 0,
    months: new Map<string, { revenue: number; cost: number }>(),
  };
  for (const [id, found] of activity) {
    if (!clients.has(id)) continue;
    sums.revenue += found.paid - found.refunded;
    sums.cost += found.cost;
    if (found.payments > 0) sums.paying += 1;
    if (!byMonth) continue;
    for (const { month, revenue, cost } of found.months) {
      const total = sums.months.get(month);
      if (total === undefined) sums.months.set(month, { revenue, cost });
      else {
        total.revenue += revenue;
        total.cost += cost;
      }
    }
  }
  return sums;
}

/** A client's open deals in a currency: how many, their value, and their value times their odds in percent. */
interface OpenDeals {
  deals: number;
  value: number;
  weightedPercent: number;
}

/**
 * The open deals of the scoped clients in the scope's currency, a deal with no probability at its
 * stage's usual odds: kept per client and mended after deal changes (mended-by-client.ts), so an answer
 * adds up the clients' sums in memory instead of joining every open deal to its client. The value
 * times the odds stays a whole number of minor-unit percents until the end, so sums are exact.
 */
function openPipeline(db: ReadDb, scope: Scope): OpenDeals {
  const currency = scope.currency ?? '';
  const all = mendedByClient<OpenDeals>(db, {
    name: 'dashboard.pipeline',
    key: currency,
    tables: ['deal'],
    read: (ids) => {
      const rows = db
        .prepare(
          `SELECT client_id AS id, count(*) AS deals, coalesce(sum(value_minor), 0) AS value,
                  coalesce(sum(value_minor * coalesce(probability,
                    CASE stage WHEN 'qualification' THEN 20 WHEN 'proposal' THEN 50 ELSE 75 END)), 0) AS weightedPercent
             FROM deal
            WHERE deleted_at IS NULL AND stage NOT IN ('won', 'lost') AND currency = @currency
                  ${onlyClients('client_id', ids)}
            GROUP BY client_id`,
        )
        .all({ currency, ...(ids === null ? {} : { ids }) }) as (OpenDeals & { id: string })[];
      return new Map(rows.map(({ id, ...deals }) => [id, deals]));
    },
  });
  const clients = scopedClientFacts(db, scope);
  const sums: OpenDeals = { deals: 0, value: 0, weightedPercent: 0 };
  for (const [id, deals] of all) {
    if (!clients.has(id)) continue;
    sums.deals += deals.deals;
    sums.value += deals.value;
    sums.weightedPercent += deals.weightedPercent;
  }
  return sums;
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
