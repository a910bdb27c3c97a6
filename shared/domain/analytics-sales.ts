import { z } from 'zod';
import { lifecycleStages } from '../entities/entities.ts';
import { AnalyticsQuery, AnalyticsScope } from './analytics.ts';

/** The stages of the lifecycle funnel, in the order clients move through them. */
export const funnelStages = ['prospect', 'lead', 'active', 'loyal'] as const;
export type FunnelStage = (typeof funnelStages)[number];
const LifecycleStage = z.enum(lifecycleStages);

/** One stage of the lifecycle: who reached it, who moved on, and how long a stay in it lasts. */
export const LifecycleStageFigures = z.object({
  stage: LifecycleStage,
  /** Clients who were ever in the stage, up to the end of the period. */
  reached: z.number().int(),
  /** Clients who got at least this far in the funnel (this stage or a further one): the funnel's width. */
  reachedOrFurther: z.number().int(),
  /** Of those who were in it, the clients who later reached a further stage of the funnel (by the end of the period). */
  converted: z.number().int(),
  /** converted / reached (0–1); `null` when nobody reached the stage or it is the last of the funnel. */
  conversion: z.number().nullable(),
  /** Clients who entered the stage during the period. */
  entered: z.number().int(),
  /** Clients in the stage now. */
  now: z.number().int(),
  /** The median days from entering the stage to leaving it, over the stays that ended in the period. */
  medianDays: z.number().nullable(),
  /** Stays that ended in the period (the median's sample). */
  completedStays: z.number().int(),
  /** Clients still in the stage at the end of the period: their stays have not ended, so not in the median. */
  openStays: z.number().int(),
});
export type LifecycleStageFigures = z.infer<typeof LifecycleStageFigures>;

/** Clients created in the period from one source (typed sources grouped as people read them). */
export const SourceCount = z.object({
  /** The source, lowercased and trimmed; `null` for clients with none. */
  key: z.string().nullable(),
  /** The most common spelling; `null` for "none". */
  label: z.string().nullable(),
  clients: z.number().int(),
});
export type SourceCount = z.infer<typeof SourceCount>;

export const LifecycleReport = z.object({
  scope: AnalyticsScope,
  /** Every lifecycle stage: the funnel's four, then lapsed and lost. */
  stages: z.array(LifecycleStageFigures),
  /** Clients who lapsed / were lost during the period. */
  lapsed: z.number().int(),
  lost: z.number().int(),
  /** Clients created in the period. */
  newClients: z.number().int(),
  newBySource: z.array(SourceCount),
});
export type LifecycleReport = z.infer<typeof LifecycleReport>;

export const openDealStageNames = ['qualification', 'proposal', 'negotiation'] as const;
const OpenDealStage = z.enum(openDealStageNames);

/** The open deals of one stage. */
export const PipelineStage = z.object({
  stage: OpenDealStage,
  deals: z.number().int(),
  /** Deals with no value: counted, worth nothing in the sums. */
  unpriced: z.number().int(),
  value: z.number(),
  /** Σ value × probability; a deal without a probability takes its stage's default. */
  weighted: z.number(),
  /** The probability used for deals of this stage that have none, in percent. */
  defaultProbability: z.number().int(),
});
export type PipelineStage = z.infer<typeof PipelineStage>;

/** The weighted value of open deals expected to close in one month (`YYYY-MM`), or already overdue. */
export const ForecastMonth = z.object({
  /** `YYYY-MM`, `overdue` (expected before today), `later` (past the horizon) or `unscheduled`. */
  month: z.string(),
  deals: z.number().int(),
  value: z.number(),
  weighted: z.number(),
});
export type ForecastMonth = z.infer<typeof ForecastMonth>;

/** A reason deals were lost (free text grouped case-insensitively). */
export const LostReason = z.object({
  /** Lowercased and trimmed; `null` when no reason was given. */
  key: z.string().nullable(),
  label: z.string().nullable(),
  deals: z.number().int(),
});
export type LostReason = z.infer<typeof LostReason>;

/** What one competitor did in the period. */
export const CompetitorFigures = z.object({
  key: z.string(),
  label: z.string(),
  /** Offers recorded in the period. */
  offers: z.number().int(),
  /** Our deals lost to it, closed in the period. */
  dealsLost: z.number().int(),
  /** The median of (their price − our deal's value) / our value, over offers linked to a priced deal. */
  medianPriceGap: z.number().nullable(),
  /** How many offers the gap is the median of. */
  priceCompared: z.number().int(),
});
export type CompetitorFigures = z.infer<typeof CompetitorFigures>;

export const SalesReport = z.object({
  scope: AnalyticsScope,
  pipeline: z.array(PipelineStage),
  totals: z.object({
    openDeals: z.number().int(),
    openValue: z.number(),
    weighted: z.number(),
    /** Open deals valued in another currency: left out of every amount. */
    otherCurrency: z.number().int(),
  }),
  /** From the overdue ones through the next twelve months, then later and unscheduled. */
  forecast: z.array(ForecastMonth),
  won: z.number().int(),
  lost: z.number().int(),
  /** won / (won + lost) of deals closed in the period; `null` with none closed. */
  winRate: z.number().nullable(),
  /** The mean value of the deals won in the period (in the scope's currency); `null` with none. */
  averageWonValue: z.number().nullable(),
  wonValue: z.number(),
  /** The median days from a won deal's creation to its close; `null` with none won. */
  salesCycleDays: z.number().nullable(),
  lostReasons: z.array(LostReason),
  competitors: z.array(CompetitorFigures),
});
export type SalesReport = z.infer<typeof SalesReport>;

/** How the team page is broken down. */
export const teamDimensions = ['owner', 'region'] as const;
export const TeamDimension = z.enum(teamDimensions);
export type TeamDimension = z.infer<typeof TeamDimension>;

/** The numbers behind one owner's or one region's clients: the drill-downs of the team page. */
export const teamMeasures = ['gained', 'kept', 'lost', 'won'] as const;
export type TeamMeasure = (typeof teamMeasures)[number];

/** One owner's or region's work and results over the period. */
export const TeamRow = z.object({
  /** The team member's id or the region lowercased; `null` for none. */
  key: z.string().nullable(),
  label: z.string().nullable(),
  /** Calls and meetings logged in the period (by their author for owners, by client's region for regions). */
  calls: z.number().int(),
  meetings: z.number().int(),
  /** Follow-ups due in the period, done by their deadline. */
  followupsOnTime: z.number().int(),
  /** Follow-ups due in the period done after it, or still open past it. */
  followupsOverdue: z.number().int(),
  /** Clients created in the period. */
  gained: z.number().int(),
  /** Clients who paid in the period and in the one before it. */
  kept: z.number().int(),
  /** Clients who paid in the period before but not in this one. */
  lost: z.number().int(),
  revenue: z.number(),
  profit: z.number(),
  dealsWon: z.number().int(),
  dealsLost: z.number().int(),
  winRate: z.number().nullable(),
});
export type TeamRow = z.infer<typeof TeamRow>;

export const TeamInput = z.strictObject({
  ...AnalyticsQuery.shape,
  by: TeamDimension.default('owner'),
});
export type TeamInput = z.input<typeof TeamInput>;

export const TeamReport = z.object({
  scope: AnalyticsScope,
  by: TeamDimension,
  rows: z.array(TeamRow),
  /** The period before, of the same length, that "kept" and "lost" compare with. */
  previous: z.object({ from: z.string(), to: z.string() }),
});
export type TeamReport = z.infer<typeof TeamReport>;
