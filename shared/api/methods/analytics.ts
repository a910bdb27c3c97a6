import {
  AnalyticsClientsInput,
  AnalyticsQuery,
  AnalyticsClientsPage,
  AnalyticsOptions,
  AnalyticsSettings,
  AnalyticsSettingsUpdate,
  RevenueInput,
  RevenueReport,
} from '../../domain/analytics.ts';
import { LifecycleReport, SalesReport, TeamInput, TeamReport } from '../../domain/analytics-sales.ts';
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
  /** Each client's figures over the period, sorted and paged (offset paging: figures are computed). */
  'analytics.clients': { input: AnalyticsClientsInput, output: AnalyticsClientsPage, readOnly: true },
  /** The lifecycle funnel with conversions, median time in each stage, lapsed and lost, new clients by source. */
  'analytics.lifecycle': { input: AnalyticsQuery, output: LifecycleReport, readOnly: true },
  /** The open pipeline weighted, the forecast by month, win rate, lost reasons, deal size, cycle, competitors. */
  'analytics.sales': { input: AnalyticsQuery, output: SalesReport, readOnly: true },
  /** Per owner or region: calls, meetings, follow-ups on time, clients gained, kept and lost, revenue, wins. */
  'analytics.team': { input: TeamInput, output: TeamReport, readOnly: true },
} as const satisfies Record<string, MethodSpec>;
