import {
  type ServiceReport,
  median,
  resolutionBucketOf,
  serviceResolutionBuckets,
} from '../../../shared/domain/analytics-money.ts';
import { serviceRequestPriorities } from '../../../shared/entities/entities.ts';
import type { ReadDb } from '../../sql.ts';
import { type Scope, scopeOut } from '../scope.ts';

/** Statuses of a request still being worked on. */
const OPEN = `r.status NOT IN ('resolved', 'closed')`;

/**
 * Whether service requests keep a satisfaction rating (an optional column added by a later migration):
 * asked of the table itself on each call, which costs microseconds, so figures follow the schema.
 */
export function serviceRatingsKept(db: ReadDb): boolean {
  const columns = db.prepare(`SELECT name FROM pragma_table_info('service_request')`).all() as {
    name: string;
  }[];
  return columns.some((column) => column.name === 'rating');
}

/** Hours from opening to resolution of the scoped requests resolved in the period (negative spans: 0). */
function resolutionHours(db: ReadDb, scope: Scope): number[] {
  const rows = db
    .prepare(
      `SELECT max(0, (julianday(r.resolved_at) - julianday(r.opened_at)) * 24) AS hours
         FROM service_request AS r JOIN client AS c ON c.id = r.client_id
        WHERE r.deleted_at IS NULL AND r.resolved_at >= @from AND r.resolved_at < @to AND ${scope.clients.sql}`,
    )
    .all({ from: scope.fromMoment, to: scope.toMomentExclusive }, ...scope.clients.params) as {
    hours: number;
  }[];
  return rows.map((row) => row.hours);
}

/** Requests opened in the period per scoped client, with how many of them are still open. */
function requestsByClient(db: ReadDb, scope: Scope) {
  return db
    .prepare(
      `SELECT r.client_id AS clientId, c.name, count(*) AS requests, sum(${OPEN}) AS open
         FROM service_request AS r JOIN client AS c ON c.id = r.client_id
        WHERE r.deleted_at IS NULL AND r.opened_at >= @from AND r.opened_at < @to AND ${scope.clients.sql}
        GROUP BY r.client_id ORDER BY requests DESC, c.sort_name, r.client_id`,
    )
    .all({ from: scope.fromMoment, to: scope.toMomentExclusive }, ...scope.clients.params) as {
    clientId: string;
    name: string;
    requests: number;
    open: number;
  }[];
}

/** Opened and resolved requests by month of the period. */
function byMonth(db: ReadDb, scope: Scope): ServiceReport['byMonth'] {
  const params = { from: scope.fromMoment, to: scope.toMomentExclusive };
  const count = (column: 'opened_at' | 'resolved_at') =>
    new Map(
      (
        db
          .prepare(
            `SELECT substr(r.${column}, 1, 7) AS month, count(*) AS n
               FROM service_request AS r JOIN client AS c ON c.id = r.client_id
              WHERE r.deleted_at IS NULL AND r.${column} >= @from AND r.${column} < @to AND ${scope.clients.sql}
              GROUP BY month`,
          )
          .all(params, ...scope.clients.params) as { month: string; n: number }[]
      ).map((row) => [row.month, row.n]),
    );
  const opened = count('opened_at');
  const resolved = count('resolved_at');
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
  const rows = requestsByClient(db, scope);
  return (top === undefined ? rows : rows.slice(0, top)).map((row) => row.clientId);
}

/** Ratings (1–5) of the scoped requests resolved in the period; nothing when no rating is kept. */
function ratingsOf(db: ReadDb, scope: Scope): { rating: number; requests: number }[] {
  if (!serviceRatingsKept(db)) return [];
  return db
    .prepare(
      `SELECT r.rating AS rating, count(*) AS requests
         FROM service_request AS r JOIN client AS c ON c.id = r.client_id
        WHERE r.deleted_at IS NULL AND r.rating BETWEEN 1 AND 5
          AND r.resolved_at >= @from AND r.resolved_at < @to AND ${scope.clients.sql}
        GROUP BY r.rating ORDER BY r.rating`,
    )
    .all({ from: scope.fromMoment, to: scope.toMomentExclusive }, ...scope.clients.params) as {
    rating: number;
    requests: number;
  }[];
}

/** The average of ratings counted by value; `null` for none. */
export function averageRating(ratings: readonly { rating: number; requests: number }[]): number | null {
  const rated = ratings.reduce((sum, row) => sum + row.requests, 0);
  if (rated === 0) return null;
  return Math.round((ratings.reduce((sum, row) => sum + row.rating * row.requests, 0) / rated) * 100) / 100;
}

/** The Service page: requests opened, resolved and open now, resolution times, who asks most, ratings. */
export function serviceReport(db: ReadDb, scope: Scope): ServiceReport {
  const hours = resolutionHours(db, scope);
  const buckets = new Map(serviceResolutionBuckets.map((bucket) => [bucket, 0]));
  for (const value of hours) {
    const bucket = resolutionBucketOf(value);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
  }
  const openRows = db
    .prepare(
      `SELECT r.priority, count(*) AS requests FROM service_request AS r JOIN client AS c ON c.id = r.client_id
        WHERE r.deleted_at IS NULL AND ${OPEN} AND ${scope.clients.sql} GROUP BY r.priority`,
    )
    .all(...scope.clients.params) as { priority: string; requests: number }[];
  const open = new Map(openRows.map((row) => [row.priority, row.requests]));
  const clients = requestsByClient(db, scope);
  const opened = clients.reduce((sum, row) => sum + row.requests, 0);
  const ratingsKept = serviceRatingsKept(db);
  const ratings = ratingsOf(db, scope);
  const medianHours = median(hours);
  return {
    scope: scopeOut(scope),
    opened,
    resolved: hours.length,
    openNow: serviceRequestPriorities.map((priority) => ({ priority, requests: open.get(priority) ?? 0 })),
    openNowTotal: openRows.reduce((sum, row) => sum + row.requests, 0),
    medianResolutionHours: medianHours === null ? null : Math.round(medianHours * 10) / 10,
    resolutionTimes: serviceResolutionBuckets.map((bucket) => ({
      bucket,
      requests: buckets.get(bucket) ?? 0,
    })),
    byMonth: byMonth(db, scope),
    requesters: clients.length,
    averagePerRequester: clients.length > 0 ? Math.round((opened / clients.length) * 100) / 100 : null,
    mostRequests: clients.slice(0, 10),
    ratingsKept,
    rated: ratings.reduce((sum, row) => sum + row.requests, 0),
    averageRating: averageRating(ratings),
    ratings,
  };
}

function nextMonth(month: string): string {
  const [year = 0, m = 1] = month.split('-').map(Number);
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}
