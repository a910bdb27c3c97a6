import type { AnalyticsSettings } from '../../../shared/domain/analytics.ts';
import {
  type ChurnReason,
  type ClientLifetimeFigures,
  type ClvModel,
  HIGH_CHURN_RISK,
  MEDIUM_CHURN_RISK,
} from '../../../shared/domain/analytics-lifetime.ts';
import { currencyDigits } from '../../../shared/domain/fields.ts';
import { AppError } from '../../../shared/api/errors.ts';
import type { ReadDb } from '../../sql.ts';
import { expectedUnchecked, probabilityAlive, probabilityOfNoPurchase } from '../clv/bgnbd-predictions.ts';
import { expectedSpend } from '../clv/gamma-gamma.ts';
import { discountedPurchaseValue } from '../clv/lifetime-value.ts';
import { unitsPerMonth } from '../clv/time-unit.ts';
import { onlyClients } from '../mended-by-client.ts';

const DAY_MS = 86_400_000;

/** What one client's payments in one currency say, to today. */
export interface PurchaseSummary {
  /** Distinct days with a payment (refund days are not purchases). */
  purchaseDays: number;
  firstPurchaseOn: string | null;
  lastPurchaseOn: string | null;
  /** Sum of the payments on purchase days after the first, in major units. */
  repeatSpend: number;
  /** Past margins carried to today, in major units (see {@link historicValueOf}). */
  historicValue: number;
}

/** The client's contact rhythm as the Today view keeps it (client.quiet_since, client.last_contact_at). */
export interface QuietRollup {
  quietSince: string | null;
  lastContactAt: string | null;
}

/**
 * The historic value of margins: each payment's margin (amount − recorded cost; a refund is −amount)
 * carried forward to today at the annual discount rate, m × (1 + rate)^(years since its day), the "past
 * customer value" of the CLV literature: money earned a year ago at 10 % is worth 1.1 times it today.
 */
export function historicValueOf(
  margins: readonly { day: string; margin: number }[],
  today: string,
  annualDiscountRate: number,
): number {
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  let value = 0;
  for (const { day, margin } of margins) {
    const years = (todayMs - Date.parse(`${day}T00:00:00Z`)) / DAY_MS / 365.25;
    value += margin * Math.pow(1 + annualDiscountRate, Math.max(0, years));
  }
  return value;
}

/**
 * Every client's purchase summary in a currency up to today, of the clients in `ids` (a JSON array; null:
 * every client): one grouped scan of the payments by client and day, summed up in one pass.
 */
export function purchaseSummaries(
  db: ReadDb,
  ids: string | null,
  currency: string,
  today: string,
  annualDiscountRate: number,
): Map<string, PurchaseSummary> {
  const unit = 10 ** currencyDigits(currency || 'USD');
  const rows = db
    .prepare(
      `SELECT p.client_id AS id, coalesce(p.paid_on, p.issued_on) AS day,
              sum(CASE p.kind WHEN 'payment' THEN p.amount_minor ELSE 0 END) AS paid,
              sum(CASE p.kind WHEN 'payment' THEN p.amount_minor - coalesce(p.cost_minor, 0)
                  ELSE -p.amount_minor END) AS margin,
              max(p.kind = 'payment') AS bought
         FROM payment AS p
        WHERE p.deleted_at IS NULL AND p.kind IN ('payment', 'refund') AND p.currency = @currency
          AND coalesce(p.paid_on, p.issued_on) <= @today ${onlyClients('p.client_id', ids)}
        GROUP BY p.client_id, day
        ORDER BY p.client_id, day`,
    )
    .iterate({ currency, today, ...(ids === null ? {} : { ids }) }) as IterableIterator<{
    id: string;
    day: string;
    paid: number;
    margin: number;
    bought: number;
  }>;
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  const growth = Math.log(1 + annualDiscountRate) / 365.25 / DAY_MS;
  const summaries = new Map<string, PurchaseSummary>();
  for (const { id, day, paid, margin, bought } of rows) {
    let summary = summaries.get(id);
    if (summary === undefined) {
      summary = {
        purchaseDays: 0,
        firstPurchaseOn: null,
        lastPurchaseOn: null,
        repeatSpend: 0,
        historicValue: 0,
      };
      summaries.set(id, summary);
    }
    summary.historicValue += (margin / unit) * Math.exp(growth * Math.max(0, todayMs - Date.parse(day)));
    if (bought !== 1) continue;
    if (summary.purchaseDays > 0) summary.repeatSpend += paid / unit;
    summary.firstPurchaseOn ??= day;
    summary.lastPurchaseOn = day;
    summary.purchaseDays++;
  }
  for (const summary of summaries.values()) summary.historicValue = round(summary.historicValue, unit);
  return summaries;
}

