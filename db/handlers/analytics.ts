import { AnalyticsQuery } from '../../shared/domain/analytics.ts';
import { clientFigures } from '../analytics/figures/client-figures.ts';
import { clientFiguresPage } from '../analytics/figures/client-page.ts';
import { dashboardReport } from '../analytics/figures/dashboard-report.ts';
import { revenueReport } from '../analytics/figures/revenue.ts';
import { keptAnswer, scopeKey } from '../analytics/kept-answers.ts';
import { analyticsOptions } from '../analytics/options.ts';
import { resolveScope, scopeOut } from '../analytics/scope.ts';
import { readAnalyticsSettings, writeAnalyticsSettings } from '../analytics/settings.ts';
import type { Handlers, ReadContext } from './context.ts';

/** The Insights figures (analytics.*): made from indexed aggregates and caches mended from the change log. */
export const analyticsHandlers = {
  'analytics.options': (_input, ctx) => analyticsOptions(ctx.db),

  'analytics.settings': (_input, ctx) => readAnalyticsSettings(ctx.db),

  'analytics.updateSettings': (changes, ctx) => {
    const settings = writeAnalyticsSettings(ctx.db, changes);
    ctx.emit('data.changed', { entity: 'analyticsSettings', ids: [] });
    return settings;
  },

  'analytics.revenue': ({ by, ...query }, ctx) => {
    const now = ctx.now();
    const scope = resolveScope(ctx.db, AnalyticsQuery.parse(query), now);
    const settings = readAnalyticsSettings(ctx.db);
    const today = now.toISOString().slice(0, 10);
    // Made of the clients' payments, requests, interactions and rows alone: kept while none changed.
    const report = keptAnswer(ctx.db, {
      name: 'revenue',
      key: JSON.stringify([scopeKey(scope), by, settings, today]),
      tables: ['payment', 'service_request', 'interaction', 'client', 'team_member'],
      compute: () => revenueReport(ctx.db, scope, clientFigures(ctx.db, scope, settings, today), by),
    });
    return { ...report, scope: scopeOut(scope) };
  },

  'analytics.dashboard': (query, ctx) => {
    const { scope, figures } = figuresOf(ctx, query);
    return dashboardReport(ctx.db, scope, figures, ctx.now());
  },

  'analytics.clients': ({ sort, direction, unprofitable, offset, limit, ...query }, ctx) => {
    const { scope, figures } = figuresOf(ctx, query);
    const page = clientFiguresPage(
      ctx.db,
      scope,
      figures,
      { sort, direction, unprofitable, offset, limit },
      ctx.now(),
    );
    return { scope: scopeOut(scope), ...page };
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
