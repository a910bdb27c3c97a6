import { z } from 'zod';
import { AnalyticsQuery, AnalyticsScope } from './analytics.ts';
import { Id } from './common.ts';
import { AbcClass, RfmScores, RfmScore, RfmSegment } from './analytics-rfm.ts';
import { DateOnly } from './fields.ts';

export const SegmentsInput = z.strictObject({ ...AnalyticsQuery.shape });
export type SegmentsInput = z.input<typeof SegmentsInput>;

/** A named segment's clients and what they brought. */
export const SegmentSize = z.object({
  segment: RfmSegment,
  clients: z.number().int(),
  revenue: z.number(),
  /** Its share of the paying clients' revenue (0–1); 0 when there is none. */
  revenueShare: z.number(),
});

/** An ABC class's clients and revenue, with their shares of the paying clients and of the revenue. */
export const AbcSize = z.object({
  abc: AbcClass,
  clients: z.number().int(),
  revenue: z.number(),
  clientShare: z.number(),
  revenueShare: z.number(),
});

/** One cell of the R × F grid: how many paying clients have these recency and frequency scores. */
export const RfmGridCell = z.object({ r: RfmScore, f: RfmScore, clients: z.number().int() });

/** A client that looks like a VIP (in A or a champion) but is not marked one. */
export const VipSuggestion = z.object({
  clientId: Id,
  name: z.string(),
  revenue: z.number(),
  abc: AbcClass,
  rfm: RfmScores,
});
export type VipSuggestion = z.infer<typeof VipSuggestion>;

/** The most VIP suggestions listed; "Mark all" marks every one, listed or not. */
export const VIP_SUGGESTIONS_LISTED = 50;

export const SegmentsReport = z.object({
  scope: AnalyticsScope,
  /** The day recency is counted to: the period's end, or today when the period ends later. */
  asOf: DateOnly,
  /** Clients whose revenue in the period (payments minus refunds) is above zero: the ones scored. */
  payingClients: z.number().int(),
  revenue: z.number(),
  /** Every segment, in the order of `rfmSegments`, empty ones included. */
  segments: z.array(SegmentSize),
  /** The 25 cells, R 5 → 1 then F 1 → 5. */
  grid: z.array(RfmGridCell),
  abc: z.array(AbcSize),
  vipSuggestions: z.object({
    /** Every suggested client, listed or not. */
    total: z.number().int(),
    /** The first `VIP_SUGGESTIONS_LISTED` by revenue. */
    items: z.array(VipSuggestion),
  }),
});
export type SegmentsReport = z.infer<typeof SegmentsReport>;

export const MarkVipResult = z.object({ marked: z.number().int() });
