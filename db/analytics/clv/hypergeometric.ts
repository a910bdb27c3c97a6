import { signedLogGamma } from './special-functions.ts';

/** Terms the power series may add before the connection formula takes over (enough up to z ≈ 0.998). */
const SERIES_BUDGET = 20_000;
/** How close to an integer c − a − b may come before the connection formula steps around the pole. */
const NEAR_INTEGER = 1e-7;
const STEP_AROUND = 1e-6;
/** Parts this many times larger than their sum leave fewer than 7 correct digits of it. */
const LOST_DIGITS = 1e9;

/** The Gauss hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z < 1 (see {@link scaledHypergeometric}). */
export function hypergeometric2F1(a: number, b: number, c: number, z: number): number {
  return scaledHypergeometric(0, a, b, c, z);
}

/**
 * (1 − z)^power · ₂F₁(a, b; c; z) for 0 ≤ z < 1. The power series first; when that converges too slowly
 * (z near 1 and c − a − b small: a long horizon for a customer with few purchases), the connection formula
 * to 1 − z (Abramowitz & Stegun 15.3.6), whose two series converge fast there. The factor (1 − z)^power is
 * taken into each term in logs, since there a huge ₂F₁ times a tiny factor is the ordinary case.
 */
export function scaledHypergeometric(power: number, a: number, b: number, c: number, z: number): number {
  const series = powerSeries(a, b, c, z, SERIES_BUDGET);
  if (series !== undefined && Number.isFinite(series)) {
    const factor = Math.pow(1 - z, power);
    if (factor > 0 && Number.isFinite(factor)) return factor * series;
  }
  const excess = c - a - b;
  if (Math.abs(excess - Math.round(excess)) < NEAR_INTEGER) {
    // At an integer c − a − b both terms have a pole that cancels; the mean of both sides is the limit.
    return (nearOne(power, a, b, c - STEP_AROUND, z) + nearOne(power, a, b, c + STEP_AROUND, z)) / 2;
  }
  return nearOne(power, a, b, c, z);
}

/** A & S 15.3.6 times (1 − z)^power: two series in 1 − z, their Γ factors and powers in logs. */
function nearOne(power: number, a: number, b: number, c: number, z: number): number {
  const logW = Math.log1p(-z);
  const s = c - a - b;
  const first = gammaQuotient([c, s], [c - a, c - b], power * logW);
  const second = gammaQuotient([c, -s], [a, b], (power + s) * logW);
  const firstPart = first === 0 ? 0 : first * required(a, b, 1 - s, 1 - z);
  const secondPart = second === 0 ? 0 : second * required(c - a, c - b, 1 + s, 1 - z);
  const value = firstPart + secondPart;
  if (!Number.isFinite(value) || Math.abs(firstPart) + Math.abs(secondPart) > LOST_DIGITS * Math.abs(value)) {
    throw new RangeError(`2F1(${a}, ${b}; ${c}; ${z}) cannot be computed in double precision`);
  }
  return value;
}

/** e^logFactor · Γ(n₁)Γ(n₂) / (Γ(d₁)Γ(d₂)); 0 when a denominator sits on a pole of Γ (0, −1, −2, …). */
function gammaQuotient(
  numerator: readonly number[],
  denominator: readonly number[],
  logFactor: number,
): number {
  if (denominator.some((x) => x <= 0 && Number.isInteger(x))) return 0;
  let log = logFactor;
  let sign = 1;
  for (const x of numerator) {
    const g = signedLogGamma(x);
    log += g.log;
    sign *= g.sign;
  }
  for (const x of denominator) {
    const g = signedLogGamma(x);
    log -= g.log;
    sign *= g.sign;
  }
  return sign * Math.exp(log);
}

function required(a: number, b: number, c: number, z: number): number {
  const sum = powerSeries(a, b, c, z, 10 * SERIES_BUDGET);
  if (sum === undefined) throw new RangeError(`2F1(${a}, ${b}; ${c}; ${z}) does not converge`);
  return sum;
}

/**
 * Σ (a)ₙ(b)ₙ / ((c)ₙ n!) zⁿ, or undefined when it has not settled within `budget` terms, overflowed, or
 * lost its digits: terms of alternating sign far larger than their sum leave only rounding behind.
 */
function powerSeries(a: number, b: number, c: number, z: number, budget: number): number | undefined {
  let term = 1;
  let sum = 1;
  let largestTerm = 1;
  for (let n = 0; n < budget; n++) {
    term *= ratioOfTerms(a, b, c, z, n);
    sum += term;
    largestTerm = Math.max(largestTerm, Math.abs(term));
    // Stop only once the terms are negligible and still shrinking: a parameter near zero makes one term
    // tiny without making the rest so.
    if (Math.abs(term) <= 1e-16 * Math.abs(sum) && Math.abs(ratioOfTerms(a, b, c, z, n + 1)) < 1) {
      return largestTerm > LOST_DIGITS * Math.abs(sum) ? undefined : sum;
    }
    if (!Number.isFinite(sum)) return undefined;
  }
  return undefined;
}

/** The ratio of the series' term n + 1 to term n. */
function ratioOfTerms(a: number, b: number, c: number, z: number, n: number): number {
  return (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
}
