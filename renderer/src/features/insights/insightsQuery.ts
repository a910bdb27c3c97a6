import {
  addMonths,
  endOfMonth,
  endOfYear,
  format,
  startOfMonth,
  startOfYear,
  subDays,
  subMonths,
  subYears,
} from 'date-fns';
import {
  AnalyticsFilters,
  AnalyticsPeriod,
  type AnalyticsQuery,
} from '../../../../shared/domain/analytics.ts';
import { hrefOf } from '../../router/router.ts';

/** The periods offered with one click; `custom` keeps the days in the address. */
export const periodPresets = [
  'thisMonth',
  'lastMonth',
  'last3Months',
  'last12Months',
  'thisYear',
  'lastYear',
  'custom',
] as const;
export type PeriodPreset = (typeof periodPresets)[number];

/** What an Insights page looks at, as kept in its address: `#/insights/revenue?period=last12Months&segment=Retail`. */
export interface InsightsState {
  preset: PeriodPreset;
  query: AnalyticsQuery & { filters: AnalyticsFilters };
  /** The period's days, already resolved (presets at `now`). */
  period: AnalyticsPeriod;
}

const DEFAULT_PRESET = 'last12Months' satisfies PeriodPreset;
const day = (date: Date) => format(date, 'yyyy-MM-dd');

/** The days of a preset at `now` (a preset ends today or at the end of its month or year). */
export function periodOf(preset: Exclude<PeriodPreset, 'custom'>, now: Date): AnalyticsPeriod {
  switch (preset) {
    case 'thisMonth':
      return { from: day(startOfMonth(now)), to: day(now) };
    case 'lastMonth': {
      const last = subMonths(now, 1);
      return { from: day(startOfMonth(last)), to: day(endOfMonth(last)) };
    }
    case 'last3Months':
      return { from: day(addMonths(subDays(now, -1), -3)), to: day(now) };
    case 'last12Months':
      return { from: day(addMonths(subDays(now, -1), -12)), to: day(now) };
    case 'thisYear':
      return { from: day(startOfYear(now)), to: day(now) };
    case 'lastYear': {
      const last = subYears(now, 1);
      return { from: day(startOfYear(last)), to: day(endOfYear(last)) };
    }
  }
}

/** The period just before one, of the same length ("against the last"). */
export function previousPeriod(period: AnalyticsPeriod): AnalyticsPeriod {
  const from = new Date(`${period.from}T00:00:00Z`);
  const to = new Date(`${period.to}T00:00:00Z`);
  const days = Math.round((to.getTime() - from.getTime()) / 86_400_000) + 1;
  const previousTo = new Date(from.getTime() - 86_400_000);
  const previousFrom = new Date(previousTo.getTime() - (days - 1) * 86_400_000);
  return { from: previousFrom.toISOString().slice(0, 10), to: previousTo.toISOString().slice(0, 10) };
}

const filterKeys = ['ownerId', 'segment', 'industry', 'region', 'source', 'stage', 'currency'] as const;

/** Reads the period and filters from the address; anything unreadable is left out rather than failing. */
export function insightsFromQuery(query: URLSearchParams, now: Date): InsightsState {
  const asked = query.get('period');
  const preset = (periodPresets as readonly string[]).includes(asked ?? '')
    ? (asked as PeriodPreset)
    : DEFAULT_PRESET;
  let period: AnalyticsPeriod = periodOf(DEFAULT_PRESET, now);
  let resolvedPreset: PeriodPreset = DEFAULT_PRESET;
  if (preset === 'custom') {
    const parsed = AnalyticsPeriod.safeParse({ from: query.get('from'), to: query.get('to') });
    if (parsed.success) {
      period = parsed.data;
      resolvedPreset = 'custom';
    }
  } else {
    period = periodOf(preset, now);
    resolvedPreset = preset;
  }
  const raw: Record<string, string> = {};
  for (const key of filterKeys) {
    const value = query.get(key === 'ownerId' ? 'owner' : key);
    if (value) raw[key] = key === 'ownerId' && value === 'none' ? '' : value;
  }
  const filters: AnalyticsFilters = {};
  for (const key of filterKeys) {
    if (raw[key] === undefined) continue;
    const one = AnalyticsFilters.safeParse({ [key]: key === 'ownerId' && raw[key] === '' ? null : raw[key] });
    if (one.success) Object.assign(filters, one.data);
  }
  return { preset: resolvedPreset, period, query: { period, filters } };
}

/** Writes the period and filters to the address, defaults left out. */
export function queryOfInsights(
  preset: PeriodPreset,
  period: AnalyticsPeriod,
  filters: AnalyticsFilters,
): URLSearchParams {
  const query = new URLSearchParams();
  if (preset !== DEFAULT_PRESET) query.set('period', preset);
  if (preset === 'custom') {
    query.set('from', period.from);
    query.set('to', period.to);
  }
  for (const key of filterKeys) {
    const value = filters[key];
    if (value === undefined) continue;
    query.set(key === 'ownerId' ? 'owner' : key, value === null ? 'none' : value);
  }
  return query;
}

/** The address of an Insights page with the same period and filters. */
export function insightsHref(
  page: string,
  state: Pick<InsightsState, 'preset' | 'period' | 'query'>,
): string {
  return hrefOf('insights', page, null, queryOfInsights(state.preset, state.period, state.query.filters));
}

/** The client list showing exactly the clients behind a number of an Insights page. */
export function drillHref(query: AnalyticsQuery, set: string): string {
  return hrefOf('clients', null, null, new URLSearchParams({ drill: JSON.stringify({ ...query, set }) }));
}
