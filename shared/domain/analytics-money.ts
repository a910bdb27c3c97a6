import { z } from 'zod';
import { serviceRequestPriorities } from '../entities/entities.ts';
import { AnalyticsQuery, AnalyticsScope } from './analytics.ts';
import { Id } from './common.ts';

/**
 * Payment discipline, campaigns and service (issue 15 §8–10): what clients owe and how late they pay,
 * what each campaign brought back, and how service requests are handled.
 */

/** Receivables aging buckets: not yet due, then days past due (1–30, 31–60, 61–90, over 90). */
export const agingBuckets = ['notDue', '0-30', '31-60', '61-90', '90+'] as const;
export type AgingBucket = (typeof agingBuckets)[number];

/** The bucket of an unpaid invoice `daysPastDue` days after its due day (0 or less: not yet due). */
export function agingBucketOf(daysPastDue: number): AgingBucket {
  if (daysPastDue <= 0) return 'notDue';
  if (daysPastDue <= 30) return '0-30';
  if (daysPastDue <= 60) return '31-60';
  if (daysPastDue <= 90) return '61-90';
  return '90+';
}

/** How reliably a client pays: good, to watch, or poor. */
export const solvencyRatings = ['good', 'watch', 'poor'] as const;
export type SolvencyRating = (typeof solvencyRatings)[number];

/**
 * A client's rating from its invoices: good when at least 90 % were paid on time and they were 5 days
 * late or less on average; poor below 60 % on time or over 30 days late on average; else to watch.
 * `null` with no invoice to judge by.
 */
export function solvencyRatingOf(
  onTimeShare: number | null,
  averageDaysLate: number | null,
): SolvencyRating | null {
  if (onTimeShare === null || averageDaysLate === null) return null;
  if (onTimeShare < 0.6 || averageDaysLate > 30) return 'poor';
  if (onTimeShare >= 0.9 && averageDaysLate <= 5) return 'good';
  return 'watch';
}

/**
 * Days sales outstanding: receivables at the end over the revenue of the period, times its days.
 * `null` when there was no revenue (or no day) to divide by.
 */
export function daysSalesOutstanding(receivables: number, revenue: number, days: number): number | null {
  if (revenue <= 0 || days <= 0) return null;
  return (receivables / revenue) * days;
}

/** Return on investment (gain − cost) / cost; `null` without a cost to divide by. */
export function returnOnInvestment(gain: number, cost: number | null): number | null {
  if (cost === null || cost <= 0) return null;
  return (gain - cost) / cost;
}

/** The median of some numbers; `null` for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? null)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** One client's payment discipline over invoices due in the period, as of its end. */
export const ClientPaymentDiscipline = z.object({
  clientId: Id,
  name: z.string(),
  /** Unpaid invoices past due at the end of the period. */
  overdue: z.number(),
  /** Unpaid invoices not yet due. */
  notDue: z.number(),
  /** Days the oldest unpaid invoice is past due (0 when none is). */
  oldestDaysPastDue: z.number().int(),
  /** Invoices judged: due in the period and paid, or unpaid and past due. */
  invoices: z.number().int(),
  averageDaysLate: z.number().nullable(),
  onTimeShare: z.number().nullable(),
  rating: z.enum(solvencyRatings).nullable(),
});
export type ClientPaymentDiscipline = z.infer<typeof ClientPaymentDiscipline>;

export const AgingRow = z.object({
  bucket: z.enum(agingBuckets),
  amount: z.number(),
  invoices: z.number().int(),
  clients: z.number().int(),
});
export type AgingRow = z.infer<typeof AgingRow>;

export const PaymentDisciplineReport = z.object({
  scope: AnalyticsScope,
  /** The day receivables are counted at: the period's end, or today when it ends later. */
  asOf: z.string(),
  /** Days from the period's start to `asOf`. */
  days: z.number().int(),
  receivables: z.number(),
  overdue: z.number(),
  revenue: z.number(),
  dso: z.number().nullable(),
  aging: z.array(AgingRow),
  /** Over every invoice judged in the period. */
  invoices: z.number().int(),
  onTimeShare: z.number().nullable(),
  averageDaysLate: z.number().nullable(),
  /** Clients rated "watch" or "poor". */
  latePayers: z.number().int(),
  /** The clients owing the most past due, largest first (at most 20). */
  mostOverdue: z.array(ClientPaymentDiscipline),
  /** The clients paying latest on average, latest first (at most 20). */
  latest: z.array(ClientPaymentDiscipline),
});
export type PaymentDisciplineReport = z.infer<typeof PaymentDisciplineReport>;

