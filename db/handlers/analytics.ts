import { AnalyticsQuery } from '../../shared/domain/analytics.ts';
import { clientFigures } from '../analytics/figures/client-figures.ts';
import { dashboardTotals } from '../analytics/figures/dashboard.ts';
import { revenueReport } from '../analytics/figures/revenue.ts';
import { withSegments } from '../analytics/figures/segments.ts';
import { analyticsOptions } from '../analytics/options.ts';
import { resolveScope, scopeOut } from '../analytics/scope.ts';
import { readAnalyticsSettings, writeAnalyticsSettings } from '../analytics/settings.ts';
import type { Handlers, ReadContext } from './context.ts';
import { readPaymentModels } from '../analytics/clv-model-store.ts';
import { scopeLifetimeFigures, withLifetimeFigures } from '../analytics/figures/lifetime-report.ts';

/** The Insights figures (analytics.*): computed on each call from indexed aggregates, never stored. */
export const analyticsHandlers = {
  'analytics.options': (_input, ctx) => analyticsOptions(ctx.db),

  'analytics.settings': (_input, ctx) => readAnalyticsSettings(ctx.db),

  'analytics.updateSettings': (changes, ctx) => {
    const settings = writeAnalyticsSettings(ctx.db, changes);
    ctx.emit('data.changed', { entity: 'analyticsSettings', ids: [] });
    return settings;
  },

  'analytics.revenue': ({ by, ...query }, ctx) => {
    const { scope, figures } = figuresOf(ctx, query);
    return revenueReport(ctx.db, scope, figures, by);
  },

  'analytics.dashboard': (query, ctx) => {
    const { scope, figures } = figuresOf(ctx, query);
    const losing = figures.filter((client) => client.profitAfterService < 0);
    const loss = losing.reduce((sum, client) => sum + client.profitAfterService, 0);
    return dashboardTotals(ctx.db, scope, { clients: losing.length, loss: Math.round(loss * 100) / 100 });
  },

  'analytics.clients': ({ sort, direction, unprofitable, offset, limit, ...query }, ctx) => {
    const { scope, figures: plain } = figuresOf(ctx, query);
    // RFM and ABC (db/analytics/figures/segments.ts), then each client's predictions from the stored
    // lifetime-value model (db/analytics/figures/lifetime-report.ts).
    const segmented = withSegments(ctx.db, scope, plain, ctx.now().toISOString().slice(0, 10));
    const settings = readAnalyticsSettings(ctx.db);
    const lifetime = scopeLifetimeFigures(ctx.db, scope, settings, readPaymentModels(ctx.db), ctx.now());
    const figures = withLifetimeFigures(segmented, lifetime);
    const kept = unprofitable ? figures.filter((client) => client.profitAfterService < 0) : figures;
    const sign = direction === 'asc' ? 1 : -1;
    // A figure a client does not have (null) sorts last in either direction.
    const valueOf = (client: (typeof kept)[number]) => (sort === 'name' ? 0 : client[sort]);
    kept.sort((a, b) => {
      const [x, y] = [valueOf(a), valueOf(b)];
      const byValue = x === null || y === null ? (x === null ? 1 : 0) - (y === null ? 1 : 0) : sign * (x - y);
      return sort === 'name'
        ? sign * a.name.localeCompare(b.name) || a.clientId.localeCompare(b.clientId)
        : byValue || a.name.localeCompare(b.name) || a.clientId.localeCompare(b.clientId);
    });
    return { scope: scopeOut(scope), items: kept.slice(offset, offset + limit), total: kept.length };
  },
} satisfies Pick<
  Handlers,
  | 'analytics.options'
  | 'analytics.settings'
  | 'analytics.updateSettings'
  | 'analytics.revenue'
  | 'analytics.dashboard'
  | 'analytics.clients'
>;

/** The scope of a query and every scoped client's figures over its period. */
export function figuresOf(ctx: ReadContext, query: AnalyticsQuery) {
  const now = ctx.now();
  const scope = resolveScope(ctx.db, AnalyticsQuery.parse(query), now);
  const figures = clientFigures(ctx.db, scope, readAnalyticsSettings(ctx.db), now.toISOString().slice(0, 10));
  return { scope, figures };
}
