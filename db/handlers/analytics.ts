import { AnalyticsQuery, type ClientFigures, type clientFigureSorts } from '../../shared/domain/analytics.ts';
import { clientFigures } from '../analytics/figures/client-figures.ts';
import { dashboardTotals } from '../analytics/figures/dashboard.ts';
import { revenueReport } from '../analytics/figures/revenue.ts';
import { withSegments } from '../analytics/figures/segments.ts';
import { keptAnswer, scopeKey } from '../analytics/kept-answers.ts';
import { analyticsOptions } from '../analytics/options.ts';
import { type Scope, resolveScope, scopeOut } from '../analytics/scope.ts';
import { readAnalyticsSettings, writeAnalyticsSettings } from '../analytics/settings.ts';
import type { Handlers, ReadContext } from './context.ts';
import { readPaymentModels } from '../analytics/clv-model-store.ts';
import {
  lifetimeReport,
  scopeLifetimeFigures,
  withLifetimeFigures,
} from '../analytics/figures/lifetime-report.ts';
import { purchaseHistories, retentionReport } from '../analytics/figures/retention.ts';

/** The sorts of analytics.clients that need every client's lifetime figures, not only the page's. */
const lifetimeSorts = new Set<(typeof clientFigureSorts)[number]>([
  'predictedValue',
  'historicValue',
  'churnRisk',
  'pAlive',
]);

/** String.localeCompare's order, many times faster when a sort compares 100k names. */
const byName = new Intl.Collator();

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
    const now = ctx.now();
    const today = now.toISOString().slice(0, 10);
    const losing = figures.filter((client) => client.profitAfterService < 0);
    const loss = losing.reduce((sum, client) => sum + client.profitAfterService, 0);
    // Retention and value at risk exactly as their pages count them (retention.ts, lifetime-report.ts).
    const retention = retentionReport(scope, purchaseHistories(ctx.db, scope, today), today).period;
    const settings = readAnalyticsSettings(ctx.db);
    const models = readPaymentModels(ctx.db);
    const lifetime = scopeLifetimeFigures(ctx.db, scope, settings, models, now);
    const { model, totals } = lifetimeReport(scope, settings, models, lifetime, new Map());
    return dashboardTotals(ctx.db, scope, today, {
      unprofitable: { clients: losing.length, loss: Math.round(loss * 100) / 100 },
      retention: {
        rate: retention.retentionRate,
        activeAtStart: retention.activeAtStart,
        lost: retention.lost,
      },
      valueAtRisk: { amount: totals.valueAtRisk, clients: totals.atRiskClients, modelled: model !== null },
    });
  },

  'analytics.clients': ({ sort, direction, unprofitable, offset, limit, ...query }, ctx) => {
    const { scope, figures: plain } = figuresOf(ctx, query);
    const now = ctx.now();
    // RFM and ABC are scored among all paying clients (db/analytics/figures/segments.ts).
    const segmented = withSegments(ctx.db, scope, [...plain], now.toISOString().slice(0, 10));
    // The figures are shared with later answers (client-figures.ts): rows that get lifetime figures are copies.
    const lifetimeSorted = lifetimeSorts.has(sort);
    let kept = unprofitable ? segmented.filter((client) => client.profitAfterService < 0) : segmented;
    if (lifetimeSorted) kept = kept.map((client) => ({ ...client }));
    // Each client's predictions from the stored lifetime-value model (figures/lifetime-report.ts): one
    // client's do not depend on the others', so unless the page is sorted by them, only the page's are made.
    const lifetimeOf = (clients: readonly ClientFigures[], of: Scope) =>
      withLifetimeFigures(
        [...clients],
        scopeLifetimeFigures(ctx.db, of, readAnalyticsSettings(ctx.db), readPaymentModels(ctx.db), now),
      );
    if (lifetimeSorted) lifetimeOf(kept, scope);
    const sign = direction === 'asc' ? 1 : -1;
    // A figure a client does not have (null) sorts last in either direction.
    const valueOf = (client: (typeof kept)[number]) => (sort === 'name' ? 0 : client[sort]);
    kept.sort((a, b) => {
      const [x, y] = [valueOf(a), valueOf(b)];
      const byValue = x === null || y === null ? (x === null ? 1 : 0) - (y === null ? 1 : 0) : sign * (x - y);
      return sort === 'name'
        ? sign * byName.compare(a.name, b.name) || byName.compare(a.clientId, b.clientId)
        : byValue || byName.compare(a.name, b.name) || byName.compare(a.clientId, b.clientId);
    });
    const page = kept
      .slice(offset, offset + limit)
      .map((client) => (lifetimeSorted ? client : { ...client }));
    if (!lifetimeSorted) lifetimeOf(page, onlyClients(scope, page));
    return { scope: scopeOut(scope), items: page, total: kept.length };
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

/** The scope narrowed to some of its clients. */
function onlyClients(scope: Scope, clients: readonly ClientFigures[]): Scope {
  const ids = new Set(clients.map((client) => client.clientId));
  return {
    ...scope,
    clients: {
      sql: `(${scope.clients.sql}) AND c.id IN (SELECT value FROM json_each(?))`,
      params: [...scope.clients.params, JSON.stringify([...ids])],
    },
    kept: scope.kept.filter((client) => ids.has(client.id)),
  };
}

/** The scope of a query and every scoped client's figures over its period. */
export function figuresOf(ctx: ReadContext, query: AnalyticsQuery) {
  const now = ctx.now();
  const scope = resolveScope(ctx.db, AnalyticsQuery.parse(query), now);
  const figures = clientFigures(ctx.db, scope, readAnalyticsSettings(ctx.db), now.toISOString().slice(0, 10));
  return { scope, figures };
}
