import type { AnalyticsSettings, ClientFigures } from '../../../shared/domain/analytics.ts';
import type { ClvModel, ClvModels, LifetimeReport } from '../../../shared/domain/analytics-lifetime.ts';
import { currencyDigits } from '../../../shared/domain/fields.ts';
import type { ReadDb } from '../../sql.ts';
import { storedModelOf } from '../clv-model-store.ts';
import { mendedByClient } from '../mended-by-client.ts';
import { type Scope, scopeOut } from '../scope.ts';
import { scopedClientFacts } from '../scoped-clients.ts';
import { typedGroup } from './revenue.ts';
import {
  type LifetimeFigures,
  type Prediction,
  type PurchaseSummary,
  isAtRisk,
  lifetimeFiguresOf,
  predictionOf,
  purchaseSummaries,
} from './lifetime.ts';

/** A client's purchase summary in a currency and its model's prediction, both as of one day. */
interface PredictedSummary {
  summary: PurchaseSummary;
  prediction: Prediction | undefined;
}

/**
 * Every scoped client's lifetime figures in the scope's currency: its purchase summary (one grouped scan
 * of payments by client and day) and the closed-form predictions of the stored model, both kept per
 * client for the day, model and settings and mended after payment changes (mended-by-client.ts); only
 * the churn risk's quiet part, which moves with the moment, is worked out on each answer from the
 * clients' rollups.
 */
export function scopeLifetimeFigures(
  db: ReadDb,
  scope: Scope,
  settings: AnalyticsSettings,
  models: ClvModels,
  now: Date,
): Map<string, LifetimeFigures> {
  const currency = scope.currency ?? '';
  const unit = 10 ** currencyDigits(currency || 'USD');
  const model = scope.currency === null ? undefined : storedModelOf(models, scope.currency);
  const predicted = predictedSummaries(db, currency, model, settings, now);
  const figures = new Map<string, LifetimeFigures>();
  for (const [id, client] of scopedClientFacts(db, scope)) {
    const found = predicted.get(id);
    figures.set(id, lifetimeFiguresOf(found?.summary, found?.prediction, client, model, now, unit));
  }
  return figures;
}

function predictedSummaries(
  db: ReadDb,
  currency: string,
  model: ClvModel | undefined,
  settings: AnalyticsSettings,
  now: Date,
) {
  const today = now.toISOString().slice(0, 10);
  const { horizonMonths, annualDiscountRate } = settings;
  return mendedByClient<PredictedSummary>(db, {
    name: 'lifetime.predictions',
    key: JSON.stringify([currency, today, horizonMonths, annualDiscountRate, model ?? null]),
    tables: ['payment'],
    read: (ids) => {
      const predicted = new Map<string, PredictedSummary>();
      for (const [id, summary] of purchaseSummaries(db, ids, currency, today, annualDiscountRate))
        predicted.set(id, { summary, prediction: predictionOf(summary, model, settings, now) });
      return predicted;
    },
  });
}

/**
 * Each scoped client's segment as the revenue page groups it (typedGroup), from the scope's kept clients instead of another scan of the client table.
 */
export function segmentKeys(
  db: ReadDb,
  scope: Scope,
): Map<string, { key: string | null; label: string | null }> {
  const keys = new Map<string, { key: string | null; label: string | null }>();
  for (const [id, client] of scopedClientFacts(db, scope)) keys.set(id, typedGroup(client.segment));
  return keys;
}

/** Adds each client's lifetime figures to its period figures (the rows of `analytics.clients`). */
export function withLifetimeFigures(
  figures: ClientFigures[],
  lifetime: ReadonlyMap<string, LifetimeFigures>,
): ClientFigures[] {
  for (const row of figures) {
    const found = lifetime.get(row.clientId);
    if (found === undefined) continue;
    row.historicValue = found.historicValue;
    row.predictedValue = found.predictedValue;
    row.pAlive = found.pAlive;
    row.expectedPurchases = found.expectedPurchases;
    row.churnRisk = found.churnRisk;
    row.churnReasons = found.churnReasons;
  }
  return figures;
}

