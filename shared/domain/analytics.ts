import { z } from 'zod';
import { lifecycleStages } from '../entities/entities.ts';
import { AbcClass, RfmScores } from './analytics-rfm.ts';
import { Id, Timestamp } from './common.ts';
import { CurrencyCode, DateOnly } from './fields.ts';

/**
 * What every Insights page and `analytics.*` method is asked for: a period of whole days (both ends
 * included, in UTC) and the clients it looks at. Amounts are never mixed across currencies: a page shows
 * one currency at a time, the one asked for or the one most clients have paid in.
 */
export const AnalyticsPeriod = z
  .strictObject({ from: DateOnly, to: DateOnly })
  .refine((period) => period.from <= period.to, {
    message: 'The period ends before it starts: choose an end on or after its start.',
    path: ['to'],
  });
export type AnalyticsPeriod = z.infer<typeof AnalyticsPeriod>;

const FilterText = z.string().trim().min(1).max(100);

/** Which clients a figure is about. An unknown filter is refused, never silently ignored. */
export const AnalyticsFilters = z.strictObject({
  /** A team member's clients; `null` for clients with no owner. */
  ownerId: Id.nullable().optional(),
  segment: FilterText.optional(),
  industry: FilterText.optional(),
  region: FilterText.optional(),
  source: FilterText.optional(),
  stage: z.enum(lifecycleStages).optional(),
  /** The currency of every amount; default: the one most clients have paid in. */
  currency: CurrencyCode.optional(),
});
export type AnalyticsFilters = z.infer<typeof AnalyticsFilters>;

export const AnalyticsQuery = z.strictObject({
  period: AnalyticsPeriod,
  filters: AnalyticsFilters.default({}),
});
export type AnalyticsQuery = z.input<typeof AnalyticsQuery>;
export type ParsedAnalyticsQuery = z.output<typeof AnalyticsQuery>;

/** The kinds of client a figure can be broken down by. */
export const analyticsDimensions = ['segment', 'industry', 'region', 'source', 'owner', 'stage'] as const;
export const AnalyticsDimension = z.enum(analyticsDimensions);
export type AnalyticsDimension = z.infer<typeof AnalyticsDimension>;

/**
 * The numbers behind the figures that are this laptop's own judgement, set in Settings → Insights: what
 * an hour of the team's time and a service request cost, how future money is discounted, how far the
 * lifetime value looks ahead and how long after a campaign a purchase still counts as its result.
 */
export const AnalyticsSettings = z.strictObject({
  /** The currency the two costs below are in; cost to serve is counted only in figures of it. */
  costCurrency: CurrencyCode.nullable(),
  /** The cost of an hour of interactions (calls, meetings, visits…), in `costCurrency`. */
  hourlyCost: z.number().min(0).max(1e9),
  /** The cost of handling one service request, in `costCurrency`. */
  serviceRequestCost: z.number().min(0).max(1e9),
  /** The annual discount rate of lifetime values, 0.1 for 10 %. */
  annualDiscountRate: z.number().min(0).max(1),
  /** How far ahead the predicted lifetime value looks, in months. */
  horizonMonths: z.number().int().min(1).max(120),
  /** Purchases within this many days after a campaign member was reached count as the campaign's. */
  attributionDays: z.number().int().min(1).max(730),
});
export type AnalyticsSettings = z.infer<typeof AnalyticsSettings>;

export const defaultAnalyticsSettings: AnalyticsSettings = {
  costCurrency: null,
  hourlyCost: 0,
  serviceRequestCost: 0,
  annualDiscountRate: 0.1,
  horizonMonths: 12,
  attributionDays: 90,
};

export const AnalyticsSettingsUpdate = AnalyticsSettings.partial().strict();

/** The choices of the filters: who owns clients, which segments, regions… exist, and the currencies. */
export const AnalyticsOptions = z.object({
  owners: z.array(z.object({ id: Id, name: z.string() })),
  segments: z.array(z.string()),
  industries: z.array(z.string()),
  regions: z.array(z.string()),
  sources: z.array(z.string()),
  /** Currencies clients have paid in, most clients first; the first is the default. */
  currencies: z.array(z.object({ currency: z.string(), clients: z.number().int() })),
});
export type AnalyticsOptions = z.infer<typeof AnalyticsOptions>;

