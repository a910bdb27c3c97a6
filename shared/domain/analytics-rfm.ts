import { z } from 'zod';

/**
 * The named RFM segments, from the best clients to the ones gone. Each is a region of the R × F grid
 * (`segmentOf` below says which).
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

/**
 * The named segment of a recency and a frequency score, from the classic RFM grid of R against F
 * (the mapping used by the open-source RFM segment maps: [1-2][1-2] hibernating, [1-2][3-4] at risk,
 * [1-2]5 can't lose them, 3[1-2] about to sleep, 33 need attention, [3-4][4-5] loyal, 41 promising,
 * 51 new, [4-5][2-3] potential loyalists, 5[4-5] champions), with its worst cell, 11, called lost.
 * The monetary score is left to ABC: the grid reads how recently and how often a client buys.
 */
export function segmentOf(r: number, f: number): RfmSegment {
  if (r <= 2) {
    if (f === 5) return 'cantLose';
    if (f >= 3) return 'atRisk';
    return r === 1 && f === 1 ? 'lost' : 'hibernating';
  }
  if (r === 3) {
    if (f <= 2) return 'aboutToSleep';
    return f === 3 ? 'needAttention' : 'loyal';
  }
  if (f === 1) return r === 4 ? 'promising' : 'new';
  if (f <= 3) return 'potentialLoyalists';
  return r === 4 ? 'loyal' : 'champions';
}