/** How many buckets the distribution of predicted values has at most. */
const BUCKETS = 10;

/**
 * The Lifetime value page: totals of the scoped buyers, the distribution of their predicted values in
 * round-numbered buckets, and predicted and historic value per segment.
 */
export function lifetimeReport(
  scope: Scope,
  settings: AnalyticsSettings,
  models: ClvModels,
  lifetime: ReadonlyMap<string, LifetimeFigures>,
  segments: ReadonlyMap<string, { key: string | null; label: string | null }>,
): LifetimeReport {
  const model = scope.currency === null ? undefined : storedModelOf(models, scope.currency);
  const buyers = [...lifetime].filter(([, figures]) => figures.churnRisk !== null);
  const predicted = buyers.map(([, figures]) => figures.predictedValue ?? 0);
  const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
  const at = buyers.filter(([, figures]) => isAtRisk(figures.churnRisk));
  const bySegment = new Map<string | null, LifetimeReport['bySegment'][number]>();
  for (const [id, figures] of lifetime) {
    const { key, label } = segments.get(id) ?? { key: null, label: null };
    const group = bySegment.get(key) ?? { key, label, clients: 0, predictedValue: 0, historicValue: 0 };
    group.clients++;
    group.predictedValue += figures.predictedValue ?? 0;
    group.historicValue += figures.historicValue;
    bySegment.set(key, group);
  }
  const unit = 10 ** currencyDigits(scope.currency ?? 'USD');
  const total = sum(predicted);
  return {
    scope: scopeOut(scope),
    model: model ?? null,
    unfitted: models.unfitted.find((entry) => entry.currency === scope.currency) ?? null,
    stale: models.stale,
    horizonMonths: settings.horizonMonths,
    annualDiscountRate: settings.annualDiscountRate,
    totals: {
      buyers: buyers.length,
      predictedValue: round(total, unit),
      averagePredictedValue: buyers.length === 0 ? null : round(total / buyers.length, unit),
      historicValue: round(sum([...lifetime.values()].map((figures) => figures.historicValue)), unit),
      valueAtRisk: round(sum(at.map(([, figures]) => figures.predictedValue ?? 0)), unit),
      atRiskClients: at.length,
      expectedToBuyAgain: buyers.filter(([, figures]) => (figures.buyAgain ?? 0) >= 0.5).length,
    },
    distribution: model === undefined ? [] : distributionOf(predicted),
    bySegment: [...bySegment.values()]
      .map((group) => ({
        ...group,
        predictedValue: round(group.predictedValue, unit),
        historicValue: round(group.historicValue, unit),
      }))
      .sort((a, b) => b.predictedValue - a.predictedValue),
  };
}

/**
 * Buckets of equal width from 0 to the largest value, the width a round number (1, 2 or 5 × 10^k), so the
 * labels read "0–500, 500–1000…". Each value is in the bucket where from ≤ value < to (the last one
 * includes its end).
 */
export function distributionOf(values: readonly number[]): LifetimeReport['distribution'] {
  if (values.length === 0) return [];
  const largest = values.reduce((most, value) => Math.max(most, value), 0);
  if (largest === 0) return [{ from: 0, to: 0, clients: values.length }];
  const width = roundWidth(largest / BUCKETS);
  const count = Math.max(1, Math.ceil(largest / width));
  const buckets = Array.from({ length: count }, (_, i) => ({
    from: i * width,
    to: (i + 1) * width,
    clients: 0,
  }));
  for (const value of values) {
    const index = Math.min(count - 1, Math.max(0, Math.floor(value / width)));
    const bucket = buckets[index];
    if (bucket) bucket.clients++;
  }
  return buckets;
}

function roundWidth(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].find((factor) => factor * power >= raw) ?? 10;
  return step * power;
}

function round(value: number, unit: number): number {
  return Math.round(value * unit) / unit;
}
