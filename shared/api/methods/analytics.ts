import {
  AnalyticsClientsInput,
  AnalyticsClientsPage,
  AnalyticsOptions,
  AnalyticsSettings,
  AnalyticsSettingsUpdate,
  RevenueInput,
  RevenueReport,
} from '../../domain/analytics.ts';
import { RetentionInput, RetentionReport } from '../../domain/analytics-retention.ts';
import { MarkVipResult, SegmentsInput, SegmentsReport } from '../../domain/analytics-segments.ts';
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
  /** RFM segments, the R × F grid, ABC classes by revenue and the clients suggested as VIP. */
  'analytics.segments': { input: SegmentsInput, output: SegmentsReport, readOnly: true },
  /** Mark every VIP suggestion of the period and filters VIP, in one step (one undo). */
  'analytics.markSuggestedVip': { input: SegmentsInput, output: MarkVipResult },
  /** Retention per month and over the period, clients lost, acquisition cohorts and the what-if base. */
  'analytics.retention': { input: RetentionInput, output: RetentionReport, readOnly: true },
} as const satisfies Record<string, MethodSpec>;
