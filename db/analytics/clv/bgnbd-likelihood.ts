import type { PurchaseHistory } from './customer-summary.ts';
import { digammaDifference, logGammaRatio } from './special-functions.ts';

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
  const gammas = logGammaRatio(r, x) + logGammaRatio(b, x) - logGammaRatio(a + b, x);
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
 * Histories grouped for fast fitting. A customer's likelihood depends on (frequency, recency, age) alone,
 * and the costly parts on fewer numbers still: ln(α + t) on one time (an age or a recency, a few hundred
 * distinct days), ln(b + x − 1) and the Γ terms on the frequency. So the times are a table; "still alive
 * at T", which every customer has, is summed per age; and only repeat buyers have rows, one per distinct
 * (frequency, recency, age) with a weight, pointing into the tables, in blocks of one frequency.
 */
export interface GroupedHistories {
  /** Every distinct recency and age. */
  times: Float64Array;
  /** Per time: how many customers are that old, and their repeat purchases together. */
  customersAged: Float64Array;
  repeatsAged: Float64Array;
  /** Per row of repeat buyers: how many share it, and where its recency and age sit in the table. */
  weight: Float64Array;
  recencyAt: Int32Array;
  ageAt: Int32Array;
  /** Every distinct frequency, ascending, how many customers have it, and where its rows start. */
  distinctFrequencies: Float64Array;
  frequencyWeights: Float64Array;
  /** Rows rowsFrom[k] up to rowsFrom[k + 1] have the k-th frequency: in one block x is a constant. */
  rowsFrom: Int32Array;
  customers: number;
}

/** Groups histories: one row per distinct (frequency, recency, age), looked up by number, not by text. */
export function groupHistories(histories: readonly PurchaseHistory[]): GroupedHistories {
  const counts = new Map<number, Map<number, Map<number, number>>>();
  const frequencies = new Map<number, number>();
  const timeAt = new Map<number, number>();
  const customersAged: number[] = [];
  const repeatsAged: number[] = [];
  const indexOfTime = (time: number) => {
    let index = timeAt.get(time);
    if (index === undefined) {
      timeAt.set(time, (index = timeAt.size));
      customersAged.push(0);
      repeatsAged.push(0);
    }
    return index;
  };
  for (const { frequency: x, recency, age } of histories) {
    frequencies.set(x, (frequencies.get(x) ?? 0) + 1);
    const aged = indexOfTime(age);
    customersAged[aged] = (customersAged[aged] ?? 0) + 1;
    repeatsAged[aged] = (repeatsAged[aged] ?? 0) + x;
    if (x === 0) continue;
    indexOfTime(recency);
    let byRecency = counts.get(x);
    if (byRecency === undefined) counts.set(x, (byRecency = new Map<number, Map<number, number>>()));
    let byAge = byRecency.get(recency);
    if (byAge === undefined) byRecency.set(recency, (byAge = new Map<number, number>()));
    byAge.set(age, (byAge.get(age) ?? 0) + 1);
  }
  const byFrequency = [...frequencies].sort(([x], [y]) => x - y);
  const weight: number[] = [];
  const recencyAt: number[] = [];
  const ageAt: number[] = [];
  const rowsFrom = [0];
  for (const [x] of byFrequency) {
    for (const [recency, byAge] of counts.get(x) ?? []) {
      for (const [age, count] of byAge) {
        weight.push(count);
        recencyAt.push(timeAt.get(recency) ?? 0);
        ageAt.push(timeAt.get(age) ?? 0);
      }
    }
    rowsFrom.push(weight.length);
  }
  return {
    times: Float64Array.from(timeAt.keys()),
    customersAged: Float64Array.from(customersAged),
    repeatsAged: Float64Array.from(repeatsAged),
    weight: Float64Array.from(weight),
    recencyAt: Int32Array.from(recencyAt),
    ageAt: Int32Array.from(ageAt),
    distinctFrequencies: Float64Array.from(byFrequency, ([x]) => x),
    frequencyWeights: Float64Array.from(byFrequency, ([, count]) => count),
    rowsFrom: Int32Array.from(rowsFrom),
    customers: histories.length,
  };
}

/** The same histories with every time multiplied by `factor`. */
export function scaleTime(data: GroupedHistories, factor: number): GroupedHistories {
  return { ...data, times: data.times.map((t) => t * factor) };
}

/** The total log-likelihood of grouped histories and its gradient in (r, α, a, b). */
export interface BgNbdEvaluation {
  logLikelihood: number;
  gradient: [number, number, number, number];
}

