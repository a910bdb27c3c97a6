import type { AnalyticsFilters, AnalyticsPeriod } from '../../../../shared/domain/analytics.ts';
import { useNow } from '../../components/useNow.ts';
import { useFormat } from '../../i18n/useFormat.ts';
import { navigateTo, useRoute } from '../../router/router.ts';
import { type InsightsState, type PeriodPreset, insightsFromQuery, insightsHref } from './insightsQuery.ts';

/** The pages of Insights, in the order of their tabs; the first is where Insights opens. */
export const insightPages = [
  'dashboard',
  'revenue',
  'clients',
  'lifetime',
  'segments',
  'retention',
  'lifecycle',
  'sales',
  'team',
  'payments',
  'campaigns',
  'service',
] as const;
export type InsightPage = (typeof insightPages)[number];

/** The Insights page showing, its period and filters (from the address), and how to change them. */
export function useInsights() {
  const route = useRoute();
  const now = useNow();
  const page: InsightPage = (insightPages as readonly string[]).includes(route.id ?? '')
    ? (route.id as InsightPage)
    : 'dashboard';
  const state = insightsFromQuery(route.query, now);
  const go = (next: Pick<InsightsState, 'preset' | 'period' | 'query'>, to: string = page) =>
    navigateTo(insightsHref(to, next), { replace: to === page });
  return {
    page,
    state,
    setPeriod: (preset: PeriodPreset, period: AnalyticsPeriod) =>
      go({ preset, period, query: { ...state.query, period } }),
    setFilters: (filters: AnalyticsFilters) => go({ ...state, query: { ...state.query, filters } }),
    /** The address of another Insights page with the same period and filters. */
    hrefOf: (to: InsightPage) => insightsHref(to, state),
  };
}

/** Money of an answer's currency, and the words for "no currency yet". */
export function useMoney(currency: string | null) {
  const format = useFormat();
  return (amount: number) => (currency ? format.money(amount, currency) : format.number(amount));
}

/** A share (0–1) as a percentage in the user's language: "74 %"; a dash when there is none. */
export function usePercent() {
  return useFormat().percent;
}
