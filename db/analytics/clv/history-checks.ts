import { AppError } from '../../../shared/api/errors.ts';
import type { PurchaseHistory, SpendHistory } from './customer-summary.ts';
import { InputChecks, isNonNegative, isPositive } from './input-checks.ts';

/**
 * Refuses histories the BG/NBD model cannot describe (REFERENCE.md §8.6, lifetimes' `_check_inputs`):
 * every number finite, frequency a whole number ≥ 0, 0 ≤ recency ≤ age, and recency 0 without repeats.
 */
export function checkPurchaseHistories(histories: readonly PurchaseHistory[]): void {
  const checks = new InputChecks('Some customer histories cannot be used');
  histories.forEach((history, index) => {
    const at = `customers.${index}`;
    const { frequency, recency, age } = history;
    if (!(Number.isInteger(frequency) && frequency >= 0))
      checks.report(
        `${at}.frequency`,
        'whole_number',
        `frequency ${frequency} is not a whole number of repeat purchases ≥ 0`,
      );
    if (!isNonNegative(recency))
      checks.report(`${at}.recency`, 'non_negative', `recency ${recency} is not ≥ 0`);
    if (!isNonNegative(age)) checks.report(`${at}.age`, 'non_negative', `age ${age} is not ≥ 0`);
    if (recency > age)
      checks.report(
        `${at}.recency`,
        'recency_after_age',
        `recency ${recency} is after the end of the period (age ${age})`,
      );
    if (frequency === 0 && recency !== 0)
      checks.report(
        `${at}.recency`,
        'recency_without_repeats',
        `recency ${recency} must be 0 for a customer with no repeat purchase`,
      );
  });
  checks.throwIfAny();
}

/** Refuses spend histories Gamma-Gamma cannot use: a repeat buyer's mean spend must be above zero. */
export function checkSpendHistories(histories: readonly SpendHistory[]): void {
  const checks = new InputChecks('Some spend histories cannot be used');
  histories.forEach((history, index) => {
    const at = `customers.${index}`;
    if (!(Number.isInteger(history.frequency) && history.frequency >= 0))
      checks.report(
        `${at}.frequency`,
        'whole_number',
        `frequency ${history.frequency} is not a whole number of repeat purchases ≥ 0`,
      );
    if (!(history.frequency === 0 || isPositive(history.meanRepeatSpend)))
      checks.report(
        `${at}.meanRepeatSpend`,
        'positive',
        `mean repeat spend ${history.meanRepeatSpend} is not above zero`,
      );
  });
  checks.throwIfAny();
}

/** The error for data without a single repeat purchase: nothing tells the models how customers return. */
export function noRepeatBuyers(model: string): AppError {
  return new AppError(
    'validation',
    `${model} cannot be fitted: no customer bought on two different days. Fit again once some have.`,
    { reason: 'no_repeat_purchases' },
  );
}
