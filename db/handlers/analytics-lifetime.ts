import { AppError } from '../../shared/api/errors.ts';
import { AnalyticsQuery } from '../../shared/domain/analytics.ts';
import type { ClientLifetime } from '../../shared/domain/analytics-lifetime.ts';
import { currencyDigits } from '../../shared/domain/fields.ts';
import { readPaymentModels, storedModelOf } from '../analytics/clv-model-store.ts';
import { clientLifetimeFigures, purchaseSummaries } from '../analytics/figures/lifetime.ts';
import { keptWithLifetime, scopeLifetimeFigures } from '../analytics/figures/lifetime-figures.ts';
import { lifetimeReport, segmentKeys } from '../analytics/figures/lifetime-report.ts';
import { resolveScope, scopeOut } from '../analytics/scope.ts';
import { readAnalyticsSettings } from '../analytics/settings.ts';
import type { Handlers } from './context.ts';

/** Lifetime value (issue 15 §2): the stored models, the page, one client's figures. */
export const analyticsLifetimeHandlers = {
  'analytics.clvModel': ({ currency }, ctx) => {
    const stored = readPaymentModels(ctx.db);
    if (currency === undefined) return stored;
    return {
      ...stored,
      models: stored.models.filter((model) => model.currency === currency),
      unfitted: stored.unfitted.filter((unfitted) => unfitted.currency === currency),
    };
  },

  'analytics.lifetime': (query, ctx) => {
    const now = ctx.now();
    const scope = resolveScope(ctx.db, AnalyticsQuery.parse(query), now);
    const settings = readAnalyticsSettings(ctx.db);
    const models = readPaymentModels(ctx.db);
    const lifetime = scopeLifetimeFigures(ctx.db, scope, settings, models, now);
    // Besides the figures, the report shows the models' state and the settings.
    const made = JSON.stringify([scope.currency, settings, models.stale, models.unfitted]);
    const report = keptWithLifetime(lifetime, `lifetime.report ${made}`, () =>
      lifetimeReport(scope, settings, models, lifetime, segmentKeys(ctx.db, scope)),
    );
    return { ...report, scope: scopeOut(scope) };
  },

  'analytics.client': ({ id, currency: asked }, ctx): ClientLifetime => {
    const client = ctx.db
      .prepare('SELECT quiet_since, last_contact_at FROM client WHERE id = ? AND deleted_at IS NULL')
      .get(id) as { quiet_since: string | null; last_contact_at: string | null } | undefined;
    if (client === undefined)
      throw new AppError('not_found', 'This client does not exist or was deleted.', { id });
    const currency = asked ?? mainCurrencyOf(ctx.db, id);
    const now = ctx.now();
    const today = now.toISOString().slice(0, 10);
    const settings = readAnalyticsSettings(ctx.db);
    const models = readPaymentModels(ctx.db);
    const model = currency === null ? undefined : storedModelOf(models, currency);
    const summary =
      currency === null
        ? undefined
        : purchaseSummaries(ctx.db, JSON.stringify([id]), currency, today, settings.annualDiscountRate).get(
            id,
          );
    const unit = 10 ** currencyDigits(currency ?? 'USD');
    const rollup = { quietSince: client.quiet_since, lastContactAt: client.last_contact_at };
    const { buyAgain: _buyAgain, ...figures } = clientLifetimeFigures(
      summary,
      rollup,
      model,
      settings,
      now,
      unit,
    );
    return {
      ...figures,
      clientId: id,
      currency,
      purchases: summary?.purchaseDays ?? 0,
      firstPurchaseOn: summary?.firstPurchaseOn ?? null,
      lastPurchaseOn: summary?.lastPurchaseOn ?? null,
      quietSince: client.quiet_since,
      horizonMonths: settings.horizonMonths,
      annualDiscountRate: settings.annualDiscountRate,
      fittedAt: model?.fittedAt ?? null,
    };
  },
} satisfies Pick<Handlers, 'analytics.clvModel' | 'analytics.lifetime' | 'analytics.client'>;

/** The currency a client has paid most in (its lifetime revenue rollup), null when it never paid. */
function mainCurrencyOf(db: Parameters<typeof readPaymentModels>[0], id: string): string | null {
  const row = db
    .prepare(
      'SELECT currency FROM client_revenue WHERE client_id = ? ORDER BY revenue_minor DESC, currency LIMIT 1',
    )
    .get(id) as { currency: string } | undefined;
  return row?.currency ?? null;
}
