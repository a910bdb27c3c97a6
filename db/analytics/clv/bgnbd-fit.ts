import type { PurchaseHistory } from './customer-summary.ts';
import { type BgNbdParameters, evaluateBgNbd, groupHistories, scaleTime } from './bgnbd-likelihood.ts';
import { checkPurchaseHistories, noRepeatBuyers } from './history-checks.ts';
import { minimizeFromStarts } from './minimize.ts';

/** A fitted BG/NBD model: its parameters, the summed log-likelihood at them and how many customers. */
export interface BgNbdFit extends BgNbdParameters {
  logLikelihood: number;
  customers: number;
  /** False when the optimiser stopped before the gradient vanished (a flat or unbounded likelihood). */
  converged: boolean;
}

/** Log-parameters beyond ±50 (e^50) are a likelihood running off to infinity, not an estimate. */
const LOG_PARAMETER_LIMIT = 50;

/**
 * Starting points on the rescaled time axis: all ones (lifetimes' start) and two spread around it, so a
 * start that stalls on the ridge between a and b does not decide the answer.
 */
const STARTS = [
  [0, 0, 0, 0],
  [Math.log(0.2), Math.log(0.2), Math.log(0.5), Math.log(3)],
  [Math.log(2), Math.log(2), Math.log(2), Math.log(0.5)],
];

/**
 * The maximum-likelihood BG/NBD parameters. Fits log-parameters (so each stays positive) on time rescaled
 * so that the oldest customer's age is 1, which only moves α and keeps the four parameters of one size;
 * minimises the mean negative log-likelihood per customer; reports the summed log-likelihood at the answer.
 */
export function fitBgNbd(histories: readonly PurchaseHistory[]): BgNbdFit {
  checkPurchaseHistories(histories);
  if (!histories.some((history) => history.frequency > 0)) throw noRepeatBuyers('BG/NBD');
  const oldest = histories.reduce((max, history) => Math.max(max, history.age), 0);
  const timeScale = 1 / oldest;
  const grouped = groupHistories(histories);
  const scaled = scaleTime(grouped, timeScale);
  const minimum = minimizeFromStarts((point) => {
    if (point.some((value) => Math.abs(value) > LOG_PARAMETER_LIMIT))
      return { value: Infinity, gradient: [] };
    const parameters = fromLogs(point);
    const { logLikelihood, gradient } = evaluateBgNbd(parameters, scaled);
    const values = [parameters.r, parameters.alpha, parameters.a, parameters.b];
    return {
      value: -logLikelihood / scaled.customers,
      gradient: gradient.map((g, i) => (-g * (values[i] ?? 0)) / scaled.customers),
    };
  }, STARTS);
  const onScale = fromLogs(minimum.point);
  const parameters = { ...onScale, alpha: onScale.alpha / timeScale };
  return {
    ...parameters,
    logLikelihood: evaluateBgNbd(parameters, grouped).logLikelihood,
    customers: histories.length,
    converged: minimum.converged,
  };
}

function fromLogs(point: readonly number[]): BgNbdParameters {
  const [r = 0, alpha = 0, a = 0, b = 0] = point.map(Math.exp);
  return { r, alpha, a, b };
}
