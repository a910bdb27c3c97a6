import { describe, expect, it } from 'vitest';
import { fitBgNbd } from '../../../db/analytics/clv/bgnbd-fit.ts';
import { expectedPurchases } from '../../../db/analytics/clv/bgnbd-predictions.ts';
import { summarisePurchases } from '../../../db/analytics/clv/customer-summary.ts';
import { fitGammaGamma } from '../../../db/analytics/clv/gamma-gamma.ts';
import {
  customerLifetimeValue,
  discountedPurchaseValue,
  type LifetimeValueOptions,
} from '../../../db/analytics/clv/lifetime-value.ts';
import { appErrorThrownBy } from '../../support/app-error.ts';
import { cdnowSummaryWithSpend, exampleTransactions } from '../../support/clv-fixtures.ts';

/** lifetimes' `discount_rate=0.01` is monthly; ours is annual, and compounds back to exactly that. */
const onePercentAMonth = 1.01 ** 12 - 1;

describe('lifetime value of the first ten CDNOW customers (REFERENCE.md §5)', () => {
  const summary = cdnowSummaryWithSpend();
  const models = { bgnbd: fitBgNbd(summary), gammaGamma: fitGammaGamma(summary) };

  it('reproduces the Quickstart’s 12 "months" at 1 % when a month is taken as 30 units, as its freq="D" does', () => {
    // The Quickstart's CDNOW example counts weeks but tells lifetimes the unit is days (REFERENCE.md §5,
    // §8.1): one "month" is 30 weeks. Giving our function the same mismatch reproduces its numbers.
    const quirk: LifetimeValueOptions = {
      horizonMonths: 12,
      annualDiscountRate: onePercentAMonth,
      unit: 'day',
    };
    const quickstart = [
      140.096211, 18.943467, 38.180574, 38.180574, 38.180574, 1003.868107, 28.109683, 38.180574, 167.418216,
      38.180574,
    ];
    summary.slice(0, 10).forEach((customer, i) => {
      const value = customerLifetimeValue(models, customer, quirk);
      // Seven significant digits: the last printed ones move with where lifetimes' optimiser stopped.
      expect(Math.abs(value / (quickstart[i] ?? 0) - 1)).toBeLessThan(1e-7);
    });
  });

  it('with the unit the data really have (weeks, 4.345 a month) gives REFERENCE.md §7’s 36.2785, 4.6375, …', () => {
    const weekly: LifetimeValueOptions = {
      horizonMonths: 12,
      annualDiscountRate: onePercentAMonth,
      unit: 'week',
    };
    const recomputed = [36.2785, 4.6375, 8.3441, 8.3441, 8.3441, 283.5235, 6.8814, 8.3441, 43.3536, 8.3441];
    summary.slice(0, 10).forEach((customer, i) => {
      expect(Math.abs(customerLifetimeValue(models, customer, weekly) - (recomputed[i] ?? 0))).toBeLessThan(
        1e-4,
      );
    });
  });
});

describe('lifetime value identities of lifetimes’ test_utils (example_transactions, days)', () => {
  const summary = summarisePurchases(exampleTransactions(), { unit: 'day', until: '2014-12-31' });
  const fit = fitBgNbd(summary);
  const firstFive = ['0', '1', '2', '3', '4'].map((id) => {
    const customer = summary.find((c) => c.customer === id);
    if (customer === undefined) throw new Error(`customer ${id} is missing`);
    return customer;
  });
  const published = [0.016053, 0.021171, 0.030461, 0.031686, 0.001607];
  const value = (months: number, annualDiscountRate: number) =>
    firstFive.map((c) =>
      discountedPurchaseValue(fit, c, 1, { horizonMonths: months, annualDiscountRate, unit: 'day' }),
    );
  // 100 % a month compounds to 2¹² − 1 a year.
  const doublingMonthly = 2 ** 12 - 1;

  it('one month, spend 1, no discount: the expected purchases in 30 days', () => {
    value(1, 0).forEach((v, i) => expect(v).toBeCloseTo(published[i] ?? 0, 5));
  });

  it('discounted at 100 % a month: half of that', () => {
    value(1, doublingMonthly).forEach((v, i) => expect(v).toBeCloseTo((published[i] ?? 0) / 2, 5));
  });

  it('two months: about twice as much, and about ½ + ¼ of a month’s when discounted (rtol 0.1)', () => {
    value(2, 0).forEach((v, i) => expect(Math.abs(v / (2 * (published[i] ?? 0)) - 1)).toBeLessThan(0.1));
    value(2, doublingMonthly).forEach((v, i) =>
      expect(Math.abs(v / (0.75 * (published[i] ?? 0)) - 1)).toBeLessThan(0.1),
    );
  });

  it('the undiscounted value over two months is the spend times the purchases expected in 60 days', () => {
    const customer = firstFive[2];
    if (customer === undefined) throw new Error('customer 2 is missing');
    const direct = 3 * expectedPurchases(fit, customer, 60);
    expect(
      discountedPurchaseValue(fit, customer, 3, { horizonMonths: 2, annualDiscountRate: 0, unit: 'day' }),
    ).toBeCloseTo(direct, 12);
  });
});

describe('a lifetime value asked for badly is refused', () => {
  const parameters = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
  const history = { frequency: 2, recency: 30.43, age: 38.86 };

  it('a horizon that is not whole months ≥ 1, a negative rate, a spend below zero', () => {
    const base: LifetimeValueOptions = { horizonMonths: 12, annualDiscountRate: 0.1, unit: 'week' };
    const refusals = [
      () => discountedPurchaseValue(parameters, history, 10, { ...base, horizonMonths: 0 }),
      () => discountedPurchaseValue(parameters, history, 10, { ...base, horizonMonths: 1.5 }),
      () => discountedPurchaseValue(parameters, history, 10, { ...base, annualDiscountRate: -0.1 }),
      () => discountedPurchaseValue(parameters, history, 10, { ...base, annualDiscountRate: Number.NaN }),
      () => discountedPurchaseValue(parameters, history, -1, base),
      () => discountedPurchaseValue(parameters, { ...history, recency: 40 }, 10, base),
    ];
    for (const refused of refusals) expect(appErrorThrownBy(refused).code).toBe('validation');
  });
});
