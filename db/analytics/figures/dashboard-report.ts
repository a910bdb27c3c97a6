import type { ClientFigures, DashboardReport } from '../../../shared/domain/analytics.ts';
import type { ReadDb } from '../../sql.ts';
import { readPaymentModels, storedModelOf } from '../clv-model-store.ts';
import type { Scope } from '../scope.ts';
import { readAnalyticsSettings } from '../settings.ts';
import { dashboardTotals } from './dashboard.ts';
import { keptWithLifetime, scopeLifetimeFigures } from './lifetime-figures.ts';
import { lifetimeTotals } from './lifetime-report.ts';
import { periodRetention, purchaseHistories } from './retention.ts';

/**
 * The dashboard: its own sums (dashboard.ts) and the tiles other pages compute, each from the same kept
 * per-client parts as its page and counted as it counts them: clients losing money from the period's
 * figures (client-figures.ts), retention over the period (retention.ts) and the value at risk
 * (lifetime-figures.ts, lifetime-report.ts) — the totals only, not the pages' months, cohorts or
 * distributions.
 */
export function dashboardReport(
  db: ReadDb,
  scope: Scope,
  figures: readonly ClientFigures[],
  now: Date,
): DashboardReport {
  const today = now.toISOString().slice(0, 10);
  let [losing, loss] = [0, 0];
  for (const client of figures)
    if (client.profitAfterService < 0) {
      losing++;
      loss += client.profitAfterService;
    }
  const retention = periodRetention(scope, purchaseHistories(db, scope, today), today);
  const models = readPaymentModels(db);
  const lifetime = scopeLifetimeFigures(db, scope, readAnalyticsSettings(db), models, now);
  const { totals } = keptWithLifetime(lifetime, `lifetime.totals ${String(scope.currency)}`, () =>
    lifetimeTotals(scope, lifetime),
  );
  const modelled = scope.currency !== null && storedModelOf(models, scope.currency) !== undefined;
  return dashboardTotals(db, scope, today, {
    unprofitable: { clients: losing, loss: Math.round(loss * 100) / 100 },
    retention: {
      rate: retention.retentionRate,
      activeAtStart: retention.activeAtStart,
      lost: retention.lost,
    },
    valueAtRisk: { amount: totals.valueAtRisk, clients: totals.atRiskClients, modelled },
  });
}
