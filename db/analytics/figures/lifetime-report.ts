import type { AnalyticsSettings, ClientFigures } from '../../../shared/domain/analytics.ts';
import type { ClvModels, LifetimeReport } from '../../../shared/domain/analytics-lifetime.ts';
import { currencyDigits } from '../../../shared/domain/fields.ts';
import type { ReadDb } from '../../sql.ts';
import { storedModelOf } from '../clv-model-store.ts';
import { type Scope, scopeOut } from '../scope.ts';
import { scopedClientFacts } from '../scoped-clients.ts';
import { typedGroup } from './revenue.ts';
import { type LifetimeFigures, isAtRisk } from './lifetime.ts';

/** A client's segment as the revenue page groups it (typedGroup). */
export type SegmentOf = (id: string) => { key: string | null; label: string | null };

/**
 * Each scoped client's segment as the revenue page groups it (typedGroup), from the scope's kept
 * clients instead of another scan of the client table; each spelling is grouped once.
 */
export function segmentKeys(db: ReadDb, scope: Scope): SegmentOf {
  const clients = scopedClientFacts(db, scope);
  const groups = new Map<string | null, { key: string | null; label: string | null }>();
  return (id) => {
    const segment = clients.get(id)?.segment ?? null;
    let group = groups.get(segment);
    if (group === undefined) groups.set(segment, (group = typedGroup(segment)));
    return group;
  };
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
  segmentOf: SegmentOf,
): LifetimeReport {
  const model = scope.currency === null ? undefined : storedModelOf(models, scope.currency);
  const { totals, predicted } = lifetimeTotals(scope, lifetime);
  const bySegment = new Map<string | null, LifetimeReport['bySegment'][number]>();
  for (const [id, figures] of lifetime) {
    const { key, label } = segmentOf(id);
    const group = bySegment.get(key) ?? { key, label, clients: 0, predictedValue: 0, historicValue: 0 };
    group.clients++;
    group.predictedValue += figures.predictedValue ?? 0;
    group.historicValue += figures.historicValue;
    bySegment.set(key, group);
  }
  const unit = 10 ** currencyDigits(scope.currency ?? 'USD');
  return {
    scope: scopeOut(scope),
    model: model ?? null,
    unfitted: models.unfitted.find((entry) => entry.currency === scope.currency) ?? null,
    stale: models.stale,
    horizonMonths: settings.horizonMonths,
    annualDiscountRate: settings.annualDiscountRate,
    totals,
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
 * The totals of the Lifetime value page (the dashboard shows its value at risk) in one pass over the
 * scoped clients, and the buyers' predicted values for its distribution. A buyer is a client with a
 * churn risk: it has paid at least once in the currency.
 */
export function lifetimeTotals(
  scope: Scope,
  lifetime: ReadonlyMap<string, LifetimeFigures>,
): { totals: LifetimeReport['totals']; predicted: number[] } {
  const predicted: number[] = [];
  let [total, historic, atRisk, atRiskClients, buyAgain] = [0, 0, 0, 0, 0];
  for (const figures of lifetime.values()) {
    historic += figures.historicValue;
    if (figures.churnRisk === null) continue;
    const value = figures.predictedValue ?? 0;
    predicted.push(value);
    total += value;
    if (isAtRisk(figures.churnRisk)) {
      atRisk += value;
      atRiskClients++;
    }
    if ((figures.buyAgain ?? 0) >= 0.5) buyAgain++;
  }
  const unit = 10 ** currencyDigits(scope.currency ?? 'USD');
  const buyers = predicted.length;
  return {
    totals: {
      buyers,
      predictedValue: round(total, unit),
      averagePredictedValue: buyers === 0 ? null : round(total / buyers, unit),
      historicValue: round(historic, unit),
      valueAtRisk: round(atRisk, unit),
      atRiskClients,
      expectedToBuyAgain: buyAgain,
    },
    predicted,
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
