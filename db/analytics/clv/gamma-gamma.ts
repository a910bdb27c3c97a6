import { AppError } from '../../../shared/api/errors.ts';
import type { SpendHistory } from './customer-summary.ts';
import { checkSpendHistories, noRepeatBuyers } from './history-checks.ts';
import { minimizeFromStarts } from './minimize.ts';
import { digamma, digammaDifference, logGamma, logGammaRatio } from './special-functions.ts';

/**
 * The Gamma-Gamma parameters (Fader & Hardie 2013, note 025): each purchase's value is gamma(p, ν), and
 * ν varies across customers as gamma(q, v); lifetimes calls the last one v, the note γ.
 */
export interface GammaGammaParameters {
  p: number;
  q: number;
  v: number;
}

/** A fitted Gamma-Gamma model: parameters, summed log-likelihood and the repeat buyers it was fitted on. */
export interface GammaGammaFit extends GammaGammaParameters {
  logLikelihood: number;
  customers: number;
  converged: boolean;
}

/**
 * One repeat buyer's log-likelihood of the mean spend zbar over x purchases (note 025, eq. 5):
 * Γ(px + q) / (Γ(px) Γ(q)) · v^q · x^(px) · zbar^(px − 1) / (v + x zbar)^(px + q), in logs.
 */
export function gammaGammaLogLikelihood(parameters: GammaGammaParameters, history: SpendHistory): number {
  checkSpendHistories([history]);
  const { p, q, v } = parameters;
  const x = history.frequency;
  if (x === 0) {
    throw new AppError('validation', 'Gamma-Gamma describes repeat purchases: a one-time buyer has none.', {
      reason: 'no_repeat_purchases',
    });
  }
  const mean = history.meanRepeatSpend;
  return (
    logGamma(p * x + q) -
    logGamma(p * x) -
    logGamma(q) +
    q * Math.log(v) +
    (p * x - 1) * Math.log(mean) +
    p * x * Math.log(x) -
    (p * x + q) * Math.log(x * mean + v)
  );
}

/**
 * The expected spend per purchase of a customer (note 025, eq. 6): a weighted mean of the population's
 * mean p v / (q − 1) and the customer's own mean, the weight p x / (p x + q − 1) growing with x.
 */
export function expectedSpend(parameters: GammaGammaParameters, history: SpendHistory): number {
  checkSpendHistories([history]);
  const { p, q, v } = parameters;
  const x = history.frequency;
  const denominator = p * x + q - 1;
  if (!(denominator > 0)) {
    throw new AppError(
      'validation',
      `The spend model has q = ${q} ≤ 1: a customer with ${x} repeat purchases has no finite expected spend.`,
      { reason: 'no_finite_mean', q },
    );
  }
  return (p * (v + x * history.meanRepeatSpend)) / denominator;
}

/** Log-parameters beyond ±50 are a likelihood running off to infinity. */
const LOG_PARAMETER_LIMIT = 50;
const STARTS = [
  [0, 0, 0],
  [Math.log(5), Math.log(3), Math.log(10)],
  [Math.log(0.5), Math.log(0.5), Math.log(0.5)],
];

/**
 * The maximum-likelihood Gamma-Gamma parameters over the customers with at least one repeat purchase
 * (the others tell nothing of repeat spend). Spends are rescaled so their mean is 1, which only moves v.
 */
export function fitGammaGamma(histories: readonly SpendHistory[]): GammaGammaFit {
  checkSpendHistories(histories);
  const repeaters = histories.filter((history) => history.frequency > 0);
  if (repeaters.length === 0) throw noRepeatBuyers('Gamma-Gamma');
  const meanSpend = repeaters.reduce((sum, history) => sum + history.meanRepeatSpend, 0) / repeaters.length;
  if (repeaters.every((history) => Math.abs(history.meanRepeatSpend - meanSpend) <= 1e-9 * meanSpend)) {
    // Identical spends have no maximum-likelihood fit: p and q run off to infinity together.
    throw new AppError(
      'validation',
      `Gamma-Gamma cannot be fitted: every repeat buyer spends the same on average (${meanSpend}), so there is no variation in spend to model. Use that amount as the expected spend.`,
      { reason: 'spend_does_not_vary', meanSpend },
    );
  }
  const scaled = groupSpends(repeaters, 1 / meanSpend);
  const minimum = minimizeFromStarts((point) => {
    if (point.some((value) => Math.abs(value) > LOG_PARAMETER_LIMIT))
      return { value: Infinity, gradient: [] };
    const [p = 0, q = 0, v = 0] = point.map(Math.exp);
    const { logLikelihood, gradient } = evaluateGammaGamma({ p, q, v }, scaled);
    return {
      value: -logLikelihood / repeaters.length,
      gradient: gradient.map((g, i) => (-g * ([p, q, v][i] ?? 0)) / repeaters.length),
    };
  }, STARTS);
  const [p = 0, q = 0, v = 0] = minimum.point.map(Math.exp);
  const parameters = { p, q, v: v * meanSpend };
  return {
    ...parameters,
    logLikelihood: evaluateGammaGamma(parameters, groupSpends(repeaters, 1)).logLikelihood,
    customers: repeaters.length,
    converged: minimum.converged,
  };
}

