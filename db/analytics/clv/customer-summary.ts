import { isCalendarDate } from '../../../shared/domain/days-and-currencies.ts';
import { AppError } from '../../../shared/api/errors.ts';
import { InputChecks, isNonNegative } from './input-checks.ts';
import { daysPerUnit, type TimeUnit } from './time-unit.ts';

/** One purchase: who bought, on which calendar day (YYYY-MM-DD), for how much. */
export interface Purchase {
  customer: string;
  day: string;
  amount: number;
}

/** What BG/NBD sees of a customer (REFERENCE.md §2), times in the model's unit. */
export interface PurchaseHistory {
  /** Repeat purchases: distinct purchase days − 1. */
  frequency: number;
  /** Time from the first purchase day to the last ("t_x"); 0 for a one-time buyer. */
  recency: number;
  /** Time from the first purchase day to the end of the observation period ("T"). */
  age: number;
}

/** What Gamma-Gamma sees of a customer. */
export interface SpendHistory {
  frequency: number;
  /** Mean of the repeat purchase days' totals, the first day left out ("zbar"); 0 for a one-time buyer. */
  meanRepeatSpend: number;
}

/** One customer's purchases summarised for both models. */
export interface CustomerSummary extends PurchaseHistory, SpendHistory {
  customer: string;
}

/** How to summarise: the time unit and the last day observed (later purchases are left out). */
export interface SummaryOptions {
  unit: TimeUnit;
  until: string;
}

const DAY_MS = 86_400_000;

/**
 * Summarises purchases per customer exactly as REFERENCE.md §2 does: purchases on one day are one
 * purchase (amounts summed), frequency counts the repeat days, and the mean spend leaves out the first day:
 * both models describe buying again, and the first purchase is the one that made a customer. Customers
 * whose first purchase is after `until` are not in the result.
 */
export function summarisePurchases(
  purchases: readonly Purchase[],
  options: SummaryOptions,
): CustomerSummary[] {
  dayNumber(options.until, 'until');
  checkPurchases(purchases);
  return summariseCheckedPurchases(purchases, options);
}

/** Day numbers of 1900–2200 (all isCalendarDate allows) shifted to start at 0; they span less than this. */
const FIRST_DAY = Date.UTC(1900, 0, 1) / DAY_MS;
const DAY_SPAN = 131_072;

/**
 * {@link summarisePurchases} for purchases that already passed {@link checkPurchases}. Flat arrays and one
 * numeric sort of (customer, day) keys rather than a map of days per customer: at 300k payments the
 * objects cost more than the sums.
 */
export function summariseCheckedPurchases(
  purchases: readonly Purchase[],
  options: SummaryOptions,
): CustomerSummary[] {
  const untilDay = dayNumber(options.until, 'until');
  const dayOf = dayParser();
  const indexOf = new Map<string, number>();
  const owners = new Int32Array(purchases.length).fill(-1);
  const days = new Float64Array(purchases.length);
  const first: number[] = [];
  const last: number[] = [];
  purchases.forEach((purchase, i) => {
    const day = dayOf(purchase.day) ?? Infinity;
    if (day > untilDay) return;
    let owner = indexOf.get(purchase.customer);
    if (owner === undefined) {
      owner = first.length;
      indexOf.set(purchase.customer, owner);
      first.push(day);
      last.push(day);
    }
    owners[i] = owner;
    days[i] = day;
    first[owner] = Math.min(first[owner] ?? day, day);
    last[owner] = Math.max(last[owner] ?? day, day);
  });
  const repeatSpend = new Float64Array(first.length);
  const keys: number[] = [];
  purchases.forEach((purchase, i) => {
    const owner = owners[i] ?? -1;
    if (owner < 0) return;
    const day = days[i] ?? 0;
    if (day !== first[owner]) repeatSpend[owner] = (repeatSpend[owner] ?? 0) + purchase.amount;
    keys.push(owner * DAY_SPAN + (day - FIRST_DAY));
  });
  const frequency = repeatDayCounts(Float64Array.from(keys), first.length);
  const unitDays = daysPerUnit(options.unit);
  return [...indexOf].map(([customer, owner]) => {
    const repeats = frequency[owner] ?? 0;
    const start = first[owner] ?? untilDay;
    return {
      customer,
      frequency: repeats,
      recency: ((last[owner] ?? start) - start) / unitDays,
      age: (untilDay - start) / unitDays,
      meanRepeatSpend: repeats > 0 ? (repeatSpend[owner] ?? 0) / repeats : 0,
    };
  });
}

