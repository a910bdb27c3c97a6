import {
  AnalyticsClientsInput,
  AnalyticsClientsPage,
  AnalyticsOptions,
  AnalyticsSettings,
  AnalyticsSettingsUpdate,
  RevenueInput,
  RevenueReport,
} from '../../domain/analytics.ts';
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
  /** Each client's figures over the period, sorted and paged (offset paging: figures are computed). */
  'analytics.clients': { input: AnalyticsClientsInput, output: AnalyticsClientsPage, readOnly: true },
  /** The lifetime-value models fitted in the background, one per currency, and why a currency has none. */
  'analytics.clvModel': { input: ClvModelInput, output: ClvModels, readOnly: true },
  /** Predicted and historic value of the scoped clients: totals, value at risk, distribution, by segment. */
  'analytics.lifetime': { input: LifetimeInput, output: LifetimeReport, readOnly: true },
  /** One client's historic and predicted value, chance of still buying and churn risk with its reasons. */
  'analytics.client': { input: ClientLifetimeInput, output: ClientLifetime, readOnly: true },
} as const satisfies Record<string, MethodSpec>;
