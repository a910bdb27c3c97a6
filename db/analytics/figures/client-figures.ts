import type { AnalyticsSettings, ClientFigures, LossReason } from '../../../shared/domain/analytics.ts';
import { currencyDigits } from '../../../shared/domain/fields.ts';
import type { ReadDb } from '../../sql.ts';
import type { Scope } from '../scope.ts';
import { interactionSecondsByClient } from './interaction-seconds.ts';

/** Below this share of revenue, a client's margin is "low". */
export const LOW_MARGIN = 0.15;
/** Serving a client "costs too much" when it eats at least this share of its margin. */
export const SERVICE_LOAD_SHARE = 0.5;
/** Paying this many days late on average counts as "late payments". */
export const LATE_DAYS = 30;
/** Refunds of at least this share of what was paid count as a reason. */
export const REFUND_SHARE = 0.1;

interface FigureRow {
  id: string;
  name: string;
  segment: string | null;
  stage: ClientFigures['stage'];
  vip: number;
  paid: number | null;
  refunded: number | null;
  cost: number | null;
  requests: number | null;
  daysLate: number | null;
}

/**
 * Every client the scope keeps, with what it brought and cost over the period in the scope's currency:
 * payments received (on the day paid, else issued) minus refunds, the cost recorded on those payments,
 * the minutes of its interactions (interaction-seconds.ts) and its service requests priced by the settings, and how late its
 * invoices due in the period were paid (unpaid ones count until `today`). Grouped scans over indexed
 * columns joined to the clients; no per-client query.
 */
export function clientFigures(
  db: ReadDb,
  scope: Scope,
  settings: AnalyticsSettings,
  today: string,
): ClientFigures[] {
  const currency = scope.currency ?? '';
  const unit = 10 ** currencyDigits(currency || 'USD');
  const costsApply = settings.costCurrency === null || settings.costCurrency === scope.currency;
  const perSecond = costsApply ? settings.hourlyCost / 3600 : 0;
  const perRequest = costsApply ? settings.serviceRequestCost : 0;
  const secondsByClient = interactionSecondsByClient(db, scope.fromMoment, scope.toMomentExclusive);
  const rows = db
    .prepare(
      `WITH pay AS (
         SELECT client_id,
                sum(CASE kind WHEN 'payment' THEN amount_minor ELSE 0 END) AS paid,
                sum(CASE kind WHEN 'refund' THEN amount_minor ELSE 0 END) AS refunded,
                sum(CASE kind WHEN 'payment' THEN coalesce(cost_minor, 0) ELSE 0 END) AS cost
           FROM payment
          WHERE deleted_at IS NULL AND kind IN ('payment', 'refund') AND currency = @currency
            AND coalesce(paid_on, issued_on) BETWEEN @from AND @to
          GROUP BY client_id),
       req AS (
         SELECT client_id, count(*) AS requests
           FROM service_request
          WHERE deleted_at IS NULL AND opened_at >= @fromMoment AND opened_at < @toMoment
          GROUP BY client_id),
       late AS (
         SELECT client_id,
                avg(max(0, julianday(coalesce(paid_on, @today)) - julianday(due_on))) AS days_late
           FROM payment
          WHERE deleted_at IS NULL AND kind = 'invoice' AND currency = @currency AND due_on IS NOT NULL
            AND due_on BETWEEN @from AND @to AND (paid_on IS NOT NULL OR due_on < @today)
          GROUP BY client_id)
       SELECT c.id, c.name, c.segment, c.stage, c.vip, pay.paid, pay.refunded, pay.cost,
              req.requests, late.days_late AS daysLate
         FROM client AS c
         LEFT JOIN pay ON pay.client_id = c.id
         LEFT JOIN req ON req.client_id = c.id
         LEFT JOIN late ON late.client_id = c.id
        WHERE ${scope.clients.sql}`,
    )
    .all(
      {
        currency,
        from: scope.from,
        to: scope.to,
        fromMoment: scope.fromMoment,
        toMoment: scope.toMomentExclusive,
        today,
      },
      ...scope.clients.params,
    ) as FigureRow[];
  return rows.map((row) => {
    const paid = (row.paid ?? 0) / unit;
    const refunded = (row.refunded ?? 0) / unit;
    const revenue = paid - refunded;
    const profit = revenue - (row.cost ?? 0) / unit;
    const seconds = secondsByClient.get(row.id) ?? 0;
    const requests = row.requests ?? 0;
    const costToServe = round(seconds * perSecond + requests * perRequest, unit);
    const profitAfterService = round(profit - costToServe, unit);
    const figures: ClientFigures = {
      clientId: row.id,
      name: row.name,
      segment: row.segment,
      stage: row.stage,
      vip: row.vip === 1,
      revenue: round(revenue, unit),
      profit: round(profit, unit),
      costToServe,
      profitAfterService,
      interactionMinutes: Math.round(seconds / 60),
      serviceRequests: requests,
      averageDaysLate: row.daysLate === null ? null : Math.round(row.daysLate * 10) / 10,
      lossReasons: [],
      // Segments: scored among all paying clients at once (segmentsOf), not row by row.
      rfm: null,
      abc: null,
      // Lifetime value: filled in by withLifetimeFigures (figures/lifetime-report.ts) where asked for.
      ...noLifetimeFigures,
    };
    figures.lossReasons = lossReasonsOf(figures, paid, refunded);
    return figures;
  });
}

/** A client's lifetime fields before they are computed. */
const noLifetimeFigures = {
  historicValue: 0,
  predictedValue: null,
  pAlive: null,
  expectedPurchases: null,
  churnRisk: null,
  churnReasons: [],
} satisfies Partial<ClientFigures>;

/**
 * Why a client's profit after cost to serve is below zero, in this order: it brought nothing; serving it
 * eats half its margin or more; its margin is thin; it took money back; it pays late. Empty when it
 * makes money.
 */
export function lossReasonsOf(figures: ClientFigures, paid: number, refunded: number): LossReason[] {
  if (figures.profitAfterService >= 0) return [];
  const reasons: LossReason[] = [];
  if (figures.revenue <= 0) reasons.push('noRevenue');
  if (figures.costToServe > 0 && figures.costToServe >= Math.max(figures.profit, 0) * SERVICE_LOAD_SHARE)
    reasons.push('serviceLoad');
  if (figures.revenue > 0 && figures.profit / figures.revenue < LOW_MARGIN) reasons.push('lowMargin');
  if (paid > 0 && refunded / paid >= REFUND_SHARE) reasons.push('refunds');
  if (figures.averageDaysLate !== null && figures.averageDaysLate >= LATE_DAYS) reasons.push('latePayments');
  return reasons;
}

/** Rounds to the currency's minor unit, so sums of cents print as cents. */
function round(value: number, unit: number): number {
  return Math.round(value * unit) / unit;
}
