import { z } from 'zod';
import { AnalyticsQuery, AnalyticsScope, ClientFigures } from './analytics.ts';
import { Id, Timestamp } from './common.ts';
import { CurrencyCode, DateOnly } from './fields.ts';

/**
 * Lifetime value (issue 15 §2): the BG/NBD and Gamma-Gamma models fitted in the background per currency,
 * and what they predict for each client.
 */

/** The BG/NBD parameters of one currency's buyers, the log-likelihood they reach and how many were fitted. */
export const BgNbdModel = z.object({
  r: z.number(),
  alpha: z.number(),
  a: z.number(),
  b: z.number(),
  logLikelihood: z.number(),
  customers: z.number().int(),
});

/** The Gamma-Gamma parameters of one currency's repeat buyers. */
export const GammaGammaModel = z.object({
  p: z.number(),
  q: z.number(),
  v: z.number(),
  logLikelihood: z.number(),
  customers: z.number().int(),
});

/** One currency's fitted models, as `analytics.clvModel` and `rapport analytics clv --json` print them. */
export const ClvModel = z.object({
  /** `null` for purchases without a currency (a CSV without one); the app's payments always have one. */
  currency: z.string().nullable(),
  unit: z.enum(['week', 'day']),
  /** The last day observed: the fit's "now". */
  until: DateOnly,
  bgnbd: BgNbdModel,
  gammaGamma: GammaGammaModel,
  fittedAt: Timestamp,
});
export type ClvModel = z.infer<typeof ClvModel>;

/** Why a currency has no model: too few buyers buying again, or amounts that do not vary. */
export const ClvUnfitted = z.object({
  currency: z.string(),
  /** `no_repeat_buyers`, `spend_does_not_vary`, `no_purchases`… (the fit's own reason), or `failed`. */
  reason: z.string(),
  /** The fit's explanation, in English (the UI says it in its own words from `reason`). */
  message: z.string(),
  fittedAt: Timestamp,
});
export type ClvUnfitted = z.infer<typeof ClvUnfitted>;

export const ClvModelInput = z.strictObject({ currency: CurrencyCode.optional() });
export type ClvModelInput = z.input<typeof ClvModelInput>;

export const ClvModels = z.object({
  /** One entry per currency with a fitted model, in the order of the currencies' names. */
  models: z.array(ClvModel),
  /** Currencies with payments whose models could not be fitted, and why. */
  unfitted: z.array(ClvUnfitted),
  /** True while payments changed since the stored fit (a refit is due or running). */
  stale: z.boolean(),
});
export type ClvModels = z.infer<typeof ClvModels>;

/**
 * Why a client's churn risk is what it is: `notBuying` when BG/NBD thinks it has probably stopped buying,
 * `quiet` when it has been silent longer than its own rhythm of contacts.
 */
export const churnReasons = ['notBuying', 'quiet'] as const;
export const ChurnReason = ClientFigures.shape.churnReasons.element;
export type ChurnReason = z.infer<typeof ChurnReason>;

/** Below this churn risk a client is "low", from it "medium", from {@link HIGH_CHURN_RISK} "high". */
export const MEDIUM_CHURN_RISK = 0.3;
/** The churn risk from which a client's predicted value counts as "at risk". */
export const HIGH_CHURN_RISK = 0.5;

/** One client's lifetime figures in one currency (the same fields `analytics.clients` rows carry). */
export const ClientLifetimeFigures = ClientFigures.pick({
  historicValue: true,
  predictedValue: true,
  pAlive: true,
  expectedPurchases: true,
  churnRisk: true,
  churnReasons: true,
});
export type ClientLifetimeFigures = z.infer<typeof ClientLifetimeFigures>;

export const ClientLifetimeInput = z.strictObject({ id: Id, currency: CurrencyCode.optional() });
export type ClientLifetimeInput = z.input<typeof ClientLifetimeInput>;

/** `analytics.client`: one client's lifetime figures, with what explains them. */
export const ClientLifetime = ClientLifetimeFigures.extend({
  clientId: Id,
  /** The currency asked, else the one the client paid most in; null when it never paid. */
  currency: z.string().nullable(),
  /** Distinct purchase days. */
  purchases: z.number().int(),
  firstPurchaseOn: DateOnly.nullable(),
  lastPurchaseOn: DateOnly.nullable(),
  /** When its silence became longer than usual for it (the Today view's "going quiet"). */
  quietSince: Timestamp.nullable(),
  horizonMonths: z.number().int(),
  annualDiscountRate: z.number(),
  /** When the model used was fitted; null with no model. */
  fittedAt: Timestamp.nullable(),
});
export type ClientLifetime = z.infer<typeof ClientLifetime>;

export const LifetimeInput = z.strictObject({ ...AnalyticsQuery.shape });
export type LifetimeInput = z.input<typeof LifetimeInput>;

/** A bucket of the distribution of predicted values: clients predicted from `from` up to `to`. */
export const LifetimeBucket = z.object({ from: z.number(), to: z.number(), clients: z.number().int() });

/** `analytics.lifetime`: the Lifetime value page. */
export const LifetimeReport = z.object({
  scope: AnalyticsScope,
  /** The scope's currency's model; null when there is none (see `unfitted`). */
  model: ClvModel.nullable(),
  unfitted: ClvUnfitted.nullable(),
  stale: z.boolean(),
  horizonMonths: z.number().int(),
  annualDiscountRate: z.number(),
  totals: z.object({
    /** Clients of the scope who paid at least once in the currency. */
    buyers: z.number().int(),
    predictedValue: z.number(),
    /** Predicted value per buyer; null with no buyer. */
    averagePredictedValue: z.number().nullable(),
    historicValue: z.number(),
    /** Predicted value of the clients whose churn risk is at least one half (drill `atRisk`). */
    valueAtRisk: z.number(),
    atRiskClients: z.number().int(),
    /** Buyers more likely than not to buy again within the horizon (drill `buyAgain`). */
    expectedToBuyAgain: z.number().int(),
  }),
  distribution: z.array(LifetimeBucket),
  bySegment: z.array(
    z.object({
      /** The segment as the drill-down `group:segment:<key>` names it; null for clients with none. */
      key: z.string().nullable(),
      label: z.string().nullable(),
      clients: z.number().int(),
      predictedValue: z.number(),
      historicValue: z.number(),
    }),
  ),
});
export type LifetimeReport = z.infer<typeof LifetimeReport>;
