import {
  COHORT_MONTHS,
  LOST_AFTER_DAYS,
  OWN_GAP_FACTOR,
  type RetentionCohort,
  type RetentionMonth,
  type RetentionReport,
  type RetentionStretch,
} from '../../../shared/domain/analytics-retention.ts';
import { currencyDigits } from '../../../shared/domain/fields.ts';
import type { ReadDb } from '../../sql.ts';
import { type Scope, scopeOut } from '../scope.ts';
import { mendedByClient, onlyClients } from '../mended-by-client.ts';
import { scopedClientFacts } from '../scoped-clients.ts';
import { asOfDay } from './segments.ts';

/** A client's purchases as retention reads them; days are whole days since 1970-01-01 (UTC). */
export interface PurchaseHistory {
  clientId: string;
  /** Distinct days with a payment, ascending, up to `asOf`. */
  days: number[];
  /** The day after each purchase on which the client counts as lost if it has not bought again. */
  lostOn: number[];
  /** The days it was lost (silence longer than its allowance), ascending. */
  lapses: number[];
  /** Payments minus their cost and refunds, from the period's start to `asOf`, in minor units. */
  periodProfitMinor: number;
}

/** A stretch of days, both ends included. */
export interface DayRange {
  from: number;
  to: number;
}

/** Whole days since 1970-01-01 of a YYYY-MM-DD day. */
export function dayNumber(day: string): number {
  return (
    Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000
  );
}

/** The YYYY-MM month of a day number. */
export function monthOf(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 7);
}

/** The first and last day numbers of a YYYY-MM month. */
export function monthRange(month: string): DayRange {
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7)) - 1;
  return { from: Date.UTC(year, index, 1) / 86_400_000, to: Date.UTC(year, index + 1, 1) / 86_400_000 - 1 };
}

/**
 * When a client that bought on `days` (ascending day numbers) is lost after each purchase: the first
 * day its silence is longer than its allowance, the longer of `LOST_AFTER_DAYS` and `OWN_GAP_FACTOR`
 * times its mean gap between the purchase days up to then (none before its second purchase).
 */
export function lostDays(days: readonly number[]): number[] {
  const first = days[0] ?? 0;
  return days.map((day, index) => {
    const meanGap = index > 0 ? (day - first) / index : 0;
    return day + Math.floor(Math.max(LOST_AFTER_DAYS, OWN_GAP_FACTOR * meanGap)) + 1;
  });
}

/** A client's history from its purchase days, with the days it was lost up to `asOf`. */
export function purchaseHistory(
  clientId: string,
  days: number[],
  asOf: number,
  periodProfitMinor = 0,
): PurchaseHistory {
  const lostOn = lostDays(days);
  const lapses: number[] = [];
  lostOn.forEach((lost, index) => {
    const next = days[index + 1] ?? Infinity;
    if (lost < next && lost <= asOf) lapses.push(lost);
  });
  return { clientId, days, lostOn, lapses, periodProfitMinor };
}

