import { AnalyticsQuery } from '../../shared/domain/analytics.ts';
import { clientPatch } from '../queries/clients.ts';
import { purchaseHistories, retentionReport } from '../analytics/figures/retention.ts';
import { segmentedClients, segmentsReport, vipSuggestionsOf } from '../analytics/figures/segments.ts';
import { resolveScope } from '../analytics/scope.ts';
import type { Handlers, ReadContext } from './context.ts';

/** Segments (RFM, ABC, VIP suggestions) and retention (issue 15 §3–4): computed on each call. */
export const analyticsSegmentHandlers = {
  'analytics.segments': (query, ctx) => {
    const { scope, today } = scopeOf(ctx, query);
    return segmentsReport(scope, segmentedClients(ctx.db, scope, today), today);
  },

  'analytics.markSuggestedVip': (query, ctx) => {
    const { scope, today } = scopeOf(ctx, query);
    const ids = vipSuggestionsOf(segmentedClients(ctx.db, scope, today)).map((client) => client.clientId);
    for (const id of ids) ctx.writer.update('client', id, clientPatch({ vip: true }));
    if (ids.length > 0) ctx.emit('data.changed', { entity: 'client', ids });
    return { marked: ids.length };
  },

  'analytics.retention': (query, ctx) => {
    const { scope, today } = scopeOf(ctx, query);
    return retentionReport(scope, purchaseHistories(ctx.db, scope, today), today);
  },
} satisfies Pick<Handlers, 'analytics.segments' | 'analytics.markSuggestedVip' | 'analytics.retention'>;

function scopeOf(ctx: ReadContext, query: AnalyticsQuery) {
  const now = ctx.now();
  return {
    scope: resolveScope(ctx.db, AnalyticsQuery.parse(query), now),
    today: now.toISOString().slice(0, 10),
  };
}
