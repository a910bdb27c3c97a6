import { z } from 'zod';

/**
 * The named RFM segments, from the best clients to the ones gone. Each is a region of the R × F grid
 * (db/analytics/figures/segments.ts `segmentOf` says which).
 */
export const rfmSegments = [
  'champions',
  'loyal',
  'potentialLoyalists',
  'new',
  'promising',
  'needAttention',
  'aboutToSleep',
  'atRisk',
  'cantLose',
  'hibernating',
  'lost',
] as const;
export const RfmSegment = z.enum(rfmSegments);
export type RfmSegment = z.infer<typeof RfmSegment>;

/** ABC classes by revenue: A makes the first 80 %, B the next 15 %, C the rest. */
export const abcClasses = ['A', 'B', 'C'] as const;
export const AbcClass = z.enum(abcClasses);
export type AbcClass = z.infer<typeof AbcClass>;

/** An RFM score: 1 (worst) to 5 (best). */
export const RfmScore = z.number().int().min(1).max(5);

/**
 * A paying client's RFM scores (1–5, 5 best): recency (days since its last purchase), frequency
 * (distinct purchase days in the period) and monetary value (revenue in the period), as quintiles among
 * the paying clients of the same scope; `score` is the three digits ("545"), `segment` its name.
 */
export const RfmScores = z.object({
  r: RfmScore,
  f: RfmScore,
  m: RfmScore,
  score: z.string().regex(/^[1-5]{3}$/),
  segment: RfmSegment,
});
export type RfmScores = z.infer<typeof RfmScores>;