/** True when the client is active at the end of `day`: it has bought, and is not lost since. */
export function activeOn(history: PurchaseHistory, day: number): boolean {
  let low = 0;
  let high = history.days.length - 1;
  let last = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((history.days[middle] ?? Infinity) <= day) {
      last = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return last >= 0 && day < (history.lostOn[last] ?? -Infinity);
}

/** True when the client was lost on a day of `range`. */
export function lostWithin(history: PurchaseHistory, range: DayRange): boolean {
  return history.lapses.some((day) => day >= range.from && day <= range.to);
}

/** Retention over a stretch of days (see RetentionStretch), and which clients were lost in it. */
export function retentionOver(
  histories: readonly PurchaseHistory[],
  range: DayRange,
): RetentionStretch & { lostIds: string[]; retainedIds: string[] } {
  let activeAtStart = 0;
  let newClients = 0;
  const lostIds: string[] = [];
  const retainedIds: string[] = [];
  for (const history of histories) {
    const first = history.days[0];
    if (first !== undefined && first >= range.from && first <= range.to) newClients += 1;
    if (!activeOn(history, range.from - 1)) continue;
    activeAtStart += 1;
    if (lostWithin(history, range)) lostIds.push(history.clientId);
    else retainedIds.push(history.clientId);
  }
  return {
    activeAtStart,
    retained: retainedIds.length,
    lost: lostIds.length,
    newClients,
    retentionRate:
      activeAtStart > 0 ? Math.round((retainedIds.length / activeAtStart) * 10_000) / 10_000 : null,
    lostIds,
    retainedIds,
  };
}

/** The months of the period up to `asOf`, each clipped to the period. */
export function periodMonths(from: number, asOf: number): { month: string; range: DayRange }[] {
  const months = [];
  for (let day = from; day <= asOf;) {
    const month = monthOf(day);
    const range = monthRange(month);
    months.push({ month, range: { from: Math.max(range.from, from), to: Math.min(range.to, asOf) } });
    day = range.to + 1;
  }
  return months;
}

/**
 * Acquisition cohorts: clients by the month of their first purchase (cohorts whose month is in the
 * period), and the share of each that bought in each of the `COHORT_MONTHS` months from it; months
 * after `asOf` are `null`.
 */
export function cohortsOf(
  histories: readonly PurchaseHistory[],
  months: readonly string[],
  asOf: number,
): RetentionCohort[] {
  const asOfMonth = monthIndex(monthOf(asOf));
  const byMonth = new Map<number, number[]>();
  for (const month of months) byMonth.set(monthIndex(month), new Array<number>(COHORT_MONTHS).fill(0));
  const clients = new Map<number, number>();
  for (const history of histories) {
    const first = history.days[0];
    if (first === undefined) continue;
    const cohort = monthIndex(monthOf(first));
    const buyers = byMonth.get(cohort);
    if (!buyers) continue;
    clients.set(cohort, (clients.get(cohort) ?? 0) + 1);
    const seen = new Set<number>();
    for (const day of history.days) {
      const k = monthIndex(monthOf(day)) - cohort;
      if (k < COHORT_MONTHS && !seen.has(k)) {
        seen.add(k);
        buyers[k] = (buyers[k] ?? 0) + 1;
      }
    }
  }
  const cohorts: RetentionCohort[] = [];
  for (const month of months) {
    const index = monthIndex(month);
    const size = clients.get(index) ?? 0;
    const buyers = byMonth.get(index);
    if (size === 0 || !buyers) continue;
    const reached = buyers.map((count, k) => (index + k <= asOfMonth ? count : null));
    cohorts.push({
      month,
      clients: size,
      buyers: reached,
      shares: reached.map((count) => (count === null ? null : Math.round((count / size) * 10_000) / 10_000)),
    });
  }
  return cohorts;
}

function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/**
 * Every scoped client's purchases in the scope's currency up to `asOf` (payments only: refunds are not
 * purchases), with its profit in the period. One grouped walk of the payments per client, kept and
 * mended after changes (mended-by-client.ts), joined in memory to the scope's clients.
 */
export function purchaseHistories(db: ReadDb, scope: Scope, today: string): PurchaseHistory[] {
  if (scope.currency === null) return [];
  const all = allPurchaseHistories(db, scope.currency, scope.from, asOfDay(scope, today));
  const clients = scopedClientFacts(db, scope);
  const histories: PurchaseHistory[] = [];
  for (const [id, history] of all) if (clients.has(id)) histories.push(history);
  return histories;
}

/** Every paying or refunding client's history in a currency up to `asOf`, by id. */
function allPurchaseHistories(db: ReadDb, currency: string, from: string, asOf: string) {
  const asOfNumber = dayNumber(asOf);
  return mendedByClient<PurchaseHistory>(db, {
    name: 'retention.histories',
    key: `${currency}/${from}/${asOf}`,
    tables: ['payment'],
    read: (ids) => {
      // One row per client, its purchase days joined: walks payment_live_purchases in client order.
      const rows = db
        .prepare(
          `SELECT client_id AS id,
                  group_concat(CASE WHEN kind = 'payment' AND amount_minor > 0
                                    THEN coalesce(paid_on, issued_on) END) AS days,
                  sum(CASE WHEN coalesce(paid_on, issued_on) < @from THEN 0
                           WHEN kind = 'payment' THEN amount_minor - coalesce(cost_minor, 0)
                           ELSE -amount_minor END) AS profit
             FROM payment
            WHERE deleted_at IS NULL AND currency = @currency AND kind IN ('payment', 'refund')
              AND coalesce(paid_on, issued_on) <= @asOf ${onlyClients('client_id', ids)}
            GROUP BY client_id`,
        )
        .all({ currency, from, asOf, ...(ids === null ? {} : { ids }) }) as {
        id: string;
        days: string | null;
        profit: number;
      }[];
      const histories = new Map<string, PurchaseHistory>();
      for (const { id, days, profit } of rows) {
        const numbers = [...new Set((days ?? '').split(',').filter(Boolean))].sort().map(dayNumber);
        histories.set(id, purchaseHistory(id, numbers, asOfNumber, profit));
      }
      return histories;
    },
  });
}

/** The Retention page: the period's retention and what-if base, each month's, and the cohorts. */
export function retentionReport(
  scope: Scope,
  histories: readonly PurchaseHistory[],
  today: string,
): RetentionReport {
  const asOf = asOfDay(scope, today);
  const unit = 10 ** currencyDigits(scope.currency ?? 'USD');
  const from = dayNumber(scope.from);
  const to = dayNumber(asOf);
  const months = to >= from ? periodMonths(from, to) : [];
  const { retainedIds, ...period } = periodRetention(scope, histories, today);
  const retained = new Set(retainedIds);
  const retainedProfitMinor = histories
    .filter((history) => retained.has(history.clientId))
    .reduce((sum, history) => sum + history.periodProfitMinor, 0);
  const retainedProfit = retainedProfitMinor / unit;
  return {
    scope: scopeOut(scope),
    asOf,
    period: {
      ...period,
      retainedProfit: to >= from ? retainedProfit : 0,
      profitPerRetained:
        to >= from && retained.size > 0 ? Math.round((retainedProfit / retained.size) * unit) / unit : null,
    },
    months: months.map(({ month, range }): RetentionMonth => {
      const { lostIds: _l, retainedIds: _r, ...stretch } = retentionOver(histories, range);
      return { month, ...stretch };
    }),
    cohorts: cohortsOf(
      histories,
      months.map(({ month }) => month),
      to,
    ),
  };
}

/** Retention over the whole period up to `asOf` (the dashboard shows it), and who was retained. */
export function periodRetention(
  scope: Scope,
  histories: readonly PurchaseHistory[],
  today: string,
): RetentionStretch & { retainedIds: string[] } {
  const from = dayNumber(scope.from);
  const to = dayNumber(asOfDay(scope, today));
  if (to < from)
    return { activeAtStart: 0, retained: 0, lost: 0, newClients: 0, retentionRate: null, retainedIds: [] };
  const { lostIds: _lost, ...period } = retentionOver(histories, { from, to });
  return period;
}

/** The clients lost in a YYYY-MM month of the period, or (no month) those active at its start and lost in it. */
export function lostClientIds(
  histories: readonly PurchaseHistory[],
  scope: Scope,
  today: string,
  month: string | null,
): string[] {
  const from = dayNumber(scope.from);
  const to = dayNumber(asOfDay(scope, today));
  if (to < from) return [];
  if (month === null) return retentionOver(histories, { from, to }).lostIds;
  const range = monthRange(month);
  const clipped = { from: Math.max(range.from, from), to: Math.min(range.to, to) };
  return histories.filter((history) => lostWithin(history, clipped)).map((history) => history.clientId);
}

/** The clients whose first purchase was in a YYYY-MM month. */
export function cohortClientIds(histories: readonly PurchaseHistory[], month: string): string[] {
  return histories
    .filter((history) => history.days[0] !== undefined && monthOf(history.days[0]) === month)
    .map((history) => history.clientId);
}
