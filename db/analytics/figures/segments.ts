import type { ClientFigures } from '../../../shared/domain/analytics.ts';
import type { AbcClass, RfmScores } from '../../../shared/domain/analytics-rfm.ts';
import { abcClasses, rfmSegments, segmentOf } from '../../../shared/domain/analytics-rfm.ts';
import { type SegmentsReport, VIP_SUGGESTIONS_LISTED } from '../../../shared/domain/analytics-segments.ts';
import { currencyDigits } from '../../../shared/domain/fields.ts';
import type { ReadDb } from '../../sql.ts';
import { mendedByClient, onlyClients } from '../mended-by-client.ts';
import { type Scope, daysBetween, scopeOut } from '../scope.ts';
import { scopedClientFacts } from '../scoped-clients.ts';

/** A paying client of the period with its RFM values, scores and ABC class. */
export interface SegmentedClient {
  clientId: string;
  name: string;
  vip: boolean;
  /** Revenue in the period, in minor units (payments minus refunds; above zero). */
  revenueMinor: number;
  /** Days from its last purchase in the period to `asOf`. */
  recencyDays: number;
  /** Distinct days with a payment in the period. */
  frequency: number;
  rfm: RfmScores;
  abc: AbcClass;
}

/** The day figures are counted to: the period's end, or today when it ends later (no future payment counts). */
export function asOfDay(scope: Scope, today: string): string {
  return scope.to < today ? scope.to : today;
}

/** A paying client's figures from the period's payments, before the clients are scored among each other. */
interface PaymentTotals {
  last: string;
  days: number;
  net: number;
}

/**
 * Every paying client of the scope with its RFM scores and ABC class. A client is paying when its
 * payments minus refunds from the period's start to `asOf`, in the scope's currency, are above zero;
 * a refund that takes it to zero or below leaves it out. One grouped walk of the payments per client,
 * kept and mended after changes (mended-by-client.ts), joined in memory to the scope's clients.
 */
export function segmentedClients(db: ReadDb, scope: Scope, today: string): SegmentedClient[] {
  if (scope.currency === null) return [];
  const asOf = asOfDay(scope, today);
  if (asOf < scope.from) return [];
  const totals = paymentTotals(db, scope.currency, scope.from, asOf);
  const clients = scopedClientFacts(db, scope);
  const rows = [];
  for (const [id, { last, days, net }] of totals) {
    const client = clients.get(id);
    if (client)
      rows.push({
        clientId: id,
        name: client.name,
        vip: client.vip,
        revenueMinor: net,
        recencyDays: daysBetween(last, asOf),
        frequency: days,
      });
  }
  return scoreClients(rows);
}

/** Each paying client's last purchase day, purchase days and net revenue from `from` to `asOf`. */
function paymentTotals(db: ReadDb, currency: string, from: string, asOf: string) {
  return mendedByClient<PaymentTotals>(db, {
    name: 'segments.totals',
    key: `${currency}/${from}/${asOf}`,
    tables: ['payment'],
    read: (ids) => {
      // Walks payment_live_purchases in client order: no sort, no table lookups.
      const rows = db
        .prepare(
          `SELECT client_id AS id,
                  max(CASE kind WHEN 'payment' THEN coalesce(paid_on, issued_on) END) AS last,
                  count(DISTINCT CASE kind WHEN 'payment' THEN coalesce(paid_on, issued_on) END) AS days,
                  sum(CASE kind WHEN 'payment' THEN amount_minor ELSE -amount_minor END) AS net
             FROM payment
            WHERE deleted_at IS NULL AND currency = @currency AND kind IN ('payment', 'refund')
              AND coalesce(paid_on, issued_on) BETWEEN @from AND @asOf ${onlyClients('client_id', ids)}
            GROUP BY client_id
           HAVING net > 0 AND last IS NOT NULL`,
        )
        .all({ currency, from, asOf, ...(ids === null ? {} : { ids }) }) as ({
        id: string;
      } & PaymentTotals)[];
      return new Map(rows.map(({ id, ...totals }) => [id, totals]));
    },
  });
}

/** Scores a set of paying clients: RFM quintiles among them and ABC classes by revenue. */
export function scoreClients(rows: readonly Omit<SegmentedClient, 'rfm' | 'abc'>[]): SegmentedClient[] {
  const r = quintileScores(rows.map((row) => -row.recencyDays));
  const f = quintileScores(rows.map((row) => row.frequency));
  const m = quintileScores(rows.map((row) => row.revenueMinor));
  const abc = abcClassesOf(rows.map((row) => row.revenueMinor));
  return rows.map((row, index) => {
    const scores = { r: r[index] ?? 1, f: f[index] ?? 1, m: m[index] ?? 1 };
    return {
      ...row,
      rfm: {
        ...scores,
        score: `${String(scores.r)}${String(scores.f)}${String(scores.m)}`,
        segment: segmentOf(scores.r, scores.f),
      },
      abc: abc[index] ?? 'C',
    };
  });
}