export const ClientPaymentsInput = z.strictObject({ id: Id });

/** A client's solvency over the last 12 months, in every currency, for its header. */
export const ClientPayments = z.object({
  scope: AnalyticsScope,
  clientId: Id,
  invoices: z.number().int(),
  onTime: z.number().int(),
  onTimeShare: z.number().nullable(),
  averageDaysLate: z.number().nullable(),
  /** Unpaid invoices past due today. */
  overdueInvoices: z.number().int(),
  rating: z.enum(solvencyRatings).nullable(),
  solvencyNotes: z.string().nullable(),
});
export type ClientPayments = z.infer<typeof ClientPayments>;

/** One campaign's reach and return within the attribution window. */
export const CampaignResult = z.object({
  campaignId: Id,
  name: z.string(),
  channel: z.string().nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  members: z.number().int(),
  responses: z.number().int(),
  responseRate: z.number().nullable(),
  /** Members who paid within their window. */
  buyers: z.number().int(),
  /** Buyers whose first purchase ever fell within their window. */
  acquired: z.number().int(),
  dealsWon: z.number().int(),
  /** Value of those deals in the scope's currency. */
  dealsWonValue: z.number(),
  revenue: z.number(),
  /** Revenue minus the cost recorded on those payments. */
  profit: z.number(),
  /** The campaign's cost as recorded, in its own currency. */
  cost: z.object({ amount: z.number(), currency: z.string() }).nullable(),
  /** False when the cost is in another currency than the figures: ROI and cost per client are then null. */
  costComparable: z.boolean(),
  roi: z.number().nullable(),
  profitRoi: z.number().nullable(),
  costPerAcquired: z.number().nullable(),
});
export type CampaignResult = z.infer<typeof CampaignResult>;

export const CampaignsReport = z.object({
  scope: AnalyticsScope,
  attributionDays: z.number().int(),
  campaigns: z.array(CampaignResult),
});
export type CampaignsReport = z.infer<typeof CampaignsReport>;

export const serviceResolutionBuckets = [
  'under1h',
  '1to4h',
  '4to24h',
  '1to3d',
  '3to7d',
  '7to30d',
  'over30d',
] as const;
export type ServiceResolutionBucket = (typeof serviceResolutionBuckets)[number];

/** The bucket of a resolution time in hours. */
export function resolutionBucketOf(hours: number): ServiceResolutionBucket {
  if (hours < 1) return 'under1h';
  if (hours < 4) return '1to4h';
  if (hours < 24) return '4to24h';
  if (hours < 72) return '1to3d';
  if (hours < 168) return '3to7d';
  if (hours < 720) return '7to30d';
  return 'over30d';
}

export const ServiceReport = z.object({
  scope: AnalyticsScope,
  opened: z.number().int(),
  resolved: z.number().int(),
  /** Requests not resolved or closed now, by priority (every priority listed). */
  openNow: z.array(z.object({ priority: z.enum(serviceRequestPriorities), requests: z.number().int() })),
  openNowTotal: z.number().int(),
  /** Median hours from opening to resolution of the requests resolved in the period. */
  medianResolutionHours: z.number().nullable(),
  resolutionTimes: z.array(
    z.object({ bucket: z.enum(serviceResolutionBuckets), requests: z.number().int() }),
  ),
  /** Month (YYYY-MM) by month of the period. */
  byMonth: z.array(z.object({ month: z.string(), opened: z.number().int(), resolved: z.number().int() })),
  /** Clients who opened requests in the period. */
  requesters: z.number().int(),
  /** Requests per client among those. */
  averagePerRequester: z.number().nullable(),
  /** The clients opening the most requests (at most 10). */
  mostRequests: z.array(
    z.object({ clientId: Id, name: z.string(), requests: z.number().int(), open: z.number().int() }),
  ),
  /** Ratings (1–5) of requests resolved in the period. */
  rated: z.number().int(),
  averageRating: z.number().nullable(),
  ratings: z.array(z.object({ rating: z.number().int(), requests: z.number().int() })),
});
export type ServiceReport = z.infer<typeof ServiceReport>;

/** The input of the three pages: the period and filters. */
export const MoneyPageInput = z.strictObject({ ...AnalyticsQuery.shape });
