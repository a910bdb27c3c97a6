import { z } from 'zod';
import { AnalyticsQuery, AnalyticsScope } from './analytics.ts';
import { DateOnly } from './fields.ts';

/** A client silent this many days since its last purchase is lost, unless its own rhythm is slower. */
export const LOST_AFTER_DAYS = 180;
/** A client's own allowance is this many times its mean gap between purchase days so far. */
export const OWN_GAP_FACTOR = 2;
/** Cohort columns: the month of the first purchase (0) and the twelve after it. */
export const COHORT_MONTHS = 13;

export const RetentionInput = z.strictObject({ ...AnalyticsQuery.shape });
export type RetentionInput = z.input<typeof RetentionInput>;

const Month = z.string().regex(/^\d{4}-\d{2}$/);

/**
 * Retention over one stretch of days (a month, or the whole period). A client is **active** on a day
 * when it has bought on or before it and its silence since its last purchase is no longer than its
 * allowance: the longer of 180 days and twice its mean gap between purchase days so far (the rule of
 * Today's "going quiet", applied to purchases). It is **lost** on the first day its silence is longer.
 * `activeAtStart` are the clients active the day before the stretch begins; `retained` those of them
 * not lost during it; the rate is `retained / activeAtStart`, `null` with nobody active.
 */
export const RetentionStretch = z.object({
  activeAtStart: z.number().int(),
  retained: z.number().int(),
  /** Clients lost during the stretch (some may have come back since). */
  lost: z.number().int(),
  /** Clients whose first purchase falls in the stretch. */
  newClients: z.number().int(),
  retentionRate: z.number().nullable(),
});
export type RetentionStretch = z.infer<typeof RetentionStretch>;

export const RetentionMonth = RetentionStretch.extend({ month: Month });
export type RetentionMonth = z.infer<typeof RetentionMonth>;

/**
 * The clients whose first purchase was in `month`, and the share of them who bought in each month
 * after: `shares[k]` for month `month + k` (`shares[0]` is 1), `null` for months not yet reached.
 */
export const RetentionCohort = z.object({
  month: Month,
  clients: z.number().int(),
  buyers: z.array(z.number().int().nullable()),
  shares: z.array(z.number().nullable()),
});
export type RetentionCohort = z.infer<typeof RetentionCohort>;

export const RetentionReport = z.object({
  scope: AnalyticsScope,
  /** The last day looked at: the period's end, or today when the period ends later. */
  asOf: DateOnly,
  /** The whole period, with the profit of the retained clients behind the what-if. */
  period: RetentionStretch.extend({
    /** Profit (payments minus refunds and their cost) of the retained clients in the period. */
    retainedProfit: z.number(),
    /** `retainedProfit / retained`; `null` when nobody was retained. */
    profitPerRetained: z.number().nullable(),
  }),
  months: z.array(RetentionMonth),
  /** One row per month of the period in which some client made its first purchase. */
  cohorts: z.array(RetentionCohort),
});
export type RetentionReport = z.infer<typeof RetentionReport>;

/** What keeping more clients would have brought, from `retentionWhatIf`. */
export interface RetentionWhatIf {
  /** Clients kept on top of those retained: never more than those actually lost. */
  extraClients: number;
  /** `extraClients × profitPerRetained`; `null` when no retained client shows what one brings. */
  profitGained: number | null;
}

/**
 * "Keeping N % more clients": N % of the clients active at the start of the period kept on top of
 * those retained (at most all the lost ones), each bringing what a retained client brought on average
 * over the period (`profitPerRetained`).
 */
export function retentionWhatIf(
  period: Pick<RetentionReport['period'], 'activeAtStart' | 'lost' | 'profitPerRetained'>,
  keepMorePercent: number,
): RetentionWhatIf {
  const percent = Number.isFinite(keepMorePercent) ? Math.min(Math.max(keepMorePercent, 0), 100) : 0;
  const extraClients = Math.min(period.lost, (period.activeAtStart * percent) / 100);
  const profitGained =
    period.profitPerRetained === null
      ? null
      : Math.round(extraClients * period.profitPerRetained * 100) / 100;
  return { extraClients, profitGained };
}
