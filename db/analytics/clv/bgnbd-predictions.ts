import { AppError } from '../../../shared/api/errors.ts';
import type { PurchaseHistory } from './customer-summary.ts';
import type { BgNbdParameters } from './bgnbd-likelihood.ts';
import { checkPurchaseHistories } from './history-checks.ts';
import { scaledHypergeometric } from './hypergeometric.ts';
import { logBeta, logGamma } from './special-functions.ts';

/**
 * The chance that a customer with this history has not dropped out (FHL 2005 eq. 12), computed as a
 * logistic of a log-odds so that a frequent buyer long silent (x = 1000) gives 0 rather than 1/∞ = NaN.
 */
export function probabilityAlive(parameters: BgNbdParameters, history: PurchaseHistory): number {
  checkPurchaseHistories([history]);
  return aliveUnchecked(parameters, history);
}

function aliveUnchecked(parameters: BgNbdParameters, history: PurchaseHistory): number {
  const { r, alpha, a, b } = parameters;
  const x = history.frequency;
  if (x === 0) return 1;
  const logOdds =
    Math.log(a) -
    Math.log(b + x - 1) +
    (r + x) * (Math.log(alpha + history.age) - Math.log(alpha + history.recency));
  return logOdds > 0 ? Math.exp(-logOdds) / (1 + Math.exp(-logOdds)) : 1 / (1 + Math.exp(logOdds));
}

/**
 * The expected number of purchases in the next `duration` units (FHL 2005 eq. 10), which needs
 * (1 − z)^(r+x) ₂F₁(r + x, b + x; a + b + x − 1; z). Euler's transformation rewrites that as
 * (1 − z)^(a−1) ₂F₁(a + b − 1 − r, a − 1; a + b + x − 1; z), whose top parameters do not grow with x, so a
 * frequent buyer's series stays small; for a large a the original form is the tame one, and the tamer of
 * the two is used. A new customer (all zero) gives the unconditional E[X(t)] of eq. 7.
 */
export function expectedPurchases(
  parameters: BgNbdParameters,
  history: PurchaseHistory,
  duration: number,
): number {
  checkPurchaseHistories([history]);
  checkDuration(duration);
  return expectedUnchecked(parameters, history, duration);
}

/** The same without checking the inputs again: for sums over many horizons of one checked history. */
export function expectedUnchecked(
  parameters: BgNbdParameters,
  history: PurchaseHistory,
  duration: number,
): number {
  if (duration === 0) return 0;
  // At a = 1 the formula is 0/0 with a finite limit: take the mean of both sides.
  const nearOne = 1e-7;
  if (Math.abs(parameters.a - 1) < nearOne) {
    const below = expectedByFormula({ ...parameters, a: 1 - 2 * nearOne }, history, duration);
    const above = expectedByFormula({ ...parameters, a: 1 + 2 * nearOne }, history, duration);
    return (below + above) / 2;
  }
  return expectedByFormula(parameters, history, duration);
}

function expectedByFormula(parameters: BgNbdParameters, history: PurchaseHistory, duration: number): number {
  const { r, alpha, a, b } = parameters;
  const x = history.frequency;
  const z = duration / (alpha + history.age + duration);
  const c = a + b + x - 1;
  // The same value two ways; the one whose top parameters are smaller has the tamer series, and the other
  // is there for when it still cannot be summed in double precision.
  const euler = () => scaledHypergeometric(a - 1, a + b - 1 - r, a - 1, c, z);
  const original = () => scaledHypergeometric(r + x, r + x, b + x, c, z);
  const forms =
    Math.abs((a + b - 1 - r) * (a - 1)) <= (r + x) * (b + x) ? [euler, original] : [original, euler];
  for (const form of forms) {
    try {
      return (c / (a - 1)) * (1 - form()) * aliveUnchecked(parameters, history);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
    }
  }
  throw new AppError('internal', 'The expected purchases cannot be computed for these model parameters.', {
    parameters: { ...parameters },
    history: { ...history },
    duration,
  });
}

/**
 * The chance that a customer with this history makes no purchase in the next `duration` units: dropped
 * out, or alive and silent, ((α + T) / (α + T + t))^(r + x) by the gamma-Poisson mixture.
 */
export function probabilityOfNoPurchase(
  parameters: BgNbdParameters,
  history: PurchaseHistory,
  duration: number,
): number {
  checkPurchaseHistories([history]);
  checkDuration(duration);
  const { r, alpha } = parameters;
  const alive = aliveUnchecked(parameters, history);
  const silent = Math.exp(
    (r + history.frequency) * (Math.log(alpha + history.age) - Math.log(alpha + history.age + duration)),
  );
  return 1 - alive + alive * silent;
}

/**
 * P(X(t) = n): the chance that a randomly chosen new customer makes exactly n repeat purchases in (0, t]
 * (FHL 2005 eq. 8), its terms in logs; the second is the chance of dropping out after the n-th purchase,
 * times the negative binomial's upper tail P(N ≥ n), summed upward from P(N = 0).
 */
export function probabilityOfPurchases(parameters: BgNbdParameters, count: number, duration: number): number {
  if (!Number.isInteger(count) || count < 0) {
    throw new AppError('validation', `The number of purchases must be a whole number ≥ 0, not ${count}.`);
  }
  checkDuration(duration);
  const { r, alpha, a, b } = parameters;
  const logStay = Math.log(alpha) - Math.log(alpha + duration);
  const logBuy = Math.log(duration) - Math.log(alpha + duration);
  const logBetaAB = logBeta(a, b);
  const logNegativeBinomial = (n: number) =>
    logGamma(r + n) - logGamma(r) - logGamma(n + 1) + r * logStay + (n === 0 ? 0 : n * logBuy);
  const stillBuying = Math.exp(logBeta(a, b + count) - logBetaAB + logNegativeBinomial(count));
  if (count === 0) return stillBuying;
  let below = 0;
  for (let n = 0; n < count; n++) below += Math.exp(logNegativeBinomial(n));
  const upperTail = Math.max(0, 1 - below);
  return stillBuying + Math.exp(logBeta(a + 1, b + count - 1) - logBetaAB) * upperTail;
}

function checkDuration(duration: number): void {
  if (!(Number.isFinite(duration) && duration >= 0)) {
    throw new AppError('validation', `The time ahead must be a finite number ≥ 0, not ${duration}.`, {
      issues: [{ path: 'duration', rule: 'non_negative', message: 'Expected a finite number ≥ 0.' }],
    });
  }
}
