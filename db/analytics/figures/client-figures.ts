import type { AnalyticsSettings, ClientFigures, LossReason } from '../../../shared/domain/analytics.ts';
import { currencyDigits } from '../../../shared/domain/fields.ts';
import type { ReadDb } from '../../sql.ts';
import { clientsTouchedSince } from '../changes-since.ts';
import { type DataStand, dataStand, sameStand } from '../data-stand.ts';
import { type LiveClient, liveClients } from '../live-clients.ts';
import { scopedClientFacts } from '../scoped-clients.ts';
import type { Scope } from '../scope.ts';
import { type ActivityWindow, type ClientActivity, clientActivity } from './client-activity.ts';
import { interactionSecondsByClient } from './interaction-seconds.ts';

/** Below this share of revenue, a client's margin is "low". */
export const LOW_MARGIN = 0.15;
/** Serving a client "costs too much" when it eats at least this share of its margin. */
export const SERVICE_LOAD_SHARE = 0.5;
/** Paying this many days late on average counts as "late payments". */
export const LATE_DAYS = 30;
/** Refunds of at least this share of what was paid count as a reason. */
export const REFUND_SHARE = 0.1;

/** A client's figures and what they were made from: still right while all three are the same. */
interface Made {
  client: LiveClient;
  activity: ClientActivity | undefined;
  seconds: number;
  figures: ClientFigures;
}

/**
 * Figures made, per period's activity map (client-activity.ts keeps one per period, and replaces a
 * client's activity when it changes) and per pricing: a client's are made again only when its row
 * (live-clients.ts replaces it when it changes), its activity or its seconds are not the ones they were
 * made from.
 */
const made = new WeakMap<ReadonlyMap<string, ClientActivity>, Map<string, Map<string, Made>>>();

/** The last rows made per scope's clients, and where the database stood then. */
interface LastAnswer {
  stand: DataStand;
  seconds: ReadonlyMap<string, number>;
  rows: readonly ClientFigures[];
  /** Where each client's row is, made when an answer is first mended. */
  index?: Map<string, number>;
}

/** Scopes remembered per figures made: a few filters at a time. */
const KEEP_ANSWERS = 4;
const lastAnswers = new WeakMap<Map<string, Made>, Map<string, LastAnswer>>();

/**
 * Every client the scope keeps, with what it brought and cost over the period in the scope's currency:
 * payments received (on the day paid, else issued) minus refunds, the cost recorded on those payments,
 * the minutes of its interactions (interaction-seconds.ts) and its service requests priced by the
 * settings, and how late its invoices due in the period were paid (unpaid ones count until `today`).
 * Made in memory from the scope's kept clients (live-clients.ts) and the period's activity
 * (client-activity.ts), both mended from the change log, and made again only for the clients whose
 * inputs changed, so an answer after a change costs what the change touched plus one pass over the kept
 * clients; while the database has not changed at all, the last rows are the answer. The figures and
 * their list are shared between answers: callers copy a row before changing it.
 */
export function clientFigures(
  db: ReadDb,
  scope: Scope,
  settings: AnalyticsSettings,
  today: string,
): readonly ClientFigures[] {
  const currency = scope.currency ?? '';
  const unit = 10 ** currencyDigits(currency || 'USD');
  const costsApply = settings.costCurrency === null || settings.costCurrency === scope.currency;
  const pricing = {
    perSecond: costsApply ? settings.hourlyCost / 3600 : 0,
    perRequest: costsApply ? settings.serviceRequestCost : 0,
    unit,
  };
  const secondsByClient = interactionSecondsByClient(db, scope.fromMoment, scope.toMomentExclusive);
  const activity = clientActivity(db, activityWindow(scope, today));
  const byPricing = made.get(activity) ?? new Map<string, Map<string, Made>>();
  made.set(activity, byPricing);
  const pricingKey = JSON.stringify(pricing);
  const memo = byPricing.get(pricingKey) ?? new Map<string, Made>();
  byPricing.set(pricingKey, memo);
  const rowOf = (client: LiveClient) => {
    const found = activity.get(client.id);
    const seconds = secondsByClient.get(client.id) ?? 0;
    const before = memo.get(client.id);
    if (before && before.client === client && before.activity === found && before.seconds === seconds)
      return before.figures;
    const figures = figuresOf(client, found, seconds, pricing);
    memo.set(client.id, { client, activity: found, seconds, figures });
    return figures;
  };
  const stand = dataStand(db);
  const scopeKey = `${scope.clients.sql}\n${JSON.stringify(scope.clients.params)}`;
  const answers = lastAnswers.get(memo) ?? new Map<string, LastAnswer>();
  lastAnswers.set(memo, answers);
  const last = answers.get(scopeKey);
  const answer = (last?.seconds === secondsByClient ? mendedAnswer(db, scope, last, stand, rowOf) : null) ?? {
    stand,
    seconds: secondsByClient,
    rows: scope.kept.map(rowOf),
  };
  answers.delete(scopeKey);
  answers.set(scopeKey, answer);
  for (const key of answers.keys()) if (answers.size > KEEP_ANSWERS) answers.delete(key);
  return answer.rows;
}

/**
 * The last answer brought to where the database stands now: the same rows while nothing changed, else
 * the rows of the clients changed since (changes-since.ts) made again, dropped when the scope no longer
 * keeps them, added at the end when it newly does; null when that cannot be told (an import cancelled,
 * another connection wrote, too many changes), and every row is looked at again.
 */
function mendedAnswer(
  db: ReadDb,
  scope: Scope,
  last: LastAnswer,
  stand: DataStand,
  rowOf: (client: LiveClient) => ClientFigures,
): LastAnswer | null {
  if (sameStand(last.stand, stand)) return last;
  if (last.stand.imports !== stand.imports || last.stand.outside !== stand.outside) return null;
  if (last.stand.seq > stand.seq) return null;
  const touched = clientsTouchedSince(db, last.stand.seq, [
    'client',
    'payment',
    'service_request',
    'interaction',
  ]);
  if (touched === null) return null;
  const index = last.index ?? new Map(last.rows.map((row, at) => [row.clientId, at]));
  const kept = scopedClientFacts(db, scope);
  const live = liveClients(db);
  const rows: (ClientFigures | null)[] = [...last.rows];
  let dropped = false;
  for (const id of touched) {
    const client = kept.has(id) ? live.get(id) : undefined;
    const at = index.get(id);
    if (client === undefined) {
      if (at !== undefined) [rows[at], dropped] = [null, true];
    } else if (at === undefined) index.set(id, rows.push(rowOf(client)) - 1);
    else rows[at] = rowOf(client);
  }
  const answer = { stand, seconds: last.seconds, rows: rows.filter((row) => row !== null) };
  return dropped ? answer : { ...answer, index };
}

/** One client's figures from its row, activity and seconds. */
function figuresOf(
  client: LiveClient,
  found: ClientActivity | undefined,
  seconds: number,
  { perSecond, perRequest, unit }: { perSecond: number; perRequest: number; unit: number },
): ClientFigures {
  const paid = (found?.paid ?? 0) / unit;
  const refunded = (found?.refunded ?? 0) / unit;
  const revenue = paid - refunded;
  const profit = revenue - (found?.cost ?? 0) / unit;
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
    historicValue: 0,
    predictedValue: null,
    pAlive: null,
    expectedPurchases: null,
    churnRisk: null,
    churnReasons: [],
  };
  figures.lossReasons = lossReasonsOf(figures, paid, refunded);
  return figures;
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
