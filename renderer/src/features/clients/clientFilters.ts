import { startOfDay } from 'date-fns';
import type { ClientListInput, ClientSort, LifecycleStage } from '../../../../shared/domain/client.ts';
import { AnalyticsDrill } from '../../../../shared/domain/analytics.ts';
import { clientSorts, lifecycleStages } from '../../../../shared/domain/client.ts';

/** The client list's filters and order, as kept in the address (`#/clients?stage=active&quietDays=30`). */
export interface ClientFilters {
  stage: LifecycleStage | null;
  segment: string | null;
  ownerId: string | null;
  tagId: string | null;
  vip: boolean;
  /** Last contact more than this many days ago (or never). */
  quietDays: number | null;
  goingQuiet: boolean;
  overdue: boolean;
  sort: ClientSort;
  desc: boolean;
  /** With the revenue sort: the currency it is measured in. */
  currency: string | null;
  /** Only the clients behind a number of Insights (`?drill={…}`). */
  drill: AnalyticsDrill | null;
}

export const noFilters: ClientFilters = {
  stage: null,
  segment: null,
  ownerId: null,
  tagId: null,
  vip: false,
  quietDays: null,
  goingQuiet: false,
  overdue: false,
  sort: 'name',
  desc: false,
  currency: null,
  drill: null,
};

/** Reads filters from the address; anything unreadable is left out rather than failing. */
export function filtersFromQuery(query: URLSearchParams): ClientFilters {
  const stage = query.get('stage');
  const sort = query.get('sort');
  const days = Number(query.get('quietDays'));
  return {
    stage: stage && (lifecycleStages as readonly string[]).includes(stage) ? (stage as LifecycleStage) : null,
    segment: query.get('segment') || null,
    ownerId: query.get('owner') || null,
    tagId: query.get('tag') || null,
    vip: query.get('vip') === '1',
    quietDays: Number.isInteger(days) && days > 0 && days <= 3650 ? days : null,
    goingQuiet: query.get('quiet') === '1',
    overdue: query.get('overdue') === '1',
    sort: sort && (clientSorts as readonly string[]).includes(sort) ? (sort as ClientSort) : 'name',
    desc: query.get('desc') === '1',
    currency: /^[A-Z]{3}$/.test(query.get('currency') ?? '') ? query.get('currency') : null,
    drill: drillOf(query.get('drill')),
  };
}

/** An Insights drill-down from the address; anything unreadable is no drill-down. */
function drillOf(text: string | null): AnalyticsDrill | null {
  if (!text) return null;
  try {
    const parsed = AnalyticsDrill.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Writes filters to the address, leaving defaults out so a plain list has a plain address. */
export function queryFromFilters(filters: ClientFilters): URLSearchParams {
  const query = new URLSearchParams();
  if (filters.stage) query.set('stage', filters.stage);
  if (filters.segment) query.set('segment', filters.segment);
  if (filters.ownerId) query.set('owner', filters.ownerId);
  if (filters.tagId) query.set('tag', filters.tagId);
  if (filters.vip) query.set('vip', '1');
  if (filters.quietDays) query.set('quietDays', String(filters.quietDays));
  if (filters.goingQuiet) query.set('quiet', '1');
  if (filters.overdue) query.set('overdue', '1');
  if (filters.sort !== 'name') query.set('sort', filters.sort);
  if (filters.desc) query.set('desc', '1');
  if (filters.currency && filters.sort === 'revenue') query.set('currency', filters.currency);
  if (filters.drill) query.set('drill', JSON.stringify(filters.drill));
  return query;
}

/** The API input for the filters, at `now` (whole days, so the list does not reload every minute). */
export function listInput(filters: ClientFilters, now: Date): Omit<ClientListInput, 'after' | 'limit'> {
  return {
    sort: filters.sort,
    direction: filters.desc ? 'desc' : 'asc',
    ...(filters.stage ? { stage: filters.stage } : {}),
    ...(filters.segment ? { segment: filters.segment } : {}),
    ...(filters.ownerId ? { ownerId: filters.ownerId } : {}),
    ...(filters.tagId ? { tagId: filters.tagId } : {}),
    ...(filters.vip ? { vip: true } : {}),
    ...(filters.quietDays
      ? {
          lastContactBefore: new Date(
            startOfDay(now).getTime() - filters.quietDays * 86_400_000,
          ).toISOString(),
        }
      : {}),
    ...(filters.goingQuiet ? { goingQuiet: true } : {}),
    ...(filters.overdue ? { hasOverdueFollowup: true } : {}),
    ...(filters.sort === 'revenue' && filters.currency ? { revenueCurrency: filters.currency } : {}),
    ...(filters.drill ? { drill: filters.drill } : {}),
  };
}

/** True when any filter narrows the list. */
export function isFiltered(filters: ClientFilters): boolean {
  return queryFromFilters({ ...filters, sort: 'name', desc: false, currency: null }).size > 0;
}