/**
 * Repeat buyers grouped for fast fitting. A buyer's likelihood depends on (x, zbar) alone, so identical
 * pairs are kept once with a weight; the Γ terms depend on x alone and are summed per distinct x; and the
 * terms linear in p (ln zbar, ln x) are constants, summed once here rather than in every evaluation.
 */
export interface GroupedSpends {
  /** Per row: x, x · zbar (the total of the repeat purchases) and how many buyers share them. */
  frequency: Float64Array;
  total: Float64Array;
  weight: Float64Array;
  distinctFrequencies: Float64Array;
  frequencyWeights: Float64Array;
  customers: number;
  /** Σ x over the buyers, Σ x (ln zbar + ln x) and Σ ln zbar. */
  purchases: number;
  logTerms: number;
  logMeans: number;
}

/** Groups repeat buyers by (x, zbar · spendScale), looked up by number. */
export function groupSpends(histories: readonly SpendHistory[], spendScale: number): GroupedSpends {
  const rows = new Map<number, Map<number, number>>();
  const frequencies = new Map<number, number>();
  const frequency: number[] = [];
  const mean: number[] = [];
  const weight: number[] = [];
  let [purchases, logTerms, logMeans] = [0, 0, 0];
  for (const history of histories) {
    const x = history.frequency;
    const scaled = history.meanRepeatSpend * spendScale;
    let byMean = rows.get(x);
    if (byMean === undefined) rows.set(x, (byMean = new Map<number, number>()));
    const row = byMean.get(scaled);
    if (row === undefined) {
      byMean.set(scaled, weight.length);
      frequency.push(x);
      mean.push(scaled);
      weight.push(1);
    } else weight[row] = (weight[row] ?? 0) + 1;
    frequencies.set(x, (frequencies.get(x) ?? 0) + 1);
    purchases += x;
    logTerms += x * (Math.log(scaled) + Math.log(x));
    logMeans += Math.log(scaled);
  }
  return {
    frequency: Float64Array.from(frequency),
    total: Float64Array.from(frequency, (x, i) => x * (mean[i] ?? 0)),
    weight: Float64Array.from(weight),
    distinctFrequencies: Float64Array.from(frequencies.keys()),
    frequencyWeights: Float64Array.from(frequencies.values()),
    customers: histories.length,
    purchases,
    logTerms,
    logMeans,
  };
}

/**
 * The summed log-likelihood and its gradient in (p, q, v): {@link gammaGammaLogLikelihood} rearranged so
 * that nothing large cancels where q and v grow together (every buyer spends alike): Γ(px + q)/Γ(q) as one
 * ratio, and q ln v − (px + q) ln(x zbar + v) as −(px + q) ln(1 + x zbar / v) − px ln v.
 */
export function evaluateGammaGamma(
  parameters: GammaGammaParameters,
  data: GroupedSpends,
): { logLikelihood: number; gradient: [number, number, number] } {
  const { p, q, v } = parameters;
  const logV = Math.log(v);
  let logLikelihood = p * data.logTerms - data.logMeans - p * data.purchases * logV;
  let dp = data.logTerms - data.purchases * logV;
  let dq = 0;
  let dv = (-p * data.purchases) / v;
  const digammaQ = digamma(q);
  for (let k = 0; k < data.distinctFrequencies.length; k++) {
    const x = data.distinctFrequencies[k] ?? 0;
    const weight = data.frequencyWeights[k] ?? 0;
    logLikelihood += weight * (logGammaRatio(q, p * x) - logGamma(p * x));
    const slope = digammaDifference(q, p * x);
    dp += weight * x * (slope + digammaQ - digamma(p * x));
    dq += weight * slope;
  }
  for (let i = 0; i < data.weight.length; i++) {
    const x = data.frequency[i] ?? 0;
    const weight = data.weight[i] ?? 0;
    const total = data.total[i] ?? 0;
    const shares = p * x + q;
    const logShare = Math.log1p(total / v);
    logLikelihood -= weight * shares * logShare;
    dp -= weight * x * logShare;
    dq -= weight * logShare;
    dv += (weight * shares * total) / (v * (v + total));
  }
  return { logLikelihood, gradient: [dp, dq, dv] };
}
