import { AnalyticsQuery } from '../../shared/domain/analytics.ts';
import { campaignsReport } from '../analytics/figures/campaigns.ts';
import { clientPayments, paymentDisciplineReport } from '../analytics/figures/payments.ts';
import { serviceReport } from '../analytics/figures/service.ts';
import { resolveScope } from '../analytics/scope.ts';
import { readAnalyticsSettings } from '../analytics/settings.ts';
import type { Handlers, ReadContext } from './context.ts';

/** Payment discipline, campaigns and service (analytics.*): grouped scans on each call, never stored. */
export const analyticsMoneyHandlers = {
  'analytics.payments': (query, ctx) => {
    const { scope, today } = scopeOf(ctx, query);
    return paymentDisciplineReport(ctx.db, scope, today);
  },

  'analytics.clientPayments': ({ id }, ctx) => {
    const now = ctx.now();
    const { from, to, ...figures } = clientPayments(ctx.db, id, now);
    return {
      scope: { from, to, currency: null, clients: 1, computedAt: now.toISOString() },
      ...figures,
    };
  },

  'analytics.campaigns': (query, ctx) => {
    const { scope, today } = scopeOf(ctx, query);
    return campaignsReport(ctx.db, scope, readAnalyticsSettings(ctx.db).attributionDays, today);
  },

  'analytics.service': (query, ctx) => serviceReport(ctx.db, scopeOf(ctx, query).scope),
} satisfies Pick<
  Handlers,
  'analytics.payments' | 'analytics.clientPayments' | 'analytics.campaigns' | 'analytics.service'
>;

function scopeOf(ctx: ReadContext, query: AnalyticsQuery) {
  const now = ctx.now();
  return {
    scope: resolveScope(ctx.db, AnalyticsQuery.parse(query), now),
    today: now.toISOString().slice(0, 10),
  };
}
