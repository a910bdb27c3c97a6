import type { AnalyticsSettings, ClientFigures, LossReason } from '../../../shared/domain/analytics.ts';
import { currencyDigits } from '../../../shared/domain/fields.ts';
import type { ReadDb } from '../../sql.ts';
import type { Scope } from '../scope.ts';
import { type ActivityWindow, clientActivity } from './client-activity.ts';
import { interactionSecondsByClient } from './interaction-seconds.ts';

/** Below this share of revenue, a client's margin is "low". */
export const LOW_MARGIN = 0.15;
/** Serving a client "costs too much" when it eats at least this share of its margin. */
export const SERVICE_LOAD_SHARE = 0.5;
/** Paying this many days late on average counts as "late payments". */
export const LATE_DAYS = 30;
/** Refunds of at least this share of what was paid count as a reason. */
export const REFUND_SHARE = 0.1;

/**
 * Every client the scope keeps, with what it brought and cost over the period in the scope's currency:
 * payments received (on the day paid, else issued) minus refunds, the cost recorded on those payments,
 * the minutes of its interactions (interaction-seconds.ts) and its service requests priced by the
 * settings, and how late its invoices due in the period were paid (unpaid ones count until `today`).
 * Made in memory from the scope's kept clients (live-clients.ts) and the period's activity
 * (client-activity.ts), both mended from the change log, so an answer after a change costs what the
 * change touched plus one pass over the kept clients. Fresh objects: callers may change them.
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
  const activity = clientActivity(db, activityWindow(scope, today));
  return scope.kept.map((client) => {
    const found = activity.get(client.id);
    const paid = (found?.paid ?? 0) / unit;
    const refunded = (found?.refunded ?? 0) / unit;
    const revenue = paid - refunded;
    const profit = revenue - (found?.cost ?? 0) / unit;
    const seconds = secondsByClient.get(client.id) ?? 0;
    const requests = found?.requests ?? 0;
    const costToServe = round(seconds * perSecond + requests * perRequest, unit);
    const profitAfterService = round(profit - costToServe, unit);
    const daysLate = found?.daysLate ?? null;
    const figures: ClientFigures = {
      clientId: client.id,
      name: client.name,
      segment: client.segment,
      stage: client.stage,
      vip: client.vip,
      revenue: round(revenue, unit),
      profit: round(profit, unit),
      costToServe,
      profitAfterService,
      interactionMinutes: Math.round(seconds / 60),
      serviceRequests: requests,
      averageDaysLate: daysLate === null ? null : Math.round(daysLate * 10) / 10,
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

/** The payments and requests a scope's figures are made of. */
export function activityWindow(scope: Scope, today: string): ActivityWindow {
  return {
    from: scope.from,
    to: scope.to,
    fromMoment: scope.fromMoment,
    toMomentExclusive: scope.toMomentExclusive,
    currency: scope.currency ?? '',
    today,
  };
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