/** Said with every answer: what was looked at, so the page can say it and the drill-down can repeat it. */
export const AnalyticsScope = z.object({
  from: DateOnly,
  to: DateOnly,
  /** `null` when no client has paid in any currency yet (amounts are then all zero). */
  currency: z.string().nullable(),
  /** Clients the filters keep. */
  clients: z.number().int(),
  /** When the figures were computed. */
  computedAt: Timestamp,
});
export type AnalyticsScope = z.infer<typeof AnalyticsScope>;

/** Why a client's profit after cost to serve is below zero (the largest first). */
export const lossReasons = ['lowMargin', 'serviceLoad', 'latePayments', 'refunds', 'noRevenue'] as const;
export const LossReason = z.enum(lossReasons);
export type LossReason = z.infer<typeof LossReason>;

/** One client's figures over the period, in the scope's currency. */
export const ClientFigures = z.object({
  clientId: Id,
  name: z.string(),
  segment: z.string().nullable(),
  stage: z.enum(lifecycleStages),
  vip: z.boolean(),
  /** Payments received minus refunds in the period. */
  revenue: z.number(),
  /** Revenue minus the cost recorded on those payments. */
  profit: z.number(),
  /** Hours of interactions priced at the hourly cost, plus service requests opened, in the period. */
  costToServe: z.number(),
  profitAfterService: z.number(),
  interactionMinutes: z.number(),
  serviceRequests: z.number().int(),
  /** Average days invoices in the period were paid after their due day (0 when on time), or null. */
  averageDaysLate: z.number().nullable(),
  /** Why a client loses money, the largest first; empty when it makes money. */
  lossReasons: z.array(LossReason),
  // Segments (issue 15 §3): filled by analytics.clients; null for a client that did not pay in the period.
  /** RFM scores among the period's paying clients. */
  rfm: RfmScores.nullable(),
  /** ABC class by revenue among the period's paying clients. */
  abc: AbcClass.nullable(),
  // --- Lifetime value (db/analytics/figures/lifetime.ts), to date and over the horizon, not the period.
  /** Past margins (refunds negative) carried to today at the annual discount rate; 0 with no payment. */
  historicValue: z.number(),
  /** Discounted value of the purchases expected over the horizon; 0 with no purchase, null with no model. */
  predictedValue: z.number().nullable(),
  /** The chance it still buys (BG/NBD); null with no purchase or no model. */
  pAlive: z.number().nullable(),
  /** Purchases expected over the horizon; null with no purchase or no model. */
  expectedPurchases: z.number().nullable(),
  /** 0–1: the larger of 1 − pAlive and the risk of being quiet too long; null for a client who never paid. */
  churnRisk: z.number().nullable(),
  /** What makes the churn risk medium or high, the larger first; empty when it is low. */
  churnReasons: z.array(z.enum(['notBuying', 'quiet'])),
  // --- end of lifetime value.
});
export type ClientFigures = z.infer<typeof ClientFigures>;

export const clientFigureSorts = [
  'revenue',
  'profit',
  'costToServe',
  'profitAfterService',
  'interactionMinutes',
  'name',
  // Lifetime value: clients without the figure (null) come last in either direction.
  'predictedValue',
  'historicValue',
  'churnRisk',
  'pAlive',
] as const;

