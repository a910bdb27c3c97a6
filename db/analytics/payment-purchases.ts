import type { ReadDb } from '../sql.ts';
import type { CurrencyPurchase } from './clv/fit-models.ts';

/**
 * The purchases the lifetime-value models are fitted on (issue 15, REFERENCE.md §2): every live payment
 * of a live client, on the day it was paid (the day it was issued when no paid day is recorded), in its
 * own currency. Invoices are promises, not purchases, and refunds are not purchase days: both are left
 * out. Read in one pass, in the order of the index on payments.
 */
export function paymentPurchases(db: ReadDb): CurrencyPurchase[] {
  const rows = db
    .prepare(
      `SELECT p.client_id AS customer, COALESCE(p.paid_on, p.issued_on) AS day,
              json_extract(p.money, '$.amount') AS amount, p.currency AS currency
         FROM payment AS p JOIN client AS c ON c.id = p.client_id AND c.deleted_at IS NULL
        WHERE p.deleted_at IS NULL AND p.kind = 'payment' AND COALESCE(p.paid_on, p.issued_on) IS NOT NULL`,
    )
    .iterate() as IterableIterator<{
    customer: string;
    day: string;
    amount: number;
    currency: string | null;
  }>;
  const purchases: CurrencyPurchase[] = [];
  for (const row of rows)
    purchases.push({
      customer: row.customer,
      day: row.day,
      amount: row.amount,
      currency: row.currency,
    });
  return purchases;
}
