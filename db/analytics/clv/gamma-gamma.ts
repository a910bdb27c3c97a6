import { AppError } from '../../../shared/api/errors.ts';
import type { SpendHistory } from './customer-summary.ts';
import { checkSpendHistories, noRepeatBuyers } from './history-checks.ts';
import { minimizeFromStarts } from './minimize.ts';
import { digamma, logGamma } from './special-functions.ts';

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

/** Repeat buyers as arrays, with the Γ terms (which depend on x alone) grouped per distinct x. */
export interface GroupedSpends {
  frequency: Float64Array;
  logFrequency: Float64Array;
  mean: Float64Array;
  logMean: Float64Array;
  distinctFrequencies: Float64Array;
  frequencyWeights: Float64Array;
}

export function groupSpends(histories: readonly SpendHistory[], spendScale: number): GroupedSpends {
  const frequencies = new Map<number, number>();
  for (const history of histories) {
    frequencies.set(history.frequency, (frequencies.get(history.frequency) ?? 0) + 1);
  }
  const mean = Float64Array.from(histories, (history) => history.meanRepeatSpend * spendScale);
  const frequency = Float64Array.from(histories, (history) => history.frequency);
  return {
    frequency,
    logFrequency: frequency.map(Math.log),
    mean,
    logMean: mean.map(Math.log),
    distinctFrequencies: Float64Array.from(frequencies.keys()),
    frequencyWeights: Float64Array.from(frequencies.values()),
  };
}

/** The summed log-likelihood and its gradient in (p, q, v). */
export function evaluateGammaGamma(
  parameters: GammaGammaParameters,
  data: GroupedSpends,
): { logLikelihood: number; gradient: [number, number, number] } {
  const { p, q, v } = parameters;
  const customers = data.frequency.length;
  let logLikelihood = customers * (q * Math.log(v) - logGamma(q));
  let dp = 0;
  let dq = customers * (Math.log(v) - digamma(q));
  let dv = (customers * q) / v;
  for (let k = 0; k < data.distinctFrequencies.length; k++) {
    const x = data.distinctFrequencies[k] ?? 0;
    const weight = data.frequencyWeights[k] ?? 0;
    logLikelihood += weight * (logGamma(p * x + q) - logGamma(p * x));
    const digammaSum = digamma(p * x + q);
    dp += weight * x * (digammaSum - digamma(p * x));
    dq += weight * digammaSum;
  }
  for (let i = 0; i < customers; i++) {
    const x = data.frequency[i] ?? 0;
    const logMean = data.logMean[i] ?? 0;
    const total = x * (data.mean[i] ?? 0) + v;
    const logTotal = Math.log(total);
    logLikelihood += (p * x - 1) * logMean + p * x * (data.logFrequency[i] ?? 0) - (p * x + q) * logTotal;
    dp += x * (logMean + (data.logFrequency[i] ?? 0) - logTotal);
    dq -= logTotal;
    dv -= (p * x + q) / total;
  }
  return { logLikelihood, gradient: [dp, dq, dv] };
}