export const AnalyticsClientsInput = z.strictObject({
  ...AnalyticsQuery.shape,
  sort: z.enum(clientFigureSorts).default('profitAfterService'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  /** Only the clients whose profit after cost to serve is below zero. */
  unprofitable: z.boolean().optional(),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(50),
});
export type AnalyticsClientsInput = z.input<typeof AnalyticsClientsInput>;

export const AnalyticsClientsPage = z.object({
  scope: AnalyticsScope,
  items: z.array(ClientFigures),
  /** Rows the filters keep, for the pager. */
  total: z.number().int(),
});
export type AnalyticsClientsPage = z.infer<typeof AnalyticsClientsPage>;

/** One kind of client (a segment, a region, an owner…) and what its clients bring. */
export const RevenueGroup = z.object({
  /** The segment's name, the owner's id, the stage's code; `null` for clients with none. */
  key: z.string().nullable(),
  /** What to show: the owner's name, the segment as typed; `null` for "none". */
  label: z.string().nullable(),
  clients: z.number().int(),
  revenue: z.number(),
  profit: z.number(),
  costToServe: z.number(),
  profitAfterService: z.number(),
});
export type RevenueGroup = z.infer<typeof RevenueGroup>;

/** A point of the Pareto curve: the top `clientShare` of clients bring `profitShare` of the profit. */
export const ParetoPoint = z.object({
  clientShare: z.number(),
  revenueShare: z.number(),
  profitShare: z.number(),
});

export const RevenueInput = z.strictObject({
  ...AnalyticsQuery.shape,
  by: AnalyticsDimension.default('segment'),
});
export type RevenueInput = z.input<typeof RevenueInput>;

export const RevenueReport = z.object({
  scope: AnalyticsScope,
  totals: z.object({
    revenue: z.number(),
    profit: z.number(),
    costToServe: z.number(),
    profitAfterService: z.number(),
    /** Clients with revenue in the period. */
    payingClients: z.number().int(),
    unprofitableClients: z.number().int(),
  }),
  by: AnalyticsDimension,
  groups: z.array(RevenueGroup),
  /** Clients by profit, largest first, at every 5 % of the paying clients (and the first and last). */
  pareto: z.array(ParetoPoint),
  /** The share of the profit the top 20 % of paying clients bring (0–1), `null` with no profit. */
  topFifthProfitShare: z.number().nullable(),
  topFifthRevenueShare: z.number().nullable(),
});
export type RevenueReport = z.infer<typeof RevenueReport>;

/**
 * A drill-down: the clients behind one number of an Insights page, for the client list. `set` names the
 * number (`unprofitable`, `group:segment:Retail`, `topFifth`…); with the query it is enough to find the
 * same clients again.
 */
export const AnalyticsDrill = z.strictObject({
  ...AnalyticsQuery.shape,
  set: z.string().trim().min(1).max(300),
});
export type AnalyticsDrill = z.input<typeof AnalyticsDrill>;

/** A sum of money over a period and the same over the period before (of the same length). */
const AgainstLast = z.object({ current: z.number(), previous: z.number() });

/** The key numbers at a glance: each a link to its page. */
export const DashboardReport = z.object({
  scope: AnalyticsScope,
  /** The period before, of the same length. */
  previous: z.object({ from: DateOnly, to: DateOnly }),
  revenue: AgainstLast,
  profit: AgainstLast,
  payingClients: z.object({ current: z.number().int(), previous: z.number().int() }),
  /** Clients whose profit after cost to serve is below zero in the period, and what they lose together. */
  unprofitable: z.object({ clients: z.number().int(), loss: z.number() }),
  /**
   * Retention as the Retention page counts it: of the clients active (buying) at the period's start,
   * the share not lost by its end (or today); `rate` null when none were active.
   */
  retention: z.object({
    rate: z.number().nullable(),
    activeAtStart: z.number().int(),
    lost: z.number().int(),
  }),
  /**
   * As the Lifetime value page counts it: the predicted value of the clients whose churn risk is high,
   * and how many they are; `modelled` false while no lifetime-value model is fitted for the currency.
   */
  valueAtRisk: z.object({ amount: z.number(), clients: z.number().int(), modelled: z.boolean() }),
  /** Open deals of the scoped clients in the scope's currency: their value and value × probability. */
  openPipeline: z.object({ deals: z.number().int(), value: z.number(), weighted: z.number() }),
  /** Invoices past their due day and unpaid at the period's end (or today), as Payment discipline counts them. */
  overdueReceivables: z.object({ invoices: z.number().int(), clients: z.number().int(), amount: z.number() }),
  /** Revenue and profit per calendar month of the period (YYYY-MM), months without payments included. */
  months: z.array(z.object({ month: z.string(), revenue: z.number(), profit: z.number() })),
});
export type DashboardReport = z.infer<typeof DashboardReport>;
