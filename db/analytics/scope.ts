import type { AnalyticsScope, ParsedAnalyticsQuery } from '../../shared/domain/analytics.ts';
import type { ReadDb } from '../sql.ts';
import { type DataPosition, dataPosition } from './changes-since.ts';
import { type LiveClient, clientsKeptBy } from './live-clients.ts';

/** SQL text with its parameters, for a query built in code around it. */
export interface SqlPart {
  sql: string;
  params: unknown[];
}

/** What a figure is computed over: the clients the filters keep, the period, the currency. */
export interface Scope {
  from: string;
  to: string;
  /** The first moment after the period (stored moments are UTC with milliseconds). */
  fromMoment: string;
  toMomentExclusive: string;
  currency: string | null;
  /** A condition on the client table aliased `c`: live and kept by the filters. */
  clients: SqlPart;
  /** The clients that keeps, from the mended cache of live clients (live-clients.ts); never changed. */
  kept: readonly LiveClient[];
  /** How many clients that keeps. */
  clientCount: number;
  computedAt: string;
}

/**
 * Resolves a query into the parts every figure shares. The currency is the one asked for, else the one
 * most clients have paid in; the clients condition uses the client table's own columns (owner, segment,
 * industry, region, source, stage), so each figure joins it once; the same clients, in memory, are
 * `kept` (counted without a scan of the wide client rows).
 */
export function resolveScope(db: ReadDb, query: ParsedAnalyticsQuery, now: Date): Scope {
  const { filters, period } = query;
  const terms = ['c.deleted_at IS NULL'];
  const params: unknown[] = [];
  if (filters.ownerId === null) terms.push('c.owner_id IS NULL');
  else if (filters.ownerId !== undefined) {
    terms.push('c.owner_id = ?');
    params.push(filters.ownerId);
  }
  for (const column of ['segment', 'industry', 'region', 'source', 'stage'] as const) {
    const value = filters[column];
    if (value === undefined) continue;
    // Typed values differ in case and spaces from one person to the next: compare them as people would.
    terms.push(column === 'stage' ? 'c.stage = ?' : `lower(trim(c.${column})) = lower(?)`);
    params.push(value);
  }
  const clients = { sql: terms.join(' AND '), params };
  const kept = clientsKeptBy(db, filters);
  return {
    from: period.from,
    to: period.to,
    fromMoment: `${period.from}T00:00:00.000Z`,
    toMomentExclusive: `${nextDay(period.to)}T00:00:00.000Z`,
    currency: filters.currency ?? defaultCurrency(db),
    clients,
    kept,
    clientCount: kept.length,
    computedAt: now.toISOString(),
  };
}

/**
 * The currency most clients have paid in (ties: alphabetical), `null` when nobody has paid yet; kept
 * until the data changes (counting it is a pass over every client's revenue, 3-5 ms, on every answer).
 */
export function defaultCurrency(db: ReadDb): string | null {
  const position = dataPosition(db);
  const known = currencies.get(db);
  if (known && known.position.seq === position.seq && known.position.imports === position.imports)
    return known.currency;
  const row = db
    .prepare(`SELECT currency FROM client_revenue GROUP BY currency ORDER BY count(*) DESC, currency LIMIT 1`)
    .get() as { currency: string } | undefined;
  const currency = row?.currency ?? null;
  currencies.set(db, { position, currency });
  return currency;
}

const currencies = new WeakMap<ReadDb, { position: DataPosition; currency: string | null }>();

/** The scope as answers state it. */
export function scopeOut(scope: Scope): AnalyticsScope {
  return {
    from: scope.from,
    to: scope.to,
    currency: scope.currency,
    clients: scope.clientCount,
    computedAt: scope.computedAt,
  };
}

/** The day after a YYYY-MM-DD day. */
export function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** Whole days from one YYYY-MM-DD day to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
