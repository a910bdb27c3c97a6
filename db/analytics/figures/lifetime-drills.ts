import type { ReadDb } from '../../sql.ts';
import { readPaymentModels } from '../clv-model-store.ts';
import type { Scope } from '../scope.ts';
import { readAnalyticsSettings } from '../settings.ts';
import { isAtRisk, type LifetimeFigures } from './lifetime.ts';
import { scopeLifetimeFigures } from './lifetime-figures.ts';

interface LifetimeDrillContext {
  db: ReadDb;
  scope: Scope;
  now: Date;
}

function lifetimeOf({ db, scope, now }: LifetimeDrillContext): [string, LifetimeFigures][] {
  return [...scopeLifetimeFigures(db, scope, readAnalyticsSettings(db), readPaymentModels(db), now)];
}

/** The drill-down sets of the Lifetime value page (db/analytics/drill.ts spreads them in). */
export const lifetimeDrills = {
  /** Buyers whose churn risk is at least one half: the clients behind the value at risk. */
  atRisk: (context: LifetimeDrillContext) =>
    lifetimeOf(context)
      .filter(([, figures]) => isAtRisk(figures.churnRisk))
      .map(([id]) => id),
  /** Buyers more likely than not to buy again within the horizon. */
  buyAgain: (context: LifetimeDrillContext) =>
    lifetimeOf(context)
      .filter(([, figures]) => (figures.buyAgain ?? 0) >= 0.5)
      .map(([id]) => id),
  /** Buyers predicted from `from` (included) up to `to` (excluded; included when it is the largest). */
  predictedValue: (context: LifetimeDrillContext, [from = '', to = '']: string[]) => {
    const [low, high] = [Number(from), Number(to)];
    const rows = lifetimeOf(context).filter(([, figures]) => figures.churnRisk !== null);
    const largest = rows.reduce((most, [, figures]) => Math.max(most, figures.predictedValue ?? 0), 0);
    return rows
      .filter(([, { predictedValue: value }]) => {
        const v = value ?? 0;
        return v >= low && (v < high || (high >= largest && v <= high));
      })
      .map(([id]) => id);
  },
};