/**
 * Sums the log-likelihood over grouped histories, with its exact gradient (digamma for the Γ terms): the
 * sum {@link bgnbdLogLikelihood} gives customer by customer. Each customer's likelihood is "alive at T"
 * times 1 + e^z, z = ln(gone after the last purchase / alive at T); the first factor is summed per age,
 * and only repeat buyers, who can be gone, add ln(1 + e^z) and its logistic share per row.
 */
export function evaluateBgNbd(parameters: BgNbdParameters, data: GroupedHistories): BgNbdEvaluation {
  const { r, alpha, a, b } = parameters;
  const total = gammaTerms(parameters, data);
  let logLikelihood = total.value + data.customers * r * Math.log(alpha);
  let [dr, dalpha, da, db] = total.gradient;
  dr += data.customers * Math.log(alpha);
  dalpha += (data.customers * r) / alpha;
  const logTime = data.times.map((t) => Math.log(alpha + t));
  const inverseTime = data.times.map((t) => 1 / (alpha + t));
  // Alive at T: (α + T)^−(r + x) for every customer, i.e. per age −(r · customers + repeats) ln(α + T).
  for (let t = 0; t < logTime.length; t++) {
    const customers = data.customersAged[t] ?? 0;
    const exponent = r * customers + (data.repeatsAged[t] ?? 0);
    logLikelihood -= exponent * (logTime[t] ?? 0);
    dr -= customers * (logTime[t] ?? 0);
    dalpha -= exponent * (inverseTime[t] ?? 0);
  }
  const logA = Math.log(a);
  let gone = 0;
  for (let k = 0; k < data.distinctFrequencies.length; k++) {
    const x = data.distinctFrequencies[k] ?? 0;
    // One-time buyers have no rows (and b + x − 1 may be 0 for them).
    if (x === 0) continue;
    const shares = r + x;
    const logDropOut = logA - Math.log(b + x - 1);
    let [goneHere, timeSlope] = [0, 0];
    for (let i = data.rowsFrom[k] ?? 0; i < (data.rowsFrom[k + 1] ?? 0); i++) {
      const ageAt = data.ageAt[i] ?? 0;
      const recencyAt = data.recencyAt[i] ?? 0;
      const sinceLast = (logTime[ageAt] ?? 0) - (logTime[recencyAt] ?? 0);
      // z = ln(a / (b + x − 1)) + (r + x) ln((α + T) / (α + t_x)): ln(1 + e^z) and e^z / (1 + e^z) from one exp.
      const z = logDropOut + shares * sinceLast;
      const smaller = Math.exp(-Math.abs(z));
      const share = z > 0 ? 1 / (1 + smaller) : smaller / (1 + smaller);
      const weight = data.weight[i] ?? 0;
      const weighted = weight * share;
      logLikelihood += weight * (Math.max(z, 0) + Math.log1p(smaller));
      goneHere += weighted;
      dr += weighted * sinceLast;
      timeSlope += weighted * ((inverseTime[ageAt] ?? 0) - (inverseTime[recencyAt] ?? 0));
    }
    gone += goneHere;
    dalpha += shares * timeSlope;
    db -= goneHere / (b + x - 1);
  }
  da += gone / a;
  return { logLikelihood, gradient: [dr, dalpha, da, db] };
}

/**
 * The Γ-function terms of every customer, summed per distinct frequency, with their gradient: the ratios
 * Γ(r + x)/Γ(r), Γ(b + x)/Γ(b) and Γ(a + b)/Γ(a + b + x) through {@link logGammaRatio}, which stays exact
 * where the data drive a and b towards infinity (every customer drops out with the same chance) and a
 * difference of ln Γ near 1e12 would be rounding noise for the optimiser to chase.
 */
function gammaTerms(
  parameters: BgNbdParameters,
  data: GroupedHistories,
): { value: number; gradient: [number, number, number, number] } {
  const { r, a, b } = parameters;
  let value = 0;
  let dr = 0;
  let da = 0;
  let db = 0;
  for (let k = 0; k < data.distinctFrequencies.length; k++) {
    const x = data.distinctFrequencies[k] ?? 0;
    if (x === 0) continue;
    const weight = data.frequencyWeights[k] ?? 0;
    value += weight * (logGammaRatio(r, x) + logGammaRatio(b, x) - logGammaRatio(a + b, x));
    const abSlope = digammaDifference(a + b, x);
    dr += weight * digammaDifference(r, x);
    da -= weight * abSlope;
    db += weight * (digammaDifference(b, x) - abSlope);
  }
  return { value, gradient: [dr, 0, da, db] };
}
