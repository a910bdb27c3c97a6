import { currencyDigits } from '../../shared/domain/days-and-currencies.ts';
import type { SqlReads } from '../sql.ts';
import type { CurrencyPurchase } from './clv/fit-models.ts';
import { type Purchase, SortedPurchaseSummaries, dayParser } from './clv/customer-summary.ts';

/** The payments {@link paymentPurchases} reads, in the order of the index on purchases (tested for its plan). */
export const paymentPurchasesSql = `SELECT p.client_id, coalesce(p.paid_on, p.issued_on) AS day, p.amount_minor, p.currency
         FROM payment AS p
         JOIN client AS c INDEXED BY client_live_attributes ON c.id = p.client_id AND c.deleted_at IS NULL
        WHERE p.deleted_at IS NULL AND p.kind = 'payment' AND coalesce(p.paid_on, p.issued_on) <= ?
        ORDER BY p.currency, p.client_id, day`;

/**
 * The purchases the lifetime-value models are fitted on (issue 15, REFERENCE.md §2): every live payment
 * of a live client, on the day it was paid (the day it was issued when no paid day is recorded), in its
 * own currency, up to `until` when given. Invoices are promises, not purchases, and refunds are not
 * purchase days: both are left out. The amount is the stored minor units (what every Insights sum reads)
 * in major ones, rather than parsed out of each row's money JSON: at 300k payments json_extract was most
 * of the fit's reading time (1.45 s of the SELECT alone). Whether the client is live is read from
 * the index of live clients, not from each client's wide row (0.25 s -> 0.17 s at 135k purchases).
 */
export function paymentPurchases(db: SqlReads, until?: string): CurrencyPurchase[] {
  const purchases: CurrencyPurchase[] = [];
  for (const [customer, day, amount, currency] of purchaseRows(db, until))
    purchases.push({ customer, day, amount, currency });
  return purchases;
}

/** The rows of {@link paymentPurchasesSql} with their amounts in major units, one at a time. */
function* purchaseRows(db: SqlReads, until?: string): Generator<[string, string, number, string]> {
  const rows = db
    .prepare(paymentPurchasesSql)
    .raw()
    .iterate(until ?? '9999-12-31') as IterableIterator<[string, string, number, string]>;
  let currency: string | undefined;
  let unit = 1;
  for (const [customer, day, minor, rowCurrency] of rows) {
    if (rowCurrency !== currency) {
      currency = rowCurrency;
      unit = 10 ** currencyDigits(rowCurrency);
    }
    yield [customer, day, minor / unit, rowCurrency];
  }
}

/** The purchases of {@link paymentPurchases} summarised per currency as they are read. */
export interface PaymentSummaries {
  /** Per currency: its customers' summaries, or the first purchase whose day cannot be read. */
  currencies: Map<string, SortedPurchaseSummaries | { unreadable: Purchase }>;
  /** The day number of the last purchase day read (undefined when there is none). */
  lastDay: number | undefined;
}

/**
 * The purchases {@link paymentPurchases} returns (the negative amounts left out, as the fit leaves them),
 * summarised per currency and customer as the rows arrive, in the order the index holds them: the fit
 * of a database's payments holds no purchase objects (at 300k payments, most of its memory).
 */
export function paymentSummaries(db: SqlReads, until?: string): PaymentSummaries {
  const dayOf = dayParser();
  const currencies: PaymentSummaries['currencies'] = new Map();
  let lastDay: number | undefined;
  let currency: string | undefined;
  let summaries: SortedPurchaseSummaries | { unreadable: Purchase } = new SortedPurchaseSummaries();
  for (const [customer, dayText, amount, rowCurrency] of purchaseRows(db, until)) {
    if (rowCurrency !== currency) {
      currency = rowCurrency;
      summaries = new SortedPurchaseSummaries();
      currencies.set(rowCurrency, summaries);
    }
    if (!(amount >= 0)) continue;
    const day = dayOf(dayText);
    if (day !== undefined && (lastDay === undefined || day > lastDay)) lastDay = day;
    if ('unreadable' in summaries) continue;
    if (day === undefined)
      currencies.set(rowCurrency, (summaries = { unreadable: { customer, day: dayText, amount } }));
    else summaries.add(customer, day, amount);
  }
  return { currencies, lastDay };
}
