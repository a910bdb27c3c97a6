import { AppError } from '../../../shared/api/errors.ts';
import type { BgNbdParameters } from './bgnbd-likelihood.ts';
import { fitBgNbd } from './bgnbd-fit.ts';
import {
  calendarDay,
  checkPurchases,
  dayNumber,
  dayParser,
  type Purchase,
  type PurchaseHistory,
  type SpendHistory,
  summariseCheckedPurchases,
} from './customer-summary.ts';
import { fitGammaGamma, type GammaGammaParameters } from './gamma-gamma.ts';
import type { TimeUnit } from './time-unit.ts';

/** A purchase in a currency; `null` when the source names none (one model for everything). */
export interface CurrencyPurchase extends Purchase {
  currency: string | null;
}

/** Both models fitted to one currency's purchases: the shape `analytics.clvModel` and the CLI return. */
export interface LifetimeValueModel {
  currency: string | null;
  unit: TimeUnit;
  /** The last day observed (YYYY-MM-DD): the fit's "now"; later purchases were left out. */
  until: string;
  bgnbd: BgNbdParameters & { logLikelihood: number; customers: number };
  gammaGamma: GammaGammaParameters & { logLikelihood: number; customers: number };
  /** When the fit ran, ISO 8601 UTC. */
  fittedAt: string;
}

/** The unit, the end of the observation period (default: the last purchase's day) and the clock. */
export interface FitOptions {
  unit: TimeUnit;
  until?: string;
  now?: Date;
  /** Told when a fit stopped before converging: its parameters are printed, but deserve caution. */
  warn?: (message: string) => void;
}

/**
 * Fits BG/NBD and Gamma-Gamma per currency, in the order of the currencies' names (no currency first).
 * Amounts in different currencies are never mixed: each currency is its own population of buyers.
 */
export function fitLifetimeValueModels(
  purchases: readonly CurrencyPurchase[],
  options: FitOptions,
): LifetimeValueModel[] {
  if (purchases.length === 0) {
    throw new AppError('validation', 'There are no purchases to fit the lifetime-value models to.');
  }
  checkPurchases(purchases);
  const until = options.until ?? lastDay(purchases);
  dayNumber(until, 'until');
  const fittedAt = (options.now ?? new Date()).toISOString();
  const models: LifetimeValueModel[] = [];
  for (const [currency, group] of groupByCurrency(purchases)) {
    const fitted = fitCurrency(currency, group, { ...options, until });
    if (fitted !== undefined) models.push({ currency, unit: options.unit, until, ...fitted, fittedAt });
  }
  if (models.length === 0) {
    throw new AppError('validation', `No purchase is on or before ${until}: nothing to fit.`, {
      issues: [
        { path: 'until', rule: 'before_first_purchase', message: 'Every purchase is after this day.' },
      ],
    });
  }
  return models;
}

function fitCurrency(
  currency: string | null,
  purchases: readonly Purchase[],
  options: FitOptions & { until: string },
): Pick<LifetimeValueModel, 'bgnbd' | 'gammaGamma'> | undefined {
  return fitCurrencyHistories(currency, () => summariseCheckedPurchases(purchases, options), options);
}

/**
 * Both models fitted to one currency's customers (`histories` makes them, so that what it refuses is
 * reported as this currency's); undefined when there are none. A refusal names the currency.
 */
export function fitCurrencyHistories(
  currency: string | null,
  histories: () => readonly (PurchaseHistory & SpendHistory)[],
  options: Pick<FitOptions, 'warn'>,
): Pick<LifetimeValueModel, 'bgnbd' | 'gammaGamma'> | undefined {
  try {
    const customers = histories();
    if (customers.length === 0) return undefined;
    const { converged: bgnbdConverged, ...bgnbd } = fitBgNbd(customers);
    // A repeat buyer whose repeat purchases were all free says nothing about amounts Gamma-Gamma can use.
    const spenders = customers.filter((customer) => customer.frequency > 0 && customer.meanRepeatSpend > 0);
    const { converged: gammaGammaConverged, ...gammaGamma } = fitGammaGamma(spenders);
    const where = currency === null ? '' : `${currency} `;
    if (!bgnbdConverged) options.warn?.(`the ${where}BG/NBD fit stopped before converging.`);
    if (!gammaGammaConverged) options.warn?.(`the ${where}Gamma-Gamma fit stopped before converging.`);
    return { bgnbd, gammaGamma };
  } catch (error) {
    if (!(error instanceof AppError) || currency === null) throw error;
    throw new AppError(error.code, `${currency}: ${error.message}`, { ...error.details, currency });
  }
}

function groupByCurrency(purchases: readonly CurrencyPurchase[]): [string | null, CurrencyPurchase[]][] {
  const groups = new Map<string | null, CurrencyPurchase[]>();
  for (const purchase of purchases) {
    let group = groups.get(purchase.currency);
    if (group === undefined) groups.set(purchase.currency, (group = []));
    group.push(purchase);
  }
  return [...groups].sort(([a], [b]) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1));
}

function lastDay(purchases: readonly Purchase[]): string {
  const dayOf = dayParser();
  let last = -Infinity;
  for (const purchase of purchases) last = Math.max(last, dayOf(purchase.day) ?? -Infinity);
  return calendarDay(last);
}
