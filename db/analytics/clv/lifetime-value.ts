import { AppError } from '../../../shared/api/errors.ts';
import type { CustomerSummary, PurchaseHistory } from './customer-summary.ts';
import type { BgNbdParameters } from './bgnbd-likelihood.ts';
import { expectedUnchecked } from './bgnbd-predictions.ts';
import { expectedSpend, type GammaGammaParameters } from './gamma-gamma.ts';
import { checkPurchaseHistories } from './history-checks.ts';
import { type TimeUnit, unitsPerMonth } from './time-unit.ts';

/** The horizon and discounting of a lifetime value, and the unit the purchase model counts time in. */
export interface LifetimeValueOptions {
  /** Whole months ahead (the issue's default is 12). */
  horizonMonths: number;
  /** The yearly discount rate, 0.1 for 10 %; each month is discounted by the equivalent monthly rate. */
  annualDiscountRate: number;
  /** The unit of the histories and of the fitted BG/NBD model. */
  unit: TimeUnit;
}

/**
 * The discounted value of a customer's expected purchases over the horizon (REFERENCE.md §2, lifetimes'
 * `_customer_lifetime_value`): month by month, the purchases expected in that month times the spend per
 * purchase, divided by (1 + monthly rate)^month. The monthly rate is (1 + annual)^(1/12) − 1, so twelve
 * months of it compound to the annual rate.
 */
export function discountedPurchaseValue(
  parameters: BgNbdParameters,
  history: PurchaseHistory,
  spendPerPurchase: number,
  options: LifetimeValueOptions,
): number {
  checkPurchaseHistories([history]);
  checkOptions(options);
  if (!(Number.isFinite(spendPerPurchase) && spendPerPurchase >= 0)) {
    throw new AppError(
      'validation',
      `The spend per purchase must be a finite number ≥ 0, not ${spendPerPurchase}.`,
    );
  }
  const monthlyRate = Math.pow(1 + options.annualDiscountRate, 1 / 12) - 1;
  const month = unitsPerMonth(options.unit);
  let value = 0;
  let before = 0;
  for (let k = 1; k <= options.horizonMonths; k++) {
    const upToMonth = expectedUnchecked(parameters, history, k * month);
    value += (spendPerPurchase * (upToMonth - before)) / Math.pow(1 + monthlyRate, k);
    before = upToMonth;
  }
  return value;
}

/** A customer's lifetime value: BG/NBD's discounted purchases times Gamma-Gamma's expected spend. */
export function customerLifetimeValue(
  models: { bgnbd: BgNbdParameters; gammaGamma: GammaGammaParameters },
  customer: CustomerSummary,
  options: LifetimeValueOptions,
): number {
  return discountedPurchaseValue(models.bgnbd, customer, expectedSpend(models.gammaGamma, customer), options);
}

function checkOptions(options: LifetimeValueOptions): void {
  if (!(Number.isInteger(options.horizonMonths) && options.horizonMonths >= 1)) {
    throw new AppError(
      'validation',
      `The horizon must be a whole number of months ≥ 1, not ${options.horizonMonths}.`,
      {
        issues: [{ path: 'horizonMonths', rule: 'whole_number', message: 'Expected whole months ≥ 1.' }],
      },
    );
  }
  if (!(Number.isFinite(options.annualDiscountRate) && options.annualDiscountRate >= 0)) {
    throw new AppError(
      'validation',
      `The discount rate must be a finite number ≥ 0, not ${options.annualDiscountRate}.`,
      {
        issues: [{ path: 'annualDiscountRate', rule: 'non_negative', message: 'Expected a rate ≥ 0.' }],
      },
    );
  }
}
