import {
  AnalyticsClientsInput,
  AnalyticsQuery,
  AnalyticsClientsPage,
  AnalyticsOptions,
  AnalyticsSettings,
  AnalyticsSettingsUpdate,
  DashboardReport,
  RevenueInput,
  RevenueReport,
} from '../../domain/analytics.ts';
import {
  CampaignsReport,
  ClientPayments,
  ClientPaymentsInput,
  MoneyPageInput,
  PaymentDisciplineReport,
  ServiceReport,
} from '../../domain/analytics-money.ts';
import { LifecycleReport, SalesReport, TeamInput, TeamReport } from '../../domain/analytics-sales.ts';
import { RetentionInput, RetentionReport } from '../../domain/analytics-retention.ts';
import { MarkVipResult, SegmentsInput, SegmentsReport } from '../../domain/analytics-segments.ts';
import {
  ClientLifetime,
  ClientLifetimeInput,
  ClvModelInput,
  ClvModels,
  LifetimeInput,
  LifetimeReport,
} from '../../domain/analytics-lifetime.ts';
import { NoInput } from '../../domain/common.ts';
import type { MethodSpec } from '../method-spec.ts';

/**
 * The analytical CRM (Insights): read-only figures over a period and a set of clients, each traceable
 * to the clients behind it (`clients.list` with `drill`). Amounts are in one currency at a time.
 */
export const analyticsMethods = {
  /** The choices of the Insights filters: owners, segments, industries, regions, sources, currencies. */
  'analytics.options': { input: NoInput, output: AnalyticsOptions, readOnly: true },
  /** This laptop's costs, discount rate, horizon and attribution window behind the figures. */
  'analytics.settings': { input: NoInput, output: AnalyticsSettings, readOnly: true },
  /** Change some of the Insights settings. */
  'analytics.updateSettings': { input: AnalyticsSettingsUpdate, output: AnalyticsSettings },
  /**
   * Revenue, profit and cost to serve by kind of client (segment, industry, region, source, owner,
   * stage), the Pareto curve of profit, and how many clients cost more than they bring.
   */
  'analytics.revenue': { input: RevenueInput, output: RevenueReport, readOnly: true },
  /**
   * The key numbers at a glance: revenue and profit against the period before, paying clients, clients
   * losing money, the open pipeline and overdue receivables.
   */
  'analytics.dashboard': { input: AnalyticsQuery, output: DashboardReport, readOnly: true },
  /** Each client's figures over the period, sorted and paged (offset paging: figures are computed). */
  'analytics.clients': { input: AnalyticsClientsInput, output: AnalyticsClientsPage, readOnly: true },
  /** Days sales outstanding, receivables aging, and how late each client pays, as of the period's end. */
  'analytics.payments': { input: MoneyPageInput, output: PaymentDisciplineReport, readOnly: true },
  /** A client's solvency over the last 12 months (share paid on time, days late), for its header. */
  'analytics.clientPayments': { input: ClientPaymentsInput, output: ClientPayments, readOnly: true },
  /** Each campaign overlapping the period: members, responses, deals, revenue within the window, ROI. */
  'analytics.campaigns': { input: MoneyPageInput, output: CampaignsReport, readOnly: true },
  /** Service requests opened, resolved and open now, resolution times, requests per client, ratings. */
  'analytics.service': { input: MoneyPageInput, output: ServiceReport, readOnly: true },
  /** The lifecycle funnel with conversions, median time in each stage, lapsed and lost, new clients by source. */
  'analytics.lifecycle': { input: AnalyticsQuery, output: LifecycleReport, readOnly: true },
  /** The open pipeline weighted, the forecast by month, win rate, lost reasons, deal size, cycle, competitors. */
  'analytics.sales': { input: AnalyticsQuery, output: SalesReport, readOnly: true },
  /** Per owner or region: calls, meetings, follow-ups on time, clients gained, kept and lost, revenue, wins. */
  'analytics.team': { input: TeamInput, output: TeamReport, readOnly: true },
  /** RFM segments, the R × F grid, ABC classes by revenue and the clients suggested as VIP. */
  'analytics.segments': { input: SegmentsInput, output: SegmentsReport, readOnly: true },
  /** Mark every VIP suggestion of the period and filters VIP, in one step (one undo). */
  'analytics.markSuggestedVip': { input: SegmentsInput, output: MarkVipResult },
  /** Retention per month and over the period, clients lost, acquisition cohorts and the what-if base. */
  'analytics.retention': { input: RetentionInput, output: RetentionReport, readOnly: true },
  /** The lifetime-value models fitted in the background, one per currency, and why a currency has none. */
  'analytics.clvModel': { input: ClvModelInput, output: ClvModels, readOnly: true },
  /** Predicted and historic value of the scoped clients: totals, value at risk, distribution, by segment. */
  'analytics.lifetime': { input: LifetimeInput, output: LifetimeReport, readOnly: true },
  /** One client's historic and predicted value, chance of still buying and churn risk with its reasons. */
  'analytics.client': { input: ClientLifetimeInput, output: ClientLifetime, readOnly: true },
} as const satisfies Record<string, MethodSpec>;
