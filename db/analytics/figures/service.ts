import {
  type ServiceReport,
  median,
  resolutionBucketOf,
  serviceResolutionBuckets,
} from '../../../shared/domain/analytics-money.ts';
import { serviceRequestPriorities } from '../../../shared/entities/entities.ts';
import type { ReadDb } from '../../sql.ts';
import { keptAnswer, scopeKey } from '../kept-answers.ts';
import { groupedByClient, mendedByClient, onlyClients, rowsOfClients } from '../mended-by-client.ts';
import { type Scope, scopeOut } from '../scope.ts';
import { scopedClientFacts } from '../scoped-clients.ts';

/** Statuses of a request still being worked on. */
const OPEN = `r.status NOT IN ('resolved', 'closed')`;

/** A request the page counts: opened or resolved in the period, or open now. */
interface RequestRow {
  client_id: string;
  opened_at: string;
  resolved_at: string | null;
  /** Hours from opening to resolution (negative spans: 0), null while unresolved. */
  hours: number | null;
  open: number;
  priority: string;
  rating: number | null;
}

/**
 * The scoped clients' requests opened or resolved in the period or open now: read per client once and
 * mended after changes (mended-by-client.ts), joined in memory to the scope; a few tens of thousands of
 * rows at 100k clients, from which every figure of the page is counted.
 */
function scopedRequests(db: ReadDb, scope: Scope): RequestRow[] {
  const all = mendedByClient<RequestRow[]>(db, {
    name: 'service.requests',
    key: `${scope.fromMoment}/${scope.toMomentExclusive}`,
    tables: ['service_request'],
    read: (ids) => {
      const rows = db
        .prepare(
          `SELECT r.client_id, r.opened_at, r.resolved_at, r.priority, ${OPEN} AS open,
                  r.rating AS rating,
                  CASE WHEN r.resolved_at IS NOT NULL
                       THEN max(0, (julianday(r.resolved_at) - julianday(r.opened_at)) * 24) END AS hours
             FROM service_request AS r
            WHERE r.deleted_at IS NULL ${onlyClients('r.client_id', ids)}
              AND (${OPEN} OR (r.opened_at >= @from AND r.opened_at < @to)
                   OR (r.resolved_at >= @from AND r.resolved_at < @to))`,
        )
        .all({
          from: scope.fromMoment,
          to: scope.toMomentExclusive,
          ...(ids === null ? {} : { ids }),
        }) as RequestRow[];
      return groupedByClient(rows, (row) => row.client_id);
    },
  });
  return rowsOfClients(all, scopedClientFacts(db, scope));
}

/** Requests opened in the period per scoped client, with how many of them are still open; most first. */
function requestsByClient(db: ReadDb, scope: Scope, requests: readonly RequestRow[]) {
  const clients = scopedClientFacts(db, scope);
  const counts = new Map<string, { requests: number; open: number }>();
  for (const row of requests) {
    if (!openedIn(row, scope)) continue;
    const count = counts.get(row.client_id) ?? { requests: 0, open: 0 };
    count.requests += 1;
    count.open += row.open;
    counts.set(row.client_id, count);
  }
  const rows = [...counts].map(([clientId, count]) => {
    const facts = clients.get(clientId);
    return { clientId, name: facts?.name ?? '', sortName: facts?.sortName ?? '', ...count };
  });
  // As SQLite orders text (by bytes), so the list reads as it always did.
  rows.sort(
    (a, b) =>
      b.requests - a.requests || byCodePoints(a.sortName, b.sortName) || byCodePoints(a.clientId, b.clientId),
  );
  return rows.map(({ sortName: _sortName, ...row }) => row);
}

function openedIn(row: RequestRow, scope: Scope): boolean {
  return row.opened_at >= scope.fromMoment && row.opened_at < scope.toMomentExclusive;
}

function resolvedIn(row: RequestRow, scope: Scope): boolean {
  return (
    row.resolved_at !== null &&
    row.resolved_at >= scope.fromMoment &&
    row.resolved_at < scope.toMomentExclusive
  );
}

/** Opened and resolved requests by month of the period. */
function byMonth(scope: Scope, requests: readonly RequestRow[]): ServiceReport['byMonth'] {
  const opened = new Map<string, number>();
  const resolved = new Map<string, number>();
  for (const row of requests) {
    if (openedIn(row, scope))
      opened.set(row.opened_at.slice(0, 7), (opened.get(row.opened_at.slice(0, 7)) ?? 0) + 1);
    if (row.resolved_at !== null && resolvedIn(row, scope))
      resolved.set(row.resolved_at.slice(0, 7), (resolved.get(row.resolved_at.slice(0, 7)) ?? 0) + 1);
  }
  const months: ServiceReport['byMonth'] = [];
  for (let month = scope.from.slice(0, 7); month <= scope.to.slice(0, 7); month = nextMonth(month))
    months.push({ month, opened: opened.get(month) ?? 0, resolved: resolved.get(month) ?? 0 });
  return months;
}