/**
 * Quintile scores 1–5 (5 for the largest values) that never split equal values: each value's
 * mid-rank percentile — the share of values below it plus half the share equal to it — in fifths,
 * `1 + ⌊5 × (below + equal / 2) / n⌋`. Five distinct values score 1…5; all equal values score 3.
 */
export function quintileScores(values: readonly number[]): number[] {
  const n = values.length;
  const sorted = [...values].sort((a, b) => a - b);
  const below = new Map<number, number>();
  const equal = new Map<number, number>();
  sorted.forEach((value, index) => {
    if (!below.has(value)) below.set(value, index);
    equal.set(value, (equal.get(value) ?? 0) + 1);
  });
  return values.map((value) => {
    const rank = (below.get(value) ?? 0) + (equal.get(value) ?? 0) / 2;
    return Math.min(5, 1 + Math.floor((5 * rank) / n));
  });
}

/**
 * ABC classes by revenue (positive amounts): clients from the largest revenue down, A while the
 * revenue before them is under 80 % of the total (so the client that crosses 80 % is in A), B while
 * it is under 95 %, C after. Clients with the same revenue share the class of the first of them, so
 * the order of equals never decides. Integer minor units keep "exactly 80 %" exact.
 */
export function abcClassesOf(revenues: readonly number[]): AbcClass[] {
  const total = revenues.reduce((sum, value) => sum + value, 0);
  const order = revenues.map((value, index) => ({ value, index })).sort((a, b) => b.value - a.value);
  const classes: AbcClass[] = new Array<AbcClass>(revenues.length).fill('C');
  let before = 0;
  let previous = { value: Number.NaN, abc: 'A' as AbcClass };
  for (const { value, index } of order) {
    const abc: AbcClass =
      previous.value === value
        ? previous.abc
        : before * 100 < total * 80
          ? 'A'
          : before * 100 < total * 95
            ? 'B'
            : 'C';
    classes[index] = abc;
    previous = { value, abc };
    before += value;
  }
  return classes;
}

/** The clients the page suggests as VIP: in A or champions, not marked VIP; largest revenue first. */
export function vipSuggestionsOf(clients: readonly SegmentedClient[]): SegmentedClient[] {
  return clients
    .filter((client) => !client.vip && (client.abc === 'A' || client.rfm.segment === 'champions'))
    .sort((a, b) => b.revenueMinor - a.revenueMinor || a.name.localeCompare(b.name));
}

/** The Segments page: segment sizes, the R × F grid, ABC classes and the VIP suggestions. */
export function segmentsReport(
  scope: Scope,
  clients: readonly SegmentedClient[],
  today: string,
): SegmentsReport {
  const unit = 10 ** currencyDigits(scope.currency ?? 'USD');
  const totalMinor = clients.reduce((sum, client) => sum + client.revenueMinor, 0);
  const share = (part: number, whole: number) =>
    whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0;
  const sum = (kept: readonly SegmentedClient[]) =>
    kept.reduce((total, client) => total + client.revenueMinor, 0);
  const segments = rfmSegments.map((segment) => {
    const kept = clients.filter((client) => client.rfm.segment === segment);
    return {
      segment,
      clients: kept.length,
      revenue: sum(kept) / unit,
      revenueShare: share(sum(kept), totalMinor),
    };
  });
  const grid = [];
  for (let r = 5; r >= 1; r--)
    for (let f = 1; f <= 5; f++)
      grid.push({
        r,
        f,
        clients: clients.filter((client) => client.rfm.r === r && client.rfm.f === f).length,
      });
  const abc = abcClasses.map((abcClass) => {
    const kept = clients.filter((client) => client.abc === abcClass);
    return {
      abc: abcClass,
      clients: kept.length,
      revenue: sum(kept) / unit,
      clientShare: share(kept.length, clients.length),
      revenueShare: share(sum(kept), totalMinor),
    };
  });
  const suggested = vipSuggestionsOf(clients);
  return {
    scope: scopeOut(scope),
    asOf: asOfDay(scope, today),
    payingClients: clients.length,
    revenue: totalMinor / unit,
    segments,
    grid,
    abc,
    vipSuggestions: {
      total: suggested.length,
      items: suggested.slice(0, VIP_SUGGESTIONS_LISTED).map((client) => ({
        clientId: client.clientId,
        name: client.name,
        revenue: client.revenueMinor / unit,
        abc: client.abc,
        rfm: client.rfm,
      })),
    },
  };
}

/** Clients' figures with their RFM scores and ABC class filled in (null for those who did not pay). */
export function withSegments(
  db: ReadDb,
  scope: Scope,
  figures: ClientFigures[],
  today: string,
): ClientFigures[] {
  const segmented = new Map(segmentedClients(db, scope, today).map((client) => [client.clientId, client]));
  return figures.map((client) => {
    const found = segmented.get(client.clientId);
    return found ? { ...client, rfm: found.rfm, abc: found.abc } : client;
  });
}