/**
 * The risk that a client who has gone quiet is leaving: 0 until its silence is longer than its own rhythm
 * (client.quiet_since: the last contact plus twice its usual gap), then one half, growing to 1 when the
 * silence has gone on as long again as the gap it was allowed.
 */
export function quietRisk(rollup: QuietRollup, now: Date): number {
  if (rollup.quietSince === null || rollup.lastContactAt === null) return 0;
  const quietMs = Date.parse(rollup.quietSince);
  const overdue = now.getTime() - quietMs;
  if (!(overdue >= 0)) return 0;
  const allowed = quietMs - Date.parse(rollup.lastContactAt);
  if (!(allowed > 0)) return 1;
  return Math.min(1, 0.5 + (0.5 * overdue) / allowed);
}

/**
 * The moments (ms, `from` included, `until` excluded) around `now` over which {@link quietRisk} stays
 * what it is at `now`: before the client goes quiet it is 0, once the silence is as long again as the
 * gap it was allowed it is 1; in between it grows with every moment (an empty span).
 */
export function quietRiskSteady(rollup: QuietRollup, now: Date): { from: number; until: number } {
  if (rollup.quietSince === null || rollup.lastContactAt === null)
    return { from: -Infinity, until: Infinity };
  const quietMs = Date.parse(rollup.quietSince);
  const at = now.getTime();
  if (Number.isNaN(quietMs)) return { from: -Infinity, until: Infinity };
  if (at < quietMs) return { from: -Infinity, until: quietMs };
  const allowed = quietMs - Date.parse(rollup.lastContactAt);
  if (!(allowed > 0)) return { from: quietMs, until: Infinity };
  const full = quietMs + allowed;
  return at >= full ? { from: full, until: Infinity } : { from: at, until: at };
}

/**
 * A client's churn risk: the larger of 1 − pAlive (BG/NBD: it has probably stopped buying) and its quiet
 * risk ({@link quietRisk}); either sign alone is enough to worry. The reasons are the signs of at least
 * {@link MEDIUM_CHURN_RISK}, the larger first.
 */
export function churnRiskOf(pAlive: number | null, quiet: number): { risk: number; reasons: ChurnReason[] } {
  const notBuying = pAlive === null ? 0 : 1 - pAlive;
  const signs: [ChurnReason, number][] = [
    ['notBuying', notBuying],
    ['quiet', quiet],
  ];
  const reasons = signs
    .filter(([, value]) => value >= MEDIUM_CHURN_RISK)
    .sort((a, b) => b[1] - a[1])
    .map(([reason]) => reason);
  return { risk: Math.max(notBuying, quiet), reasons };
}

/** A client's lifetime figures and the chance it buys at least once within the horizon (null: unknown). */
export type LifetimeFigures = ClientLifetimeFigures & { buyAgain: number | null };

/** The settings a prediction uses. */
export type PredictionSettings = Pick<AnalyticsSettings, 'horizonMonths' | 'annualDiscountRate'>;

/** What a currency's model predicts for one buyer's purchase summary, to today. */
export type Prediction = ReturnType<typeof predict>;

/**
 * One client's lifetime figures from its purchase summary, its quiet rollup and its currency's model. The
 * model's parameters describe the population; the client's history is taken to today (not to the fit's
 * `until`), so a client silent since the fit counts as silent. A client who never paid has a predicted
 * value of 0 (with a model), no pAlive and no churn risk: it has not started buying, so it cannot stop.
 */
