import { AnalyticsQuery } from '../../shared/domain/analytics.ts';
import { lifecycleReport } from '../analytics/figures/lifecycle.ts';
import { salesReport } from '../analytics/figures/sales.ts';
import { teamReport } from '../analytics/figures/team.ts';
import { resolveScope } from '../analytics/scope.ts';
import type { Handlers, ReadContext } from './context.ts';

/** The lifecycle, sales and team pages of Insights: computed on each call, never stored. */
export const analyticsSalesHandlers = {
  'analytics.lifecycle': (query, ctx) => lifecycleReport(ctx.db, scopeOf(ctx, query)),
  'analytics.sales': (query, ctx) =>
    salesReport(ctx.db, scopeOf(ctx, query), ctx.now().toISOString().slice(0, 10)),
  'analytics.team': ({ by, ...query }, ctx) => teamReport(ctx.db, scopeOf(ctx, query), by, ctx.now()),
} satisfies Pick<Handlers, 'analytics.lifecycle' | 'analytics.sales' | 'analytics.team'>;

function scopeOf(ctx: ReadContext, query: AnalyticsQuery) {
  return resolveScope(ctx.db, AnalyticsQuery.parse(query), ctx.now());
}