/** The scoped clients with a request open now (of one priority when asked). */
export function openRequestClientIds(db: ReadDb, scope: Scope, priority?: string): string[] {
  const rows = db
    .prepare(
      `SELECT DISTINCT r.client_id AS id FROM service_request AS r JOIN client AS c ON c.id = r.client_id
        WHERE r.deleted_at IS NULL AND ${OPEN} AND (@priority IS NULL OR r.priority = @priority)
          AND ${scope.clients.sql}`,
    )
    .all({ priority: priority ?? null }, ...scope.clients.params) as { id: string }[];
  return rows.map((row) => row.id);
}

/** The scoped clients who opened requests in the period; `top` keeps the ones opening most (as listed). */
export function requesterIds(db: ReadDb, scope: Scope, top?: number): string[] {
  const rows = requestsByClient(db, scope, scopedRequests(db, scope));
  return (top === undefined ? rows : rows.slice(0, top)).map((row) => row.clientId);
}

/** Ratings (1–5) of the scoped requests resolved in the period, by value; none when no rating is kept. */
function ratingsOf(scope: Scope, requests: readonly RequestRow[]): { rating: number; requests: number }[] {
  const counts = new Map<number, number>();
  for (const row of requests)
    if (row.rating !== null && row.rating >= 1 && row.rating <= 5 && resolvedIn(row, scope))
      counts.set(row.rating, (counts.get(row.rating) ?? 0) + 1);
  return [...counts].sort((a, b) => a[0] - b[0]).map(([rating, requests]) => ({ rating, requests }));
}

/** The average of ratings counted by value; `null` for none. */
export function averageRating(ratings: readonly { rating: number; requests: number }[]): number | null {
  const rated = ratings.reduce((sum, row) => sum + row.requests, 0);
  if (rated === 0) return null;
  return Math.round((ratings.reduce((sum, row) => sum + row.rating * row.requests, 0) / rated) * 100) / 100;
}

/**
 * The Service page: requests opened, resolved and open now, resolution times, who asks most, ratings.
 * Made of the requests and the clients alone, so kept while neither changed (kept-answers.ts).
 */
export function serviceReport(db: ReadDb, scope: Scope): ServiceReport {
  const figures = keptAnswer(db, {
    name: 'service',
    key: scopeKey(scope),
    tables: ['service_request', 'client'],
    compute: () => serviceFigures(db, scope),
  });
  return { scope: scopeOut(scope), ...figures };
}

function serviceFigures(db: ReadDb, scope: Scope): Omit<ServiceReport, 'scope'> {
  const requests = scopedRequests(db, scope);
  const hours = requests.filter((row) => resolvedIn(row, scope)).map((row) => row.hours ?? 0);
  const buckets = new Map(serviceResolutionBuckets.map((bucket) => [bucket, 0]));
  for (const value of hours) {
    const bucket = resolutionBucketOf(value);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
  }
  const open = new Map<string, number>();
  for (const row of requests) if (row.open) open.set(row.priority, (open.get(row.priority) ?? 0) + 1);
  const clients = requestsByClient(db, scope, requests);
  const opened = clients.reduce((sum, row) => sum + row.requests, 0);
  const ratings = ratingsOf(scope, requests);
  const medianHours = median(hours);
  return {
    opened,
    resolved: hours.length,
    openNow: serviceRequestPriorities.map((priority) => ({ priority, requests: open.get(priority) ?? 0 })),
    openNowTotal: [...open.values()].reduce((sum, count) => sum + count, 0),
    medianResolutionHours: medianHours === null ? null : Math.round(medianHours * 10) / 10,
    resolutionTimes: serviceResolutionBuckets.map((bucket) => ({
      bucket,
      requests: buckets.get(bucket) ?? 0,
    })),
    byMonth: byMonth(scope, requests),
    requesters: clients.length,
    averagePerRequester: clients.length > 0 ? Math.round((opened / clients.length) * 100) / 100 : null,
    mostRequests: clients.slice(0, 10),
    rated: ratings.reduce((sum, row) => sum + row.requests, 0),
    averageRating: averageRating(ratings),
    ratings,
  };
}

function nextMonth(month: string): string {
  const [year = 0, m = 1] = month.split('-').map(Number);
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * Strings in the order of their code points, which is SQLite's order of their UTF-8 bytes, without
 * encoding them (a sort of tens of thousands of names compares each many times): UTF-16 units sort so
 * too, except that surrogates (U+D800–DFFF, the code points above U+FFFF) belong after U+E000–FFFF.
 */
export function byCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codeUnitRank(x) - codeUnitRank(y);
  }
  return a.length - b.length;
}

function codeUnitRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}