export function clientLifetimeFigures(
  summary: PurchaseSummary | undefined,
  rollup: QuietRollup,
  model: ClvModel | undefined,
  settings: PredictionSettings,
  now: Date,
  unit: number,
): LifetimeFigures {
  const prediction = predictionOf(summary, model, settings, now);
  return lifetimeFiguresOf(summary, prediction, rollup, model, now, unit);
}

/** The model's prediction for a buyer (undefined: no model, or the client never bought). */
export function predictionOf(
  summary: PurchaseSummary | undefined,
  model: ClvModel | undefined,
  settings: PredictionSettings,
  now: Date,
): Prediction | undefined {
  if (model === undefined || !isBuyer(summary)) return undefined;
  return predict(model, summary, settings, now);
}

function isBuyer(summary: PurchaseSummary | undefined): summary is PurchaseSummary {
  return summary !== undefined && summary.firstPurchaseOn !== null && summary.lastPurchaseOn !== null;
}

/**
 * {@link clientLifetimeFigures} from a prediction made already ({@link predictionOf}, which depends on the
 * day only): the churn risk's quiet part moves with the moment, so it is worked out on each answer.
 */
export function lifetimeFiguresOf(
  summary: PurchaseSummary | undefined,
  prediction: Prediction | undefined,
  rollup: QuietRollup,
  model: ClvModel | undefined,
  now: Date,
  unit: number,
): LifetimeFigures {
  const historicValue = summary?.historicValue ?? 0;
  if (!isBuyer(summary)) {
    return {
      historicValue,
      predictedValue: model === undefined ? null : 0,
      pAlive: null,
      expectedPurchases: null,
      churnRisk: null,
      churnReasons: [],
      buyAgain: null,
    };
  }
  const churn = churnRiskOf(prediction?.pAlive ?? null, quietRisk(rollup, now));
  return {
    historicValue,
    predictedValue:
      prediction === undefined || prediction.value === null ? null : round(prediction.value, unit),
    pAlive: prediction?.pAlive ?? null,
    expectedPurchases: prediction?.expected ?? null,
    churnRisk: churn.risk,
    churnReasons: churn.reasons,
    buyAgain: prediction?.buyAgain ?? null,
  };
}

/** BG/NBD and Gamma-Gamma for one purchase summary, times in weeks to today. */
function predict(model: ClvModel, summary: PurchaseSummary, settings: PredictionSettings, now: Date) {
  const first = Date.parse(`${summary.firstPurchaseOn ?? ''}T00:00:00Z`);
  const last = Date.parse(`${summary.lastPurchaseOn ?? ''}T00:00:00Z`);
  const today = Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
  const unitMs = (model.unit === 'week' ? 7 : 1) * DAY_MS;
  const frequency = summary.purchaseDays - 1;
  const history = { frequency, recency: (last - first) / unitMs, age: Math.max(last, today) - first };
  history.age /= unitMs;
  const horizon = settings.horizonMonths * unitsPerMonth(model.unit);
  const pAlive = probabilityAlive(model.bgnbd, history);
  const expected = expectedUnchecked(model.bgnbd, history, horizon);
  const buyAgain = 1 - probabilityOfNoPurchase(model.bgnbd, history, horizon);
  let value: number | null = null;
  try {
    const meanRepeatSpend = frequency > 0 ? summary.repeatSpend / frequency : 0;
    const spend = expectedSpend(model.gammaGamma, { frequency, meanRepeatSpend });
    value = discountedPurchaseValue(model.bgnbd, history, spend, { ...settings, unit: model.unit });
  } catch (error) {
    // A spend model with no finite mean (q ≤ 1) predicts no value; BG/NBD's figures still hold.
    if (!(error instanceof AppError)) throw error;
  }
  return { pAlive, expected, buyAgain, value };
}

/** Whether a churn risk puts a client's predicted value "at risk". */
export function isAtRisk(churnRisk: number | null): boolean {
  return churnRisk !== null && churnRisk >= HIGH_CHURN_RISK;
}

function round(value: number, unit: number): number {
  return Math.round(value * unit) / unit;
}
