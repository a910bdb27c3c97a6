import type { PurchaseHistory } from './customer-summary.ts';
import { digamma, logGamma } from './special-functions.ts';

/**
 * The four BG/NBD parameters (Fader, Hardie & Lee 2005): purchase rates are gamma(r, α) across customers,
 * and the chance of dropping out after each purchase is beta(a, b).
 */
export interface BgNbdParameters {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/**
 * One customer's log-likelihood, FHL 2005 eq. 6 in logs: the two ways the history can end (still alive at
 * T, or gone right after the last purchase) are added with log-sum-exp, so that (α + T)^−(r+x) underflowing
 * for a frequent buyer (x = 200) never turns the sum into log(0).
 */
export function bgnbdLogLikelihood(parameters: BgNbdParameters, history: PurchaseHistory): number {
  const { r, alpha, a, b } = parameters;
  const x = history.frequency;
  // r·ln α − (r + x)·ln(α + T) as −r·ln(1 + T/α) − x·ln(α + T): no two large logs to cancel.
  const aliveAtEnd = -r * Math.log1p(history.age / alpha) - x * Math.log(alpha + history.age);
  // Without repeats the Γ terms cancel exactly; computing them would only add rounding.
  if (x === 0) return aliveAtEnd;
  const gammas =
    logGamma(r + x) - logGamma(r) + (logGamma(a + b) - logGamma(a + b + x)) + (logGamma(b + x) - logGamma(b));
  const goneAfterLast =
    Math.log(a) -
    Math.log(b + x - 1) -
    r * Math.log1p(history.recency / alpha) -
    x * Math.log(alpha + history.recency);
  return gammas + logSumExp(aliveAtEnd, goneAfterLast);
}

/** log(eˣ + eʸ) without overflow or underflow. */
export function logSumExp(x: number, y: number): number {
  return x > y ? x + Math.log1p(Math.exp(y - x)) : y + Math.log1p(Math.exp(x - y));
}

/**
 * Histories grouped for fast fitting: identical (frequency, recency, age) rows once with a weight, and the
 * gamma-function terms, which depend on the frequency alone, once per distinct frequency.
 */
export interface GroupedHistories {
  frequency: Float64Array;
  recency: Float64Array;
  age: Float64Array;
  weight: Float64Array;
  distinctFrequencies: Float64Array;
  frequencyWeights: Float64Array;
  customers: number;
}

/** Groups histories: one row per distinct (frequency, recency, age), looked up by number, not by text. */
export function groupHistories(histories: readonly PurchaseHistory[]): GroupedHistories {
  const rows = new Map<number, Map<number, Map<number, number>>>();
  const frequencies = new Map<number, number>();
  const frequency: number[] = [];
  const recency: number[] = [];
  const age: number[] = [];
  const weight: number[] = [];
  for (const history of histories) {
    let byRecency = rows.get(history.frequency);
    if (byRecency === undefined)
      rows.set(history.frequency, (byRecency = new Map<number, Map<number, number>>()));
    let byAge = byRecency.get(history.recency);
    if (byAge === undefined) byRecency.set(history.recency, (byAge = new Map<number, number>()));
    const row = byAge.get(history.age);
    if (row === undefined) {
      byAge.set(history.age, weight.length);
      frequency.push(history.frequency);
      recency.push(history.recency);
      age.push(history.age);
      weight.push(1);
    } else weight[row] = (weight[row] ?? 0) + 1;
    frequencies.set(history.frequency, (frequencies.get(history.frequency) ?? 0) + 1);
  }
  return {
    frequency: Float64Array.from(frequency),
    recency: Float64Array.from(recency),
    age: Float64Array.from(age),
    weight: Float64Array.from(weight),
    distinctFrequencies: Float64Array.from(frequencies.keys()),
    frequencyWeights: Float64Array.from(frequencies.values()),
    customers: histories.length,
  };
}

/** The same histories with every time multiplied by `factor`. */
export function scaleTime(data: GroupedHistories, factor: number): GroupedHistories {
  return { ...data, recency: data.recency.map((t) => t * factor), age: data.age.map((t) => t * factor) };
}

/** The total log-likelihood of grouped histories and its gradient in (r, α, a, b). */
export interface BgNbdEvaluation {
  logLikelihood: number;
  gradient: [number, number, number, number];
}

/** Sums the log-likelihood over grouped histories, with its exact gradient (digamma for the Γ terms). */
export function evaluateBgNbd(parameters: BgNbdParameters, data: GroupedHistories): BgNbdEvaluation {
  const { r, alpha, a, b } = parameters;
  const total = gammaTerms(parameters, data);
  let logLikelihood = total.value + data.customers * r * Math.log(alpha);
  let [dr, dalpha, da, db] = total.gradient;
  dr += data.customers * Math.log(alpha);
  dalpha += (data.customers * r) / alpha;
  const logA = Math.log(a);
  for (let i = 0; i < data.weight.length; i++) {
    const x = data.frequency[i] ?? 0;
    const weight = data.weight[i] ?? 0;
    const logAge = Math.log(alpha + (data.age[i] ?? 0));
    const aliveAtEnd = -(r + x) * logAge;
    if (x === 0) {
      logLikelihood += weight * aliveAtEnd;
      dr -= weight * logAge;
      dalpha -= (weight * (r + x)) / (alpha + (data.age[i] ?? 0));
      continue;
    }
    const logRecency = Math.log(alpha + (data.recency[i] ?? 0));
    const goneAfterLast = logA - Math.log(b + x - 1) - (r + x) * logRecency;
    logLikelihood += weight * logSumExp(aliveAtEnd, goneAfterLast);
    // The share of the likelihood from "gone after the last purchase", a logistic of the difference.
    const gone = 1 / (1 + Math.exp(aliveAtEnd - goneAfterLast));
    const alive = 1 - gone;
    dr -= weight * (alive * logAge + gone * logRecency);
    dalpha -=
      weight * (r + x) * (alive / (alpha + (data.age[i] ?? 0)) + gone / (alpha + (data.recency[i] ?? 0)));
    da += (weight * gone) / a;
    db -= (weight * gone) / (b + x - 1);
  }
  return { logLikelihood, gradient: [dr, dalpha, da, db] };
}

/** The Γ-function terms of every customer, summed per distinct frequency, with their gradient. */
function gammaTerms(
  parameters: BgNbdParameters,
  data: GroupedHistories,
): { value: number; gradient: [number, number, number, number] } {
  const { r, a, b } = parameters;
  const [logGammaR, logGammaB, logGammaAB] = [logGamma(r), logGamma(b), logGamma(a + b)];
  const [digammaR, digammaB, digammaAB] = [digamma(r), digamma(b), digamma(a + b)];
  let value = 0;
  let dr = 0;
  let da = 0;
  let db = 0;
  for (let k = 0; k < data.distinctFrequencies.length; k++) {
    const x = data.distinctFrequencies[k] ?? 0;
    if (x === 0) continue;
    const weight = data.frequencyWeights[k] ?? 0;
    value +=
      weight * (logGamma(r + x) - logGammaR + logGammaAB + logGamma(b + x) - logGammaB - logGamma(a + b + x));
    const digammaABX = digamma(a + b + x);
    dr += weight * (digamma(r + x) - digammaR);
    da += weight * (digammaAB - digammaABX);
    db += weight * (digammaAB + digamma(b + x) - digammaB - digammaABX);
  }
  return { value, gradient: [dr, 0, da, db] };
}
