import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import type { CustomerSummary, Purchase } from '../../db/analytics/clv/customer-summary.ts';

/** The CDNOW and lifetimes data of REFERENCE.md, beside the repository (never copied into it). */
export const clvFixtures = join(resolve(import.meta.dirname, '../..'), '..', 'shared', 'fixtures', 'clv');

/** CDNOW_sample.txt as purchases: `master_id sample_id yyyymmdd n_cds dollars`, the sample id as customer. */
export function cdnowSamplePurchases(): Purchase[] {
  return lines('CDNOW_sample.txt').map((line) => {
    const [, customer = '', date = '', , dollars = ''] = line.trim().split(/\s+/);
    return { customer: String(Number(customer)), day: isoDay(date), amount: Number(dollars) };
  });
}

/** cdnow_customers_summary.csv (`ID,frequency,recency,T`, weeks, 2 decimals), as histories. */
export function cdnowSummary(): CustomerSummary[] {
  return lines('cdnow_customers_summary.csv')
    .slice(1)
    .map((line) => {
      const [id = '', frequency = '', recency = '', age = ''] = line.split(',');
      const history = { frequency: Number(frequency), recency: Number(recency), age: Number(age) };
      return { customer: id, ...history, meanRepeatSpend: 0 };
    });
}

/** cdnow_customers_summary_with_transactions.csv (`ID,x,t_x,T,zbar`), Hardie's summary with the spend. */
export function cdnowSummaryWithSpend(): CustomerSummary[] {
  return lines('cdnow_customers_summary_with_transactions.csv')
    .slice(1)
    .map((line) => {
      const [id = '', x = '', recency = '', age = '', zbar = ''] = line.split(',');
      const spend = { meanRepeatSpend: Number(zbar) };
      return { customer: id, frequency: Number(x), recency: Number(recency), age: Number(age), ...spend };
    });
}

/** example_transactions.csv (`date,id`, 2014) as purchases of 1 each: lifetimes' synthetic daily data. */
export function exampleTransactions(): Purchase[] {
  return lines('example_transactions.csv')
    .slice(1)
    .map((line) => {
      const [date = '', id = ''] = line.split(',');
      return { customer: id, day: date.slice(0, 10), amount: 1 };
    });
}

/** yyyymmdd → YYYY-MM-DD. */
export function isoDay(compact: string): string {
  return `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
}

function lines(name: string): string[] {
  return readFileSync(join(clvFixtures, name), 'utf8').trim().split(/\r?\n/);
}

/**
 * Asserts that `actual` shows as `published` when rounded to as many decimals as the source printed:
 * "to the digits printed there". `published` is the text as REFERENCE.md quotes it.
 */
export function expectPrintedAs(actual: number, published: string): void {
  const decimals = published.includes('.') ? (published.split('.')[1] ?? '').replace(/e.*$/i, '').length : 0;
  if (/e/i.test(published)) {
    // Scientific notation: compare the same number of significant digits.
    expect(actual.toExponential(decimals)).toBe(Number(published).toExponential(decimals));
    return;
  }
  expect(actual.toFixed(decimals)).toBe(Number(published).toFixed(decimals));
}