/**
 * {@link summariseCheckedPurchases} for purchases that arrive sorted by customer and then by day (as the
 * database reads payments), kept as numbers only: a customer's first and last day, repeat days and
 * repeat spend. The fit of a database's payments needs no purchase objects and no customer ids at all,
 * and at 300k payments those were most of the fit's memory. Every customer's summary is the one
 * {@link summariseCheckedPurchases} gives (tests/unit/analytics compare them), in the same order.
 */
export class SortedPurchaseSummaries {
  #first: number[] = [];
  #last: number[] = [];
  #repeats: number[] = [];
  #repeatSpend: number[] = [];
  #customer: string | undefined;

  /** Adds a purchase on day number `day` (see {@link dayParser}); sorted by customer, then day. */
  add(customer: string, day: number, amount: number): void {
    const at = this.#first.length - 1;
    if (customer !== this.#customer || at < 0) {
      this.#customer = customer;
      this.#first.push(day);
      this.#last.push(day);
      this.#repeats.push(0);
      this.#repeatSpend.push(0);
      return;
    }
    if (day < (this.#last[at] as number)) throw new Error('purchases must come sorted by customer and day');
    if (day === this.#first[at]) return;
    if (day !== this.#last[at]) this.#repeats[at] = (this.#repeats[at] as number) + 1;
    this.#last[at] = day;
    this.#repeatSpend[at] = (this.#repeatSpend[at] as number) + amount;
  }

  /** Customers so far. */
  get size(): number {
    return this.#first.length;
  }

  /** The customers' histories as both models see them, observed up to day number `untilDay`. */
  histories(untilDay: number, unit: TimeUnit): (PurchaseHistory & SpendHistory)[] {
    const unitDays = daysPerUnit(unit);
    return this.#first.map((start, owner) => {
      const repeats = this.#repeats[owner] as number;
      return {
        frequency: repeats,
        recency: ((this.#last[owner] as number) - start) / unitDays,
        age: (untilDay - start) / unitDays,
        meanRepeatSpend: repeats > 0 ? (this.#repeatSpend[owner] as number) / repeats : 0,
      };
    });
  }
}

/** Distinct purchase days − 1 per customer, from (customer × span + day) keys sorted in place. */
function repeatDayCounts(keys: Float64Array, customers: number): Float64Array {
  keys.sort();
  const counts = new Float64Array(customers).fill(-1);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] ?? 0;
    if (i > 0 && key === keys[i - 1]) continue;
    const owner = Math.floor(key / DAY_SPAN);
    counts[owner] = (counts[owner] ?? 0) + 1;
  }
  return counts;
}

/** Refuses purchases without a customer, with a malformed day, or with an amount that is not a number ≥ 0. */
export function checkPurchases(purchases: readonly Purchase[]): void {
  const checks = new InputChecks('Some purchases cannot be used');
  const dayOf = dayParser();
  purchases.forEach((purchase, index) => {
    if (!(typeof purchase.customer === 'string' && purchase.customer.trim() !== ''))
      checks.report(`purchases.${index}.customer`, 'required', 'the customer is missing');
    if (!(typeof purchase.day === 'string' && dayOf(purchase.day) !== undefined))
      checks.report(`purchases.${index}.day`, 'date', `"${purchase.day}" is not a date written YYYY-MM-DD`);
    // Zero is a purchase all the same (CDNOW has free ones); a negative amount is a refund to net out first.
    if (!(typeof purchase.amount === 'number' && isNonNegative(purchase.amount)))
      checks.report(
        `purchases.${index}.amount`,
        'non_negative',
        `the amount ${String(purchase.amount)} is not a number ≥ 0 (net a refund into the purchase it returns)`,
      );
  });
  checks.throwIfAny();
}

/** The day number (days since 1970-01-01) of a calendar day; a malformed one is a validation error. */
export function dayNumber(day: string, field: string): number {
  if (!isCalendarDate(day)) {
    throw new AppError('validation', `${field} must be a date written YYYY-MM-DD, not "${day}".`, {
      issues: [{ path: field, rule: 'date', message: 'Expected a date as YYYY-MM-DD.' }],
    });
  }
  return parsedDay(day);
}

/**
 * Day numbers of calendar days, undefined for malformed ones, each distinct text parsed once: 300k
 * payments fall on a few hundred days.
 */
export function dayParser(): (day: string) => number | undefined {
  const known = new Map<string, number | undefined>();
  return (day) => {
    if (known.has(day)) return known.get(day);
    const value = isCalendarDate(day) ? parsedDay(day) : undefined;
    known.set(day, value);
    return value;
  };
}

function parsedDay(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;
}

/** The calendar day (YYYY-MM-DD) of a day number. */
export function calendarDay(dayNumberValue: number): string {
  return new Date(dayNumberValue * DAY_MS).toISOString().slice(0, 10);
}
